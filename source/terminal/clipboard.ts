/**
 * Copy text to the user's clipboard, wherever the user is.
 *
 * Over SSH or inside tmux only the terminal emulator on the user's own machine
 * can reach their clipboard, through OSC 52. Locally a native tool is surer
 * (not every terminal honours OSC 52), so it wins when present. Text too large
 * for OSC 52 goes to a file instead, and the caller says where.
 */

import {spawn} from 'node:child_process';
import {constants} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {formatBytes} from '../json/preview.js';

export type CopyMethod = 'osc52' | 'native' | 'file';

export type CopyResult = {method: CopyMethod; detail: string};

/** A status-bar sentence saying what was copied and how, e.g. 'Copied the request id (OSC 52).'; `what` is shown as given. */
export function describeCopy(what: string, result: CopyResult): string {
	return result.method === 'file' ? `Not copied ${what}: ${result.detail}.` : `Copied ${what} (${result.detail}).`;
}

export type CopyOptions = {
	/** Decides the route: SSH_TTY/SSH_CONNECTION, TMUX, WAYLAND_DISPLAY, DISPLAY, PATH. */
	env: NodeJS.ProcessEnv;
	/** Writes raw bytes to the terminal (the OSC 52 sequence). */
	write: (data: string) => void;
	/** Where text too large for OSC 52 is saved. Default: the system temporary directory. */
	directory?: string;
};

/**
 * Longest OSC 52 sequence sent: 100,000 bytes, about 74 KB of text once base64
 * encoded. hterm (Chrome OS, Secure Shell) drops longer sequences, and the
 * osc52 helper scripts and vim-oscyank use the same bound; xterm, kitty and
 * iTerm2 take more, but a copy that silently fails is worse than a file.
 */
export const osc52Limit = 100_000;

const esc = '\u001B';
const bel = '\u0007';

/** The OSC 52 sequence setting the clipboard ('c') to `text`. */
export function osc52(text: string): string {
	return `${esc}]52;c;${Buffer.from(text).toString('base64')}${bel}`;
}

/**
 * tmux passes a sequence on to the outer terminal only inside a DCS
 * `tmux;` envelope, with every ESC in it doubled (needs `allow-passthrough on` from tmux 3.3).
 */
export function tmuxPassthrough(sequence: string): string {
	return `${esc}Ptmux;${sequence.replaceAll(esc, esc + esc)}${esc}\\`;
}

function isRemote(env: NodeJS.ProcessEnv): boolean {
	return Boolean(env['SSH_TTY'] ?? env['SSH_CONNECTION'] ?? env['SSH_CLIENT']);
}

async function findExecutable(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
	for (const directory of (env['PATH'] ?? '').split(path.delimiter)) {
		if (!directory) {
			continue;
		}

		const candidate = path.join(directory, name);
		try {
			// eslint-disable-next-line no-await-in-loop -- the first hit wins, in PATH order
			await fs.access(candidate, constants.X_OK);
			return candidate;
		} catch {}
	}

	return undefined;
}

/** Native clipboard tools in order of preference, for the display server that is there. */
function nativeTools(env: NodeJS.ProcessEnv): Array<{name: string; args: string[]}> {
	const tools: Array<{name: string; args: string[]}> = [];
	if (env['WAYLAND_DISPLAY']) {
		tools.push({name: 'wl-copy', args: []});
	}

	if (env['DISPLAY']) {
		tools.push({name: 'xclip', args: ['-selection', 'clipboard']}, {name: 'xsel', args: ['--clipboard', '--input']});
	}

	tools.push({name: 'pbcopy', args: []});
	return tools;
}

/** Pipe the text into a tool; xclip and wl-copy fork to keep serving, so wait for exit, not for closed pipes. */
async function runTool(file: string, args: string[], text: string, env: NodeJS.ProcessEnv): Promise<boolean> {
	return new Promise(resolve => {
		const child = spawn(file, args, {env, stdio: ['pipe', 'ignore', 'ignore']});
		child.once('error', () => {
			resolve(false);
		});
		child.once('exit', code => {
			resolve(code === 0);
		});
		child.stdin.once('error', () => {});
		child.stdin.end(text);
	});
}

async function copyNative(text: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
	for (const tool of nativeTools(env)) {
		// eslint-disable-next-line no-await-in-loop -- tried one after another, first success wins
		const file = await findExecutable(tool.name, env);
		// eslint-disable-next-line no-await-in-loop
		if (file && (await runTool(file, tool.args, text, env))) {
			return tool.name;
		}
	}

	return undefined;
}

async function saveToFile(text: string, directory: string): Promise<string> {
	const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
	const file = path.join(directory, `falreq-copy-${stamp}-${process.pid}.txt`);
	await fs.writeFile(file, text, {mode: 0o600, flag: 'wx'});
	return file;
}

/**
 * Copy `text`: OSC 52 over SSH or in tmux (wrapped for tmux), a native tool
 * (wl-copy, xclip, xsel, pbcopy) when local and present, OSC 52 otherwise;
 * text too large for OSC 52 is saved to a file instead. `detail` is a phrase
 * for the status bar: 'OSC 52', 'OSC 52 through tmux', 'xclip', or where the file is.
 */
export async function copyText(text: string, options: CopyOptions): Promise<CopyResult> {
	const {env} = options;
	const isTmux = Boolean(env['TMUX']);
	if (!isRemote(env) && !isTmux) {
		const tool = await copyNative(text, env);
		if (tool) {
			return {method: 'native', detail: tool};
		}
	}

	const sequence = osc52(text);
	if (sequence.length > osc52Limit) {
		const file = await saveToFile(text, options.directory ?? os.tmpdir());
		return {method: 'file', detail: `too large for OSC 52 (${formatBytes(Buffer.byteLength(text))}): saved to ${file}`};
	}

	options.write(isTmux ? tmuxPassthrough(sequence) : sequence);
	return {method: 'osc52', detail: isTmux ? 'OSC 52 through tmux' : 'OSC 52'};
}
