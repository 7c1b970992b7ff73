/**
 * Units of text (words, a request's fields) laid out on lines of a width,
 * cutting nothing: where a pane must show something whole, it takes more
 * lines instead, and says how many beforehand, since on Ink 6 nothing may
 * wrap by itself.
 */
import {textWidth, wrapStarts} from '../json/columns.js';

/** A span of one unit's text on a line: `text.slice(start, end)` of unit `unit`. */
export type FlowPiece = {unit: number; start: number; end: number};

/**
 * `units` on lines of `width` columns, in order, `gap` columns apart on a
 * line. A unit is never split unless it is wider than a whole line: then it
 * is broken where the columns run out, and starts a line of its own.
 */
export function flowUnits(units: readonly string[], width: number, gap: number): FlowPiece[][] {
	const room = Math.max(1, width);
	const lines: FlowPiece[][] = [];
	let line: FlowPiece[] = [];
	let used = 0;
	for (const [unit, text] of units.entries()) {
		const size = textWidth(text);
		if (line.length > 0 && used + gap + size <= room) {
			line.push({unit, start: 0, end: text.length});
			used += gap + size;
			continue;
		}

		if (line.length > 0) {
			lines.push(line);
		}

		const starts = wrapStarts(text, room, room);
		for (const [index, start] of starts.entries()) {
			line = [{unit, start, end: starts[index + 1] ?? text.length}];
			if (index < starts.length - 1) {
				lines.push(line);
			}
		}

		used = textWidth(text.slice(starts.at(-1)));
	}

	if (line.length > 0) {
		lines.push(line);
	}

	return lines;
}

/** Words of `text` on lines of `width` columns, a word wider than a line broken across lines. */
export function wrapWhole(text: string, width: number): string[] {
	const words = text.split(' ').filter(Boolean);
	const lines = flowUnits(words, width, 1).map(line => line.map(piece => words[piece.unit]!.slice(piece.start, piece.end)).join(' '));
	return lines.length > 0 ? lines : [''];
}
