/**
 * Follow mode, the pure part: what to ask for next, how to merge what came
 * back, when to ask again.
 *
 * Polls run one after another, never overlapping: the next poll is scheduled
 * {@link pollDelay} after the previous one settled. Healthy, that is one
 * request every 5 s, at most 12 requests a minute (more only when over
 * {@link followPageSize} new requests arrive within 5 s: then up to
 * {@link followMaxPagesPerPoll} pages, 36 a minute at worst). After errors the
 * delay doubles, 10 s, 20 s, 40 s, then 60 s: 6, 3, 1.5, then 1 a minute;
 * a Retry-After from the server is waited as long as it says.
 */
import type {ApiClient} from '../api/client.js';
import {formatWait} from '../api/retry.js';
import type {Query, RequestItem, RequestPage} from '../api/types.js';
import {requestIndex, RowList, type Rows} from '../state/row-list.js';
import {endTime} from './row-facts.js';
import {isRunning, runningFirst} from './running.js';

/** Delay between polls while they succeed. */
export const followIntervalMs = 5000;
/** The longest delay that backing off after errors reaches. */
export const followMaxDelayMs = 60_000;
/** Page size of a poll: the API's maximum, so a burst of new requests usually costs one request. */
export const followPageSize = 100;
/** Pages one poll fetches at most, when more than a page of new requests arrived since the last. */
export const followMaxPagesPerPoll = 3;

/** The newest `ended_at` among the rows, or undefined when none has ended. */
export function newestEnd(rows: Rows): string | undefined {
	if (rows instanceof RowList) {
		return rows.newestEnd();
	}

	let newest: string | undefined;
	let newestTime = -Infinity;
	for (const row of rows) {
		const time = endTime(row);
		if (time > newestTime) {
			newest = row.ended_at!;
			newestTime = time;
		}
	}

	return newest;
}

/**
 * The query of the next poll: the current one, newest first, from the newest
 * loaded end time up to now. The bound is inclusive, so the rows at that very
 * instant come back again and {@link mergeNewer} drops them by id; an
 * exclusive bound could lose a request that ended in the same millisecond.
 * An `end` bound is dropped: following means up to now.
 */
export function followQuery(query: Query, rows: Rows): Query {
	const {end: _end, cursor: _cursor, ...rest} = query;
	const start = newestEnd(rows) ?? query.start;
	return {...rest, ...(start === undefined ? {} : {start}), sortBy: 'ended_at', limit: followPageSize};
}

/** Whether the poll should fetch the page after `page`: there is more, and all of it was new (no loaded row met yet). */
export function needsAnotherPage(page: RequestPage, pagesFetched: number, isLoaded: (requestId: string) => boolean): boolean {
	return page.has_more && pagesFetched < followMaxPagesPerPoll && !page.items.some(item => isLoaded(item.request_id));
}

/**
 * One poll's requests: the rows newer than the loaded ones ({@link followQuery}),
 * a page at a time while every row of a page is new, up to
 * {@link followMaxPagesPerPoll} pages. Rejects as the client does.
 */
export async function fetchNewer(client: Pick<ApiClient, 'listRequests'>, query: Query, loaded: Rows, signal: AbortSignal): Promise<RequestItem[]> {
	const indexOf = requestIndex(loaded);
	const pollQuery = followQuery(query, loaded);
	const items: RequestItem[] = [];
	let cursor: string | undefined;
	for (let pages = 1; ; pages++) {
		// eslint-disable-next-line no-await-in-loop -- each page's cursor comes from the one before
		const page = await client.listRequests(cursor === undefined ? pollQuery : {...pollQuery, cursor}, {signal});
		items.push(...page.items);
		if (!needsAnotherPage(page, pages, requestId => indexOf(requestId) !== -1) || page.next_cursor === null) {
			return items;
		}

		cursor = page.next_cursor;
	}
}

export type FollowMerge = {
	/** Rows to put on top: the running ones first, each group in the order the API gave them. */
	fresh: RequestItem[];
	/** Rows already loaded that came back changed (a running request that ended), by index: replaced in place. */
	replaced: Map<number, RequestItem>;
	added: number;
	updated: number;
	/** The cursor's new index: still on the same request. */
	cursor: number;
	/** How far the cursor's index moved (equal to `added` when anything was loaded). */
	shift: number;
};

