/**
 * Marks (`m`), as mitmproxy marks flows and lnav bookmarks lines: a marked
 * request stays marked across queries, so that `D` can compare requests of
 * two views; `M` shows only the marked rows; `'` and `"` move between them.
 */
import type {RequestItem} from '../api/types.js';
import {countOf} from '../format/count.js';
import type {Rows} from '../state/row-list.js';
import type {Layout} from './layout.js';
import {moveCursor} from './list.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

/** The selected request, wherever the cursor is. */
export function selectedRow(model: Model): RequestItem | undefined {
	return model.listRows.at(model.window.cursor);
}

export function toggleMark(model: Model): Step {
	const item = selectedRow(model);
	if (item === undefined) {
		return step({...model, notice: 'No request is selected.'});
	}

	const marks = new Map(model.marks);
	const isMarked = marks.delete(item.request_id);
	if (!isMarked) {
		marks.set(item.request_id, item);
	}

	const notice = `${isMarked ? 'Unmarked' : 'Marked'} ${item.request_id.slice(0, 8)}…; ${countOf(marks.size, 'request')} marked.`;
	return step({...model, marks, notice});
}

export function toggleMarkedOnly(model: Model): Step {
	if (!model.isMarkedOnly && model.marks.size === 0) {
		return step({...model, notice: 'No request is marked: m marks the selected one.'});
	}

	// Marked-only narrows the list: the views over it close.
	const pane = model.pane === 'detail' ? 'detail' : 'list';
	return step({...model, isMarkedOnly: !model.isMarkedOnly, pane, groups: {...model.groups, isOpen: false}, breakdown: undefined, compare: undefined, notice: undefined});
}

/** Positions of the marked rows among `rows`, in list order. */
function markedPositions(rows: Rows, marks: ReadonlyMap<string, RequestItem>): number[] {
	const positions: number[] = [];
	let index = 0;
	for (const item of rows) {
		if (marks.has(item.request_id)) {
			positions.push(index);
		}

		index++;
	}

	return positions;
}

/** `'` / `"`: the next or previous marked row in the list, round from the end to the start. */
export function jumpToMark(model: Model, direction: 1 | -1, layout: Layout): Step {
	if (model.marks.size === 0) {
		return step({...model, notice: 'No request is marked: m marks the selected one.'});
	}

	const positions = markedPositions(model.listRows, model.marks);
	const {cursor} = model.window;
	const ahead = direction === 1 ? positions.find(position => position > cursor) : positions.findLast(position => position < cursor);
	const target = ahead ?? (direction === 1 ? positions[0] : positions.at(-1));
	if (target === undefined || target === cursor) {
		const notice = target === cursor ? 'This is the only marked row in the list.' : `None of the ${countOf(model.marks.size, 'marked request')} is in this list.`;
		return step({...model, notice});
	}

	const notice = ahead === undefined ? (direction === 1 ? 'Back to the first marked row.' : 'On to the last marked row.') : undefined;
	return step({...moveCursor(model, {type: 'to', index: target}, layout), notice});
}
