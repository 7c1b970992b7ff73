/**
 * Display lines of a {@link JsonDocument}, produced only for the window asked
 * for, and turned into a few styled segments each, already cut to the width.
 */

import {sanitise} from '../terminal/sanitise.js';
import {fitText, textWidth} from './columns.js';
import {inexactNote} from './numbers.js';
import {containerSummary, formatBytes} from './preview.js';
import {keyText, literalPrefix} from './text.js';
import {hasEntries, indentOf, type JsonDocument, type JsonNode, kindOf} from './tree.js';

/** One display line: a container's opening or closing line, a one-line value, or one line of a wrapped string. */
export type Line = {node: JsonNode; part: 'open' | 'close' | 'leaf' | 'wrap'; wrapIndex: number};

export type SegmentKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'muted';

/** A run of text in one style: `isEdit` marks a word diff's changed words. The diff viewer's segments share the shape. */
export type StyledText<Kind extends string> = {
	text: string;
	kind: Kind;
	isMatch?: boolean;
	isEdit?: boolean;
	/** Never cut inside: a line too narrow for it leaves it out (`[…]` cut would read `[……`). Default false. */
	isWhole?: boolean;
};

export type Segment = StyledText<SegmentKind>;

/** A string value's text as shown inside its quotes (literalBody), in runs, some marked as edited (a word diff's changed words); together, the whole string. */
export type StringPiece = {text: string; isEdit: boolean};

function firstLine(document: JsonDocument, node: JsonNode): Line {
	if (document.isContainerOpen(node)) {
		return {node, part: 'open', wrapIndex: 0};
	}

	return {node, part: node.wrapped ? 'wrap' : 'leaf', wrapIndex: 0};
}

/** Of the first `count` prefix sums (ascending), the index of the last one at most `offset`: the child holding line `offset`. */
export function childAt(prefix: readonly number[], count: number, offset: number): number {
	let low = 0;
	let high = count - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (prefix[middle]! <= offset) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}

	return low;
}

/** The line at `index` (0-based) of the document, or of the subtree under `top`; undefined past the end. */
export function locate(document: JsonDocument, index: number, top: JsonNode = document.root): Line | undefined {
	if (index < 0 || !Number.isInteger(index)) {
		return undefined;
	}

	let node = top;
	let offset = index;
	for (;;) {
		if (document.isContainerOpen(node)) {
			if (offset === 0) {
				return {node, part: 'open', wrapIndex: 0};
			}

			const inner = offset - 1;
			const children = document.childrenOf(node);
			const prefix = document.prefixOf(node, inner);
			const valid = node.prefixValid!;
			if (valid === children.length && inner >= prefix[valid]!) {
				return inner === prefix[valid] ? {node, part: 'close', wrapIndex: 0} : undefined;
			}

			// The child holding `inner` is among the first `valid` ones.
			const child = childAt(prefix, valid, inner);
			node = children[child]!;
			offset = inner - prefix[child]!;
			continue;
		}

		if (node.wrapped) {
			return offset < node.wrapped.starts.length ? {node, part: 'wrap', wrapIndex: offset} : undefined;
		}

		return offset === 0 ? {node, part: 'leaf', wrapIndex: 0} : undefined;
	}
}

/** The line after `line`, or undefined at the end. */
export function nextLine(document: JsonDocument, line: Line): Line | undefined {
	const {node} = line;
	if (line.part === 'open') {
		return firstLine(document, document.childrenOf(node)[0]!);
	}

	if (line.part === 'wrap' && line.wrapIndex + 1 < node.wrapped!.starts.length) {
		return {node, part: 'wrap', wrapIndex: line.wrapIndex + 1};
	}

	const {parent} = node;
	if (!parent) {
		return undefined;
	}

	const siblings = document.childrenOf(parent);
	const sibling = siblings[node.index + 1];
	return sibling ? firstLine(document, sibling) : {node: parent, part: 'close', wrapIndex: 0};
}

/** Up to `count` lines from `start`. Only these lines are computed. */
export function linesAt(document: JsonDocument, start: number, count: number): Line[] {
	const lines: Line[] = [];
	let line = locate(document, start);
	while (line && lines.length < count) {
		lines.push(line);
		line = nextLine(document, line);
	}

	return lines;
}

export type RenderOptions = {
	/** The current search match, drawn highlighted. */
	match?: {node: JsonNode; where: 'key' | 'value'};
	/** Muted words after a one-line value (`unchanged` after a folded container, in the diff). */
	note?: string;
	/** The string value in pieces, drawn as such; default: the string whole. */
	pieces?: readonly StringPiece[];
};

