/**
 * Every key of the keymap, each of its spellings, in a state where its pane
 * has the keyboard: what it does to the model. A binding added without a
 * row here fails the table.
 */
import {describe, expect, it} from 'vitest';
import {keyOf} from '../../source/input/keys.js';
import {keymap, type Pane} from '../../source/keymap.js';
import type {Effect} from '../../source/model/messages.js';
import type {Model} from '../../source/model/model.js';
import {breakdownRows} from '../../source/model/breakdown.js';
import {instantText, stripBars} from '../../source/model/strip.js';
import {cursorIndex} from '../../source/triage/groups-cursor.js';
import {fakeRow} from '../views/fake-client.js';
import {apply, effectsOf, explorer, key, pageOf, type} from './harness.js';

/** What a key moves, read before the key: the payload viewer changes in place (source/model/model.ts says why). */
type Measures = Record<'cursor' | 'viewerLine' | 'diffLine' | 'groupIndex' | 'breakdownIndex' | 'helpTop' | 'version', number>;
type Outcome = (before: Model, after: Model, effects: readonly Effect[], was: Measures) => void;

const payload = {input: {prompt: 'a red fox', nested: {json: '{"a": [1, 2]}', list: [1, 2, 3]}}, output: {images: [{url: 'https://x/1.png'}]}};

/** A state per pane, the pane having the keyboard. */
const states: Record<Pane, () => Model> = {
	global: () => type(explorer({columns: 120, lines: 40}).model, 'jjj').model,
	list: () => type(explorer().model, 'jjj').model,
	filter: () => type(explorer().model, `/${key.esc}`).model,
	typing: () => type(explorer().model, `/${key.left}`).model,
	choosing: () => type(explorer().model, `/${key.esc}${key.down}${key.down}${key.down}${key.enter}`).model,
	detail: detail,
	payload: detail,
	groups() {
		const {model, effects} = type(explorer().model, 'x');
		const [fetch] = effectsOf(effects, 'fetchFailures');
		const messages = ['Request timed out', 'CUDA out of memory', 'Runner disconnected'];
		const failed = fetch!.fetch.ids.map((id, index) => ({...fakeRow(Number(id.slice(-12))), json_output: {detail: messages[index % 3]}}));
		return type(apply(model, {type: 'failuresPage', fetch: fetch!.fetch, page: pageOf(failed, null)}).model, 'j').model;
	},
	help: () => type(explorer({lines: 14}).model, '?j').model,
	compare,
	/** The bar before the newest picked. */
	strip: () => type(explorer({columns: 120, lines: 40}).model, '[[').model,
	/** By status (200, 504, 422), the cursor on the second group. */
	breakdown: () => type(explorer({columns: 120, lines: 40}).model, 'bllj').model,
	rowFilter: () => type(explorer().model, '&status:5xx').model,
	rerun() {
		const opened = type(explorer().model, 'jR').model;
		return apply(opened, {type: 'payloadsFetched', task: 'rerun', requestIds: [fakeRow(1).request_id], payloads: [payload]}).model;
	},
};

/** The marked first row against the third, at 120 columns: a diff side by side. */
function compare(): Model {
	const opened = type(explorer({columns: 120, lines: 40}).model, 'mjjD').model;
	// Three differences, the cursor on the second: one above it, one below.
	const other = {input: {prompt: 'a red cat', nested: {...payload.input.nested, list: [1, 2, 4]}}, output: {images: [{url: 'https://x/2.png'}]}};
	const ids = [fakeRow(0).request_id, fakeRow(2).request_id];
	return type(apply(opened, {type: 'payloadsFetched', task: 'compare', requestIds: ids, payloads: [payload, other]}).model, ']]').model;
}

function detail(): Model {
	const opened = type(explorer({columns: 120, lines: 40}).model, key.tab).model;
	return type(apply(opened, {type: 'payloadLoaded', requestId: fakeRow(0).request_id, payload}).model, 'jj').model;
}

const cursor = (model: Model) => model.window.cursor;
const viewerLine = (model: Model) => model.detail.viewer?.cursor ?? -1;
const groupIndex = (model: Model) => model.groups.list.findIndex(group => group.key === (model.groups.cursor.key ?? model.groups.list[0]?.key));
const helpTop = (model: Model) => (model.overlay.kind === 'help' ? model.overlay.top : -1);
const diffLine = (model: Model) => model.compare?.viewer?.cursor ?? -1;
const breakdownIndex = (model: Model) => {
	const state = model.breakdown;
	const keys = state === undefined ? [] : breakdownRows(model, state).map(row => row.key);
	return state === undefined ? -1 : cursorIndex(state.cursor, keys);
};
const measures = {cursor, viewerLine, diffLine, groupIndex, breakdownIndex, helpTop, version: (model: Model) => model.detail.version};

