/** Quick time ranges and the short local/UTC times that fit list columns. */
import type {Filters} from '../api/types.js';

export const quickRanges = ['15m', '1h', '6h', '24h', '7d'] as const;
export type QuickRange = (typeof quickRanges)[number];

/** The filters with the window set to the last `range` up to now (relative, so a reload moves with the clock). */
export function applyQuickRange(filters: Filters, range: QuickRange): Filters {
	const {end: _end, ...rest} = filters;
	return {...rest, start: range};
}

/** The quick range the filters show, if their window is one. */
export function currentQuickRange(filters: Filters): QuickRange | undefined {
	return filters.end === undefined ? quickRanges.find(range => range === filters.start) : undefined;
}

/** The next quick range (or the previous one with `step` -1), wrapping; the first when the window is none of them. */
export function cycleQuickRange(filters: Filters, step: 1 | -1 = 1): QuickRange {
	const current = currentQuickRange(filters);
	if (current === undefined) {
		return step === 1 ? quickRanges[0] : quickRanges.at(-1)!;
	}

	const next = (quickRanges.indexOf(current) + step + quickRanges.length) % quickRanges.length;
	return quickRanges[next]!;
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

/** The zone label for the status bar: `UTC` or `local`. */
export function zoneLabel(isUtc: boolean): string {
	return isUtc ? 'UTC' : 'local';
}
