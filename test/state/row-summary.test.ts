import {describe, expect, it} from 'vitest';
import {bucketRequests} from '../../source/triage/buckets.js';
import {summariseRows} from '../../source/triage/percentiles.js';
import {RowList} from '../../source/state/row-list.js';
import {RowSummary} from '../../source/state/row-summary.js';
import {item} from './fixtures.js';

const window = {start: new Date('2026-11-28T00:00:00Z'), end: new Date('2026-11-29T00:00:00Z')};

/** Rows spread over the day with durations in no order, some failed, some running. */
function rowsFrom(from: number, to: number) {
	return Array.from({length: to - from}, (_, index) => {
		const n = from + index;
		const ended = new Date(window.start.getTime() + ((n * 7919) % 86_400) * 1000).toISOString();
		return item(n, {
			ended_at: n % 11 === 0 ? null : ended,
			sent_at: ended,
			duration: n % 11 === 0 ? null : ((n * 37) % 101) / 10,
			status_code: n % 11 === 0 ? null : n % 7 === 0 ? 500 : n % 5 === 0 ? 422 : 200,
		});
	});
}

describe('RowSummary', () => {
	it('counts the pages appended alone and comes to the figures of all rows counted at once', () => {
		const summary = new RowSummary();
		let rows = RowList.empty;
		for (let page = 0; page < 12; page++) {
			rows = rows.append(rowsFrom(page * 50, (page + 1) * 50));
			const figures = summary.update(rows, window, 60);
			const all = rows.slice();
			expect(figures.stats).toEqual(summariseRows(all));
			expect(figures.buckets).toEqual(bucketRequests(all, window, 60));
		}
	});

	it('counts from scratch for rows that are not the last ones with a page appended, and for another width', () => {
		const summary = new RowSummary();
		const first = RowList.from(rowsFrom(0, 100));
		summary.update(first, window, 60);
		const other = RowList.from(rowsFrom(40, 90));
		expect(summary.update(other, window, 60).stats).toEqual(summariseRows(other.slice()));
		expect(summary.update(other, window, 30).buckets).toEqual(bucketRequests(other.slice(), window, 30));
		const plain = rowsFrom(0, 30);
		expect(summary.update(plain, window, 30).stats).toEqual(summariseRows(plain));
	});
});
