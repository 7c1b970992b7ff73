/**
 * The explorer end to end under every misbehaviour of API.md, where
 * test/e2e/explorer.test.ts does not already go: a slow API, bursts long
 * enough that the client gives up, failures deep in the paging, during a
 * payload fetch and across a filter change. Each time: no crash, no loaded
 * row lost, a sentence in the status bar, and recovery without a restart.
 */
import {describe, expect, it, vi, type TestContext} from 'vitest';
import type {Emulator, Faults} from '../../source/emulator/server.js';
import {isCursorOnFirstRow, isSettled, loadAtLeast, loaded} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {spawnCli, type CliRun, type Typing} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

const endpoint = 'fal-ai/flux/dev';

/**
 * The explorer on `emulator`, disposed when the test ends. The tests run
 * concurrently, as most of their time is the client's backoff, not work; each
 * has emulators of its own, as faults are per emulator.
 */
function explore(context: TestContext, emulator: Emulator, cols = 80, rows = 24): CliRun {
	const run = spawnCli(['--api-url', emulator.url, '-e', endpoint], {cols, rows, env: {FAL_KEY: secretKey}});
	context.onTestFinished(() => {
		run.dispose();
	});
	return run;
}

/**
 * The status bar's error, whole: it starts with ✗ at the left edge (the list's
 * own footer is indented) and may wrap onto a second line above the key hints.
 */
function statusError(screen: string): string | undefined {
	const lines = screen.split('\n');
	const last = lines.findLastIndex(line => line.trim() !== '');
	const first = lines.findIndex(line => line.startsWith('✗ '));
	return first === -1 || first >= last ? undefined : lines.slice(first, last).join(' ');
}

