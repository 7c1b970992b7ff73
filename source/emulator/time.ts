/** How a row writes its timestamps: real APIs mix whole seconds, milliseconds and microseconds. */
export const precisions = {seconds: 0, milliseconds: 1, microseconds: 2} as const;
export type Precision = (typeof precisions)[keyof typeof precisions];

/** RFC 3339 in UTC for a time in epoch milliseconds (microseconds as the fraction). */
export function formatTime(ms: number, precision: Precision): string {
	const whole = Math.floor(ms);
	const iso = new Date(whole).toISOString();
	switch (precision) {
		case precisions.seconds: {
			return `${iso.slice(0, 19)}Z`;
		}

		case precisions.milliseconds: {
			return iso;
		}

		case precisions.microseconds: {
			const micros = Math.min(999, Math.round((ms - whole) * 1000));
			return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
		}
	}
}

/** Rounds a time to what its precision can show, so that order and filters agree with the text. */
export function roundTime(ms: number, precision: Precision): number {
	switch (precision) {
		case precisions.seconds: {
			return Math.floor(ms / 1000) * 1000;
		}

		case precisions.milliseconds: {
			return Math.floor(ms);
		}

		case precisions.microseconds: {
			return Math.floor(ms * 1000) / 1000;
		}
	}
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | undefined {
	// Not Date.UTC: it reads years below 100 as 19xx.
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second);
	const ms = date.getTime();
	// The setters roll 2024-02-30 over to March; a real calendar date survives the round trip.
	const isReal =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour < 24 &&
		minute < 60 &&
		second < 60;
	return isReal ? ms : undefined;
}

/**
 * Epoch milliseconds for an ISO 8601 date-time (offset optional, UTC when
 * absent) or a `YYYY-MM-DD` date (UTC midnight); undefined for anything else.
 */
export function parseTimeBound(text: string): number | undefined {
	const date = datePattern.exec(text);
	if (date) {
		return utc(Number(date[1]), Number(date[2]), Number(date[3]));
	}

	const match = dateTimePattern.exec(text);
	if (!match) {
		return undefined;
	}

	const [, year, month, day, hour, minute, second, fraction, offset] = match;
	const base = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second ?? 0));
	if (base === undefined) {
		return undefined;
	}

	let offsetMs = 0;
	if (offset && offset.toUpperCase() !== 'Z') {
		const hours = Number(offset.slice(1, 3));
		const minutes = Number(offset.slice(4, 6));
		if (hours > 23 || minutes > 59) {
			return undefined;
		}

		offsetMs = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
	}

	const fractionMs = fraction ? Math.floor(Number(fraction) * 1_000_000) / 1000 : 0;
	return base + fractionMs - offsetMs;
}
