/**
 * The request feed: pages of rows for one query, the next cursor, the one
 * page in flight, and the last error kept beside the rows. Every answer
 * carries the generation it was asked for; an answer for an older query
 * (the filters changed meanwhile) is dropped.
 */
import {IdSet} from '../api/id-set.js';
import {followCursor, withCursor} from '../api/pages.js';
import type {Query, RequestItem, RequestPage} from '../api/types.js';
import {groupDigits} from '../format/count.js';
import {mergeNewer} from '../triage/follow.js';
import {toLoadError} from './load-error.js';
import {RowList} from './row-list.js';

/** A failure as the feed keeps it: a sentence for the user and whether `r` may help. */
export type LoadError = {kind: string; message: string; isRetryable: boolean};

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
};

export type FeedAction =
	| {type: 'reset'; query: Query | undefined}
	| {type: 'requested'; generation: number; cursor: string | undefined}
	| {type: 'loaded'; generation: number; cursor: string | undefined; page: RequestPage}
	| {type: 'failed'; generation: number; cursor: string | undefined; error: LoadError}
	/** Follow mode found rows newer than the top one: they go on top; a loaded running row that ended is replaced in place. */
	| {type: 'prepended'; generation: number; items: readonly RequestItem[]}
	| {type: 'retry'};

/** The feed of `query` before anything is asked for, or with its first page already in. */
export function initialFeed(query?: Query, firstPage?: RequestPage): FeedState {
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
	};
	return firstPage === undefined ? empty : accept(empty, firstPage);
}

function accept(state: FeedState, page: RequestPage): FeedState {
	let next: string | null;
	try {
		next = followCursor(state.cursors, page);
	} catch (error) {
		// A contradictory page or a repeated cursor: keep what is loaded, stop here, say why.
		return {...state, inFlight: undefined, hasMore: false, nextCursor: undefined, error: {...toLoadError(error), isRetryable: false}};
	}

	const rows = state.rows.append(page.items);
	return {
		...state,
		rows,
		cursors: withCursor(state.cursors, next),
		pages: state.pages + 1,
		nextCursor: next ?? undefined,
		hasMore: next !== null,
		inFlight: undefined,
		error: undefined,
		lastDuplicates: page.items.length - (rows.length - state.rows.length),
	};
}

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
	switch (action.type) {
		case 'reset': {
			return {...initialFeed(action.query), generation: state.generation + 1};
		}

		case 'retry': {
			return state.error === undefined ? state : {...state, error: undefined};
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
			return accept(state, action.page);
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
	return {...state, rows: state.rows.prepend(merged.fresh, merged.replaced)};
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

/** Short words for the load state, as the status bar and the list title show it. */
export function describeLoad(state: FeedState): string {
	const count = `${groupDigits(state.rows.length)} ${state.rows.length === 1 ? 'row' : 'rows'}`;
	if (state.query === undefined) {
		return 'no query yet';
	}

	if (state.pages === 0) {
		return state.error === undefined ? 'loading…' : 'nothing loaded';
	}

	if (state.inFlight !== undefined) {
		return `${count}, loading more…`;
	}

	return state.hasMore ? `${count}, more available` : `${count}, all loaded`;
}
