/**
 * Breakdowns end to end: the built CLI in a pseudo-terminal against the
 * emulator, keys typed paced and in one write. From the error types, one
 * key shows which runners an error came from, and Enter lists their rows.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {errorTypeOf} from '../../source/triage/breakdown.js';
import {expectedRows, firstListRequest, isSettled, loaded, visibleIds} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

afterEach(disposeRuns);

describe('breakdowns at 120 x 40', () => {
	it('b, ← to the error types, 2 on runner_disconnected: the runners it came from; Enter lists the rows of the first', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(['--api-url', emulator.url, '-e', 'acme/upscaler/turbo', '--since', '2h'], {cols: 120, rows: 40, env: {FAL_KEY: secretKey}});
			await run.waitFor(isSettled, 15_000);
			const rows = expectedRows(emulator, firstListRequest(emulator)).slice(0, loaded(run.screen()));
			const disconnected = rows.filter(row => errorTypeOf(emulator.dataset.find(row.request_id, ['payloads'])!.json_output) === 'runner_disconnected');
			const runners = new Set(disconnected.map(row => row.runner_id));
			expect(runners.size).toBeGreaterThan(1);

			await run.type('bh', mode);
			// Its outputs read, the error type is first: it has the most failures.
			await run.waitFor(screen => /\[error type\]/.test(screen) && /^> runner_disconnected +\d+/m.test(screen) && !screen.includes('output not read'), 15_000);
			await run.type('2', mode);
			await run.waitForText(`${runners.size} runners, ${disconnected.length} requests within error type: runner_disconnected`);
			const byRunner = run.screen();
			const [first] = /^> (\S+)/m.exec(byRunner)!.slice(1);
			await run.type('\r', mode);
			await run.waitForText('breakdown (Esc to clear):');
			const listed = disconnected.filter(row => row.runner_id === first).map(row => row.request_id.slice(0, 8));
			expect(visibleIds(run.screen(), 66)).toEqual(listed);
			await run.type('\u001B', mode);
			await run.waitFor(screen => !screen.includes('breakdown (Esc') && visibleIds(screen, 66).length > listed.length);
			return byRunner;
		// The detail pane beside the list looks up the payloads of the row the cursor rests on: where it rests on the way differs when the keys come together.
		}, {isCompared: entry => entry.query['request_id'] === undefined});
	});
});
