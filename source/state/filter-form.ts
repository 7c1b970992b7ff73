/**
 * The filter pane's form: what is typed (drafts), what was last applied,
 * the selected field, and the problems validation found. Nothing is sent
 * while a problem stands: submitting yields a query only when valid.
 */
import type {Filters, Query, SortBy, Status} from '../api/types.js';
import type {Key} from '../input/keys.js';
import {editField, textField, type TextField} from '../input/text-field.js';

export const formFields = ['endpoints', 'start', 'end', 'status', 'requestId', 'sortBy', 'billing'] as const;
export type FormField = (typeof formFields)[number];

/** Fields typed as text; the others are chosen (status) or toggled (sort, billing). */
export type TextFormField = 'endpoints' | 'start' | 'end' | 'requestId';
export const textFields: ReadonlySet<FormField> = new Set<TextFormField>(['endpoints', 'start', 'end', 'requestId']);

function isTextField(field: FormField): field is TextFormField {
	return textFields.has(field);
}

/** The status list, in the order it is shown: all, then each status. */
export const statusChoices: ReadonlyArray<Status | undefined> = [undefined, 'success', 'error', 'user_error'];

export type FormValues = {
	endpoints: string;
	start: string;
	/** The start is a quick range picked with t / T (see {@link Filters.isQuickRange}); typing a time makes it the user's own. */
	isQuickRange: boolean;
	end: string;
	/** undefined: all statuses. */
	status: Status | undefined;
	requestId: string;
	sortBy: SortBy;
	billing: boolean;
};

/** A problem in words, beside the field it is about ('limit' comes only from the command line). */
export type FormProblem = {field: FormField | 'limit'; message: string};

export type FormState = {
	values: FormValues;
	/** The values of the query being shown. */
	applied: FormValues;
	/** Filters that are not in the form but apply (the page size from the command line). */
	limit: number | undefined;
	selected: FormField;
	/**
	 * The selected text field being edited, with its cursor: it has the
	 * keyboard until Enter, Esc, or a move to a field that is not text.
	 * Its value is always `values[selected]`.
	 */
	edit: TextField | undefined;
	/** The status list is open, with this entry of {@link statusChoices} highlighted. */
	choosing: number | undefined;
	problems: readonly FormProblem[];
};

export type Validation = {ok: true; query: Query} | {ok: false; problems: ReadonlyArray<{field: keyof Filters; message: string}>};

export type FormAction =
	| {type: 'select'; field: FormField}
	| {type: 'step'; delta: 1 | -1}
	/** Enter on the selected field: edit text, open the status list, or flip a toggle. */
	| {type: 'activate'}
	/** Replaces the edited field's text, cursor at its end. */
	| {type: 'change'; value: string}
	/** A key for the field being edited (source/input/text-field.ts decides what it does). */
	| {type: 'key'; key: Key}
	/** Moves the highlight in the open status list. */
	| {type: 'highlight'; delta: 1 | -1}
	| {type: 'choose'; status: Status | undefined}
	/** Esc: drafts go back to the applied values. */
	| {type: 'cancel'}
	| {type: 'problems'; problems: readonly FormProblem[]}
	| {type: 'applied'};

export function valuesFromFilters(filters: Filters | undefined): FormValues {
	return {
		endpoints: filters?.endpointIds.join(', ') ?? '',
		start: filters?.start ?? '',
		isQuickRange: filters?.isQuickRange ?? false,
		end: filters?.end ?? '',
		status: filters?.status,
		requestId: filters?.requestId ?? '',
		sortBy: filters?.sortBy ?? 'ended_at',
		billing: filters?.billing ?? false,
	};
}

export function initialForm(filters: Filters | undefined): FormState {
	const values = valuesFromFilters(filters);
	return {
		values,
		applied: values,
		limit: filters?.limit,
		selected: 'endpoints',
		// With no endpoint to list, the first thing to do is type one.
		edit: (filters?.endpointIds.length ?? 0) === 0 ? textField(values.endpoints) : undefined,
		choosing: undefined,
		problems: [],
	};
}

