/**
 * A one-line text field as a pure model: the editing keys of a shell's line
 * editor (readline's emacs mode), and a horizontal scroll that keeps the
 * cursor in view. The caller owns the field in its model and routes to it
 * the keys a focused field receives; the keys it does not handle (Enter,
 * Esc, Tab, Up/Down, Ctrl-C, …) go back to the caller.
 */
import stringWidth from 'string-width';
import type {Key} from './keys.js';

export type TextField = {
	readonly value: string;
	/** A UTF-16 index into value, never inside a surrogate pair. */
	readonly cursor: number;
	/** The index into value of the first character shown: see fitField. */
	readonly scroll: number;
};

export type FieldOptions = {
	/** Shown for each code point instead of the text, for secrets. Default: none, the text is shown. */
	mask?: string;
};

const isHighSurrogate = (code: number | undefined): boolean => code !== undefined && code >= 0xD8_00 && code <= 0xDB_FF;
const isLowSurrogate = (code: number | undefined): boolean => code !== undefined && code >= 0xDC_00 && code <= 0xDF_FF;

function previousIndex(value: string, index: number): number {
	if (index <= 0) {
		return 0;
	}

	return index >= 2 && isLowSurrogate(value.charCodeAt(index - 1)) && isHighSurrogate(value.charCodeAt(index - 2)) ? index - 2 : index - 1;
}

function nextIndex(value: string, index: number): number {
	if (index >= value.length) {
		return value.length;
	}

	return (value.codePointAt(index) ?? 0) > 0xFF_FF ? index + 2 : index + 1;
}

/** A cursor in range and on a code point boundary. */
function snapCursor(value: string, cursor: number): number {
	const index = Math.min(Math.max(Math.trunc(cursor), 0), value.length);
	return index > 0 && isLowSurrogate(value.charCodeAt(index)) && isHighSurrogate(value.charCodeAt(index - 1)) ? index - 1 : index;
}

export function textField(value = '', cursor = value.length): TextField {
	return {value, cursor: snapCursor(value, cursor), scroll: 0};
}

const wordCharacter = /[\p{L}\p{M}\p{N}]/u;
const whitespace = /\s/u;

/** Where a backward motion stops: over characters that are not `isPart`, then over those that are. */
function startOfRun(value: string, index: number, isPart: (char: string) => boolean): number {
	let start = index;
	while (start > 0 && !isPart(value.slice(previousIndex(value, start), start))) {
		start = previousIndex(value, start);
	}

	while (start > 0 && isPart(value.slice(previousIndex(value, start), start))) {
		start = previousIndex(value, start);
	}

	return start;
}

function endOfRun(value: string, index: number, isPart: (char: string) => boolean): number {
	let end = index;
	while (end < value.length && !isPart(value.slice(end, nextIndex(value, end)))) {
		end = nextIndex(value, end);
	}

	while (end < value.length && isPart(value.slice(end, nextIndex(value, end)))) {
		end = nextIndex(value, end);
	}

	return end;
}

const isWordCharacter = (char: string): boolean => wordCharacter.test(char);
const isNotWhitespace = (char: string): boolean => !whitespace.test(char);

const dropped = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const lineBreaks = /[\t\n\r]+/g;

/** Pasted text made one safe line: no escape sequence reaches the screen, and a pasted newline cannot submit. */
function sanitise(text: string): string {
	return text.replaceAll(dropped, '').replaceAll(lineBreaks, ' ');
}

/** The field with value and cursor replaced, or the same field when they did not change. */
function change(field: TextField, value: string, cursor: number): TextField {
	if (value === field.value && cursor === field.cursor) {
		return field;
	}

	// Every edit keeps what lies before min(scroll, cursor), so that index stays on a code point boundary.
	return {value, cursor, scroll: Math.min(field.scroll, cursor)};
}

function insert(field: TextField, text: string): TextField {
	const {value, cursor} = field;
	const safe = sanitise(text);
	return change(field, value.slice(0, cursor) + safe + value.slice(cursor), cursor + safe.length);
}

const moveTo = (field: TextField, cursor: number): TextField => change(field, field.value, cursor);
const deleteBack = (field: TextField, start: number): TextField => change(field, field.value.slice(0, start) + field.value.slice(field.cursor), start);
const deleteForward = (field: TextField, end: number): TextField => change(field, field.value.slice(0, field.cursor) + field.value.slice(end), field.cursor);

