/**
 * One walker's share of the window: the API's pages of one slice, followed by
 * cursor. Newest first, a page of finished requests shows how far down the
 * slice the walk has come, and so what is left to cut in two for another
 * walker.
 */
import {followCursor, withCursor} from '../pages.js';
import {IdSet} from '../id-set.js';
import type {RequestPage} from '../types.js';
import {boundMs, type TimeRange} from './window.js';

export class Walk implements TimeRange {
	/** The cursor of the next page; undefined for the first. */
	cursor: string | undefined;
	/**
	 * Every finished request from here to `end` has been seen: `end` before
	 * the first page, `start` once they all have. Running requests come after
	 * every finished one (nulls last), so they are seen only at the walk's end.
	 */
	unseenEnd: number;
	/** Pages taken so far. */
	pages = 0;
	/** Failed requests of this walk, 429s aside (those are about the account). */
	failures = 0;
	/** Not to be asked again before this time (epoch ms): a backoff after a failure. */
	readyAt = 0;
	private cursors: ReadonlySet<string> = IdSet.empty;
	/** Rows its pages held, seen before or not: over the time they span, how dense the slice is. */
	private rowsSeen = 0;

	/**
	 * `isTail`: a part whose finished requests an earlier walk has delivered,
	 * walked only for its running ones (they sort after every finished one, so
	 * cutting a walk leaves them behind).
	 */
	constructor(
		readonly start: number,
		readonly end: number,
		readonly isTail = false,
	) {
		this.unseenEnd = isTail ? start : end;
	}

	/**
	 * Takes one page of this walk: where it has come to, and the cursor to
	 * follow (null at the end). Throws ApiError 'malformed' for a cursor seen
	 * before or a contradictory page, as a sequential listing does.
	 */
	take(page: RequestPage): string | null {
		const next = followCursor(this.cursors, page);
		this.cursors = withCursor(this.cursors, next);
		this.cursor = next ?? undefined;
		this.pages++;
		this.rowsSeen += page.items.length;
		const last = page.items.at(-1);
		if (next === null || last?.ended_at === null) {
			this.unseenEnd = this.start;
		} else if (last !== undefined) {
			// Others may have ended in the same millisecond as the last one: that millisecond is left to walk.
			const time = boundMs(last);
			this.unseenEnd = Number.isNaN(time) ? this.unseenEnd : Math.max(this.start, Math.min(this.unseenEnd, time + 1));
		}

		return next;
	}

	/** Rows left to walk, at the density of those walked; undefined before any page or when all came in one millisecond. */
	rowsLeft(): number | undefined {
		const walked = this.end - this.unseenEnd;
		return this.rowsSeen === 0 || walked <= 0 ? undefined : (this.rowsSeen * (this.unseenEnd - this.start)) / walked;
	}

	/** The part not walked yet, in two halves by time (the newer first); undefined when under 2 ms are left. */
	halves(): [TimeRange, TimeRange] | undefined {
		if (this.unseenEnd - this.start < 2) {
			return undefined;
		}

		const middle = this.start + Math.floor((this.unseenEnd - this.start) / 2);
		return [
			{start: middle, end: this.unseenEnd},
			{start: this.start, end: middle},
		];
	}
}
