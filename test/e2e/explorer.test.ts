/**
 * The explorer end to end: the built CLI in a pseudo-terminal against the
 * emulator, at 80x24 and 160x50, asserting what a user sees. Each test that
 * types keys runs twice, its key scripts typed key by key and in one write.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {expectedRows, firstListRequest, isCursorOnFirstRow, isSettled, loadAtLeast, loaded, visibleIds} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';

const endpoint = 'fal-ai/flux/dev';
const leaveAlternateScreen = '\u001B[?1049l';
/** For the tests that type no key: the others run against an emulator of their own per typing mode. */
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(disposeRuns);

/** List requests (not payload look-ups) the emulator received since `from`. */
function listCalls(emulator: Emulator, from = 0) {
	return emulator.log.slice(from).filter(entry => entry.query['request_id'] === undefined);
}

describe.each([
	{cols: 80, rows: 24},
	{cols: 160, rows: 50},
])('explorer at $cols x $rows', ({cols, rows}) => {
	// The list takes 55 % of a wide terminal, the whole of a narrow one.
	const listWidth = cols >= 100 ? Math.floor(cols * 0.55) : cols;

	/** A failed page, said in the list or the status bar (the detail pane's payload errors are another matter). */
	function hasLoadError(screen: string): boolean {
		return screen.split('\n').some(line => line.slice(0, listWidth).includes('✗'));
	}

	function explore(on: Emulator, args: string[] = ['-e', endpoint], key = demoKey): CliRun {
		return spawnCli(['--api-url', on.url, ...args], {cols, rows, env: {FAL_KEY: key}});
	}

	it('shows the first rows, pages past three pages with the API cursors, and opens a request', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitForText(/50 rows|100 rows/);
			expect(run.screen()).toContain(endpoint);
			expect(run.screen()).toMatch(/\d{3} (ok|usr|ERR)/);
			await loadAtLeast(run, 200);
			const cursors = listCalls(emulator).map(entry => entry.query['cursor']?.[0]);
			expect(cursors.slice(0, 4)).toEqual([undefined, 'Mg==', 'Mw==', 'NA==']);
			expect(new Set(cursors).size).toBe(cursors.length);

			const first = expectedRows(emulator, firstListRequest(emulator))[0]!.request_id;
			await run.type('g<enter>', mode);
			await run.waitFor(screen => screen.includes(`Request  ${first}`) && screen.includes('Esc back to the list') && isSettled(screen));
			expect(run.screen()).toContain('"prompt":');
			await run.type('<esc>', mode);
			await run.waitFor(screen => isCursorOnFirstRow(screen) && !screen.includes('Esc back to the list') && isSettled(screen));
			return run.screen();
		});
	});

	it('shows no row twice while new requests arrive between pages', async () => {
		await inBothModes(async ({mode, emulator}) => {
			emulator.setFaults({newRequests: {perPage: 7}});
			const run = explore(emulator);
			// Enough rows that paging below never reaches the end of what is loaded (where PgDn stops short).
			await loadAtLeast(run, 10 * rows);
			await run.waitForText('repeated rows dropped');
			await run.type('g', mode);
			await run.waitFor(screen => isCursorOnFirstRow(screen) && isSettled(screen));
			// PgDn moves the window by exactly a screen, so the screens in turn show consecutive rows.
			const ids: string[] = [];
			for (let screens = 0; screens < 8; screens++) {
				const shown = visibleIds(run.screen(), listWidth);
				ids.push(...shown);
				await run.type('<pgdn>', mode);
				// Ink writes a frame top to bottom: the screen is whole once its last row has changed too.
				await run.waitFor(screen => {
					const next = visibleIds(screen, listWidth);
					return next.length === shown.length && next[0] !== shown[0] && next.at(-1) !== shown.at(-1) && isSettled(screen);
				});
			}

			expect(ids.length).toBeGreaterThan(100);
			expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
			return run.screen();
		});
	});

	it('drops the answer for the old filters when the status filter changes mid-fetch', async () => {
		await inBothModes(async ({mode, emulator}) => {
			// The first query's answer is held back far longer than the key takes: had it come first, its rows would ask for a next page.
			emulator.setFaults({latencyMs: 10_000});
			const run = explore(emulator);
			await run.waitForText('loading');
			// Change the filter only once the first query is really on the wire; the new one is answered at once.
			await vi.waitFor(() => expect(listCalls(emulator)).not.toHaveLength(0), {timeout: 10_000});
			emulator.setFaults({});
			await run.type('3', mode);
			await run.waitForText(/· error\b/, 10_000);
			await run.waitFor(screen => loaded(screen) > 0 && isSettled(screen), 10_000);
			const shown = run.screen();
			expect(shown).toMatch(/5\d\d ERR/);
			expect(shown).not.toMatch(/\b200 ok\b/);
			expect(listCalls(emulator)[0]?.query['status']).toBeUndefined();
			expect(listCalls(emulator).some(entry => entry.query['status']?.[0] === 'error')).toBe(true);
			return shown;
		});
	});

	it('survives every misbehaviour of the API with the loaded rows kept', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled);
			const faults = [
				{rateLimit: {times: 1, retryAfter: 1}},
				{rateLimit: {times: 1}},
				{serverError: {times: 1, status: 502 as const}},
				{serverError: {times: 1, status: 503 as const, body: 'empty' as const}},
				{drop: {times: 1}},
				{truncate: {times: 1}},
			];
			for (const fault of faults) {
				emulator.setFaults(fault);
				const before = loaded(run.screen());
				await run.type('G', mode);
				await run.waitFor(screen => (loaded(screen) > before || hasLoadError(screen)) && isSettled(screen), 15_000);
				// Retried inside the client, or shown in words with the rows kept, and r carries on.
				if (hasLoadError(run.screen())) {
					expect(loaded(run.screen())).toBe(before);
					await run.type('r', mode);
					await run.waitFor(screen => loaded(screen) > before && isSettled(screen), 10_000);
				}

				expect(hasLoadError(run.screen())).toBe(false);
			}

			// Failures the client gives up on: a sentence, the rows kept, and r carries on.
			// Enough times that a payload look-up of the detail pane cannot use the fault up first.
			for (const fault of [{locked: {times: 10}}, {serverError: {times: 10, status: 500 as const}}]) {
				emulator.setFaults(fault);
				const before = loaded(run.screen());
				await run.type('G', mode);
				await run.waitFor(screen => hasLoadError(screen) && isSettled(screen), 15_000);
				expect(loaded(run.screen())).toBe(before);
				expect(run.screen()).toMatch(/✗ [A-Z][^\n]*/);
				emulator.setFaults({});
				await run.type('r', mode);
				await run.waitFor(screen => loaded(screen) > before && isSettled(screen), 10_000);
				expect(hasLoadError(run.screen())).toBe(false);
			}

			return run.screen();
		});
	});

	it('refuses invalid filter input in words and sends nothing', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled);
			const sent = emulator.log.length;
			await run.type(`/${'<backspace>'.repeat(endpoint.length)}not an endpoint!<enter>`, mode);
			await run.waitForText('is not an endpoint id');
			expect(run.screen()).toContain('endpoint not an endpoint!');
			expect(emulator.log.length).toBe(sent);
			await run.type('<esc>', mode);
			await run.waitForText(`endpoint ${endpoint}`);
			return run.screen();
		});
	});

	it('follows a resize without a line too long or a frame too tall', async () => {
		const run = explore(emulator);
		await run.waitForText('more available');
		const [otherCols, otherRows] = cols === 80 ? [160, 50] : [80, 24];
		run.resize(otherCols, otherRows);
		// A frame may be on its way as the size changes; the one drawn for the new size follows at once.
		// Its last line is the terminal's: the frame is one line shorter, so Ink never clears the screen to redraw.
		const isNewLayout = (screen: string): boolean => otherCols > 100 ? screen.includes('Request ') : !screen.includes('runner');
		await run.waitFor(screen => screen.split('\n').length === otherRows && screen.split('\n').at(-1) === '' && screen.includes('Requests') && isNewLayout(screen));
		const lines = run.screen().split('\n');
		expect(lines.every(line => line.length <= otherCols)).toBe(true);
	});

	it('lists every key on ?, and leaves the terminal as it was on Esc and q', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled);
			await run.type('?', mode);
			await run.waitForText('copy the request id');
			expect(run.screen()).toContain('next error row');
			await run.type('<esc>q', mode);
			const exit = await run.exited;
			expect(exit.exitCode).toBe(0);
			expect(run.output().lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(run.output().lastIndexOf('Requests'));
			expect(run.screen()).not.toContain('Requests');
			return run.screen();
		});
	});

	it('leaves the terminal as it was on SIGTERM', async () => {
		const run = explore(emulator);
		await run.waitForText('more available');
		run.kill('SIGTERM');
		await run.exited;
		expect(run.output()).toContain(leaveAlternateScreen);
		expect(run.screen()).not.toContain('Requests');
	});

	it('asks for a key inside the explorer when the API refuses the one in use, a key and Enter read together', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator, ['-e', endpoint], 'not-a-known-key');
			await run.waitForText('Key:', 10_000);
			await run.type(`${demoKey}<enter>`, mode);
			await run.waitFor(isSettled, 10_000);
			expect(run.screen()).not.toContain('Key:');
			return run.screen();
		});
	});
});
