/** Each pane's keys in the states that matter: reducer tables, no terminal. */
import {describe, expect, it} from 'vitest';
import {keymap} from '../../source/keymap.js';
import {helpLayoutIn, layoutOf} from '../../source/model/layout.js';
import type {Model} from '../../source/model/model.js';
import {fakeRow} from '../views/fake-client.js';
import {apply, effectsOf, explorer, key, pageOf, rows, type} from './harness.js';

const wide = () => explorer({columns: 120, lines: 40}).model;

function withPayload(model: Model, n = 0): Model {
	return apply(model, {type: 'payloadLoaded', requestId: fakeRow(n).request_id, payload: {input: {prompt: 'a red fox', seed: 7}, output: {images: [{url: 'https://x/1.png'}]}}}).model;
}

describe('the list', () => {
	it.each([
		['j', 1],
		['jjk', 1],
		['G', 99],
		['Gg', 0],
		[key.pgdn, 13],
		[`${key.pgdn}${key.pgdn}\u001B[5~`, 13],
		['\u0004', 13],
	])('%j moves the cursor to %i', (typed, cursor) => {
		expect(type(explorer().model, typed).model.window.cursor).toBe(cursor);
	});

	it('Enter opens the request over the list below 100 columns; Esc comes back', () => {
		const opened = type(explorer().model, `j${key.enter}`).model;
		expect(opened.pane).toBe('detail');
		expect(layoutOf(opened).isDetailFullScreen).toBe(true);
		expect(opened.payloadFor?.request_id).toBe(fakeRow(1).request_id);
		expect(type(opened, key.esc).model.pane).toBe('list');
	});

	it('asks for the payloads of the row the cursor is on, only while the detail pane shows', () => {
		expect(effectsOf(explorer().effects, 'selectPayload')).toHaveLength(0);
		const {effects} = explorer({columns: 120, lines: 40});
		expect(effectsOf(effects, 'selectPayload')).toEqual([{type: 'selectPayload', item: fakeRow(0), delayMs: 150}]);
		const moved = type(wide(), 'jj');
		expect(effectsOf(moved.effects, 'selectPayload').map(effect => effect.item?.request_id)).toEqual([fakeRow(1).request_id, fakeRow(2).request_id]);
	});

	it('asks for the next page as the cursor nears the end, once', () => {
		const {effects, model} = type(explorer().model, 'G');
		expect(effectsOf(effects, 'fetchPage')).toEqual([{type: 'fetchPage', generation: model.feed.generation, query: model.feed.query, cursor: 'Mg=='}]);
		expect(effectsOf(type(model, 'kj').effects, 'fetchPage')).toHaveLength(0);
	});

	it('e past the loaded rows loads pages while looking, and says how it ended', () => {
		// Three clean rows: the next page is asked for at once.
		const {model, effects} = explorer({rows: 3});
		expect(effectsOf(effects, 'fetchPage')).toHaveLength(1);
		const searching = type(model, 'e').model;
		expect(searching.notice).toBe('Searching for an error row…');
		const answer = (page: ReturnType<typeof pageOf>) => apply(searching, {type: 'pageLoaded', generation: searching.feed.generation, cursor: 'Mg==', page}).model;
		// Row 3 failed with a 504.
		const found = answer(pageOf(rows(3, 6), null));
		expect(found.window.cursor).toBe(3);
		expect(found.notice).toBeUndefined();
		expect(answer(pageOf([], null)).notice).toBe('No error row below: every row is loaded.');
	});
});

