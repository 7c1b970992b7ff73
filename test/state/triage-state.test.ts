import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {examinedFailures, failedRows, nextFailureFetch, recordFailurePage, unknownFailures} from '../../source/state/failure-outputs.js';
import {RowList} from '../../source/state/row-list.js';
import {feedReducer, initialFeed} from '../../source/state/feed.js';
import {reanchor} from '../../source/state/list-window.js';

function row(n: number, code: number | null = 200): RequestItem {
	const time = new Date(Date.UTC(2026, 10, 28, 12, 0, 0) - n * 1000).toISOString();
	return {request_id: `id-${n}`, endpoint_id: 'fal-ai/flux/dev', sent_at: time, started_at: time, ended_at: code === null ? null : time, status_code: code, duration: 1, runner_id: null};
}

describe('follow state', () => {
	it('puts new rows on top once, and drops them when a later page repeats them', () => {
		const query = {endpointIds: ['fal-ai/flux/dev']};
		let feed = feedReducer(initialFeed(), {type: 'reset', query});
		feed = feedReducer(feed, {type: 'loaded', generation: feed.generation, cursor: undefined, page: {items: [row(1), row(2)], next_cursor: 'Mg==', has_more: true}, at: 0});
		feed = feedReducer(feed, {type: 'prepended', generation: feed.generation, items: [row(0), row(1)]});
		expect(feed.rows.slice().map(item => item.request_id)).toEqual(['id-0', 'id-1', 'id-2']);
		feed = feedReducer(feed, {type: 'loaded', generation: feed.generation, cursor: 'Mg==', page: {items: [row(0), row(3)], next_cursor: null, has_more: false}, at: 0});
		expect(feed.rows.slice().map(item => item.request_id)).toEqual(['id-0', 'id-1', 'id-2', 'id-3']);
	});

	it('keeps the cursor on its request when rows are put on top or filtered', () => {
		const before = [row(1), row(2), row(3)];
		const after = [row(0), ...before];
		expect(reanchor({cursor: 1, top: 0}, before, after, {count: 4, height: 10})).toEqual({cursor: 2, top: 0});
		expect(reanchor({cursor: 2, top: 2}, before, after, {count: 4, height: 1})).toEqual({cursor: 3, top: 3});
		expect(reanchor({cursor: 2, top: 0}, before, [row(3)], {count: 1, height: 10})).toEqual({cursor: 0, top: 0});
	});
});

describe('failure outputs', () => {
	it('asks for one status over the span of the unknown failed rows, with payloads, and records the answer', () => {
		const rows = [row(1, 200), row(2, 504), row(3, 422), row(4, 500)];
		const outputs = new Map<string, unknown>();
		const unknown = unknownFailures(rows, outputs);
		expect(unknown.map(item => item.request_id)).toEqual(['id-2', 'id-3', 'id-4']);
		const fetch = nextFailureFetch({endpointIds: ['fal-ai/flux/dev'], cursor: 'Mg=='}, unknown)!;
		expect(fetch.query).toMatchObject({status: 'error', expand: ['payloads'], limit: 100, start: row(4).ended_at, end: new Date(Date.parse(row(2).ended_at!) + 1).toISOString()});
		expect(fetch.query.cursor).toBeUndefined();
		recordFailurePage(outputs, fetch, {items: [{...row(2, 504), json_output: {detail: 'timed out after 300 s', error_type: 'request_timeout'}}], next_cursor: null, has_more: false});
		expect(outputs.has('id-4')).toBe(true);
		expect(unknownFailures(rows, outputs).map(item => item.request_id)).toEqual(['id-3']);
		const examined = examinedFailures(failedRows(rows), outputs);
		expect(examined.failed).toBe(3);
		expect(examined.rows.map(item => item.request_id)).toEqual(['id-2', 'id-4']);
	});

	it('picks the failed rows out of a RowList as out of a plain array, whatever their status codes', () => {
		const odd = (n: number, code: number) => ({...row(n), status_code: code});
		const rows = [row(1, 200), row(2, 504), row(3, null), odd(4, 399), odd(5, 422.5), odd(6, 40_000), odd(7, 400), row(8, 500)];
		const failed = failedRows(rows);
		expect(failed.map(item => item.request_id)).toEqual(['id-2', 'id-5', 'id-6', 'id-7', 'id-8']);
		expect(failedRows(RowList.from(rows))).toEqual(failed);
		expect(examinedFailures(failed, new Map()).failed).toBe(5);
	});

	it('asks for the span of as many failed rows as an outage brings', () => {
		const many = Array.from({length: 200_000}, (_, n) => row(n, 503));
		expect(nextFailureFetch({endpointIds: ['fal-ai/flux/dev']}, many)?.query).toMatchObject({start: row(199_999).ended_at, status: 'error'});
	});
});
