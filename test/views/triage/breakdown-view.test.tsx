import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../../source/api/types.js';
import {breakdown, errorTypesOf, sortBreakdown, type Dimension} from '../../../source/triage/breakdown.js';
import {breakdownStart, moveBreakdownCursor, narrowTo, showDimension, sortOn, type BreakdownState} from '../../../source/triage/breakdown-state.js';
import {createTheme, ThemeContext} from '../../../source/views/theme.js';
import {BreakdownView, type BreakdownViewProps} from '../../../source/views/triage/breakdown-view.js';
import {makeRow} from '../../triage/rows.js';

const longEndpoint = 'acme/a-very-long-endpoint-name/that-goes-on-and-on/and-on/v1.1-ultra-deluxe-edition';
const disconnected = {detail: 'The runner disconnected', error_type: 'runner_disconnected'};
const rows: RequestItem[] = [
	makeRow({runner_id: 'runner-a', duration: 3}),
	makeRow({runner_id: 'runner-a', duration: 0.25}),
	makeRow({runner_id: 'runner-b', duration: 1.5}),
	makeRow({runner_id: 'runner-a', status_code: 500, duration: 61, json_output: disconnected}),
	makeRow({runner_id: 'runner-b', status_code: 500, duration: 12, json_output: disconnected}),
	makeRow({runner_id: 'runner-c', status_code: 500, duration: null, json_output: disconnected}),
	makeRow({endpoint_id: longEndpoint, status_code: 504, duration: 7200, json_output: {detail: 'Timed out', error_type: 'request_timeout'}}),
	makeRow({endpoint_id: longEndpoint, status_code: 422, duration: 0.2}),
	makeRow({ended_at: null, status_code: null, duration: null}),
];
// The 422's output is not read yet.
const errorTypes = errorTypesOf(new Map(rows.filter(row => row.json_output !== undefined).map(row => [row.request_id, row.json_output])));

function props(state: BreakdownState, width: number, height = 9): BreakdownViewProps {
	const groups = sortBreakdown(breakdown(rows, state.dimension, {errorTypes, within: state.within}), state.sort.column, state.sort.direction);
	return {rows: groups, dimension: state.dimension, sort: state.sort, cursor: state.cursor, within: state.within, width, height, isActive: true};
}

function frameOf(view: BreakdownViewProps): string[] {
	const {lastFrame} = render(
		<ThemeContext.Provider value={createTheme({NO_COLOR: '1'})}>
			<BreakdownView {...view} />
		</ThemeContext.Provider>,
	);
	return (lastFrame() ?? '').split('\n');
}

const at = (dimension: Dimension) => showDimension(breakdownStart, dimension);

