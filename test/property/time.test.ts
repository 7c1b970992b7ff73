/** parseTime over anything a user might type, and over every well-formed absolute and relative time. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {isWallClock, parseDuration, parseTime, withZoneOffset} from '../../source/api/time.js';
import {sanitise} from '../../source/terminal/sanitise.js';
import {contractTime} from './contract.js';
import {anyText, sentenceProblem} from './text.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const unitMs = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Text that looks like a time often enough to reach every branch of the parser. */
const timeish = fc.oneof(
	anyText,
	fc.stringMatching(/^\s?(\d{1,10}\s?[smhdwSMHDWy]|now|NOW|\d{4}-\d{2}-\d{2}([T t]\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?([Zz]|[+-]\d{2}:?\d{2})?)?)\s?$/),
);

/** A parseTime refusal reads as a sentence once the caller puts "The start " before it, and quotes what was typed, made safe. */
function refusalProblem(input: string, message: string): string | undefined {
	if (!message.startsWith(`'${sanitise(input.trim())}' `)) {
		return 'does not start with the input, quoted and sanitised';
	}

	return sentenceProblem(`The start ${message}`);
}

const isoParts = fc.record({
	year: fc.integer({min: 1000, max: 9999}),
	month: fc.integer({min: 1, max: 12}),
	day: fc.integer({min: 1, max: 31}),
	hour: fc.integer({min: 0, max: 23}),
	minute: fc.integer({min: 0, max: 59}),
	second: fc.option(fc.integer({min: 0, max: 59})),
	fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
	zone: fc.oneof(fc.constantFrom('Z', 'z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({min: 0, max: 23}), fc.integer({min: 0, max: 59}), fc.boolean())
		.map(([sign, hours, minutes, hasColon]) => `${sign}${pad(hours)}${hasColon ? ':' : ''}${pad(minutes)}`)),
	separator: fc.constantFrom('T', 't', ' '),
	isDateOnly: fc.boolean(),
});

describe('parseTime', () => {
	test('any text: never throws; a time is a valid Date; a refusal is a sentence quoting the input', () => {
		fc.assert(
			fc.property(timeish, input => {
				const result = parseTime(input, now, 'UTC');
				if (result.ok) {
					expect(Number.isNaN(result.date.getTime())).toBe(false);
				} else {
					expect(refusalProblem(input, result.message), result.message).toBeUndefined();
				}
			}),
			{numRuns: 5000},
		);
	});

	test('a well-formed ISO date or date-time on the calendar is read exactly; one off the calendar is refused in words', () => {
		fc.assert(
			fc.property(isoParts, parts => {
				const {year, month, day, hour, minute, second, fraction, zone, separator, isDateOnly} = parts;
				const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
				const text = isDateOnly
					? date
					: `${date}${separator}${pad(hour)}:${pad(minute)}${second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`}${zone}`;
				// The contract's own reading, with the colon-less offset and lower-case letters normalised.
				const normalised = text.replace(/[Tt ](?=\d{2}:)/, 'T').replace(/z$/, 'Z').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
				const expected = contractTime(normalised);
				const result = parseTime(text, now, 'UTC');
				if (expected === undefined) {
					expect(result.ok, text).toBe(false);
					expect(result.ok ? '' : refusalProblem(text, result.message)).toBeUndefined();
				} else {
					expect(result.ok && result.date.getTime(), text).toBe(expected);
				}
			}),
			{numRuns: 5000},
		);
	});

	test('a relative age counts back from now exactly, or is refused as too far when it leaves the four-digit years', () => {
		fc.assert(
			fc.property(fc.nat({max: 999_999_999}), fc.constantFrom(...Object.keys(unitMs)), fc.boolean(), fc.boolean(), (count, unit, isUpper, isSpaced) => {
				const text = `${count}${isSpaced ? ' ' : ''}${isUpper ? unit.toUpperCase() : unit}`;
				const ageMs = count * unitMs[unit as keyof typeof unitMs];
				expect(parseDuration(text)).toBe(ageMs);
				const result = parseTime(text, now, 'UTC');
				const expected = new Date(now.getTime() - ageMs);
				const year = expected.getUTCFullYear();
				if (Number.isNaN(year) || year < 1) {
					expect(result.ok ? 'accepted' : result.message).toMatch(/too far from today/);
				} else {
					expect(result.ok && result.date.getTime()).toBe(expected.getTime());
				}
			}),
			{numRuns: 3000},
		);
	});
});

describe('wall-clock times', () => {
	const zones = fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham');
	const wallClock = fc
		.record({date: fc.date({min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true}), isDateOnly: fc.boolean(), separator: fc.constantFrom('T', ' ')})
		.map(({date, isDateOnly, separator}) => (isDateOnly ? date.toISOString().slice(0, 10) : date.toISOString().slice(0, 23).replace('T', separator)));

	test('written with the offset of the zone they are read in, they name the same instant read in any zone', () => {
		fc.assert(
			fc.property(wallClock, zones, zones, (text, zone, elsewhere) => {
				expect(isWallClock(text)).toBe(true);
				const read = parseTime(text, now, zone);
				const written = withZoneOffset(text, zone);
				expect(isWallClock(written), written).toBe(false);
				const reread = parseTime(written, now, elsewhere);
				expect(read.ok && reread.ok && reread.date.getTime(), `${text} in ${zone} is ${written}`).toBe(read.ok && read.date.getTime());
			}),
			{numRuns: 2000},
		);
	});
});
