import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {inexactNote, isExactNumber, isSurelyCanonicalAt} from '../../source/json/numbers.js';
import {numberText} from './json-text.js';

/** Small fractions in plain notation, where String() switches to an exponent below 1e-6. */
const smallFraction = fc
	.tuple(fc.boolean(), fc.integer({min: 0, max: 9}), fc.integer({min: 1, max: 999_999}))
	.map(([isNegative, zeros, digits]) => `${isNegative ? '-' : ''}0.${'0'.repeat(zeros)}${digits}`);

describe('number literals', () => {
	test('the quick check calls canonical only what String() of its float spells as written', () => {
		fc.assert(
			fc.property(fc.oneof(numberText, smallFraction), literal => {
				const text = `[${literal}]`;
				if (isSurelyCanonicalAt(text, 1, text.length - 1)) {
					expect(String(Number(literal))).toBe(literal);
				}
			}),
			{numRuns: 2000},
		);
	});

	test('the quick check knows the usual numbers: integers, short decimals, small fractions', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer(), fc.integer({min: -1e6, max: 1e6}).map(n => n / 1000), fc.integer({min: 1, max: 9999}).map(n => n / 1e6)), number => {
				const text = String(number);
				expect(isSurelyCanonicalAt(text, 0, text.length)).toBe(true);
			}),
		);
		for (const unsure of ['-0', '-0.0', '1.0', '1e2', '0.0000001', '1234567890123456', '0.12345678901234568', '007']) {
			expect(isSurelyCanonicalAt(unsure, 0, unsure.length), unsure).toBe(false);
		}
	});

	test('a float holds a number exactly when its shortest form has the same decimal value', () => {
		for (const exact of ['0.1', '1.0', '1e2', '1E2', '-0.0', '0', '100', '0.000001', '1.5e-7', '9007199254740992', '1e21', '123.4500']) {
			expect(isExactNumber(exact), exact).toBe(true);
		}

		for (const inexact of ['123456789012345678901234567890', '1e999', '-1e400', '1e-400', '9007199254740993', '0.1000000000000000055511151231257827', '18446744073709551615']) {
			expect(isExactNumber(inexact), inexact).toBe(false);
		}

		fc.assert(
			fc.property(fc.double({noNaN: true, noDefaultInfinity: true}), float => {
				expect(isExactNumber(String(float))).toBe(true);
			}),
		);
	});

	test('what a float cannot hold is said in words', () => {
		expect(inexactNote('1e999')).toBe('beyond float range');
		expect(inexactNote('-1e400')).toBe('beyond float range');
		expect(inexactNote('1e-400')).toBe('beyond float range');
		expect(inexactNote('123456789012345678901234567890')).toBe('not exact as a float');
		expect(inexactNote('1.0')).toBeUndefined();
	});
});