/** A message a user can read: a sentence, no stack frame, no HTML, nothing unprintable. */
function expectReadable(message: string | undefined, screen: string): void {
	expect(message, screen).toMatch(/^✗ [A-Z][^\n]*[.:…]/);
	expect(message).not.toMatch(/\bat \S+ \(|\w+\.js:\d+|<\/?[a-z!][^>]*>|\[object |undefined|Error:/i);
	expect(message).not.toMatch(/[\u0000-\u001F\u007F]/);
}

/** With `faults` on, asks for the next page, expects it refused in words with every row kept, then recovers with r. */
async function failThenRecover(emulator: Emulator, run: CliRun, mode: Typing, faults: Faults, said: RegExp): Promise<void> {
	const before = loaded(run.screen());
	emulator.setFaults(faults);
	await run.type('G', mode);
	// The client retries 3 times with backoff (0.5 s base) before it gives up.
	await run.waitFor(screen => statusError(screen) !== undefined, 15_000);
	const screen = run.screen();
	expectReadable(statusError(screen), screen);
	expect(statusError(screen)).toMatch(said);
	expect(loaded(screen)).toBe(before);
	expect(screen).toMatch(/\d{3} (ok|usr|ERR)/);

	emulator.setFaults({});
	await run.type('r', mode);
	await run.waitFor(shown => loaded(shown) > before && statusError(shown) === undefined && isSettled(shown), 10_000);
}

describe.concurrent('the explorer under a misbehaving API', () => {
	it('stays usable with 2 s of latency on every answer, and keeps its rows while the next page is slow', async context => {
		await inBothModes(async ({mode, emulator}) => {
			emulator.setFaults({latencyMs: 2000});
			const run = explore(context, emulator);
			await run.waitForText('loading');
			await run.waitFor(isSettled, 10_000);
			const before = loaded(run.screen());
			await run.type('G', mode);
			await run.waitForText('loading more');
			expect(loaded(run.screen())).toBe(before);
			// Keys are answered while the page is on its way: the cursor goes back to the top and help opens.
			await run.type('g?', mode);
			await run.waitForText('copy the request id');
			await run.type('<esc>', mode);
			await run.waitFor(screen => isCursorOnFirstRow(screen) && loaded(screen) > before && isSettled(screen), 10_000);
			expect(statusError(run.screen())).toBeUndefined();
			return run.screen();
		});
	});

	it.for([
		{what: '503 and 504 with the API\'s JSON error', bursts: [
			[{serverError: {times: Number.POSITIVE_INFINITY, status: 503, body: 'json'}}, /failed with 503 after 4 attempts/],
			[{serverError: {times: Number.POSITIVE_INFINITY, status: 504, body: 'json'}}, /failed with 504 after 4 attempts/],
		]},
		{what: 'a proxy\'s HTML 502 and empty 500 and 504', bursts: [
			[{serverError: {times: Number.POSITIVE_INFINITY, status: 502}}, /proxy answered 502 Bad Gateway/],
			[{serverError: {times: Number.POSITIVE_INFINITY, status: 500, body: 'empty'}}, /500 .*empty body/],
			[{serverError: {times: Number.POSITIVE_INFINITY, status: 504, body: 'empty'}}, /504 .*empty body/],
		]},
	] satisfies Array<{what: string; bursts: Array<[Faults, RegExp]>}>)('gives up on bursts of $what deep in the paging, says so in words, and carries on with r', async ({bursts}, context) => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(context, emulator);
			await loadAtLeast(run, 400);
			for (const [faults, said] of bursts) {
				await failThenRecover(emulator, run, mode, faults, said);
			}

			return run.screen();
		});
	});

	it('tells a rate limit apart with and without Retry-After, and does not sit out a long one', async context => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(context, emulator);
			await run.waitFor(isSettled);
			await failThenRecover(emulator, run, mode, {rateLimit: {times: Number.POSITIVE_INFINITY}}, /429.*wait a minute/);
			await failThenRecover(emulator, run, mode, {rateLimit: {times: Number.POSITIVE_INFINITY, retryAfter: 1}}, /429.*wait 1 s/);
			// Beyond a minute the client does not freeze the screen waiting: it says how long, at once.
			const sent = emulator.log.length;
			await failThenRecover(emulator, run, mode, {rateLimit: {times: Number.POSITIVE_INFINITY, retryAfter: 600}}, /429.*wait 10 min/);
			expect(emulator.log.slice(sent).filter(entry => entry.status === 429)).toHaveLength(1);
			return run.screen();
		});
	});

	it('survives connections dropped mid-body and truncated JSON, over and over', async context => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(context, emulator);
			await loadAtLeast(run, 200);
			await failThenRecover(emulator, run, mode, {drop: {times: Number.POSITIVE_INFINITY}}, /dropped before the answer was complete/);
			await failThenRecover(emulator, run, mode, {truncate: {times: Number.POSITIVE_INFINITY}}, /not valid JSON.*cut short/);
			return run.screen();
		});
	});

	it('says the account is locked before anything is loaded, and loads once it is unlocked', async context => {
		await inBothModes(async ({mode, emulator}) => {
			emulator.setFaults({locked: {times: Number.POSITIVE_INFINITY}});
			const run = explore(context, emulator);
			await run.waitFor(screen => statusError(screen) !== undefined);
			const screen = run.screen();
			expectReadable(statusError(screen), screen);
			expect(statusError(screen)).toMatch(/account is locked .*spending limit/);
			expect(screen).toContain('nothing loaded');
			emulator.setFaults({});
			await run.type('r', mode);
			await run.waitFor(isSettled);
			return run.screen();
		});
	});

	it('keeps every row when a fault hits while new requests arrive between pages, and drops the repeats', async context => {
		await inBothModes(async ({mode, emulator}) => {
			emulator.setFaults({newRequests: {perPage: 9}});
			const run = explore(context, emulator);
			await loadAtLeast(run, 300);
			await failThenRecover(emulator, run, mode, {newRequests: {perPage: 9}, serverError: {times: Number.POSITIVE_INFINITY, status: 500}}, /failed with 500/);
			emulator.setFaults({newRequests: {perPage: 9}});
			// Pages fetched while new requests arrive again.
			await loadAtLeast(run, loaded(run.screen()) + 150);
			await run.waitForText('repeated rows dropped');
			expect(statusError(run.screen())).toBeUndefined();
			return run.screen();
		});
	});

	it('shows a failed payload fetch in the detail pane, keeps the list, and fetches again on r', async context => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(context, emulator, 120, 30);
			await run.waitFor(screen => screen.includes('"input"') && isSettled(screen), 10_000);
			const before = loaded(run.screen());
			// Dropped mid-body every time: the client gives up, and only the detail pane says so.
			emulator.setFaults({drop: {times: Number.POSITIVE_INFINITY}});
			await run.type('j', mode);
			await run.waitFor(screen => /✗ The connection to the API dropped/.test(screen), 15_000);
			const screen = run.screen();
			expect(loaded(screen)).toBe(before);
			expect(screen).toMatch(/\d{3} (ok|usr|ERR)/);
			emulator.setFaults({});
			await run.type('<tab>r', mode);
			await run.waitFor(shown => shown.includes('"input"') && isSettled(shown), 10_000);
			expect(run.screen()).not.toContain('✗');
			return run.screen();
		});
	});

	it('reports a failure for the new filters only, and loads them once the API recovers', async context => {
		await inBothModes(async ({mode, emulator}) => {
			// The first query's answer is held back far longer than the key takes: had it come first, its retries would be sent too.
			emulator.setFaults({latencyMs: 10_000, serverError: {times: Number.POSITIVE_INFINITY, status: 503, body: 'json'}});
			const run = explore(context, emulator);
			await run.waitForText('loading');
			// The status filter changes while the first query is on the wire; the new one is refused at once.
			await vi.waitFor(() => expect(emulator.log).not.toHaveLength(0), {timeout: 10_000});
			emulator.setFaults({serverError: {times: Number.POSITIVE_INFINITY, status: 503, body: 'json'}});
			await run.type('3', mode);
			// The filter pane says it at once and keeps saying it; the status bar soon says the retries instead.
			await run.waitForText(/^ +status error /m);
			await run.waitFor(screen => statusError(screen) !== undefined, 20_000);
			const screen = run.screen();
			expectReadable(statusError(screen), screen);
			expect(screen).toContain('nothing loaded');
			emulator.setFaults({});
			await run.type('r', mode);
			await run.waitFor(shown => loaded(shown) > 0 && isSettled(shown), 10_000);
			expect(run.screen()).toMatch(/5\d\d ERR/);
			expect(run.screen()).not.toMatch(/\b200 ok\b/);
			expect(statusError(run.screen())).toBeUndefined();
			return run.screen();
		});
	});
});