describe('BreakdownView', () => {
	it('at 80 columns: the tabs, the column titles, one line per group exactly 80 wide, the scope under them', () => {
		const lines = frameOf(props(at('endpoint'), 80));
		expect(lines).toEqual([
			'Breakdown by [endpoint] · runner · status · error type',
			'  endpoint                          requests▼    errors  error %     p50     p95',
			'> fal-ai/flux/dev                           7         3    50.0%   3.00s   1m01s',
			'  acme/a-very-long-endpoint-name/t…         2         2   100.0%   200ms   2h00m',
			'',
			'',
			'',
			'',
			'2 endpoints, 9 requests',
		]);
		for (const line of lines.slice(1, 4)) {
			expect(stringWidth(line)).toBe(80);
		}
	});

	it('at 120 columns: the label column takes the room, and lines are exactly 120 wide', () => {
		const lines = frameOf(props(at('runner'), 120));
		expect(lines[0]).toBe('Breakdown by endpoint · [runner] · status · error type');
		expect(lines.slice(1, 6)).toEqual([
			`  runner${' '.repeat(68)}requests▼    errors  error %     p50     p95`,
			`> no runner${' '.repeat(73)}3         2   100.0%   200ms   2h00m`,
			`  runner-a${' '.repeat(74)}3         1    33.3%   3.00s   1m01s`,
			`  runner-b${' '.repeat(74)}2         1    50.0%   1.50s  12.00s`,
			`  runner-c${' '.repeat(74)}1         1   100.0%       -       -`,
		]);
		expect(lines.at(-1)).toBe('4 runners, 9 requests');
		for (const line of lines.slice(1, 6)) {
			expect(stringWidth(line)).toBe(120);
		}
	});

	it('keeps every line within 40 columns, leaving out the failures and p50 first, never the column sorted by', () => {
		const lines = frameOf(props(at('status'), 40));
		expect(lines[0]).toBe('endpoint runner [status] error type');
		expect(lines[1]).toBe('  status      requests▼  error %     p95');
		expect(lines[2]).toBe('> 200 ok              3     0.0%   3.00s');
		expect(lines).toContain('  running             1        -       -');
		for (const line of lines) {
			expect(stringWidth(line)).toBeLessThanOrEqual(40);
		}

		const byFailures = frameOf(props(sortOn(at('status'), 'errors'), 40));
		expect(byFailures[1]).toBe('  status     requests   errors▼  error %');
		expect(byFailures[2]).toBe('> 500 ERR           3         3   100.0%');
	});

	it('reads without colour, with the keys or not: the tab shown in brackets, the sort as ▲ or ▼', () => {
		const state = sortOn(sortOn(at('errorType'), 'label'), 'label');
		for (const isActive of [true, false]) {
			const view = {...props(state, 80), isActive};
			const plain = frameOf(view);
			expect(plain.join('\n')).not.toContain('\u001B');
			expect(plain[0]).toBe('Breakdown by endpoint · runner · status · [error type]');
			expect(plain[1]).toMatch(/^ {2}error type ▼ +requests +errors +error % +p50 +p95$/);
			expect(plain.slice(2, 5).map(line => line.slice(2, 22).trim())).toEqual(['runner_disconnected', 'request_timeout', 'output not read']);
		}

		expect(frameOf(props(sortOn(at('runner'), 'p95'), 80))[1]).toMatch(/ p95▼$/);
		expect(frameOf(props(sortOn(sortOn(at('runner'), 'p95'), 'p95'), 80))[1]).toMatch(/ p95▲$/);
	});

	it('cuts a long label by display width with one ellipsis, and shows server strings inert', () => {
		const wide = '界'.repeat(40);
		const hostile = 'evil/\u001B[2Japp\u202E';
		const view = {...props(at('endpoint'), 80), rows: [{key: '=w', label: wide, requests: 1, errors: 0, errorRate: 0, p50: 1, p95: 1}, {key: '=h', label: hostile, requests: 1, errors: 0, errorRate: 0, p50: 1, p95: 1}]};
		const lines = frameOf(view);
		expect(lines[2]).toMatch(/^> (界){16}… +1 /);
		expect(lines[2]!.match(/…/g)).toHaveLength(1);
		expect(stringWidth(lines[2]!)).toBe(80);
		expect(lines[3]).toContain('evil/\\e[2Japp\\u202e');
		expect(lines.join('\n')).not.toMatch(/[\u001B\u202E]/);
	});

	it('draws only the groups in view, scrolled to keep the cursor on screen', () => {
		const many = Array.from({length: 30}, (_, index) => ({key: `=r${index}`, label: `runner-${index}`, requests: 30 - index, errors: 0, errorRate: 0, p50: 1, p95: 2}));
		let state = at('runner');
		for (let press = 0; press < 12; press++) {
			state = moveBreakdownCursor(state, 'down', many, 8);
		}

		const lines = frameOf({...props(state, 80, 8), rows: many});
		expect(lines).toHaveLength(8);
		expect(lines.slice(2, 7).map(line => line.slice(0, 12).trim())).toEqual(['runner-8', 'runner-9', 'runner-10', 'runner-11', '> runner-12']);
		expect(lines.at(-1)).toBe('30 runners, 465 requests');
	});

	it('says what the groups are within, and when there are none', () => {
		const errorTypesState = at('errorType');
		const [first] = props(errorTypesState, 80).rows;
		const narrowed = narrowTo(errorTypesState, first!, 'runner');
		const lines = frameOf(props(narrowed, 80));
		expect(lines.slice(2, 5).map(line => line.slice(0, 12).trim())).toEqual(['> runner-a', 'runner-b', 'runner-c']);
		expect(lines.at(-1)).toBe('3 runners, 3 requests within error type: runner_disconnected');
		expect(frameOf({...props(at('errorType'), 80), rows: []}).at(-1)).toBe('No failed requests.');
		expect(frameOf({...props(narrowed, 80), rows: []}).at(-1)).toBe('No requests within error type: runner_disconnected.');
	});

	it('says the note after the tabs', () => {
		expect(frameOf({...props(at('endpoint'), 120), note: 'all 9 requests of the last 24h'})[0]).toBe('Breakdown by [endpoint] · runner · status · error type (all 9 requests of the last 24h)');
	});
});
