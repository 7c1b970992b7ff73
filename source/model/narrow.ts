/**
 * What narrows the list below the query's rows: a failure group (Enter in
 * `x`), a breakdown group (Enter in `b`), the marked rows (`M`) and a row
 * filter (`&`), applied in that order
 * to the loaded rows. The cursor stays on its request as they change.
 */
import {reanchor} from '../state/list-window.js';
import {RowList, type Rows} from '../state/row-list.js';
import {describeRowFilter, filterRows, messagesOf, type Messages} from '../triage/row-filter.js';
import {sanitise} from '../terminal/sanitise.js';
import {describeWithin} from '../triage/breakdown-state.js';
import {breakdownListRows} from './breakdown.js';
import {layoutOf} from './layout.js';
import {onceEach} from './once-each.js';
import type {Model} from './model.js';

/** Error messages by request id, worked out once per set of outputs: a filter is applied again on every page. */
const knownMessages: (outputs: ReadonlyMap<string, unknown>) => Messages = onceEach(messagesOf);

/** The rows the list moves over: the feed's, narrowed by the group, the marks and the row filter in force. */
export function rowsShown(model: Model): Rows {
	const {groups, feed, rowFilter} = model;
	let rows: Rows = feed.rows;
	if (groups.key !== undefined) {
		const group = groups.list.find(each => each.key === groups.key);
		rows = feed.rows.withIds(group?.requestIds ?? []);
	}

	if (model.breakdownGroup !== undefined) {
		rows = breakdownListRows(rows, model.breakdownGroup, groups.outputs);
	}

	if (model.isMarkedOnly) {
		// Marks are few: look each up rather than unpack every loaded row.
		rows = rows instanceof RowList ? rows.withIds(model.marks.keys()) : rows.slice().filter(item => model.marks.has(item.request_id));
	}

	return rowFilter === undefined ? rows : filterRows(rows, rowFilter, knownMessages(groups.outputs));
}

/** Whether anything narrows the list now. */
export function isNarrowed(model: Model): boolean {
	return model.groups.key !== undefined || model.breakdownGroup !== undefined || model.isMarkedOnly || model.rowFilter !== undefined;
}

/** The list's rows and window after the rows or what narrows them changed: the cursor stays on its request. */
export function followRows(previous: Model, model: Model): Model {
	const isSame = model.feed.rows === previous.feed.rows
		&& model.groups.key === previous.groups.key
		&& model.groups.list === previous.groups.list
		&& model.breakdownGroup === previous.breakdownGroup
		&& (model.breakdownGroup === undefined || model.groups.outputs === previous.groups.outputs)
		&& model.isMarkedOnly === previous.isMarkedOnly
		&& (!model.isMarkedOnly || model.marks === previous.marks)
		&& model.rowFilter === previous.rowFilter
		&& (model.rowFilter === undefined || model.groups.outputs === previous.groups.outputs);
	if (isSame && model.listRows === previous.listRows) {
		return model;
	}

	const listRows = rowsShown(model);
	const bounds = {count: listRows.length, height: layoutOf(model).visibleRows};
	return {...model, listRows, window: reanchor(model.window, model.listRows, listRows, bounds)};
}

/**
 * The line under the list's title saying what narrows it, in the order Esc
 * takes them away, the first one saying so: `group (Esc to clear): 500 ERR…`.
 * Undefined when nothing does.
 */
export function narrowingNote(model: Model, group: string | undefined): string | undefined {
	const parts = [
		...(model.rowFilter === undefined ? [] : [{label: '&', text: describeRowFilter(model.rowFilter)}]),
		...(model.isMarkedOnly ? [{label: 'marked only', text: String(model.marks.size)}] : []),
		...(model.breakdownGroup === undefined ? [] : [{label: 'breakdown', text: sanitise(describeWithin(model.breakdownGroup))}]),
		...(model.groups.key === undefined ? [] : [{label: 'group', text: group ?? 'no rows left'}]),
	];
	return parts.length === 0 ? undefined : parts.map((part, index) => `${part.label}${index === 0 ? ' (Esc to clear)' : ''}: ${part.text}`).join(' · ');
}