/**
 * New rows on top, the running ones first (the API sends them last, but
 * they are the newest), each group in the order the API gave them; rows
 * already loaded are dropped, except that a loaded row still running is
 * replaced in place by its ended version, so nothing under the cursor moves
 * but by the rows added above. Each incoming row is looked up by id: the
 * cost is that of the poll's rows, not of the rows loaded
 * ({@link RowList.insert} puts them together).
 */
export function mergeNewer(rows: Rows, incoming: readonly RequestItem[], cursor: number): FollowMerge {
	const indexOf = requestIndex(rows);
	const seen = new Set<string>();
	const fresh: RequestItem[] = [];
	const replaced = new Map<number, RequestItem>();
	for (const row of incoming) {
		if (seen.has(row.request_id)) {
			continue;
		}

		seen.add(row.request_id);
		const index = indexOf(row.request_id);
		if (index === -1) {
			fresh.push(row);
		} else if (isRunning(rows.at(index)!) && !isRunning(row)) {
			replaced.set(index, row);
		}
	}

	const shift = rows.length === 0 ? 0 : fresh.length;
	return {fresh: runningFirst(fresh), replaced, added: fresh.length, updated: replaced.size, cursor: cursor + shift, shift};
}

export type FollowState = {
	isOn: boolean;
	/** Polls failed in a row; 0 after a success. */
	failures: number;
	/** Rows added while the user was scrolled away from the top: the "N new" figure. */
	unseen: number;
	/** The last poll's error, in words, until a poll succeeds. */
	error?: string;
	/** When the next poll is due after a failure (ms since the epoch). */
	retryAt?: number;
};

export const followOff: FollowState = {isOn: false, failures: 0, unseen: 0};

export type FollowAction =
	| {type: 'start'}
	| {type: 'stop'}
	| {type: 'polled'; added: number; isScrolledAway: boolean}
	| {type: 'failed'; message: string; retryAt: number}
	/** The user came back to the top rows. */
	| {type: 'seen'};

/** Follow mode's state; results that arrive after the user stopped following are ignored. */
export function followReducer(state: FollowState, action: FollowAction): FollowState {
	switch (action.type) {
		case 'start': {
			return {...followOff, isOn: true};
		}

		case 'stop': {
			return followOff;
		}

		case 'seen': {
			return state.unseen === 0 ? state : {...state, unseen: 0};
		}

		case 'polled': {
			return state.isOn ? {isOn: true, failures: 0, unseen: action.isScrolledAway ? state.unseen + action.added : 0} : state;
		}

		case 'failed': {
			return state.isOn ? {...state, failures: state.failures + 1, error: action.message, retryAt: action.retryAt} : state;
		}
	}
}

/**
 * Milliseconds until the next poll after `failures` failed polls in a row:
 * 5 s, then 10, 20, 40 and at most 60 s; a Retry-After from the server wins
 * when it asks for longer, however long: the status bar says when.
 */
export function pollDelay(failures: number, retryAfterMs?: number): number {
	const backoff = Math.min(followMaxDelayMs, followIntervalMs * 2 ** Math.max(0, failures));
	return Math.max(backoff, retryAfterMs ?? 0);
}

/** "3 new" while rows were added out of sight, else empty. */
export function unseenLabel(state: FollowState): string {
	return state.unseen > 0 ? `${state.unseen} new` : '';
}

/** Follow mode in a few words for the status bar at `now` (ms): empty when off. */
export function describeFollow(state: FollowState, now: number): string {
	if (!state.isOn) {
		return '';
	}

	if (state.error !== undefined) {
		const wait = state.retryAt === undefined ? '' : ` Next try in ${formatWait(Math.max(0, state.retryAt - now))}.`;
		return `follow paused: ${state.error}${wait}`;
	}

	const unseen = unseenLabel(state);
	return `following, every ${followIntervalMs / 1000}s${unseen === '' ? '' : ` · ${unseen}`}`;
}
