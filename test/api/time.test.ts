import {describe, expect, test} from 'vitest';
import {isWallClock, parseDuration, parseTime, withZoneOffset} from '../../source/api/time.js';

const now = new Date('2025-06-01T12:00:00.000Z');

function iso(input: string, zone = 'UTC'): string {
	const result = parseTime(input, now, zone);
	if (!result.ok) {
		throw new Error(result.message);
	}

	return result.date.toISOString();
}

function refusal(input: string): string {
	const result = parseTime(input, now, 'UTC');
	if (result.ok) {
		throw new Error(`accepted ${input}`);
	}

	return result.message;
}

describe('parseTime', () => {
	test('ISO 8601 date-times with Z or an offset', () => {
		expect(iso('2025-05-01T12:00:00Z')).toBe('2025-05-01T12:00:00.000Z');
		expect(iso('2025-05-01t12:00z')).toBe('2025-05-01T12:00:00.000Z');
		expect(iso('2025-05-01T12:00:00.123456Z')).toBe('2025-05-01T12:00:00.123Z');
		expect(iso('2025-05-01T14:30:00+02:00')).toBe('2025-05-01T12:30:00.000Z');
		expect(iso('2025-05-01 07:00:00-0500')).toBe('2025-05-01T12:00:00.000Z');
	});

	test('a date is midnight in the zone given', () => {
		expect(iso('2025-05-01')).toBe('2025-05-01T00:00:00.000Z');
		expect(iso(' 2024-02-29 ')).toBe('2024-02-29T00:00:00.000Z');
		expect(iso('2025-05-01', 'America/New_York')).toBe('2025-05-01T04:00:00.000Z');
		expect(iso('2025-12-01', 'America/New_York')).toBe('2025-12-01T05:00:00.000Z');
		expect(iso('2025-12-01', 'Asia/Kolkata')).toBe('2025-11-30T18:30:00.000Z');
	});

	test('a date-time without Z or an offset is read in the zone given; with either, as written', () => {
		expect(iso('2025-05-01T12:00')).toBe('2025-05-01T12:00:00.000Z');
		expect(iso('2025-05-01 12:00:30.5', 'Asia/Kolkata')).toBe('2025-05-01T06:30:30.500Z');
		expect(iso('2025-01-15T09:30', 'America/New_York')).toBe('2025-01-15T14:30:00.000Z');
		expect(iso('2025-07-15T09:30', 'America/New_York')).toBe('2025-07-15T13:30:00.000Z');
		expect(iso('2025-05-01T12:00:00Z', 'Asia/Kolkata')).toBe('2025-05-01T12:00:00.000Z');
		expect(iso('2025-05-01T12:00:00-04:00', 'Asia/Kolkata')).toBe('2025-05-01T16:00:00.000Z');
		expect(iso('6h', 'Asia/Kolkata')).toBe('2025-06-01T06:00:00.000Z');
	});

	test('a time the clock shows twice is the first; one it skips is read as after the jump', () => {
		// New York went back from 02:00 EDT to 01:00 EST on 2025-11-02, and forward from 02:00 EST to 03:00 EDT on 2025-03-09;
		// Berlin went back from 03:00 CEST to 02:00 CET on 2025-10-26.
		expect(iso('2025-11-02T01:30', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z');
		expect(iso('2025-10-26T02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
		expect(iso('2025-03-09T02:30', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z');
	});

	test('relative ages count back from now', () => {
		expect(iso('90s')).toBe('2025-06-01T11:58:30.000Z');
		expect(iso('15m')).toBe('2025-06-01T11:45:00.000Z');
		expect(iso('6h')).toBe('2025-06-01T06:00:00.000Z');
		expect(iso('7d')).toBe('2025-05-25T12:00:00.000Z');
		expect(iso('2w')).toBe('2025-05-18T12:00:00.000Z');
		expect(iso('6H')).toBe('2025-06-01T06:00:00.000Z');
	});

	test('now', () => {
		expect(iso('now')).toBe(now.toISOString());
		expect(iso('NOW')).toBe(now.toISOString());
	});

	test('dates and times not on the calendar are refused', () => {
		for (const input of ['2025-02-30', '2025-13-01', '2025-05-01T24:00:00Z', '2025-05-01T12:60Z', '2025-05-01T12:00+25:00']) {
			expect(refusal(input)).toBe(`'${input}' is not a real date or time of day.`);
		}
	});

	test('anything else is refused with the forms allowed', () => {
		const message = refusal('yesterday');
		expect(message).toMatch(/^'yesterday' is not a time: use an ISO 8601 date-time such as 2025-05-01T12:00:00Z, a date such as 2025-05-01, an age such as 15m, 6h, 7d or 2w, or now\.$/);
		expect(refusal('-6h')).toContain("'-6h' is not a time");
		expect(refusal('6y')).toContain("'6y' is not a time");
		expect(refusal('')).toContain("'' is not a time");
	});

	test('escape sequences in the input are shown inert', () => {
		const message = refusal('\u001B]0;pwned\u0007x');
		expect(message).toMatch(/^'\\e]0;pwned\\x07x' is not a time/);
		expect(message).not.toMatch(/[\u0000-\u001F]/);
	});

	test('an age reaching before any date is refused', () => {
		expect(refusal('999999999w')).toBe("'999999999w' is too far from today to be a time.");
	});
});

describe('parseDuration', () => {
	test('each unit in milliseconds', () => {
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('15m')).toBe(900_000);
		expect(parseDuration('6h')).toBe(21_600_000);
		expect(parseDuration('7d')).toBe(604_800_000);
		expect(parseDuration('2w')).toBe(1_209_600_000);
		expect(parseDuration(' 3 h ')).toBe(10_800_000);
	});

	test('anything else is undefined', () => {
		for (const input of ['', '6', 'h', '1.5h', '6h30m', '-6h', 'six hours', '2025-05-01']) {
			expect(parseDuration(input)).toBeUndefined();
		}
	});
});

describe('wall-clock times', () => {
	test('are dates and date-times without Z or an offset', () => {
		for (const input of ['2025-05-01', ' 2025-05-01T12:00 ', '2025-05-01 12:00:30.25']) {
			expect(isWallClock(input), input).toBe(true);
		}

		for (const input of ['2025-05-01T12:00Z', '2025-05-01T12:00+05:30', '6h', 'now', '', 'yesterday']) {
			expect(isWallClock(input), input).toBe(false);
		}
	});

	test('are written with the offset of the zone they are read in, naming the same instant anywhere', () => {
		expect(withZoneOffset('2025-12-01', 'Asia/Kolkata')).toBe('2025-12-01T00:00:00+05:30');
		expect(withZoneOffset('2025-07-15 09:30:00.25', 'America/New_York')).toBe('2025-07-15T09:30:00.250-04:00');
		expect(withZoneOffset('2025-12-01T09:30', 'UTC')).toBe('2025-12-01T09:30:00Z');
		for (const input of ['6h', 'now', '2025-12-01T09:30Z', '2025-02-30', 'soon']) {
			expect(withZoneOffset(input, 'Asia/Kolkata')).toBe(input);
		}

		const written = withZoneOffset('2025-12-01T09:30', 'America/New_York');
		expect(iso(written, 'Asia/Kolkata')).toBe(iso('2025-12-01T09:30', 'America/New_York'));
	});
});
