/**
 * `R`: a command that sends the selected request's input to its endpoint
 * again, in the form chosen from a list (curl, @fal-ai/client, fal_client).
 * The input is the API's own text, so the command sends it byte for byte;
 * the key is never in it (source/triage/rerun.ts).
 */
import type {RerunAction} from '../keymap.js';
import type {LoadError} from '../state/feed.js';
import type {Payload} from '../state/payload-cache.js';
import {rerunCommand, rerunForms} from '../triage/rerun.js';
import {selectedRow} from './marks.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export function openRerun(model: Model): Step {
	const item = selectedRow(model);
	if (item === undefined) {
		return step({...model, notice: 'No request is selected.'});
	}

	return step({...model, overlay: {kind: 'rerun', item, choice: 0, inputText: undefined}, notice: undefined}, {type: 'fetchPayloads', task: 'rerun', items: [item]});
}

/** The input as the API wrote it; written from its value when the payload came without its text. */
function inputTextOf(payload: Payload): string | undefined {
	if (!('input' in payload)) {
		return undefined;
	}

	return payload.source?.input ?? JSON.stringify(payload.input);
}

export function onRerunPayload(model: Model, requestId: string, payload: Payload): Step {
	const {overlay} = model;
	if (overlay.kind !== 'rerun' || overlay.item.request_id !== requestId) {
		return step(model);
	}

	const inputText = inputTextOf(payload);
	if (inputText === undefined) {
		return step({...model, overlay: {kind: 'none'}, notice: 'This request has no stored input to send again: payload storage was off, or its payloads were deleted.'});
	}

	return step({...model, overlay: {...overlay, inputText}});
}

export function onRerunPayloadFailed(model: Model, requestId: string, error: LoadError): Step {
	const {overlay} = model;
	if (overlay.kind !== 'rerun' || overlay.item.request_id !== requestId) {
		return step(model);
	}

	return step({...model, overlay: {kind: 'none'}, notice: `Could not fetch the input to re-run: ${error.message}`});
}

function copyChoice(model: Model, choice: number): Step {
	const {overlay} = model;
	const form = rerunForms[choice];
	if (overlay.kind !== 'rerun' || overlay.inputText === undefined || form === undefined) {
		return step(model);
	}

	const command = rerunCommand(form.form, overlay.item.endpoint_id, overlay.inputText);
	const what = `the ${form.label} re-run of ${overlay.item.request_id.slice(0, 8)}…`;
	return step({...model, overlay: {kind: 'none'}}, {type: 'copy', text: command, what});
}

export function onRerunKey(model: Model, action: RerunAction, digit: string | undefined): Step {
	const {overlay} = model;
	if (overlay.kind !== 'rerun') {
		return step(model);
	}

	switch (action) {
		case 'cancel': {
			return step({...model, overlay: {kind: 'none'}}, {type: 'cancel', task: 'rerun'});
		}

		case 'down':
		case 'up': {
			const choice = (overlay.choice + (action === 'down' ? 1 : -1) + rerunForms.length) % rerunForms.length;
			return step({...model, overlay: {...overlay, choice}});
		}

		case 'pick': {
			return copyChoice(model, Number(digit) - 1);
		}

		case 'copy': {
			return copyChoice(model, overlay.choice);
		}
	}
}
