import {describe, expect, test} from 'vitest';
import {parseDuration, parseTime} from '../../source/api/time.js';

const now = new Date('2025-06-01T12:00:00.000Z');

function iso(input: string): string {
	const result = parseTime(input, now);
	if (!result.ok) {
		throw new Error(result.message);
	}

	return result.date.toISOString();
}

function refusal(input: string): string {
	const result = parseTime(input, now);
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

	test('a date is UTC midnight', () => {
		expect(iso('2025-05-01')).toBe('2025-05-01T00:00:00.000Z');
		expect(iso(' 2024-02-29 ')).toBe('2024-02-29T00:00:00.000Z');
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

	test('a date-time without a time zone is refused with a hint', () => {
		expect(refusal('2025-05-01T12:00')).toBe("'2025-05-01T12:00' has no time zone: add Z for UTC, or an offset such as +02:00.");
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