/** The field after an editing key, or undefined for a key that is not one. */
function edit(field: TextField, key: Key): TextField | undefined {
	const {value, cursor} = field;
	const isModified = key.ctrl || key.alt;
	switch (key.name) {
		case 'paste': {
			return insert(field, key.text);
		}

		case 'char': {
			if (key.ctrl) {
				return key.alt ? undefined : editCtrl(field, key.text);
			}

			return key.alt ? editAlt(field, key.text) : insert(field, key.text);
		}

		case 'left': {
			return moveTo(field, isModified ? startOfRun(value, cursor, isWordCharacter) : previousIndex(value, cursor));
		}

		case 'right': {
			return moveTo(field, isModified ? endOfRun(value, cursor, isWordCharacter) : nextIndex(value, cursor));
		}

		case 'home': {
			return moveTo(field, 0);
		}

		case 'end': {
			return moveTo(field, value.length);
		}

		case 'backspace': {
			// Terminals send Ctrl- or Alt-Backspace for "delete a word".
			return deleteBack(field, isModified ? startOfRun(value, cursor, isWordCharacter) : previousIndex(value, cursor));
		}

		case 'delete': {
			return deleteForward(field, nextIndex(value, cursor));
		}

		default: {
			return undefined;
		}
	}
}

function editCtrl(field: TextField, letter: string): TextField | undefined {
	const {value, cursor} = field;
	switch (letter) {
		case 'a': {
			return moveTo(field, 0);
		}

		case 'e': {
			return moveTo(field, value.length);
		}

		case 'b': {
			return moveTo(field, previousIndex(value, cursor));
		}

		case 'f': {
			return moveTo(field, nextIndex(value, cursor));
		}

		case 'h': {
			return deleteBack(field, previousIndex(value, cursor));
		}

		case 'd': {
			return deleteForward(field, nextIndex(value, cursor));
		}

		case 'u': {
			return deleteBack(field, 0);
		}

		case 'k': {
			return deleteForward(field, value.length);
		}

		case 'w': {
			return deleteBack(field, startOfRun(value, cursor, isNotWhitespace));
		}

		default: {
			return undefined;
		}
	}
}

function editAlt(field: TextField, letter: string): TextField | undefined {
	switch (letter) {
		case 'b': {
			return moveTo(field, startOfRun(field.value, field.cursor, isWordCharacter));
		}

		case 'f': {
			return moveTo(field, endOfRun(field.value, field.cursor, isWordCharacter));
		}

		default: {
			return undefined;
		}
	}
}

/** Applies a key. `isHandled` is false for a key that is no editing key (the field is then unchanged); a key that changes nothing returns the same field. */
export function editField(field: TextField, key: Key): {field: TextField; isHandled: boolean} {
	const edited = edit(field, key);
	return edited === undefined ? {field, isHandled: false} : {field: edited, isHandled: true};
}

/** One drawn unit: a grapheme cluster (a code point under a mask) and its width in columns. */
type Cell = {start: number; width: number};

const segmenter = new Intl.Segmenter();
const clusterWidths = new Map<string, number>();
const printableAscii = /^[\u0020-\u007E]*$/;

function clusterWidth(cluster: string): number {
	let width = clusterWidths.get(cluster);
	if (width === undefined) {
		width = stringWidth(cluster);
		clusterWidths.set(cluster, width);
	}

	return width;
}

let lastCells: {value: string; mask: string | undefined; cells: Cell[]} | undefined;

/**
 * The field's cells, measured as Ink measures text (string-width, cluster by
 * cluster), so the line Ink lays out is never wider than the field: a ❤️ is
 * two columns though its ❤ alone is one. Kept for the last value, as the
 * cursor moves far more often than the value changes.
 */
function cellsOf(value: string, mask: string | undefined): Cell[] {
	if (lastCells?.value === value && lastCells.mask === mask) {
		return lastCells.cells;
	}

	const cells: Cell[] = [];
	if (mask !== undefined) {
		const width = stringWidth(mask);
		for (let start = 0; start < value.length; start = nextIndex(value, start)) {
			cells.push({start, width});
		}
	} else if (printableAscii.test(value)) {
		for (let start = 0; start < value.length; start++) {
			cells.push({start, width: 1});
		}
	} else {
		for (const {segment, index} of segmenter.segment(value)) {
			cells.push({start: index, width: clusterWidth(segment)});
		}
	}

	lastCells = {value, mask, cells};
	return cells;
}

