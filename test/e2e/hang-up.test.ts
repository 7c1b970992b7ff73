/**
 * A terminal that hangs up (the SSH connection drops, `tmux kill-session`)
 * is a normal way for the explorer to end: it exits 129, quietly, with no
 * `read EIO`, no Node assertion and no native stack trace. The explorer runs
 * in a tmux server of the test's own; the session is killed under it.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, beforeEach, expect, it} from 'vitest';
import {cliPath, projectRoot} from '../helpers/pty.js';

const execFileAsync = promisify(execFile);
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-hang-up-'));
});

afterEach(async () => {
	await tmux('kill-server').catch(() => undefined);
	fs.rmSync(directory, {recursive: true, force: true});
});

async function tmux(...args: string[]): Promise<string> {
	const {stdout} = await execFileAsync('tmux', ['-S', path.join(directory, 'socket'), '-f', '/dev/null', ...args], {
		env: {PATH: process.env['PATH'] ?? '', HOME: directory, LANG: 'C.UTF-8', TERM: 'xterm-256color'},
	});
	return stdout;
}

/** Polls `check` every 50 ms until it gives a value, within a bound. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

// eslint-disable-next-line no-control-regex
const escapes = /\u001B\[[\d;?]*[A-Za-z]/g;

it.each([
	// The shell keeps running (it handles SIGHUP itself) to write the exit code; the explorer gets SIGHUP.
	{how: 'SIGHUP, then the terminal gone', trap: 'trap : HUP'},
	// SIGHUP ignored (nohup, some SSH setups): the explorer only finds its input at an end and its output refused.
	{how: 'the terminal gone, SIGHUP ignored', trap: 'trap "" HUP'},
])('ends quietly with 129 on a hang-up: $how', async ({trap}) => {
	const code = path.join(directory, 'code');
	const stderr = path.join(directory, 'stderr');
	const run = `${trap}; ${process.execPath} ${cliPath} --demo 2>${stderr}; echo $? > ${code}`;
	await tmux('new-session', '-d', '-s', 'falreq', '-x', '100', '-y', '30', '-c', projectRoot, 'bash', '-c', run);
	await until(async () => ((await tmux('capture-pane', '-p', '-t', 'falreq')).includes('[demo]') ? true : undefined), 'the explorer on screen');
	await tmux('kill-session', '-t', 'falreq');
	const exitCode = await until(() => (fs.existsSync(code) ? fs.readFileSync(code, 'utf8').trim() || undefined : undefined), 'the exit code');
	expect(exitCode, fs.readFileSync(stderr, 'utf8')).toBe('129');
	// Only what Ink writes on its way out (the cursor shown) may reach stderr: no sentence, no stack.
	expect(fs.readFileSync(stderr, 'utf8').replaceAll(escapes, '')).toBe('');
});