describe('running rows', () => {
	const running = (n: number) => ({...fakeRow(n), ended_at: null, status_code: null, duration: null});
	const ids = (items: Iterable<{request_id: string}>) => Array.from(items, item => item.request_id);

	it('a later page\'s go on top, after those there; the cursor stays on its request', () => {
		const atEnd = type(explorer().model, 'G').model;
		const page = pageOf([...rows(100, 102), running(102), running(103)], 'Mw==');
		const loaded = apply(atEnd, {type: 'pageLoaded', generation: atEnd.feed.generation, cursor: 'Mg==', page}).model;
		expect(ids(loaded.listRows.slice(0, 3))).toEqual(ids([running(102), running(103), fakeRow(0)]));
		expect(ids(loaded.listRows.slice(-2))).toEqual(ids(rows(100, 102)));
		expect(loaded.listRows.at(loaded.window.cursor)?.request_id).toBe(fakeRow(99).request_id);
		const next = type(loaded, 'G').model;
		const third = apply(next, {type: 'pageLoaded', generation: next.feed.generation, cursor: 'Mw==', page: pageOf([running(104)], null)}).model;
		expect(ids(third.listRows.slice(0, 4))).toEqual(ids([running(102), running(103), running(104), fakeRow(0)]));
		expect(third.listRows.at(third.window.cursor)?.request_id).toBe(fakeRow(101).request_id);
	});

	it('put above the cursor on the first row come into sight, the cursor staying on its request', () => {
		const {model} = explorer({rows: 3});
		const loaded = apply(model, {type: 'pageLoaded', generation: model.feed.generation, cursor: 'Mg==', page: pageOf([running(3)], null)}).model;
		expect(ids(loaded.listRows)).toEqual(ids([running(3), ...rows(0, 3)]));
		expect(loaded.window).toEqual({cursor: 1, top: 0});
	});
});

describe('the filter pane', () => {
	it('the status list: j and Enter choose and apply; 1-4 choose at once; Esc keeps the status', () => {
		const chooser = type(explorer().model, `/${key.esc}${key.down}${key.down}${key.down}${key.enter}`).model;
		expect(chooser.form.choosing).toBe(0);
		const chosen = type(chooser, `jj${key.enter}`);
		expect(chosen.model.form.applied.status).toBe('error');
		expect(effectsOf(chosen.effects, 'fetchPage')[0]?.query.status).toBe('error');
		expect(type(chooser, '4').model.form.applied.status).toBe('user_error');
		expect(type(chooser, `j${key.esc}`).model.form.applied.status).toBeUndefined();
	});

	it('bad input is answered in words beside the field, and nothing is sent', () => {
		const {model, effects} = type(explorer().model, `/${key.ctrlU}not an id${key.enter}`);
		expect(model.form.problems[0]?.message).toMatch(/is not an endpoint id/);
		expect(effectsOf(effects, 'fetchPage')).toHaveLength(0);
		expect(model.pane).toBe('filter');
	});

	it('a long value scrolls around the cursor, in the field\'s width', () => {
		const long = `/${',acme/a-rather-long-application-name/route'.repeat(4)}`;
		const editing = type(explorer().model, long).model;
		const edit = editing.form.edit!;
		expect(edit.scroll).toBeGreaterThan(0);
		const home = type(editing, '\u0001').model.form.edit!;
		expect(home).toMatchObject({cursor: 0, scroll: 0});
	});
});