function blankToUndefined(text: string): string | undefined {
	const trimmed = text.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function formToFilters(values: FormValues, limit: number | undefined): Filters {
	const filters: Filters = {
		endpointIds: values.endpoints.split(/[\s,]+/).filter(Boolean),
		start: blankToUndefined(values.start),
		isQuickRange: values.isQuickRange || undefined,
		end: blankToUndefined(values.end),
		status: values.status,
		requestId: blankToUndefined(values.requestId),
		sortBy: values.sortBy,
		billing: values.billing,
		limit,
	};
	// Absent rather than undefined, so the remembered filters stay small.
	for (const key of Object.keys(filters) as Array<keyof Filters>) {
		if (filters[key] === undefined) {
			delete filters[key];
		}
	}

	return filters;
}

const problemField: Record<keyof Filters, FormProblem['field']> = {
	endpointIds: 'endpoints',
	start: 'start',
	isQuickRange: 'start',
	end: 'end',
	status: 'status',
	requestId: 'requestId',
	sortBy: 'sortBy',
	billing: 'billing',
	limit: 'limit',
};

/** The form with `field`'s text set from an edit: the problem it had is answered for now; a window shaped by hand is no quick range. */
function withText(state: FormState, field: TextFormField, edit: TextField): FormState {
	const isChanged = edit.value !== state.values[field];
	const isTime = field === 'start' || field === 'end';
	return {
		...state,
		edit,
		values: isChanged ? {...state.values, [field]: edit.value, ...(isTime ? {isQuickRange: false} : {})} : state.values,
		problems: isChanged ? state.problems.filter(problem => problem.field !== field) : state.problems,
	};
}

export function formReducer(state: FormState, action: FormAction): FormState {
	switch (action.type) {
		case 'select': {
			return {...state, selected: action.field, edit: undefined, choosing: undefined};
		}

		case 'step': {
			// Moving while typing goes on typing in the next field that takes text, as Tab does in a form.
			const fields: readonly FormField[] = state.edit === undefined ? formFields : formFields.filter(field => isTextField(field));
			const index = fields.indexOf(state.selected) + action.delta;
			const selected = fields[(index + fields.length) % fields.length]!;
			const edit = state.edit !== undefined && isTextField(selected) ? textField(state.values[selected]) : undefined;
			return {...state, selected, edit, choosing: undefined};
		}

		case 'activate': {
			const field = state.selected;
			if (isTextField(field)) {
				return state.edit === undefined ? {...state, edit: textField(state.values[field])} : state;
			}

			if (field === 'status') {
				return {...state, choosing: Math.max(0, statusChoices.indexOf(state.values.status))};
			}

			const values = field === 'sortBy'
				? {...state.values, sortBy: state.values.sortBy === 'ended_at' ? 'duration' as const : 'ended_at' as const}
				: {...state.values, billing: !state.values.billing};
			return {...state, values};
		}

		case 'change': {
			const field = state.selected;
			return isTextField(field) ? withText(state, field, textField(action.value)) : state;
		}

		case 'key': {
			const field = state.selected;
			if (state.edit === undefined || !isTextField(field)) {
				return state;
			}

			const {field: edit} = editField(state.edit, action.key);
			return edit === state.edit ? state : withText(state, field, edit);
		}

		case 'highlight': {
			if (state.choosing === undefined) {
				return state;
			}

			return {...state, choosing: (state.choosing + action.delta + statusChoices.length) % statusChoices.length};
		}

		case 'choose': {
			return {...state, values: {...state.values, status: action.status}, choosing: undefined};
		}

		case 'cancel': {
			return {...state, values: state.applied, edit: undefined, choosing: undefined, problems: []};
		}

		case 'problems': {
			return {...state, problems: action.problems};
		}

		case 'applied': {
			return {...state, applied: state.values, edit: undefined, choosing: undefined, problems: []};
		}
	}
}

export type Submission = {state: FormState; query?: Query; filters?: Filters};

/**
 * The drafts as they are applied: a request id is looked up over the API's
 * 90 days, so a quick range picked before it was given goes (a typed start stays).
 */
function forIdLookup(values: FormValues): FormValues {
	return values.isQuickRange && values.requestId.trim() !== '' ? {...values, start: '', isQuickRange: false} : values;
}

/** Validates the drafts: the query to send when valid, else the problems shown inline and nothing to send. */
export function submitForm(state: FormState, validate: (filters: Filters) => Validation): Submission {
	const values = forIdLookup(state.values);
	const filters = formToFilters(values, state.limit);
	const result = validate(filters);
	if (!result.ok) {
		const problems = result.problems.map(problem => ({field: problemField[problem.field], message: problem.message}));
		return {state: formReducer(state, {type: 'problems', problems})};
	}

	return {state: formReducer({...state, values}, {type: 'applied'}), query: result.query, filters};
}

/** What the explorer starts with: the form for `filters`, submitted when they name an endpoint (else it asks for one). */
export function startingForm(filters: Filters | undefined, validate: (filters: Filters) => Validation): Submission {
	const state = initialForm(filters);
	return state.edit === undefined ? submitForm(state, validate) : {state};
}

/** The applied filters in a few words, for the status bar. */
export function describeFilters(values: FormValues): string {
	const parts = [values.endpoints.trim() || 'no endpoint'];
	if (values.requestId.trim() !== '') {
		parts.push(`request ${values.requestId.trim()}`);
	}

	const start = values.start.trim();
	const end = values.end.trim();
	if (start === '' && end === '') {
		parts.push(values.requestId.trim() === '' ? 'last 24h' : 'last 90d');
	} else if (/^\d+[smhdw]$/.test(start) && end === '') {
		parts.push(`last ${start}`);
	} else {
		parts.push(`${start || '…'} to ${end || 'now'}`);
	}

	parts.push(values.status ?? 'all statuses');
	if (values.sortBy === 'duration') {
		parts.push('longest first');
	}

	if (values.billing) {
		parts.push('billing');
	}

	return parts.join(' · ');
}
