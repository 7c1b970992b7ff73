/**
 * End-to-end harness: runs a program (usually the built CLI) in a real
 * pseudo-terminal and renders everything it prints into a headless xterm of
 * the same size, so tests assert on the screen a user would see.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import xterm from '@xterm/headless';
import {spawn, type IPty, type IPtyForkOptions} from '@lydell/node-pty';
import {recordOutput} from '../setup/record-output.js';

/** The project root, where `dist/cli.js` is built. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = path.join(projectRoot, 'dist', 'cli.js');

const keys = {
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	'shift-tab': '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	home: '\u001B[H',
	end: '\u001B[F',
	pgup: '\u001B[5~',
	pgdn: '\u001B[6~',
	backspace: '\u007F',
	delete: '\u001B[3~',
	space: ' ',
	'ctrl-c': '\u0003',
	'ctrl-d': '\u0004',
	'ctrl-u': '\u0015',
	lt: '<',
} as const;

/** A key `press` knows by name. */
export type KeyName = keyof typeof keys;

/**
 * How a key script is typed. `paced`: each key its own write, once the
 * program is idle, as a person types. `burst`: every key of the script in one
 * write, as a laggy SSH link, key repeat or a busy machine deliver them. The
 * product promises the same result either way.
 */
export type Typing = 'paced' | 'burst';

export const typings: readonly Typing[] = ['paced', 'burst'];

function isKeyName(name: string): name is KeyName {
	return Object.hasOwn(keys, name);
}

/**
 * The keys of a key script, each as the bytes a terminal sends for it. Text
 * stands for itself, one key per character; a name in angle brackets is the
 * key of that name in the table above (`/<backspace><down>xx<enter>`), and
 * `<lt>` types a `<`. Throws on any other `<`, so a typo is not typed as text.
 */
export function scriptKeys(script: string): string[] {
	const found: string[] = [];
	const pattern = /<([a-z-]+)>|[^<]/suy;
	while (pattern.lastIndex < script.length) {
		const at = pattern.lastIndex;
		const match = pattern.exec(script);
		const name = match?.[1];
		if (match === null || (name !== undefined && !isKeyName(name))) {
			throw new Error(`Not a key script at ${JSON.stringify(script.slice(at, at + 12))}: name a key from the table in <>, or type < as <lt>.`);
		}

		found.push(name === undefined ? match[0] : keys[name as KeyName]);
	}

	return found;
}

/** Types a key script with `write`: a write per key, in turn, when `paced`; one write of all of them when `burst`. */
export async function typeScript(script: string, mode: Typing, write: (bytes: string) => Promise<void>): Promise<void> {
	const typed = scriptKeys(script);
	if (mode === 'burst') {
		await write(typed.join(''));
		return;
	}

	for (const key of typed) {
		await write(key);
	}
}

export type SpawnOptions = {
	/** Terminal width. Default: 80. */
	cols?: number;
	/** Terminal height. Default: 24. */
	rows?: number;
	/**
	 * Added to a clean environment: PATH, HOME and XDG_CONFIG_HOME in fresh
	 * temporary directories, TERM=xterm-256color (or as given), LANG=C.UTF-8. Nothing else is
	 * inherited, so a developer's FAL_KEY, FORCE_COLOR or CI never leaks in.
	 * CI is left unset rather than 'false': Ink's is-in-ci reads CI=false as
	 * "not CI", but chalk's supports-color turns colour off whenever CI is
	 * present at all. Default: {}.
	 */
	env?: Record<string, string>;
	/** Working directory. Default: the project root. */
	cwd?: string;
	/**
	 * Before the first write, wait (up to 5 s) until the program has put the
	 * terminal in raw mode. Ink does so just after its first frame, and keys
	 * sent earlier are echoed and line-buffered by the terminal itself, so a
	 * test that types as soon as the first frame shows would be flaky. Turn
	 * off for programs that read whole lines. Default: true.
	 */
	isRawModeAwaited?: boolean;
};

export type CliExit = {exitCode: number; signal?: number};

export type CliRun = {
	/** The visible screen: one line per row, trailing spaces trimmed, joined by \n. */
	screen(): string;
	/** Visible row n, counting from 0 at the top. */
	line(n: number): string;
	/** Every byte written so far, escape sequences included. */
	output(): string;
	/**
	 * Resolves once the screen shows the text; rejects with the screen on timeout (default 10 s) or exit.
	 * Like the waits below, it looks at whole frames only, between the synchronized-output marks Ink puts around each.
	 */
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
	/** Resolves once the predicate holds for the screen; rejects with the screen on timeout (default 10 s) or exit. */
	waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<void>;
	/**
	 * Writes text (or raw bytes) in one write once the program is idle (on
	 * Linux: asleep in its event loop, done with the keys before), then yields a
	 * turn of the event loop. Writes arrive in order; two may be read as one.
	 */
	write(text: string): Promise<void>;
	/** Presses a named key. */
	press(name: KeyName): Promise<void>;
	/** Types a key script (see `scriptKeys`): each key its own write when `paced`, all of them in one write when `burst`. */
	type(script: string, mode: Typing): Promise<void>;
	resize(cols: number, rows: number): void;
	/** Settles when the process has exited and all its output is on the screen. */
	exited: Promise<CliExit>;
	/** Sends a signal (default SIGTERM). */
	kill(signal?: NodeJS.Signals): void;
	/** Kills the process if it still runs and removes the temporary directories. */
	dispose(): void;
	/** The HOME given to the process. */
	home: string;
	/** The XDG_CONFIG_HOME given to the process. */
	configHome: string;
};

