/** The command line's flags over generated values: only UsageError is ever thrown, always with a sentence. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {filtersFromFlags, flagSpec, numberFlags, readFlags, UsageError, type Flags} from '../../source/cli-flags.js';
import {validateFilters} from '../../source/api/query.js';
import {timeText} from './filters.js';
import {anyText, sentenceProblem} from './text.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const flagNames = Object.keys(flagSpec);

const isNumberFlag = (name: string): boolean => (numberFlags as readonly string[]).includes(name);
const decimal = /^[+-]?\d+(\.\d+)?$/;

/** A value as meow would give it for the flag's type: for a number option, decimal digits or any text. */
function valueFor(name: string): fc.Arbitrary<unknown> {
	const spec = flagSpec[name as keyof typeof flagSpec];
	const number = fc.oneof(fc.integer().map(String), fc.double({noNaN: true, noDefaultInfinity: true}).map(String), anyText, fc.constantFrom('', '0x10', '1e3', ' 5', '5 ', 'Infinity'));
	const type: fc.Arbitrary<unknown> = isNumberFlag(name) ? number : spec.type === 'boolean' ? fc.boolean() : name === 'start' || name === 'since' || name === 'end' ? timeText : anyText;
	return 'isMultiple' in spec ? fc.array(type, {maxLength: 4}) : type;
}

const parsedArbitrary = fc.record(Object.fromEntries(flagNames.map(name => [name, valueFor(name)])), {requiredKeys: []}) as fc.Arbitrary<Record<string, unknown>>;
/** Names as typed: known ones, their short forms, and names nobody defined. */
const givenArbitrary = fc.dictionary(fc.oneof(fc.constantFrom(...flagNames, 'help', 'version', 'e'), fc.string({maxLength: 12})), fc.anything(), {maxKeys: 4});

function expectUsageSentence(error: unknown): void {
	expect(error).toBeInstanceOf(UsageError);
	const {message} = error as UsageError;
	expect(sentenceProblem(message), message).toBeUndefined();
}

describe('command-line flags', () => {
	test('readFlags throws nothing but a UsageError in words, and only for an unknown name, a number not in decimal digits, a --max that is not a whole number of at least 1 or a --concurrency outside 1 to 16', () => {
		fc.assert(
			fc.property(parsedArbitrary, givenArbitrary, (parsed, given) => {
				const isUnknown = Object.keys(given).some(name => !['help', 'version', 'e', ...flagNames].includes(name));
				const isNotNumber = numberFlags.some(name => parsed[name] !== undefined && !decimal.test(String(parsed[name])));
				const isBadMax = parsed['max'] !== undefined && !(Number.isInteger(Number(parsed['max'])) && Number(parsed['max']) >= 1);
				const concurrency = Number(parsed['concurrency']);
				const isBadConcurrency = parsed['concurrency'] !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16);
				try {
					const flags = readFlags(parsed, given);
					expect(isUnknown || isNotNumber || isBadMax || isBadConcurrency).toBe(false);
					for (const name of numberFlags) {
						expect(flags[name]).toBe(parsed[name] === undefined ? undefined : Number(parsed[name]));
					}
				} catch (error) {
					expectUsageSentence(error);
					expect(isUnknown || isNotNumber || isBadMax || isBadConcurrency).toBe(true);
				}
			}),
			{numRuns: 5000},
		);
	});

	test('filtersFromFlags throws nothing but a UsageError, and what it gives validates without throwing', () => {
		fc.assert(
			fc.property(parsedArbitrary, parsed => {
				const flags = Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, isNumberFlag(name) ? Number(value) : value])) as Flags;
				let filters;
				try {
					filters = filtersFromFlags(flags);
				} catch (error) {
					expectUsageSentence(error);
					expect(flags.since !== undefined && flags.start !== undefined).toBe(true);
					return;
				}

				if (filters !== undefined) {
					const result = validateFilters(filters, now, 'UTC');
					for (const problem of result.ok ? [] : result.problems) {
						expect(sentenceProblem(problem.message), problem.message).toBeUndefined();
					}
				}
			}),
			{numRuns: 5000},
		);
	});
});
