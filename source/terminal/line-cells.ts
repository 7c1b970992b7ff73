/**
 * A frame line as terminal cells, each with the colours in force there, so
 * that a changed line can be rewritten cell by cell rather than whole: when
 * the list scrolls, the detail pane beside it stays as it is.
 */

const attributeOrder = ['bold', 'dim', 'italic', 'underline', 'blink', 'inverse', 'hidden', 'strike', 'fg', 'bg'] as const;
type Attribute = (typeof attributeOrder)[number];

/** The SGR attributes in force: each attribute's parameters, and all of them in one order as `key` ('' for none). */
export type Style = {
	readonly key: string;
	readonly codes: Readonly<Partial<Record<Attribute, string>>>;
};

/** One column: its character and style. */
export type Cell = {text: string; style: Style};

export const plain: Style = {key: '', codes: {}};
export const blank: Cell = {text: ' ', style: plain};

const sgrAt = /\u001B\[([\d;:]*)m/y;
const csi = '\u001B[';

// Which attribute each SGR parameter sets, and which parameter closes each attribute (22 closes bold and dim alike).
const attributes: Partial<Record<string, Attribute>> = {1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 5: 'blink', 7: 'inverse', 8: 'hidden', 9: 'strike'};
const closers: Record<Attribute, string> = {bold: '22', dim: '22', italic: '23', underline: '24', blink: '25', inverse: '27', hidden: '28', strike: '29', fg: '39', bg: '49'};
const closed: Partial<Record<string, readonly Attribute[]>> = {22: ['bold', 'dim'], 23: ['italic'], 24: ['underline'], 25: ['blink'], 27: ['inverse'], 28: ['hidden'], 29: ['strike'], 39: ['fg'], 49: ['bg']};

function colourOf(code: number): 'fg' | 'bg' | undefined {
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
		return 'fg';
	}

	return (code >= 40 && code <= 47) || (code >= 100 && code <= 107) ? 'bg' : undefined;
}

function styleOf(codes: Partial<Record<Attribute, string>>): Style {
	const key = attributeOrder.flatMap(attribute => codes[attribute] ?? []).join(';');
	return key === '' ? plain : {key, codes};
}

/** The style after applying one SGR sequence's parameters; undefined for parameters not understood. */
function apply(style: Style, parameters: string): Style | undefined {
	let next: Partial<Record<Attribute, string>> = {...style.codes};
	const codes = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		const number = Number(code);
		const attribute = attributes[code];
		const closes = closed[code];
		if (number === 0) {
			next = {};
		} else if (number === 38 || number === 48) {
			// 38;5;n or 38;2;r;g;b: extended colours.
			const length = codes[index + 1] === '5' ? 2 : codes[index + 1] === '2' ? 4 : -1;
			if (length < 0 || index + length >= codes.length) {
				return undefined;
			}

			next[number === 38 ? 'fg' : 'bg'] = codes.slice(index, index + length + 1).join(';');
			index += length;
		} else if (attribute !== undefined) {
			next[attribute] = code;
		} else if (closes !== undefined) {
			for (const each of closes) {
				delete next[each];
			}
		} else if (colourOf(number) === undefined) {
			return undefined;
		} else {
			next[colourOf(number)!] = code;
		}
	}

	return styleOf(next);
}

/**
 * The shortest SGR sequence that turns the pen `from` (undefined: not known)
 * into `to`: the attributes that differ, or a reset and all of `to`'s.
 */
export function restyle(from: Style | undefined, to: Style): string {
	if (from?.key === to.key) {
		return '';
	}

	if (to.key === '') {
		return `${csi}m`;
	}

	const reset = `${csi}0;${to.key}m`;
	if (from === undefined) {
		return reset;
	}

	const closes = new Set(attributeOrder.filter(attribute => from.codes[attribute] !== undefined && to.codes[attribute] === undefined).map(attribute => closers[attribute]));
	// After a 22, whichever of bold and dim stays is set again.
	const sets = attributeOrder.filter(attribute => to.codes[attribute] !== undefined && (to.codes[attribute] !== from.codes[attribute] || closes.has(closers[attribute])));
	const changes = `${csi}${[...closes, ...sets.map(attribute => to.codes[attribute])].join(';')}m`;
	return changes.length < reset.length ? changes : reset;
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
	let style = plain;
	for (let index = 0; index < line.length;) {
		if (line[index] === '\u001B') {
			sgrAt.lastIndex = index;
			const match = sgrAt.exec(line);
			const next = match === null ? undefined : apply(style, match[1]!);
			if (match === null || next === undefined) {
				return undefined;
			}

			style = next;
			index += match[0].length;
			continue;
		}

		const point = line.codePointAt(index)!;
		if (!isOneColumn(point)) {
			return undefined;
		}

		cells.push({text: line[index]!, style});
		index++;
	}

	return cells;
}

/** Whether two cells look the same; past a line's end a cell is blank. */
export function isSameCell(first: Cell | undefined, second: Cell | undefined): boolean {
	const a = first ?? blank;
	const b = second ?? blank;
	return a.text === b.text && a.style.key === b.style.key;
}
