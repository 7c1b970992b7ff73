/**
 * The payload viewer end to end: the built CLI in a pseudo-terminal against
 * the emulator, on its multi-MB and hostile payloads: fold, search, copy
 * (the exact OSC 52 bytes), a stand-in $PAGER and $EDITOR, and save.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {hostileStrings} from '../../source/emulator/hostile.js';
import type {Emulator} from '../../source/emulator/server.js';
import {list} from '../emulator/helpers.js';
import {inBothModes, maskText} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';
import {tokens} from '../json/json-text.js';

const esc = '\u001B';
const scratch: string[] = [];

afterEach(() => {
	disposeRuns();
	for (const directory of scratch.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

/** A fresh temporary directory, removed after the test. */
function scratchDirectory(prefix: string): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	scratch.push(directory);
	return directory;
}

function osc52(text: string): string {
	return `${esc}]52;c;${Buffer.from(text).toString('base64')}\u0007`;
}

function withPayloads(emulator: Emulator, requestId: string): RequestItem {
	return emulator.dataset.find(requestId, ['payloads'])!;
}

/** The shown payload as `Y`, `o` and `O` give it: input then output, two-space JSON. */
function shownJson(item: RequestItem): string {
	return JSON.stringify({input: item.json_input, output: item.json_output}, null, 2);
}

function smallestLargePayload(emulator: Emulator): string {
	return [...emulator.dataset.largePayloads].sort((a, b) => a.bytes - b.bytes)[0]!.requestId;
}

function fluxSuccess(emulator: Emulator): string {
	return emulator.dataset.items().find(candidate => candidate.endpoint_id === 'fal-ai/flux/dev' && candidate.status_code === 200)!.request_id;
}

type Opened = {
	run: CliRun;
	/** The explorer's working directory and TMPDIR, where it saves. */
	directory: string;
};

