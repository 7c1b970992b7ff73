/**
 * `w` end to end: the rows shown, written to a file in the working
 * directory as JSON lines (the API's own bytes) or CSV. Keys typed paced and
 * in one write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {expectedRows, firstListRequest, isSettled, loaded} from '../helpers/explorer.js';
import {inBothModes, maskSparklines} from '../helpers/modes.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

const scratch: string[] = [];

afterEach(() => {
	disposeRuns();
	for (const directory of scratch.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

/** The one file `w` wrote into `directory`, its name masked on screen (it has the time in it). */
function writtenFile(directory: string, extension: string): string {
	const [name] = fs.readdirSync(directory).filter(file => file.endsWith(extension));
	return fs.readFileSync(path.join(directory, name!), 'utf8');
}

const masked = (screen: string) => maskSparklines(screen).replaceAll(/\/\S*falreq-[\dT-]+\.(jsonl|csv)/g, 'FILE');

describe('export at 120 x 40', () => {
	it('& status:5xx, then w j: the rows shown, each line the API\'s own text; w c: the same rows as CSV', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-export-e2e-'));
			scratch.push(directory);
			const run = spawnCli(['--api-url', emulator.url, '-e', 'acme/upscaler/turbo', '--since', '2h'], {cols: 120, rows: 40, cwd: directory, env: {FAL_KEY: secretKey}});
			await run.waitFor(isSettled, 15_000);
			const failed = expectedRows(emulator, firstListRequest(emulator)).slice(0, loaded(run.screen())).filter(row => (row.status_code ?? 0) >= 500);
			await run.type('&status:5xx\rwj', mode);
			await run.waitForText(`Wrote ${failed.length} requests to`, 20_000);
			const lines = writtenFile(directory, '.jsonl').trimEnd().split('\n');
			expect(lines).toEqual(failed.map(row => JSON.stringify(emulator.dataset.find(row.request_id))));
			// The detail pane beside the list may still be loading the selected row's payloads: the screen to compare is the one after.
			await run.waitFor(shown => isSettled(shown) && shown.replaceAll('\n', ' ').includes('as JSON lines, each as the API sent it.'));
			const screen = run.screen();

			await run.type('wc', mode);
			await run.waitForText('as CSV.', 20_000);
			const csv = writtenFile(directory, '.csv').trimEnd().split('\r\n');
			expect(csv[0]).toMatch(/^request_id,endpoint_id,/);
			expect(csv.slice(1).map(line => line.split(',')[0])).toEqual(failed.map(row => row.request_id));
			return masked(screen);
		}, {isCompared: entry => entry.query['request_id'] === undefined, normalise: masked});
	});
});
