/** Reload, Back, retries and failures: what stays on screen, and what the status bar says. */
import {describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {layoutOf} from '../../source/model/layout.js';
import {failuresNote} from '../../source/model/groups.js';
import {statusHints} from '../../source/model/hints.js';
import type {Model} from '../../source/model/model.js';
import {statusMessage} from '../../source/model/status.js';
import {toLoadError} from '../../source/state/load-error.js';
import {fakeRow} from '../views/fake-client.js';
import {apply, effectsOf, explorer, key, now, pageOf, rows, type} from './harness.js';

const outage = toLoadError(new ApiError('network', 'Could not reach the API at api.fal.ai (ECONNREFUSED: the connection was refused or had no route); check the network connection and the API URL.'));

describe('reload', () => {
	it('keeps the rows and the cursor while the reload is on its way, and after it fails', () => {
		const {model} = explorer();
		const moved = type(model, 'jjjj').model;
		const {model: reloading, effects} = type(moved, 'r');
		expect(reloading.feed.rows).toBe(moved.feed.rows);
		expect(reloading.window.cursor).toBe(4);
		expect(reloading.feed.isStale).toBe(true);
		const [fetch] = effectsOf(effects, 'fetchPage');
		expect(fetch).toMatchObject({cursor: undefined, generation: reloading.feed.generation});
		const failed = apply(reloading, {type: 'pageFailed', generation: reloading.feed.generation, cursor: undefined, error: outage}).model;
		expect(failed.listRows.length).toBe(100);
		expect(failed.window.cursor).toBe(4);
		expect(layoutOf(failed).message.text).toMatch(/^✗ The reload failed: Could not reach the API.* The rows shown are from \d\d:\d\d:\d\d\. Press r to retry\.$/);
	});

	it('puts the new first page in their place, the cursor on its request', () => {
		const {model} = explorer();
		const moved = type(model, 'jjjj').model;
		const reloading = type(moved, 'r').model;
		// Three new requests arrived meanwhile: row 4 is now the 8th.
		const fresh = pageOf([...rows(200, 203), ...rows(0, 50)], 'Mg==');
		const loaded = apply(reloading, {type: 'pageLoaded', generation: reloading.feed.generation, cursor: undefined, page: fresh}).model;
		expect(loaded.feed.rows.length).toBe(53);
		expect(loaded.feed.isStale).toBe(false);
		expect(loaded.listRows.at(loaded.window.cursor)?.request_id).toBe(fakeRow(4).request_id);
	});

	it('keeps follow mode and the group', () => {
		const following = type(explorer().model, 'f').model;
		expect(type(following, 'r').model.follow.isOn).toBe(true);
	});
});

describe('Back', () => {
	it('brings back the previous view, its filters, rows and cursor, without a request', () => {
		const {model} = explorer();
		const moved = type(model, 'jjj').model;
		const {model: errors} = type(moved, '3');
		expect(errors.form.applied.status).toBe('error');
		expect(errors.feed.rows.length).toBe(0);
		const {model: back, effects} = type(errors, key.backspace);
		expect(back.form.applied.status).toBeUndefined();
		expect(back.feed.rows).toBe(moved.feed.rows);
		expect(back.window.cursor).toBe(3);
		expect(effectsOf(effects, 'fetchPage')).toHaveLength(0);
		expect(back.notice).toMatch(/^Back to fal-ai\/flux\/dev · last 24h · all statuses\./);
		expect(type(back, key.backspace).model.notice).toBe('There is no earlier view to go back to.');
	});

	it('drops a late answer for the view left', () => {
		const errors = type(explorer().model, '3').model;
		const back = type(errors, key.backspace).model;
		const late = apply(back, {type: 'pageLoaded', generation: errors.feed.generation, cursor: undefined, page: pageOf(rows(500, 510), null)}).model;
		expect(late.feed.rows).toBe(back.feed.rows);
	});
});

describe('retries, said', () => {
	it('a 429 waiting to be tried again is counted down in the status bar', () => {
		const {model} = explorer();
		const waiting = apply(model, {type: 'retrying', task: 'page', info: {attempt: 1, of: 3, delayMs: 3000, reason: '429 rate limited', status: 429}});
		expect(layoutOf(waiting.model).message.text).toBe('rate limited: retrying in 3 s…');
		expect(effectsOf(waiting.effects, 'tick')).toHaveLength(1);
		const server = apply(model, {type: 'retrying', task: 'page', info: {attempt: 2, of: 4, delayMs: 1200, reason: '503 Service Unavailable', status: 503}}).model;
		expect(layoutOf(server).message.text).toBe('API answered 503: retry 2 of 4 in 1.2 s…');
		const done = apply(waiting.model, {type: 'pageLoaded', generation: model.feed.generation, cursor: 'Mg==', page: pageOf(rows(100, 150), null)}).model;
		expect(done.retry).toBeUndefined();
	});

	it('follow mode waits as long as Retry-After says, and says so', () => {
		const following = type(explorer().model, 'f').model;
		const error = {kind: 'rate_limited', message: 'The API is limiting how fast requests may be made (429); it asks to wait 60 min before trying again.', isRetryable: true, retryAfterMs: 3_600_000};
		const {model, effects} = apply(following, {type: 'pollFailed', session: following.followSession, error});
		expect(effectsOf(effects, 'schedulePoll')).toEqual([{type: 'schedulePoll', session: following.followSession, delayMs: 3_600_000}]);
		expect(layoutOf(model).message.text).toContain('Next try in 60 min.');
	});
});

describe('counts', () => {
	it('agree with their nouns: 1 repeated row, 1 failed row', () => {
		const {model} = explorer();
		expect(statusMessage({...model, feed: {...model.feed, lastDuplicates: 1}}).text).toMatch(/ · 1 repeated row dropped$/);
		expect(statusMessage({...model, feed: {...model.feed, lastDuplicates: 2}}).text).toMatch(/ · 2 repeated rows dropped$/);
		expect(failuresNote({...model.groups, failed: [fakeRow(3)], examined: 0})).toBe('0 of 1 failed row read');
		expect(failuresNote({...model.groups, failed: [fakeRow(3), fakeRow(10)], examined: 1})).toBe('1 of 2 failed rows read');
	});
});

describe('hints', () => {
	const hints = (model: Model) => statusHints(model, layoutOf(model));

	it('say what keys do now: typing keys while a field is edited, no group key without a group', () => {
		const {model} = explorer();
		expect(hints(model)).not.toContain('Esc clear the row filter / marked only / group');
		expect(hints({...model, groups: {...model.groups, key: 'a group'}})).toContain('Esc clear the row filter / marked only / group');
		const typing = hints(type(model, '/').model);
		expect(typing).toContain('Tab/↓ next field');
		expect(typing).toContain('Ctrl-u/Ctrl-k clear to start / end');
		expect(typing.some(hint => hint.startsWith('j'))).toBe(false);
	});

	it('in the help, only its own keys and Ctrl-c, and scrolling only the way there is more', () => {
		const help = type(explorer({lines: 14}).model, '?').model;
		expect(hints(help)).toEqual(['Esc/?/q close the help', 'j/↓ scroll the help', 'Ctrl-c quit']);
		const scrolled = type(help, 'j').model;
		expect(hints(scrolled)).toEqual(['Esc/?/q close the help', 'j/↓ scroll the help', 'k/↑ scroll the help back', 'Ctrl-c quit']);
		const atEnd = type(help, 'j'.repeat(200)).model;
		expect(hints(atEnd)).toEqual(['Esc/?/q close the help', 'k/↑ scroll the help back', 'Ctrl-c quit']);
	});

	it('leave out keys that would only say why not: no query, no row, no earlier view, no payload, no search', () => {
		const empty = explorer({filters: undefined}).model;
		const idle = hints({...empty, pane: 'list'});
		for (const key of ['x ', 'e ', 'y ', 'f ', 'C ', 'Backspace ', 'Enter open', 'j/↓']) {
			expect(idle.some(hint => hint.startsWith(key)), key).toBe(false);
		}

		const {model} = explorer();
		expect(hints(model).some(hint => hint.startsWith('Backspace '))).toBe(false);
		expect(hints(type(model, '3').model).some(hint => hint.startsWith('Backspace '))).toBe(true);
		const opened = type(model, key.enter).model;
		// Over the list at 80 columns, the request is the only pane: Tab has nowhere to go.
		expect(hints(opened).some(hint => hint.startsWith('Tab '))).toBe(false);
		expect(hints(opened).some(hint => hint.startsWith('Y '))).toBe(false);
		const loaded = apply(opened, {type: 'payloadLoaded', requestId: fakeRow(0).request_id, payload: {input: {prompt: 'a red fox'}, output: {images: []}}}).model;
		expect(hints(loaded).some(hint => hint.startsWith('Y '))).toBe(true);
		expect(hints(loaded).some(hint => hint.startsWith('n next match'))).toBe(false);
		expect(hints(type(loaded, `/fox${key.enter}`).model).some(hint => hint.startsWith('n next match'))).toBe(true);
	});
});

describe('a 401', () => {
	it('asks for a key, keeps keys typed while it is checked, and retries once accepted', () => {
		const {model} = explorer({rows: 0});
		const refused = apply(model, {type: 'pageFailed', generation: model.feed.generation, cursor: 'Mg==', error: {kind: 'unauthorized', message: 'The API rejected the key (401): run `falreq login` or set FAL_KEY.', isRetryable: false}}).model;
		expect(refused.overlay.kind).toBe('login');
		const {model: checking, effects} = type(refused, `secret${key.enter}u`);
		expect(effectsOf(effects, 'login')).toEqual([{type: 'login', key: 'secret'}]);
		expect(checking.held).toHaveLength(1);
		const accepted = apply(checking, {type: 'loginChecked', refusal: undefined});
		expect(accepted.model.overlay.kind).toBe('none');
		expect(accepted.model.notice).toBe('Key accepted and stored.');
		expect(accepted.model.isUtc).toBe(true);
		expect(effectsOf(accepted.effects, 'fetchPage')).toHaveLength(1);
	});
});

describe('the clock', () => {
	it('is the one the messages are handled at', () => {
		expect(explorer().model.clock).toBe(now);
	});
});
