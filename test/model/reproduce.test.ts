/**
 * Reproduce and compare, through the update function: marks (m M ' "),
 * zoom (Z), the row filter (&), the re-run chooser (R) and the payload diff
 * (D). Keys are typed as one write, as a terminal delivers a burst.
 */
import {describe, expect, it} from 'vitest';
import type {Model} from '../../source/model/model.js';
import {layoutOf} from '../../source/model/layout.js';
import {statusHints} from '../../source/model/hints.js';
import {statusMessage} from '../../source/model/status.js';
import type {Payload} from '../../source/state/payload-cache.js';
import {fakeRow} from '../views/fake-client.js';
import {apply, effectsOf, explorer, key, type} from './harness.js';

const idOf = (n: number) => fakeRow(n).request_id;
const selected = (model: Model) => model.listRows.at(model.window.cursor)?.request_id;

function payloadOf(prompt: string, seed: number): Payload {
	return {input: {prompt, seed}, output: {images: [{url: `https://x/${seed}.png`}]}};
}

describe('marks', () => {
	it('m marks and unmarks the selected row, and the marks outlive the row moving', () => {
		const {model} = type(explorer().model, 'jmjjm');
		expect([...model.marks.keys()]).toEqual([idOf(1), idOf(3)]);
		expect(model.notice).toBe(`Marked ${idOf(3).slice(0, 8)}…; 2 requests marked.`);
		expect([...type(model, 'm').model.marks.keys()]).toEqual([idOf(1)]);
	});

	it("' and \" go round the marked rows in list order", () => {
		const marked = type(explorer().model, 'jjmjjjjjmggjmg').model;
		expect([...marked.marks.keys()].sort()).toEqual([idOf(1), idOf(2), idOf(7)].sort());
		const visits = ["'", "'", "'", "'"].reduce<{model: Model; ids: Array<string | undefined>}>(({model, ids}, press) => {
			const next = type(model, press).model;
			return {model: next, ids: [...ids, selected(next)]};
		}, {model: marked, ids: []});
		expect(visits.ids).toEqual([idOf(1), idOf(2), idOf(7), idOf(1)]);
		expect(visits.model.notice).toBe('Back to the first marked row.');
		expect(selected(type(marked, '"').model)).toBe(idOf(7));
	});

	it('M shows only the marked rows, keeps the cursor on its request, and Esc shows all again', () => {
		const marked = type(explorer().model, 'jjmjjjjjm').model;
		const only = type(marked, 'M').model;
		expect(only.listRows.slice().map(item => item.request_id)).toEqual([idOf(2), idOf(7)]);
		expect(selected(only)).toBe(idOf(7));
		const all = type(only, key.esc).model;
		expect(all.listRows.length).toBe(100);
		expect(selected(all)).toBe(idOf(7));
	});

	it('says what to do when nothing is marked', () => {
		expect(type(explorer().model, 'M').model.notice).toBe('No request is marked: m marks the selected one.');
		expect(type(explorer().model, "'").model.notice).toBe('No request is marked: m marks the selected one.');
		expect(type(explorer().model, 'D').model.notice).toMatch(/^Mark a request with m/);
	});
});

describe('zoom', () => {
	it('Z gives the detail pane the whole screen at 120 columns, and back', () => {
		const detail = type(explorer({columns: 120, lines: 40}).model, key.tab).model;
		const before = layoutOf(detail);
		const zoomed = layoutOf(type(detail, 'Z').model);
		expect([before.detailWidth, before.isFilterShown, before.isListShown]).toEqual([53, true, true]);
		expect([zoomed.detailWidth, zoomed.payloadWidth, zoomed.isFilterShown, zoomed.isListShown, zoomed.stripHeight]).toEqual([120, 119, false, false, 0]);
		expect(zoomed.payloadHeight).toBeGreaterThan(before.payloadHeight);
		expect(layoutOf(type(detail, 'ZZ').model)).toEqual(before);
	});

	it('Z on the list hides the filters, the strip and the detail pane; Tab ends the zoom', () => {
		const zoomed = type(explorer({columns: 120, lines: 40}).model, 'Z').model;
		const layout = layoutOf(zoomed);
		expect([layout.listWidth, layout.isDetailShown, layout.isFilterShown]).toEqual([120, false, false]);
		const tabbed = type(zoomed, key.tab).model;
		expect([tabbed.isZoomed, tabbed.pane]).toEqual([false, 'detail']);
	});
});