function isLast(node: JsonNode): boolean {
	const {parent} = node;
	return !parent || node.index === (parent.children?.length ?? 0) - 1;
}

/** A number as written (`literal`, when String() might spell it otherwise), with a note when a float cannot hold it. */
function numberSegments(value: unknown, literal: string | undefined): Segment[] {
	// The literal is the API's text: a number token cannot hold a control character, but that is the parser's word, not ours.
	const text = literal === undefined ? String(value) : sanitise(literal);
	// Without its literal, a number beyond the float range reads Infinity: the raw digits are gone.
	const note = literal === undefined ? (Number.isFinite(value) ? undefined : 'beyond float range') : inexactNote(literal);
	const segments: Segment[] = [{text, kind: 'number'}];
	if (note !== undefined) {
		segments.push({text: ` (${note})`, kind: 'muted'});
	}

	return segments;
}

/** The mark of a cut: the line's last column. */
const cutMark: Segment = {text: '…', kind: 'muted'};

/** The pieces' text from `start` to `end` (offsets into their concatenation). */
function slicePieces(pieces: readonly StringPiece[], start: number, end: number): StringPiece[] {
	const sliced: StringPiece[] = [];
	let at = 0;
	for (const piece of pieces) {
		const next = at + piece.text.length;
		if (next > start && at < end) {
			sliced.push({text: piece.text.slice(Math.max(0, start - at), end - at), isEdit: piece.isEdit});
		}

		at = next;
	}

	return sliced;
}

function pieceSegments(pieces: readonly StringPiece[], isMatch: boolean | undefined): Segment[] {
	return pieces.map(piece => ({text: piece.text, kind: 'string', isMatch, isEdit: piece.isEdit || undefined}));
}

/**
 * A string as a literal in `room` columns. One too wide is left open and
 * wider than the room, so that the line's cut (fitSegments) ends it with
 * its one ellipsis and no closing quote. A string over `largeString` units
 * shows its size after a prefix cut here, so that the size stays on screen.
 * Given in pieces (a word diff), it is drawn in them, whatever its size.
 */
function stringSegments(raw: string, room: number, largeString: number, options: RenderOptions, isMatch: boolean | undefined): Segment[] {
	if (options.pieces !== undefined) {
		const isWhole = options.pieces.reduce((sum, piece) => sum + textWidth(piece.text), 0) + 2 <= room;
		const quote: Segment = {text: '"', kind: 'string', isMatch};
		return [quote, ...pieceSegments(options.pieces, isMatch), ...(isWhole ? [quote] : [])];
	}

	if (raw.length > largeString) {
		const size = ` ${formatBytes(Buffer.byteLength(raw))}`;
		const prefixRoom = room - textWidth(size) - 2;
		if (prefixRoom >= 1) {
			const {text, isCut} = literalPrefix(raw, prefixRoom);
			return [{text: isCut ? `"${text}` : `"${text}"`, kind: 'string', isMatch}, ...(isCut ? [cutMark] : []), {text: size, kind: 'muted'}];
		}
	}

	const {text, isCut} = literalPrefix(raw, room + 1);
	return [{text: isCut ? `"${text}` : `"${text}"`, kind: 'string', isMatch}];
}

function scalarSegments(value: unknown, literal: string | undefined, room: number, largeString: number, options: RenderOptions, isMatch: boolean): Segment[] {
	const kind = kindOf(value);
	if (kind === 'string') {
		return stringSegments(value as string, room, largeString, options, isMatch);
	}

	const segments: Segment[] = kind === 'number' ? numberSegments(value, literal) : [kind === 'boolean' ? {text: String(value), kind} : {text: 'null', kind: 'null'}];
	segments[0]!.isMatch = isMatch;
	return segments;
}

/** A folded container in `room` columns: its marker, whole, and as much of its summary as fits whole. */
function containerSegments(value: unknown, room: number): Segment[] {
	const isArray = Array.isArray(value);
	if (!hasEntries(value)) {
		return [{text: isArray ? '[]' : '{}', kind: 'punct'}];
	}

	const marker: Segment = {text: isArray ? '[…]' : '{…}', kind: 'punct', isWhole: true};
	const summary = containerSummary(value, room - 4);
	return summary === '' ? [marker] : [marker, {text: ` ${summary}`, kind: 'muted'}];
}

