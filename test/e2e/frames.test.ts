/**
 * Frames drawn as line diffs (source/terminal/frame-writer.ts) against frames
 * drawn in full (FALREQ_FULL_REDRAW=1): after the same cursor moves and
 * resizes, the two screens must be the same, and the diffs far smaller.
 */
import {afterEach, expect, it} from 'vitest';
import {demoKey, type Emulator} from '../../source/emulator/server.js';
import {expectedRows, firstListRequest, isSettled} from '../helpers/explorer.js';
import {inBothModes, maskWindowStart} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun, type Typing} from '../helpers/pty.js';

afterEach(disposeRuns);

/** The selected row's id (its first block), as the detail pane's title shows it. */
function selectedId(screen: string): string | undefined {
	return /Request {2}([\da-f]{8})/.exec(screen)?.[1];
}

/** Down and up in one script: 26 rows down, 4 back up. */
const moves = Array.from({length: 30}, (_, press) => (press % 7 === 6 ? 'k' : 'j')).join('');

async function drive(run: CliRun, emulator: Emulator, mode: Typing): Promise<void> {
	await run.waitFor(isSettled);
	const ids = expectedRows(emulator, firstListRequest(emulator)).map(row => row.request_id.slice(0, 8));
	const isOn = (row: number) => (screen: string) => selectedId(screen) === ids[row] && isSettled(screen);
	// A frame drawn for `rows` lines: its status line is the third from the bottom.
	const isDrawnFor = (rows: number) => (screen: string) => screen.split('\n')[rows - 3]?.startsWith('fal-ai/fast-sdxl · ') === true;
	await run.type(moves, mode);
	await run.waitFor(isOn(22));
	// Where the list scrolls to depends on the height at the time of a move: keys wait for the new size.
	run.resize(100, 30);
	await run.waitFor(screen => isDrawnFor(30)(screen) && isOn(22)(screen));
	await run.type('j', mode);
	await run.waitFor(isOn(23));
	run.resize(120, 40);
	await run.waitFor(screen => isDrawnFor(40)(screen) && isOn(23)(screen));
	await run.type('j', mode);
	await run.waitFor(isOn(24));
}

it('draws the same screen as full redraws after many moves and two resizes, in far fewer bytes', async () => {
	await inBothModes(async ({mode, emulator}) => {
		// Not flux/dev: its deeply nested payload (a hostile-input case) lies within the rows this test walks.
		const args = ['--api-url', emulator.url, '-e', 'fal-ai/fast-sdxl'];
		const diffed = spawnCli(args, {cols: 120, rows: 40, env: {FAL_KEY: demoKey}});
		const full = spawnCli(args, {cols: 120, rows: 40, env: {FAL_KEY: demoKey, FALREQ_FULL_REDRAW: '1'}});
		await Promise.all([drive(diffed, emulator, mode), drive(full, emulator, mode)]);
		// Both on the same row with its payload in: nothing is left to draw.
		expect(maskWindowStart(diffed.screen())).toBe(maskWindowStart(full.screen()));
		expect(diffed.output().length).toBeLessThan(full.output().length * 0.6);
		return diffed.screen();
	}, {
		// A row the cursor rests on for 150 ms has its payloads fetched. Typed key by key, the cursor rests on the
		// rows it passes for as long as the machine takes to draw each frame: only the list requests must match.
		isCompared: entry => entry.query['request_id'] === undefined,
	});
}, 60_000);
