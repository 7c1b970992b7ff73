/**
 * The explorer end to end: the built CLI in a pseudo-terminal against the
 * emulator, at 80x24 and 160x50, asserting what a user sees.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';

const endpoint = 'fal-ai/flux/dev';
const leaveAlternateScreen = '\u001B[?1049l';
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

/** Rows loaded, as the list's title says. */
function loaded(screen: string): number {
	return Number(/([\d,]+) rows?,/.exec(screen)?.[1]?.replaceAll(',', '') ?? 0);
}

/** List requests (not payload look-ups) the emulator received since `from`. */
function listCalls(from: number) {
	return emulator.log.slice(from).filter(entry => entry.query['request_id'] === undefined);
}

/** True when the cursor mark is on the first row under the list's column titles. */
function isCursorOnFirstRow(screen: string): boolean {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^\s+ended/.test(line));
	return header >= 0 && lines[header + 1]?.startsWith('›') === true;
}

/** Request ids (or their first block) of the list rows on screen; `listWidth` leaves out the detail pane beside the list. */
function visibleIds(screen: string, listWidth: number): string[] {
	return screen
		.split('\n')
		.flatMap(line => /^[› ] \S.* (\d{3} \w+|… run) .* ([\da-f]{8}(?:-[\da-f-]{27})?)$/.exec(line.slice(0, listWidth).trimEnd())?.[2] ?? []);
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

	function explore(args: string[] = ['-e', endpoint], key = demoKey): CliRun {
		return spawnCli(['--api-url', emulator.url, ...args], {cols, rows, env: {FAL_KEY: key}});
	}

	/** Presses G (last loaded row, which fetches ahead) until at least `count` rows are loaded. */
	async function loadAtLeast(run: CliRun, count: number): Promise<void> {
		for (let attempt = 0; attempt < 30 && loaded(run.screen()) < count; attempt++) {
			const before = loaded(run.screen());
			await run.write('G');
			// Bounded, then G again: under load a key press is now and then not acted on (see the report).
			await run.waitFor(screen => loaded(screen) > before || screen.includes('all loaded') || hasLoadError(screen), 4000).catch(() => undefined);
		}

		expect(loaded(run.screen()), run.screen()).toBeGreaterThanOrEqual(count);
	}

	/** Presses a key until the screen shows its effect, a few times at most: the same allowance as loadAtLeast's. */
	async function pressUntil(run: CliRun, key: string, isDone: (screen: string) => boolean): Promise<void> {
		for (let attempt = 0; attempt < 3 && !isDone(run.screen()); attempt++) {
			await run.write(key);
			await run.waitFor(isDone, 4000).catch(() => undefined);
		}

		expect(isDone(run.screen()), run.screen()).toBe(true);
	}

	it('shows the first rows, pages past three pages with the API cursors, and opens a request', async () => {
		const start = emulator.log.length;
		const run = explore();
		await run.waitForText(/50 rows|100 rows/);
		expect(run.screen()).toContain(endpoint);
		expect(run.screen()).toMatch(/\d{3} (ok|usr|ERR)/);
		await loadAtLeast(run, 200);
		const logged = listCalls(start).map(entry => entry.query['cursor']?.[0]);
		// A page asked for by the previous test's explorer, killed mid-request, can still land after `start`: this run begins uncursored.
		const cursors = logged.slice(logged.indexOf(undefined));
		expect(cursors.slice(0, 4)).toEqual([undefined, 'Mg==', 'Mw==', 'NA==']);
		expect(new Set(cursors).size).toBe(cursors.length);

		await run.write('g');
		await run.press('enter');
		await run.waitForText('"prompt":');
		expect(run.screen()).toContain('"input"');
		await run.press('esc');
		await run.waitForText('Filters');
	});

	it('shows no row twice while new requests arrive between pages', async () => {
		emulator.setFaults({newRequests: {perPage: 7}});
		const run = explore();
		await run.waitForText('more available');
		// Enough rows that paging below never reaches the end of what is loaded (where PgDn stops short).
		await loadAtLeast(run, 10 * rows);
		await run.waitForText('repeated rows dropped');
		await pressUntil(run, 'g', screen => screen.includes('more available') && isCursorOnFirstRow(screen));
		// PgDn moves the window by exactly a screen, so the screens in turn show consecutive rows.
		const ids: string[] = [];
		for (let screens = 0; screens < 8; screens++) {
			const shown = visibleIds(run.screen(), listWidth);
			ids.push(...shown);
			await run.press('pgdn');
			// Ink writes a frame top to bottom: the screen is whole once its last row has changed too.
			await run.waitFor(screen => {
				const next = visibleIds(screen, listWidth);
				return next.length === shown.length && next[0] !== shown[0] && next.at(-1) !== shown.at(-1) && screen.includes('more available');
			});
		}

		expect(ids.length).toBeGreaterThan(100);
		expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
	});

	it('drops the answer for the old filters when the status filter changes mid-fetch', async () => {
		emulator.setFaults({latencyMs: 700});
		const start = emulator.log.length;
		const run = explore();
		await run.waitForText('loading');
		// Change the filter only once the first query is really on the wire.
		await vi.waitFor(() => expect(listCalls(start)).not.toHaveLength(0), {timeout: 10_000});
		await run.write('3');
		await run.waitForText(/· error\b/, 10_000);
		await run.waitFor(screen => loaded(screen) > 0, 10_000);
		const shown = run.screen();
		expect(shown).toMatch(/5\d\d ERR/);
		expect(shown).not.toMatch(/\b200 ok\b/);
		expect(listCalls(start)[0]?.query['status']).toBeUndefined();
		expect(listCalls(start).some(entry => entry.query['status']?.[0] === 'error')).toBe(true);
	});

	it('survives every misbehaviour of the API with the loaded rows kept', async () => {
		const run = explore();
		await run.waitForText('more available');
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
			await run.write('G');
			await run.waitFor(screen => loaded(screen) > before || hasLoadError(screen), 15_000);
			// Retried inside the client, or shown in words with the rows kept, and r carries on.
			if (hasLoadError(run.screen())) {
				expect(loaded(run.screen())).toBe(before);
				await run.write('r');
				await run.waitFor(screen => loaded(screen) > before, 10_000);
			}

			expect(hasLoadError(run.screen())).toBe(false);
		}

		// Failures the client gives up on: a sentence, the rows kept, and r carries on.
		// Enough times that a payload look-up of the detail pane cannot use the fault up first.
		for (const fault of [{locked: {times: 10}}, {serverError: {times: 10, status: 500 as const}}]) {
			emulator.setFaults(fault);
			const before = loaded(run.screen());
			await run.write('G');
			await run.waitFor(hasLoadError, 15_000);
			expect(loaded(run.screen())).toBe(before);
			expect(run.screen()).toMatch(/✗ [A-Z][^\n]*/);
			emulator.setFaults({});
			await run.write('r');
			await run.waitFor(screen => loaded(screen) > before, 10_000);
			expect(hasLoadError(run.screen())).toBe(false);
		}
	});

	it('refuses invalid filter input in words and sends nothing', async () => {
		const run = explore();
		await run.waitForText('more available');
		await run.write('/');
		await run.waitForText('undo typing');
		// One key at a time: a text input reads keys arriving in one chunk against its last render.
		for (let count = endpoint.length; count > 0; count--) {
			await run.press('backspace');
			const rest = count > 1 ? endpoint.slice(0, count - 1) : 'e.g. fal-ai/flux/dev';
			await run.waitFor(screen => screen.split('\n')[0]!.includes(`endpoint ${rest}`) && !screen.split('\n')[0]!.includes(`endpoint ${endpoint.slice(0, count)}`));
		}

		await run.write('not an endpoint!');
		await run.waitForText('endpoint not an endpoint!');
		const sent = emulator.log.length;
		await run.press('enter');
		await run.waitForText('is not an endpoint id');
		expect(emulator.log.length).toBe(sent);
		await run.press('esc');
		await run.waitForText(`endpoint ${endpoint}`);
	});

	it('follows a resize without a line too long or a frame too tall', async () => {
		const run = explore();
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

	it('lists every key on ?, and leaves the terminal as it was on q', async () => {
		const run = explore();
		await run.waitForText('more available');
		await run.write('?');
		await run.waitForText('copy the request id');
		expect(run.screen()).toContain('next error row');
		await run.press('esc');
		await run.waitForText('more available');
		await run.write('q');
		const exit = await run.exited;
		expect(exit.exitCode).toBe(0);
		expect(run.output().lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(run.output().lastIndexOf('Requests'));
		expect(run.screen()).not.toContain('Requests');
	});

	it('leaves the terminal as it was on SIGTERM', async () => {
		const run = explore();
		await run.waitForText('more available');
		run.kill('SIGTERM');
		await run.exited;
		expect(run.output()).toContain(leaveAlternateScreen);
		expect(run.screen()).not.toContain('Requests');
	});

	it('asks for a key inside the explorer when the API refuses the one in use', async () => {
		const run = explore(['-e', endpoint], 'not-a-known-key');
		await run.waitForText('Key:', 10_000);
		await run.write(demoKey);
		await run.waitForText(`Key: ${'•'.repeat(demoKey.length)}`);
		await run.press('enter');
		await run.waitForText('more available', 10_000);
	});
});