describe('row filter', () => {
	it('& applies an expression to the loaded rows and says so in the status bar; Esc clears it', () => {
		const {model} = type(explorer().model, `&status:5xx${key.enter}`);
		expect(model.rowFilterPrompt).toBeUndefined();
		expect(model.listRows.slice().every(item => item.status_code === 504)).toBe(true);
		expect(model.listRows.length).toBe(rowsWhere(item => item.status_code === 504));
		expect(statusMessage(model).text).toContain('rows & ');
		const cleared = type(model, key.esc).model;
		expect([cleared.rowFilter, cleared.listRows.length]).toEqual([undefined, 100]);
	});

	it('keeps a refused expression in the prompt with a sentence under it', () => {
		const {model} = type(explorer().model, `&duration>abc${key.enter}`);
		expect(model.rowFilterPrompt?.field.value).toBe('duration>abc');
		expect(model.rowFilterPrompt?.problem).toMatch(/\.$/);
		expect(layoutOf(model).promptHeight).toBeGreaterThanOrEqual(2);
		expect(statusHints(model, layoutOf(model))[0]).toMatch(/^Enter /);
		// Typing again takes the sentence away; Esc leaves the rows as they were.
		expect(type(model, key.backspace).model.rowFilterPrompt?.problem).toBeUndefined();
		expect(type(model, key.esc).model.listRows.length).toBe(100);
	});

	it('opens with the expression in force, and an empty one shows every row again', () => {
		const filtered = type(explorer().model, `&!status:2xx${key.enter}`).model;
		const reopened = type(filtered, '&').model;
		expect(reopened.rowFilterPrompt?.field.value).toBe('!status:2xx');
		const cleared = type(reopened, `${key.ctrlU}${key.enter}`).model;
		expect([cleared.rowFilter, cleared.listRows.length, cleared.notice]).toEqual([undefined, 100, 'Row filter cleared.']);
	});

	it('a filter on error messages fetches the failed rows\' outputs, and matches as they come', () => {
		const {model, effects} = type(explorer().model, `&msg:"out of memory"${key.enter}`);
		const [fetch] = effectsOf(effects, 'fetchFailures');
		expect(fetch).toBeDefined();
		expect(model.listRows.length).toBe(0);
		const failed = fetch!.fetch.ids.map((id, index) => ({...fakeRow(Number(id.slice(-12))), json_output: {detail: index === 0 ? 'CUDA out of memory' : 'timed out'}}));
		const answered = apply(model, {type: 'failuresPage', fetch: fetch!.fetch, page: {items: failed, next_cursor: null, has_more: false}}).model;
		expect(answered.listRows.slice().map(item => item.request_id)).toEqual([failed[0]!.request_id]);
	});
});

function rowsWhere(predicate: (item: ReturnType<typeof fakeRow>) => boolean): number {
	return Array.from({length: 100}, (_, n) => fakeRow(n)).filter(item => predicate(item)).length;
}

describe('re-run', () => {
	it('R fetches the input, holds the keys typed meanwhile, then copies the form picked', () => {
		const opened = type(explorer().model, 'jR2');
		expect(opened.model.overlay).toMatchObject({kind: 'rerun', inputText: undefined});
		expect(effectsOf(opened.effects, 'fetchPayloads')[0]?.items.map(item => item.request_id)).toEqual([idOf(1)]);
		const payload: Payload = {input: {prompt: "it's $HOME"}, output: null, source: {item: '{}', input: '{"prompt": "it\'s $HOME"}'}};
		const {model, effects} = apply(opened.model, {type: 'payloadsFetched', task: 'rerun', requestIds: [idOf(1)], payloads: [payload]});
		expect(model.overlay.kind).toBe('none');
		const [copy] = effectsOf(effects, 'copy');
		expect(copy?.what).toMatch(/JavaScript/);
		expect(copy?.text).toContain('fal.subscribe("fal-ai/flux/dev"');
		expect(copy?.text).toContain('{"prompt": "it\'s $HOME"}');
	});

	it('Enter copies the curl form, which reads the key from $FAL_KEY', () => {
		const opened = type(explorer().model, 'R').model;
		const payload: Payload = {input: {a: 1}, output: null};
		const ready = apply(opened, {type: 'payloadsFetched', task: 'rerun', requestIds: [idOf(0)], payloads: [payload]}).model;
		const [copy] = effectsOf(type(ready, key.enter).effects, 'copy');
		expect(copy?.text).toContain('${FAL_KEY');
		expect(copy?.text).toContain('https://queue.fal.run/fal-ai/flux/dev');
	});

	it('says so when the request has no stored input, and Esc gives up the fetch', () => {
		const opened = type(explorer().model, 'R').model;
		const none = apply(opened, {type: 'payloadsFetched', task: 'rerun', requestIds: [idOf(0)], payloads: [{}]}).model;
		expect([none.overlay.kind, none.notice]).toEqual(['none', expect.stringMatching(/no stored input/)]);
		const cancelled = type(opened, key.esc);
		expect(cancelled.model.overlay.kind).toBe('none');
		expect(effectsOf(cancelled.effects, 'cancel')).toEqual([{type: 'cancel', task: 'rerun'}]);
	});
});

