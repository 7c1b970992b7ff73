/** The breakdowns view's state: dimensions, sorts, the cursor, and narrowing to a group and back. */
import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {RowList} from '../../source/state/row-list.js';
import {breakdown, errorTypesOf, rowsWithin, sortBreakdown, type BreakdownRow} from '../../source/triage/breakdown.js';
import {
	breakdownStart, describeWithin, groupWithin, moveBreakdownCursor, narrowTo, showDimension, sortOn, widen, type BreakdownState,
} from '../../source/triage/breakdown-state.js';
import {cursorIndex} from '../../source/triage/groups-cursor.js';
import {makeRow} from './rows.js';

const disconnected = {detail: 'The runner disconnected', error_type: 'runner_disconnected'};
const timeout = {detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'};
const items: RequestItem[] = [
	makeRow({runner_id: 'runner-a'}),
	makeRow({runner_id: 'runner-a', status_code: 500, json_output: disconnected}),
	makeRow({runner_id: 'runner-b', status_code: 500, json_output: disconnected}),
	makeRow({runner_id: 'runner-b', status_code: 504, json_output: timeout}),
	makeRow({runner_id: 'runner-c', status_code: 500, json_output: disconnected}),
	makeRow({runner_id: 'runner-a', status_code: 500, json_output: disconnected, endpoint_id: 'acme/upscaler'}),
	makeRow({runner_id: 'runner-d', status_code: 504, json_output: timeout}),
];
const rows = RowList.from(items);
const errorTypes = errorTypesOf(new Map(items.map(item => [item.request_id, item.json_output])));

/** The groups the view shows for the state, in its order. */
function shown(state: BreakdownState): BreakdownRow[] {
	return sortBreakdown(breakdown(rows, state.dimension, {errorTypes, within: state.within}), state.sort.column, state.sort.direction);
}

function selected(state: BreakdownState): BreakdownRow {
	const groups = shown(state);
	return groups[cursorIndex(state.cursor, groups.map(group => group.key))]!;
}

describe('breakdown state', () => {
	it('shows runner_disconnected by runner one step from its line: 3 runners; and back to it', () => {
		const byType = showDimension(breakdownStart, 'errorType');
		expect(selected(byType).label).toBe('runner_disconnected');
		const byRunner = narrowTo(byType, selected(byType), 'runner');
		expect(byRunner.dimension).toBe('runner');
		expect(shown(byRunner).map(group => [group.label, group.requests])).toEqual([['runner-a', 2], ['runner-b', 1], ['runner-c', 1]]);
		expect(describeWithin(byRunner.within)).toBe('error type: runner_disconnected');

		// Enter on runner-a lists its runner_disconnected rows.
		expect(rowsWithin(rows, groupWithin(byRunner, selected(byRunner)), errorTypes).slice()).toEqual([items[1], items[5]]);

		const back = widen(byRunner);
		expect(back).toEqual({...byType, cursor: {key: '=runner_disconnected', offset: 0}});
		expect(widen(back)).toBe(back);
	});

	it('narrows again within a narrowing, and another dimension keeps what narrows it', () => {
		const byType = showDimension(breakdownStart, 'errorType');
		const byRunner = narrowTo(byType, selected(byType), 'runner');
		const byEndpoint = narrowTo(byRunner, selected(byRunner), 'endpoint');
		expect(describeWithin(byEndpoint.within)).toBe('error type: runner_disconnected › runner: runner-a');
		expect(shown(byEndpoint).map(group => [group.label, group.requests])).toEqual([['acme/upscaler', 1], ['fal-ai/flux/dev', 1]]);
		const byStatus = showDimension(byEndpoint, 'status');
		expect(byStatus.within).toBe(byEndpoint.within);
		expect(shown(byStatus).map(group => [group.label, group.requests])).toEqual([['500 ERR', 2]]);
		expect(widen(widen(byEndpoint)).within).toEqual([]);
	});

	it('sorts by a new column in its natural order, and turns the order round on the same column', () => {
		expect(breakdownStart.sort).toEqual({column: 'requests', direction: 'descending'});
		expect(sortOn(breakdownStart, 'requests').sort).toEqual({column: 'requests', direction: 'ascending'});
		expect(sortOn(breakdownStart, 'label').sort).toEqual({column: 'label', direction: 'ascending'});
		expect(sortOn(sortOn(breakdownStart, 'label'), 'label').sort).toEqual({column: 'label', direction: 'descending'});
		expect(sortOn(breakdownStart, 'p95').sort).toEqual({column: 'p95', direction: 'descending'});
	});

	it('keeps the cursor on its group when the sort changes, and pages by the lines left for groups', () => {
		let state = showDimension(breakdownStart, 'runner');
		state = moveBreakdownCursor(state, 'down', shown(state), 10);
		const group = selected(state);
		expect(selected(sortOn(state, 'label'))).toEqual(group);
		// 4 runners and 2 lines for them in a view 5 lines tall: a page down moves 2.
		const paged = moveBreakdownCursor(showDimension(breakdownStart, 'runner'), 'pageDown', shown(state), 5);
		expect(paged.cursor).toEqual({key: shown(state)[2]!.key, offset: 1});
	});
});
