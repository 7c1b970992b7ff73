/** The request list: cursor moves, opening a request, `e` / `E`, and the pages fetched ahead of the cursor. */
import type {ListAction} from '../keymap.js';
import {errorSearchPageLimit, findErrorRow} from '../state/error-search.js';
import {feedReducer, isPrefetchDue, nextPageRequest} from '../state/feed.js';
import {listReducer, type ListAction as WindowAction} from '../state/list-window.js';
import type {Layout} from './layout.js';
import {isNarrowed} from './narrow.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

const moves: Record<Exclude<ListAction, 'open' | 'clear'>, WindowAction> = {
	down: {type: 'move', delta: 1},
	up: {type: 'move', delta: -1},
	pageDown: {type: 'page', direction: 1},
	pageUp: {type: 'page', direction: -1},
	first: {type: 'first'},
	last: {type: 'last'},
};

/** Whether rows past the loaded ones will come by themselves, as the cursor nears the end. */
function isMoreComing(model: Model): boolean {
	const {feed} = model;
	return feed.query !== undefined && feed.hasMore && feed.error === undefined && !isNarrowed(model);
}

/** How far a move goes, for moves counted from the cursor; undefined for those to a place (g, G, e). */
function moveDelta(action: WindowAction, layout: Layout): number | undefined {
	if (action.type === 'move') {
		return action.delta;
	}

	return action.type === 'page' ? action.direction * Math.max(1, layout.visibleRows) : undefined;
}

/**
 * Moves the cursor. A move past the last loaded row while more rows are
 * coming is remembered (`cursorAhead`) and made once they are in; a move
 * back first takes back what is remembered.
 */
export function moveCursor(model: Model, action: WindowAction, layout: Layout): Model {
	const bounds = {count: model.listRows.length, height: layout.visibleRows};
	const delta = moveDelta(action, layout);
	let ahead = delta === undefined ? 0 : model.cursorAhead;
	let move = action;
	if (delta !== undefined && delta < 0 && ahead > 0) {
		const undone = Math.min(ahead, -delta);
		ahead -= undone;
		move = {type: 'move', delta: delta + undone};
	} else if (delta !== undefined && delta > 0 && isMoreComing(model)) {
		ahead += Math.max(0, model.window.cursor + delta - (bounds.count - 1));
	}

	const window = listReducer(model.window, move, bounds);
	return window === model.window && ahead === model.cursorAhead ? model : {...model, window, cursorAhead: ahead};
}

/** Moves remembered past the end, made as far as the rows now loaded allow; forgotten once no more will come. */
export function catchUpCursor(model: Model, layout: Layout): Model {
	if (model.cursorAhead === 0) {
		return model;
	}

	if (!isMoreComing(model)) {
		return {...model, cursorAhead: 0};
	}

	const room = Math.min(model.cursorAhead, model.listRows.length - 1 - model.window.cursor);
	if (room <= 0) {
		return model;
	}

	const window = listReducer(model.window, {type: 'move', delta: room}, {count: model.listRows.length, height: layout.visibleRows});
	return {...model, window, cursorAhead: model.cursorAhead - room};
}

/** Esc in the list takes away what narrows it, the last applied first: the row filter, then marked-only, then a breakdown group, then a failure group. */
function clearNarrowing(model: Model): Model {
	if (model.rowFilter !== undefined) {
		return {...model, rowFilter: undefined, notice: 'Row filter cleared.'};
	}

	if (model.isMarkedOnly) {
		return {...model, isMarkedOnly: false, notice: undefined};
	}

	if (model.breakdownGroup !== undefined) {
		return {...model, breakdownGroup: undefined, notice: undefined};
	}

	return {...model, groups: {...model.groups, key: undefined}, notice: undefined};
}

export function onList(model: Model, action: ListAction, layout: Layout): Step {
	switch (action) {
		case 'clear': {
			return step(clearNarrowing(model));
		}

		case 'open': {
			return step(model.listRows.at(model.window.cursor) === undefined ? model : {...model, pane: 'detail', isDetailOpen: true});
		}

		default: {
			return step(moveCursor(model, moves[action], layout));
		}
	}
}

/** `e` / `E`: the next or previous error row; below the loaded rows, pages are loaded (within a bound) while looking. */
export function searchErrors(model: Model, direction: 1 | -1, layout: Layout): Step {
	const found = findErrorRow(model.listRows, model.window.cursor, direction);
	if (found !== undefined) {
		return step({...moveCursor(model, {type: 'to', index: found}, layout), notice: undefined});
	}

	const {feed} = model;
	if (direction === 1 && feed.hasMore && feed.query !== undefined) {
		return step({...model, errorSearchUntil: feed.pages + errorSearchPageLimit, notice: 'Searching for an error row…'});
	}

	return step({...model, notice: direction === 1 ? 'No error row below.' : 'No error row above.'});
}

/** An `e` search looks again as each page arrives, and says how it ended. */
export function continueErrorSearch(model: Model, layout: Layout): Model {
	if (model.errorSearchUntil === undefined) {
		return model;
	}

	const {feed} = model;
	const found = findErrorRow(model.listRows, model.window.cursor, 1);
	if (found !== undefined) {
		return {...moveCursor(model, {type: 'to', index: found}, layout), errorSearchUntil: undefined, notice: undefined};
	}

	if (feed.error !== undefined) {
		return {...model, errorSearchUntil: undefined};
	}

	if (!feed.hasMore) {
		return {...model, errorSearchUntil: undefined, notice: 'No error row below: every row is loaded.'};
	}

	if (feed.pages >= model.errorSearchUntil && feed.inFlight === undefined) {
		return {...model, errorSearchUntil: undefined, notice: `No error row in the next ${errorSearchPageLimit} pages; press e to keep looking.`};
	}

	return model;
}

/** The next page, when it is due: the first one, one nearing the cursor, or the next while `e` searches. Never two at once. */
export function fetchAhead(model: Model, layout: Layout): Step {
	const {feed} = model;
	const request = nextPageRequest(feed);
	if (request === undefined || feed.query === undefined) {
		return step(model);
	}

	const isDue = model.errorSearchUntil !== undefined
		|| isPrefetchDue(feed, model.window.cursor, {screenful: layout.visibleRows, threshold: model.config.prefetchThreshold});
	if (!isDue) {
		return step(model);
	}

	const {generation, query} = feed;
	return step(
		{...model, feed: feedReducer(feed, {type: 'requested', generation, cursor: request.cursor})},
		{type: 'fetchPage', generation, query, cursor: request.cursor},
	);
}
