/**
 * Frames drawn as line diffs (source/terminal/frame-writer.ts) against frames
 * drawn in full (FALREQ_FULL_REDRAW=1): after the same cursor moves and
 * resizes, the two screens must be the same, and the diffs far smaller.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0});
});

afterAll(async () => {
	disposeRuns();
	await emulator.close();
});

/** The selected row's id (its first block), as the detail pane's title shows it. */
function selectedId(screen: string): string | undefined {
	return /Request {2}([\da-f]{8})/.exec(screen)?.[1];
}

const isSettled = (screen: string): boolean => /\d+ rows, more available/.test(screen) && !screen.includes('loading');

/** Presses a key and waits for the selection to move: keys pressed faster than frames can arrive together. */
async function move(run: CliRun, key: string): Promise<void> {
	const before = selectedId(run.screen());
	await run.write(key);
	await run.waitFor(screen => selectedId(screen) !== undefined && selectedId(screen) !== before);
}

async function drive(run: CliRun): Promise<string> {
	await run.waitFor(isSettled);
	for (let press = 0; press < 30; press++) {
		await move(run, press % 7 === 6 ? 'k' : 'j');
	}

	run.resize(100, 30);
	await run.waitFor(screen => screen.split('\n').length <= 30 && isSettled(screen));
	await move(run, 'j');
	run.resize(120, 40);
	await move(run, 'j');
	await run.waitFor(isSettled);
	return selectedId(run.screen()) ?? '';
}

it('draws the same screen as full redraws after many moves and two resizes, in far fewer bytes', async () => {
	// Not flux/dev: its deeply nested payload (a hostile-input case) lies within the rows this test walks.
	const args = ['--api-url', emulator.url, '-e', 'fal-ai/fast-sdxl'];
	const diffed = spawnCli(args, {cols: 120, rows: 40, env: {FAL_KEY: demoKey}});
	const full = spawnCli(args, {cols: 120, rows: 40, env: {FAL_KEY: demoKey, FALREQ_FULL_REDRAW: '1'}});
	const [diffedId, fullId] = await Promise.all([drive(diffed), drive(full)]);
	expect(diffedId).not.toBe('');
	expect(diffedId).toBe(fullId);
	// Both on the same row with the payload in: whatever is still drawing settles to the same frame.
	await diffed.waitFor(screen => screen === full.screen(), 10_000).catch(() => undefined);
	expect(diffed.screen()).toBe(full.screen());
	expect(diffed.output().length).toBeLessThan(full.output().length * 0.6);
}, 60_000);
