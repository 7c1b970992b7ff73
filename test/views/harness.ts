/**
 * The whole explorer (its decoder, update loop, effects and Ink) on fake
 * streams of a given size against a fake client, its output drawn by a
 * headless xterm: tests write keys, resize, and wait (bounded) for a screen.
 */
import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import type {ApiClient} from '../../source/api/client.js';
import type {Filters, RequestPage} from '../../source/api/types.js';
import {runExplorer, type ExplorerDeps} from '../../source/explorer.js';

/** A terminal's output stream of a given size that keeps what is written. */
export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	frames: string[] = [];
	constructor(public columns = 80, public rows = 24) {
		super();
	}

	write = (data: string, callback?: () => void): boolean => {
		this.frames.push(data);
		callback?.();
		return true;
	};

	/** Everything written, in order. */
	get written(): string {
		return this.frames.join('');
	}
}

/** A terminal's input stream: each write is one read of the keys in it, as a burst over SSH is. */
export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	isRaw = false;
	write(data: string): void {
		this.emit('data', Buffer.from(data));
	}

	setEncoding(): void {}
	setRawMode(isRaw: boolean): void {
		this.isRaw = isRaw;
	}

	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export const keys = {
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	up: '\u001B[A',
	down: '\u001B[B',
	pgdn: '\u001B[6~',
	pgup: '\u001B[5~',
	ctrlC: '\u0003',
} as const;

/** Waits (bounded) until the frame satisfies a predicate, looking every few ms. */
function waiterFor(frame: () => string): (predicate: (shown: string) => boolean, timeoutMs?: number) => Promise<void> {
	return async (predicate, timeoutMs = 3000) => {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(frame())) {
			if (Date.now() > deadline) {
				throw new Error(`Timed out after ${timeoutMs} ms. Last frame:\n${frame()}`);
			}

			await new Promise(resolve => {
				setTimeout(resolve, 5);
			});
		}
	};
}

export type ExplorerRun = {
	/** The screen as a terminal shows it after everything written so far: rows joined by \n, trailing spaces trimmed. */
	frame(): string;
	/** Writes each chunk as one read (a burst of keys), a turn of the event loop apart. */
	write(...chunks: string[]): Promise<void>;
	waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<void>;
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
	resize(columns: number, rows: number): void;
	/** The exit code, once the explorer has ended. */
	exited: Promise<number>;
	/** Ends it with Ctrl-C, which quits whatever has the keyboard. */
	stop(): Promise<void>;
	stdout: FakeStdout;
};

export type ExplorerOptions = Partial<Omit<ExplorerDeps, 'stdin' | 'stdout' | 'stderr'>> & {
	client: ApiClient;
	initialFilters?: Filters;
	firstPage?: RequestPage;
	size?: {columns: number; rows: number};
};

/** The whole explorer on fake streams, its output drawn by a headless xterm as a terminal would. */
export function startExplorer(options: ExplorerOptions): ExplorerRun {
	const size = options.size ?? {columns: 80, rows: 24};
	const stdout = new FakeStdout(size.columns, size.rows);
	const stdin = new FakeStdin();
	// A terminal's line discipline turns \n into \r\n (ONLCR); a fake stream does not, so the emulator does it.
	const terminal = new xterm.Terminal({cols: size.columns, rows: size.rows, allowProposedApi: true, convertEol: true});
	let screen = '';
	const write = stdout.write;
	stdout.write = (data, callback) => {
		terminal.write(data, () => {
			const buffer = terminal.buffer.active;
			const lines: string[] = [];
			for (let row = 0; row < terminal.rows; row++) {
				lines.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
			}

			screen = lines.join('\n').replace(/\n+$/, '');
		});
		return write(data, callback);
	};

	const exited = runExplorer({
		login: async () => ({ok: false, message: 'No key can be entered in this test.'}),
		saveFilters() {},
		now: () => new Date(),
		payloadDelayMs: 20,
		...options,
		env: options.env ?? {},
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
	});
	const frame = (): string => screen;
	const waitFor = waiterFor(frame);

	return {
		frame,
		async write(...chunks) {
			for (const chunk of chunks) {
				stdin.write(chunk);
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}
		},
		waitFor,
		waitForText: async (text, timeoutMs) => waitFor(shown => (typeof text === 'string' ? shown.includes(text) : text.test(shown)), timeoutMs),
		resize(columns, rows) {
			terminal.resize(columns, rows);
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
		exited,
		async stop() {
			stdin.write('\u0003');
			await exited;
			terminal.dispose();
		},
		stdout,
	};
}
