import {describe, expect, it} from 'vitest';
import type {RequestItem, RequestPage} from '../../source/api/types.js';
import {RowList} from '../../source/state/row-list.js';
import {
	followIntervalMs,
	followOff,
	followQuery,
	followReducer,
	mergeNewer,
	needsAnotherPage,
	newestEnd,
	pollDelay,
	unseenLabel,
	type FollowState,
} from '../../source/triage/follow.js';
import {makeRow} from './rows.js';

const top = makeRow({ended_at: '2026-03-01T12:10:00Z'});
const middle = makeRow({ended_at: '2026-03-01T12:05:00.5Z'});
const running = makeRow({ended_at: null, status_code: null, duration: null});
const loaded = [top, middle, running];

describe('followQuery', () => {
	it('asks for the newest requests from the top end time up to now, a full page at a time', () => {
		const query = {endpointIds: ['fal-ai/flux/dev'], status: 'error' as const, start: '2026-03-01T00:00:00Z', end: '2026-03-01T13:00:00Z', cursor: 'Mg=='};
		expect(followQuery(query, loaded)).toEqual({endpointIds: ['fal-ai/flux/dev'], status: 'error', start: '2026-03-01T12:10:00Z', sortBy: 'ended_at', limit: 100});
	});

	it('starts from the newest end even when rows are sorted otherwise, and from the window start with nothing loaded', () => {
		expect(newestEnd([middle, running, top])).toBe(top.ended_at);
		expect(newestEnd(RowList.from([middle, running, top]))).toBe(top.ended_at);
		expect(newestEnd(RowList.from([running]))).toBeUndefined();
		expect(followQuery({endpointIds: ['a/b'], start: '2026-03-01T00:00:00Z', sortBy: 'duration'}, [running])).toMatchObject({start: '2026-03-01T00:00:00Z', sortBy: 'ended_at'});
		expect(followQuery({endpointIds: ['a/b']}, [])).not.toHaveProperty('start');
	});
});

describe('mergeNewer', () => {
	/** The rows after the merge, as the feed puts them together. */
	const merged = (rows: readonly RequestItem[], incoming: RequestItem[], cursor: number) => {
		const merge = mergeNewer(RowList.from(rows), incoming, cursor);
		return {...merge, rows: [...RowList.from(rows).insert(merge.fresh, {replaced: merge.replaced})]};
	};

	it('puts new rows on top and keeps the cursor on the same request', () => {
		const fresh = [makeRow({ended_at: '2026-03-01T12:12:00Z'}), makeRow({ended_at: '2026-03-01T12:11:00Z'})];
		const merge = merged(loaded, [...fresh, top], 1);
		expect(merge.rows.map(row => row.request_id)).toEqual([...fresh, ...loaded].map(row => row.request_id));
		expect(merge).toMatchObject({added: 2, updated: 0, shift: 2, cursor: 3});
		expect(merge.rows[merge.cursor]).toEqual(middle);
	});

	it('puts fresh running rows first, above the fresh finished ones, each in the order the API gave them', () => {
		// The API sends rows without an end last; they are the newest.
		const finished = [makeRow({ended_at: '2026-03-01T12:12:00Z'}), makeRow({ended_at: '2026-03-01T12:11:00Z'})];
		const fresh = [makeRow({ended_at: null, status_code: null, duration: null}), makeRow({ended_at: null, status_code: null, duration: null})];
		const merge = merged(loaded, [...finished, top, ...fresh], 1);
		expect(merge.rows.map(row => row.request_id)).toEqual([...fresh, ...finished, ...loaded].map(row => row.request_id));
		expect(merge).toMatchObject({added: 4, shift: 4, cursor: 5});
		expect(merge.rows[merge.cursor]).toEqual(middle);
	});

	it('drops rows already loaded and repeated rows, so nothing appears twice', () => {
		const fresh = makeRow({ended_at: '2026-03-01T12:12:00Z'});
		const merge = merged(loaded, [fresh, fresh, top, middle], 0);
		expect(merge.rows).toEqual([fresh, ...loaded]);
		expect(new Set(merge.rows.map(row => row.request_id)).size).toBe(merge.rows.length);
		expect(merged(loaded, [top], 2)).toMatchObject({rows: loaded, added: 0, shift: 0, cursor: 2});
	});

	it('replaces a running row in place when it comes back ended', () => {
		const ended = {...running, ended_at: '2026-03-01T12:11:00Z', status_code: 500, duration: 3};
		const merge = merged(loaded, [ended], 2);
		expect(merge.rows).toEqual([top, middle, ended]);
		expect(merge).toMatchObject({added: 0, updated: 1, cursor: 2, shift: 0});
	});

	it('takes the first rows as they are when nothing was loaded', () => {
		expect(merged([], [top, middle], 0)).toMatchObject({rows: [top, middle], added: 2, shift: 0, cursor: 0});
	});

	it('merges into a plain array of rows as into a RowList', () => {
		const ended = {...running, ended_at: '2026-03-01T12:11:00Z'};
		const fresh = makeRow({ended_at: '2026-03-01T12:12:00Z'});
		const fromArray = mergeNewer(loaded, [fresh, ended, top], 1);
		expect(fromArray).toEqual(mergeNewer(RowList.from(loaded), [fresh, ended, top], 1));
		expect(fromArray).toMatchObject({fresh: [fresh], replaced: new Map([[2, ended]]), cursor: 2});
	});
});

describe('pollDelay', () => {
	it('polls every 5 s, doubles after each failure up to 60 s', () => {
		expect([0, 1, 2, 3, 4, 5, 20].map(failures => pollDelay(failures))).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
		expect(60_000 / followIntervalMs).toBe(12);
	});

	it('waits as long as Retry-After asks, however long', () => {
		expect(pollDelay(1, 30_000)).toBe(30_000);
		expect(pollDelay(4, 1000)).toBe(60_000);
		// However long the server asks for: the status bar says when the next try is.
		expect(pollDelay(1, 3_600_000)).toBe(3_600_000);
	});
});

describe('followReducer', () => {
	const on = followReducer(followOff, {type: 'start'});

	it('counts rows added while scrolled away as "N new", and clears them at the top', () => {
		let state = followReducer(on, {type: 'polled', added: 2, isScrolledAway: true});
		state = followReducer(state, {type: 'polled', added: 3, isScrolledAway: true});
		expect(unseenLabel(state)).toBe('5 new');
		expect(followReducer(state, {type: 'seen'}).unseen).toBe(0);
		expect(followReducer(state, {type: 'polled', added: 1, isScrolledAway: false}).unseen).toBe(0);
		expect(unseenLabel(on)).toBe('');
	});

	it('counts failures for the backoff and resets them on success', () => {
		let state: FollowState = followReducer(on, {type: 'failed', retryAt: 0, message: 'The API did not answer.'});
		state = followReducer(state, {type: 'failed', retryAt: 0, message: 'The API did not answer.'});
		expect(state).toMatchObject({failures: 2, error: 'The API did not answer.'});
		expect(pollDelay(state.failures)).toBe(20_000);
		expect(followReducer(state, {type: 'polled', added: 0, isScrolledAway: false})).toEqual({isOn: true, failures: 0, unseen: 0});
	});

	it('ignores poll results that arrive after the user stopped following', () => {
		const off = followReducer(on, {type: 'stop'});
		expect(off).toBe(followOff);
		expect(followReducer(off, {type: 'polled', added: 4, isScrolledAway: true})).toBe(off);
		expect(followReducer(off, {type: 'failed', retryAt: 0, message: 'x'})).toBe(off);
	});
});
