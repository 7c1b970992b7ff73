/**
 * The bursts of the "Every key counts" issue, end to end: the built CLI in a
 * pseudo-terminal, each key script typed key by key and as one write (as SSH
 * delivers keys that piled up), both ending on the same screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {expectedRows, firstListRequest, loaded, selectedId} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

const endpoint = 'fal-ai/flux/dev';
const leaveAlternateScreen = '\u001B[?1049l';

afterEach(disposeRuns);

function explore(emulator: Emulator, args: string[] = ['-e', endpoint], options: {cols?: number; rows?: number; cwd?: string} = {}): CliRun {
	return spawnCli(['--api-url', emulator.url, ...args], {cols: options.cols ?? 80, rows: options.rows ?? 24, cwd: options.cwd, env: {FAL_KEY: secretKey}});
}

/** The first page and the one fetched ahead of it are in, and nothing is loading. */
const hasFirstPages = (screen: string): boolean => screen.includes('100 rows, more available');

/** The filter pane's line holding `label`, from the label on. */
function field(screen: string, label: string): string {
	const line = screen.split('\n').find(each => each.includes(` ${label} `)) ?? '';
	return line.slice(line.indexOf(` ${label} `) + 1);
}

describe('keys typed in one write act as if typed one by one', () => {
	it('/, Backspace, Backspace, Down, x, x: the endpoint loses two characters and the start field reads xx', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			await run.type('/<backspace><backspace><down>xx', mode);
			await run.waitFor(screen => field(screen, 'start').startsWith('start xx'));
			expect(field(run.screen(), 'endpoint')).toMatch(/^endpoint fal-ai\/flux\/d(\s|$)/);
			return run.screen();
		});
	});

	it('jjjjjjjjjjGgjjj: the cursor ends on the 4th row', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			const ids = expectedRows(emulator, firstListRequest(emulator)).map(row => row.request_id);
			await run.type('jjjjjjjjjjGgjjj', mode);
			// G fetched the next page ahead of the cursor on the last row.
			await run.waitFor(screen => selectedId(screen) === ids[3]!.slice(0, 8) && screen.includes('150 rows, more available'));
			return run.screen();
		});
	});

	it('200 j: pages load on the way and the cursor reaches row 201', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			const ids = expectedRows(emulator, firstListRequest(emulator)).map(row => row.request_id);
			await run.type('j'.repeat(200), mode);
			await run.waitFor(screen => selectedId(screen) === ids[200]!.slice(0, 8) && /rows, more available/.test(screen));
			expect(loaded(run.screen())).toBeGreaterThan(200);
			return run.screen();
		});
	});

	it('/, ",acme/upscaler", Down, "6h", Enter: both filters applied, no request opened', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			await run.type('/,acme/upscaler<down>6h<enter>', mode);
			await run.waitFor(screen => screen.includes(`${endpoint},acme/upscaler · last 6h`) && /rows, (more available|all loaded)/.test(screen));
			const screen = run.screen();
			expect(screen).toMatch(/acme\/upscaler\S* +\d{3} /);
			expect(screen).not.toContain('Payload');
			return screen;
		});
	});

	it('",acme/x", Tab, "6h" in the filter pane: Tab goes to the next field, no TAB in the endpoint', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			await run.type('/,acme/x<tab>6h', mode);
			await run.waitFor(screen => field(screen, 'start').startsWith('start 6h'));
			expect(field(run.screen(), 'endpoint')).toMatch(/^endpoint fal-ai\/flux\/dev,acme\/x(\s|$)/);
			expect(run.output()).not.toMatch(/acme\/x\t/);
			return run.screen();
		});
	});

	it('Esc then q right after r: quits, leaving the terminal as it was', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			const sent = emulator.log.length;
			await run.type('r', mode);
			// On the wire before Esc and q: whether the reload's page is sent before the explorer quits is a race of its own.
			await vi.waitFor(() => expect(emulator.log.slice(sent).map(entry => entry.status)).toEqual([200, 200]), {timeout: 10_000});
			await run.type('<esc>q', mode);
			expect(await run.exited).toEqual({exitCode: 0});
			expect(run.output().lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(run.output().lastIndexOf('Requests'));
			return run.screen();
		});
	});

	it('three Backspaces in the request id field, then Enter: the id refused in words, without DEL bytes', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			const sent = emulator.log.length;
			// While typing, Down goes on to the next field that takes text: start, end, request id.
			await run.type('/<down><down><down>abcd<backspace><backspace><backspace><enter>', mode);
			await run.waitForText('is not a UUID');
			expect(run.screen()).toContain('The request id \'a\' is not a UUID');
			expect(run.output()).not.toContain('\u007F');
			expect(emulator.log.length).toBe(sent);
			return run.screen();
		});
	});

	it('a save name typed with Enter in one read: the file name ends in .bak', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-bursts-'));
			try {
				const row = emulator.dataset.items().find(candidate => candidate.endpoint_id === endpoint && candidate.status_code === 200)!;
				const run = explore(emulator, ['-e', endpoint, '--request-id', row.request_id], {cols: 160, rows: 40, cwd: directory});
				// The payload must be in before s: with none shown there is nothing to save.
				await run.waitFor(screen => screen.includes('"input": {') && screen.includes('1 row, all loaded'));
				await run.type('<tab>s<enter>.bak<enter>', mode);
				await run.waitForText('Saved the output to');
				expect(fs.readdirSync(directory)).toEqual([`falreq-${row.request_id}-output.json.bak`]);
				return run.screen().replaceAll(directory, '<directory>');
			} finally {
				fs.rmSync(directory, {recursive: true, force: true});
			}
		});
	});

	it('Ctrl-U clears a field: a new endpoint typed after it replaces the old', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(hasFirstPages);
			await run.type('/<ctrl-u>acme/upscaler<enter>', mode);
			await run.waitFor(screen => screen.includes('acme/upscaler · last 24h') && /rows, (more available|all loaded)/.test(screen));
			expect(run.screen()).not.toContain(endpoint);
			return run.screen();
		});
	});
});
