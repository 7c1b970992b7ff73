/**
 * The payload viewer end to end: the built CLI in a pseudo-terminal against
 * the emulator, on its multi-MB and hostile payloads: fold, search, copy
 * (the exact OSC 52 bytes), a stand-in $PAGER and $EDITOR, and save.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {hostileStrings} from '../../source/emulator/hostile.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {list} from '../emulator/helpers.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';
import {tokens} from '../json/json-text.js';

const esc = '\u001B';
let emulator: Emulator;
let directory: string;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']}});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	disposeRuns();
	fs.rmSync(directory, {recursive: true, force: true});
});

function osc52(text: string): string {
	return `${esc}]52;c;${Buffer.from(text).toString('base64')}\u0007`;
}

function withPayloads(requestId: string): RequestItem {
	return emulator.dataset.find(requestId, ['payloads'])!;
}

/** The shown payload as `Y`, `o` and `O` give it: input then output, two-space JSON. */
function shownJson(item: RequestItem): string {
	return JSON.stringify({input: item.json_input, output: item.json_output}, null, 2);
}

/** Runs the explorer on one request, got into the list at once with --request-id, and opens it. */
async function openRequest(requestId: string, options: {cols?: number; rows?: number; env?: Record<string, string>} = {}): Promise<CliRun> {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-payload-e2e-'));
	const item = emulator.dataset.find(requestId)!;
	const run = spawnCli(['--api-url', emulator.url, '-e', item.endpoint_id, '--request-id', requestId], {
		cols: options.cols ?? 120,
		rows: options.rows ?? 32,
		cwd: directory,
		env: {FAL_KEY: secretKey, TMPDIR: directory, ...options.env},
	});
	// The filter pane shows the request id too: wait for the list's row.
	// Bounded generously: on a loaded 2-core machine the first page can take a while.
	await run.waitForText(new RegExp(`› .* ${requestId.slice(0, 8)}`), 20_000);
	await run.press('enter');
	// Beside the list the payload shows before Enter is handled: wait for the detail pane's keys.
	await run.waitFor(screen => screen.includes('"input": {') && screen.includes('Esc back to the list'));
	return run;
}

/** `s`, a part by its key, and Enter on the file name offered. */
async function saveWithDefaultName(run: CliRun, key: string, part: string): Promise<void> {
	await run.write('s');
	await run.waitForText('Save which?');
	await run.write(key);
	await run.waitForText(`Save the ${part} as`);
	await run.press('enter');
}

/** The text of the last OSC 52 copy the program wrote. */
function lastCopy(run: CliRun): string {
	const copies = [...run.output().matchAll(/\u001B\]52;c;([A-Za-z\d+/=]*)\u0007/g)];
	return Buffer.from(copies.at(-1)![1]!, 'base64').toString();
}

function untilOutput(run: CliRun, bytes: string): Promise<void> {
	return run.waitFor(() => run.output().includes(bytes));
}

