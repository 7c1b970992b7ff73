import {describe, expect, it} from 'vitest';
import {findErrorRow} from '../../source/state/error-search.js';
import {RowList} from '../../source/state/row-list.js';
import {item} from './fixtures.js';

const rows = [item(0), item(1, {status_code: 504}), item(2), item(3, {status_code: 422}), item(4, {status_code: null})];

describe('error search', () => {
	it('finds the next and previous server or user error, not the current row, in a RowList as in a plain array', () => {
		for (const list of [rows, RowList.from(rows)]) {
			expect(findErrorRow(list, 0, 1)).toBe(1);
			expect(findErrorRow(list, 1, 1)).toBe(3);
			expect(findErrorRow(list, 3, 1)).toBeUndefined();
			expect(findErrorRow(list, 3, -1)).toBe(1);
			expect(findErrorRow(list, 1, -1)).toBeUndefined();
		}
	});

	it('reads odd status codes alike from packed rows and from rows kept as they came', () => {
		const odd = [200, 399, 400, 422.5, 499, 500, 599, 600, 40_000, null].map((code, n) => item(n, {status_code: code}));
		const stops = (list: typeof odd | RowList) => Array.from({length: odd.length}, (_, from) => [findErrorRow(list, from, 1), findErrorRow(list, from, -1)]);
		expect(stops(RowList.from(odd))).toEqual(stops(odd));
	});
});
