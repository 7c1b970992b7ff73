/**
 * One changed line of a frame, written in the fewest bytes: only its changed
 * cells, reached by the shortest moves, short unchanged gaps written again
 * rather than jumped, and its end cleared by EL only when that is shorter.
 */

import {blank, isSameCell, plain, restyle, type Cell, type Style} from './line-cells.js';
import {cellsText, type ScreenWriter, wireBytes} from './screen-writer.js';

const eraseLine = '\u001B[2K';
const eraseLineEnd = '\u001B[K';

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
 * from `eraseFrom` on (where `after` is all blank), the changed cells are
 * cleared by one EL instead of written as spaces.
 */
function changeCells(writer: ScreenWriter, row: number, before: readonly Cell[], after: readonly Cell[], eraseFrom: number | undefined): void {
	const width = Math.max(before.length, after.length);
	const limit = eraseFrom ?? width;
	for (let index = 0; index < width;) {
		if (isSameCell(before[index], after[index])) {
			index++;
		} else if (index >= limit) {
			reach(writer, row, index, after, plain);
			writer.erase(eraseLineEnd);
			return;
		} else {
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

/**
 * Writes what turns row `row` from cells `before` into `after` (the line
 * `line`): its changed cells, or the whole line when cells are not sure.
 */
export function changeLine(writer: ScreenWriter, row: number, before: readonly Cell[] | undefined, after: readonly Cell[] | undefined, line: string): ScreenWriter {
	if (before === undefined || after === undefined) {
		writer.moveTo(row, 1);
		writer.erase(eraseLine);
		writer.putRaw(line);
		return writer;
	}

	const spaces = writer.clone();
	changeCells(spaces, row, before, after, undefined);
	let inkEnd = after.length;
	while (inkEnd > 0 && isSameCell(after[inkEnd - 1], blank)) {
		inkEnd--;
	}

	// An erase can only help when cells past the new text's end were showing something.
	if (before.length <= inkEnd) {
		return spaces;
	}

	const erased = writer.clone();
	changeCells(erased, row, before, after, inkEnd);
	return erased.bytes < spaces.bytes ? erased : spaces;
}