function measure(model: Model): Measures {
	return Object.fromEntries(Object.entries(measures).map(([name, read]) => [name, read(model)])) as Measures;
}

const moved = (name: keyof Measures, direction: 1 | -1): Outcome => (_before, after, _effects, was) => {
	expect(Math.sign(measures[name](after) - was[name])).toBe(direction);
};

const redrawn: Outcome = (_before, after, _effects, was) => {
	expect(after.detail.version).toBeGreaterThan(was.version);
};
const copied = (what: RegExp): Outcome => (_before, _after, effects) => {
	expect(effectsOf(effects, 'copy')[0]?.what).toMatch(what);
};

const sent = (status: string | undefined): Outcome => (_before, after, effects) => {
	expect(after.form.applied.status).toBe(status);
	expect(effectsOf(effects, 'fetchPage')[0]?.query.status).toBe(status);
};

const outcomes: Record<string, Outcome> = {
	'global quit': (_before, _after, effects) => expect(effectsOf(effects, 'quit')).toHaveLength(1),
	'global help': (_before, after) => expect(after.overlay).toEqual({kind: 'help', top: 0}),
	'global nextPane': (_before, after) => expect(after.pane).toBe('detail'),
	'global previousPane': (_before, after) => expect(after.pane).toBe('filter'),
	'global focusFilter': (_before, after) => expect([after.pane, after.form.selected, after.form.edit?.cursor]).toEqual(['filter', 'endpoints', 15]),
	'global back': (_before, after) => expect(after.notice).toBe('There is no earlier view to go back to.'),
	'global nextError': (before, after) => expect(after.listRows.at(cursor(after))?.status_code).toBeGreaterThanOrEqual(400),
	'global previousError': (_before, after) => expect(after.notice).toBe('No error row above.'),
	'global statusAll': sent(undefined),
	'global statusSuccess': sent('success'),
	'global statusError': sent('error'),
	'global statusUserError': sent('user_error'),
	'global copyId': (before, _after, effects) => expect(effectsOf(effects, 'copy')[0]?.text).toBe(before.listRows.at(3)?.request_id),
	'global toggleUtc': (before, after) => expect(after.isUtc).toBe(!before.isUtc),
	'global failureGroups': (_before, after, effects) => {
		expect(after.pane).toBe('groups');
		expect(effectsOf(effects, 'fetchFailures')).toHaveLength(1);
	},
	'global toggleFollow': (_before, after, effects) => {
		expect(after.follow.isOn).toBe(true);
		expect(effectsOf(effects, 'schedulePoll')).toHaveLength(1);
	},
	// From the default window, 24h: the next longer range and the next shorter one.
	'global nextRange': (_before, after) => expect(after.form.applied.start).toBe('7d'),
	'global previousRange': (_before, after) => expect(after.form.applied.start).toBe('6h'),
	'global copyCommand': copied(/^`falreq -e fal-ai\/flux\/dev --start 2026-11-27T12:00:00Z --end 2026-11-28T12:00:00Z`$/),
	'global reload': (before, after, effects) => {
		expect(after.feed.isStale).toBe(true);
		expect(after.feed.rows).toBe(before.feed.rows);
		expect(effectsOf(effects, 'fetchPage')[0]?.cursor).toBeUndefined();
	},
	'filter activate': (_before, after) => expect(after.form.edit?.value).toBe('fal-ai/flux/dev'),
	'filter cancel': (_before, after) => expect(after.pane).toBe('list'),
	'filter fieldDown': (_before, after) => expect(after.form.selected).toBe('start'),
	'filter fieldUp': (_before, after) => expect(after.form.selected).toBe('billing'),
	'typing submit': (_before, after) => expect([after.pane, after.form.edit]).toEqual(['list', undefined]),
	'typing cancel': (_before, after) => expect([after.pane, after.form.edit]).toEqual(['filter', undefined]),
	'typing fieldDown': (_before, after) => expect([after.form.selected, after.form.edit?.value]).toEqual(['start', '']),
	'typing fieldUp': (_before, after) => expect([after.form.selected, after.form.edit?.value]).toEqual(['requestId', '']),
	'choosing pick': sent(undefined),
	'choosing down': (_before, after) => expect(after.form.choosing).toBe(1),
	'choosing up': (_before, after) => expect(after.form.choosing).toBe(3),
	'choosing choose': sent(undefined),
	'choosing cancel': (_before, after) => expect([after.form.choosing, after.pane]).toEqual([undefined, 'filter']),
	'list down': moved('cursor', 1),
	'list up': moved('cursor', -1),
	'list pageDown': moved('cursor', 1),
	'list pageUp': moved('cursor', -1),
	'list first': (_before, after) => expect(cursor(after)).toBe(0),
	'list last': (_before, after) => expect(cursor(after)).toBe(99),
	'list open': (_before, after) => expect([after.pane, after.isDetailOpen]).toEqual(['detail', true]),
	'list clear': (before, after) => expect(after.listRows).toBe(before.listRows),
	'detail back': (_before, after) => expect(after.pane).toBe('list'),
	'detail copyPayload': copied(/^the payload JSON$/),
	'detail openPager': (_before, after, effects) => expect([after.isHandedOver, effectsOf(effects, 'handOver')[0]?.command]).toEqual([true, 'pager']),
	'detail openEditor': (_before, _after, effects) => expect(effectsOf(effects, 'handOver')[0]?.command).toBe('editor'),
	'detail savePayload': (_before, after) => expect(after.detail.save).toEqual({step: 'choose'}),
	'payload down': moved('viewerLine', 1),
	'payload up': moved('viewerLine', -1),
	'payload pageDown': moved('viewerLine', 1),
	'payload pageUp': moved('viewerLine', -1),
	'payload halfPageDown': moved('viewerLine', 1),
	'payload halfPageUp': moved('viewerLine', -1),
	'payload first': (_before, after) => expect(viewerLine(after)).toBe(0),
	'payload last': moved('viewerLine', 1),
	'payload toggle': redrawn,
	'payload collapse': redrawn,
	'payload expand': redrawn,
	'payload collapseAll': (_before, after) => expect(after.notice).toBe('collapsed all'),
	'payload expandAll': (_before, after) => expect(after.notice).toBe('expanded all'),
	'payload foldDepth': (_before, after) => expect(after.detail.isDepthPending).toBe(true),
	'payload parseString': (_before, after) => expect(after.notice).toBe('this string is not valid JSON'),
	'payload search': (_before, after) => expect(after.detail.search?.value).toBe(''),
	'payload nextMatch': (_before, after) => expect(after.notice).toBe('no search yet: press / to search'),
	'payload previousMatch': (_before, after) => expect(after.notice).toBe('no search yet: press / to search'),
	'payload copyValue': copied(/^the value of \.input\.prompt$/),
	'payload copyPath': copied(/^the path \.input\.prompt$/),
	'groups down': moved('groupIndex', 1),
	'groups up': moved('groupIndex', -1),
	'groups pageDown': moved('groupIndex', 1),
	'groups pageUp': moved('groupIndex', -1),
	'groups first': (_before, after) => expect(groupIndex(after)).toBe(0),
	'groups last': (_before, after) => expect(groupIndex(after)).toBe(after.groups.list.length - 1),
	'groups open': (_before, after) => expect([after.pane, after.groups.key !== undefined]).toEqual(['list', true]),
	'groups close': (_before, after) => expect([after.pane, after.groups.isOpen]).toEqual(['list', false]),
	'global mark': (before, after) => expect([...after.marks.keys()]).toEqual([before.listRows.at(3)?.request_id]),
	'global markedOnly': (_before, after) => expect(after.notice).toBe('No request is marked: m marks the selected one.'),
	'global nextMark': (_before, after) => expect(after.notice).toBe('No request is marked: m marks the selected one.'),
	'global previousMark': (_before, after) => expect(after.notice).toBe('No request is marked: m marks the selected one.'),
	'global compare': (_before, after) => expect(after.notice).toMatch(/^Mark a request with m/),
	'global rerun': (before, after, effects) => {
		expect(after.overlay).toMatchObject({kind: 'rerun', choice: 0, inputText: undefined});
		expect(effectsOf(effects, 'fetchPayloads')[0]?.items).toEqual([before.listRows.at(3)]);
	},
	'global rowFilter': (_before, after) => expect(after.rowFilterPrompt?.field.value).toBe(''),
	'global zoom': (_before, after) => expect(after.isZoomed).toBe(true),
	'compare close': (_before, after) => expect([after.pane, after.compare]).toEqual(['list', undefined]),
	'compare nextChange': moved('diffLine', 1),
	'compare previousChange': moved('diffLine', -1),
	'rowFilter apply': (_before, after) => expect([after.rowFilterPrompt, after.rowFilter?.text]).toEqual([undefined, 'status:5xx']),
	'rowFilter cancel': (_before, after) => expect([after.rowFilterPrompt, after.rowFilter]).toEqual([undefined, undefined]),
	'rerun pick': copied(/^the curl re-run of 00000000…$/),
	'rerun down': (_before, after) => expect(after.overlay).toMatchObject({kind: 'rerun', choice: 1}),
	'rerun up': (_before, after) => expect(after.overlay).toMatchObject({kind: 'rerun', choice: 2}),
	'rerun copy': copied(/^the curl re-run of 00000000…$/),
	'rerun cancel': (_before, after) => expect(after.overlay.kind).toBe('none'),
	'global breakdown': (_before, after, effects) => {
		expect([after.pane, after.breakdown?.dimension]).toEqual(['breakdown', 'endpoint']);
		expect(effectsOf(effects, 'fetchFailures')).toHaveLength(1);
	},
	'breakdown down': moved('breakdownIndex', 1),
	'breakdown up': moved('breakdownIndex', -1),
	'breakdown pageDown': moved('breakdownIndex', 1),
	'breakdown pageUp': moved('breakdownIndex', -1),
	'breakdown first': (_before, after) => expect(breakdownIndex(after)).toBe(0),
	'breakdown last': (_before, after) => expect(breakdownIndex(after)).toBe(2),
	'breakdown nextDimension': (_before, after) => expect(after.breakdown?.dimension).toBe('errorType'),
	'breakdown previousDimension': (_before, after) => expect(after.breakdown?.dimension).toBe('runner'),
	'breakdown byEndpoint': (_before, after) => expect([after.breakdown?.dimension, after.breakdown?.within.length]).toEqual(['endpoint', 1]),
	'breakdown byRunner': (_before, after) => expect([after.breakdown?.dimension, after.breakdown?.within.length]).toEqual(['runner', 1]),
	'breakdown byStatus': (_before, after) => expect([after.breakdown?.dimension, after.breakdown?.within.length]).toEqual(['status', 1]),
	'breakdown byErrorType': (_before, after) => expect([after.breakdown?.dimension, after.breakdown?.within.length]).toEqual(['errorType', 1]),
	'breakdown sortNext': (_before, after) => expect(after.breakdown?.sort).toEqual({column: 'errors', direction: 'descending'}),
	'breakdown sortReverse': (_before, after) => expect(after.breakdown?.sort).toEqual({column: 'requests', direction: 'ascending'}),
	'breakdown open': (before, after) => {
		expect([after.pane, after.breakdown]).toEqual(['list', undefined]);
		const status = before.breakdown && breakdownRows(before, before.breakdown)[1]!.label;
		expect(after.listRows.length).toBeGreaterThan(0);
		expect(after.listRows.slice().every(item => status?.startsWith(String(item.status_code)))).toBe(true);
	},
	'breakdown close': (_before, after) => expect([after.pane, after.breakdown]).toEqual(['list', undefined]),
	'global export': (_before, after) => expect([after.isExportPending, after.notice]).toEqual([true, 'Write the 100 requests shown as: j JSON lines (Enter), c CSV; any other key cancels.']),
	'global nextBar': (_before, after) => expect(after.stripBar).toBe(stripBars(after).length - 1),
	'global previousBar': (_before, after) => expect(after.stripBar).toBe(stripBars(after).length - 1),
	'strip narrow': (before, after, effects) => {
		const bar = stripBars(before)[before.stripBar!]!;
		const [start, end] = [Math.floor(bar.start / 1000) * 1000, Math.ceil(bar.end / 1000) * 1000];
		expect([after.form.applied.start, after.form.applied.end]).toEqual([instantText(start), instantText(end)]);
		expect(effectsOf(effects, 'fetchPage')[0]?.query).toMatchObject({start: new Date(start).toISOString(), end: new Date(end).toISOString()});
		expect(after.history).toHaveLength(1);
	},
	'strip cancel': (_before, after) => expect([after.stripBar, after.notice]).toEqual([undefined, undefined]),
	'help closeHelp': (_before, after) => expect(after.overlay.kind).toBe('none'),
	'help helpDown': moved('helpTop', 1),
	'help helpUp': moved('helpTop', -1),
};

/** The key a spelling in the help stands for. */
function specOf(shown: string): string {
	const named: Record<string, string> = {
		'↓': 'down', '↑': 'up', '←': 'left', '→': 'right', PgDn: 'pageDown', PgUp: 'pageUp', Enter: 'enter', Esc: 'escape',
		Tab: 'tab', 'Shift-Tab': 'shift-tab', Space: 'space', Backspace: 'backspace', Home: 'home', End: 'end', 'z 1-9': 'z', '1-4': '1', '1-3': '1',
	};
	return named[shown] ?? shown.replace(/^Ctrl-(\w)$/, 'ctrl-$1');
}

describe('every key', () => {
	it('has a row in this table', () => {
		expect(keymap.map(binding => `${binding.pane} ${binding.action}`).filter(name => !(name in outcomes))).toEqual([]);
	});

	const cases = keymap.flatMap(binding => binding.keys.map(shown => ({name: `${binding.pane} ${binding.action}`, shown, pane: binding.pane})));
	it.each(cases)('$name on $shown', ({name, shown, pane}) => {
		const before = states[pane]();
		const was = measure(before);
		const {model: after, effects} = apply(before, {type: 'key', key: keyOf(specOf(shown))});
		outcomes[name]!(before, after, effects, was);
	});
});