/** The index of the cell holding `index`; cells.length at the end of the value. */
function cellAt(cells: Cell[], valueLength: number, index: number): number {
	if (index >= valueLength) {
		return cells.length;
	}

	let low = 0;
	let high = cells.length - 1;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if ((cells[middle]?.start ?? 0) <= index) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}

	return low;
}

const cellWidth = (cells: Cell[], index: number): number => cells[index]?.width ?? 0;
const cellStart = (cells: Cell[], valueLength: number, index: number): number => cells[index]?.start ?? valueLength;

type Layout = {cells: Cell[]; first: number; cursorCell: number; cursorColumn: number};

function layout(field: TextField, width: number, options: FieldOptions): Layout {
	const {value, cursor} = field;
	const cells = cellsOf(value, options.mask);
	const cursorCell = cellAt(cells, value.length, cursor);
	// The cursor needs a column even past the end or on a character of no width.
	const cursorWidth = Math.max(1, cellWidth(cells, cursorCell));
	let first = cellAt(cells, value.length, Math.min(field.scroll, cursor));
	let cursorColumn = 0;
	for (let index = first; index < cursorCell; index++) {
		cursorColumn += cellWidth(cells, index);
	}

	while (first < cursorCell && cursorColumn + cursorWidth > width) {
		cursorColumn -= cellWidth(cells, first);
		first++;
	}

	// Text deleted at the end leaves room on the right: bring in what is cut off on the left rather than show a gap.
	let shown = cursorColumn + (cursorCell === cells.length ? 1 : 0);
	for (let index = cursorCell; index < cells.length; index++) {
		shown += cellWidth(cells, index);
	}

	while (first > 0) {
		const added = cellWidth(cells, first - 1);
		if (shown + added > width || cursorColumn + added + cursorWidth > width) {
			break;
		}

		first--;
		shown += added;
		cursorColumn += added;
	}

	return {cells, first, cursorCell, cursorColumn};
}

/**
 * Makes `scroll` keep the cursor visible in `width` display columns, moving
 * it as little as possible, except that it moves left to fill columns the
 * text would otherwise leave empty on the right. Wide characters (CJK,
 * emoji) take 2 columns; under a mask each code point takes the mask's width.
 * Returns the same field when the scroll stays.
 */
export function fitField(field: TextField, width: number, options: FieldOptions = {}): TextField {
	const {cells, first} = layout(field, width, options);
	const scroll = cellStart(cells, field.value.length, first);
	return scroll === field.scroll ? field : {...field, scroll};
}

export type VisibleField = {
	/** At most `width` columns of the value (or of mask characters), never splitting a character. */
	text: string;
	/** The cursor's column within text: 0 ≤ cursorColumn < width when width ≥ 1. */
	cursorColumn: number;
	/** Where the cursor's character starts in text (text.length when the cursor is past the end), to draw it inverted. */
	cursorIndex: number;
	/** Text is cut off at the left or right, for a view to show ‹ or ›. */
	isCutLeft: boolean;
	isCutRight: boolean;
};

/** What to draw of a field `width` columns wide. It fits the field first, so a field whose scroll is stale still shows its cursor. */
export function visibleField(field: TextField, width: number, options: FieldOptions = {}): VisibleField {
	const {value} = field;
	const {cells, first, cursorCell, cursorColumn} = layout(field, width, options);
	let last = first;
	let used = 0;
	while (last < cells.length && used + cellWidth(cells, last) <= width) {
		used += cellWidth(cells, last);
		last++;
	}

	const start = cellStart(cells, value.length, first);
	const text = options.mask === undefined ? value.slice(start, cellStart(cells, value.length, last)) : options.mask.repeat(last - first);
	const cursorIndex = options.mask === undefined
		? cellStart(cells, value.length, Math.min(cursorCell, last)) - start
		: options.mask.length * (Math.min(cursorCell, last) - first);
	return {text, cursorColumn, cursorIndex, isCutLeft: first > 0, isCutRight: last < cells.length};
}
