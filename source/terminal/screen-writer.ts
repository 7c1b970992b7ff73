/**
 * The terminal's cursor and pen (SGR state) as a frame diff moves them, so
 * that each step goes out in the fewest bytes: a relative move when shorter
 * than an absolute one, a style change of only what differs.
 */

import {plain, restyle, type Cell, type Style} from './line-cells.js';

const csi = '\u001B[';

/** Bytes sent for `text`: UTF-8, each \n going out as \r\n (the line discipline's ONLCR, which Ink relies on too). */
export function wireBytes(text: string): number {
	let bytes = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// Each half of a surrogate pair counts 2 of its 4 bytes.
		bytes += code === 0x0A ? 2 : code < 0x80 ? 1 : code < 0x8_00 || (code >= 0xD8_00 && code < 0xE0_00) ? 2 : 3;
	}

	return bytes;
}

function cheapest(options: readonly string[]): string {
	return options.reduce((best, option) => (wireBytes(option) < wireBytes(best) ? option : best));
}

const times = (count: number): string => (count === 1 ? '' : String(count));

/** Ways from column `from` (undefined: not known) to column `to` on the same row. */
function across(from: number | undefined, to: number): string[] {
	if (from === to) {
		return [''];
	}

	const options = [to === 1 ? '\r' : `\r${csi}${times(to - 1)}C`, `${csi}${to}G`];
	if (from !== undefined) {
		options.push(from < to ? `${csi}${times(to - from)}C` : `${csi}${times(from - to)}D`);
	}

	return options;
}

/** What writing `cells` with the pen at `pen` sends. */
export function cellsText(cells: readonly Cell[], pen: Style | undefined): string {
	let output = '';
	let current = pen;
	for (const cell of cells) {
		output += restyle(current, cell.style) + cell.text;
		current = cell.style;
	}

	return output;
}

export class ScreenWriter {
	output = '';
	/** The output's wireBytes. */
	bytes = 0;
	/** 1-based; the column is undefined when not known: after text of unsure widths, or writing the last column (its wrap is pending). */
	column: number | undefined = 1;

	/** @param pen undefined when not known. */
	constructor(private readonly columns: number, public row: number, public pen: Style | undefined) {}

	/** The shortest move from the cursor to (row, column): absolute, or relative (CUF, CUD, CR, LF...). */
	moveText(row: number, column: number): string {
		const options = [`${csi}${row}${column === 1 ? '' : `;${column}`}H`];
		if (row === this.row) {
			options.push(...across(this.column, column));
		} else {
			const rows = Math.abs(row - this.row);
			const vertical = `${csi}${times(rows)}${row > this.row ? 'B' : 'A'}`;
			options.push(...across(this.column, column).map(move => vertical + move));
			if (row > this.row) {
				options.push(...across(1, column).map(move => '\n'.repeat(rows) + move));
			}
		}

		return cheapest(options);
	}

	moveTo(row: number, column: number): void {
		this.send(this.moveText(row, column));
		this.row = row;
		this.column = column;
	}

	restyle(style: Style): void {
		this.send(restyle(this.pen, style));
		this.pen = style;
	}

	/** Writes one-column cells from the cursor on. */
	put(cells: readonly Cell[]): void {
		this.send(cellsText(cells, this.pen));
		this.pen = cells.at(-1)?.style ?? this.pen;
		const column = this.column === undefined ? undefined : this.column + cells.length;
		this.column = column === undefined || column > this.columns ? undefined : column;
	}

	/** Sends an erase (EL, ED) with the pen plain first, as erased cells take the pen's background. */
	erase(sequence: string): void {
		this.restyle(plain);
		this.send(sequence);
	}

	/**
	 * Scrolls rows `top` to `bottom` by `by` lines, up when positive: lines
	 * deleted (DL) or reverse indexes at the top of a scroll region (DECSTBM).
	 * Setting and resetting the region both leave the cursor home.
	 */
	scroll(top: number, bottom: number, by: number): void {
		// The lines scrolled in take the pen's background.
		this.restyle(plain);
		// Not line feeds at the region's bottom: from a region at row 1 they feed the scrollback, which xterm.js (VS Code's
		// terminal) gives the alternate screen when shrunk before its first use, and a taller resize brings those lines back
		// into view (xtermjs/xterm.js#6163). Deleted lines never go to the scrollback.
		const shift = by > 0 ? `${csi}${times(by)}M` : '\u001BM'.repeat(-by);
		this.send(`${csi}${top};${bottom}r${csi}${top}H${shift}${csi}r`);
		this.row = 1;
		this.column = 1;
	}

	/** Writes text of unsure widths and styles: the column and the pen are no longer known. */
	putRaw(text: string): void {
		this.send(text);
		this.column = undefined;
		this.pen = undefined;
	}

	private send(text: string): void {
		this.output += text;
		this.bytes += wireBytes(text);
	}
}
