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

import {blank, cellsOf, isSameCell, plain, restyle, type Cell, type Style} from './line-cells.js';
import {cellsText, ScreenWriter, wireBytes} from './screen-writer.js';

const csi = '\u001B[';
const eraseLine = `${csi}2K`;
const eraseLineEnd = `${csi}K`;
const eraseDown = `${csi}J`;
const eraseScreen = `${csi}2J`;
const home = `${csi}H`;
const resetPen = `${csi}m`;

/** Ink's `eraseLines(n)` (ansi-escapes): erase a line, go up one, n times, then to column 1. */
const inkErase = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;
/** Escapes a frame line may hold: colours (SGR) and hyperlinks (OSC 8). Anything else is not one of Ink's frames. */
const foreignEscape = /\u001B(?!\[[\d;:]*m|\]8;[^\u0007\u001B]*(?:\u0007|\u001B\\))/;
/** Writes that leave the screen as it is: OSC (clipboard, title), DCS (tmux passthrough), cursor visibility, synchronized output. */
const screenNeutral = /^(?:\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001BP[^\u001B]*(?:\u001B[^\\][^\u001B]*)*\u001B\\|\u001B\[\?(?:25|2026)[hl])*$/;

const cellsAt = (cells: readonly Cell[], start: number, end: number): Cell[] => Array.from({length: end - start}, (_, index) => cells[start + index] ?? blank);

/**
 * Brings the cursor to cell `index` of `row`, to write there in `style`: by
 * a move, or by writing again the unchanged cells before it when that is
 * shorter (a gap of a few cells, or the start of a row after a line feed).
 */
function reach(writer: ScreenWriter, row: number, index: number, cells: readonly Cell[], style: Style): void {
	let best = writer.moveText(row, index + 1) + restyle(writer.pen, style);
	let rewriteFrom: number | undefined;
	const isBefore = writer.row === row && writer.column !== undefined && writer.column <= index + 1;
	const start = isBefore ? writer.column! - 1 : 0;
	// Each cell written again costs a byte at least.
	if (index - start < wireBytes(best)) {
		const gap = cellsAt(cells, start, index);
		const text = (isBefore ? '' : writer.moveText(row, 1)) + cellsText(gap, writer.pen) + restyle(gap.at(-1)?.style ?? writer.pen, style);
		if (wireBytes(text) < wireBytes(best)) {
			best = text;
			rewriteFrom = start;
		}
	}

	writer.moveTo(row, (rewriteFrom ?? index) + 1);
	if (rewriteFrom !== undefined) {
		writer.put(cellsAt(cells, rewriteFrom, index));
	}
}

/**
 * Writes the cells of `row` that differ from `before` to `after`, in runs;
 * with `isErasing`, the changed cells past the last one showing anything are
 * cleared by one EL instead of written as spaces.
 */
function changeCells(writer: ScreenWriter, row: number, before: readonly Cell[], after: readonly Cell[], isErasing: boolean): void {
	const width = Math.max(before.length, after.length);
	let inkEnd = after.length;
	while (inkEnd > 0 && isSameCell(after[inkEnd - 1], blank)) {
		inkEnd--;
	}

	for (let index = 0; index < width;) {
		if (isSameCell(before[index], after[index])) {
			index++;
		} else if (isErasing && index >= inkEnd) {
			reach(writer, row, index, after, plain);
			writer.erase(eraseLineEnd);
			return;
		} else {
			const limit = isErasing ? inkEnd : width;
			let end = index + 1;
			while (end < limit && !isSameCell(before[end], after[end])) {
				end++;
			}

			reach(writer, row, index, after, (after[index] ?? blank).style);
			writer.put(cellsAt(after, index, end));
			index = end;
		}
	}
}

/** Writes what turns line `previous` on screen row `row` into `next`: its changed cells, or the whole line when cells are not sure. */
function changeLine(writer: ScreenWriter, row: number, previous: string | undefined, next: string): ScreenWriter {
	// The rows under the frame are blank.
	const before = cellsOf(previous ?? '');
	const after = before === undefined ? undefined : cellsOf(next);
	if (before === undefined || after === undefined) {
		writer.moveTo(row, 1);
		writer.erase(eraseLine);
		writer.putRaw(next);
		return writer;
	}

	const [spaces, erased] = [false, true].map(isErasing => {
		const variant = writer.clone();
		changeCells(variant, row, before, after, isErasing);
		return variant;
	});
	return wireBytes(erased!.output) < wireBytes(spaces!.output) ? erased! : spaces!;
}

/**
 * What turns `previous` (lines shown from the top row, the cursor under them
 * and the pen plain) into `next`: the changed cells of each changed line,
 * lines below a shorter frame erased, and the cursor left on the line under
 * the frame, where Ink expects it, with the pen plain again.
 */
export function diffLines(previous: readonly string[], next: readonly string[], columns: number): string {
	let writer = new ScreenWriter(columns, previous.length + 1, plain);
	for (const [index, line] of next.entries()) {
		if (line !== previous[index]) {
			writer = changeLine(writer, index + 1, previous[index], line);
		}
	}

	if (previous.length > next.length) {
		writer.moveTo(next.length + 1, 1);
		writer.erase(eraseDown);
	} else {
		// Even when nothing changed on screen, a taller frame moves the line under it.
		writer.restyle(plain);
		writer.moveTo(next.length + 1, 1);
	}

	return writer.output;
}

/** Follows what Ink has drawn and rewrites Ink's writes into line diffs. */
export class FrameDiffer {
	/** The frame's lines as shown from the top row; undefined when the screen is not known. */
	private shown: string[] | undefined;
	/** Ink erased its frame; held back, as the next frame is diffed against what is still shown. */
	private isErasePending = false;

	/** @param size The terminal's size now: a frame as tall is not diffed, as writing it scrolls the screen. */
	constructor(private readonly size: () => {rows: number; columns: number}) {}

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
		const {rows, columns} = this.size();
		const isTooTall = lines.length >= rows;
		this.shown = isTooTall ? undefined : lines;
		this.isErasePending = false;
		if (previous === undefined || isTooTall) {
			// The pen plain before the erase (erased cells take its background) and after the frame, as the diffs expect it.
			return resetPen + home + eraseScreen + body + resetPen;
		}

		return diffLines(previous, lines, columns);
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
	const differ = new FrameDiffer(() => ({rows: stdout.rows || 24, columns: stdout.columns || 80}));
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
