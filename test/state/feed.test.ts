import {describe, expect, it} from 'vitest';
import type {Query, RequestItem, RequestPage} from '../../source/api/types.js';
import {describeLoad, feedReducer, initialFeed, isPrefetchDue, nextPageRequest, type FeedState} from '../../source/state/feed.js';
import {id, item, page} from './fixtures.js';

const query: Query = {endpointIds: ['fal-ai/flux/dev']};
const other: Query = {endpointIds: ['fal-ai/flux/schnell']};
const clock = (ms: number) => `at ${ms}`;

function started(): FeedState {
	return feedReducer(initialFeed(), {type: 'reset', query});
}

/** The page asked for with `cursor`, and its answer. */
function load(state: FeedState, cursor: string | undefined, answer: RequestPage): FeedState {
	const asked = feedReducer(state, {type: 'requested', generation: state.generation, cursor});
	return feedReducer(asked, {type: 'loaded', generation: state.generation, cursor, page: answer, at: 0});
}

const running = (n: number) => item(n, {ended_at: null, status_code: null, duration: null});
const pageOf = (items: RequestItem[], nextCursor: string | null): RequestPage => ({items, next_cursor: nextCursor, has_more: nextCursor !== null});
const ids = (state: FeedState) => state.rows.slice().map(row => row.request_id);
const idsOf = (...ns: number[]) => ns.map(n => id(n));

function loadFirst(state: FeedState, nextCursor: string | null = 'Mg=='): FeedState {
	const asked = feedReducer(state, {type: 'requested', generation: state.generation, cursor: undefined});
	return feedReducer(asked, {type: 'loaded', generation: state.generation, cursor: undefined, page: page(0, 50, nextCursor), at: 0});
}

