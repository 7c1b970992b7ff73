/**
 * Breakdowns (`b`): the loaded rows counted by endpoint, runner, status
 * code or error type (source/triage/breakdown.ts). `1`-`4` break the
 * selected group down by another dimension, so "which runners did
 * runner_disconnected come from" is one key from its line; Enter lists a
 * group's rows, as the failure groups do.
 */
import type {BreakdownAction} from '../keymap.js';
import {maxFailurePages} from '../state/failure-outputs.js';
import {initialWindow} from '../state/list-window.js';
import type {Rows} from '../state/row-list.js';
import {breakdown, dimensions, errorTypesOf, rowsWithin, sortBreakdown, type BreakdownColumn, type BreakdownRow, type Narrowing} from '../triage/breakdown.js';
import {breakdownStart, groupWithin, moveBreakdownCursor, narrowTo, showDimension, sortOn, widen, type BreakdownState} from '../triage/breakdown-state.js';
import {cursorIndex} from '../triage/groups-cursor.js';
import type {Layout} from './layout.js';
import {onceEach} from './once-each.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

/** Error types by request id, worked out once per set of outputs. */
const knownErrorTypes: (outputs: ReadonlyMap<string, unknown>) => ReadonlyMap<string, string> = onceEach(errorTypesOf);

/** The last breakdown worked out: a key moves the cursor many times over the same groups. */
let last: {rows: Rows; state: BreakdownState; types: ReadonlyMap<string, string>; shown: BreakdownRow[]} | undefined;

/** The groups shown, in the order shown. */
export function breakdownRows(model: Model, state: BreakdownState): BreakdownRow[] {
	const rows = model.feed.rows;
	const types = knownErrorTypes(model.groups.outputs);
	const isSame = last !== undefined && last.rows === rows && last.types === types && last.state.dimension === state.dimension
		&& last.state.within === state.within && last.state.sort === state.sort;
	if (!isSame) {
		const counted = breakdown(rows, state.dimension, {errorTypes: types, within: state.within});
		last = {rows, state, types, shown: sortBreakdown(counted, state.sort.column, state.sort.direction)};
	}

	return last!.shown;
}

/** The rows the list shows for a breakdown group chosen with Enter. */
export function breakdownListRows(rows: Rows, within: readonly Narrowing[], outputs: ReadonlyMap<string, unknown>): Rows {
	return rowsWithin(rows, within, knownErrorTypes(outputs));
}

export function toggleBreakdown(model: Model): Step {
	if (model.breakdown !== undefined) {
		return step({...model, breakdown: undefined, pane: 'list'});
	}

	// The error types come from the failed rows' outputs, fetched as the failure groups fetch them.
	const groups = model.groups.budget === 0 ? {...model.groups, budget: maxFailurePages, error: undefined} : model.groups;
	return step({...model, breakdown: breakdownStart, groups: {...groups, isOpen: false}, pane: 'breakdown', isDetailOpen: false, notice: undefined});
}

const sortColumns: readonly BreakdownColumn[] = ['requests', 'errors', 'errorRate', 'p50', 'p95', 'label'];

export function onBreakdown(model: Model, action: BreakdownAction, layout: Layout): Step {
	const state = model.breakdown;
	if (state === undefined) {
		return step(model);
	}

	const shown = breakdownRows(model, state);
	const selected = shown[cursorIndex(state.cursor, shown.map(row => row.key))];
	const withState = (next: BreakdownState): Step => step({...model, breakdown: next});
	switch (action) {
		case 'close': {
			return state.within.length === 0 ? toggleBreakdown(model) : withState(widen(state));
		}

		case 'nextDimension':
		case 'previousDimension': {
			const index = dimensions.indexOf(state.dimension) + (action === 'nextDimension' ? 1 : -1);
			return withState(showDimension(state, dimensions[(index + dimensions.length) % dimensions.length]!));
		}

		case 'byEndpoint':
		case 'byRunner':
		case 'byStatus':
		case 'byErrorType': {
			if (selected === undefined) {
				return step(model);
			}

			const dimension = ({byEndpoint: 'endpoint', byRunner: 'runner', byStatus: 'status', byErrorType: 'errorType'} as const)[action];
			return withState(narrowTo(state, selected, dimension));
		}

		case 'sortNext': {
			const next = sortColumns[(sortColumns.indexOf(state.sort.column) + 1) % sortColumns.length]!;
			return withState(sortOn(state, next));
		}

		case 'sortReverse': {
			return withState(sortOn(state, state.sort.column));
		}

		case 'open': {
			if (selected === undefined) {
				return step(model);
			}

			return step({...model, breakdown: undefined, breakdownGroup: groupWithin(state, selected), pane: 'list', window: initialWindow, cursorAhead: 0});
		}

		default: {
			return withState(moveBreakdownCursor(state, action, shown, layout.mainHeight));
		}
	}
}
