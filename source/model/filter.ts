/** The filter pane's keys: moving between fields, typing in one, choosing a status, applying. */
import type {Key} from '../input/keys.js';
import {bindingFor, choosingBindings, filterBindings, typingBindings} from '../keymap.js';
import {formReducer, statusChoices, type FormState} from '../state/filter-form.js';
import type {Model} from './model.js';
import {submit} from './query.js';
import {step, type Step} from './step.js';

function withForm(model: Model, form: FormState): Step {
	return step(form === model.form ? model : {...model, form});
}

/** A text field has every key but these: Enter applies, Esc undoes, Tab and the arrows move to another field. */
function onTyping(model: Model, key: Key): Step {
	const {form} = model;
	const action = bindingFor(typingBindings, key)?.action;
	switch (action) {
		case 'submit': {
			return submit(model, form);
		}

		case 'cancel': {
			return withForm(model, formReducer(form, {type: 'cancel'}));
		}

		case 'fieldDown':
		case 'fieldUp': {
			return withForm(model, formReducer(form, {type: 'step', delta: action === 'fieldDown' ? 1 : -1}));
		}

		default: {
			return withForm(model, formReducer(form, {type: 'key', key}));
		}
	}
}

function onChoosing(model: Model, key: Key): Step {
	const {form} = model;
	const choose = (index: number): Step => submit(model, formReducer(form, {type: 'choose', status: statusChoices[index]}));
	const action = bindingFor(choosingBindings, key)?.action;
	switch (action) {
		case 'down':
		case 'up': {
			return withForm(model, formReducer(form, {type: 'highlight', delta: action === 'down' ? 1 : -1}));
		}

		case 'choose': {
			return choose(form.choosing ?? 0);
		}

		case 'pick': {
			return choose(Number(key.text) - 1);
		}

		case 'cancel': {
			return withForm(model, formReducer(form, {type: 'cancel'}));
		}

		default: {
			return step(model);
		}
	}
}

/** Whether the filter pane has every key: a text field or the status list is open. */
export function isFormCapturing(form: FormState): boolean {
	return form.edit !== undefined || form.choosing !== undefined;
}

/** A key in the filter pane; undefined when the pane does not take it (it goes to the global keys). */
export function onFilterKey(model: Model, key: Key): Step | undefined {
	const {form} = model;
	if (form.edit !== undefined) {
		return onTyping(model, key);
	}

	if (form.choosing !== undefined) {
		return onChoosing(model, key);
	}

	const action = bindingFor(filterBindings, key)?.action;
	switch (action) {
		case 'fieldDown':
		case 'fieldUp': {
			return withForm(model, formReducer(form, {type: 'step', delta: action === 'fieldDown' ? 1 : -1}));
		}

		case 'activate': {
			// Sort and billing flip and apply at once; text fields open for typing; status opens its list.
			const activated = formReducer(form, {type: 'activate'});
			return form.selected === 'sortBy' || form.selected === 'billing' ? submit(model, activated) : withForm(model, activated);
		}

		case 'cancel': {
			if (form.problems.length > 0) {
				return withForm(model, formReducer(form, {type: 'cancel'}));
			}

			return step(model.feed.query === undefined ? model : {...model, pane: 'list'});
		}

		default: {
			return undefined;
		}
	}
}
