/**
 * Ink 6 redraws its whole frame on every render: it erases the lines it drew
 * and writes them all again. Over SSH that is most of what a cursor move
 * costs. Its `incrementalRendering` option would write only changed lines, but
 * in 6.8 it moves the cursor up one line too few when the frame is shorter
 * than the terminal, and every later frame lands a row low.
 *
 * So Ink writes to a stream of ours instead: each "erase the frame, write
 * the frame" it sends becomes a rewrite of only the cells that differ from
 * what is on the screen, each reached by the shortest move (line-change.ts),
 * after scrolling a band of rows when that leaves less to write. That holds
 * on the alternate screen, where the frame always starts at the top-left
 * corner and the cursor is left under it. Anything else Ink or the app
 * writes goes through untouched; if it may have changed the screen, the next
 * frame is drawn in full.
 */

import {changeLine} from './line-change.js';
import {cellsOf, isSameCell, plain, type Cell} from './line-cells.js';
import {ScreenWriter} from './screen-writer.js';

const csi = '\u001B[';
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

/** Lines as cells, each line parsed once however often it is looked at; `parsed` may be carried from frame to frame. */
function parser(parsed = new Map<string, Cell[] | undefined>()): (line: string) => Cell[] | undefined {
	return line => {
		if (!parsed.has(line)) {
			parsed.set(line, cellsOf(line));
		}

		return parsed.get(line);
	};
}

/** Writes what turns the lines `shown` into `next`, and leaves the cursor under the frame with the pen plain. */
function writeChanges(writer: ScreenWriter, shown: readonly string[], next: readonly string[], cells: (line: string) => Cell[] | undefined): ScreenWriter {
	for (const [index, line] of next.entries()) {
		const before = shown[index];
		if (line !== before) {
			// The rows under the frame are blank.
			changeLine(writer, index + 1, cells(before ?? ''), cells(line), line);
		}
	}

	if (shown.length > next.length) {
		writer.moveTo(next.length + 1, 1);
		writer.erase(eraseDown);
	} else {
		// Even when nothing changed on screen, a taller frame moves the line under it.
		writer.restyle(plain);
		writer.moveTo(next.length + 1, 1);
	}

	return writer;
}

/** Rows `top` to `bottom` scrolled by `by` lines, up when positive. */
type Band = {top: number; bottom: number; by: number};

/** The lines shown once `band` is scrolled: shifted, and those scrolled in blank. */
function scrolled(shown: readonly string[], {top, bottom, by}: Band): string[] {
	return shown.map((line, index) => {
		const from = index + 1 + by;
		if (index + 1 < top || index + 1 > bottom) {
			return line;
		}

		return from < top || from > bottom ? '' : shown[from - 1]!;
	});
}

/** About the bytes of turning `before` into `after`: the changed cells, short gaps between them, a move per run. */
function roughCost(before: readonly Cell[] | undefined, after: readonly Cell[] | undefined, line: string): number {
	if (before === undefined || after === undefined) {
		return line.length + 8;
	}

	let bytes = 0;
	let gap = Number.POSITIVE_INFINITY;
	for (let index = 0; index < Math.max(before.length, after.length); index++) {
		if (isSameCell(before[index], after[index])) {
			gap++;
		} else {
			bytes += Math.min(gap, 6) + 1;
			gap = 0;
		}
	}

	return bytes;
}

/**
 * The band of rows that, scrolled by one line, leaves the least to rewrite,
 * as when a list moves by a row: each row's rough cost shifted or blank
 * against in place. Undefined when no band saves more than scrolling costs.
 */
