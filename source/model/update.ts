/**
 * The one update function: every key, answer, timer and resize passes
 * through it, in arrival order, each against the model the previous one
 * left (Bubble Tea's Update). Keys are routed here: a prompt or a text field
 * being edited has them first, then the active pane's bindings, then the
 * global ones. After each message, `settle` brings what follows from the
 * model up to date: the rows the list shows, the cursor's window, the pages
 * fetched ahead, the payload of the selected request.
 */
import type {Key} from '../input/keys.js';
import {splitAlt} from '../input/keys.js';
import {fitField} from '../input/text-field.js';
import {bindingFor, stripBindings, breakdownBindings, compareBindings, detailBindings, globalBindings, groupsBindings, hasAltBinding, helpBindings, listBindings, rerunBindings, type GlobalAction} from '../keymap.js';
import {feedReducer} from '../state/feed.js';
import type {Filters, Status} from '../api/types.js';
import {formReducer, formToFilters, valuesFromFilters} from '../state/filter-form.js';
import {listReducer} from '../state/list-window.js';
import {sanitise} from '../terminal/sanitise.js';
import {describeCopy} from '../terminal/clipboard.js';
import {relative, toCommandLine} from '../triage/command-line.js';
import {followReducer} from '../triage/follow.js';
import {applyQuickRange, cycleQuickRange, windowSpanMs} from '../triage/time-ranges.js';
import {onBreakdown, toggleBreakdown} from './breakdown.js';
import {askExport, onExported, onExportKey} from './export.js';
import {closeCompare, compareChromeLines, onCompare, onComparePayloads, onComparePayloadsFailed, openCompare} from './compare.js';
import {isDetailCapturing, followSelection, onDetail, onDetailPrompt, onSaved} from './detail.js';
import {onFilterKey} from './filter.js';
import {onPollDue, onPolled, onPollFailed, toggleFollow} from './follow.js';
import {followGroups, onFailuresEnd, onFailuresPage, onGroups, toggleGroups, withOpenedOutput} from './groups.js';
import {filterValueWidth, layoutOf, loginLabel, rowFilterLabel, saveLabel, type Layout} from './layout.js';
import {catchUpCursor, continueErrorSearch, fetchAhead, onList, searchErrors} from './list.js';
import type {Effect, Msg} from './messages.js';
import {jumpToMark, toggleMark, toggleMarkedOnly} from './marks.js';
import type {MainPane, Model, Task} from './model.js';
import {followRows} from './narrow.js';
import {onHelp, onLoginChecked, onLoginKey, promptForKey} from './overlays.js';
import {back, reload, submit, toggleZone, typedZone} from './query.js';
import {onRerunKey, onRerunPayload, onRerunPayloadFailed, openRerun} from './rerun.js';
import {onRowFilterKey, openRowFilter} from './row-filter-prompt.js';
import {activePanes} from './status.js';
import {andThen, step, type Step} from './step.js';
import {instantText, onStrip, pickBar} from './strip.js';
import {isViewerCapturing, onViewerKey, onViewerPrompt} from './viewer-keys.js';

/** How long after the first answer the starting filters are remembered: once its rows are surely on screen. */
const rememberDelayMs = 250;

/** A file being written, a key being checked or the input to re-run being fetched: keys wait for it, so that each acts on the state it leaves. */
export function isBusy(model: Model): boolean {
	const {overlay} = model;
	return model.detail.isSaving || (overlay.kind === 'login' && overlay.isChecking) || (overlay.kind === 'rerun' && overlay.inputText === undefined);
}

export function update(model: Model, msg: Msg, now: number): Step {
	// ESC and a key read together are Alt and that key to the decoder; with no Alt binding they are two keys,
	// the second handled after everything the first set off, as if typed alone.
	if (msg.type === 'key' && msg.key.alt && !hasAltBinding(activePanes(model), msg.key)) {
		const [escape, key] = splitAlt(msg.key);
		return andThen(update(model, {type: 'key', key: escape!}, now), next => step(next, {type: 'send', msg: {type: 'key', key: key!}}));
	}

	const handled = handle({...model, clock: now}, msg);
	const settled = andThen(handled, next => settle(model, next));
	return andThen(unchangedAsBefore(model, settled, msg), replayHeld);
}

/**
 * The model given, when the message changed nothing but the clock: the loop
 * then draws no frame for it. A tick is there to move a countdown, so its
 * clock always counts.
 */
