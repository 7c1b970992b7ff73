/** Quick time ranges and the short local/UTC times that fit list columns. */
import {parseDuration} from '../api/time.js';
import type {Filters, Query} from '../api/types.js';
import {queryWindow} from './buckets.js';

export const quickRanges = ['15m', '1h', '6h', '24h', '7d'] as const;
export type QuickRange = (typeof quickRanges)[number];

const rangeMs = quickRanges.map(range => parseDuration(range)!);

/**
 * The filters with the window set to the last `range` up to now (relative, so
 * a reload moves with the clock). Picked during a request id lookup, the range
 * is for that lookup; picked before, it is a window for browsing, which a
 * lookup given later leaves out.
 */
export function applyQuickRange(filters: Filters, range: QuickRange): Filters {
	const {end: _end, isQuickRange: _isQuickRange, ...rest} = filters;
	return rest.requestId === undefined ? {...rest, start: range, isQuickRange: true} : {...rest, start: range};
}

/**
 * How long the window of `filters` is: a relative start's age (the window
 * moves with the clock, so not the span it had when sent), else the span of
 * `query`, the filters as sent, with the API's defaults (24h; 90 days for a
 * request id) and `now` for a bound not given.
 */
export function windowSpanMs(filters: Filters, query: Query, now: number): number {
	const age = filters.start === undefined || filters.end !== undefined ? undefined : parseDuration(filters.start);
	if (age !== undefined) {
		return age;
	}

	const window = queryWindow(query, new Date(now));
	return window.end.getTime() - window.start.getTime();
}

/**
 * The quick range after a window `spanMs` long: the next longer one (or with
 * `step` -1 the next shorter), wrapping round. From the default 24h that is
 * 7d, or 6h backwards; a window of another length steps to the ranges either
 * side of it.
 */
export function cycleQuickRange(spanMs: number, step: 1 | -1 = 1): QuickRange {
	const index = step === 1 ? rangeMs.findIndex(ms => ms > spanMs) : rangeMs.findLastIndex(ms => ms < spanMs);
	if (index === -1) {
		return step === 1 ? quickRanges[0] : quickRanges.at(-1)!;
	}

	return quickRanges[index]!;
}

export type ClockOptions = {
	/** UTC instead of local time, marked with a trailing `Z`. Default false. */
	isUtc?: boolean;
	/** `now`, to leave the date out of times on the same day. Default: the date is always shown. */
	now?: Date;
};

const pad = (n: number) => String(n).padStart(2, '0');

type Fields = {year: number; month: number; day: number; hours: number; minutes: number; seconds: number};

function fields(date: Date, isUtc: boolean): Fields {
	return isUtc
		? {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hours: date.getUTCHours(), minutes: date.getUTCMinutes(), seconds: date.getUTCSeconds()}
		: {year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hours: date.getHours(), minutes: date.getMinutes(), seconds: date.getSeconds()};
}

/**
 * A time for a list column: `14:03:12` on the same day as `now`, else
 * `11-28 14:03:12`; in UTC with a trailing `Z` (`14:03:12Z`). `-` for null,
 * `?` when it does not parse. At most 15 characters.
 */
export function formatShortTime(iso: string | null, options: ClockOptions = {}): string {
	if (iso === null) {
		return '-';
	}

	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return '?';
	}

	const isUtc = options.isUtc ?? false;
	const time = fields(date, isUtc);
	const clock = `${pad(time.hours)}:${pad(time.minutes)}:${pad(time.seconds)}${isUtc ? 'Z' : ''}`;
	if (options.now) {
		const today = fields(options.now, isUtc);
		if (today.year === time.year && today.month === time.month && today.day === time.day) {
			return clock;
		}
	}

	return `${pad(time.month)}-${pad(time.day)} ${clock}`;
}

/** The zone times are shown in, as headings and the filter pane name it: `UTC` or `local`. */
export function zoneLabel(isUtc: boolean): string {
	return isUtc ? 'UTC' : 'local';
}
