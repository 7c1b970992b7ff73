/**
 * Reproduce and compare end to end: the built CLI in a pseudo-terminal
 * against the emulator, every key script typed paced and in one write:
 * marks, the row filter, zoom, the re-run command (run by a real shell
 * against a loopback server) and the payload diff.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {spawn} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import type {Emulator} from '../../source/emulator/server.js';
import {writeCurlStandIn} from '../helpers/curl-stand-in.js';
import {expectedRows, firstListRequest, isSettled, loaded, selectedId, visibleIds} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {isOnPath} from '../helpers/on-path.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';

const scratch: string[] = [];

afterEach(() => {
	disposeRuns();
	for (const directory of scratch.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

const endpoint = 'acme/upscaler/turbo';

function explore(emulator: Emulator, size: {cols: number; rows: number} = {cols: 80, rows: 24}, args: string[] = []): CliRun {
	return spawnCli(['--api-url', emulator.url, '-e', endpoint, '--since', '2h', ...args], {...size, env: {FAL_KEY: secretKey}});
}

/** The rows the list has loaded, as the emulator holds them, in the list's order. */
function loadedRows(emulator: Emulator, screen: string): RequestItem[] {
	return expectedRows(emulator, firstListRequest(emulator)).slice(0, loaded(screen));
}

/** The text of the last OSC 52 copy the program wrote. */
function lastCopy(run: CliRun): string {
	const copies = [...run.output().matchAll(/\u001B\]52;c;([A-Za-z\d+/=]*)\u0007/g)];
	return Buffer.from(copies.at(-1)![1]!, 'base64').toString();
}

function screenFits(screen: string, size: {cols: number; rows: number}): void {
	const lines = screen.split('\n');
	expect(lines.length).toBeLessThanOrEqual(size.rows);
	for (const line of lines) {
		expect(line.length, line).toBeLessThanOrEqual(size.cols);
	}
}

describe('marks at 80 x 24', () => {
	it("m marks rows, M shows only them, ' and \" go round them, Esc shows all again", async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			const rows = loadedRows(emulator, run.screen());
			await run.type('jmjjjm', mode);
			await run.waitForText('2 marked');
			const markedIds = [rows[1]!, rows[4]!].map(row => row.request_id.slice(0, 8));
			const markedLines = run.screen().split('\n').filter(line => /^[› ]\*/.test(line));
			expect(markedLines.map(line => /([\da-f]{8})$/.exec(line.trimEnd())?.[1])).toEqual(markedIds);

			await run.type('M', mode);
			await run.waitForText('marked only (Esc to clear): 2');
			expect(visibleIds(run.screen())).toEqual(markedIds);
			await run.type("'", mode);
			await run.waitFor(screen => selectedId(screen) === markedIds[0]);
			await run.type(`\u001B`, mode);
			await run.waitFor(screen => !screen.includes('marked only') && visibleIds(screen).length > 2);
			expect(selectedId(run.screen())).toBe(markedIds[0]);
			await run.type('"', mode);
			await run.waitFor(screen => selectedId(screen) === markedIds[1]);
			screenFits(run.screen(), {cols: 80, rows: 24});
			return run.screen();
		});
	});
});