type Waiter = {
	isDone: () => boolean;
	describe: string;
	resolve: () => void;
	reject: (error: Error) => void;
	timer: NodeJS.Timeout;
};

/** Synchronized output (DEC private mode 2026): the start and end of a frame. */
const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

const liveRuns = new Set<CliRun>();
const execFileAsync = promisify(execFile);

function pause(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/** The scheduler state of a process's main thread ('R' running, 'S' asleep, ...); undefined off Linux or once it is gone. */
function threadState(pid: number): string | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name in parentheses may contain spaces; the state follows it.
		return stat.slice(stat.lastIndexOf(')') + 2)[0];
	} catch {
		return undefined;
	}
}

/**
 * Resolves once the process is asleep in its event loop (seen twice in a row),
 * or after 2 s: it has read, handled and drawn what was written before, so the
 * next write is read on its own, as a key typed by a person is.
 */
export async function awaitIdle(pid: number): Promise<void> {
	const deadline = Date.now() + 2000;
	let sleeps = 0;
	while (sleeps < 2 && Date.now() < deadline) {
		const state = threadState(pid);
		if (state === undefined) {
			return;
		}

		sleeps = state === 'S' ? sleeps + 1 : 0;
		await pause(1);
	}
}

/** Whether the terminal behind a pty slave is in raw (non-canonical) mode, as stty reports it; undefined when stty cannot tell. */
async function isRawMode(slave: string): Promise<boolean | undefined> {
	try {
		const {stdout} = await execFileAsync('stty', [process.platform === 'darwin' ? '-f' : '-F', slave, '-a']);
		return /(^|\s)-icanon(\s|$)/.test(stdout);
	} catch {
		return undefined;
	}
}

/** Disposes every run not yet disposed: pass it to afterEach. */
export function disposeRuns(): void {
	for (const run of liveRuns) {
		run.dispose();
	}
}

function describeTarget(text: string | RegExp): string {
	return typeof text === 'string' ? JSON.stringify(text) : String(text);
}

export type HeldPty = {
	pty: IPty;
	/** The slave's device path (/dev/pts/N), where node-pty reports it. */
	slave?: string;
	/** Closes the slave fd held open; call once the program has exited. */
	release(): void;
};

/**
 * Starts a program in a pseudo-terminal and holds a slave fd open. Linux drops
 * output still buffered in the pty when the last slave fd closes, which a
 * program exiting right after a large write (or on a busy machine) hits.
 * Holding one here keeps that buffer until node-pty has read it: it reports
 * exit only after draining for 200 ms.
 */
