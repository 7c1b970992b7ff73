/**
 * Copying inside tmux, against a real tmux server on its own socket: for each
 * setting of set-clipboard and allow-passthrough, what lands in tmux's buffer,
 * what reaches the terminal tmux is attached to, and what falreq says.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import {copyText} from '../../source/terminal/clipboard.js';
import {spawnInPty, type CliRun} from '../helpers/pty.js';
import {isOnPath} from '../helpers/on-path.js';

const execFileAsync = promisify(execFile);
const socketName = `falreq-clipboard-${process.pid}`;

type Tmux = {
	/** Runs a tmux command on the test's server and returns what it printed. */
	run(...args: string[]): Promise<string>;
	/** The environment of a program in the pane: TMUX and TMUX_PANE as tmux sets them. */
	env: NodeJS.ProcessEnv;
	/** Writes to the pane's terminal, as a program in the pane would. */
	write(data: string): void;
	/** A client attached to the session, in a pseudo-terminal: the outer terminal. */
	client: CliRun;
	stop(): Promise<void>;
};

async function startTmux(): Promise<Tmux> {
	if (!isOnPath('tmux')) {
		throw new Error('These tests need tmux 3.3 or later on PATH (on Debian: apt-get install tmux), and it is not there.');
	}

	const run = async (...args: string[]): Promise<string> => (await execFileAsync('tmux', ['-L', socketName, ...args])).stdout;
	await run('-f', '/dev/null', 'new-session', '-d', '-s', 'copy', '-x', '80', '-y', '24', 'cat');
	const [tty, socket, pid, pane] = (await run('display-message', '-p', '-t', 'copy', '#{pane_tty} #{socket_path} #{pid} #{pane_id}')).trim().split(' ');
	// allow-passthrough lets a sequence out only from a pane that a client shows.
	const client = spawnInPty('tmux', ['-L', socketName, 'attach-session', '-t', 'copy'], {isRawModeAwaited: false});
	await client.waitForText('[copy]');
	const fd = fs.openSync(tty!, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
	return {
		run,
		env: {PATH: process.env['PATH'], TMUX: `${socket},${pid},0`, TMUX_PANE: pane},
		write(data) {
			fs.writeSync(fd, data);
		},
		client,
		async stop() {
			fs.closeSync(fd);
			client.dispose();
			await run('kill-server');
			// tmux leaves its socket behind.
			fs.rmSync(socket!, {force: true});
		},
	};
}

// Awaited in each test, so a machine without tmux fails them with the sentence above rather than skipping them.
const started = startTmux();
started.catch(() => undefined);

afterAll(async () => {
	await (await started.catch(() => undefined))?.stop();
});

const cases = [
	{setClipboard: 'off', passthrough: 'off', isBuffered: false, isPassed: false},
	{setClipboard: 'off', passthrough: 'on', isBuffered: false, isPassed: true},
	{setClipboard: 'external', passthrough: 'off', isBuffered: false, isPassed: false},
	{setClipboard: 'external', passthrough: 'on', isBuffered: false, isPassed: true},
	{setClipboard: 'on', passthrough: 'off', isBuffered: true, isPassed: true},
	{setClipboard: 'on', passthrough: 'on', isBuffered: true, isPassed: true},
];

describe('copying inside tmux', () => {
	it.each(cases)('set-clipboard $setClipboard, allow-passthrough $passthrough', async ({setClipboard, passthrough, isBuffered, isPassed}) => {
		const tmux = await started;
		await tmux.run('set-option', '-g', 'set-clipboard', setClipboard);
		await tmux.run('set-option', '-g', 'allow-passthrough', passthrough);
		for (const buffer of (await tmux.run('list-buffers', '-F', '#{buffer_name}')).split('\n').filter(Boolean)) {
			await tmux.run('delete-buffer', '-b', buffer);
		}

		const text = `request ${setClipboard}/${passthrough} ✓`;
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-clipboard-'));
		const seen = tmux.client.output().length;
		const result = await copyText(text, {env: tmux.env, write: tmux.write, directory});
		// tmux handles a pane's output in order: once the marker is on the outer terminal, so is what came before it.
		const marker = `copied ${setClipboard} ${passthrough}`;
		tmux.write(`\r\n${marker}`);
		await tmux.client.waitForText(marker);

		expect((await tmux.run('list-buffers', '-F', '#{buffer_name}')).trim() !== '').toBe(isBuffered);
		if (isBuffered) {
			expect(await tmux.run('show-buffer')).toBe(text);
		}

		const outer = tmux.client.output().slice(seen);
		expect(outer.includes(Buffer.from(text).toString('base64'))).toBe(isPassed);
		if (isPassed) {
			expect(result).toEqual({method: 'osc52', detail: 'OSC 52 through tmux'});
		} else {
			const file = path.join(directory, fs.readdirSync(directory)[0]!);
			expect(result).toEqual({method: 'file', detail: `tmux lets no clipboard sequence through (set-clipboard ${setClipboard}, allow-passthrough off): saved to ${file}`});
			expect(fs.readFileSync(file, 'utf8')).toBe(text);
		}

		fs.rmSync(directory, {recursive: true, force: true});
	});
});
