/**
 * The summary strip's figures over the loaded rows, kept up to date a page at
 * a time: when the rows are those counted last with a page appended, only
 * that page is counted. Other rows (new filters, rows put on top by follow
 * mode, a plain array) and another window or width count again from scratch.
 */
import {countInto, emptyBuckets, type Bucket, type TimeWindow} from '../triage/buckets.js';
import {RowTally, type RowStats} from '../triage/percentiles.js';
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
		const added = isAppended ? [...(rows as RowList).values(this.counted.length)] : rows;
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
			countInto(this.buckets, window, rows);
		}

		this.counted = rows;
		return {stats: this.tally.stats(), buckets: this.buckets};
	}
}