describe('compare', () => {
	it('D diffs the marked row against the selected one once both payloads are in', () => {
		const opened = type(explorer({columns: 120, lines: 40}).model, 'mjjD');
		expect(opened.model.pane).toBe('compare');
		expect(effectsOf(opened.effects, 'fetchPayloads')[0]?.items.map(item => item.request_id)).toEqual([idOf(0), idOf(2)]);
		const {model} = apply(opened.model, {type: 'payloadsFetched', task: 'compare', requestIds: [idOf(0), idOf(2)], payloads: [payloadOf('a red fox', 1), payloadOf('a red cat', 1)]});
		expect(model.compare?.viewer?.summary()).toMatch(/1 changed/);
		expect(model.compare?.viewer?.layout).toBe('split');
		const closed = type(model, key.esc).model;
		expect([closed.pane, closed.compare]).toEqual(['list', undefined]);
	});

	it('compares the two marked rows, the first marked on the left, and keeps the payload keys', () => {
		const opened = type(explorer().model, 'jmjjjmggD');
		const [fetch] = effectsOf(opened.effects, 'fetchPayloads');
		expect(fetch?.items.map(item => item.request_id)).toEqual([idOf(1), idOf(4)]);
		const {model} = apply(opened.model, {type: 'payloadsFetched', task: 'compare', requestIds: [idOf(1), idOf(4)], payloads: [payloadOf('x', 1), payloadOf('x', 2)]});
		expect(model.compare?.viewer?.layout).toBe('unified');
		const searched = type(model, `/seed${key.enter}`).model;
		expect(searched.compare?.viewer?.path()).toMatch(/seed/);
		expect(effectsOf(type(searched, 'p').effects, 'copy')[0]?.text).toBe('.input.seed');
	});

	it('says why when the payloads cannot be fetched, and keeps the list', () => {
		const opened = type(explorer().model, 'mjD').model;
		const failed = apply(opened, {type: 'payloadsFailed', task: 'compare', requestIds: [idOf(0), idOf(1)], error: {kind: 'network', message: 'The API could not be reached.', isRetryable: true}}).model;
		expect(failed.compare?.error).toMatch(/^Could not fetch the payloads to compare: The API could not be reached\./);
		expect(type(failed, key.esc).model.listRows.length).toBe(100);
	});
});

describe('export', () => {
	it('w then j writes the rows shown as JSON lines, fetched again over the query\'s window', () => {
		const filtered = type(explorer().model, `&status:5xx${key.enter}`).model;
		const {model, effects} = type(filtered, 'wj');
		const [written] = effectsOf(effects, 'export');
		expect(written?.format).toBe('jsonl');
		expect(written?.items.map(item => item.request_id)).toEqual(filtered.listRows.slice().map(item => item.request_id));
		expect(written?.query).toBe(filtered.feed.query);
		expect(model.isExporting).toBe(true);
		const done = apply(model, {type: 'exported', format: 'jsonl', count: 15, exact: 15, result: {ok: true, path: '/tmp/x.jsonl'}}).model;
		expect([done.isExporting, done.notice]).toEqual([false, 'Wrote 15 requests to /tmp/x.jsonl as JSON lines, each as the API sent it.']);
	});

	it('w then c writes CSV; any other key writes nothing', () => {
		expect(effectsOf(type(explorer().model, 'wc').effects, 'export')[0]?.format).toBe('csv');
		const cancelled = type(explorer().model, 'wx');
		expect([cancelled.model.isExportPending, cancelled.model.notice, effectsOf(cancelled.effects, 'export')]).toEqual([false, 'Nothing written.', []]);
	});
});

describe('export while writing', () => {
	it('a second w waits for the first file to be written instead of abandoning it', () => {
		const writing = type(explorer().model, 'wj').model;
		const again = type(writing, 'wj');
		expect(again.model.notice).toBe('A file is still being written: w again once it is done.');
		expect(effectsOf(again.effects, 'export')).toEqual([]);
	});
});
