/** The command line's flags over generated values: only UsageError is ever thrown, always with a sentence. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {checkFlags, filtersFromFlags, flagSpec, UsageError, type Flags} from '../../source/cli-flags.js';
import {validateFilters} from '../../source/api/query.js';
import {timeText} from './filters.js';
import {anyText, sentenceProblem} from './text.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const flagNames = Object.keys(flagSpec);

/** A value as meow would give it for the flag's type, or something it never would. */
function valueFor(name: string): fc.Arbitrary<unknown> {
	const spec = flagSpec[name as keyof typeof flagSpec];
	const type: fc.Arbitrary<unknown> = spec.type === 'number' ? fc.oneof(fc.double(), fc.integer()) : spec.type === 'boolean' ? fc.boolean() : name === 'start' || name === 'since' || name === 'end' ? timeText : anyText;
	return 'isMultiple' in spec ? fc.array(type, {maxLength: 4}) : type;
}

const flagsArbitrary = fc.record(Object.fromEntries(flagNames.map(name => [name, valueFor(name)])), {requiredKeys: []}) as fc.Arbitrary<Flags>;
/** Names as typed: known ones, their short forms, and names nobody defined. */
const givenArbitrary = fc.dictionary(fc.oneof(fc.constantFrom(...flagNames, 'help', 'version', 'e'), fc.string({maxLength: 12})), fc.anything(), {maxKeys: 4});

function expectUsageSentence(error: unknown): void {
	expect(error).toBeInstanceOf(UsageError);
	const {message} = error as UsageError;
	expect(sentenceProblem(message), message).toBeUndefined();
}

describe('command-line flags', () => {
	test('checkFlags throws nothing but a UsageError in words, and only for an unknown name or a number that is not one', () => {
		fc.assert(
			fc.property(flagsArbitrary, givenArbitrary, (flags, given) => {
				const isUnknown = Object.keys(given).some(name => !['help', 'version', 'e', ...flagNames].includes(name));
				const isNaNGiven = flagNames.some(name => flagSpec[name as keyof typeof flagSpec].type === 'number' && Number.isNaN(flags[name]));
				try {
					checkFlags(flags, given);
					expect(isUnknown || isNaNGiven).toBe(false);
				} catch (error) {
					expectUsageSentence(error);
					expect(isUnknown || isNaNGiven).toBe(true);
				}
			}),
			{numRuns: 5000},
		);
	});

	test('filtersFromFlags throws nothing but a UsageError, and what it gives validates without throwing', () => {
		fc.assert(
			fc.property(flagsArbitrary, flags => {
				let filters;
				try {
					filters = filtersFromFlags(flags);
				} catch (error) {
					expectUsageSentence(error);
					expect(flags.since !== undefined && flags.start !== undefined).toBe(true);
					return;
				}

				if (filters !== undefined) {
					const result = validateFilters(filters, now);
					for (const problem of result.ok ? [] : result.problems) {
						expect(sentenceProblem(problem.message), problem.message).toBeUndefined();
					}
				}
			}),
			{numRuns: 5000},
		);
	});
});