function bestBand(previous: readonly string[], next: readonly string[], cells: (line: string) => Cell[] | undefined): Band | undefined {
	const rows = Math.min(previous.length, next.length);
	const cost = (index: number, before: string): number => (before === next[index] ? 0 : roughCost(cells(before), cells(next[index]!), next[index]!));
	const inPlace = Array.from({length: rows}, (_, index) => cost(index, previous[index]!));
	const blankSaves = inPlace.map((bytes, index) => bytes - cost(index, ''));
	// A band's scroll costs about this many bytes: DECSTBM, a move, a line deleted or a reverse index, the reset.
	let best: {band: Band | undefined; saves: number} = {band: undefined, saves: 20};
	for (const by of [1, -1]) {
		const shiftSaves = inPlace.map((bytes, index) => (index + by < 0 || index + by >= rows ? 0 : bytes - cost(index, previous[index + by]!)));
		for (let top = 0; top < rows; top++) {
			let saves = 0;
			for (let bottom = top + 1; bottom < rows; bottom++) {
				// Up: rows top..bottom-1 shifted, bottom blank. Down: top blank, top+1..bottom shifted.
				saves += by > 0 ? shiftSaves[bottom - 1]! : shiftSaves[bottom]!;
				const total = saves + (by > 0 ? blankSaves[bottom]! : blankSaves[top]!);
				if (total > best.saves) {
					best = {band: {top: top + 1, bottom: bottom + 1, by}, saves: total};
				}
			}
		}
	}

	return best.band;
}

/**
 * What turns `previous` (lines shown from the top row, the cursor under them
 * and the pen plain) into `next`: the changed cells of each changed line,
 * lines below a shorter frame erased, and the cursor left on the line under
 * the frame, where Ink expects it, with the pen plain again. When a band of
 * rows moved by a line, scrolling it first is taken if fewer bytes in all.
 */
export function diffLines(previous: readonly string[], next: readonly string[], columns: number, cells = parser()): string {
	const start = (): ScreenWriter => new ScreenWriter(columns, previous.length + 1, plain);
	const direct = writeChanges(start(), previous, next, cells);
	const band = bestBand(previous, next, cells);
	if (band === undefined) {
		return direct.output;
	}

	const writer = start();
	writer.scroll(band.top, band.bottom, band.by);
	const afterScroll = writeChanges(writer, scrolled(previous, band), next, cells);
	return afterScroll.bytes < direct.bytes ? afterScroll.output : direct.output;
}

/** Follows what Ink has drawn and rewrites Ink's writes into line diffs. */
export class FrameDiffer {
	/** The frame's lines as shown from the top row; undefined when the screen is not known. */
	private shown: string[] | undefined;
	/** Ink erased its frame; held back, as the next frame is diffed against what is still shown. */
	private isErasePending = false;
	/** The shown lines as cells: most of a frame's lines were in the frame before, and need not be parsed again. */
	private parsed = new Map<string, Cell[] | undefined>();

	/** The terminal was resized and no frame for its new size has been drawn yet. */
	private isResizing = false;

	/** @param size The terminal's size now: a frame as tall is not diffed, as writing it scrolls the screen. */
	constructor(private readonly size: () => {rows: number; columns: number}) {}

	/** Forget what is on the screen: the next frame is drawn in full. */
	invalidate(): void {
		this.shown = undefined;
		this.isErasePending = false;
	}

	/**
	 * The terminal changed size. Ink draws once more with the old layout
	 * before the app has seen the new size; on the new screen that frame
	 * would wrap and scroll for an instant. So frames that do not fit are
	 * skipped until one does, and that one is drawn in full.
	 */
	resized(): void {
		this.invalidate();
		this.isResizing = true;
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
		if (this.isResizing) {
			if (isTooTall || lines.some(line => (cellsOf(line)?.length ?? 0) > columns)) {
				return '';
			}

			this.isResizing = false;
		}

		this.shown = isTooTall ? undefined : lines;
		this.isErasePending = false;
		if (previous === undefined || isTooTall) {
			// The pen plain before the erase (erased cells take its background) and after the frame, as the diffs expect it.
			return resetPen + home + eraseScreen + body + resetPen;
		}

		const output = diffLines(previous, lines, columns, parser(this.parsed));
		const parsed = this.parsed;
		this.parsed = new Map(lines.filter(line => parsed.has(line)).map(line => [line, parsed.get(line)]));
		return output;
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
		differ.resized();
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
