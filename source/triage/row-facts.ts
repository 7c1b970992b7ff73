/**
 * What the summary strip counts of each row, column by column: when it
 * happened, its status and its duration. A RowList reads them off its packed
 * columns without unpacking a row, so the strip counts 100,000 rows again in
 * milliseconds when its window moves (as it does on every follow poll that
 * finds new rows) instead of unpacking them all.
 */
import type {RequestItem} from '../api/types.js';

export type RowFacts = {
	readonly length: number;
	/** {@link requestTime} of each row: NaN when it does not parse. */
	readonly times: Float64Array;
	/** Status codes, NaN for none. */
	readonly statuses: Float64Array;
	/** Durations in seconds, NaN for none. */
	readonly durations: Float64Array;
};

/** When a request happened for the strip: its end, or its send time while it is still running (as the API filters). */
export function requestTime(row: Pick<RequestItem, 'ended_at' | 'sent_at'>): number {
	return Date.parse(row.ended_at ?? row.sent_at);
}

/** When a request ended, to the millisecond; NaN while it runs. */
export function endTime(row: Pick<RequestItem, 'ended_at'>): number {
	return row.ended_at === null ? Number.NaN : Date.parse(row.ended_at);
}

/** Room for the facts of `length` rows. */
export function emptyFacts(length: number): RowFacts {
	return {length, times: new Float64Array(length), statuses: new Float64Array(length), durations: new Float64Array(length)};
}

/** Sets the facts at `index` from the row. */
export function setFacts(facts: RowFacts, index: number, row: RequestItem): void {
	facts.times[index] = requestTime(row);
	facts.statuses[index] = row.status_code ?? Number.NaN;
	facts.durations[index] = row.duration ?? Number.NaN;
}

/** The facts of rows held as objects. */
export function factsOf(rows: readonly RequestItem[]): RowFacts {
	const facts = emptyFacts(rows.length);
	for (const [index, row] of rows.entries()) {
		setFacts(facts, index, row);
	}

	return facts;
}

/** The status code at `index`, or null for none. */
export function statusAt(facts: RowFacts, index: number): number | null {
	const status = facts.statuses[index]!;
	return Number.isNaN(status) ? null : status;
}