function unchangedAsBefore(before: Model, settled: Step, msg: Msg): Step {
	if (msg.type === 'tick') {
		return settled;
	}

	const after = settled.model as Record<string, unknown>;
	const isSame = Object.entries(before).every(([field, value]) => field === 'clock' || after[field] === value);
	return isSame ? {model: before, effects: settled.effects} : settled;
}

/** Keys held while busy, sent again in order once it is over: each after all the one before set off. */
function replayHeld(model: Model): Step {
	if (isBusy(model) || model.held.length === 0) {
		return step(model);
	}

	return step({...model, held: []}, ...model.held.map(key => ({type: 'send', msg: {type: 'key', key}}) as const));
}

function clearRetry(model: Model, task: Task): Model {
	return model.retry?.task === task ? {...model, retry: undefined} : model;
}

function handle(model: Model, msg: Msg): Step {
	switch (msg.type) {
		case 'key': {
			return onKey(model, msg.key);
		}

		case 'resize': {
			// The strip's bars are laid out for its width: a pick does not survive another.
			const stripBar = msg.columns === model.size.columns ? model.stripBar : undefined;
			return step({...model, size: {columns: msg.columns, rows: msg.rows}, stripBar});
		}

		case 'pageLoaded': {
			const {generation, cursor, page} = msg;
			return step(clearRetry({...model, feed: feedReducer(model.feed, {type: 'loaded', generation, cursor, page, at: model.clock})}, 'page'));
		}

		case 'pageFailed': {
			const {generation, cursor, error} = msg;
			return step(clearRetry({...model, feed: feedReducer(model.feed, {type: 'failed', generation, cursor, error})}, 'page'));
		}

		case 'retrying': {
			return step({...model, retry: {task: msg.task, info: msg.info, until: model.clock + msg.info.delayMs}}, {type: 'tick'});
		}

		case 'tick': {
			const isCounting = model.retry !== undefined || model.follow.retryAt !== undefined;
			return isCounting ? step(model, {type: 'tick'}) : step(model);
		}

		case 'payloadLoading': {
			return step(msg.requestId === model.payloadFor?.request_id ? {...model, payload: {state: 'loading', requestId: msg.requestId}} : model);
		}

		case 'payloadLoaded': {
			const row = model.payloadFor?.request_id === msg.requestId ? model.payloadFor : undefined;
			const loaded = clearRetry(row === undefined ? model : withOpenedOutput(model, row, msg.payload), 'payload');
			return step(msg.requestId === model.payloadFor?.request_id ? {...loaded, payload: {state: 'ready', requestId: msg.requestId, payload: msg.payload}} : loaded);
		}

		case 'payloadFailed': {
			const failed = clearRetry(model, 'payload');
			return step(msg.requestId === model.payloadFor?.request_id ? {...failed, payload: {state: 'failed', requestId: msg.requestId, error: msg.error}} : failed);
		}

		case 'failuresPage': {
			return step(clearRetry(onFailuresPage(model, msg.fetch, msg.page), 'failures'));
		}

		case 'failuresDone': {
			return step(onFailuresEnd(model, msg.fetch));
		}

		case 'failuresFailed': {
			return step(clearRetry(onFailuresEnd(model, msg.fetch, msg.message), 'failures'));
		}

		case 'pollDue': {
			return onPollDue(model, msg.session);
		}

		case 'polled': {
			return onPolled(clearRetry(model, 'poll'), msg.session, msg.items);
		}

		case 'pollFailed': {
			return onPollFailed(clearRetry(model, 'poll'), msg.session, msg.error);
		}

		case 'copied': {
			return step({...model, notice: sanitise(describeCopy(msg.what, msg.result))});
		}

		case 'copyFailed': {
			return step({...model, notice: sanitise(`Could not copy ${msg.what}: ${msg.message}`)});
		}

		case 'handedBack': {
			const notice = msg.result.ok ? `Back from the ${msg.command}.` : sanitise(msg.result.message);
			return step({...model, isHandedOver: false, notice});
		}

		case 'saved': {
			return onSaved(model, msg.part, msg.name, msg.result);
		}

		case 'loginChecked': {
			return onLoginChecked(model, msg.refusal);
		}

		case 'rememberFailed': {
			return step({...model, notice: `The filters could not be remembered for next time: ${sanitise(msg.message)}`});
		}

		case 'payloadsFetched': {
			const fetched = clearRetry(model, msg.task);
			return msg.task === 'rerun' ? onRerunPayload(fetched, msg.requestIds[0]!, msg.payloads[0]!) : onComparePayloads(fetched, msg.requestIds, msg.payloads);
		}

		case 'exported': {
			return onExported(model, msg.format, msg.count, msg.exact, msg.result);
		}

		case 'payloadsFailed': {
			const failed = clearRetry(model, msg.task);
			return msg.task === 'rerun' ? onRerunPayloadFailed(failed, msg.requestIds[0]!, msg.error) : onComparePayloadsFailed(failed, msg.requestIds, msg.error);
		}
	}
}

