import {describe, expect, it} from 'vitest';
import {isAppendedTo, RowList} from '../../source/state/row-list.js';
import {id, item} from './fixtures.js';

const ids = (rows: Iterable<{request_id: string}>) => Array.from(rows, row => row.request_id);
const range = (from: number, to: number) => Array.from({length: to - from}, (_, index) => item(from + index));

describe('RowList', () => {
	it('keeps rows in order, each request once, however often a page repeats it', () => {
		const list = RowList.from(range(0, 3)).append([item(2), item(3), item(3), item(4)]);
		expect(ids(list)).toEqual([id(0), id(1), id(2), id(3), id(4)]);
		expect(list).toHaveLength(5);
		expect(list.at(4)?.request_id).toBe(id(4));
		expect(list.at(-1)?.request_id).toBe(id(4));
		expect(list.at(5)).toBeUndefined();
		expect(ids(list.slice(1, 3))).toEqual([id(1), id(2)]);
		expect(list.indexOf(id(3))).toBe(3);
		expect(list.append([item(1)])).toBe(list);
	});

	it('leaves every earlier list as it was, as a reducer run twice on the same state needs', () => {
		const first = RowList.from(range(0, 2));
		const longer = first.append(range(2, 4));
		// Appended to the shorter list again: its own rows, not the longer list's.
		const again = first.append([item(9), item(2)]);
		expect(ids(first)).toEqual([id(0), id(1)]);
		expect(first.has(id(2))).toBe(false);
		expect(ids(longer)).toEqual([id(0), id(1), id(2), id(3)]);
		expect(ids(again)).toEqual([id(0), id(1), id(9), id(2)]);
		expect(longer.has(id(9))).toBe(false);
		expect(ids(longer.append([item(4)]))).toEqual([id(0), id(1), id(2), id(3), id(4)]);
	});

	it('tells an appended list from a new one', () => {
		const first = RowList.from(range(0, 2));
		const longer = first.append(range(2, 4));
		expect(isAppendedTo(longer, first)).toBe(true);
		expect(isAppendedTo(first, first)).toBe(true);
		expect(isAppendedTo(first, longer)).toBe(false);
		expect(isAppendedTo(RowList.from(range(0, 4)), first)).toBe(false);
		expect(isAppendedTo(first.append([item(9)]), longer)).toBe(false);
		expect(isAppendedTo(range(0, 4), range(0, 2))).toBe(false);
	});

	it('gives back rows equal to those given', () => {
		const rows = [item(0, {runner_id: null}), item(1, {endpoint_id: 'acme/upscaler/hd', ended_at: null, status_code: null, duration: null})];
		expect(RowList.from(rows).slice()).toEqual(rows);
	});
});
