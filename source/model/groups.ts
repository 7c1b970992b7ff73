/**
 * Failure groups (`x`): the loaded failed rows grouped by endpoint, status
 * and error fingerprint. Their outputs are fetched a page of up to 100 at a
 * time while the view is open, within a budget per opening.
 */
import type {RequestItem, RequestPage} from '../api/types.js';
import {countOf} from '../format/count.js';
import type {GroupsAction} from '../keymap.js';
import {examinedFailures, failedRows, maxFailurePages, nextFailureFetch, recordFailurePage, unknownFailures, type FailureFetch} from '../state/failure-outputs.js';
import {initialWindow} from '../state/list-window.js';
import {groupFailures} from '../triage/fingerprint.js';
import {cursorIndex, moveGroupsCursor} from '../triage/groups-cursor.js';
import {failureKind} from '../triage/failure-counts.js';
import {readsMessages} from '../triage/row-filter.js';
import type {Payload} from '../state/payload-cache.js';
import type {Layout} from './layout.js';
import type {GroupsState, Model} from './model.js';
import {step, type Step} from './step.js';

/** Lines of the groups view that are not groups: its header and footer. */
export const groupsChromeLines = 2;

/** How far reading the failed rows' outputs got, for the groups view's title: its error, or the rows read, while short of all. */
export function failuresNote(groups: GroupsState): string | undefined {
	const read = `${groups.examined} of ${countOf(groups.failed.length, 'failed row')} read`;
	if (groups.error !== undefined) {
		return groups.error;
	}

	if (groups.fetching !== undefined) {
		return `fetching error outputs (${read})…`;
	}

	return groups.examined < groups.failed.length ? read : undefined;
}

export function toggleGroups(model: Model): Step {
	if (model.groups.isOpen) {
		// Closing stops the outputs fetch; followGroups starts it again if a row filter still needs them.
		return step({...model, groups: {...model.groups, isOpen: false, fetching: undefined}, pane: 'list'}, {type: 'cancel', task: 'failures'});
	}

	return step({
		...model,
		groups: {...model.groups, isOpen: true, budget: maxFailurePages, error: undefined},
		breakdown: undefined,
		pane: 'groups',
		isDetailOpen: false,
		notice: undefined,
	});
}

export function onGroups(model: Model, action: GroupsAction, layout: Layout): Step {
	const {groups} = model;
	switch (action) {
		case 'close': {
			return toggleGroups(model);
		}

		case 'open': {
			const group = groups.list[cursorIndex(groups.cursor, groups.list.map(each => each.key))];
			if (group === undefined) {
				return step(model);
			}

			return step({...model, groups: {...groups, isOpen: false, key: group.key, fetching: undefined}, pane: 'list', window: initialWindow, cursorAhead: 0}, {type: 'cancel', task: 'failures'});
		}

		default: {
			const keys = groups.list.map(group => group.key);
			const cursor = moveGroupsCursor(groups.cursor, action, keys, Math.max(1, layout.mainHeight - groupsChromeLines));
			return step({...model, groups: {...groups, cursor}});
		}
	}
}

function regroup(groups: GroupsState): GroupsState {
	const examined = examinedFailures(groups.failed, groups.outputs);
	return {...groups, list: groupFailures(examined.rows), examined: examined.rows.length};
}

/**
 * Keeps the groups in step with the rows while they are needed (the view
 * is open, or the list shows a group), and asks for the next outputs while
 * the view is open and its budget lasts.
 */
export function followGroups(model: Model): Step {
	let {groups} = model;
	// A row filter on error messages needs the failed rows' outputs as the groups do.
	// So do breakdowns, for their error types.
	const isFetchWanted = groups.isOpen || model.breakdown !== undefined || (model.rowFilter !== undefined && readsMessages(model.rowFilter));
	const isNeeded = isFetchWanted || groups.key !== undefined;
	if (!isNeeded || model.feed.query === undefined) {
		// Outputs fetched for a filter since cleared are no longer wanted.
		return groups.fetching === undefined ? step(model) : step({...model, groups: {...groups, fetching: undefined}}, {type: 'cancel', task: 'failures'});
	}

	if (groups.failedOf !== model.feed.rows) {
		groups = regroup({...groups, failed: failedRows(model.feed.rows), failedOf: model.feed.rows});
	}

	const effects = [];
	if (isFetchWanted && groups.fetching === undefined && groups.budget > 0 && groups.error === undefined) {
		const fetch = nextFailureFetch(model.feed.query, unknownFailures(groups.failed, groups.outputs));
		if (fetch !== undefined) {
			groups = {...groups, fetching: fetch};
			effects.push({type: 'fetchFailures', fetch, maxPages: groups.budget} as const);
		}
	}

	return step(groups === model.groups ? model : {...model, groups}, ...effects);
}

/** Keeps the outputs a page brought; on the fetch's last page, its rows the page did not bring are known to have none. */
export function onFailuresPage(model: Model, fetch: FailureFetch, page: RequestPage): Model {
	const {groups} = model;
	if (groups.fetching !== fetch) {
		return model;
	}

	const outputs = new Map(groups.outputs);
	recordFailurePage(outputs, fetch, page);
	return {...model, groups: regroup({...groups, outputs, budget: groups.budget - 1})};
}

export function onFailuresEnd(model: Model, fetch: FailureFetch, error?: string): Model {
	const {groups} = model;
	return groups.fetching === fetch ? {...model, groups: {...groups, fetching: undefined, error}} : model;
}

/** A payload the user opened also tells the failure groups that request's output, sparing a fetch. */
export function withOpenedOutput(model: Model, item: RequestItem, payload: Payload): Model {
	const {groups} = model;
	if (failureKind(item.status_code) === undefined || groups.outputs.has(item.request_id)) {
		return model;
	}

	const outputs = new Map(groups.outputs).set(item.request_id, payload.output);
	return {...model, groups: groups.failedOf === undefined ? {...groups, outputs} : regroup({...groups, outputs})};
}
