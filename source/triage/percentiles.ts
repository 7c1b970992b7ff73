/**
 * Duration percentiles and error rate of the loaded rows, for the summary strip.
 *
 * Percentiles are nearest-rank: the p-th percentile of n sorted values is the
 * value at 1-based rank ceil(p × n / 100). It is always a duration that some
 * request really took, and a p99 of fewer than 100 rows is simply the slowest.
 */
import type {RequestItem} from '../api/types.js';
import {statusClass} from '../format/request.js';

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
export function percentile(sorted: readonly number[], p: number): number | undefined {
	if (sorted.length === 0) {
		return undefined;
	}

	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p * sorted.length) / 100)));
	return sorted[rank - 1];
}

/** Percentiles, error counts and rates over the rows; null durations and running rows are left out of what they do not cover. */
export function summariseRows(rows: readonly RequestItem[]): RowStats {
	const durations: number[] = [];
	let finished = 0;
	let errors = 0;
	let userErrors = 0;
	for (const row of rows) {
		if (row.duration !== null && Number.isFinite(row.duration)) {
			durations.push(row.duration);
		}

		if (row.status_code !== null) {
			finished++;
			const kind = statusClass(row.status_code);
			if (kind === 'error') {
				errors++;
			} else if (kind === 'user_error') {
				userErrors++;
			}
		}
	}

	durations.sort((a, b) => a - b);
	const at = (p: number) => percentile(durations, p) ?? null;
	return {
		count: rows.length,
		timed: durations.length,
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