describe('feed', () => {
	it('asks for the first page, then the next cursor, one page at a time', () => {
		let state = started();
		expect(nextPageRequest(state)).toEqual({cursor: undefined});
		state = feedReducer(state, {type: 'requested', generation: state.generation, cursor: undefined});
		expect(nextPageRequest(state)).toBeUndefined();
		expect(describeLoad(state, clock)).toBe('loading…');
		state = feedReducer(state, {type: 'loaded', generation: state.generation, cursor: undefined, page: page(0, 50, 'Mg=='), at: 0});
		expect(state.rows).toHaveLength(50);
		expect(nextPageRequest(state)).toEqual({cursor: 'Mg=='});
		expect(describeLoad(state, clock)).toBe('50 rows, more available');
	});

	it('drops rows a shifted page repeats, and says how many', () => {
		let state = loadFirst(started());
		state = feedReducer(state, {type: 'requested', generation: state.generation, cursor: 'Mg=='});
		state = feedReducer(state, {type: 'loaded', generation: state.generation, cursor: 'Mg==', page: page(45, 95, 'Mw=='), at: 0});
		expect(state.rows).toHaveLength(95);
		expect(new Set(state.rows.slice().map(row => row.request_id)).size).toBe(95);
		expect(state.lastDuplicates).toBe(5);
	});

	it('stops with an error instead of looping on a cursor it has already used', () => {
		let state = loadFirst(started());
		state = feedReducer(state, {type: 'requested', generation: state.generation, cursor: 'Mg=='});
		state = feedReducer(state, {type: 'loaded', generation: state.generation, cursor: 'Mg==', page: page(50, 100, 'Mg=='), at: 0});
		expect(state.hasMore).toBe(false);
		expect(state.error?.message).toMatch(/already sent/);
		expect(state.error?.isRetryable).toBe(false);
		expect(nextPageRequest(state)).toBeUndefined();
		// The rows loaded before the bad page stay.
		expect(state.rows).toHaveLength(50);
	});

	it('drops a late answer for filters that were replaced', () => {
		const first = started();
		const asked = feedReducer(first, {type: 'requested', generation: first.generation, cursor: undefined});
		const replaced = feedReducer(asked, {type: 'reset', query: other});
		const late = feedReducer(replaced, {type: 'loaded', generation: first.generation, cursor: undefined, page: page(0, 50, 'Mg=='), at: 0});
		expect(late).toBe(replaced);
		expect(late.rows).toHaveLength(0);
		expect(late.query).toBe(other);
		const lateFailure = feedReducer(replaced, {type: 'failed', generation: first.generation, cursor: undefined, error: {kind: 'server', message: 'x', isRetryable: true}});
		expect(lateFailure.error).toBeUndefined();
	});

	it('keeps every loaded row beside an error, and asks again for the same page after a retry', () => {
		let state = loadFirst(started());
		state = feedReducer(state, {type: 'requested', generation: state.generation, cursor: 'Mg=='});
		state = feedReducer(state, {type: 'failed', generation: state.generation, cursor: 'Mg==', error: {kind: 'server', message: 'The API failed.', isRetryable: true}});
		expect(state.rows).toHaveLength(50);
		expect(state.error?.message).toBe('The API failed.');
		expect(nextPageRequest(state)).toBeUndefined();
		state = feedReducer(state, {type: 'retry'});
		expect(nextPageRequest(state)).toEqual({cursor: 'Mg=='});
	});

	it('prefetches when the cursor is within a screenful or the threshold of the last row', () => {
		const state = loadFirst(started());
		expect(isPrefetchDue(state, 0, {screenful: 20, threshold: 10})).toBe(false);
		expect(isPrefetchDue(state, 30, {screenful: 20, threshold: 10})).toBe(true);
		expect(isPrefetchDue(state, 25, {screenful: 10, threshold: 30})).toBe(true);
		expect(isPrefetchDue(state, 15, {screenful: 10, threshold: 30})).toBe(false);
		const last = loadFirst(started(), null);
		expect(isPrefetchDue(last, 49, {screenful: 20})).toBe(false);
		expect(describeLoad(last, clock)).toBe('50 rows, all loaded');
	});

	it('keeps the rows of earlier states as they were, and starts afresh for new filters', () => {
		const first = loadFirst(started());
		const asked = feedReducer(first, {type: 'requested', generation: first.generation, cursor: 'Mg=='});
		const loaded = {type: 'loaded', generation: first.generation, cursor: 'Mg==', page: page(50, 100, 'Mw=='), at: 0} as const;
		const second = feedReducer(asked, loaded);
		// The same answer given to the same state again (as React may): the same rows, no repeats.
		const twice = feedReducer(asked, loaded);
		expect(first.rows).toHaveLength(50);
		expect(twice.rows.slice()).toEqual(second.rows.slice());
		expect(second.rows).toHaveLength(100);
		const reset = feedReducer(second, {type: 'reset', query: other});
		expect(reset.rows).toHaveLength(0);
		const again = loadFirst(reset);
		expect(again.rows).toHaveLength(50);
		expect(again.lastDuplicates).toBe(0);
	});

	it('puts the running rows a page brings on top, after those already there, and leaves the loaded rows in their order', () => {
		// The API sends rows without an end last, on the last pages.
		let state = load(started(), undefined, pageOf([item(0), item(1), item(2)], 'Mg=='));
		state = load(state, 'Mg==', pageOf([item(3), running(4), running(5)], 'Mw=='));
		expect(ids(state)).toEqual(idsOf(4, 5, 0, 1, 2, 3));
		// A shifted page repeats a running row: it stays where it is.
		state = load(state, 'Mw==', pageOf([running(5), running(6), running(7)], null));
		expect(ids(state)).toEqual(idsOf(4, 5, 6, 7, 0, 1, 2, 3));
		expect(state.lastDuplicates).toBe(1);
		expect(describeLoad(state, clock)).toBe('8 rows, all loaded');
		// On a first page as on later ones.
		expect(ids(load(started(), undefined, pageOf([item(0), running(1)], null)))).toEqual(idsOf(1, 0));
	});

	it('keeps the API\'s order of running rows when sorted by duration', () => {
		const byDuration = feedReducer(initialFeed(), {type: 'reset', query: {...query, sortBy: 'duration'}});
		const state = load(load(byDuration, undefined, pageOf([item(0), running(1)], 'Mg==')), 'Mg==', pageOf([running(2)], null));
		expect(ids(state)).toEqual(idsOf(0, 1, 2));
	});

	it('puts fresh running rows of a follow poll on top of the fresh finished ones', () => {
		let state = load(started(), undefined, pageOf([item(0), item(1)], 'Mg=='));
		state = feedReducer(state, {type: 'prepended', generation: state.generation, items: [item(10), running(11), item(0)]});
		expect(ids(state)).toEqual(idsOf(11, 10, 0, 1));
		// The next page's running rows go after them.
		state = load(state, 'Mg==', pageOf([item(2), running(3)], null));
		expect(ids(state)).toEqual(idsOf(11, 3, 10, 0, 1, 2));
	});

	it('keeps the rows on a reload until its first page replaces them, and after it fails', () => {
		const first = loadFirst(started());
		const reloading = feedReducer(first, {type: 'reload', query});
		expect(reloading.rows).toBe(first.rows);
		expect(reloading.isStale).toBe(true);
		expect(describeLoad(reloading, clock)).toBe('50 rows from at 0, reloading…');
		expect(nextPageRequest(reloading)).toEqual({cursor: undefined});
		// A failed reload leaves them, and says it.
		const asked = feedReducer(reloading, {type: 'requested', generation: reloading.generation, cursor: undefined});
		const failed = feedReducer(asked, {type: 'failed', generation: reloading.generation, cursor: undefined, error: {kind: 'server', message: 'down', isRetryable: true}});
		expect(failed.rows).toBe(first.rows);
		expect(describeLoad(failed, clock)).toBe('50 rows from at 0, reload failed');
		// The first page of the reload replaces them; later pages add to it.
		const retried = feedReducer(failed, {type: 'retry'});
		const again = feedReducer(retried, {type: 'requested', generation: retried.generation, cursor: undefined});
		const loaded = feedReducer(again, {type: 'loaded', generation: again.generation, cursor: undefined, page: page(10, 40, 'Mg=='), at: 5});
		expect(loaded.rows.slice().map(row => row.request_id)).toEqual(page(10, 40, 'Mg==').items.map(row => row.request_id));
		expect(loaded.isStale).toBe(false);
		expect(loaded.fetchedAt).toBe(5);
		expect(describeLoad(loaded, clock)).toBe('30 rows, more available');
	});
});
