/**
 * Ink 6 redraws its whole frame on every render: it erases the lines it drew
 * and writes them all again. Over SSH that is most of what a cursor move
 * costs. Its `incrementalRendering` option would write only changed lines, but
 * in 6.8 it moves the cursor up one line too few when the frame is shorter
 * than the terminal, and every later frame lands a row low.
 *
 * So Ink writes to a stream of ours instead: each "erase the frame, write
 * the frame" it sends becomes a rewrite of only the lines that differ from
 * what is on the screen, placed with absolute cursor moves. That holds on the
 * alternate screen, where the frame always starts at the top-left corner.
 * Anything else Ink or the app writes goes through untouched; if it may have
 * changed the screen, the next frame is drawn in full.
 */

import {cellsOf, writeCells} from './line-cells.js';

const csi = '\u001B[';
const eraseLine = `${csi}2K`;
const eraseLineEnd = `${csi}K`;
const eraseDown = `${csi}J`;
const eraseScreen = `${csi}2J`;
const home = `${csi}H`;

/** Ink's `eraseLines(n)` (ansi-escapes): erase a line, go up one, n times, then to column 1. */
const inkErase = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;
/** Escapes a frame line may hold: colours (SGR) and hyperlinks (OSC 8). Anything else is not one of Ink's frames. */
const foreignEscape = /\u001B(?!\[[\d;:]*m|\]8;[^\u0007\u001B]*(?:\u0007|\u001B\\))/;
/** Writes that leave the screen as it is: OSC (clipboard, title), DCS (tmux passthrough), cursor visibility, synchronized output. */
const screenNeutral = /^(?:\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001BP[^\u001B]*(?:\u001B[^\\][^\u001B]*)*\u001B\\|\u001B\[\?(?:25|2026)[hl])*$/;

const moveTo = (row: number, column = 1): string => (column === 1 ? `${csi}${row}H` : `${csi}${row};${column}H`);

/** What turns line `previous` on screen row `row` into `next`: the span of changed cells, or the whole line when cells are not sure. */
function lineChange(row: number, previous: string | undefined, next: string): string {
	const before = previous === undefined ? undefined : cellsOf(previous);
	const after = before === undefined ? undefined : cellsOf(next);
	if (before === undefined || after === undefined) {
		return moveTo(row) + eraseLine + next;
	}

	const isSame = (index: number): boolean => before[index]?.text === after[index]?.text && before[index]?.style === after[index]?.style;
	let start = 0;
	while (start < after.length && isSame(start)) {
		start++;
	}

	if (after.length < before.length) {
		return moveTo(row, start + 1) + writeCells(after.slice(start)) + eraseLineEnd;
	}

	let end = after.length;
	while (end > start && isSame(end - 1)) {
		end--;
	}

	return start === end ? '' : moveTo(row, start + 1) + writeCells(after.slice(start, end));
}

/**
 * What turns `previous` (lines shown from the top row) into `next`: the
 * changed part of each changed line rewritten in place, lines below a shorter
 * frame erased, and the cursor left on the line under the frame, where Ink
 * expects it.
 */
export function diffLines(previous: readonly string[], next: readonly string[]): string {
	let output = '';
	for (const [index, line] of next.entries()) {
		if (line !== previous[index]) {
			output += lineChange(index + 1, previous[index], line);
		}
	}

	if (previous.length > next.length) {
		return output + moveTo(next.length + 1) + eraseDown;
	}

	return output === '' ? '' : output + moveTo(next.length + 1);
}

/** Follows what Ink has drawn and rewrites Ink's writes into line diffs. */
export class FrameDiffer {
	/** The frame's lines as shown from the top row; undefined when the screen is not known. */
	private shown: string[] | undefined;
	/** Ink erased its frame; held back, as the next frame is diffed against what is still shown. */
	private isErasePending = false;

	/** @param rows The terminal's height now: a frame as tall is not diffed, as writing it scrolls the screen. */
	constructor(private readonly rows: () => number) {}

	/** Forget what is on the screen (after a resize): the next frame is drawn in full. */
	invalidate(): void {
		this.shown = undefined;
		this.isErasePending = false;
	}

	/** What to send to the terminal for one write of Ink's. */
	transform(chunk: string): string {
		const erase = inkErase.exec(chunk);
		const body = erase === null ? chunk : chunk.slice(erase[0].length);
		if (erase !== null && body === '' && this.shown !== undefined) {
			this.isErasePending = true;
			return '';
		}

		if (body.endsWith('\n') && !foreignEscape.test(body)) {
			return this.frame(body);
		}

		if (screenNeutral.test(chunk)) {
			return chunk;
		}

		// Something else lands on the screen: do the erase Ink asked for first, at the frame's top, where Ink expects the cursor.
		const prefix = this.isErasePending ? home + eraseDown : '';
		this.invalidate();
		return prefix + chunk;
	}

	private frame(body: string): string {
		const lines = body.slice(0, -1).split('\n');
		const previous = this.shown;
		const isTooTall = lines.length >= this.rows();
		this.shown = isTooTall ? undefined : lines;
		this.isErasePending = false;
		if (previous === undefined || isTooTall) {
			return home + eraseScreen + body;
		}

		return diffLines(previous, lines);
	}
}

export type DiffingStdout = {
	/** Give this to Ink as its stdout: the real stream, with frames written as diffs. */
	stdout: NodeJS.WriteStream;
	/** Stops following resizes of the real stream. */
	dispose(): void;
};

/** Wraps the real stdout (on the alternate screen) so Ink's full redraws reach the terminal as line diffs. */
export function diffingStdout(stdout: NodeJS.WriteStream): DiffingStdout {
	const differ = new FrameDiffer(() => stdout.rows || 24);
	const onResize = (): void => {
		differ.invalidate();
	};

	// Registered before Ink's own listener, so the frame Ink draws for the new size is drawn in full.
	stdout.on('resize', onResize);
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		return (stdout.write as (data: string, ...args: unknown[]) => boolean)(differ.transform(text), ...rest);
	};

	const wrapped = new Proxy(stdout, {
		get(target, key) {
			if (key === 'write') {
				return write;
			}

			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return {
		stdout: wrapped,
		dispose() {
			stdout.off('resize', onResize);
		},
	};
}