describe('the detail pane and the payload viewer', () => {
	it('shows the payload when it arrives for the selected request, and takes the viewer keys', () => {
		const shown = withPayload(wide());
		expect(shown.detail.viewerFor).toBe(fakeRow(0).request_id);
		const inDetail = type(shown, key.tab).model;
		expect(inDetail.pane).toBe('detail');
		const moved = type(inDetail, 'jj').model;
		expect(moved.detail.viewer?.cursor).toBe(2);
		expect(moved.detail.version).toBeGreaterThan(inDetail.detail.version);
	});

	it('a payload for a row the cursor has left is not shown', () => {
		const moved = type(wide(), 'j').model;
		expect(withPayload(moved, 0).detail.viewer).toBeUndefined();
	});

	it('search: / opens a prompt that has every key; Enter finds; n goes on', () => {
		const inDetail = type(withPayload(wide()), key.tab).model;
		const prompt = type(inDetail, '/seed').model;
		expect(prompt.detail.search?.value).toBe('seed');
		const found = type(prompt, key.enter).model;
		expect(found.detail.search).toBeUndefined();
		expect(found.notice).toBe('match 1 of 1');
		expect(found.detail.viewer?.path()).toBe('.input.seed');
	});

	it('z then a digit folds to that depth; another key cancels', () => {
		const inDetail = type(withPayload(wide()), key.tab).model;
		expect(type(inDetail, 'z1').model.notice).toBe('folded to depth 1');
		expect(type(inDetail, 'zq').model.notice).toBe('fold to depth cancelled');
	});

	it('Y copies the payload; c the value under the cursor; o hands the terminal to the pager', () => {
		const inDetail = type(withPayload(wide()), key.tab).model;
		expect(effectsOf(type(inDetail, 'Y').effects, 'copy')[0]?.what).toBe('the payload JSON');
		expect(effectsOf(type(inDetail, 'jjc').effects, 'copy')[0]).toEqual({type: 'copy', text: 'a red fox', what: 'the value of .input.prompt'});
		const paging = type(inDetail, 'o');
		expect(paging.model.isHandedOver).toBe(true);
		expect(effectsOf(paging.effects, 'handOver')[0]?.command).toBe('pager');
		// A q typed while the pager starts was meant for the pager.
		expect(effectsOf(type(paging.model, 'q').effects, 'quit')).toHaveLength(0);
	});

	it('s says only what is about this save: an earlier notice goes, a refusal\'s note leaves with the flow or the next step', () => {
		const inDetail = type(withPayload(wide()), key.tab).model;
		const saved = apply(type(inDetail, `si${key.enter}`).model, {type: 'saved', part: 'input', name: 'x.json', result: {ok: true, path: '/tmp/x.json'}}).model;
		expect(statusLine(saved)).toBe('Saved the input to /tmp/x.json.');
		expect(statusLine(type(saved, 's').model)).not.toContain('Saved the input');

		const exists = apply(type(saved, `si${key.enter}`).model, {type: 'saved', part: 'input', name: 'x.json', result: {ok: false, reason: 'exists', message: 'exists'}}).model;
		const refused = type(exists, 'n').model;
		expect(statusLine(refused)).toBe('Not replaced. Type another name, or Esc to cancel.');
		// The same name again: the question is asked again, without the refusal's words.
		const again = apply(type(refused, key.enter).model, {type: 'saved', part: 'input', name: 'x.json', result: {ok: false, reason: 'exists', message: 'exists'}}).model;
		expect(again.detail.save.step).toBe('confirm');
		expect(statusLine(again)).not.toContain('Not replaced');
		// Esc refuses, Esc leaves: nothing of the flow stays, whichever way it is left.
		const left = type(again, `${key.esc}${key.esc}`).model;
		expect(left.detail.save.step).toBe('closed');
		expect(statusLine(left)).not.toContain('Not replaced');
		const failed = apply(type(saved, `si${key.enter}`).model, {type: 'saved', part: 'input', name: 'x.json', result: {ok: false, reason: 'error', message: 'Could not write x.json: permission denied.'}}).model;
		expect(statusLine(failed)).toBe('Could not write x.json: permission denied.');
		const gone = {...failed, detail: {...failed.detail, save: {step: 'closed'} as const}};
		expect(statusLine(gone)).not.toContain('permission denied');
	});

	it('s: choose, name, a refused overwrite asks again, Esc closes and clears what it said', () => {
		const inDetail = type(withPayload(wide()), key.tab).model;
		const naming = type(inDetail, 's').model;
		expect(naming.detail.save.step).toBe('choose');
		const saving = type(naming, `i${key.enter}`).model;
		const exists = apply(saving, {type: 'saved', part: 'input', name: 'x.json', result: {ok: false, reason: 'exists', message: 'exists'}}).model;
		expect(exists.detail.save.step).toBe('confirm');
		const refused = type(exists, 'n').model;
		expect(statusLine(refused)).toBe('Not replaced. Type another name, or Esc to cancel.');
		const closed = type(refused, key.esc).model;
		expect(closed.detail.save.step).toBe('closed');
		expect(statusLine(closed)).not.toContain('Not replaced');
	});
});