describe('row filter at 80 x 24', () => {
	it('& status:5xx keeps the loaded 5xx rows, says so in the status bar, and Esc clears it', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			const rows = loadedRows(emulator, run.screen());
			const failed = rows.filter(row => (row.status_code ?? 0) >= 500).map(row => row.request_id.slice(0, 8));
			await run.type('&status:5xx\r', mode);
			await run.waitForText('rows & status 5xx');
			expect(run.screen()).toContain(`${failed.length} shown`);
			expect(visibleIds(run.screen())).toEqual(failed.slice(0, visibleIds(run.screen()).length));
			expect(visibleIds(run.screen()).length).toBeGreaterThan(0);
			const filtered = run.screen();
			await run.type('\u001B', mode);
			await run.waitFor(screen => !screen.includes('rows &') && screen.includes('Row filter cleared.'));
			return filtered;
		});
	});

	it('a bad expression gets a sentence under the prompt, and the rows stay', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			await run.type('&duration>abc\r', mode);
			await run.waitForText('give a duration like 60s, 2m or 1.5h');
			expect(run.screen()).toMatch(/^& duration>abc/m);
			return run.screen();
		});
	});

	it('msg:"out of memory" reads the failed rows\' outputs and keeps those that say it', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			const rows = loadedRows(emulator, run.screen());
			const saying = rows
				.filter(row => (row.status_code ?? 0) >= 400)
				.filter(row => JSON.stringify(emulator.dataset.find(row.request_id, ['payloads'])!.json_output ?? null).toLowerCase().includes('out of memory'))
				.map(row => row.request_id.slice(0, 8));
			expect(saying.length).toBeGreaterThan(0);
			await run.type('&msg:"out of memory"\r', mode);
			await run.waitFor(screen => screen.includes(`${saying.length} shown`) && !screen.includes('fetching error outputs'), 15_000);
			expect(visibleIds(run.screen())).toEqual(saying.slice(0, visibleIds(run.screen()).length));
			return run.screen();
		});
	});
});

describe('zoom at 120 x 40', () => {
	it('Z gives the payload the whole width, and Z again puts the list back', async () => {
		const size = {cols: 120, rows: 40};
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(['--api-url', emulator.url, '-e', 'fal-ai/flux/dev', '--since', '2h'], {...size, env: {FAL_KEY: secretKey}});
			await run.waitFor(screen => isSettled(screen) && screen.includes('"prompt": "'), 15_000);
			// How much of the prompt (longer than the pane beside the list) is on screen.
			const shownPrompt = (screen: string) => /"prompt": "([^"…]*)/.exec(screen)?.[1]?.length ?? 0;
			const beside = shownPrompt(run.screen());
			expect(beside).toBeLessThan(53);
			await run.type('\tZ', mode);
			await run.waitFor(screen => !screen.includes(' Requests ') && screen.includes('"prompt": "'));
			const zoomed = run.screen();
			expect(shownPrompt(zoomed)).toBeGreaterThan(beside);
			expect(zoomed).not.toContain(' Filters ');
			screenFits(zoomed, size);
			await run.type('Z', mode);
			await run.waitForText(' Requests ');
			return zoomed;
		});
	});
});

describe('diff', () => {
	it('D at 120 x 40 puts the marked request beside the selected one, marks each difference, and ] goes to the next', async () => {
		const size = {cols: 120, rows: 40};
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(['--api-url', emulator.url, '-e', 'fal-ai/flux/dev', '--since', '2h'], {...size, env: {FAL_KEY: secretKey}});
			await run.waitFor(isSettled, 15_000);
			const [first, , third] = loadedRows(emulator, run.screen());
			await run.type('mjjD', mode);
			await run.waitFor(screen => / Diff {2}\d+ changed/.test(screen));
			const screen = run.screen();
			const header = screen.split('\n').find(line => line.includes('│'))!;
			expect(header.indexOf(first!.request_id.slice(0, 8))).toBeLessThan(header.indexOf(third!.request_id.slice(0, 8)));
			// Side by side: a changed value has the mark between its two halves.
			expect(screen).toMatch(/^ {3,}"prompt": .* ~ {5}"prompt": /m);
			screenFits(screen, size);
			await run.type(']', mode);
			await run.waitForText(/difference \d+ of \d+/);
			await run.type('\u001B', mode);
			await run.waitForText(' Requests ');
			return screen;
		// Beside the list, the detail pane looks up the payloads of the row the cursor rests on: paced, it rests on the row j passes.
		}, {isCompared: entry => entry.query['request_id'] === undefined});
	});

	it('D at 80 x 24 without colour: unified, each line readable by its mark', async () => {
		const size = {cols: 80, rows: 24};
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(['--api-url', emulator.url, '-e', 'fal-ai/flux/dev', '--since', '2h'], {...size, env: {FAL_KEY: secretKey, NO_COLOR: '1'}});
			await run.waitFor(isSettled, 15_000);
			await run.type('mjD', mode);
			await run.waitFor(screen => / Diff {2}\d+ changed/.test(screen));
			const screen = run.screen();
			expect(run.output()).not.toMatch(/\u001B\[3\dm/);
			expect(screen).toMatch(/^ - {5}"prompt": /m);
			expect(screen).toMatch(/^ \+ {5}"prompt": /m);
			screenFits(screen, size);
			return screen;
		});
	});
});

