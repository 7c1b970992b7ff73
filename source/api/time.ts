/**
 * Times as users type them: ISO 8601 date-times, dates, relative ages (`15m`,
 * `6h`, `7d`) and `now`. A date or a date-time without Z or an offset is a
 * wall-clock time, read in a time zone the caller names (an IANA name such as
 * `UTC` or `Asia/Kolkata`): the one the user sees times in.
 */
import {sanitise} from '../terminal/sanitise.js';
import {instantInZone, isoInZone, wallClockMs} from './zone.js';

export type TimeResult = {ok: true; date: Date} | {ok: false; message: string};

const unitMs: Record<string, number> = {
	s: 1000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
};

const durationPattern = /^(\d{1,9})\s*([smhdw])$/i;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const offsetPattern = /^([+-])(\d{2}):?(\d{2})$/;

/** The forms a time may take, for messages. */
const timeForms = 'an ISO 8601 date-time such as 2025-05-01T12:00:00Z, a date such as 2025-05-01, an age such as 15m, 6h, 7d or 2w, or now';

/** Milliseconds in a relative age such as `90s`, `15m`, `6h`, `7d` or `2w`; undefined for anything else. */
export function parseDuration(input: string): number | undefined {
	const match = durationPattern.exec(input.trim());
	return match ? Number(match[1]) * unitMs[match[2]!.toLowerCase()]! : undefined;
}

function writtenOffsetMs(offset: string): number | undefined {
	if (offset.toUpperCase() === 'Z') {
		return 0;
	}

	const [, sign, hours, minutes] = offsetPattern.exec(offset)!;
	if (Number(hours) > 23 || Number(minutes) > 59) {
		return undefined;
	}

	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

function absolute(text: string, zone: string): TimeResult | undefined {
	const match = datePattern.exec(text) ?? dateTimePattern.exec(text);
	if (!match) {
		return undefined;
	}

	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
	const wall = wallClockMs([year, month, day, hour, minute, second].map(Number));
	const shift = offset === undefined ? 0 : writtenOffsetMs(offset);
	if (wall === undefined || shift === undefined) {
		return notOnCalendar(text);
	}

	const millis = fraction === '' ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
	return {ok: true, date: new Date(offset === undefined ? instantInZone(wall + millis, zone) : wall + millis - shift)};
}

function notOnCalendar(text: string): TimeResult {
	return {ok: false, message: `'${sanitise(text)}' is not a real date or time of day.`};
}

/**
 * A point in time from what a user typed: relative ages count back from
 * `now`; a date (its midnight) or a date-time without Z or an offset is read
 * in `zone`; one with Z or an offset is taken as written.
 */
export function parseTime(input: string, now: Date, zone: string): TimeResult {
	const text = input.trim();
	if (text.toLowerCase() === 'now') {
		return {ok: true, date: new Date(now.getTime())};
	}

	const age = parseDuration(text);
	const result = age === undefined ? absolute(text, zone) : {ok: true as const, date: new Date(now.getTime() - age)};
	if (result === undefined) {
		return {ok: false, message: `'${sanitise(text)}' is not a time: use ${timeForms}.`};
	}

	// The API takes four-digit years only; toISOString writes others as ±YYYYYY.
	const year = result.ok ? result.date.getUTCFullYear() : 0;
	if (result.ok && (Number.isNaN(year) || year < 1 || year > 9999)) {
		return {ok: false, message: `'${sanitise(text)}' is too far from today to be a time.`};
	}

	return result;
}

/** Whether `input` is a date or a date-time without Z or an offset: a wall-clock time, whose instant depends on the zone it is read in. */
export function isWallClock(input: string): boolean {
	const text = input.trim();
	const dateTime = dateTimePattern.exec(text);
	return datePattern.test(text) || (dateTime !== null && dateTime[8] === undefined);
}

/** A wall-clock `input` as read in `zone`, written with that zone's offset so that it names the same instant anywhere; anything else as it is. */
export function withZoneOffset(input: string, zone: string): string {
	const result = isWallClock(input) ? absolute(input.trim(), zone) : undefined;
	return result?.ok ? isoInZone(result.date.getTime(), zone) : input;
}