describe('failure groups', () => {
	it('x opens the view and fetches the failed rows\' outputs; Enter lists a group; Esc clears it', () => {
		const {model, effects} = type(explorer().model, 'x');
		expect(model.pane).toBe('groups');
		const [fetch] = effectsOf(effects, 'fetchFailures');
		expect(fetch?.fetch.query).toMatchObject({status: 'error', expand: ['payloads'], limit: 100});
		const failed = fetch!.fetch.ids.map(id => ({...fakeRow(Number(id.slice(-12))), json_output: {detail: 'Request timed out', error_type: 'request_timeout'}}));
		const grouped = apply(model, {type: 'failuresPage', fetch: fetch!.fetch, page: pageOf(failed, null)}, {type: 'failuresDone', fetch: fetch!.fetch}).model;
		expect(grouped.groups.list[0]?.count).toBe(failed.length);
		const opened = type(grouped, key.enter).model;
		expect(opened.pane).toBe('list');
		expect(opened.listRows.length).toBe(failed.length);
		expect(statusLine(opened)).not.toContain('Esc clear');
		expect(type(opened, key.esc).model.listRows.length).toBe(100);
	});
});

describe('follow mode', () => {
	it('polls after an interval, puts new rows on top, keeps the cursor on its request', () => {
		const moved = type(explorer().model, 'jjj').model;
		const {model: following, effects} = type(moved, 'f');
		expect(effectsOf(effects, 'schedulePoll')).toEqual([{type: 'schedulePoll', session: following.followSession, delayMs: 5000}]);
		const due = apply(following, {type: 'pollDue', session: following.followSession});
		expect(effectsOf(due.effects, 'poll')).toHaveLength(1);
		const polled = apply(following, {type: 'polled', session: following.followSession, items: rows(500, 502)}).model;
		expect(polled.feed.rows.length).toBe(102);
		expect(polled.listRows.at(polled.window.cursor)?.request_id).toBe(fakeRow(3).request_id);
		// A poll of an earlier session is dropped.
		const off = type(following, 'f').model;
		expect(apply(off, {type: 'polled', session: following.followSession, items: rows(500, 502)}).model.feed.rows.length).toBe(100);
	});
});

describe('help', () => {
	it.each([[80, 24], [120, 40], [40, 12]])('at %i x %i, every line fits its column, every key reads whole, and j reaches the last line', (columns, lines) => {
		const help = type(explorer({columns, lines}).model, '?').model;
		const layout = layoutOf(help);
		const shape = helpLayoutIn(layout);
		expect(shape.lines.every(line => line.text.length <= shape.columnWidth)).toBe(true);
		// An entry and its continuation lines (those with no key) read as the keymap says.
		const entries = shape.lines.map(line => line.text).join('\n').replaceAll(/\n {17}/g, ' ').split('\n').map(line => line.trim().replaceAll(/ {2,}/g, ' '));
		for (const binding of keymap) {
			expect(entries.some(entry => entry.endsWith(` ${binding.help}`) && entry.startsWith(binding.keys[0]!)), binding.help).toBe(true);
		}

		const end = type(help, 'j'.repeat(shape.lines.length)).model;
		expect(end.overlay).toEqual({kind: 'help', top: shape.maxTop});
		expect(shape.maxTop + (shape.bodyHeight * shape.count)).toBe(shape.lines.length);
	});


	it('? opens it; j scrolls within bounds; Esc closes; other keys do nothing meanwhile', () => {
		const help = type(explorer({lines: 14}).model, '?').model;
		expect(help.overlay).toEqual({kind: 'help', top: 0});
		expect(type(help, 'k').model.overlay).toEqual({kind: 'help', top: 0});
		expect(type(help, 'jj').model.overlay).toEqual({kind: 'help', top: 2});
		expect(type(help, 'x').model.groups.isOpen).toBe(false);
		expect(type(help, key.esc).model.overlay.kind).toBe('none');
	});
});

function statusLine(model: Model): string {
	return layoutOf(model).message.text;
}
