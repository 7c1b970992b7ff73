/**
 * Renders a component with Ink into fake streams of a given size, so tests
 * can write keys, resize, and wait (bounded) for a frame to show something.
 */
import {EventEmitter} from 'node:events';
import type React from 'react';
import {render} from 'ink';

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

/** A terminal's input stream: what tests write is read by Ink as typed keys. */
export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private pending: string[] = [];
	write(data: string): void {
		this.pending.push(data);
		this.emit('readable');
	}

	read = (): string | null => this.pending.shift() ?? null;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

// ANSI escapes out, so tests read what a user reads.
const ansi = /\u001B\[[\d;?]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g;

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

export type Rendered = {
	/** The last frame, escapes removed. */
	frame(): string;
	/** Types keys, then yields to the event loop so Ink handles them one at a time. */
	write(...data: string[]): Promise<void>;
	waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<void>;
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
	resize(columns: number, rows: number): void;
	unmount(): void;
	stdout: FakeStdout;
};

export function renderSized(node: React.ReactElement, size: {columns: number; rows: number}): Rendered {
	const stdout = new FakeStdout(size.columns, size.rows);
	const stdin = new FakeStdin();
	const instance = render(node, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
		// Every frame written whole, so the last write is the whole screen.
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const frame = (): string => (stdout.frames.at(-1) ?? '').replace(ansi, '');
	const waitFor = async (predicate: (shown: string) => boolean, timeoutMs = 3000): Promise<void> => {
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

	return {
		frame,
		async write(...data) {
			// A turn of the event loop before and after each key: React applies effects (Ink's input
			// subscriptions among them) a turn after a render, and a person never types faster than that.
			const turn = async () => new Promise(resolve => {
				setImmediate(resolve);
			});
			for (const each of data) {
				await turn();
				stdin.write(each);
				await turn();
			}
		},
		waitFor,
		waitForText: async (text, timeoutMs) => waitFor(shown => (typeof text === 'string' ? shown.includes(text) : text.test(shown)), timeoutMs),
		resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
		unmount: () => {
			instance.unmount();
		},
		stdout,
	};
}
