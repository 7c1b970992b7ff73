/**
 * Duration percentiles and error rate of the loaded rows, for the summary strip.
 *
 * Percentiles are nearest-rank: the p-th percentile of n sorted values is the
 * value at 1-based rank ceil(p × n / 100). It is always a duration that some
 * request really took, and a p99 of fewer than 100 rows is simply the slowest.
 */
import type {RequestItem} from '../api/types.js';
import {countFailure, type FailureCounts} from './failure-counts.js';
import {factsOf, statusAt, type RowFacts} from './row-facts.js';

export type RowStats = {
	/** Rows looked at. */
	count: number;
	/** Rows with a duration: what the percentiles cover. */
	timed: number;
	/** Durations in seconds; null when no row has a duration. */
	p50: number | null;
	p95: number | null;
	p99: number | null;
	/** Rows with a status code (finished): what the rates cover. */
	finished: number;
	/** Rows with status 5xx. */
	errors: number;
	/** Rows with status 4xx. */
	userErrors: number;
	/** Share (0..1) of finished rows with status 4xx or 5xx; null when none finished. */
	errorRate: number | null;
	/** Share (0..1) of finished rows with status 5xx; null when none finished. */
	serverErrorRate: number | null;
};

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of values sorted ascending; undefined when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
	if (sorted.length === 0) {
		return undefined;
	}

	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p * sorted.length) / 100)));
	return sorted[rank - 1];
}

/**
 * What the stats are made of, rows added a batch at a time: the counts, and
 * the durations kept sorted, each batch merged in. Bringing the stats up to
 * date as a page loads then costs that page, not every row loaded again.
 */
export class RowTally {
	private count = 0;
	private finished = 0;
	private readonly failures: FailureCounts = {errors: 0, userErrors: 0};
	/** The first `timed` values are the durations, ascending. */
	private sorted = new Float64Array(128);
	private timed = 0;

	add(facts: RowFacts): this {
		const durations = new Float64Array(facts.length);
		let timed = 0;
		for (let index = 0; index < facts.length; index++) {
			this.count++;
			const duration = facts.durations[index]!;
			if (Number.isFinite(duration)) {
				durations[timed++] = duration;
			}

			const status = statusAt(facts, index);
			if (status !== null) {
				this.finished++;
				countFailure(this.failures, status);
			}
		}

		this.merge(durations.subarray(0, timed).sort());
		return this;
	}

	stats(): RowStats {
		const sorted = this.sorted.subarray(0, this.timed);
		const at = (p: number) => percentile(sorted, p) ?? null;
		const {finished} = this;
		const {errors, userErrors} = this.failures;
		return {
			count: this.count,
			timed: this.timed,
			p50: at(50),
			p95: at(95),
			p99: at(99),
			finished,
			errors,
			userErrors,
			errorRate: finished === 0 ? null : (errors + userErrors) / finished,
			serverErrorRate: finished === 0 ? null : errors / finished,
		};
	}

	/** Merges ascending `values` into the sorted durations, from the back, in place. */
	private merge(values: Float64Array): void {
		const total = this.timed + values.length;
		if (total > this.sorted.length) {
			const grown = new Float64Array(Math.max(total, this.sorted.length * 2));
			grown.set(this.sorted.subarray(0, this.timed));
			this.sorted = grown;
		}

		const {sorted} = this;
		let kept = this.timed - 1;
		let added = values.length - 1;
		for (let target = total - 1; added >= 0; target--) {
			sorted[target] = kept >= 0 && sorted[kept]! > values[added]! ? sorted[kept--]! : values[added--]!;
		}

		this.timed = total;
	}
}

/** Percentiles, error counts and rates over the rows; null durations and running rows are left out of what they do not cover. */
export function summariseRows(rows: readonly RequestItem[]): RowStats {
	return new RowTally().add(factsOf(rows)).stats();
}
