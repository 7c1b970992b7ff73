import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {percentile, selectPercentiles, summariseRows} from '../../source/triage/percentiles.js';
import {makeRow} from './rows.js';

describe('percentile (nearest rank)', () => {
	const oneToHundred = Array.from({length: 100}, (_, index) => index + 1);

	it('takes the value at rank ceil(p × n / 100)', () => {
		expect(percentile(oneToHundred, 50)).toBe(50);
		expect(percentile(oneToHundred, 95)).toBe(95);
		expect(percentile(oneToHundred, 99)).toBe(99);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 50)).toBe(6);
	});

	it('is a value some request really took, even with few values', () => {
		expect(percentile([0.5], 50)).toBe(0.5);
		expect(percentile([0.5, 30], 99)).toBe(30);
		expect(percentile([], 50)).toBeUndefined();
	});
});

describe('selectPercentiles', () => {
	it('gives what percentile gives of the values sorted, to the sign of a zero, whatever their order and repeats', () => {
		const value = fc.oneof(fc.constantFrom(0, -0, 1, 1, 2, 60, 0.25), fc.double({noNaN: true, noDefaultInfinity: true}));
		const order = fc.constantFrom('as made', 'ascending', 'descending');
		fc.assert(
			fc.property(fc.array(value, {maxLength: 300}), order, fc.uniqueArray(fc.integer({min: 1, max: 100}), {minLength: 1, maxLength: 4}), (values, arranged, ps) => {
				const sorted = Float64Array.from(values).sort();
				const input = arranged === 'as made' ? Float64Array.from(values) : arranged === 'ascending' ? sorted.slice() : sorted.slice().reverse();
				expect(selectPercentiles(input, ps)).toEqual(ps.map(p => percentile(sorted, p)));
			}),
			{numRuns: 1000},
		);
	});

	it('has none of no values', () => {
		expect(selectPercentiles(new Float64Array(0), [50, 95])).toEqual([undefined, undefined]);
	});
});

describe('summariseRows', () => {
	it('gives exact percentiles and rates, ignoring null durations but saying how many are covered', () => {
		const durations = [0.2, 3, 1, 0.5, 12, 2, 0.8, 4, 1.5, 6];
		const rows = [
			...durations.map((duration, index) => makeRow({duration, status_code: index === 0 ? 500 : index === 1 ? 422 : 200})),
			makeRow({duration: null, status_code: 503}),
			makeRow({duration: null, status_code: null, ended_at: null}),
		];
		expect(summariseRows(rows)).toEqual({
			count: 12,
			timed: 10,
			p50: 1.5,
			p95: 12,
			p99: 12,
			finished: 11,
			errors: 2,
			userErrors: 1,
			errorRate: 3 / 11,
			serverErrorRate: 2 / 11,
		});
	});

	it('has no figures for no rows', () => {
		expect(summariseRows([])).toEqual({
			count: 0,
			timed: 0,
			p50: null,
			p95: null,
			p99: null,
			finished: 0,
			errors: 0,
			userErrors: 0,
			errorRate: null,
			serverErrorRate: null,
		});
	});
});