function quit(model: Model): Step {
	// Quitting before the starting filters were remembered still remembers them.
	const effects: Effect[] = model.pendingStart === undefined ? [] : [{type: 'remember', filters: model.pendingStart, delayMs: 0}];
	return step({...model, pendingStart: undefined}, ...effects, {type: 'quit'});
}

function onKey(model: Model, key: Key): Step {
	const isCtrlC = key.name === 'char' && key.ctrl && key.text === 'c';
	if (isCtrlC) {
		return quit(model);
	}

	// Keys typed while the pager or editor starts were meant for it; acting on them here after it closed would surprise.
	if (model.isHandedOver) {
		return step(model);
	}

	// Esc gives up a key being checked or an input being fetched; other keys wait for them.
	const isCancel = (model.overlay.kind === 'login' || model.overlay.kind === 'rerun') && key.name === 'escape';
	if (isBusy(model) && !isCancel) {
		return step({...model, held: [...model.held, key]});
	}

	const layout = layoutOf(model);
	switch (model.overlay.kind) {
		case 'login': {
			return onLoginKey(model, key);
		}

		case 'help': {
			const binding = bindingFor(helpBindings, key);
			return binding === undefined ? step(model) : onHelp(model, binding.action, layout);
		}

		case 'rerun': {
			const binding = bindingFor(rerunBindings, key);
			return binding === undefined ? step(model) : onRerunKey(model, binding.action, key.name === 'char' ? key.text : undefined);
		}

		case 'none':
	}

	if (model.rowFilterPrompt !== undefined) {
		return onRowFilterKey(model, key);
	}

	if (model.isExportPending) {
		return onExportKey(model, key);
	}

	// A picked bar takes Enter and Esc; every other key acts as it would without it.
	const stripBinding = model.stripBar === undefined ? undefined : bindingFor(stripBindings, key);
	if (stripBinding !== undefined) {
		return onStrip(model, stripBinding.action);
	}

	const own = onPaneKey(model, key, layout);
	if (own !== undefined) {
		return own;
	}

	const binding = bindingFor(globalBindings, key);
	return binding === undefined ? step(model) : onGlobal(model, binding.action, layout);
}

/** The active pane's own answer to a key; undefined when the key is left to the global bindings. */
function onPaneKey(model: Model, key: Key, layout: Layout): Step | undefined {
	switch (model.pane) {
		case 'filter': {
			return onFilterKey(model, key);
		}

		case 'detail': {
			if (isDetailCapturing(model)) {
				return onDetailPrompt(model, key);
			}

			const binding = bindingFor(detailBindings, key);
			return binding === undefined ? onViewerKey(model, 'detail', key) : onDetail(model, binding.action);
		}

		case 'compare': {
			if (isViewerCapturing(model, 'compare')) {
				return onViewerPrompt(model, 'compare', key);
			}

			const binding = bindingFor(compareBindings, key);
			return binding === undefined ? onViewerKey(model, 'compare', key) : onCompare(model, binding.action);
		}

		case 'list': {
			const binding = bindingFor(listBindings, key);
			return binding === undefined ? undefined : onList(model, binding.action, layout);
		}

		case 'groups': {
			const binding = bindingFor(groupsBindings, key);
			return binding === undefined ? undefined : onGroups(model, binding.action, layout);
		}

		case 'breakdown': {
			const binding = bindingFor(breakdownBindings, key);
			return binding === undefined ? undefined : onBreakdown(model, binding.action, layout);
		}
	}
}

function panesInOrder(model: Model, layout: Layout): MainPane[] {
	if (layout.mainView !== 'panes') {
		return ['filter', layout.mainView];
	}

	if (layout.isWide) {
		return ['filter', 'list', 'detail'];
	}

	return layout.isDetailFullScreen ? ['detail'] : ['filter', 'list'];
}

