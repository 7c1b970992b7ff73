/** The explorer's filter form over random edit sequences: no crash, and a query only when nothing is wrong. */
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {toSearchParams, validateFilters} from '../../source/api/query.js';
import {statuses} from '../../source/api/types.js';
import {describeFilters, formFields, formReducer, initialForm, submitForm, type FormAction, type FormState} from '../../source/state/filter-form.js';
import {contractProblems} from './contract.js';
import {filtersArbitrary, timeText, validEndpointId} from './filters.js';
import {anyText, sentenceProblem} from './text.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const validate = (filters: Parameters<typeof validateFilters>[0]) => validateFilters(filters, now, 'UTC');

type Step = FormAction | {type: 'submit'};

const typed = fc.oneof(
	timeText,
	fc.array(validEndpointId, {maxLength: 3}).map(ids => ids.join(', ')),
	fc.uuid(),
	anyText,
);

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
	fc.constantFrom(...formFields).map(field => ({type: 'select', field}) as const),
	fc.constantFrom(1 as const, -1 as const).map(delta => ({type: 'step', delta}) as const),
	fc.constant({type: 'activate'} as const),
	{weight: 3, arbitrary: typed.map(value => ({type: 'change', value}) as const)},
	fc.constantFrom(undefined, ...statuses).map(status => ({type: 'choose', status}) as const),
	fc.constant({type: 'cancel'} as const),
	{weight: 2, arbitrary: fc.constant({type: 'submit'} as const)},
);

test('any sequence of edits and submissions: no crash, and a query is yielded only with no problem shown, and obeys the contract', () => {
	let submissions = 0;
	let queries = 0;
	fc.assert(
		fc.property(fc.option(filtersArbitrary), fc.array(stepArbitrary, {maxLength: 30}), (filters, steps) => {
			let state: FormState = initialForm(filters ?? undefined);
			for (const step of steps) {
				if (step.type === 'submit') {
					submissions++;
					const submission = submitForm(state, validate);
					state = submission.state;
					if (submission.query === undefined) {
						expect(state.problems.length).toBeGreaterThan(0);
						expect(submission.filters).toBeUndefined();
					} else {
						queries++;
						expect(state.problems).toEqual([]);
						expect(contractProblems(toSearchParams(submission.query), now.getTime()).join('; ')).toBe('');
					}
				} else {
					state = formReducer(state, step);
				}

				for (const problem of state.problems) {
					expect(sentenceProblem(problem.message), problem.message).toBeUndefined();
				}

				expect(formFields).toContain(state.selected);
				expect(typeof describeFilters(state.applied)).toBe('string');
			}
		}),
		{numRuns: 2000},
	);
	expect(queries).toBeGreaterThan(0);
	expect(submissions - queries).toBeGreaterThan(0);
});
