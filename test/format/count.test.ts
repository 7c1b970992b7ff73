import fc from 'fast-check';
import {expect, it} from 'vitest';
import {countOf, formatRate, groupDigits} from '../../source/format/count.js';

it('groups digits exactly as toLocaleString("en-US") does for whole numbers', () => {
	fc.assert(
		fc.property(fc.oneof(fc.integer(), fc.integer({min: -1e15, max: 1e15}), fc.constantFrom(0, 999, 1000, 100_000, 1_000_000)), count => {
			expect(groupDigits(count)).toBe(count.toLocaleString('en-US'));
		}),
		{numRuns: 2000},
	);
});

it('puts a noun that agrees with its count', () => {
	expect(countOf(1, 'row')).toBe('1 row');
	expect(countOf(0, 'row')).toBe('0 rows');
	expect(countOf(2, 'failed row')).toBe('2 failed rows');
	expect(countOf(12_345, 'row')).toBe('12,345 rows');
	expect(countOf(1, 'row', {isAtLeast: true})).toBe('1+ rows');
	expect(countOf(3, 'match', {plural: 'matches'})).toBe('3 matches');
});

it('writes a share as a percentage with one decimal, and a dash when there is none', () => {
	expect(formatRate(0)).toBe('0.0%');
	expect(formatRate(1 / 3)).toBe('33.3%');
	expect(formatRate(1)).toBe('100.0%');
	expect(formatRate(null)).toBe('-');
	expect(formatRate(undefined)).toBe('-');
});
