/**
 * Display lines of a {@link JsonDocument}, produced only for the window asked
 * for, and turned into a few styled segments each, already cut to the width.
 */

import {sanitise} from '../terminal/sanitise.js';
import {fitText, textWidth} from './columns.js';
import {inexactNote} from './numbers.js';
import {containerSummary, formatBytes} from './preview.js';
import {inertPrefix, keyLabel} from './text.js';
import {hasEntries, indentOf, type JsonDocument, type JsonNode, kindOf} from './tree.js';

/** One display line: a container's opening or closing line, a one-line value, or one line of a wrapped string. */
export type Line = {node: JsonNode; part: 'open' | 'close' | 'leaf' | 'wrap'; wrapIndex: number};

export type SegmentKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'muted';

export type Segment = {text: string; kind: SegmentKind; isMatch?: boolean};

function firstLine(document: JsonDocument, node: JsonNode): Line {
	if (document.isContainerOpen(node)) {
		return {node, part: 'open', wrapIndex: 0};
	}

	return {node, part: node.wrapped ? 'wrap' : 'leaf', wrapIndex: 0};
}

/** The line at `index` (0-based), or undefined past the end. */
export function locate(document: JsonDocument, index: number): Line | undefined {
	if (index < 0 || !Number.isInteger(index)) {
		return undefined;
	}

	let node = document.root;
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

			// The child holding `inner` is among the first `valid` ones: binary search.
			let low = 0;
			let high = valid - 1;
			while (low < high) {
				const middle = (low + high + 1) >> 1;
				if (prefix[middle]! <= inner) {
					low = middle;
				} else {
					high = middle - 1;
				}
			}

			node = children[low]!;
			offset = inner - prefix[low]!;
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

function scalarSegments(value: unknown, literal: string | undefined, room: number, largeString: number): Segment[] {
	const kind = kindOf(value);
	if (kind === 'string') {
		const raw = value as string;
		const size = raw.length > largeString ? ` ${formatBytes(Buffer.byteLength(raw))}` : '';
		const {text, isCut} = inertPrefix(raw, Math.max(1, room - 2 - size.length));
		const segments: Segment[] = [{text: `"${text}${isCut ? '…' : ''}"`, kind: 'string'}];
		if (size) {
			segments.push({text: size, kind: 'muted'});
		}

		return segments;
	}

	if (kind === 'number') {
		return numberSegments(value, literal);
	}

	if (kind === 'boolean') {
		return [{text: String(value), kind}];
	}

	return [{text: 'null', kind: 'null'}];
}

function containerSegments(node: JsonNode): Segment[] {
	const {value} = node;
	const isArray = Array.isArray(value);
	if (!hasEntries(value)) {
		return [{text: isArray ? '[]' : '{}', kind: 'punct'}];
	}

	return [
		{text: isArray ? '[…]' : '{…}', kind: 'punct'},
		{text: ` ${containerSummary(value)}`, kind: 'muted'},
	];
}

/** Merge neighbours of one kind and cut to `width` columns, ending with '…' when cut. */
export function fitSegments(segments: Segment[], width: number): Segment[] {
	const fitted: Segment[] = [];
	let used = 0;
	for (const segment of segments) {
		const size = textWidth(segment.text);
		if (used + size > width) {
			const cut = fitText(segment.text, Math.max(0, width - used - 1));
			if (cut.text) {
				fitted.push({...segment, text: cut.text});
			}

			if (width > 0) {
				fitted.push({text: '…', kind: 'muted'});
			}

			break;
		}

		used += size;
		const previous = fitted.at(-1);
		if (previous && previous.kind === segment.kind && previous.isMatch === segment.isMatch) {
			previous.text += segment.text;
		} else {
			fitted.push({...segment});
		}
	}

	return fitted.filter(segment => segment.text.length > 0);
}

/** The styled segments of one line, fitting in `width` columns. */
export function renderLine(document: JsonDocument, line: Line, width: number, options: RenderOptions = {}): Segment[] {
	const {node, part} = line;
	const isMatch = options.match?.node === node;
	const comma: Segment = {text: isLast(node) ? '' : ',', kind: 'punct'};
	const segments: Segment[] = [];

	if (part === 'wrap' && line.wrapIndex > 0) {
		const {text, starts} = node.wrapped!;
		const end = starts[line.wrapIndex + 1];
		segments.push({text: ' '.repeat(indentOf(node.depth + 1, width)), kind: 'punct'});
		segments.push({text: text.slice(starts[line.wrapIndex], end), kind: 'string', isMatch});
		if (end === undefined) {
			segments.push({text: '"', kind: 'string', isMatch}, comma);
		}

		return fitSegments(segments, width);
	}

	segments.push({text: ' '.repeat(indentOf(node.depth, width)), kind: 'punct'});
	if (part !== 'close') {
		const label = keyLabel(node.key, width);
		if (label) {
			segments.push(
				{text: label.slice(0, -2), kind: 'key', isMatch: isMatch && options.match?.where === 'key'},
				{text: ': ', kind: 'punct'},
			);
		}
	}

	const isValueMatch = isMatch && options.match?.where === 'value';
	const fromString: Segment = {text: node.source === undefined ? '' : ' parsed from a string', kind: 'muted'};
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
			const {text, starts} = node.wrapped!;
			const isOnly = starts.length === 1;
			segments.push({text: `"${text.slice(0, starts[1])}${isOnly ? '"' : ''}`, kind: 'string', isMatch: isValueMatch});
			if (isOnly) {
				segments.push(comma);
			}

			break;
		}

		default: {
			if (typeof node.value === 'object' && node.value !== null) {
				segments.push(...containerSegments(node), fromString, comma);
			} else {
				const used = segments.reduce((sum, segment) => sum + textWidth(segment.text), 0);
				const literal = typeof node.value === 'number' ? document.literalOf(node) : undefined;
				const scalar = scalarSegments(node.value, literal, width - used - 1, document.largeString);
				scalar[0]!.isMatch = isValueMatch;
				segments.push(...scalar, fromString, comma);
			}
		}
	}

	return fitSegments(segments, width);
}
