import fc from 'fast-check';
import {expect, it} from 'vitest';
import {groupDigits} from '../../source/format/count.js';

it('groups digits exactly as toLocaleString("en-US") does for whole numbers', () => {
	fc.assert(
		fc.property(fc.oneof(fc.integer(), fc.integer({min: -1e15, max: 1e15}), fc.constantFrom(0, 999, 1000, 100_000, 1_000_000)), count => {
			expect(groupDigits(count)).toBe(count.toLocaleString('en-US'));
		}),
		{numRuns: 2000},
	);
});
