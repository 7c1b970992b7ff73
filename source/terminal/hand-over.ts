/**
 * Hand the terminal to $PAGER or $EDITOR and take it back.
 *
 * The child runs with spawnSync and inherited stdio: while it runs, Node's
 * event loop is blocked, so Ink cannot read a single keystroke meant for the
 * pager. SIGINT and SIGQUIT (Ctrl-C, Ctrl-\ in the pager) reach our whole
 * process group; like git, we ignore them until the child is done.
 */

import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

export type HandOverCommand = 'pager' | 'editor';

export type OpenOptions = {
	/** PAGER, VISUAL, EDITOR and PATH are read from it; the child gets it as its environment. */
	env: NodeJS.ProcessEnv;
	/** Which program to run. Default 'pager'. */
	command?: HandOverCommand;
};

export type OpenResult = {ok: true} | {ok: false; message: string};

/** $PAGER (default `less`), or $VISUAL / $EDITOR (default `vi`). May hold arguments: it is run by the shell, as git does. */
export function commandFor(command: HandOverCommand, env: NodeJS.ProcessEnv): string {
	if (command === 'editor') {
		return env['VISUAL'] || env['EDITOR'] || 'vi';
	}

	return env['PAGER'] || 'less';
}

const ignore = (): void => {};

/**
 * Write `text` to a private temporary file (0600, in a 0700 directory), run
 * the pager or editor on it with the terminal handed over, and remove the file
 * afterwards. Pass the pretty-printed payload as the API wrote it (`shownText`).
 */
export async function openInPager(text: string, options: OpenOptions): Promise<OpenResult> {
	const command = options.command ?? 'pager';
	const program = commandFor(command, options.env);
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'falreq-'));
	try {
		const file = path.join(directory, 'payload.json');
		await fs.writeFile(file, text, {mode: 0o600});
		process.on('SIGINT', ignore);
		process.on('SIGQUIT', ignore);
		let result;
		try {
			result = spawnSync('/bin/sh', ['-c', `${program} "$1"`, 'falreq', file], {stdio: 'inherit', env: options.env});
		} finally {
			process.off('SIGINT', ignore);
			process.off('SIGQUIT', ignore);
		}

		const name = command === 'editor' ? 'editor' : 'pager';
		const variable = command === 'editor' ? '$EDITOR' : '$PAGER';
		if (result.error) {
			return {ok: false, message: `Could not start the ${name}: ${result.error.message}.`};
		}

		if (result.status === 127) {
			return {ok: false, message: `The ${name} \`${program}\` was not found. Set ${variable} to a program that exists.`};
		}

		if (result.status !== 0) {
			const how = result.status === null ? `was stopped by ${result.signal ?? 'a signal'}` : `exited with status ${result.status}`;
			return {ok: false, message: `The ${name} \`${program}\` ${how}.`};
		}

		return {ok: true};
	} finally {
		await fs.rm(directory, {recursive: true, force: true});
	}
}

/** What {@link handOverTerminal} needs from Ink: `useStdin().stdin`, `useStdout().stdout` and `useStdout().write`. */
export type TerminalHandles = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Ink's `useStdout().write`: it erases Ink's frame, writes, and draws the whole frame again. */
	write: (data: string) => void;
	/** True when the app draws on the alternate screen; it is left for the child and entered again after. Default false. */
	isAlternateScreen?: boolean;
};

const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';
const enterAlternate = '\u001B[?1049h';
const leaveAlternate = '\u001B[?1049l';
const clearScreen = '\u001B[2J\u001B[H';

/**
 * Give the terminal to `run` (e.g. `() => openInPager(...)`) and take it back:
 * cooked mode and a visible cursor for the child, then raw mode, hidden
 * cursor, and a full repaint of Ink's last frame. Ink's own raw-mode count is
 * left alone, so its input handling resumes as if nothing happened.
 */
export async function handOverTerminal<T>(terminal: TerminalHandles, run: () => Promise<T>): Promise<T> {
	const {stdin, stdout} = terminal;
	const wasRaw = stdin.isTTY && stdin.isRaw;
	if (wasRaw) {
		stdin.setRawMode(false);
	}

	stdout.write((terminal.isAlternateScreen ? leaveAlternate : '') + showCursor);
	try {
		return await run();
	} finally {
		if (wasRaw) {
			stdin.setRawMode(true);
		}

		stdout.write((terminal.isAlternateScreen ? enterAlternate : '') + hideCursor + clearScreen);
		// Ink's log-update draws only what changed; after a clear it must draw everything.
		terminal.write('');
	}
}
