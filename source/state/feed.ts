/**
 * The request feed: pages of rows for one query, the next cursor, the one
 * page in flight, and the last error kept beside the rows. Every answer
 * carries the generation it was asked for; an answer for an older query
 * (the filters changed meanwhile) is dropped. A reload keeps the rows on
 * screen, marked stale, until its first page replaces them: a failed reload
 * takes nothing away.
 */
import {IdSet} from '../api/id-set.js';
import {followCursor, withCursor} from '../api/pages.js';
import type {Query, RequestItem, RequestPage} from '../api/types.js';
import {countOf} from '../format/count.js';
import {mergeNewer} from '../triage/follow.js';
import {isNewestFirst, isRunning, leadingRunning} from '../triage/running.js';
import {toLoadError} from './load-error.js';
import {RowList} from './row-list.js';

/** A failure as the feed keeps it: a sentence for the user, whether `r` may help, and how long the API asked to wait. */
export type LoadError = {kind: string; message: string; isRetryable: boolean; retryAfterMs?: number};

export type FeedState = {
	/** Goes up with every new query; answers tagged with another generation are stale. */
	generation: number;
	/** What is being listed; undefined until the filters are valid. */
	query: Query | undefined;
	/** Each request once: a page's rows already loaded (a shifting page cursor repeats some) are dropped. */
	rows: RowList;
	/** Every cursor followed, so that a cursor sent again stops the listing instead of looping. */
	cursors: ReadonlySet<string>;
	/** Pages accepted so far for this query. */
	pages: number;
	/** The cursor of the next page; undefined before the first page or when there is none. */
	nextCursor: string | undefined;
	/** Whether the API said more rows exist (true until the first page says otherwise). */
	hasMore: boolean;
	/** The page on its way, by the cursor it was asked with (undefined cursor: the first page). */
	inFlight: {cursor: string | undefined} | undefined;
	/** The last failure; loaded rows are kept beside it. Cleared by a retry or a new query. */
	error: LoadError | undefined;
	/** Rows the last page repeated from earlier pages (new requests arrived while paging). */
	lastDuplicates: number;
	/** When the first page of the rows shown was fetched (ms since the epoch); undefined before any. */
	fetchedAt: number | undefined;
	/** The rows are from an earlier fetch, kept on screen while a reload replaces them (or after it failed). */
	isStale: boolean;
};

export type FeedAction =
	| {type: 'reset'; query: Query | undefined}
	| {type: 'requested'; generation: number; cursor: string | undefined}
	| {type: 'loaded'; generation: number; cursor: string | undefined; page: RequestPage; at: number}
	| {type: 'failed'; generation: number; cursor: string | undefined; error: LoadError}
	/** Follow mode found rows newer than the top one: they go on top, running ones first; a loaded running row that ended is replaced in place. */
	| {type: 'prepended'; generation: number; items: readonly RequestItem[]}
	| {type: 'retry'}
	/** Asks for the query's first page again; the rows stay, stale, until it comes. */
	| {type: 'reload'; query: Query};

/** The feed of `query` before anything is asked for, or with its first page already in (fetched at `at`). */
export function initialFeed(query?: Query, firstPage?: {page: RequestPage; at: number}): FeedState {
	const empty: FeedState = {
		generation: 0,
		query,
		rows: RowList.empty,
		cursors: IdSet.empty,
		pages: 0,
		nextCursor: undefined,
		hasMore: true,
		inFlight: undefined,
		error: undefined,
		lastDuplicates: 0,
		fetchedAt: undefined,
		isStale: false,
	};
	return firstPage === undefined ? empty : accept(empty, firstPage.page, firstPage.at);
}

function accept(state: FeedState, page: RequestPage, at: number): FeedState {
	let next: string | null;
	try {
		next = followCursor(state.cursors, page);
	} catch (error) {
		// A contradictory page or a repeated cursor: keep what is loaded, stop here, say why.
		return {...state, inFlight: undefined, hasMore: false, nextCursor: undefined, error: {...toLoadError(error), isRetryable: false}};
	}

	// The first page of a reload replaces the stale rows; every later page adds to them.
	const isFirst = state.pages === 0;
	const before = isFirst ? RowList.empty : state.rows;
	const rows = withPage(before, page.items, isNewestFirst(state.query?.sortBy));
	return {
		...state,
		rows,
		fetchedAt: isFirst ? at : state.fetchedAt,
		isStale: false,
		cursors: withCursor(state.cursors, next),
		pages: state.pages + 1,
		nextCursor: next ?? undefined,
		hasMore: next !== null,
		inFlight: undefined,
		error: undefined,
		lastDuplicates: page.items.length - (rows.length - before.length),
	};
}

