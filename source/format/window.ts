/** The time window of the query shown, in words, for the filter pane. */
import {parseDuration} from '../api/time.js';
import type {FormValues} from '../state/filter-form.js';
import type {TimeWindow} from '../triage/buckets.js';
import {zoneLabel} from '../triage/time-ranges.js';
import {formatTime} from './request.js';

export type WindowOptions = {
	/** The zone times are shown in: UTC, or local time. */
	isUtc: boolean;
	/** The year of `now` is left out of the times. */
	now: Date;
};

/** `12-01 09:30:00`, or `2025-12-01 09:30:00` in another year than `now`'s. */
function windowTime(date: Date, {isUtc, now}: WindowOptions): string {
	const time = formatTime(date.toISOString(), {isUtc}).replace(/Z$/, '');
	const thisYear = formatTime(now.toISOString(), {isUtc}).slice(0, 5);
	return time.startsWith(thisYear) ? time.slice(thisYear.length) : time;
}

/**
 * `last 90 days (request id lookup): 09-03 10:23:37 → now (local)`: where
 * the window of the applied filters comes from when no start was typed (the
 * API's defaults) or the start is an age, then its bounds as sent, in the
 * zone times are shown in.
 */
export function describeWindow(applied: Pick<FormValues, 'start' | 'end' | 'requestId'>, window: TimeWindow, options: WindowOptions): string {
	const start = applied.start.trim();
	const hasEnd = applied.end.trim() !== '';
	const span = applied.requestId.trim() === '' ? '24h (default)' : '90 days (request id lookup)';
	const origin = start === '' ? `${hasEnd ? '' : 'last '}${span}` : parseDuration(start) === undefined || hasEnd ? undefined : `last ${start}`;
	const bounds = `${windowTime(window.start, options)} → ${hasEnd ? windowTime(window.end, options) : 'now'} (${zoneLabel(options.isUtc)})`;
	return origin === undefined ? bounds : `${origin}: ${bounds}`;
}
