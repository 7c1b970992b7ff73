import {describe, expect, it} from 'vitest';
import type {Filters} from '../../source/api/types.js';
import {describeFilters, formReducer, formToFilters, initialForm, submitForm, type Validation} from '../../source/state/filter-form.js';

/** Stands in for the API layer's validation: one endpoint at least, start must look like a time. */
function validate(filters: Filters): Validation {
	const problems: Array<{field: keyof Filters; message: string}> = [];
	if (filters.endpointIds.length === 0) {
		problems.push({field: 'endpointIds', message: 'Give at least one endpoint id.'});
	}

	if (filters.start !== undefined && !/^\d+[mhd]$/.test(filters.start)) {
		problems.push({field: 'start', message: `"${filters.start}" is not a time.`});
	}

	return problems.length > 0 ? {ok: false, problems} : {ok: true, query: {endpointIds: filters.endpointIds, start: filters.start}};
}

describe('filter form', () => {
	it('starts by asking for an endpoint when there is none', () => {
		const state = initialForm(undefined);
		expect(state.selected).toBe('endpoints');
		expect(state.edit).toEqual({value: '', cursor: 0, scroll: 0});
		expect(initialForm({endpointIds: ['a/b']}).edit).toBeUndefined();
	});

	it('refuses invalid input with problems beside the fields, and yields no query', () => {
		let state = initialForm(undefined);
		state = formReducer(state, {type: 'change', value: ''});
		state = formReducer(state, {type: 'step', delta: 1});
		state = formReducer(state, {type: 'activate'});
		state = formReducer(state, {type: 'change', value: 'yesterday-ish'});
		const submitted = submitForm(state, validate);
		expect(submitted.query).toBeUndefined();
		expect(submitted.state.problems).toEqual([
			{field: 'endpoints', message: 'Give at least one endpoint id.'},
			{field: 'start', message: '"yesterday-ish" is not a time.'},
		]);
		// Editing the field that had the problem clears that problem only.
		const edited = formReducer(submitted.state, {type: 'change', value: '6h'});
		expect(edited.problems.map(problem => problem.field)).toEqual(['endpoints']);
	});

	it('yields the query and the filters to remember when valid, and Esc undoes drafts', () => {
		let state = initialForm({endpointIds: ['fal-ai/flux/dev'], limit: 20});
		state = formReducer(state, {type: 'select', field: 'status'});
		state = formReducer(state, {type: 'activate'});
		expect(state.choosing).toBe(0);
		state = formReducer(state, {type: 'choose', status: 'error'});
		state = formReducer(state, {type: 'select', field: 'sortBy'});
		state = formReducer(state, {type: 'activate'});
		const submitted = submitForm(state, validate);
		expect(submitted.filters).toEqual({endpointIds: ['fal-ai/flux/dev'], status: 'error', sortBy: 'duration', billing: false, limit: 20});
		expect(submitted.query).toBeDefined();
		expect(describeFilters(submitted.state.applied)).toBe('fal-ai/flux/dev · last 24h · error · longest first');
		const typed = formReducer(formReducer(submitted.state, {type: 'select', field: 'endpoints'}), {type: 'change', value: 'x/y'});
		expect(formReducer(typed, {type: 'cancel'}).values.endpoints).toBe('fal-ai/flux/dev');
	});

	it('leaves out a quick range when a request id is given, and keeps a start typed, or the range once typed over', () => {
		const requestId = '7b3f1c9e-2d4a-4e8b-9f01-23456789abcd';
		const ranged = initialForm({endpointIds: ['a/b'], start: '1h', isQuickRange: true});
		const withId = (state: typeof ranged) => formReducer(formReducer(state, {type: 'select', field: 'requestId'}), {type: 'change', value: requestId});
		const lookup = submitForm(withId(ranged), validate);
		expect(lookup.filters).toEqual({endpointIds: ['a/b'], requestId, sortBy: 'ended_at', billing: false});
		expect(lookup.state.applied).toMatchObject({start: '', isQuickRange: false, requestId});
		expect(submitForm(ranged, validate).filters).toMatchObject({start: '1h', isQuickRange: true});

		const typedOver = formReducer(formReducer(ranged, {type: 'select', field: 'start'}), {type: 'change', value: '2h'});
		expect(submitForm(withId(typedOver), validate).filters).toMatchObject({start: '2h', requestId});
		expect(submitForm(withId(initialForm({endpointIds: ['a/b'], start: '1h'})), validate).filters).toMatchObject({start: '1h', requestId});
	});

	it('splits endpoint ids on commas and spaces', () => {
		const values = {...initialForm(undefined).values, endpoints: 'a/b, c/d  e/f,'};
		expect(formToFilters(values, undefined).endpointIds).toEqual(['a/b', 'c/d', 'e/f']);
	});
});
