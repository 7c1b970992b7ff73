/**
 * Following `next_cursor`. The API's cursors are page numbers over live data:
 * when requests arrive between two fetches, rows slide down and the next page
 * repeats some, so rows are kept once by request_id, and a cursor seen before
 * would send a client round in a loop.
 */
import type {ApiClient} from './client.js';
import {ApiError} from './errors.js';
import {IdSet} from './id-set.js';
import type {Query, RequestItem, RequestPage} from './types.js';

/** What a listing has seen so far: row ids, and every cursor already followed. */
export type SeenState = {ids: ReadonlySet<string>; cursors: ReadonlySet<string>};

export const emptySeen: SeenState = {ids: IdSet.empty, cursors: IdSet.empty};

function malformed(message: string): ApiError {
	return new ApiError('malformed', message, {isRetryable: false});
}

/**
 * The cursor to follow after `page` (null at the end), given the cursors
 * followed so far. Throws ApiError 'malformed' when has_more and next_cursor
 * disagree or the cursor was seen before.
 */
export function followCursor(cursors: ReadonlySet<string>, page: RequestPage): string | null {
	const next = page.next_cursor;
	if (page.has_more !== (next !== null) || next === '') {
		throw malformed(
			`The API's page is contradictory (has_more is ${page.has_more}, next_cursor is ${next === null ? 'null' : 'a cursor'}); listing stopped here.`,
		);
	}

	if (next !== null && cursors.has(next)) {
		throw malformed('The API sent a page cursor it had already sent; listing stopped here so that it cannot loop.');
	}

	return next;
}

/** The cursors followed, with `next` (the set itself at the end); the set given is not changed. */
export function withCursor(cursors: ReadonlySet<string>, next: string | null): ReadonlySet<string> {
	return next === null ? cursors : IdSet.from(cursors).with([next]);
}

/**
 * Takes one page: the rows not seen before, the cursor to follow next (null at
 * the end) and the new state; the state given is not changed. Throws as
 * {@link followCursor} does.
 */
export function acceptPage(seen: SeenState, page: RequestPage): {seen: SeenState; items: RequestItem[]; next: string | null} {
	const next = followCursor(seen.cursors, page);
	const known = IdSet.from(seen.ids);
	const fresh = new Set<string>();
	const items: RequestItem[] = [];
	for (const item of page.items) {
		if (!known.has(item.request_id) && !fresh.has(item.request_id)) {
			fresh.add(item.request_id);
			items.push(item);
		}
	}

	return {seen: {ids: known.with(fresh), cursors: withCursor(seen.cursors, next)}, items, next};
}

export type IteratePagesOptions = {
	signal?: AbortSignal;
	/** Stop once this many rows have been yielded (the last batch is cut to fit). Default: every page. */
	maxRows?: number;
};

/** How a listing ended: whether rows past those yielded match (the last page was cut at maxRows, or the API said it has more). */
export type PagesEnd = {hasMore: boolean};

/**
 * Yields the new rows of each page in turn (never an empty batch), starting at
 * `query.cursor` if set and following cursors until the end or `maxRows`;
 * returns whether more rows match.
 */
export async function* iteratePages(client: ApiClient, query: Query, options: IteratePagesOptions = {}): AsyncGenerator<RequestItem[], PagesEnd> {
	const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
	let cursor = query.cursor;
	let seen: SeenState = cursor === undefined ? emptySeen : {ids: new Set(), cursors: new Set([cursor])};
	let count = 0;
	while (count < maxRows) {
		const page = await client.listRequests({...query, cursor}, {signal: options.signal});
		const accepted = acceptPage(seen, page);
		seen = accepted.seen;
		const items = accepted.items.slice(0, maxRows - count);
		count += items.length;
		if (items.length > 0) {
			yield items;
		}

		if (items.length < accepted.items.length) {
			return {hasMore: true};
		}

		if (accepted.next === null) {
			return {hasMore: false};
		}

		cursor = accepted.next;
	}

	// Stopped at maxRows with a cursor still to follow: the API said it has more.
	return {hasMore: true};
}
