/**
 * `&`, as in less: a prompt for an expression that narrows the loaded rows
 * (source/triage/row-filter.ts). A refused expression keeps the prompt open
 * with a sentence under it, as the filter pane does; an empty one clears
 * the filter.
 */
import type {Key} from '../input/keys.js';
import {editField, textField} from '../input/text-field.js';
import {maxFailurePages} from '../state/failure-outputs.js';
import {parseRowFilter, readsMessages} from '../triage/row-filter.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export function openRowFilter(model: Model): Step {
	const field = textField(model.rowFilter?.text ?? '');
	return step({...model, rowFilterPrompt: {field, problem: undefined}, isZoomed: false, notice: undefined});
}

/** The filter in force, and the outputs its error messages come from: a filter that reads them gets a budget to fetch them. */
function withRowFilter(model: Model, rowFilter: Model['rowFilter']): Model {
	const needsMessages = rowFilter !== undefined && readsMessages(rowFilter);
	const groups = needsMessages && model.groups.budget === 0 ? {...model.groups, budget: maxFailurePages, error: undefined} : model.groups;
	// The filter narrows the list: the views over it close.
	const pane = model.pane === 'detail' ? 'detail' : 'list';
	return {...model, rowFilter, rowFilterPrompt: undefined, groups: {...groups, isOpen: false}, breakdown: undefined, compare: undefined, pane};
}

export function onRowFilterKey(model: Model, key: Key): Step {
	const prompt = model.rowFilterPrompt;
	if (prompt === undefined) {
		return step(model);
	}

	if (key.name === 'escape') {
		return step({...model, rowFilterPrompt: undefined});
	}

	if (key.name === 'enter') {
		const parsed = parseRowFilter(prompt.field.value);
		if (!parsed.ok) {
			return step({...model, rowFilterPrompt: {...prompt, problem: parsed.problem}});
		}

		const isEmpty = parsed.filter.terms.length === 0;
		return step({...withRowFilter(model, isEmpty ? undefined : parsed.filter), notice: isEmpty ? 'Row filter cleared.' : undefined});
	}

	const {field} = editField(prompt.field, key);
	return step(field === prompt.field ? model : {...model, rowFilterPrompt: {field, problem: undefined}});
}
