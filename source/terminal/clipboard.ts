/**
 * Copy text to the user's clipboard, wherever the user is.
 *
 * Over SSH or inside tmux or screen only the terminal emulator on the user's
 * own machine can reach their clipboard, through OSC 52. Locally a native tool
 * is surer (not every terminal honours OSC 52), so it wins when present. Text
 * too large for OSC 52, or that tmux would let through by no route, goes to a
 * file instead, and the caller says where.
 */

import {execFile, spawn} from 'node:child_process';
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
	/** Decides the route: SSH_TTY/SSH_CONNECTION, TMUX (and TMUX_PANE), STY, WAYLAND_DISPLAY, DISPLAY, PATH. */
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

/**
 * GNU screen passes the body of a DCS string on to the outer terminal, but
 * keeps at most 256 bytes of one (768 since 4.2.1): the sequence goes in
 * pieces of 252, each in its own envelope, which the terminal reads as one.
 */
export function screenPassthrough(sequence: string): string {
	const pieces = sequence.match(/[\s\S]{1,252}/g) ?? [];
	return pieces.map(piece => `${esc}P${piece}${esc}\\`).join('');
}

/** How a copy gets out: the bytes to write and the phrase for the status bar, or why nothing would get through. */
type Route = {sequences: string[]; detail: string} | {refusal: string};

/** What tmux does with a program's clipboard sequences, as the server that runs this pane says. */
type TmuxClipboard = {
	/** `on` takes a plain OSC 52 into a buffer and passes it on; `external` and `off` ignore it. */
	setClipboard: string;
	/** Whether a DCS-wrapped sequence reaches the outer terminal. */
	isPassthroughAllowed: boolean;
};

/** Asks the tmux server in $TMUX about this pane; undefined when it cannot be asked (no tmux on PATH, another user's server). */
async function askTmux(env: NodeJS.ProcessEnv): Promise<TmuxClipboard | undefined> {
	const tmux = await findExecutable('tmux', env);
	if (tmux === undefined) {
		return undefined;
	}

	const pane = env['TMUX_PANE'];
	const args = ['display-message', '-p', ...(pane ? ['-t', pane] : []), '#{set-clipboard} #{allow-passthrough}'];
	const answer = await new Promise<string | undefined>(resolve => {
		execFile(tmux, args, {env, timeout: 2000}, (error, stdout) => {
			resolve(error ? undefined : stdout);
		});
	});
	// allow-passthrough is a flag (1/0) in tmux 3.3, a choice (on/all/off) from 3.4, and absent before 3.3, which let every sequence through.
	const match = /^(on|off|external) ?(\S*)$/.exec(answer?.trim() ?? '');
	return match === null ? undefined : {setClipboard: match[1]!, isPassthroughAllowed: match[2] !== '0' && match[2] !== 'off'};
}

async function tmuxRoute(sequence: string, env: NodeJS.ProcessEnv): Promise<Route> {
	const detail = 'OSC 52 through tmux';
	const tmux = await askTmux(env);
	if (tmux === undefined) {
		// Not knowing, send both: tmux drops what it does not take.
		return {sequences: [sequence, tmuxPassthrough(sequence)], detail};
	}

	const sequences = [...(tmux.setClipboard === 'on' ? [sequence] : []), ...(tmux.isPassthroughAllowed ? [tmuxPassthrough(sequence)] : [])];
	return sequences.length > 0
		? {sequences, detail}
		: {refusal: `tmux lets no clipboard sequence through (set-clipboard ${tmux.setClipboard}, allow-passthrough off)`};
}

async function terminalRoute(sequence: string, env: NodeJS.ProcessEnv): Promise<Route> {
	if (env['TMUX']) {
		return tmuxRoute(sequence, env);
	}

	if (env['STY']) {
		return {sequences: [screenPassthrough(sequence)], detail: 'OSC 52 through screen'};
	}

	return {sequences: [sequence], detail: 'OSC 52'};
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
 * Copy `text`: OSC 52 over SSH or in tmux or screen, a native tool (wl-copy,
 * xclip, xsel, pbcopy) when local and present, OSC 52 otherwise. Inside tmux
 * it sends the plain sequence where `set-clipboard on` takes it and the
 * wrapped one where `allow-passthrough` lets it out, as tmux says; inside
 * screen the wrapped one. Text too large for OSC 52, or that tmux would let
 * through by no route, is saved to a file instead. `detail` is a phrase for
 * the status bar: 'OSC 52', 'OSC 52 through tmux', 'OSC 52 through screen',
 * 'xclip', or why a file and where it is.
 */
export async function copyText(text: string, options: CopyOptions): Promise<CopyResult> {
	const {env} = options;
	const isMultiplexed = Boolean(env['TMUX'] || env['STY']);
	if (!isRemote(env) && !isMultiplexed) {
		const tool = await copyNative(text, env);
		if (tool) {
			return {method: 'native', detail: tool};
		}
	}

	const sequence = osc52(text);
	const route: Route =
		sequence.length > osc52Limit ? {refusal: `too large for OSC 52 (${formatBytes(Buffer.byteLength(text))})`} : await terminalRoute(sequence, env);
	if ('refusal' in route) {
		const file = await saveToFile(text, options.directory ?? os.tmpdir());
		return {method: 'file', detail: `${route.refusal}: saved to ${file}`};
	}

	options.write(route.sequences.join(''));
	return {method: 'osc52', detail: route.detail};
}
