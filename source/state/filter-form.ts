/**
 * The filter pane's form: what is typed (drafts), what was last applied,
 * the selected field, and the problems validation found. Nothing is sent
 * while a problem stands: submitting yields a query only when valid.
 */
import type {Filters, Query, SortBy, Status} from '../api/types.js';

export const formFields = ['endpoints', 'start', 'end', 'status', 'requestId', 'sortBy', 'billing'] as const;
export type FormField = (typeof formFields)[number];

/** Fields typed as text; the others are chosen (status) or toggled (sort, billing). */
export const textFields: ReadonlySet<FormField> = new Set(['endpoints', 'start', 'end', 'requestId']);

export type FormValues = {
	endpoints: string;
	start: string;
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
	/** A text field has the keyboard. */
	isEditing: boolean;
	/** The status select list is open. */
	isChoosing: boolean;
	problems: readonly FormProblem[];
};

export type Validation = {ok: true; query: Query} | {ok: false; problems: ReadonlyArray<{field: keyof Filters; message: string}>};

export type FormAction =
	| {type: 'select'; field: FormField}
	| {type: 'step'; delta: 1 | -1}
	/** Enter on the selected field: edit text, open the status list, or flip a toggle. */
	| {type: 'activate'}
	| {type: 'change'; value: string}
	| {type: 'choose'; status: Status | undefined}
	/** Esc: drafts go back to the applied values. */
	| {type: 'cancel'}
	| {type: 'problems'; problems: readonly FormProblem[]}
	| {type: 'applied'};

export function valuesFromFilters(filters: Filters | undefined): FormValues {
	return {
		endpoints: filters?.endpointIds.join(', ') ?? '',
		start: filters?.start ?? '',
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
		isEditing: (filters?.endpointIds.length ?? 0) === 0,
		isChoosing: false,
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
	end: 'end',
	status: 'status',
	requestId: 'requestId',
	sortBy: 'sortBy',
	billing: 'billing',
	limit: 'limit',
};

export function formReducer(state: FormState, action: FormAction): FormState {
	switch (action.type) {
		case 'select': {
			return {...state, selected: action.field, isChoosing: false};
		}

		case 'step': {
			const index = formFields.indexOf(state.selected) + action.delta;
			const selected = formFields[(index + formFields.length) % formFields.length]!;
			return {...state, selected, isChoosing: false, isEditing: state.isEditing && textFields.has(selected)};
		}

		case 'activate': {
			if (textFields.has(state.selected)) {
				return {...state, isEditing: true};
			}

			if (state.selected === 'status') {
				return {...state, isChoosing: true};
			}

			const values = state.selected === 'sortBy'
				? {...state.values, sortBy: state.values.sortBy === 'ended_at' ? 'duration' as const : 'ended_at' as const}
				: {...state.values, billing: !state.values.billing};
			return {...state, values};
		}

		case 'change': {
			if (!textFields.has(state.selected)) {
				return state;
			}

			const field = state.selected as 'endpoints' | 'start' | 'end' | 'requestId';
			return {
				...state,
				values: {...state.values, [field]: action.value},
				// A problem is about the text that had it; editing that text answers it for now.
				problems: state.problems.filter(problem => problem.field !== field),
			};
		}

		case 'choose': {
			return {...state, values: {...state.values, status: action.status}, isChoosing: false};
		}

		case 'cancel': {
			return {...state, values: state.applied, isEditing: false, isChoosing: false, problems: []};
		}

		case 'problems': {
			return {...state, problems: action.problems};
		}

		case 'applied': {
			return {...state, applied: state.values, isEditing: false, isChoosing: false, problems: []};
		}
	}
}

export type Submission = {state: FormState; query?: Query; filters?: Filters};

/** Validates the drafts: the query to send when valid, else the problems shown inline and nothing to send. */
export function submitForm(state: FormState, validate: (filters: Filters) => Validation): Submission {
	const filters = formToFilters(state.values, state.limit);
	const result = validate(filters);
	if (!result.ok) {
		const problems = result.problems.map(problem => ({field: problemField[problem.field], message: problem.message}));
		return {state: formReducer(state, {type: 'problems', problems})};
	}

	return {state: formReducer(state, {type: 'applied'}), query: result.query, filters};
}

/** What the explorer starts with: the form for `filters`, submitted when they name an endpoint (else it asks for one). */
export function startingForm(filters: Filters | undefined, validate: (filters: Filters) => Validation): Submission {
	const state = initialForm(filters);
	return state.isEditing ? {state} : submitForm(state, validate);
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
