/**
 * A frame line as terminal cells, each with the colours in force there, so
 * that a changed line can be rewritten from its first changed column to its
 * last rather than whole: when the list scrolls, the detail pane beside it
 * stays as it is.
 */

/** One column: its character and the SGR sequence that gives its style ('' for none). */
export type Cell = {text: string; style: string};

type Style = {
	/** SGR parameters of each attribute in force, by attribute: 'fg', 'bg', 'bold', 'inverse'... */
	readonly [attribute: string]: string;
};

const sgrAt = /\u001B\[([\d;:]*)m/y;

// Which attribute each SGR parameter sets; a closing parameter removes it.
const attributes: Record<string, string> = {1: 'weight', 2: 'weight', 3: 'italic', 4: 'underline', 5: 'blink', 7: 'inverse', 8: 'hidden', 9: 'strike'};
const closes: Record<string, string> = {22: 'weight', 23: 'italic', 24: 'underline', 25: 'blink', 27: 'inverse', 28: 'hidden', 29: 'strike', 39: 'fg', 49: 'bg'};

function colourOf(code: number): 'fg' | 'bg' | undefined {
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
		return 'fg';
	}

	return (code >= 40 && code <= 47) || (code >= 100 && code <= 107) ? 'bg' : undefined;
}

/** The style after applying one SGR sequence's parameters; undefined for parameters not understood. */
function apply(style: Style, parameters: string): Style | undefined {
	const next: Record<string, string> = {...style};
	const codes = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		const number = Number(code);
		if (number === 0) {
			for (const key of Object.keys(next)) {
				delete next[key];
			}
		} else if (number === 38 || number === 48) {
			// 38;5;n or 38;2;r;g;b: extended colours.
			const length = codes[index + 1] === '5' ? 2 : codes[index + 1] === '2' ? 4 : -1;
			if (length < 0 || index + length >= codes.length) {
				return undefined;
			}

			next[number === 38 ? 'fg' : 'bg'] = codes.slice(index, index + length + 1).join(';');
			index += length;
		} else if (attributes[code] !== undefined) {
			next[attributes[code]] = code;
		} else if (closes[code] !== undefined) {
			delete next[closes[code]];
		} else if (colourOf(number) === undefined) {
			return undefined;
		} else {
			next[colourOf(number)!] = code;
		}
	}

	return next;
}

function sgrOf(style: Style): string {
	const parameters = Object.keys(style).sort().map(key => style[key]);
	return parameters.length === 0 ? '' : `\u001B[${parameters.join(';')}m`;
}

// Characters sure to take one column: a line with anything else (wide, zero-width, combining) is rewritten whole.
function isOneColumn(point: number): boolean {
	return (
		(point >= 0x20 && point < 0x7F)
		|| (point >= 0xA0 && point < 0x3_00)
		|| (point >= 0x20_10 && point < 0x20_28)
		|| (point >= 0x20_30 && point < 0x20_5F)
		|| (point >= 0x20_70 && point < 0x23_1A)
		|| (point >= 0x25_00 && point < 0x25_FD)
		|| point === 0x27_13
		|| point === 0x27_17
	);
}

/** The line's cells; undefined when a character's width or an escape is not sure, and the line is best rewritten whole. */
export function cellsOf(line: string): Cell[] | undefined {
	const cells: Cell[] = [];
	let style: Style = {};
	let sgr = '';
	for (let index = 0; index < line.length;) {
		if (line[index] === '\u001B') {
			sgrAt.lastIndex = index;
			const match = sgrAt.exec(line);
			const next = match === null ? undefined : apply(style, match[1]!);
			if (match === null || next === undefined) {
				return undefined;
			}

			style = next;
			sgr = sgrOf(style);
			index += match[0].length;
			continue;
		}

		const point = line.codePointAt(index)!;
		if (!isOneColumn(point)) {
			return undefined;
		}

		cells.push({text: line[index]!, style: sgr});
		index++;
	}

	return cells;
}

/** The cells written in their styles, ending with the style reset when one was set. */
export function writeCells(cells: readonly Cell[]): string {
	let output = '';
	let style = '';
	for (const cell of cells) {
		if (cell.style !== style) {
			output += (style === '' ? '' : '\u001B[0m') + cell.style;
			style = cell.style;
		}

		output += cell.text;
	}

	return style === '' ? output : `${output}\u001B[0m`;
}
