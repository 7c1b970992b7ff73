/**
 * `D`: the payloads of two requests side by side as a structural diff, as
 * Burp's Comparer diffs two messages: the two marked requests, or the marked
 * one and the selected one. The payloads are fetched (or taken from the
 * cache), then diffed; the payload viewer's keys read the diff.
 */
import type {RequestItem} from '../api/types.js';
import {DiffViewer} from '../json/diff-viewer.js';
import type {CompareAction} from '../keymap.js';
import type {LoadError} from '../state/feed.js';
import type {Payload} from '../state/payload-cache.js';
import {shownPayload, shownSource} from '../state/payload-text.js';
import {changedViewer} from './viewer-keys.js';
import {selectedRow} from './marks.js';
import type {CompareSide, Model} from './model.js';
import {step, type Step} from './step.js';

/** Lines of the diff view that are not the diff: its title and the sides' header. */
export const compareChromeLines = 2;

/** From this width the diff is side by side (its first column is the cursor's, the rest the viewer's). */
const splitColumns = 120;

/** The two requests `D` compares, the one marked first on the left; or why there are not two. */
export function compareTargets(model: Model): {ok: true; left: RequestItem; right: RequestItem} | {ok: false; notice: string} {
	const marked = [...model.marks.values()];
	if (marked.length >= 2) {
		// More than two marked: the last two, which are the ones just chosen.
		const [left, right] = marked.slice(-2) as [RequestItem, RequestItem];
		return {ok: true, left, right};
	}

	const selected = selectedRow(model);
	const [only] = marked;
	if (only === undefined) {
		return {ok: false, notice: 'Mark a request with m, select another, and press D to compare their payloads.'};
	}

	if (selected === undefined || selected.request_id === only.request_id) {
		return {ok: false, notice: 'Select another request (or mark a second one) to compare with the marked one.'};
	}

	return {ok: true, left: only, right: selected};
}

function sideOf(item: RequestItem): CompareSide {
	return {item, payload: undefined};
}

export function openCompare(model: Model): Step {
	const targets = compareTargets(model);
	if (!targets.ok) {
		return step({...model, notice: targets.notice});
	}

	const {left, right} = targets;
	const compare = {left: sideOf(left), right: sideOf(right), viewer: undefined, version: 0, search: undefined, isDepthPending: false, error: undefined};
	return step(
		{...model, compare, pane: 'compare', groups: {...model.groups, isOpen: false}, breakdown: undefined, isDetailOpen: false, notice: undefined},
		{type: 'fetchPayloads', task: 'compare', items: [left, right]},
	);
}

/** `abcd1234… acme/app 500`: which request a side is. */
export function sideTitle(item: RequestItem): string {
	return `${item.request_id.slice(0, 8)}… ${item.endpoint_id} ${item.status_code ?? 'running'}`;
}

function isAnswerFor(model: Model, requestIds: readonly string[]): boolean {
	const {compare} = model;
	return compare !== undefined && compare.left.item.request_id === requestIds[0] && compare.right.item.request_id === requestIds[1];
}

export function onComparePayloads(model: Model, requestIds: readonly string[], payloads: readonly Payload[]): Step {
	const {compare} = model;
	const [leftPayload, rightPayload] = payloads;
	if (compare === undefined || !isAnswerFor(model, requestIds) || leftPayload === undefined || rightPayload === undefined) {
		return step(model);
	}

	// A payload that was not stored is compared as nothing at all, and the title says so.
	const viewer = new DiffViewer(shownPayload(leftPayload) ?? {}, shownPayload(rightPayload) ?? {}, {
		leftSource: shownSource(leftPayload),
		rightSource: shownSource(rightPayload),
		leftTitle: sideTitle(compare.left.item),
		rightTitle: sideTitle(compare.right.item),
		splitFrom: splitColumns - 1,
	});
	const left = {...compare.left, payload: leftPayload};
	const right = {...compare.right, payload: rightPayload};
	return step({...model, compare: {...compare, left, right, viewer, version: compare.version + 1}});
}

export function onComparePayloadsFailed(model: Model, requestIds: readonly string[], error: LoadError): Step {
	const {compare} = model;
	if (compare === undefined || !isAnswerFor(model, requestIds)) {
		return step(model);
	}

	return step({...model, compare: {...compare, error: `Could not fetch the payloads to compare: ${error.message} Press D to try again.`}});
}

export function closeCompare(model: Model): Step {
	return step({...model, compare: undefined, pane: 'list', isZoomed: false}, {type: 'cancel', task: 'compare'});
}

export function onCompare(model: Model, action: CompareAction): Step {
	const viewer = model.compare?.viewer;
	switch (action) {
		case 'close': {
			return closeCompare(model);
		}

		case 'nextChange':
		case 'previousChange': {
			if (viewer === undefined) {
				return step(model);
			}

			return step(changedViewer(model, 'compare', viewer.nextChange(action === 'nextChange' ? 1 : -1)));
		}
	}
}
