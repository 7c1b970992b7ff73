import {useState} from 'react';
import {render} from 'ink-testing-library';
import {Text} from 'ink';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {RequestItem} from '../../../source/api/types.js';
import {RowList} from '../../../source/state/row-list.js';
import {RowSummary} from '../../../source/state/row-summary.js';
import {SummaryStrip} from '../../../source/views/triage/summary-strip.js';
import {makeRow} from '../../triage/rows.js';
import {waitForFrame} from './wait.js';

const window = {start: new Date('2026-03-01T12:00:00Z'), end: new Date('2026-03-01T13:00:00Z')};
const at = (minute: number) => new Date(window.start.getTime() + minute * 60_000).toISOString();

// Ten rows: durations 1..10 s, one 504 and one 422, spread over the hour.
const rows: RequestItem[] = Array.from({length: 10}, (_, index) =>
	makeRow({ended_at: at(index * 6), duration: index + 1, status_code: index === 3 ? 504 : index === 7 ? 422 : 200}),
);

afterEach(() => {
	vi.restoreAllMocks();
});

describe('SummaryStrip', () => {
	it('shows the sparkline, the percentiles, the error rates and how many rows they cover, within the width', () => {
		const {lastFrame} = render(<SummaryStrip rows={rows} width={100} window={window} isColor={false} />);
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^req [▁-█ ]+ p50 5\.00s {2}p95 10\.00s {2}p99 10\.00s$/);
		expect(lines[1]).toMatch(/^err [▁-█ ]+ errors 20\.0% \(5xx 10\.0%\) · 10 rows · 2m\/bar$/);
		// 49 columns for the hour: thirty 2-minute bars; the error row marks the two holding errors.
		expect(lines[0]!.slice(4, 35)).toBe(`${'█  '.repeat(10)} `);
		expect(lines[1]!.slice(4, 35)).toBe(`${' '.repeat(9)}█${' '.repeat(11)}█${' '.repeat(9)}`);
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(100);
		}
	});

	it('reads in ASCII and says how many rows have a duration', () => {
		const partly = [...rows, makeRow({ended_at: at(59), duration: null, status_code: 503})];
		const {lastFrame} = render(<SummaryStrip isAscii hasMore rows={partly} width={100} window={window} isColor={false} />);
		const frame = lastFrame() ?? '';
		expect(frame).toMatch(/^[\u0020-\u007E\n·]*$/);
		expect(frame).toContain('(10 timed)');
		expect(frame).toContain('errors 27.3% (5xx 18.2%) · 11+ rows');
	});

	it('groups the digits of large counts, as the list title does', () => {
		const many = Array.from({length: 1200}, (_, index) => makeRow({ended_at: at(index % 60), duration: index % 7 === 0 ? null : 1}));
		const frame = render(<SummaryStrip rows={RowList.from(many)} width={120} window={window} isColor={false} />).lastFrame() ?? '';
		expect(frame).toContain('(1,028 timed)');
		expect(frame).toContain('· 1,200 rows');
	});

	it('says 1 row, not 1 rows', () => {
		const frame = render(<SummaryStrip rows={rows.slice(0, 1)} width={100} window={window} isColor={false} />).lastFrame() ?? '';
		expect(frame).toMatch(/· 1 row · /);
	});

	it('updates as pages load', async () => {
		const {lastFrame, rerender} = render(<SummaryStrip rows={rows.slice(0, 2)} width={100} window={window} isColor={false} />);
		expect(lastFrame()).toContain('2 rows');
		rerender(<SummaryStrip rows={rows} width={100} window={window} isColor={false} />);
		await waitForFrame(lastFrame, frame => frame.includes('10 rows'));
	});

	it('shows the same figures whether pages are appended to the feed\'s rows or all rows are given at once', async () => {
		const whole = render(<SummaryStrip rows={rows} width={100} window={window} isColor={false} />).lastFrame();
		let loaded = RowList.from(rows.slice(0, 3));
		const {lastFrame, rerender} = render(<SummaryStrip rows={loaded} width={100} window={window} isColor={false} />);
		loaded = loaded.append(rows.slice(3, 7));
		rerender(<SummaryStrip rows={loaded} width={100} window={window} isColor={false} />);
		loaded = loaded.append(rows.slice(7));
		rerender(<SummaryStrip rows={loaded} width={100} window={window} isColor={false} />);
		await waitForFrame(lastFrame, frame => frame.includes('10 rows'));
		expect(lastFrame()).toBe(whole);
	});

	it('drops the sparkline, not the figures, when narrow, and never wraps', () => {
		const {lastFrame} = render(<SummaryStrip rows={rows} width={40} window={window} isColor={false} />);
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines[0]).toMatch(/^p50 5\.00s/);
		expect(lines).toHaveLength(2);
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(40);
		}
	});

	it('does not recompute when the parent re-renders for a cursor key', async () => {
		let moveCursor: () => void = () => undefined;
		function Parent() {
			const [cursor, setCursor] = useState(0);
			moveCursor = () => {
				setCursor(value => value + 1);
			};

			// A fresh window object on every render, as a parent might build it.
			return (
				<>
					<SummaryStrip rows={rows} width={100} window={{start: new Date(window.start), end: new Date(window.end)}} isColor={false} />
					<Text>cursor {cursor}</Text>
				</>
			);
		}

		const update = vi.spyOn(RowSummary.prototype, 'update');
		const {lastFrame} = render(<Parent />);
		moveCursor();
		moveCursor();
		await waitForFrame(lastFrame, frame => frame.includes('cursor 2'));
		expect(update).toHaveBeenCalledTimes(1);
	});
});
