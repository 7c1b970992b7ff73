/**
 * The detail pane: the selected request's payloads as they arrive, the
 * payload viewer's keys, its search prompt and `z`, and the keys that take a
 * payload out of falreq (copy, pager, editor, save).
 */
import type {RequestItem} from '../api/types.js';
import type {Key} from '../input/keys.js';
import {editField, textField} from '../input/text-field.js';
import {JsonViewer} from '../json/viewer.js';
import {bindingFor, payloadBindings, type DetailAction, type PayloadAction} from '../keymap.js';
import type {Payload} from '../state/payload-cache.js';
import {shownPayload, shownSource, shownText} from '../state/payload-text.js';
import {resolveSavePath, type SaveResult} from '../terminal/save.js';
import {sanitise} from '../terminal/sanitise.js';
import {defaultSaveName, partKeys, saveText, type SavePart} from '../views/detail-pane/save-flow.js';
import {closedDetail, type DetailState, type Model} from './model.js';
import {step, type Step} from './step.js';

/** The payload shown, when it is the selected request's and has arrived. */
export function readyPayload(model: Model): Payload | undefined {
	const {payload, payloadFor} = model;
	return payload.state === 'ready' && payload.requestId === payloadFor?.request_id ? payload.payload : undefined;
}

function changedViewer(model: Model, message?: string): Model {
	const detail = {...model.detail, version: model.detail.version + 1};
	return {...model, detail, notice: message === undefined || message === '' ? model.notice : message};
}

function withDetail(model: Model, patch: Partial<DetailState>): Model {
	return {...model, detail: {...model.detail, ...patch}};
}

/**
 * The viewer follows the selected request: a new one when that request's
 * payloads arrive, none while they have not. Folds and search belong to one
 * request's payload, so they go with it.
 */
export function followSelection(model: Model): Model {
	const id = model.payloadFor?.request_id;
	const payload = readyPayload(model);
	const wanted = payload === undefined ? undefined : id;
	if (model.detail.viewerFor === wanted) {
		return model;
	}

	const value = payload === undefined ? undefined : shownPayload(payload);
	// Given the API's own text, the viewer shows numbers as written and `c` copies that text.
	const viewer = value === undefined ? undefined : new JsonViewer(value, {source: shownSource(payload!)});
	return {...model, detail: {...closedDetail, viewerFor: wanted, viewer, version: model.detail.version + 1}};
}

function viewerAction(model: Model, viewer: JsonViewer, action: PayloadAction): Step {
	switch (action) {
		case 'down':
		case 'up': {
			viewer.moveBy(action === 'down' ? 1 : -1);
			break;
		}

		case 'pageDown':
		case 'pageUp': {
			viewer.page(action === 'pageDown' ? 1 : -1);
			break;
		}

		case 'halfPageDown':
		case 'halfPageUp': {
			viewer.page(action === 'halfPageDown' ? 1 : -1, 0.5);
			break;
		}

		case 'first': {
			viewer.first();
			break;
		}

		case 'last': {
			viewer.last();
			break;
		}

		case 'toggle': {
			viewer.toggle();
			break;
		}

		case 'collapse': {
			viewer.collapse();
			break;
		}

		case 'expand': {
			viewer.expand();
			break;
		}

		case 'collapseAll':
		case 'expandAll': {
			return step(changedViewer(model, viewer.foldToDepth(action === 'collapseAll' ? 0 : Number.POSITIVE_INFINITY)));
		}

		case 'foldDepth': {
			return step({...withDetail(model, {isDepthPending: true}), notice: 'fold to depth: press 1-9'});
		}

		case 'parseString': {
			return step(changedViewer(model, viewer.toggleParsed()));
		}

		case 'search': {
			return step(withDetail(model, {search: textField()}));
		}

		case 'nextMatch':
		case 'previousMatch': {
			return step(changedViewer(model, viewer.nextMatch(action === 'nextMatch' ? 1 : -1)));
		}

		case 'copyValue': {
			return step(model, {type: 'copy', text: viewer.valueText(), what: `the value of ${sanitise(viewer.path())}`});
		}

		case 'copyPath': {
			const path = viewer.path();
			return step(model, {type: 'copy', text: path, what: `the path ${sanitise(path)}`});
		}
	}

	return step(changedViewer(model));
}

function noPayloadNotice(model: Model): string {
	return readyPayload(model) === undefined ? 'No payload is shown yet.' : 'This request has no stored payload to take out.';
}

export function onDetail(model: Model, action: DetailAction): Step {
	if (action === 'back') {
		return step({...model, pane: 'list', isDetailOpen: false});
	}

	const payload = readyPayload(model);
	if (payload === undefined || shownPayload(payload) === undefined) {
		return step({...model, notice: noPayloadNotice(model)});
	}

	switch (action) {
		case 'copyPayload': {
			return step(model, {type: 'copy', text: shownText(payload), what: 'the payload JSON'});
		}

		case 'openPager':
		case 'openEditor': {
			return step({...model, isHandedOver: true}, {type: 'handOver', command: action === 'openPager' ? 'pager' : 'editor', text: shownText(payload)});
		}

		case 'savePayload': {
			// What was said before (an earlier save) is not about this one.
			return step({...withDetail(model, {save: {step: 'choose'}}), notice: undefined});
		}
	}
}