const statusKeys: Record<'statusAll' | 'statusSuccess' | 'statusError' | 'statusUserError', Status | undefined> = {
	statusAll: undefined,
	statusSuccess: 'success',
	statusError: 'error',
	statusUserError: 'user_error',
};

/**
 * The filters with their window as sent, for `C`: an age (`24h`) or a
 * missing bound becomes the time it meant, so that the command shows the
 * same rows later; times typed stay as typed. An id lookup keeps the API's
 * own window, as its 90 days are the point.
 */
function absoluteWindow(model: Model, filters: Filters): Filters {
	if (filters.requestId !== undefined) {
		return filters;
	}

	const {start, end} = model.stripWindow;
	const isStartTyped = filters.start !== undefined && !relative.test(filters.start);
	return {
		...filters,
		start: isStartTyped ? filters.start : instantText(start.getTime()),
		end: filters.end ?? instantText(end.getTime()),
		isQuickRange: undefined,
	};
}

/** `Z`: the focused pane alone on the screen, and back. */
function toggleZoom(model: Model): Step {
	if (model.pane === 'filter') {
		return step({...model, notice: 'Z zooms the list, the request, the groups or the diff: Tab to one first.'});
	}

	return step({...model, isZoomed: !model.isZoomed, notice: undefined});
}

function onGlobal(model: Model, action: GlobalAction, layout: Layout): Step {
	const {form} = model;
	switch (action) {
		case 'quit': {
			return quit(model);
		}

		case 'help': {
			return step({...model, overlay: {kind: 'help', top: 0}});
		}

		case 'nextPane':
		case 'previousPane': {
			// As in tmux, going to another pane ends the zoom; the panes are those of the unzoomed screen.
			const unzoomed = {...model, isZoomed: false};
			const order = panesInOrder(unzoomed, layoutOf(unzoomed));
			const index = order.indexOf(model.pane);
			return step({...unzoomed, pane: order[(index + (action === 'nextPane' ? 1 : -1) + order.length) % order.length]!});
		}

		case 'focusFilter': {
			const editing = formReducer(formReducer(form, {type: 'select', field: 'endpoints'}), {type: 'activate'});
			const left = model.compare === undefined ? step(model) : closeCompare(model);
			return andThen(left, next => step({...next, form: editing, pane: 'filter', isDetailOpen: false, isZoomed: false, stripBar: undefined}));
		}

		case 'mark': {
			return toggleMark(model);
		}

		case 'markedOnly': {
			return toggleMarkedOnly(model);
		}

		case 'nextMark':
		case 'previousMark': {
			return jumpToMark(model, action === 'nextMark' ? 1 : -1, layout);
		}

		case 'compare': {
			return openCompare(model);
		}

		case 'rerun': {
			return openRerun(model);
		}

		case 'rowFilter': {
			return openRowFilter(model);
		}

		case 'zoom': {
			return toggleZoom(model);
		}

		case 'back': {
			return back(model);
		}

		case 'statusAll':
		case 'statusSuccess':
		case 'statusError':
		case 'statusUserError': {
			return submit(model, formReducer({...form, values: form.applied}, {type: 'choose', status: statusKeys[action]}));
		}

		case 'nextError':
		case 'previousError': {
			return searchErrors(model, action === 'nextError' ? 1 : -1, layout);
		}

		case 'copyId': {
			const selected = model.listRows.at(model.window.cursor);
			return selected === undefined
				? step({...model, notice: 'No request is selected.'})
				: step(model, {type: 'copy', text: selected.request_id, what: 'the request id'});
		}

		case 'reload': {
			return reload(model);
		}

		case 'toggleUtc': {
			return toggleZone(model);
		}

		default:
	}

	if (model.feed.query === undefined) {
		return step({...model, notice: 'Give an endpoint id in the filters first.'});
	}

	const filters = formToFilters(form.applied, form.limit);
	switch (action) {
		case 'failureGroups': {
			return toggleGroups(model);
		}

		case 'breakdown': {
			return toggleBreakdown(model);
		}

		case 'export': {
			return askExport(model);
		}

		case 'nextBar':
		case 'previousBar': {
			return pickBar(model, action === 'nextBar' ? 1 : -1);
		}

		case 'toggleFollow': {
			return toggleFollow(model);
		}

		case 'copyCommand': {
			const command = toCommandLine(absoluteWindow(model, filters), typedZone(model));
			return step(model, {type: 'copy', text: command, what: `\`${sanitise(command)}\``});
		}

		default: {
			const range = cycleQuickRange(windowSpanMs(filters, model.feed.query, model.clock), action === 'nextRange' ? 1 : -1);
			return submit(model, {...form, values: valuesFromFilters(applyQuickRange(filters, range))});
		}
	}
}

