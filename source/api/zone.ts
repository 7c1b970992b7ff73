/**
 * Time zones by IANA name (`UTC`, `America/New_York`): the machine's own, and
 * how a zone's wall clock maps to instants. Intl knows the zone rules, so a
 * zone can be named outright (tests do) instead of being read from TZ.
 */

const utc = 'UTC';

/** One formatter per zone: building one costs far more than using it. undefined for a zone Intl does not know. */
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
	if (!formatters.has(zone)) {
		let formatter: Intl.DateTimeFormat | undefined;
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone: zone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			formatter = undefined;
		}

		formatters.set(zone, formatter);
	}

	return formatters.get(zone);
}

/**
 * The machine's zone: TZ, else the system's. An unknown TZ leaves Intl with
 * no zone or `Etc/Unknown`, and Date then keeps to UTC: so does this.
 */
export function localZone(): string {
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
	return zone !== undefined && formatterFor(zone) !== undefined ? zone : utc;
}

/** Epoch ms of a wall-clock time read as UTC, or undefined when it is not on the calendar (2025-02-30, 24:00). */
export function wallClockMs(fields: readonly number[]): number | undefined {
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

/** How far `zone`'s wall clock is ahead of UTC at the instant `ms`; 0 for UTC and for a zone Intl does not know. */
export function zoneOffsetMs(zone: string, ms: number): number {
	const formatter = zone === utc ? undefined : formatterFor(zone);
	if (formatter === undefined) {
		return 0;
	}

	const second = Math.floor(ms / 1000) * 1000;
	const parts = formatter.formatToParts(new Date(second));
	const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find(part => part.type === type)?.value);
	const wall = wallClockMs([field('year'), field('month'), field('day'), field('hour'), field('minute'), field('second')]);
	return wall === undefined ? 0 : wall - second;
}

const dayMs = 86_400_000;

/**
 * The instant at which `zone`'s clock shows `wallMs` (a wall-clock time read
 * as UTC). A time the clock shows twice when it goes back is the first; one
 * it skips when it goes forward is read with the offset before the change,
 * so 02:30 on a night the clock jumps from 02:00 to 03:00 is 03:30.
 */
export function instantInZone(wallMs: number, zone: string): number {
	// Clocks change at most once in a day, so the offsets a day either side are the only candidates.
	const before = wallMs - zoneOffsetMs(zone, wallMs - dayMs);
	const after = wallMs - zoneOffsetMs(zone, wallMs + dayMs);
	const shown = [before, after].filter(instant => instant + zoneOffsetMs(zone, instant) === wallMs);
	return shown.length === 0 ? before : Math.min(...shown);
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** `2026-12-01T00:00:00+05:30` (`Z` in UTC): the instant as `zone`'s clock shows it, with its offset; milliseconds only when there are some. */
export function isoInZone(ms: number, zone: string): string {
	const offset = zoneOffsetMs(zone, ms);
	// Offsets of whole minutes only are written; old local mean times had seconds, and are written in UTC.
	const shown = offset % 60_000 === 0 ? offset : 0;
	const wall = new Date(ms + shown).toISOString();
	const millis = wall.slice(19, 23) === '.000' ? '' : wall.slice(19, 23);
	const minutes = shown / 60_000;
	const suffix = shown === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
	return `${wall.slice(0, 19)}${millis}${suffix}`;
}

/** Whether `zone`'s clock is UTC's all year (UTC itself, GMT, Africa/Abidjan), judged in `year`. */
export function isUtcAllYear(zone: string, year: number): boolean {
	return [0, 6].every(month => zoneOffsetMs(zone, Date.UTC(year, month, 1)) === 0);
}
