/**
 * Triage end to end: the built CLI in a pseudo-terminal against the emulator
 * (fixed seed): the summary strip's figures against the emulator's data, a
 * failure group opening its rows, and follow mode picking up new requests.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {formatSeconds} from '../../source/format/request.js';
import {groupFailures} from '../../source/triage/fingerprint.js';
import {summariseRows} from '../../source/triage/percentiles.js';
import {expectedRows, firstListRequest, isSettled, loadAtLeast, loaded, selectedId, visibleIds} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

afterEach(disposeRuns);

function explore(emulator: Emulator, args: string[]): CliRun {
	return spawnCli(['--api-url', emulator.url, ...args], {cols: 80, rows: 24, env: {FAL_KEY: secretKey}});
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

/** The data of both runs: fixed seed. */
const seeded = {emulator: {seed: 7}};

describe('triage at 80 x 24', () => {
	it('shows strip figures that match the emulator data for the loaded rows', async () => {
		await inBothModes(async ({emulator}) => {
			const run = explore(emulator, ['-e', 'acme/upscaler/turbo', '--since', '2h']);
			await run.waitForText('more available', 15_000);
			await loadAtLeast(run);
			const expected = expectedRows(emulator, firstListRequest(emulator));
			expect(loaded(run.screen())).toBe(expected.length);
			const stats = summariseRows(expected);
			const screen = run.screen();
			expect(screen).toContain(`p50 ${formatSeconds(stats.p50)}  p95 ${formatSeconds(stats.p95)}  p99 ${formatSeconds(stats.p99)}`);
			expect(screen).toContain(`errors ${rate(stats.errors + stats.userErrors, stats.finished)} (5xx ${rate(stats.errors, stats.finished)}) · ${expected.length} rows`);
			for (const line of screen.split('\n')) {
				expect(line.length, line).toBeLessThanOrEqual(80);
			}

			expect(screen.split('\n').length).toBeLessThanOrEqual(24);
			return screen;
		}, seeded);
	});
});

describe('failure groups and follow mode at 80 x 24', () => {
	it('groups the loaded failed rows and opens a group as a list filter', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator, ['-e', 'acme/upscaler/turbo', '--since', '2h']);
			// The first page, then the one fetched ahead of the cursor; then nothing more until the cursor moves.
			await run.waitForText('100 rows, more available', 15_000);
			const count = loaded(run.screen());
			const rows = expectedRows(emulator, firstListRequest(emulator)).slice(0, count);
			const withOutputs = rows.filter(row => (row.status_code ?? 0) >= 400).map(row => emulator.dataset.find(row.request_id, ['payloads'])!);
			const [largest] = groupFailures(withOutputs);

			const beforeGroups = emulator.log.length;
			await run.type('x', mode);
			// The groups come with the outputs fetched for them: Enter before they are all in would open another group.
			await run.waitFor(screen => /Failure groups: \d+ groups?, \d+ failed ·/.test(screen) && screen.includes(`${withOutputs.length} failed`));
			// The outputs came in pages of up to 100 failed rows, not one request per row.
			const fetches = emulator.log.slice(beforeGroups);
			// One page per failed status (error, user_error): 100 loaded rows hold fewer than 100 failures of each.
			expect(fetches.map(entry => entry.query['status']?.[0]).sort()).toEqual(['error', 'user_error']);
			expect(fetches.every(entry => entry.query['expand']?.includes('payloads') && entry.query['limit']?.[0] === '100')).toBe(true);

			await run.type('<enter>', mode);
			await run.waitForText('group (Esc to clear):');
			expect(run.screen()).toContain(`${largest!.count} shown`);
			const shown = visibleIds(run.screen());
			expect(shown).toEqual(largest!.requestIds.slice(0, shown.length).map(id => id.slice(0, 8)));
			await run.type('<esc>', mode);
			await run.waitFor(screen => !screen.includes('Esc to clear') && loaded(screen) === count && visibleIds(screen).length > 10 && isSettled(screen));
			return run.screen();
		}, seeded);
	});

	it('follows new requests: on top, once each, the cursor on the same request, about 12 polls a minute', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const endpoints = emulator.dataset.endpoints.join(',');
			const run = explore(emulator, ['-e', endpoints]);
			await run.waitFor(isSettled, 15_000);
			// Two pages down: the top rows are out of sight.
			const page = visibleIds(run.screen()).length;
			const twoPagesDown = expectedRows(emulator, firstListRequest(emulator))[2 * page]!.request_id.slice(0, 8);
			await run.type('<pgdn><pgdn>', mode);
			await run.waitFor(screen => selectedId(screen) === twoPagesDown && isSettled(screen));

			const selected = selectedId(run.screen())!;
			const count = loaded(run.screen());
			const polls = (from: number) => emulator.log.slice(from).filter(entry => entry.query['limit']?.[0] === '100' && entry.query['expand'] === undefined && entry.query['cursor'] === undefined);

			const from = emulator.log.length;
			const startedAt = Date.now();
			await run.type('f', mode);
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
			console.log(`follow mode (${mode}): ${made} polls in ${(elapsed / 1000).toFixed(1)} s = ${((made / elapsed) * 60_000).toFixed(1)} requests a minute`);
			expect(made).toBeLessThanOrEqual(Math.floor(elapsed / 5000) + 1);
			expect(loaded(run.screen())).toBe(count + running + 3);

			await run.type('g', mode);
			await run.waitFor(screen => !screen.includes('new') && visibleIds(screen)[0] === added[0]);
			const shown = visibleIds(run.screen());
			expect(shown.slice(0, 3)).toEqual(added);
			expect(new Set(shown).size).toBe(shown.length);

			await run.type('f', mode);
			await run.waitForText('Follow mode off.');
			return run.screen();
		}, seeded);
	});
});