/** A payload viewer key; undefined when the key is not one of its keys or there is nothing to view. */
export function onPayloadKey(model: Model, key: Key): Step | undefined {
	const {viewer} = model.detail;
	const binding = bindingFor(payloadBindings, key);
	return viewer === undefined || binding === undefined ? undefined : viewerAction(model, viewer, binding.action);
}

function startSave(model: Model, part: SavePart, name: string, isOverwrite: boolean, item: RequestItem, payload: Payload): Step {
	const chosen = saveText(part, item, payload);
	if (!chosen.ok) {
		return step({...withDetail(model, {save: {step: 'closed'}}), notice: chosen.message});
	}

	return step(withDetail(model, {isSaving: true}), {type: 'save', part, name, text: chosen.text, isOverwrite});
}

function onSaveKey(model: Model, key: Key): Step {
	const {save} = model.detail;
	const item = model.payloadFor;
	const payload = readyPayload(model);
	const close = (): Step => step(withDetail(model, {save: {step: 'closed'}}));
	if (item === undefined || payload === undefined) {
		return close();
	}

	switch (save.step) {
		case 'choose': {
			if (key.name === 'escape') {
				return close();
			}

			const part = key.name === 'enter' ? 'output' : key.name === 'char' && !key.ctrl ? partKeys[key.text] : undefined;
			return step(part === undefined ? model : withDetail(model, {save: {step: 'name', part, field: textField(defaultSaveName(item.request_id, part))}}));
		}

		case 'name': {
			if (key.name === 'escape') {
				return close();
			}

			if (key.name === 'enter') {
				return startSave(model, save.part, save.field.value, false, item, payload);
			}

			const {field} = editField(save.field, key);
			return step(field === save.field ? model : withDetail(model, {save: {...save, field}}));
		}

		case 'confirm': {
			if (key.name === 'char' && key.text === 'y' && !key.ctrl) {
				return startSave(model, save.part, save.name, true, item, payload);
			}

			if ((key.name === 'char' && key.text === 'n' && !key.ctrl) || key.name === 'escape') {
				const note = 'Not replaced. Type another name, or Esc to cancel.';
				return step(withDetail(model, {save: {step: 'name', part: save.part, field: textField(save.name), note}}));
			}

			return step(model);
		}

		case 'closed': {
			return step(model);
		}
	}
}

export function onSaved(model: Model, part: SavePart, name: string, result: SaveResult): Step {
	const saving = withDetail(model, {isSaving: false});
	if (result.ok) {
		return step({...withDetail(saving, {save: {step: 'closed'}}), notice: sanitise(`Saved the ${part === 'request' ? 'whole request' : part} to ${result.path}.`)});
	}

	if (result.reason === 'exists') {
		return step(withDetail(saving, {save: {step: 'confirm', part, name, path: resolveSavePath(name)}}));
	}

	// Back to the name, so another can be typed.
	return step(withDetail(saving, {save: {step: 'name', part, field: textField(name), note: sanitise(result.message)}}));
}

function onSearchKey(model: Model, key: Key): Step {
	const {search, viewer} = model.detail;
	if (search === undefined || viewer === undefined) {
		return step(model);
	}

	if (key.name === 'escape') {
		return step(withDetail(model, {search: undefined}));
	}

	if (key.name === 'enter') {
		const searched = withDetail(model, {search: undefined});
		return step(search.value === '' ? searched : changedViewer(searched, viewer.find(search.value)));
	}

	const {field} = editField(search, key);
	return step(field === search ? model : withDetail(model, {search: field}));
}

function onDepthKey(model: Model, key: Key): Step {
	const {viewer} = model.detail;
	const depth = key.name === 'char' && !key.ctrl && /^[1-9]$/.test(key.text) ? Number(key.text) : undefined;
	const done = withDetail(model, {isDepthPending: false});
	if (viewer === undefined || depth === undefined) {
		return step({...done, notice: 'fold to depth cancelled'});
	}

	return step(changedViewer(done, viewer.foldToDepth(depth)));
}

/** Whether a prompt of the detail pane (save, search, `z`) has every key. */
export function isDetailCapturing(detail: DetailState): boolean {
	return detail.save.step !== 'closed' || detail.search !== undefined || detail.isDepthPending;
}

/** A key while a prompt of the detail pane has the keyboard. */
export function onDetailPrompt(model: Model, key: Key): Step {
	const {detail} = model;
	if (detail.save.step !== 'closed') {
		return onSaveKey(model, key);
	}

	return detail.search === undefined ? onDepthKey(model, key) : onSearchKey(model, key);
}
