/** Times as users type them: ISO 8601 date-times, dates, relative ages (`15m`, `6h`, `7d`) and `now`. */
import {sanitise} from '../terminal/sanitise.js';

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

/** Epoch ms of a UTC wall-clock time, or undefined when it is not on the calendar (2025-02-30, 24:00). */
function utcMs(fields: number[]): number | undefined {
	const [year, month, day, hour = 0, minute = 0, second = 0] = fields as [number, number, number, number?, number?, number?];
	// Not Date.UTC: it reads years below 100 as 19xx.
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second);
	const ms = date.getTime();
	// The setters roll 2025-02-30 over into March; a real date survives the round trip.
	const isReal = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return isReal && hour < 24 && minute < 60 && second < 60 ? ms : undefined;
}

function offsetMs(offset: string): number | undefined {
	if (offset.toUpperCase() === 'Z') {
		return 0;
	}

	const [, sign, hours, minutes] = offsetPattern.exec(offset)!;
	if (Number(hours) > 23 || Number(minutes) > 59) {
		return undefined;
	}

	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

function absolute(text: string): TimeResult | undefined {
	const date = datePattern.exec(text);
	if (date) {
		const ms = utcMs(date.slice(1).map(Number));
		return ms === undefined ? notOnCalendar(text) : {ok: true, date: new Date(ms)};
	}

	const dateTime = dateTimePattern.exec(text);
	if (!dateTime) {
		return undefined;
	}

	const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = dateTime;
	if (offset === undefined) {
		return {ok: false, message: `'${sanitise(text)}' has no time zone: add Z for UTC, or an offset such as +02:00.`};
	}

	const wall = utcMs([year, month, day, hour, minute, second].map(Number));
	const shift = offsetMs(offset);
	if (wall === undefined || shift === undefined) {
		return notOnCalendar(text);
	}

	const millis = fraction === '' ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
	return {ok: true, date: new Date(wall + millis - shift)};
}

function notOnCalendar(text: string): TimeResult {
	return {ok: false, message: `'${sanitise(text)}' is not a real date or time of day.`};
}

/** A point in time from what a user typed; relative ages count back from `now`. */
export function parseTime(input: string, now: Date): TimeResult {
	const text = input.trim();
	if (text.toLowerCase() === 'now') {
		return {ok: true, date: new Date(now.getTime())};
	}

	const age = parseDuration(text);
	const result = age === undefined ? absolute(text) : {ok: true as const, date: new Date(now.getTime() - age)};
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
