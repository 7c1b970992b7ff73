import {describe, expect, it} from 'vitest';
import {findErrorRow} from '../../source/state/error-search.js';
import {item} from './fixtures.js';

const rows = [item(0), item(1, {status_code: 504}), item(2), item(3, {status_code: 422}), item(4, {status_code: null})];

describe('error search', () => {
	it('finds the next and previous server or user error, not the current row', () => {
		expect(findErrorRow(rows, 0, 1)).toBe(1);
		expect(findErrorRow(rows, 1, 1)).toBe(3);
		expect(findErrorRow(rows, 3, 1)).toBeUndefined();
		expect(findErrorRow(rows, 3, -1)).toBe(1);
		expect(findErrorRow(rows, 1, -1)).toBeUndefined();
	});
});
