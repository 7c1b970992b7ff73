/** The request list: cursor moves, opening a request, `e` / `E`, and the pages fetched ahead of the cursor. */
import type {ListAction} from '../keymap.js';
import {errorSearchPageLimit, findErrorRow} from '../state/error-search.js';
import {feedReducer, isPrefetchDue, nextPageRequest} from '../state/feed.js';
import {listReducer, type ListAction as WindowAction} from '../state/list-window.js';
import type {Layout} from './layout.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

const moves: Record<Exclude<ListAction, 'open' | 'clearGroup'>, WindowAction> = {
	down: {type: 'move', delta: 1},
	up: {type: 'move', delta: -1},
	pageDown: {type: 'page', direction: 1},
	pageUp: {type: 'page', direction: -1},
	first: {type: 'first'},
	last: {type: 'last'},
};

export function moveCursor(model: Model, action: WindowAction, layout: Layout): Model {
	const window = listReducer(model.window, action, {count: model.listRows.length, height: layout.visibleRows});
	return window === model.window ? model : {...model, window};
}

export function onList(model: Model, action: ListAction, layout: Layout): Step {
	switch (action) {
		case 'clearGroup': {
			return step({...model, groups: {...model.groups, key: undefined}});
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
