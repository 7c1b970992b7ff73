/**
 * The summary strip's figures over the loaded rows, kept up to date a page at
 * a time: when the rows are those counted last with a page appended, only
 * that page is counted. Other rows (new filters, rows put on top by follow
 * mode, a plain array) and another window or width count again from scratch,
 * from a RowList's packed columns rather than its rows unpacked.
 */
import {countInto, emptyBuckets, type Bucket, type TimeWindow} from '../triage/buckets.js';
import {RowTally, type RowStats} from '../triage/percentiles.js';
import {factsOf, type RowFacts} from '../triage/row-facts.js';
import {isAppendedTo, RowList, type Rows} from './row-list.js';

export type RowFigures = {stats: RowStats; buckets: readonly Bucket[]};

export class RowSummary {
	private counted: Rows = RowList.empty;
	private tally = new RowTally();
	private buckets: Bucket[] = [];
	private layout = '';

	/** The figures of `rows`, bucketed over `window` into at most `columns` buckets. */
	update(rows: Rows, window: TimeWindow, columns: number): RowFigures {
		const isAppended = isAppendedTo(rows, this.counted);
		const added = factsFrom(rows, isAppended ? this.counted.length : 0);
		if (!isAppended) {
			this.tally = new RowTally();
		}

		this.tally.add(added);
		const layout = `${window.start.getTime()} ${window.end.getTime()} ${columns}`;
		if (isAppended && layout === this.layout) {
			countInto(this.buckets, window, added);
		} else {
			this.buckets = emptyBuckets(window, columns);
			this.layout = layout;
			countInto(this.buckets, window, isAppended ? factsFrom(rows, 0) : added);
		}

		this.counted = rows;
		return {stats: this.tally.stats(), buckets: this.buckets};
	}
}

/** The facts of the rows from `start` on: off a RowList's columns, or from the rows themselves. */
function factsFrom(rows: Rows, start: number): RowFacts {
	return rows instanceof RowList ? rows.facts(start) : factsOf(rows.slice(start));
}