/** Merge neighbours of one style and cut to `width` columns, the last one then '…' (of `ellipsisKind`, and only that one). */
export function fitSegments<Kind extends string>(segments: ReadonlyArray<StyledText<Kind>>, width: number, ellipsisKind: Kind): Array<StyledText<Kind>> {
	const total = segments.reduce((sum, segment) => sum + textWidth(segment.text), 0);
	const isCut = total > width;
	const room = isCut ? Math.max(0, width - 1) : width;
	const fitted: Array<StyledText<Kind>> = [];
	let used = 0;
	for (const segment of segments) {
		const cut = fitText(segment.text, room - used);
		const text = segment.isWhole && cut.isCut ? '' : cut.text;
		const previous = fitted.at(-1);
		if (previous && previous.kind === segment.kind && Boolean(previous.isMatch) === Boolean(segment.isMatch) && Boolean(previous.isEdit) === Boolean(segment.isEdit)) {
			previous.text += text;
		} else if (text) {
			fitted.push({...segment, text});
		}

		used += cut.width;
		if (cut.isCut) {
			break;
		}
	}

	if (isCut && width > 0) {
		fitted.push({text: '…', kind: ellipsisKind});
	}

	return fitted;
}

/** The styled segments of one line, fitting in `width` columns. */
export function renderLine(document: JsonDocument, line: Line, width: number, options: RenderOptions = {}): Segment[] {
	const {node, part} = line;
	const isMatch = options.match?.node === node;
	const comma: Segment = {text: isLast(node) ? '' : ',', kind: 'punct'};
	const segments: Segment[] = [];
	// A wrapped string's text from `start` to `end`, in its pieces when given.
	const wrappedText = (start: number, end: number | undefined, isTextMatch: boolean): Segment[] => {
		const {text} = node.wrapped!;
		return options.pieces === undefined
			? [{text: text.slice(start, end), kind: 'string', isMatch: isTextMatch}]
			: pieceSegments(slicePieces(options.pieces, start, end ?? text.length), isTextMatch);
	};

	if (part === 'wrap' && line.wrapIndex > 0) {
		const {starts} = node.wrapped!;
		const end = starts[line.wrapIndex + 1];
		segments.push({text: ' '.repeat(indentOf(node.depth + 1, width)), kind: 'punct'});
		segments.push(...wrappedText(starts[line.wrapIndex]!, end, isMatch));
		if (end === undefined) {
			segments.push({text: '"', kind: 'string', isMatch}, comma);
		}

		return fitSegments(segments, width, 'muted');
	}

	segments.push({text: ' '.repeat(indentOf(node.depth, width)), kind: 'punct'});
	const key = part === 'close' ? undefined : keyText(node.key, width);
	if (key !== undefined) {
		segments.push({text: key, kind: 'key', isMatch: isMatch && options.match?.where === 'key'}, {text: ': ', kind: 'punct'});
	}

	const isValueMatch = isMatch && options.match?.where === 'value';
	const fromString: Segment = {text: node.source === undefined ? '' : ' parsed from a string', kind: 'muted'};
	const note: Segment = {text: options.note === undefined ? '' : ` ${options.note}`, kind: 'muted'};
	switch (part) {
		case 'open': {
			segments.push({text: Array.isArray(node.value) ? '[' : '{', kind: 'punct'}, fromString);
			break;
		}

		case 'close': {
			segments.push({text: Array.isArray(node.value) ? ']' : '}', kind: 'punct'}, comma);
			break;
		}

		case 'wrap': {
			const {starts} = node.wrapped!;
			const isOnly = starts.length === 1;
			segments.push({text: '"', kind: 'string', isMatch: isValueMatch}, ...wrappedText(0, starts[1], isValueMatch));
			if (isOnly) {
				segments.push({text: '"', kind: 'string', isMatch: isValueMatch}, comma);
			}

			break;
		}

		default: {
			const room = width - segments.reduce((sum, segment) => sum + textWidth(segment.text), 0) - comma.text.length - textWidth(note.text);
			if (typeof node.value === 'object' && node.value !== null) {
				segments.push(...containerSegments(node.value, room), note, fromString, comma);
			} else {
				const literal = typeof node.value === 'number' ? document.literalOf(node) : undefined;
				segments.push(...scalarSegments(node.value, literal, room, document.largeString, options, isValueMatch), note, fromString, comma);
			}
		}
	}

	return fitSegments(segments, width, 'muted');
}
