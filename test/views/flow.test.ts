import fc from 'fast-check';
import stringWidth from 'string-width';
import {expect, it} from 'vitest';
import {flowUnits, wrapWhole} from '../../source/views/flow.js';

it('keeps units whole on a line when they fit, and breaks only one wider than a line', () => {
	const lines = (units: string[], width: number) => flowUnits(units, width, 2).map(line => line.map(piece => units[piece.unit]!.slice(piece.start, piece.end)).join('  '));
	expect(lines(['status 200 ok', 'duration 1.85s', 'queue 1.14s'], 30)).toEqual(['status 200 ok  duration 1.85s', 'queue 1.14s']);
	expect(lines(['endpoint a/b', 'runner 8d46cd12-c0ef-4b5a-9a0e-1234567890ab'], 20)).toEqual(['endpoint a/b', 'runner 8d46cd12-c0ef', '-4b5a-9a0e-123456789', '0ab']);
	expect(wrapWhole('retry after an error / reload from the top', 16)).toEqual(['retry after an', 'error / reload', 'from the top']);
});

it('loses nothing and never passes the width, wide characters included', () => {
	const unit = fc.array(fc.constantFrom('a', 'b', '-', '中', '😀', 'é'), {maxLength: 30}).map(chars => chars.join(''));
	fc.assert(
		fc.property(fc.array(unit, {maxLength: 8}), fc.integer({min: 2, max: 40}), fc.integer({min: 1, max: 2}), (units, width, gap) => {
			const lines = flowUnits(units, width, gap);
			const shown = new Map<number, string>();
			for (const line of lines) {
				const text = line.map(piece => units[piece.unit]!.slice(piece.start, piece.end)).join(' '.repeat(gap));
				expect(stringWidth(text)).toBeLessThanOrEqual(width);
				for (const piece of line) {
					shown.set(piece.unit, (shown.get(piece.unit) ?? '') + units[piece.unit]!.slice(piece.start, piece.end));
				}
			}

			expect(units.map((_, index) => shown.get(index) ?? '')).toEqual(units);
		}),
		{numRuns: 500},
	);
});
