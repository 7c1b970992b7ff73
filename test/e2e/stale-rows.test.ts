/**
 * Nothing is lost: a reload that meets a 503, a dropped connection, a body
 * cut short or a server that is gone keeps every loaded row on screen, the
 * cursor on its request, and says what failed and when the rows are from;
 * a 429 at start is tried again no sooner than its Retry-After, with the
 * wait on screen. The built CLI in a pseudo-terminal against the emulator.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import type {Faults} from '../../source/emulator/faults.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	disposeRuns();
	emulator.setFaults({});
});

function explore(url = emulator.url): CliRun {
	return spawnCli(['--api-url', url, '-e', 'fal-ai/flux/dev'], {cols: 120, rows: 40, env: {FAL_KEY: demoKey}});
}

/** The request id (first block) of the row under the cursor. */
function selectedId(screen: string): string | undefined {
	return /^› .* ([\da-f]{8})$/m.exec(screen.split('\n').map(line => line.slice(0, 66).trimEnd()).join('\n'))?.[1];
}

/** The list's rows on screen, by their id's first block. */
function rowIds(screen: string): string[] {
	return screen.split('\n').flatMap(line => /^[› ][ *]\d\d-\d\d .* ([\da-f]{8})$/.exec(line.slice(0, 66).trimEnd())?.[1] ?? []);
}

/** The rows of `after` are those of `before`, from the top, none missing but those the screen has no room for. */
function expectSameRows(after: string, before: string): void {
	const shown = rowIds(after);
	expect(shown.length).toBeGreaterThan(20);
	expect(shown).toEqual(rowIds(before).slice(0, shown.length));
}

describe('a reload that fails', () => {
	it.each<[string, Faults]>([
		['a burst of 503s', {serverError: {times: Number.POSITIVE_INFINITY, status: 503}}],
		['dropped connections', {drop: {times: Number.POSITIVE_INFINITY}}],
		['bodies cut short', {truncate: {times: Number.POSITIVE_INFINITY}}],
	])('keeps every row on screen and the cursor on its request under %s', async (_what, faults) => {
		const run = explore();
		await run.waitForText('100 rows, more available');
		await run.write('jjjj');
		await run.waitFor(screen => rowIds(screen)[4] === selectedId(screen));
		const before = run.screen();
		emulator.setFaults(faults);
		await run.write('r');
		// The client tries a few times first; the sentence takes two lines of the status bar.
		await run.waitForText('Press r to retry.', 20_000);
		const after = run.screen();
		expect(after.replaceAll('\n', ' ')).toMatch(/✗ The reload failed: .* The rows shown are from \d\d:\d\d:\d\d\. Press r to retry\./);
		// The same rows from the top, one fewer shown for the longer status bar.
		expectSameRows(after, before);
		expect(selectedId(after)).toBe(selectedId(before));
		expect(after).toMatch(/100 rows from \d\d:\d\d:\d\d, reload failed/);
		// Once the API is back, r brings the rows of now.
		emulator.setFaults({});
		await run.write('r');
		await run.waitForText('100 rows, more available');
		expect(selectedId(run.screen())).toBe(selectedId(before));
	});

	it('keeps every row when the server is gone, and says where it could not reach', async () => {
		const own = await startEmulator({port: 0});
		const run = explore(own.url);
		await run.waitForText('100 rows, more available');
		const before = run.screen();
		await own.close();
		await run.write('r');
		await run.waitForText(/The reload failed: Could not reach the API at 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
		expectSameRows(run.screen(), before);
	});
});

describe('a 429 at start', () => {
	it('is tried again no sooner than its Retry-After, and the wait is on screen meanwhile', async () => {
		emulator.setFaults({rateLimit: {times: 1, retryAfter: 2}});
		const from = emulator.log.length;
		const run = explore();
		await run.waitForText(/rate limited: retrying in [12] s/);
		await run.waitForText('100 rows, more available', 10_000);
		const [limited, retried] = emulator.log.slice(from);
		expect([limited?.status, retried?.status]).toEqual([429, 200]);
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(2000);
	});
});