/**
 * The rows with a page's added. Newest first, the API sends running rows
 * last, on the last pages: they go on top, after the running rows there,
 * and the rows already loaded keep their order.
 */
function withPage(rows: RowList, items: readonly RequestItem[], isRunningOnTop: boolean): RowList {
	if (!isRunningOnTop) {
		return rows.append(items);
	}

	const running = items.filter(item => isRunning(item));
	const appended = rows.append(items.filter(item => !isRunning(item)));
	return running.length === 0 ? appended : appended.insert(running, {at: leadingRunning(appended)});
}

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
	switch (action.type) {
		case 'reset': {
			return {...initialFeed(action.query), generation: state.generation + 1};
		}

		case 'retry': {
			return state.error === undefined ? state : {...state, error: undefined};
		}

		case 'reload': {
			const fresh = initialFeed(action.query);
			return {...fresh, generation: state.generation + 1, rows: state.rows, fetchedAt: state.fetchedAt, isStale: state.rows.length > 0};
		}

		default: {
			// A late answer (or a late start) for a query the user has since replaced.
			if (action.generation !== state.generation) {
				return state;
			}
		}
	}

	switch (action.type) {
		case 'requested': {
			return {...state, inFlight: {cursor: action.cursor}, error: undefined};
		}

		case 'loaded': {
			return accept(state, action.page, action.at);
		}

		case 'failed': {
			return {...state, inFlight: undefined, error: action.error};
		}

		case 'prepended': {
			return prepend(state, action.items);
		}
	}
}

function prepend(state: FeedState, items: readonly RequestItem[]): FeedState {
	const merged = mergeNewer(state.rows, items, 0);
	if (merged.added === 0 && merged.updated === 0) {
		return state;
	}

	// Rows on top or replaced: a new lineage, which later pages repeating these ids are checked against.
	return {...state, rows: state.rows.insert(merged.fresh, {replaced: merged.replaced})};
}

/** The page to ask for next, if one may be asked for now: never two at once, never after an error until a retry. */
export function nextPageRequest(state: FeedState): {cursor: string | undefined} | undefined {
	if (state.query === undefined || state.inFlight !== undefined || state.error !== undefined) {
		return undefined;
	}

	if (state.pages === 0) {
		return {cursor: undefined};
	}

	return state.hasMore && state.nextCursor !== undefined ? {cursor: state.nextCursor} : undefined;
}

export type PrefetchOptions = {
	/** Rows visible in the list: the cursor is never let within one screenful of the end. */
	screenful: number;
	/** Rows from the end at which the next page is asked for, when more than a screenful. Default 50. */
	threshold?: number;
};

/** Whether the next page should be on its way, for the cursor at `cursorIndex`. */
export function isPrefetchDue(state: FeedState, cursorIndex: number, options: PrefetchOptions): boolean {
	if (nextPageRequest(state) === undefined) {
		return false;
	}

	if (state.pages === 0) {
		return true;
	}

	const remaining = state.rows.length - 1 - cursorIndex;
	return remaining < Math.max(options.screenful, options.threshold ?? 50);
}

/** Short words for the load state, as the list title shows it; `clock` writes a fetch time (`14:03:12`). */
export function describeLoad(state: FeedState, clock: (ms: number) => string): string {
	const count = countOf(state.rows.length, 'row');
	if (state.query === undefined) {
		return 'no query yet';
	}

	if (state.isStale) {
		const from = state.fetchedAt === undefined ? '' : ` from ${clock(state.fetchedAt)}`;
		return `${count}${from}, ${state.error === undefined ? 'reloading…' : 'reload failed'}`;
	}

	if (state.pages === 0) {
		return state.error === undefined ? 'loading…' : 'nothing loaded';
	}

	if (state.inFlight !== undefined) {
		return `${count}, loading more…`;
	}

	return state.hasMore ? `${count}, more available` : `${count}, all loaded`;
}

/** The feed as kept for the Back key: nothing in flight, so that going back sends nothing by itself. */
export function settledFeed(state: FeedState): FeedState {
	return state.inFlight === undefined ? state : {...state, inFlight: undefined};
}
