/** The help overlay (`?`) and the login prompt a 401 opens. */
import type {Key} from '../input/keys.js';
import {editField, textField} from '../input/text-field.js';
import type {HelpAction} from '../keymap.js';
import {feedReducer} from '../state/feed.js';
import {helpLayoutIn, type Layout} from './layout.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export function onHelp(model: Model, action: HelpAction, layout: Layout): Step {
	if (model.overlay.kind !== 'help' || action === 'closeHelp') {
		return step({...model, overlay: {kind: 'none'}});
	}

	const limit = helpLayoutIn(layout).maxTop;
	const top = Math.max(0, Math.min(limit, model.overlay.top + (action === 'helpDown' ? 1 : -1)));
	return step({...model, overlay: {kind: 'help', top}});
}

/** A 401 asks for a key right there, once per failure, unless the user closed the prompt. */
export function promptForKey(model: Model): Model {
	const isAsked = model.feed.error?.kind === 'unauthorized' && model.config.canLogin && !model.isLoginDismissed && model.overlay.kind === 'none';
	return isAsked ? {...model, overlay: {kind: 'login', field: textField(), problem: undefined, isChecking: false}} : model;
}

export function onLoginKey(model: Model, key: Key): Step {
	const {overlay} = model;
	if (overlay.kind !== 'login') {
		return step(model);
	}

	if (key.name === 'escape') {
		return step({...model, overlay: {kind: 'none'}, isLoginDismissed: true});
	}

	// Keys typed while the key is checked wait for the answer (update.ts holds them); Esc does not.
	if (overlay.isChecking) {
		return step(model);
	}

	if (key.name === 'enter') {
		const typed = overlay.field.value.trim();
		if (typed === '') {
			return step({...model, overlay: {...overlay, problem: 'Nothing was typed: paste your fal API key, then press Enter.'}});
		}

		return step({...model, overlay: {...overlay, isChecking: true, problem: undefined}}, {type: 'login', key: typed});
	}

	const {field} = editField(overlay.field, key);
	return step(field === overlay.field ? model : {...model, overlay: {...overlay, field}});
}

/** A refused key asks again; an accepted one is stored by then, so its answer counts even if the prompt was closed meanwhile. */
export function onLoginChecked(model: Model, refusal: string | undefined): Step {
	const {overlay} = model;
	if (refusal !== undefined) {
		return step(overlay.kind === 'login' ? {...model, overlay: {kind: 'login', field: textField(), problem: refusal, isChecking: false}} : model);
	}

	return step({...model, overlay: {kind: 'none'}, isLoginDismissed: false, notice: 'Key accepted and stored.', feed: feedReducer(model.feed, {type: 'retry'})});
}