function fitFields(model: Model, layout: Layout): Model {
	const {form, detail, overlay} = model;
	let next = model;
	if (form.edit !== undefined && form.selected !== 'status' && form.selected !== 'sortBy' && form.selected !== 'billing') {
		const edit = fitField(form.edit, filterValueWidth(form.selected, layout.columns));
		next = edit === form.edit ? next : {...next, form: {...form, edit}};
	}

	if (detail.search !== undefined) {
		const search = fitField(detail.search, Math.max(1, layout.detailWidth - 2));
		next = search === detail.search ? next : {...next, detail: {...next.detail, search}};
	}

	if (detail.save.step === 'name') {
		const field = fitField(detail.save.field, Math.max(1, layout.detailWidth - saveLabel(detail.save.part).length - 1));
		next = field === detail.save.field ? next : {...next, detail: {...next.detail, save: {...detail.save, field}}};
	}

	if (model.rowFilterPrompt !== undefined) {
		const field = fitField(model.rowFilterPrompt.field, Math.max(1, layout.columns - rowFilterLabel.length - 1));
		next = field === model.rowFilterPrompt.field ? next : {...next, rowFilterPrompt: {...model.rowFilterPrompt, field}};
	}

	if (overlay.kind === 'login') {
		const field = fitField(overlay.field, Math.max(1, layout.columns - loginLabel.length - 1), {mask: '•'});
		next = field === overlay.field ? next : {...next, overlay: {...overlay, field}};
	}

	return next;
}

/** The selected request, when the detail pane is on screen: its payloads are wanted. */
function followPayload(model: Model, layout: Layout): Step {
	const wanted = layout.isDetailShown ? model.listRows.at(model.window.cursor) : undefined;
	if (wanted?.request_id === model.payloadFor?.request_id) {
		return step(model);
	}

	const payload = wanted === undefined ? {state: 'none' as const} : model.payload;
	return step({...model, payloadFor: wanted, payload}, {type: 'selectPayload', item: wanted, delayMs: model.config.payloadDelayMs});
}

function rememberStart(model: Model): Step {
	const {pendingStart, feed} = model;
	if (pendingStart === undefined || (feed.pages === 0 && feed.error === undefined)) {
		return step(model);
	}

	// Loading the config costs start-up time: the starting filters wait until their first answer is drawn.
	return step({...model, pendingStart: undefined}, {type: 'remember', filters: pendingStart, delayMs: rememberDelayMs});
}

/** What follows from the model after a message, as a React effect would, but in order and without a render in between. */
function settle(previous: Model, model: Model): Step {
	return andThen(followGroups(model), grouped => {
		let next = continueErrorSearch(catchUpCursor(followRows(previous, grouped), layoutOf(grouped)), layoutOf(grouped));
		next = promptForKey(next);
		if (next.follow.unseen > 0 && next.window.top === 0) {
			next = {...next, follow: followReducer(next.follow, {type: 'seen'})};
		}

		const layout = layoutOf(next);
		const window = listReducer(next.window, {type: 'fit'}, {count: next.listRows.length, height: layout.visibleRows});
		next = fitFields(window === next.window ? next : {...next, window}, layout);
		return andThen(andThen(fetchAhead(next, layout), rememberStart), fetched =>
			andThen(followPayload(fetched, layout), selected => {
				const shown = followSelection(selected);
				shown.detail.viewer?.resize(layout.payloadWidth, layout.payloadHeight);
				// The diff's first column is the cursor's.
				shown.compare?.viewer?.resize(layout.columns - 1, Math.max(1, layout.mainHeight - compareChromeLines - (shown.compare.search === undefined ? 0 : 1)));
				return step(shown);
			}),
		);
	});
}

/** The model to start with, and what it needs at once (the first page, the selected request's payloads). */
export function start(model: Model): Step {
	return settle(model, model);
}
