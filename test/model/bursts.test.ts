/**
 * The bursts of the "Every key counts" issue, as tables: keys read together
 * act exactly as if typed alone, in order, on the state the previous key left.
 */
import {describe, expect, it} from 'vitest';
import {layoutOf} from '../../source/model/layout.js';
import type {Model} from '../../source/model/model.js';
import {fakeRow} from '../views/fake-client.js';
import {apply, effectsOf, explorer, key, keysOf, now, pageOf, rows, type} from './harness.js';

function endpointField(model: Model): string {
	return model.form.values.endpoints;
}

describe('keys typed in one write', () => {
	it('Backspace, Backspace, Down, x, x edit the endpoint, then type into the start field', () => {
		const {model} = explorer({filters: {endpointIds: ['acme/app']}});
		const typed = type(model, `/${key.backspace}${key.backspace}${key.down}xx`).model;
		expect(endpointField(typed)).toBe('acme/a');
		expect(typed.form.values.start).toBe('xx');
		expect(typed.form.selected).toBe('start');
		expect(typed.form.edit?.value).toBe('xx');
	});

	it('repeated Backspaces are repeated deletes, never DEL bytes in the text', () => {
		const {model} = explorer();
		const editing = apply(model, ...keysOf('/'), ...keysOf(key.down.repeat(3))).model;
		expect(editing.form.selected).toBe('requestId');
		expect(editing.form.edit).toBeDefined();
		const typed = type(editing, `abcd${key.backspace.repeat(3)}`).model;
		expect(typed.form.values.requestId).toBe('a');
	});

	it('Ctrl-U clears the field and Ctrl-W deletes a word', () => {
		const {model} = explorer({filters: {endpointIds: ['fal-ai/flux/dev', 'acme/app']}});
		expect(endpointField(type(model, `/${key.ctrlW}`).model)).toBe('fal-ai/flux/dev, ');
		expect(endpointField(type(model, `/${key.ctrlU}`).model)).toBe('');
	});

	it('Esc then q, read together, leaves the filters and quits', () => {
		const {model} = explorer();
		const {effects} = type(model, `r${key.esc}q`);
		expect(effectsOf(effects, 'quit')).toHaveLength(1);
		const editing = type(model, `/abc${key.esc}q`);
		expect(effectsOf(editing.effects, 'quit')).toHaveLength(1);
		expect(editing.model.form.edit).toBeUndefined();
	});

	it('jjjjjjjjjjGgjjj moves as the keys say', () => {
		const {model} = explorer();
		expect(type(model, 'jjjjjjjjjjGgjjj').model.window.cursor).toBe(3);
		expect(type(model, 'jjjjjjjjjjG').model.window.cursor).toBe(99);
	});

	it('200 j in one write go as far as 200 separate j with the pages coming in between: to row 201', () => {
		const {model} = explorer();
		const answer = (current: typeof model) => {
			const {generation, inFlight} = current.feed;
			const page = Number(Buffer.from(inFlight!.cursor!, 'base64').toString());
			const next = page < 5 ? Buffer.from(String(page + 1)).toString('base64') : null;
			return apply(current, {type: 'pageLoaded', generation, cursor: inFlight!.cursor, page: pageOf(rows((page - 1) * 100, page * 100), next)}).model;
		};

		let burst = type(model, 'j'.repeat(200)).model;
		expect(burst.window.cursor).toBe(99);
		expect(burst.cursorAhead).toBe(101);
		while (burst.feed.inFlight !== undefined) {
			burst = answer(burst);
		}

		let paced = model;
		for (let index = 0; index < 200; index++) {
			paced = type(paced, 'j').model;
			if (paced.feed.inFlight !== undefined) {
				paced = answer(paced);
			}
		}

		expect(burst.window.cursor).toBe(200);
		expect(paced.window).toEqual(burst.window);
		// A move back takes back what was remembered first; the end of the history forgets the rest.
		expect(type(type(model, 'j'.repeat(200)).model, 'k'.repeat(50)).model).toMatchObject({cursorAhead: 51, window: {cursor: 99}});
		expect(type(explorer({hasMore: false}).model, 'j'.repeat(200)).model.cursorAhead).toBe(0);
	});

	it('/, ",acme/upscaler", Down, "6h", Enter applies both filters and opens nothing', () => {
		const {model} = explorer();
		const {model: applied, effects} = type(model, `/,acme/upscaler${key.down}6h${key.enter}`);
		expect(applied.form.applied.endpoints).toBe('fal-ai/flux/dev,acme/upscaler');
		expect(applied.form.applied.start).toBe('6h');
		expect(applied.pane).toBe('list');
		expect(applied.isDetailOpen).toBe(false);
		const [fetch] = effectsOf(effects, 'fetchPage');
		expect(fetch?.query.endpointIds).toEqual(['fal-ai/flux/dev', 'acme/upscaler']);
		expect(fetch?.query.start).toBe(new Date(now - (6 * 3_600_000)).toISOString());
	});

	it('Tab in a text field moves to the next field: no TAB in the text', () => {
		const {model} = explorer();
		const typed = type(model, `/,acme/x${key.tab}6h`).model;
		expect(endpointField(typed)).toBe('fal-ai/flux/dev,acme/x');
		expect(typed.form.values.start).toBe('6h');
	});

	it('jy copies the id of the row j moved to', () => {
		const {model} = explorer();
		const {effects} = type(model, 'jy');
		expect(effectsOf(effects, 'copy')).toEqual([{type: 'copy', text: fakeRow(1).request_id, what: 'the request id'}]);
	});

	it('uu toggles twice; Tab Tab moves two panes; ee lands on two errors', () => {
		const wide = explorer({columns: 120, lines: 40}).model;
		expect(type(wide, 'u').model.isUtc).toBe(true);
		expect(type(wide, 'uu').model.isUtc).toBe(false);
		expect(type(wide, `${key.tab}${key.tab}`).model.pane).toBe('filter');
		expect(type(wide, key.tab).model.pane).toBe('detail');
		const errors = [...Array.from({length: 100}, (_, n) => n)].filter(n => (fakeRow(n).status_code ?? 0) >= 400);
		expect(type(wide, 'e').model.window.cursor).toBe(errors[0]);
		expect(type(wide, 'ee').model.window.cursor).toBe(errors[1]);
	});

	it('a save name typed with Enter in one read ends where the typing ends', () => {
		const opened = type(explorer({columns: 120, lines: 40}).model, key.tab).model;
		const withPayload = apply(opened, {type: 'payloadLoaded', requestId: fakeRow(0).request_id, payload: {input: {a: 1}, output: {b: 2}}}).model;
		const {effects} = type(withPayload, `s${key.enter}.bak${key.enter}`);
		const [save] = effectsOf(effects, 'save');
		expect(save?.name).toBe(`falreq-${fakeRow(0).request_id}-output.json.bak`);
	});

	it('keys typed while a file is written wait for it, then act in order', () => {
		const opened = type(explorer({columns: 120, lines: 40}).model, key.tab).model;
		const withPayload = apply(opened, {type: 'payloadLoaded', requestId: fakeRow(0).request_id, payload: {output: {b: 2}}}).model;
		const saving = type(withPayload, `s${key.enter}${key.enter}${key.tab}j`).model;
		expect(saving.detail.isSaving).toBe(true);
		expect(saving.held).toHaveLength(2);
		const saved = apply(saving, {type: 'saved', part: 'output', name: 'x.json', result: {ok: true, path: '/tmp/x.json'}}).model;
		expect(saved.held).toHaveLength(0);
		expect(saved.pane).toBe('filter');
		expect(saved.form.selected).toBe('start');
		expect(saved.notice).toBe('Saved the output to /tmp/x.json.');
	});

	it('a paste lands as text in the field, never as commands', () => {
		const {model} = explorer();
		const pasted = type(model, `/\u001B[200~,acme/app\rq\u001B[201~`).model;
		expect(endpointField(pasted)).toBe('fal-ai/flux/dev,acme/app q');
		expect(pasted.form.edit).toBeDefined();
		// Outside a field, a paste does nothing at all.
		expect(type(model, '\u001B[200~qjjj\u001B[201~').model.window.cursor).toBe(0);
	});

	it('the hints say what keys do while typing', () => {
		const typing = type(explorer().model, '/').model;
		expect(layoutOf(typing).message.text).not.toContain('j next field');
	});
});
