/**
 * The detail pane: the selected request's payloads as they arrive, the
 * keys that take a payload out of falreq (copy, pager, editor, save); the
 * payload viewer's own keys are in viewer-keys.ts.
 */
import type {RequestItem} from '../api/types.js';
import type {Key} from '../input/keys.js';
import {editField, textField} from '../input/text-field.js';
import {JsonViewer} from '../json/viewer.js';
import type {DetailAction} from '../keymap.js';
import type {Payload} from '../state/payload-cache.js';
import {shownPayload, shownSource, shownText} from '../state/payload-text.js';
import {resolveSavePath, type SaveResult} from '../terminal/save.js';
import {sanitise} from '../terminal/sanitise.js';
import {defaultSaveName, partKeys, saveText, type SavePart} from '../views/detail-pane/save-flow.js';
import {closedDetail, type DetailState, type Model} from './model.js';
import {step, type Step} from './step.js';
import {isViewerCapturing, onViewerPrompt} from './viewer-keys.js';

/** The payload shown, when it is the selected request's and has arrived. */
export function readyPayload(model: Model): Payload | undefined {
	const {payload, payloadFor} = model;
	return payload.state === 'ready' && payload.requestId === payloadFor?.request_id ? payload.payload : undefined;
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

/** Whether a prompt of the detail pane (save, search, `z`) has every key. */
export function isDetailCapturing(model: Model): boolean {
	return model.detail.save.step !== 'closed' || isViewerCapturing(model, 'detail');
}

/** A key while a prompt of the detail pane has the keyboard. */
export function onDetailPrompt(model: Model, key: Key): Step {
	return model.detail.save.step === 'closed' ? onViewerPrompt(model, 'detail', key) : onSaveKey(model, key);
}
