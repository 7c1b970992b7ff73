/**
 * Duration percentiles and error rate of the loaded rows, for the summary
 * strip and, group by group, the breakdowns.
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

/** The 1-based rank of the nearest-rank `p`-th percentile (0 < p ≤ 100) of `count` values (at least 1). */
function rankOf(p: number, count: number): number {
	return Math.min(count, Math.max(1, Math.ceil((p * count) / 100)));
}

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of values sorted ascending; undefined when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
	return sorted.length === 0 ? undefined : sorted[rankOf(p, sorted.length) - 1];
}

/** Whether `a` comes before `b` as a Float64Array sorts them: -0 before 0, so that selection and sorting agree to the sign. */
function isBefore(a: number, b: number): boolean {
	return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}

/**
 * Reorders values[from..to] (inclusive) so that values[k] is the value
 * sorting would put there, nothing that sorts after it before k and nothing
 * that sorts before it after k (Hoare's selection, the pivot a median of three).
 */
function select(values: Float64Array, k: number, from: number, to: number): void {
	let left = from;
	let right = to;
	while (left < right) {
		const a = values[left]!;
		const b = values[k]!;
		const c = values[right]!;
		const pivot = isBefore(a, b) === isBefore(b, c) ? b : isBefore(a, b) === isBefore(a, c) ? c : a;
		let i = left;
		let j = right;
		while (i <= j) {
			while (isBefore(values[i]!, pivot)) {
				i++;
			}

			while (isBefore(pivot, values[j]!)) {
				j--;
			}

			if (i <= j) {
				const swapped = values[i]!;
				values[i++] = values[j]!;
				values[j--] = swapped;
			}
		}

		if (j < k) {
			left = i;
		}

		if (k < i) {
			right = j;
		}
	}
}

/**
 * The nearest-rank percentiles `ps` of finite `values`, each as `percentile`
 * gives it of the values sorted, found by selection: time in proportion to
 * the count, where a sort takes n log n (most of a breakdown's time). The
 * values are reordered.
 */
export function selectPercentiles(values: Float64Array, ps: readonly number[]): Array<number | undefined> {
	if (values.length === 0) {
		return ps.map(() => undefined);
	}

	// Highest rank first: once it is in place, every lower one is among the values before it.
	const ranks = ps.map(p => rankOf(p, values.length) - 1);
	let end = values.length - 1;
	for (const rank of [...ranks].sort((a, b) => b - a)) {
		select(values, rank, 0, end);
		end = rank;
	}

	return ranks.map(rank => values[rank]);
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
