/**
 * The explorer end to end under every misbehaviour of API.md, where
 * test/e2e/explorer.test.ts does not already go: a slow API, bursts long
 * enough that the client gives up, failures deep in the paging, during a
 * payload fetch and across a filter change. Each time: no crash, no loaded
 * row lost, a sentence in the status bar, and recovery without a restart.
 */
import {describe, expect, it, type TestContext} from 'vitest';
import {demoKey, startEmulator, type Emulator, type Faults} from '../../source/emulator/server.js';
import {spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

const endpoint = 'fal-ai/flux/dev';

type Bench = {
	emulator: Emulator;
	/** The explorer on this test's emulator, disposed when the test ends. */
	explore(cols?: number, rows?: number): CliRun;
};

/**
 * Each test gets its own emulator: faults are per emulator, and the tests run
 * concurrently because most of their time is the client's backoff, not work.
 */
async function setUp(context: TestContext): Promise<Bench> {
	const emulator = await startEmulator({port: 0, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']}});
	context.onTestFinished(async () => {
		await emulator.close();
	});
	return {
		emulator,
		explore(cols = 80, rows = 24) {
			const run = spawnCli(['--api-url', emulator.url, '-e', endpoint], {cols, rows, env: {FAL_KEY: secretKey}});
			context.onTestFinished(() => {
				run.dispose();
			});
			return run;
		},
	};
}

/** Rows loaded, as the list's title says. */
function loaded(screen: string): number {
	return Number(/([\d,]+) rows?,/.exec(screen)?.[1]?.replaceAll(',', '') ?? 0);
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

/** Whether the cursor marker is on the row right below the list's column header. */
function isCursorOnFirstRow(screen: string): boolean {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^\s+ended\s+endpoint/.test(line));
	return header !== -1 && lines[header + 1]?.startsWith('›') === true;
}

/** A message a user can read: a sentence, no stack frame, no HTML, nothing unprintable. */
function expectReadable(message: string | undefined, screen: string): void {
	expect(message, screen).toMatch(/^✗ [A-Z][^\n]*[.:…]/);
	expect(message).not.toMatch(/\bat \S+ \(|\w+\.js:\d+|<\/?[a-z!][^>]*>|\[object |undefined|Error:/i);
	expect(message).not.toMatch(/[\u0000-\u001F\u007F]/);
}

/** Presses G (last loaded row, which fetches ahead) until at least `count` rows are loaded. */
async function loadAtLeast(run: CliRun, count: number): Promise<void> {
	for (let attempt = 0; attempt < 40 && loaded(run.screen()) < count; attempt++) {
		const before = loaded(run.screen());
		await run.write('G');
		// Bounded, then G again: a key arriving mid-frame is now and then read against the frame before.
		await run.waitFor(screen => loaded(screen) > before || statusError(screen) !== undefined, 4000).catch(() => undefined);
	}

	expect(loaded(run.screen()), run.screen()).toBeGreaterThanOrEqual(count);
}

/** With `faults` on, asks for the next page, expects it refused in words with every row kept, then recovers with r. */
async function failThenRecover({emulator}: Bench, run: CliRun, faults: Faults, said: RegExp): Promise<void> {
	const before = loaded(run.screen());
	emulator.setFaults(faults);
	await run.write('G');
	// The client retries 3 times with backoff (0.5 s base) before it gives up.
	await run.waitFor(screen => statusError(screen) !== undefined, 15_000);
	const screen = run.screen();
	expectReadable(statusError(screen), screen);
	expect(statusError(screen)).toMatch(said);
	// A page already on its way when the fault was set may still have landed: the count may grow, never shrink.
	const kept = loaded(screen);
	expect(kept).toBeGreaterThanOrEqual(before);
	expect(screen).toMatch(/\d{3} (ok|usr|ERR)/);

	emulator.setFaults({});
	await run.write('r');
	await run.waitFor(shown => loaded(shown) > kept && statusError(shown) === undefined, 10_000);
}

/**
 * Presses a key until the screen shows its effect, three times at most. Now and then, on a loaded machine with a
 * page on its way, one press is not seen to act (a known issue, not yet explained); a second press is allowed.
 */
async function pressUntil(run: CliRun, key: string, isDone: (screen: string) => boolean): Promise<void> {
	for (let attempt = 0; attempt < 3 && !isDone(run.screen()); attempt++) {
		await run.write(key);
		await run.waitFor(isDone, 4000).catch(() => undefined);
	}

	expect(isDone(run.screen()), run.screen()).toBe(true);
}

describe.concurrent('the explorer under a misbehaving API', () => {
	it('stays usable with 2 s of latency on every answer, and keeps its rows while the next page is slow', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		emulator.setFaults({latencyMs: 2000});
		const run = bench.explore();
		await run.waitForText('loading');
		await run.waitForText('more available', 10_000);
		const before = loaded(run.screen());
		await run.write('G');
		await run.waitForText('loading more');
		expect(loaded(run.screen())).toBeGreaterThanOrEqual(before);
		// Keys are answered while the page is on its way: the cursor goes back to the top and help opens.
		await pressUntil(run, 'g', isCursorOnFirstRow);
		await pressUntil(run, '?', screen => screen.includes('copy the request id'));
		await run.press('esc');
		await run.waitFor(screen => loaded(screen) > before && screen.includes('more available'), 10_000);
		expect(statusError(run.screen())).toBeUndefined();
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
		const bench = await setUp(context);
		const run = bench.explore();
		await run.waitForText('more available');
		await loadAtLeast(run, 400);
		for (const [faults, said] of bursts) {
			await failThenRecover(bench, run, faults, said);
		}
	});

	it('tells a rate limit apart with and without Retry-After, and does not sit out a long one', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		const run = bench.explore();
		await run.waitForText('more available');
		await failThenRecover(bench, run, {rateLimit: {times: Number.POSITIVE_INFINITY}}, /429.*wait a minute/);
		await failThenRecover(bench, run, {rateLimit: {times: Number.POSITIVE_INFINITY, retryAfter: 1}}, /429.*wait 1 s/);
		// Beyond a minute the client does not freeze the screen waiting: it says how long, at once.
		const sent = emulator.log.length;
		await failThenRecover(bench, run, {rateLimit: {times: Number.POSITIVE_INFINITY, retryAfter: 600}}, /429.*wait 10 min/);
		expect(emulator.log.slice(sent).filter(entry => entry.status === 429)).toHaveLength(1);
	});

	it('survives connections dropped mid-body and truncated JSON, over and over', async context => {
		const bench = await setUp(context);
		const run = bench.explore();
		await run.waitForText('more available');
		await loadAtLeast(run, 200);
		await failThenRecover(bench, run, {drop: {times: Number.POSITIVE_INFINITY}}, /dropped before the answer was complete/);
		await failThenRecover(bench, run, {truncate: {times: Number.POSITIVE_INFINITY}}, /not valid JSON.*cut short/);
	});

	it('says the account is locked before anything is loaded, and loads once it is unlocked', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		emulator.setFaults({locked: {times: Number.POSITIVE_INFINITY}});
		const run = bench.explore();
		await run.waitFor(screen => statusError(screen) !== undefined);
		const screen = run.screen();
		expectReadable(statusError(screen), screen);
		expect(statusError(screen)).toMatch(/account is locked .*spending limit/);
		expect(screen).toContain('nothing loaded');
		emulator.setFaults({});
		await run.write('r');
		await run.waitForText('more available');
	});

	it('keeps every row when a fault hits while new requests arrive between pages, and drops the repeats', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		emulator.setFaults({newRequests: {perPage: 9}});
		const run = bench.explore();
		await run.waitForText('more available');
		await loadAtLeast(run, 300);
		await failThenRecover(bench, run, {newRequests: {perPage: 9}, serverError: {times: Number.POSITIVE_INFINITY, status: 500}}, /failed with 500/);
		emulator.setFaults({newRequests: {perPage: 9}});
		// Pages fetched while new requests arrive again. Not a fixed count: the pages loaded ahead before the fault may already pass it.
		await loadAtLeast(run, loaded(run.screen()) + 150);
		await run.waitForText('repeated rows dropped');
		expect(statusError(run.screen())).toBeUndefined();
	});

	it('shows a failed payload fetch in the detail pane, keeps the list, and fetches again on r', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		const run = bench.explore(120, 30);
		await run.waitForText('more available');
		await run.waitForText('"input"', 10_000);
		const before = loaded(run.screen());
		// Dropped mid-body every time: the client gives up, and only the detail pane says so.
		emulator.setFaults({drop: {times: Number.POSITIVE_INFINITY}});
		await run.write('j');
		await run.waitFor(screen => /✗ The connection to the API dropped/.test(screen), 15_000);
		const screen = run.screen();
		expect(loaded(screen)).toBeGreaterThanOrEqual(before);
		expect(screen).toMatch(/\d{3} (ok|usr|ERR)/);
		emulator.setFaults({});
		await run.press('tab');
		await run.write('r');
		await run.waitForText('"input"', 10_000);
		expect(run.screen()).not.toContain('✗');
	});

	it('reports a failure for the new filters only, and loads them once the API recovers', async context => {
		const bench = await setUp(context);
		const {emulator} = bench;
		emulator.setFaults({latencyMs: 500, serverError: {times: Number.POSITIVE_INFINITY, status: 503, body: 'json'}});
		const run = bench.explore();
		await run.waitForText('loading');
		// The status filter changes while the first query is still being retried.
		await run.write('3');
		await run.waitForText(/· error\b/);
		await run.waitFor(screen => statusError(screen) !== undefined, 20_000);
		const screen = run.screen();
		expectReadable(statusError(screen), screen);
		expect(screen).toContain('nothing loaded');
		emulator.setFaults({});
		await run.write('r');
		await run.waitFor(shown => loaded(shown) > 0, 10_000);
		expect(run.screen()).toMatch(/5\d\d ERR/);
		expect(run.screen()).not.toMatch(/\b200 ok\b/);
		expect(statusError(run.screen())).toBeUndefined();
	});
});
