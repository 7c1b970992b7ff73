/** Requests per time bucket over the current filter window, for the summary strip's sparkline. */
import type {Query, RequestItem} from '../api/types.js';
import {countFailure, type FailureCounts} from './failure-counts.js';
import {factsOf, statusAt, type RowFacts} from './row-facts.js';

/** A time window; `end` is exclusive, as the API's `end` bound is. */
export type TimeWindow = {start: Date; end: Date};

/** One bucket: `[start, end)` in epoch milliseconds and what fell in it. */
export type Bucket = FailureCounts & {
	start: number;
	end: number;
	/** Every request in the bucket, running ones included. */
	count: number;
};

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Bucket sizes a person reads at a glance, smallest first. */
export const bucketSizes: readonly number[] = [
	10 * second,
	30 * second,
	minute,
	2 * minute,
	5 * minute,
	10 * minute,
	15 * minute,
	30 * minute,
	hour,
	2 * hour,
	3 * hour,
	6 * hour,
	12 * hour,
	day,
];

/**
 * The window a query covers, resolved once when it is sent: its bounds, or
 * the API's defaults (the last 24 hours; 90 days when a request id is given)
 * up to `now`.
 */
export function queryWindow(query: Pick<Query, 'start' | 'end' | 'requestId'>, now: Date): TimeWindow {
	const end = query.end === undefined ? now : new Date(query.end);
	const span = query.requestId === undefined ? day : 90 * day;
	return {start: query.start === undefined ? new Date(end.getTime() - span) : new Date(query.start), end};
}

/** The smallest readable bucket size that fits `spanMs` into at most `columns` buckets; whole days past the table. */
export function pickBucketSize(spanMs: number, columns: number): number {
	const fitting = bucketSizes.find(size => Math.ceil(spanMs / size) <= columns);
	return fitting ?? Math.ceil(spanMs / columns / day) * day;
}

/**
 * Empty buckets of one size laid from `window.start`, as many as fit
 * `columns` (the last one may reach past `window.end`). None when the window
 * or `columns` is empty.
 */
export function emptyBuckets(window: TimeWindow, columns: number): Bucket[] {
	const start = window.start.getTime();
	const span = window.end.getTime() - start;
	if (!(span > 0) || columns < 1) {
		return [];
	}

	const size = pickBucketSize(span, Math.floor(columns));
	return Array.from({length: Math.ceil(span / size)}, (_, index) => ({
		start: start + index * size,
		end: start + (index + 1) * size,
		count: 0,
		errors: 0,
		userErrors: 0,
	}));
}

/**
 * Adds the rows to the buckets {@link emptyBuckets} laid for `window`, in
 * place. Rows outside the window or with unreadable times are left out.
 */
export function countInto(buckets: Bucket[], window: TimeWindow, facts: RowFacts): void {
	const first = buckets[0];
	if (first === undefined) {
		return;
	}

	const end = window.end.getTime();
	const size = first.end - first.start;
	for (let index = 0; index < facts.length; index++) {
		const time = facts.times[index]!;
		if (!(time >= first.start && time < end)) {
			continue;
		}

		const bucket = buckets[Math.floor((time - first.start) / size)]!;
		bucket.count++;
		countFailure(bucket, statusAt(facts, index));
	}
}

/** The rows counted into {@link emptyBuckets} for the window; empty when the window or `columns` is empty. */
export function bucketRequests(rows: readonly RequestItem[], window: TimeWindow, columns: number): Bucket[] {
	const buckets = emptyBuckets(window, columns);
	countInto(buckets, window, factsOf(rows));
	return buckets;
}