/** Runs the explorer on one request, got into the list at once with --request-id, and opens it. */
async function openRequest(emulator: Emulator, requestId: string, options: {cols?: number; rows?: number; env?: Record<string, string>} = {}): Promise<Opened> {
	const directory = scratchDirectory('falreq-payload-e2e-');
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
	return {run, directory};
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
		await inBothModes(async ({mode, emulator}) => {
			const requestId = smallestLargePayload(emulator);
			const {run, directory} = await openRequest(emulator, requestId, {env: {SSH_TTY: '/dev/pts/7'}});
			// The data URI starts folded, its size said.
			await run.waitForText(/"url": "data:image\/png;base64,\S*… 2\.5 M/);
			expect(run.screen()).toContain('input · output');

			// Fold the input and unfold it again.
			await run.type('j<enter>', mode);
			await run.waitFor(screen => screen.includes('›  "input"') && !screen.includes('"negative_prompt"') && /"input": \{.*…/.test(screen));
			await run.type('<enter>', mode);
			await run.waitForText('"negative_prompt"');
			await run.type('-', mode);
			await run.waitForText('collapsed all');
			await run.type('+', mode);
			await run.waitForText('expanded all');

			// Digits typed into the search prompt are its text, not the status filter.
			await run.type('/1024<enter>', mode);
			await run.waitForText(/match 1 of \d+/);
			const count = Number(/match 1 of (\d+)/.exec(run.screen())![1]);
			expect(run.screen()).not.toMatch(/· success|· error/);
			await run.type('n', mode);
			await run.waitForText(count > 1 ? `match 2 of ${count}` : `match 1 of ${count}`);

			// Esc closes the prompt and nothing else: the detail pane keeps the keyboard, and c copies.
			await run.type('/<esc>c', mode);
			await run.waitForText(/Copied the value of \.\S+ \(OSC 52\)\./);
			expect(run.output()).toContain(osc52('1024'));
			const copiedPath = /Copied the value of (\S+) \(OSC 52\)/.exec(run.screen())![1]!;
			await run.type('py', mode);
			await untilOutput(run, osc52(copiedPath));
			await untilOutput(run, osc52(requestId));
			await run.waitForText('Copied the request id (OSC 52).');

			// Several MB is past OSC 52's bound: it goes to a file, and the status says where.
			await run.type('Y', mode);
			await run.waitForText('Not copied the payload JSON: too large for OSC 52');
			const saved = fs.readdirSync(directory).filter(name => name.startsWith('falreq-copy-'));
			expect(saved).toHaveLength(1);
			expect(fs.readFileSync(path.join(directory, saved[0]!), 'utf8')).toBe(shownJson(withPayloads(emulator, requestId)));
			return maskText(maskText(run.screen(), directory), saved[0]!);
		});
	});

	it('copies the whole payload through tmux in a DCS passthrough envelope', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const requestId = fluxSuccess(emulator);
			const {run} = await openRequest(emulator, requestId, {env: {TMUX: '/nonexistent/falreq-test-tmux,1,0'}});
			// A tmux whose socket is not there: falreq cannot ask it, so it sends the plain form and this one.
			await run.type('Y', mode);
			await run.waitForText('Copied the payload JSON (OSC 52 through tmux).');
			const sequence = osc52(shownJson(withPayloads(emulator, requestId)));
			expect(run.output()).toContain(`${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${esc}\\`);
			return run.screen();
		});
	});

	it('hands the terminal to $PAGER and $EDITOR and comes back with the explorer as it was', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const requestId = smallestLargePayload(emulator);
			const scripts = scratchDirectory('falreq-pager-');
			// The pager reads a line from the terminal: keys typed meanwhile are its, not the explorer's.
			const pager = path.join(scripts, 'pager');
			fs.writeFileSync(pager, `#!/bin/sh\ncat "$1" > "${scripts}/paged"\nprintf 'PAGER WAITING'\nread line\nprintf '%s' "$line" > "${scripts}/typed"\n`, {mode: 0o755});
			const editor = path.join(scripts, 'editor');
			fs.writeFileSync(editor, `#!/bin/sh\ncat "$1" > "${scripts}/edited"\n`, {mode: 0o755});
			const {run} = await openRequest(emulator, requestId, {env: {PAGER: pager, EDITOR: editor}});
			await run.type('jj', mode);
			await run.waitForText('›    "prompt"');
			const before = run.output().length;

			await run.type('o', mode);
			await run.waitForText('PAGER WAITING');
			await run.type('qj3<enter>', mode);
			await run.waitForText('Back from the pager.');
			const item = withPayloads(emulator, requestId);
			expect(fs.readFileSync(path.join(scripts, 'paged'), 'utf8')).toBe(shownJson(item));
			expect(fs.readFileSync(path.join(scripts, 'typed'), 'utf8')).toBe('qj3');
			const handOver = run.output().slice(before);
			expect(handOver.indexOf(`${esc}[?1049l`)).toBeGreaterThanOrEqual(0);
			expect(handOver.indexOf(`${esc}[?1049h`)).toBeGreaterThan(handOver.indexOf(`${esc}[?1049l`));

			// Whole again: the same request, the cursor where it was, keys still work.
			await run.waitForText('›    "prompt"');
			expect(run.screen()).toContain(requestId);
			expect(run.screen()).not.toContain('PAGER WAITING');
			await run.type('jO', mode);
			await run.waitFor(screen => screen.includes('Back from the editor.') && screen.includes('›    "negative_prompt"'));
			expect(fs.readFileSync(path.join(scripts, 'edited'), 'utf8')).toBe(shownJson(item));
			return run.screen();
		});
	});

	it('saves the output or the whole request, and replaces a file only after a yes', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const requestId = fluxSuccess(emulator);
			const item = withPayloads(emulator, requestId);
			const {run, directory} = await openRequest(emulator, requestId, {cols: 80, rows: 24});
			const file = path.join(directory, `falreq-${requestId}-output.json`);

			// s, the part by its key, and Enter on the file name offered.
			await run.type('so<enter>', mode);
			await run.waitForText('Saved the output to');
			expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(item.json_output, null, 2)}\n`);

			fs.writeFileSync(file, 'mine');
			await run.type('so<enter>', mode);
			await run.waitForText('exists. Replace it?');
			await run.type('n', mode);
			await run.waitForText('Not replaced.');
			expect(fs.readFileSync(file, 'utf8')).toBe('mine');
			// Esc leaves the prompt, not the request.
			await run.type('<esc>', mode);
			await run.waitFor(screen => !screen.includes('Save the output as'));
			expect(run.screen()).toContain('"input": {');

			await run.type('so<enter>', mode);
			await run.waitForText('exists. Replace it?');
			await run.type('y', mode);
			await run.waitForText('Saved the output to');
			expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(item.json_output, null, 2)}\n`);

			await run.type('sr<enter>', mode);
			await run.waitForText('Saved the whole request to');
			const request = JSON.parse(fs.readFileSync(path.join(directory, `falreq-${requestId}-request.json`), 'utf8')) as RequestItem;
			expect(request).toMatchObject({request_id: requestId, json_input: item.json_input, json_output: item.json_output});
			return maskText(run.screen(), directory);
		});
	});

	it('shows a hostile payload with its escapes made visible, none reaching the terminal raw', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const {run} = await openRequest(emulator, emulator.dataset.special.hostile[0]!);
			await run.waitForText('a cat on a windowsill');
			// Unfold the long prompt string, to see all of it.
			await run.type('jj<enter>', mode);
			await run.waitForText('\\u202egnp.exe');
			expect(run.screen()).toContain('\\e[2J\\e[H');
			const output = run.output();
			// Ink clears with ESC[H ESC[2J itself; the payload's clear is ESC[2J ESC[H.
			for (const raw of [...Object.values(hostileStrings), `${esc}]52;`, `${esc}]0;`, `${esc}]8;`, `${esc}P`, '\u202E', '\u009B']) {
				expect(output.includes(raw), JSON.stringify(raw)).toBe(false);
			}

			return run.screen();
		});
	});

	it('opens a payload nested 10,000 deep without crashing: to the last line and back', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const {run} = await openRequest(emulator, emulator.dataset.special.deepNesting);
			await run.type('G', mode);
			await run.waitForText(/^ +›\}$/m);
			await run.type('g', mode);
			await run.waitForText(/^ +›\{$/m);
			await run.type('q', mode);
			await expect(run.exited).resolves.toMatchObject({exitCode: 0});
			return run.screen();
		});
	});

	it('shows, copies and saves the API\'s own text: numbers a float cannot hold, -0.0, key order, escapes', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const requestId = emulator.dataset.special.hugeNumbers;
			const {input, output} = emulator.dataset.payloadText(requestId)!;
			const {run, directory} = await openRequest(emulator, requestId, {cols: 160, env: {SSH_TTY: '/dev/pts/7'}});

			// Found by its literal, shown as written and marked; c copies it as written.
			await run.type('/1e999<enter>', mode);
			await run.waitForText('match 1 of 1');
			expect(run.screen()).toMatch(/› +"nsfw_score": 1e999 \(beyond float range\)/);
			expect(run.screen()).toContain('"request_count": 123456789012345678901234567890 (not exact');
			await run.type('c', mode);
			await run.waitForText('Copied the value of .output.nsfw_score (OSC 52).');
			expect(lastCopy(run)).toBe('1e999');

			await run.type('Y', mode);
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

			await run.type('so<enter>', mode);
			await run.waitForText('Saved the output to');
			const saved = fs.readFileSync(path.join(directory, `falreq-${requestId}-output.json`), 'utf8');
			expect(saved.endsWith('}\n')).toBe(true);
			expect(tokens(saved)).toBe(output);
			expect(copied).toContain(saved.trimEnd().replaceAll('\n', '\n  '));

			await run.type('sr<enter>', mode);
			await run.waitForText('Saved the whole request to');
			const item = emulator.dataset.find(requestId)!;
			const answer = await list(emulator, [['endpoint_id', item.endpoint_id], ['request_id', requestId], ['expand', 'payloads'], ['limit', '1']]);
			const request = tokens(fs.readFileSync(path.join(directory, `falreq-${requestId}-request.json`), 'utf8'));
			expect(answer.text).toBe(`{"items":[${request}],"next_cursor":null,"has_more":false}`);
			return maskText(run.screen(), directory);
		});
	});
});
