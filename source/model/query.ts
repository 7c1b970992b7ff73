/**
 * Sending filters, reloading, and going back: what replaces the rows shown
 * and what keeps them. A new query pushes the view it replaces onto the
 * history, so Backspace brings it back from memory; a reload keeps the rows
 * on screen until its first page replaces them.
 */
import {validateFilters} from '../api/query.js';
import {isWallClock} from '../api/time.js';
import {localZone} from '../api/zone.js';
import type {Filters, Query} from '../api/types.js';
import {feedReducer, settledFeed} from '../state/feed.js';
import {describeFilters, formToFilters, submitForm, type FormState} from '../state/filter-form.js';
import {maxFailurePages} from '../state/failure-outputs.js';
import {initialWindow} from '../state/list-window.js';
import {followOff} from '../triage/follow.js';
import {readsMessages} from '../triage/row-filter.js';
import {emptyGroups, stripWindowOf, type Model, type View} from './model.js';
import {andThen, step, type Step} from './step.js';

/** Views Backspace can go back through; each may hold many rows. */
const maxHistory = 10;

function isSameFilters(a: Filters, b: Filters): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function snapshot(model: Model): View {
	// Nothing in flight is kept: going back sends nothing by itself.
	const groups = {...model.groups, isOpen: false, fetching: undefined};
	return {applied: model.form.applied, feed: settledFeed(model.feed), window: model.window, stripWindow: model.stripWindow, groups};
}

/** Everything about the rows of the old query goes: follow mode, failure groups, an `e` search. */
function leaveQuery(model: Model): Model {
	return {
		...model,
		follow: followOff,
		followSession: model.followSession + 1,
		// A row filter on error messages, or the breakdowns by error type, go on reading them for the new rows.
		groups: emptyGroups(model.breakdown !== undefined || (model.rowFilter !== undefined && readsMessages(model.rowFilter)) ? maxFailurePages : 0),
		errorSearchUntil: undefined,
		cursorAhead: 0,
		retry: undefined,
		pendingStart: undefined,
		// A breakdown group's rows were the old query's; the breakdowns view stays open over the new rows.
		breakdownGroup: undefined,
		stripBar: undefined,
		pane: model.pane === 'groups' ? 'list' : model.pane,
		notice: model.follow.isOn ? 'Follow mode stopped: the filters changed (f follows again).' : undefined,
	};
}

/** What the old query set going stops; so do starting filters not yet remembered, now replaced. */
const stopWork = [{type: 'cancel', task: 'page'}, {type: 'cancel', task: 'failures'}, {type: 'cancel', task: 'poll'}, {type: 'cancel', task: 'remember'}] as const;

function applyQuery(model: Model, form: FormState, query: Query): Model {
	const history = model.feed.query === undefined ? model.history : [...model.history, snapshot(model)].slice(-maxHistory);
	return {
		...leaveQuery(model),
		form,
		history,
		feed: feedReducer(model.feed, {type: 'reset', query}),
		window: initialWindow,
		stripWindow: stripWindowOf(query, model.clock),
	};
}

/** The zone dates and times typed without an offset are read in: the one times are shown in (`u`). */
export function typedZone(model: Pick<Model, 'isUtc'>): string {
	return model.isUtc ? 'UTC' : localZone();
}

function validate(model: Model): (filters: Filters) => ReturnType<typeof validateFilters> {
	return filters => validateFilters(filters, new Date(model.clock), typedZone(model));
}

/**
 * Validates the drafts and sends them: a new query replaces the rows (the
 * old view goes onto the history); the same filters again are a reload.
 * Problems stay in the filter pane, and nothing is sent.
 */
export function submit(model: Model, form: FormState): Step {
	const result = submitForm(form, validate(model));
	if (result.query === undefined || result.filters === undefined) {
		return step({...model, form: result.state, pane: 'filter', isDetailOpen: false});
	}

	const pane = model.pane === 'filter' ? 'list' : model.pane;
	const remember = {type: 'remember', filters: result.filters, delayMs: 0} as const;
	if (model.feed.query !== undefined && isSameFilters(result.filters, formToFilters(model.form.applied, model.form.limit))) {
		return reloadWith({...model, form: result.state, pane}, result.query);
	}

	return step({...applyQuery(model, result.state, result.query), pane: pane === 'groups' ? 'list' : pane}, ...stopWork, remember);
}

/** Asks for the first page again; the rows, the cursor's request, follow mode and the group stay meanwhile. */
function reloadWith(model: Model, query: Query): Step {
	return step(
		{
			...model,
			feed: feedReducer(model.feed, {type: 'reload', query}),
			stripWindow: stripWindowOf(query, model.clock),
			errorSearchUntil: undefined,
			cursorAhead: 0,
			notice: undefined,
		},
		{type: 'cancel', task: 'page'},
	);
}

/** `r`: a new key after a 401, a retry after an error, or a reload of the query (relative times move on). */
export function reload(model: Model): Step {
	const {feed} = model;
	if (feed.error?.kind === 'unauthorized' && model.config.canLogin) {
		return step({...model, isLoginDismissed: false});
	}

	if (feed.error !== undefined) {
		return step({...model, feed: feedReducer(feed, {type: 'retry'}), notice: undefined});
	}

	if (model.payload.state === 'failed' && model.pane === 'detail' && model.payloadFor !== undefined) {
		return step(model, {type: 'retryPayload', item: model.payloadFor});
	}

	if (feed.query === undefined) {
		return step({...model, notice: 'Give an endpoint id in the filters first.'});
	}

	const result = validate(model)(formToFilters(model.form.applied, model.form.limit));
	return result.ok ? reloadWith(model, result.query) : step({...model, notice: result.problems.map(problem => problem.message).join(' ')});
}

/**
 * `u`: times in UTC or in local time. A date or time typed without an offset
 * means the zone shown, so a window bounded by one moves with the zone: its
 * rows are asked for again, and stay on screen until they come.
 */
export function toggleZone(model: Model): Step {
	const toggled = {...model, isUtc: !model.isUtc};
	const {start, end} = model.form.applied;
	if (model.feed.query === undefined || !(isWallClock(start) || isWallClock(end))) {
		return step(toggled);
	}

	const result = validate(toggled)(formToFilters(toggled.form.applied, toggled.form.limit));
	if (!result.ok) {
		return step({...toggled, notice: result.problems.map(problem => problem.message).join(' ')});
	}

	const notice = `The window is read in ${toggled.isUtc ? 'UTC' : 'local time'} now, as the times are shown.`;
	return andThen(reloadWith(toggled, result.query), next => step({...next, notice}));
}

/** Backspace: the previous view, its filters, rows and cursor, from memory. */
export function back(model: Model): Step {
	const view = model.history.at(-1);
	if (view === undefined) {
		return step({...model, notice: 'There is no earlier view to go back to.'});
	}

	const left = leaveQuery(model);
	return step(
		{
			...left,
			history: model.history.slice(0, -1),
			form: {...model.form, values: view.applied, applied: view.applied, edit: undefined, choosing: undefined, problems: []},
			// A generation of its own: nothing asked for by the view being left can land in it.
			feed: {...view.feed, generation: model.feed.generation + 1},
			window: view.window,
			stripWindow: view.stripWindow,
			groups: view.groups,
			notice: `Back to ${describeFilters(view.applied)}.${left.notice === undefined ? '' : ` ${left.notice}`}`,
		},
		...stopWork,
	);
}