/** A loopback server that keeps the one request it gets. */
async function recordingServer(): Promise<{url: string; received: Promise<{method: string; path: string; authorization: string | undefined; body: Buffer}>; close: () => void}> {
	let resolve!: (request: {method: string; path: string; authorization: string | undefined; body: Buffer}) => void;
	const received = new Promise<{method: string; path: string; authorization: string | undefined; body: Buffer}>(done => {
		resolve = done;
	});
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			resolve({method: request.method!, path: request.url!, authorization: request.headers.authorization, body: Buffer.concat(chunks)});
			response.end('{"request_id": "queued"}');
		});
	});
	await new Promise<void>(done => {
		server.listen(0, '127.0.0.1', done);
	});
	const {port} = server.address() as {port: number};
	return {url: `http://127.0.0.1:${port}`, received, close: () => server.close()};
}

/** Runs a shell command line with `FAL_KEY` set, curl being the stand-in where the machine has none. */
async function runShell(command: string, env: Record<string, string>): Promise<number> {
	const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-rerun-e2e-'));
	scratch.push(bin);
	if (!isOnPath('curl')) {
		writeCurlStandIn(bin);
	}

	const child = spawn('sh', ['-s'], {env: {...process.env, ...env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`}, stdio: ['pipe', 'ignore', 'inherit']});
	child.stdin.end(command);
	return new Promise(resolve => {
		child.on('exit', code => resolve(code ?? -1));
	});
}

describe('re-run at 80 x 24', () => {
	it('R then 1 copies a curl command that sends the input byte for byte, the key read from $FAL_KEY', async () => {
		const commands: string[] = [];
		let input: unknown;
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			input = emulator.dataset.find(loadedRows(emulator, run.screen())[2]!.request_id, ['payloads'])!.json_input;
			await run.type('jjR1', mode);
			await run.waitForText(/Copied the curl re-run of [\da-f]{8}…/);
			commands.push(lastCopy(run));
			return run.screen();
		});
		const [paced, burst] = commands;
		expect(burst).toBe(paced);
		expect(paced).not.toContain(secretKey);
		expect(paced).toContain(`https://queue.fal.run/${endpoint}`);

		// Aimed at a loopback server instead of fal's queue, the command sends what the API holds as the input.
		const server = await recordingServer();
		try {
			const code = await runShell(paced!.replace('https://queue.fal.run', server.url), {FAL_KEY: 'key-for-the-shell'});
			expect(code).toBe(0);
			const request = await server.received;
			expect([request.method, request.path, request.authorization]).toEqual(['POST', `/${endpoint}`, 'Key key-for-the-shell']);
			expect(JSON.parse(request.body.toString())).toEqual(input);
			expect(request.body.toString()).toBe(JSON.stringify(input));
		} finally {
			server.close();
		}
	});

	it('offers the JavaScript and Python forms, moved to with j and copied with Enter', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = explore(emulator);
			await run.waitFor(isSettled, 15_000);
			await run.type('R', mode);
			await run.waitForText('Python (fal_client)');
			await run.type('j\r', mode);
			await run.waitForText(/Copied the JavaScript \(@fal-ai\/client\) re-run/);
			expect(lastCopy(run)).toContain(`fal.subscribe("${endpoint}"`);
			await run.type('Rjj\r', mode);
			await run.waitForText(/Copied the Python \(fal_client\) re-run/);
			expect(lastCopy(run)).toContain(`fal_client.subscribe("${endpoint}"`);
			return run.screen();
		});
	});
});
