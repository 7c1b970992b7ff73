/**
 * A query's time window in milliseconds, and the slices the scanner walks.
 * The API bounds a request by ended_at, or by sent_at while it runs, start
 * inclusive and end exclusive: slices that share their bounds partition the
 * window, so each request falls in exactly one of them.
 */
import {defaultSpanMs, requestIdSpanMs} from '../query.js';
import type {Query, RequestItem} from '../types.js';

/** Epoch milliseconds, start inclusive, end exclusive. */
export type TimeRange = {start: number; end: number};

/**
 * The window `query` asks for, fixed: a bound left out is the API's default
 * as of `now`. A fixed end keeps requests that arrive during the scan from
 * sliding into slices already walked.
 */
export function windowOf(query: Query, now: number): TimeRange {
	const span = query.requestId === undefined ? defaultSpanMs : requestIdSpanMs;
	return {
		start: query.start === undefined ? now - span : Date.parse(query.start),
		end: query.end === undefined ? now : Date.parse(query.end),
	};
}

/** `range` cut into `count` slices of (nearly) equal time, newest first; fewer when it is only a few ms long. */
export function slicesOf(range: TimeRange, count: number): TimeRange[] {
	const parts = Math.max(1, Math.min(count, range.end - range.start));
	const bounds = Array.from({length: parts + 1}, (_, index) => range.start + Math.round(((range.end - range.start) * index) / parts));
	return bounds.slice(1).map((end, index) => ({start: bounds[index]!, end})).reverse();
}

/**
 * The millisecond a request counts at for the API's bounds: its end, or its
 * send time while it runs. Date.parse drops microseconds, which is what the
 * bounds need: with whole-millisecond bounds, a time is inside exactly when
 * its millisecond is.
 */
export function boundMs(item: Pick<RequestItem, 'ended_at' | 'sent_at'>): number {
	return Date.parse(item.ended_at ?? item.sent_at);
}

/** A bound as the API takes it. */
export function boundText(ms: number): string {
	return new Date(ms).toISOString();
}
