/**
 * `falreq --demo`, what `npm run demo` opens: the explorer on the built-in
 * emulator, no key needed, the user's own config left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {inBothModes} from '../helpers/modes.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';

afterEach(() => {
	disposeRuns();
});

/** Rows loaded and the frame drawn down to the status bar, which says it is the demo. */
const isDrawn = (screen: string) => /[\d,]+ rows?, (more available|all loaded)/.test(screen) && screen.includes('[demo]');

it('opens on the demo endpoints with rows, needs no key, and writes no config', async () => {
	// The demo runs its own emulator: the ones given here receive nothing.
	await inBothModes(async ({mode}) => {
		const run = spawnCli(['--demo'], {cols: 120, rows: 40});
		await run.waitFor(isDrawn);
		expect(run.screen()).toMatch(/endpoint fal-ai\/\S+, /);
		await run.type('q', mode);
		expect((await run.exited).exitCode).toBe(0);
		expect(fs.existsSync(path.join(run.configHome, 'falreq'))).toBe(false);
		return run.screen();
	});
});

it('keeps the demo endpoints when the flags narrow the rest', async () => {
	const run = spawnCli(['--demo', '--status', 'error', '--since', '7d'], {cols: 120, rows: 40});
	await run.waitFor(isDrawn);
	const screen = run.screen();
	expect(screen).toMatch(/endpoint fal-ai\/\S+, /);
	expect(screen).toMatch(/start 7d/);
	expect(screen).toMatch(/status error/);
	// Every row on screen failed with a 5xx.
	const statuses = screen.split('\n').flatMap(line => /^[› ][ *]\d\d-\d\d [\d:]+ \S+ +(\d{3}) /.exec(line)?.[1] ?? []);
	expect(statuses.length).toBeGreaterThan(5);
	expect(statuses.filter(status => !status.startsWith('5'))).toEqual([]);
});
