/**
 * One changed line of a frame, written in the fewest bytes: only its changed
 * cells, reached by the shortest moves, short unchanged gaps written again
 * rather than jumped.
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
 * Writes what turns row `row` from cells `before` into `after` (the line
 * `line`): its changed cells in runs, and past the new text's end, if
 * anything there changes, one EL, which leaves the cells cleared as Ink's own
 * redraw does. Or the whole line, when cells are not sure.
 */
export function changeLine(writer: ScreenWriter, row: number, before: readonly Cell[] | undefined, after: readonly Cell[] | undefined, line: string): void {
	if (before === undefined || after === undefined) {
		writer.moveTo(row, 1);
		writer.erase(eraseLine);
		writer.putRaw(line);
		return;
	}

	let textEnd = after.length;
	while (textEnd > 0 && isSameCell(after[textEnd - 1], blank)) {
		textEnd--;
	}

	for (let index = 0; index < Math.max(before.length, after.length);) {
		if (isSameCell(before[index], after[index])) {
			index++;
		} else if (index >= textEnd) {
			reach(writer, row, index, after, plain);
			writer.erase(eraseLineEnd);
			return;
		} else {
			let end = index + 1;
			while (end < textEnd && !isSameCell(before[end], after[end])) {
				end++;
			}

			reach(writer, row, index, after, after[index]!.style);
			writer.put(cellsAt(after, index, end));
			index = end;
		}
	}
}
