/**
 * Triage end to end: the built CLI in a pseudo-terminal against the emulator
 * (fixed seed): the summary strip's figures against the emulator's data, a
 * failure group opening its rows, and follow mode picking up new requests.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {demoKey, startEmulator, type Emulator, type LoggedRequest} from '../../source/emulator/server.js';
import {formatSeconds} from '../../source/format/request.js';
import {groupFailures} from '../../source/triage/fingerprint.js';
import {summariseRows} from '../../source/triage/percentiles.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, seed: 7, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']}});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	disposeRuns();
	emulator.setFaults({});
});

function explore(args: string[]): CliRun {
	return spawnCli(['--api-url', emulator.url, ...args], {cols: 80, rows: 24, env: {FAL_KEY: secretKey}});
}

/** Rows loaded, as the list's title says. */
function loaded(screen: string): number {
	return Number(/([\d,]+) rows?,/.exec(screen)?.[1]?.replaceAll(',', '') ?? 0);
}

/** The first list request logged since `from`: the feed's first page, with the query as sent. */
function firstPage(from: number): LoggedRequest {
	const entry = emulator.log.slice(from).find(candidate => candidate.query['request_id'] === undefined);
	expect(entry).toBeDefined();
	return entry!;
}

/** Presses G (last loaded row, which fetches ahead) until every row is loaded. */
async function loadAll(run: CliRun): Promise<void> {
	for (let attempt = 0; attempt < 20 && !run.screen().includes('all loaded'); attempt++) {
		const before = loaded(run.screen());
		await run.write('G');
		await run.waitFor(screen => loaded(screen) > before || screen.includes('all loaded'), 4000).catch(() => undefined);
	}

	await run.waitForText('all loaded');
}

/** What the emulator holds for a query as logged: endpoint, time bounds (end: when asked), status; newest first. */
function expectedRows(entry: LoggedRequest, askedAt: number): RequestItem[] {
	const endpoints = entry.query['endpoint_id']!;
	const start = Date.parse(entry.query['start']![0]!);
	const end = entry.query['end'] === undefined ? askedAt : Date.parse(entry.query['end'][0]!);
	const time = (row: RequestItem) => Date.parse(row.ended_at ?? row.sent_at);
	const rows = emulator.dataset.items().filter(row => endpoints.includes(row.endpoint_id) && time(row) >= start && time(row) < end);
	// The API's order: ended rows newest first, then the running ones by send time.
	const ended = rows.filter(row => row.ended_at !== null).sort((a, b) => time(b) - time(a));
	const running = rows.filter(row => row.ended_at === null).sort((a, b) => time(b) - time(a));
	return [...ended, ...running];
}

/** Resolves once `condition` holds (checked every 50 ms), failing after `timeoutMs`: for what the screen does not show. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`The condition did not hold within ${timeoutMs} ms.`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

function rate(part: number, whole: number): string {
	return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}

/** The request id (first block at 80 columns) of the row under the cursor. */
function selectedId(screen: string): string | undefined {
	return screen.split('\n').find(line => line.startsWith('›'))?.match(/\b([\da-f]{8})(?:-[\da-f-]{27})?\s*$/)?.[1];
}

/** Request ids (first blocks) of the list rows on screen. */
function visibleIds(screen: string): string[] {
	return screen.split('\n').flatMap(line => /^[› ] \S.* (\d{3} \w+|… run) .* ([\da-f]{8})$/.exec(line.trimEnd())?.[2] ?? []);
}

describe('triage at 80 x 24', () => {
	it('shows strip figures that match the emulator data for the loaded rows', async () => {
		const from = emulator.log.length;
		const run = explore(['-e', 'acme/upscaler/turbo', '--since', '2h']);
		await run.waitForText('more available', 15_000);
		await loadAll(run);
		const expected = expectedRows(firstPage(from), Date.now());
		expect(loaded(run.screen())).toBe(expected.length);
		const stats = summariseRows(expected);
		const screen = run.screen();
		expect(screen).toContain(`p50 ${formatSeconds(stats.p50)}  p95 ${formatSeconds(stats.p95)}  p99 ${formatSeconds(stats.p99)}`);
		expect(screen).toContain(`errors ${rate(stats.errors + stats.userErrors, stats.finished)} (5xx ${rate(stats.errors, stats.finished)}) · ${expected.length} rows`);
		for (const line of screen.split('\n')) {
			expect(line.length, line).toBeLessThanOrEqual(80);
		}

		expect(screen.split('\n').length).toBeLessThanOrEqual(24);
	});
});

