/**
 * The list's cursor and the window of rows on screen. Only the rows in the
 * window are mounted, so the window is state, kept so the cursor is always
 * inside it and it scrolls as little as possible.
 */
import {requestIndex, type Rows} from './row-list.js';

export type ListWindow = {
	/** Index of the selected row. */
	cursor: number;
	/** Index of the first visible row. */
	top: number;
};

export type ListAction =
	| {type: 'move'; delta: number}
	| {type: 'page'; direction: 1 | -1}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'to'; index: number}
	/** Rows were added or the pane was resized: keep the cursor inside the window. */
	| {type: 'fit'}
	/**
	 * `count` rows were put above the cursor's row: the cursor follows its row.
	 * A window at the very top stays there, so new rows come into sight; one
	 * scrolled away keeps showing the same rows.
	 */
	| {type: 'prepend'; count: number}
	| {type: 'reset'};

/** The size of what the window moves over. */
export type ListBounds = {
	/** Rows loaded. */
	count: number;
	/** Rows the pane shows at once (at least 1). */
	height: number;
};

export const initialWindow: ListWindow = {cursor: 0, top: 0};

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Puts the cursor at `target` (clamped) and scrolls the window just enough to show it. */
export function placeCursor(window: ListWindow, target: number, bounds: ListBounds): ListWindow {
	const height = Math.max(1, bounds.height);
	if (bounds.count === 0) {
		return window.cursor === 0 && window.top === 0 ? window : initialWindow;
	}

	const cursor = clamp(target, 0, bounds.count - 1);
	let top = clamp(window.top, 0, Math.max(0, bounds.count - height));
	if (cursor < top) {
		top = cursor;
	} else if (cursor >= top + height) {
		top = cursor - height + 1;
	}

	return cursor === window.cursor && top === window.top ? window : {cursor, top};
}

export function listReducer(window: ListWindow, action: ListAction, bounds: ListBounds): ListWindow {
	const height = Math.max(1, bounds.height);
	switch (action.type) {
		case 'move': {
			return placeCursor(window, window.cursor + action.delta, bounds);
		}

		case 'page': {
			// The window moves with the cursor, as in a pager, so the row under the cursor keeps its place.
			const cursor = clamp(window.cursor + (action.direction * height), 0, Math.max(0, bounds.count - 1));
			const top = window.top + (cursor - window.cursor);
			return placeCursor({cursor: window.cursor, top}, cursor, bounds);
		}

		case 'first': {
			return placeCursor(window, 0, bounds);
		}

		case 'last': {
			return placeCursor(window, bounds.count - 1, bounds);
		}

		case 'to': {
			return placeCursor(window, action.index, bounds);
		}

		case 'fit': {
			return placeCursor(window, window.cursor, bounds);
		}

		case 'prepend': {
			const top = window.top === 0 ? 0 : window.top + action.count;
			return placeCursor({cursor: window.cursor, top}, window.cursor + action.count, bounds);
		}

		case 'reset': {
			return initialWindow;
		}
	}
}

/**
 * The window after the rows it moves over changed from `previous` to `rows`:
 * the cursor stays on the request it was on wherever that request now is
 * (rows put on top, a filter applied or cleared); when that request is gone,
 * the cursor stays at its index.
 */
export function reanchor(window: ListWindow, previous: Rows, rows: Rows, bounds: ListBounds): ListWindow {
	const id = previous.at(window.cursor)?.request_id;
	if (id === undefined || rows.at(window.cursor)?.request_id === id) {
		return placeCursor(window, window.cursor, bounds);
	}

	const index = requestIndex(rows)(id);
	if (index === -1) {
		return placeCursor(window, window.cursor, bounds);
	}

	return listReducer(window, {type: 'prepend', count: index - window.cursor}, bounds);
}
