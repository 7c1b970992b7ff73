/**
 * Zoom in time end to end: `[` `]` pick a bar of the summary strip, Enter
 * narrows the window to its time, Backspace widens again; `C` copies the
 * window as absolute times. Keys typed paced and in one write.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {expectedRows, firstListRequest, isSettled, loaded, visibleIds} from '../helpers/explorer.js';
import {inBothModes, maskSparklines} from '../helpers/modes.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

afterEach(disposeRuns);

/** The text of the last OSC 52 copy the program wrote. */
function lastCopy(output: string): string {
	const copies = [...output.matchAll(/\u001B\]52;c;([A-Za-z\d+/=]*)\u0007/g)];
	return Buffer.from(copies.at(-1)![1]!, 'base64').toString();
}

const instant = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/;

describe('zoom in time at 120 x 40', () => {
	it('[[ then Enter lists the rows of that bar only; C copies its bounds; Backspace widens again', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(['--api-url', emulator.url, '-e', 'fal-ai/flux/dev', '--since', '2h'], {cols: 120, rows: 40, env: {FAL_KEY: secretKey}});
			await run.waitFor(isSettled, 15_000);
			const before = emulator.log.length;
			await run.type('[[\r', mode);
			await run.waitFor(screen => new RegExp(`start ${instant.source}`).test(screen) && isSettled(screen));
			const narrowed = run.screen();
			// The window sent is the bar's, and the list shows what the emulator holds in it.
			const entry = firstListRequest(emulator, before);
			const [start, end] = [entry.query['start']![0]!, entry.query['end']![0]!];
			expect(Date.parse(end) - Date.parse(start)).toBeGreaterThan(0);
			expect(Date.parse(end) - Date.parse(start)).toBeLessThanOrEqual(10 * 60_000);
			const rows = expectedRows(emulator, entry);
			expect(loaded(narrowed)).toBe(rows.length);
			expect(visibleIds(narrowed, 66)).toEqual(rows.slice(0, visibleIds(narrowed, 66).length).map(row => row.request_id.slice(0, 8)));

			await run.type('C', mode);
			await run.waitFor(() => run.output().includes('\u001B]52;'));
			const command = lastCopy(run.output());
			expect(command).toMatch(new RegExp(`^falreq -e fal-ai/flux/dev --start ${instant.source} --end ${instant.source}$`));
			expect(command).toContain(`--start ${new Date(start).toISOString().replace('.000Z', 'Z')}`);

			await run.type('\u007F', mode);
			await run.waitFor(screen => screen.includes('start 2h ') && isSettled(screen));
			return narrowed;
			// The two runs' clocks (and so their windows' bounds) are milliseconds apart; the rows they hold are the same.
		}, {isCompared: entry => entry.query['request_id'] === undefined, normalise: screen => maskSparklines(screen).replaceAll(new RegExp(instant.source, 'g'), 'T').replaceAll(/\d\d:\d\d:\d\d/g, 'hh:mm:ss')});
	});
});
