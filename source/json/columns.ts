/**
 * Terminal column widths, close enough to Ink's own measure that our
 * truncation wins and Ink's `wrap="truncate"` is only a safety net. Wide
 * (East Asian, emoji) code points take two columns, combining marks none.
 */

const wide: Array<[number, number]> = [
	[0x1100, 0x115f],
	[0x2e80, 0xa4cf],
	[0xac00, 0xd7a3],
	[0xf900, 0xfaff],
	[0xfe30, 0xfe4f],
	[0xff00, 0xff60],
	[0xffe0, 0xffe6],
	[0x1f300, 0x1f64f],
	[0x1f900, 0x1f9ff],
	[0x20000, 0x3fffd],
];

const zero: Array<[number, number]> = [
	[0x0300, 0x036f],
	[0x200b, 0x200d],
	[0xfe00, 0xfe0f],
];

function inRanges(code: number, ranges: Array<[number, number]>): boolean {
	for (const [low, high] of ranges) {
		if (code >= low && code <= high) {
			return true;
		}
	}

	return false;
}

/** Columns one code point takes. */
export function charWidth(code: number): number {
	if (code < 0x0300) {
		return 1;
	}

	if (inRanges(code, zero)) {
		return 0;
	}

	return inRanges(code, wide) ? 2 : 1;
}

/** Columns a (sanitised) text takes. */
export function textWidth(text: string): number {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.codePointAt(index)!;
		if (code > 0xffff) {
			index++;
		}

		width += charWidth(code);
	}

	return width;
}

/** The longest prefix of `text` that fits in `columns`, and whether anything was cut. */
export function fitText(text: string, columns: number): {text: string; width: number; isCut: boolean} {
	let width = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.codePointAt(index)!;
		const size = charWidth(code);
		if (width + size > columns) {
			return {text: text.slice(0, index), width, isCut: true};
		}

		width += size;
		index += code > 0xffff ? 2 : 1;
	}

	return {text, width, isCut: false};
}

/**
 * Where each line starts when `text` is wrapped: the first line gets
 * `firstColumns`, the others `columns` (both at least 1).
 */
export function wrapStarts(text: string, firstColumns: number, columns: number): number[] {
	const starts = [0];
	let room = Math.max(1, firstColumns);
	let width = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.codePointAt(index)!;
		const size = charWidth(code);
		if (width + size > room && width > 0) {
			starts.push(index);
			room = Math.max(1, columns);
			width = 0;
		}

		width += size;
		index += code > 0xffff ? 2 : 1;
	}

	return starts;
}
