import {describe, expect, it} from 'vitest';
import {RowList} from '../../source/state/row-list.js';
import {isNewestFirst, isRunning, leadingRunning, runningFirst} from '../../source/triage/running.js';
import {makeRow} from './rows.js';

const running = () => makeRow({ended_at: null, status_code: null, duration: null});
const ids = (rows: Iterable<{request_id: string}>) => Array.from(rows, row => row.request_id);

describe('running requests', () => {
	it('are those without an end', () => {
		expect(isRunning(running())).toBe(true);
		expect(isRunning(makeRow())).toBe(false);
		expect(isRunning(makeRow({status_code: null}))).toBe(false);
	});

	it('come first, each group in the order given', () => {
		const [a, b, c, d, e] = [makeRow(), running(), makeRow(), running(), makeRow()];
		expect(ids(runningFirst([a!, b!, c!, d!, e!]))).toEqual(ids([b!, d!, a!, c!, e!]));
		expect(runningFirst([])).toEqual([]);
	});

	it('are counted on top of a list, in a RowList as in a plain array', () => {
		const rows = [running(), running(), makeRow(), running()];
		expect(leadingRunning(rows)).toBe(2);
		expect(leadingRunning(RowList.from(rows))).toBe(2);
		expect(leadingRunning([makeRow(), running()])).toBe(0);
		expect(leadingRunning([running()])).toBe(1);
		expect(leadingRunning([])).toBe(0);
	});

	it('belong on top when rows are listed newest first, the default order', () => {
		expect(isNewestFirst(undefined)).toBe(true);
		expect(isNewestFirst('ended_at')).toBe(true);
		expect(isNewestFirst('duration')).toBe(false);
	});
});