describe('failure groups and follow mode at 80 x 24', () => {
	it('groups the loaded failed rows and opens a group as a list filter', async () => {
		const from = emulator.log.length;
		const run = explore(['-e', 'acme/upscaler/turbo', '--since', '2h']);
		// The first page, then the one fetched ahead of the cursor; then nothing more until the cursor moves.
		await run.waitForText('100 rows, more available', 15_000);
		const count = loaded(run.screen());
		const rows = expectedRows(firstPage(from), Date.now()).slice(0, count);
		const withOutputs = rows.filter(row => (row.status_code ?? 0) >= 400).map(row => emulator.dataset.find(row.request_id, ['payloads'])!);
		const [largest] = groupFailures(withOutputs);

		const beforeGroups = emulator.log.length;
		await run.write('x');
		await run.waitFor(screen => /Failure groups: \d+ groups?, \d+ failed ·/.test(screen));
		// The outputs came in pages of up to 100 failed rows, not one request per row.
		const fetches = emulator.log.slice(beforeGroups);
		// One page per failed status (error, user_error): 100 loaded rows hold fewer than 100 failures of each.
		expect(fetches.map(entry => entry.query['status']?.[0]).sort()).toEqual(['error', 'user_error']);
		expect(fetches.every(entry => entry.query['expand']?.includes('payloads') && entry.query['limit']?.[0] === '100')).toBe(true);
		expect(run.screen()).toContain(`${withOutputs.length} failed`);

		await run.press('enter');
		await run.waitForText('group (Esc to clear):');
		expect(run.screen()).toContain(`${largest!.count} in group`);
		const shown = visibleIds(run.screen());
		expect(shown).toEqual(largest!.requestIds.slice(0, shown.length).map(id => id.slice(0, 8)));
		await run.press('esc');
		await run.waitFor(screen => !screen.includes('Esc to clear') && loaded(screen) === count && visibleIds(screen).length > 10);
	});

	it('follows new requests: on top, once each, the cursor on the same request, about 12 polls a minute', async () => {
		const endpoints = emulator.dataset.endpoints.join(',');
		const run = explore(['-e', endpoints]);
		await run.waitForText('more available', 15_000);
		// Two pages down: the top rows are out of sight.
		for (let page = 0; page < 2; page++) {
			const before = selectedId(run.screen());
			await run.press('pgdn');
			await run.waitFor(screen => selectedId(screen) !== undefined && selectedId(screen) !== before);
		}

		const selected = selectedId(run.screen())!;
		const count = loaded(run.screen());
		const polls = (from: number) => emulator.log.slice(from).filter(entry => entry.query['limit']?.[0] === '100' && entry.query['expand'] === undefined && entry.query['cursor'] === undefined);

		const from = emulator.log.length;
		const startedAt = Date.now();
		await run.write('f');
		await run.waitForText('following');
		// The first poll brings the requests still running (sent after the newest end), which sort last otherwise.
		await until(() => polls(from).length >= 1 && polls(from)[0]!.status === 200, 15_000);
		await run.waitFor(screen => loaded(screen) > count);
		const running = loaded(run.screen()) - count;
		expect(run.screen()).toContain(`↑ ${running} new`);
		emulator.addRequests(3);
		const added = emulator.dataset.items().slice(-3).reverse().map(row => row.request_id.slice(0, 8));
		await run.waitForText(`↑ ${running + 3} new`, 15_000);
		expect(selectedId(run.screen())).toBe(selected);
		expect(loaded(run.screen())).toBe(count + running + 3);

		// A second poll finds nothing new and adds nothing twice.
		await until(() => polls(from).length >= 3 && polls(from).every(entry => entry.status === 200), 15_000);
		const elapsed = Date.now() - startedAt;
		const made = polls(from).length;
		console.log(`follow mode: ${made} polls in ${(elapsed / 1000).toFixed(1)} s = ${((made / elapsed) * 60_000).toFixed(1)} requests a minute`);
		expect(made).toBeLessThanOrEqual(Math.floor(elapsed / 5000) + 1);
		expect(loaded(run.screen())).toBe(count + running + 3);

		await run.write('g');
		await run.waitFor(screen => !screen.includes('new') && visibleIds(screen)[0] === added[0]);
		const shown = visibleIds(run.screen());
		expect(shown.slice(0, 3)).toEqual(added);
		expect(new Set(shown).size).toBe(shown.length);

		await run.write('f');
		await run.waitForText('Follow mode off.');
	});
});