describe('payload viewer in the explorer', () => {
	it('opens a multi-MB payload, folds, searches with a count, and copies over SSH with OSC 52', async () => {
		const smallest = [...emulator.dataset.largePayloads].sort((a, b) => a.bytes - b.bytes)[0]!;
		const item = withPayloads(smallest.requestId);
		const run = await openRequest(smallest.requestId, {env: {SSH_TTY: '/dev/pts/7'}});
		// The data URI starts folded, its size said.
		await run.waitForText(/"url": "data:image\/png;base64,\S*…" 2\.5 M/);
		expect(run.screen()).toContain('input · output');

		// Fold the input and unfold it again.
		await run.write('j');
		await run.waitForText('›  "input"');
		await run.press('enter');
		await run.waitFor(screen => !screen.includes('"negative_prompt"') && /"input": \{.*…/.test(screen));
		await run.press('enter');
		await run.waitForText('"negative_prompt"');
		await run.write('-');
		await run.waitForText('collapsed all');
		await run.write('+');
		await run.waitForText('expanded all');

		// Digits and y typed into the search prompt are its text, not the status filter or a copy.
		await run.write('/');
		await run.waitForText('Enter search');
		await run.write('1024');
		await run.waitForText('/1024');
		await run.press('enter');
		await run.waitForText(/match 1 of \d+/);
		const count = Number(/match 1 of (\d+)/.exec(run.screen())![1]);
		expect(run.screen()).not.toMatch(/· success|· error/);
		await run.write('n');
		await run.waitForText(count > 1 ? `match 2 of ${count}` : `match 1 of ${count}`);

		// Esc closes the prompt and nothing else: the detail pane keeps the keyboard.
		await run.write('/');
		await run.waitForText('Enter search');
		await run.press('esc');
		await run.waitForText('Esc back to the list');

		await run.write('c');
		await run.waitForText(/Copied the value of \.\S+ \(OSC 52\)\./);
		expect(run.output()).toContain(osc52('1024'));
		const copiedPath = /Copied the value of (\S+) \(OSC 52\)/.exec(run.screen())![1]!;
		await run.write('p');
		await untilOutput(run, osc52(copiedPath));

		await run.write('y');
		await untilOutput(run, osc52(smallest.requestId));
		await run.waitForText('Copied the request id (OSC 52).');

		// Several MB is past OSC 52's bound: it goes to a file, and the status says where.
		await run.write('Y');
		await run.waitForText('Not copied the payload JSON: too large for OSC 52');
		const saved = fs.readdirSync(directory).filter(name => name.startsWith('falreq-copy-'));
		expect(saved).toHaveLength(1);
		expect(fs.readFileSync(path.join(directory, saved[0]!), 'utf8')).toBe(shownJson(item));
	});

	it('copies the whole payload through tmux in a DCS passthrough envelope', async () => {
		const row = emulator.dataset.items().find(candidate => candidate.endpoint_id === 'fal-ai/flux/dev' && candidate.status_code === 200)!;
		const item = withPayloads(row.request_id);
		// A tmux whose socket is not there: falreq cannot ask it, so it sends the plain form and this one.
		const run = await openRequest(row.request_id, {env: {TMUX: '/nonexistent/falreq-test-tmux,1,0'}});
		await run.write('Y');
		await run.waitForText('Copied the payload JSON (OSC 52 through tmux).');
		const sequence = osc52(shownJson(item));
		expect(run.output()).toContain(`${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${esc}\\`);
	});

	it('hands the terminal to $PAGER and $EDITOR and comes back with the explorer as it was', async () => {
		const smallest = [...emulator.dataset.largePayloads].sort((a, b) => a.bytes - b.bytes)[0]!;
		const item = withPayloads(smallest.requestId);
		const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-pager-'));
		try {
			// The pager reads a line from the terminal: keys typed meanwhile are its, not the explorer's.
			const pager = path.join(scripts, 'pager');
			fs.writeFileSync(pager, `#!/bin/sh\ncat "$1" > "${scripts}/paged"\nprintf 'PAGER WAITING'\nread line\nprintf '%s' "$line" > "${scripts}/typed"\n`, {mode: 0o755});
			const editor = path.join(scripts, 'editor');
			fs.writeFileSync(editor, `#!/bin/sh\ncat "$1" > "${scripts}/edited"\n`, {mode: 0o755});
			const run = await openRequest(smallest.requestId, {env: {PAGER: pager, EDITOR: editor}});
			await run.write('j');
			await run.waitForText('›  "input"');
			await run.write('j');
			await run.waitForText('›    "prompt"');
			const before = run.output().length;

			await run.write('o');
			await run.waitForText('PAGER WAITING');
			await run.write('qj3\r');
			await run.waitForText('Back from the pager.');
			expect(fs.readFileSync(path.join(scripts, 'paged'), 'utf8')).toBe(shownJson(item));
			expect(fs.readFileSync(path.join(scripts, 'typed'), 'utf8')).toBe('qj3');
			const handOver = run.output().slice(before);
			expect(handOver.indexOf(`${esc}[?1049l`)).toBeGreaterThanOrEqual(0);
			expect(handOver.indexOf(`${esc}[?1049h`)).toBeGreaterThan(handOver.indexOf(`${esc}[?1049l`));

			// Whole again: the same request, the cursor where it was, keys still work.
			await run.waitForText('›    "prompt"');
			expect(run.screen()).toContain(smallest.requestId);
			expect(run.screen()).not.toContain('PAGER WAITING');
			await run.write('j');
			await run.waitForText('›    "negative_prompt"');

			await run.write('O');
			await run.waitForText('Back from the editor.');
			expect(fs.readFileSync(path.join(scripts, 'edited'), 'utf8')).toBe(shownJson(item));
		} finally {
			fs.rmSync(scripts, {recursive: true, force: true});
		}
	});

	it('saves the output or the whole request, and replaces a file only after a yes', async () => {
		const row = emulator.dataset.items().find(candidate => candidate.endpoint_id === 'fal-ai/flux/dev' && candidate.status_code === 200)!;
		const item = withPayloads(row.request_id);
		const run = await openRequest(row.request_id, {cols: 80, rows: 24});
		const file = path.join(directory, `falreq-${row.request_id}-output.json`);

		await run.write('s');
		await run.waitForText('Save which?');
		await run.write('o');
		await run.waitForText(`falreq-${row.request_id.slice(0, 8)}`);
		await run.press('enter');
		await run.waitForText('Saved the output to');
		expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(item.json_output, null, 2)}\n`);

		fs.writeFileSync(file, 'mine');
		await saveWithDefaultName(run, 'o', 'output');
		await run.waitForText('exists. Replace it?');
		await run.write('n');
		await run.waitForText('Not replaced.');
		expect(fs.readFileSync(file, 'utf8')).toBe('mine');
		// Esc leaves the prompt, not the request.
		await run.press('esc');
		await run.waitFor(screen => !screen.includes('Save the output as'));
		expect(run.screen()).toContain('"input": {');

		await saveWithDefaultName(run, 'o', 'output');
		await run.waitForText('exists. Replace it?');
		await run.write('y');
		await run.waitForText('Saved the output to');
		expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(item.json_output, null, 2)}\n`);

		await saveWithDefaultName(run, 'r', 'request');
		await run.waitForText('Saved the whole request to');
		const request = JSON.parse(fs.readFileSync(path.join(directory, `falreq-${row.request_id}-request.json`), 'utf8')) as RequestItem;
		expect(request).toMatchObject({request_id: row.request_id, json_input: item.json_input, json_output: item.json_output});
	});

	it('shows a hostile payload with its escapes made visible, none reaching the terminal raw', async () => {
		const requestId = emulator.dataset.special.hostile[0]!;
		const run = await openRequest(requestId);
		await run.waitForText('a cat on a windowsill');
		// Unfold the long prompt string, to see all of it.
		await run.write('j');
		await run.waitForText('›  "input"');
		await run.write('j');
		await run.waitForText('›    "prompt"');
		await run.press('enter');
		await run.waitForText('\\u202egnp.exe');
		expect(run.screen()).toContain('\\e[2J\\e[H');
		const output = run.output();
		// Ink clears with ESC[H ESC[2J itself; the payload's clear is ESC[2J ESC[H.
		for (const raw of [...Object.values(hostileStrings), `${esc}]52;`, `${esc}]0;`, `${esc}]8;`, `${esc}P`, '\u202E', '\u009B']) {
			expect(output.includes(raw), JSON.stringify(raw)).toBe(false);
		}
	});

	it('opens a payload nested 10,000 deep without crashing', async () => {
		const deep = await openRequest(emulator.dataset.special.deepNesting);
		// To the last line, through all 10,000 levels, and back to the top.
		await deep.write('G');
		await deep.waitForText(/^ +›\}$/m);
		await deep.write('g');
		await deep.waitForText(/^ +›\{$/m);
		await deep.write('q');
		await expect(deep.exited).resolves.toMatchObject({exitCode: 0});
	});

	it('shows, copies and saves the API\'s own text: numbers a float cannot hold, -0.0, key order, escapes', async () => {
		const requestId = emulator.dataset.special.hugeNumbers;
		const {input, output} = emulator.dataset.payloadText(requestId)!;
		const run = await openRequest(requestId, {cols: 160, env: {SSH_TTY: '/dev/pts/7'}});

		// Found by its literal, shown as written and marked.
		await run.write('/');
		await run.waitForText('Enter search');
		await run.write('1e999');
		await run.waitForText('/1e999');
		await run.press('enter');
		await run.waitForText('match 1 of 1');
		expect(run.screen()).toMatch(/› +"nsfw_score": 1e999 \(beyond float range\)/);
		expect(run.screen()).toContain('"request_count": 123456789012345678901234567890 (not exact');
		await run.write('c');
		await run.waitForText('Copied the value of .output.nsfw_score (OSC 52).');
		expect(lastCopy(run)).toBe('1e999');

		await run.write('Y');
		await run.waitForText('Copied the payload JSON (OSC 52).');
		const copied = lastCopy(run);
		expect(tokens(copied)).toBe(`{"input":${input!},"output":${output!}}`);
		const lines = [
			'"max_seed": 18446744073709551615,',
			'"strength": 0.10',
			'"request_count": 123456789012345678901234567890,',
			'"min_score": -1e400,',
			'"offset": -0.0,',
			'"steps": 1E2,',
			String.raw`"caption": "caf\u00e9 \"au lait\" \/ \ud83d\ude00",`,
		];
		for (const line of lines) {
			expect(copied).toContain(line);
		}

		expect(copied).toMatch(/"counts": \{\n +"b": 1,\n +"2": 2,\n +"1": 3\n +\}/);
		expect(copied).toMatch(/"tag": "first",\n +"tag": "last"\n/);

		await saveWithDefaultName(run, 'o', 'output');
		await run.waitForText('Saved the output to');
		const saved = fs.readFileSync(path.join(directory, `falreq-${requestId}-output.json`), 'utf8');
		expect(saved.endsWith('}\n')).toBe(true);
		expect(tokens(saved)).toBe(output);
		expect(copied).toContain(saved.trimEnd().replaceAll('\n', '\n  '));

		await saveWithDefaultName(run, 'r', 'request');
		await run.waitForText('Saved the whole request to');
		const item = emulator.dataset.find(requestId)!;
		const answer = await list(emulator, [['endpoint_id', item.endpoint_id], ['request_id', requestId], ['expand', 'payloads'], ['limit', '1']]);
		const request = tokens(fs.readFileSync(path.join(directory, `falreq-${requestId}-request.json`), 'utf8'));
		expect(answer.text).toBe(`{"items":[${request}],"next_cursor":null,"has_more":false}`);
	});
});
