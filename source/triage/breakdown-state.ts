/**
 * What the breakdowns view keeps between keys: the dimension shown, the
 * sort, the cursor and the groups chosen on the way here (`within`).
 *
 * Narrowing takes the selected group and shows another dimension in one
 * step, so that "which runners did runner_disconnected come from" is one key
 * from the error type's line; widening goes back the way it came, the cursor
 * on the group that was chosen. The cursor is the failure groups' (it holds a
 * key, so a sort or a reload leaves it on its group).
 */
import {dimensionNames, type BreakdownColumn, type BreakdownRow, type Dimension, type Narrowing, type SortDirection} from './breakdown.js';
import {groupsCursorStart, moveGroupsCursor, type GroupsCursor, type GroupsMove} from './groups-cursor.js';

export type BreakdownSort = {column: BreakdownColumn; direction: SortDirection};

export type BreakdownState = {
	dimension: Dimension;
	sort: BreakdownSort;
	cursor: GroupsCursor;
	/** The groups chosen on the way here, the first chosen first: the rows counted are those in all of them. */
	within: readonly Narrowing[];
};

/** Lines of the breakdowns view that are not groups: the tabs, the column titles and the line under the groups. */
export const breakdownChromeLines = 3;

/** By endpoint, most requests first, over every row. */
export const breakdownStart: BreakdownState = {
	dimension: 'endpoint',
	sort: {column: 'requests', direction: 'descending'},
	cursor: groupsCursorStart,
	within: [],
};

/** The same rows by another dimension, the cursor on its first group. */
export function showDimension(state: BreakdownState, dimension: Dimension): BreakdownState {
	return {...state, dimension, cursor: groupsCursorStart};
}

/** The groups a line of the breakdown stands for: those chosen so far and its own. Enter lists their rows (rowsWithin). */
export function groupWithin(state: BreakdownState, group: BreakdownRow): readonly Narrowing[] {
	return [...state.within, {dimension: state.dimension, key: group.key, label: group.label}];
}

/** The rows of `group` (a line shown) broken down by `dimension`. */
export function narrowTo(state: BreakdownState, group: BreakdownRow, dimension: Dimension): BreakdownState {
	return {...state, dimension, cursor: groupsCursorStart, within: groupWithin(state, group)};
}

/** Back out of the last narrowing: its dimension again, the cursor on the group chosen there; the state itself when nothing narrows it. */
export function widen(state: BreakdownState): BreakdownState {
	const last = state.within.at(-1);
	if (last === undefined) {
		return state;
	}

	return {...state, dimension: last.dimension, cursor: {key: last.key, offset: 0}, within: state.within.slice(0, -1)};
}

/** Sorted by `column`: the same column again turns the order round; another starts as it reads best (labels A to Z, figures largest first). */
export function sortOn(state: BreakdownState, column: BreakdownColumn): BreakdownState {
	const direction: SortDirection = column === state.sort.column
		? (state.sort.direction === 'ascending' ? 'descending' : 'ascending')
		: (column === 'label' ? 'ascending' : 'descending');
	return {...state, sort: {column, direction}};
}

/** The cursor moved among the groups shown (`rows`, in the order shown) in a view `height` lines tall, its chrome included. */
export function moveBreakdownCursor(state: BreakdownState, move: GroupsMove, rows: readonly BreakdownRow[], height: number): BreakdownState {
	const keys = rows.map(row => row.key);
	return {...state, cursor: moveGroupsCursor(state.cursor, move, keys, Math.max(1, height - breakdownChromeLines))};
}

/** The chosen groups in words, as the server wrote them (sanitise before showing): `error type: runner_disconnected › status: 500 ERR`. */
export function describeWithin(within: readonly Narrowing[]): string {
	return within.map(({dimension, label}) => `${dimensionNames[dimension]}: ${label}`).join(' › ');
}