export function openPty(file: string, args: string[], options: IPtyForkOptions): HeldPty {
	const pty = spawn(file, args, options);
	const slave = (pty as IPty & {ptsName?: string}).ptsName;
	let slaveFd = slave === undefined ? undefined : fs.openSync(slave, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
	return {
		pty,
		slave,
		release() {
			if (slaveFd !== undefined) {
				fs.closeSync(slaveFd);
				slaveFd = undefined;
			}
		},
	};
}

/** Runs any program in a pseudo-terminal. */
export function spawnInPty(file: string, args: string[], options: SpawnOptions = {}): CliRun {
	const cols = options.cols ?? 80;
	const rows = options.rows ?? 24;
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-pty-'));
	const home = options.env?.['HOME'] ?? path.join(root, 'home');
	const configHome = options.env?.['XDG_CONFIG_HOME'] ?? path.join(root, 'config');
	fs.mkdirSync(path.join(root, 'home'));
	fs.mkdirSync(path.join(root, 'config'));

	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	const {pty, slave, release: closeSlave} = openPty(file, args, {
		// node-pty puts the name in TERM, whatever env says.
		name: options.env?.['TERM'] ?? 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? projectRoot,
		env: {
			PATH: process.env['PATH'] ?? '',
			LANG: 'C.UTF-8',
			TERM: 'xterm-256color',
			...options.env,
			HOME: home,
			XDG_CONFIG_HOME: configHome,
		},
	});

	let raw = '';
	let exit: CliExit | undefined;
	let isDisposed = false;
	let isRecorded = false;
	// Once per run, at exit or dispose, whichever comes first: the secret scan reads it.
	function record(): void {
		if (!isRecorded) {
			isRecorded = true;
			recordOutput('pty', [path.basename(file), ...args].join(' '), raw);
		}
	}

	const waiters = new Set<Waiter>();

	function screen(): string {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
		}

		return lines.join('\n');
	}

	function settle(waiter: Waiter, error?: Error): void {
		clearTimeout(waiter.timer);
		waiters.delete(waiter);
		if (error) {
			waiter.reject(error);
		} else {
			waiter.resolve();
		}
	}

	function check(): void {
		for (const waiter of waiters) {
			if (waiter.isDone()) {
				settle(waiter);
			} else if (exit) {
				settle(waiter, new Error(`The process exited (code ${exit.exitCode}) before the screen showed ${waiter.describe}. Screen:\n${screen()}`));
			}
		}
	}

	pty.onData(data => {
		if (isDisposed) {
			return;
		}

		raw += data;
		// Ink wraps each frame in synchronized output, and a terminal that knows it shows a frame only once it is
		// whole; a large frame arrives in several reads, so the screen is looked at only between frames.
		const isMidFrame = raw.lastIndexOf(beginFrame) > raw.lastIndexOf(endFrame);
		// xterm parses asynchronously; the screen is current only in the write callback.
		terminal.write(data, isMidFrame ? undefined : check);
	});

	const exited = new Promise<CliExit>(resolve => {
		pty.onExit(({exitCode, signal}) => {
			closeSlave();
			const finish = (): void => {
				exit = signal ? {exitCode, signal} : {exitCode};
				record();
				check();
				resolve(exit);
			};

			if (isDisposed) {
				finish();
			} else {
				terminal.write('', finish);
			}
		});
	});

	function waitFor(predicate: (screen: string) => boolean, timeoutMs = 10_000, describe = 'the expected state'): Promise<void> {
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				isDone: () => predicate(screen()),
				describe,
				resolve,
				reject,
				timer: setTimeout(() => {
					settle(waiter, new Error(`Timed out after ${timeoutMs} ms waiting for the screen to show ${describe}. Screen:\n${screen()}`));
				}, timeoutMs),
			};
			waiters.add(waiter);
			check();
		});
	}

	// Settles once raw mode has been seen (or cannot be checked); later writes do not wait.
	let rawModeSeen: Promise<void> | undefined;

	async function awaitRawMode(): Promise<void> {
		const deadline = Date.now() + 5000;
		while (slave !== undefined && !exit && !isDisposed) {
			const isRaw = await isRawMode(slave);
			if (isRaw !== false) {
				return;
			}

			if (Date.now() > deadline) {
				throw new Error(`The program did not put the terminal in raw mode within 5 s, so keys would be echoed and line-buffered; pass isRawModeAwaited: false for a program that reads lines. Screen:\n${screen()}`);
			}

			await pause(10);
		}
	}

	async function write(text: string): Promise<void> {
		if (options.isRawModeAwaited ?? true) {
			rawModeSeen ??= awaitRawMode();
			await rawModeSeen;
		}

		await awaitIdle(pty.pid);

		pty.write(text);
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	const run: CliRun = {
		screen,
		line: n => screen().split('\n')[n] ?? '',
		output: () => raw,
		waitForText(text, timeoutMs) {
			const isMatch = typeof text === 'string' ? (shown: string) => shown.includes(text) : (shown: string) => text.test(shown);
			return waitFor(isMatch, timeoutMs, describeTarget(text));
		},
		waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
		write,
		press: name => write(keys[name]),
		type: async (script, mode) => typeScript(script, mode, write),
		resize(newCols, newRows) {
			pty.resize(newCols, newRows);
			terminal.resize(newCols, newRows);
		},
		exited,
		kill(signal = 'SIGTERM') {
			if (!exit) {
				pty.kill(signal);
			}
		},
		dispose() {
			if (isDisposed) {
				return;
			}

			isDisposed = true;
			record();
			liveRuns.delete(run);
			if (!exit) {
				pty.kill('SIGKILL');
			}

			for (const waiter of waiters) {
				settle(waiter, new Error(`The run was disposed before the screen showed ${waiter.describe}.`));
			}

			closeSlave();
			terminal.dispose();
			fs.rmSync(root, {recursive: true, force: true});
		},
		home,
		configHome,
	};
	liveRuns.add(run);
	return run;
}

/** Runs `node dist/cli.js ...args` in a pseudo-terminal; build first (`npm run build`). */
export function spawnCli(args: string[], options: SpawnOptions = {}): CliRun {
	if (!fs.existsSync(cliPath)) {
		throw new Error(`${cliPath} does not exist; run \`npm run build\` first.`);
	}

	return spawnInPty(process.execPath, [cliPath, ...args], options);
}
