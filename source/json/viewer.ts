/**
 * The payload viewer's state: cursor, scroll position, folds and search over
 * a {@link JsonDocument}. Mutable on purpose: folds live in lazily made nodes,
 * and copying them on every key would cost O(document). Each action returns a
 * message for the status bar, or undefined.
 */

import {formatJson, reindentJson} from './format.js';
import {type Line, linesAt, locate, renderLine, type Segment} from './lines.js';
import {pathOf} from './path.js';
import {LineScroller, type ViewerKeys} from './scroller.js';
import {type Match, reveal, search} from './search.js';
import {hasEntries, JsonDocument, type JsonDocumentOptions, type JsonNode} from './tree.js';

export type WindowLine = {index: number; line: Line; segments: Segment[]; isCursor: boolean};


/** Child indices from the root (or from `top`): comparing them gives document order. */
export function indicesOf<Node extends {parent?: Node; index: number}>(node: Node, top?: Node): number[] {
	const indices: number[] = [];
	for (let child = node; child !== top && child.parent; child = child.parent) {
		indices.push(child.index);
	}

	return indices.reverse();
}

export function compareIndices(a: readonly number[], b: readonly number[]): number {
	for (let index = 0; index < Math.min(a.length, b.length); index++) {
		if (a[index] !== b[index]) {
			return a[index]! - b[index]!;
		}
	}

	return a.length - b.length;
}

/** The value of a node as text to copy: a string's content; the rest as JSON, as written when the text is known. */
export function valueTextOf(document: JsonDocument, node: JsonNode): string {
	if (typeof node.value === 'string') {
		return node.value;
	}

	const source = document.sourceOf(node);
	return source === undefined ? formatJson(node.value) : reindentJson(source);
}

/** What the status bar says after folding to a depth. */
export function foldMessage(depth: number): string {
	if (depth === 0) {
		return 'collapsed all';
	}

	return Number.isFinite(depth) ? `folded to depth ${depth}` : 'expanded all';
}

/** Enter/Space on a node: fold or unfold a container, wrap or unwrap a string. */
export function toggleNode(document: JsonDocument, node: JsonNode): void {
	if (hasEntries(node.value)) {
		document.setOpen(node, !document.isContainerOpen(node));
	} else if (typeof node.value === 'string') {
		document.setStringExpanded(node, !document.isStringExpanded(node));
	}
}

/** h on a node: fold what is open there (a container, a wrapped string); false when nothing is, and h goes to the parent. */
export function foldNode(document: JsonDocument, node: JsonNode): boolean {
	if (document.isContainerOpen(node)) {
		document.setOpen(node, false);
		return true;
	}

	if (document.isStringExpanded(node)) {
		document.setStringExpanded(node, false);
		return true;
	}

	return false;
}

/** l on a node: unfold what is folded there; of a container open already, the first child, where l goes instead. */
export function unfoldNode(document: JsonDocument, node: JsonNode): JsonNode | undefined {
	if (hasEntries(node.value)) {
		if (document.isContainerOpen(node)) {
			return document.childrenOf(node)[0];
		}

		document.setOpen(node, true);
	} else if (typeof node.value === 'string') {
		document.setStringExpanded(node, true);
	}

	return undefined;
}

export class JsonViewer extends LineScroller<Match> implements ViewerKeys {
	readonly document: JsonDocument;
	// No size until the first resize, which then always lays the document out.
	private width = 0;
	/** The node the current search match was found on, once shown. */
	private matchNode: JsonNode | undefined;

	constructor(value: unknown, options: JsonDocumentOptions = {}) {
		super();
		this.document = new JsonDocument(value, options);
	}

	get lineCount(): number {
		return this.document.lineCount;
	}

	/** The box the lines must fill. */
	resize(width: number, height: number): void {
		if (Math.max(1, width) === this.width && Math.max(1, height) === this.height) {
			return;
		}

		this.width = Math.max(1, width);
		this.height = Math.max(1, height);
		this.document.setWidth(this.width);
		this.scrollToCursor();
	}

	/** The lines to draw, only these computed. */
	window(): WindowLine[] {
		const current = this.searchState?.hits[this.searchState.index];
		const match = this.matchNode && current ? {node: this.matchNode, where: current.where} : undefined;
		return linesAt(this.document, this.top, this.height).map((line, offset) => ({
			index: this.top + offset,
			line,
			segments: renderLine(this.document, line, this.width, {match}),
			isCursor: this.top + offset === this.cursor,
		}));
	}

	cursorNode(): JsonNode {
		return (locate(this.document, this.cursor) ?? {node: this.document.root}).node;
	}

	/** jq path of the node under the cursor, exact (not sanitised). */
	path(): string {
		return pathOf(this.cursorNode());
	}

	/** The value under the cursor as text to copy: a string's content; the rest as JSON, as written when the text is known. */
	valueText(): string {
		return valueTextOf(this.document, this.cursorNode());
	}

	/** Enter/Space: fold or unfold a container, wrap or unwrap a string. */
	toggle(): void {
		const node = this.cursorNode();
		toggleNode(this.document, node);
		this.anchor(node);
	}

	/** h/←: fold what is open here, or else go to the parent. */
	collapse(): void {
		const node = this.cursorNode();
		if (foldNode(this.document, node)) {
			this.anchor(node);
		} else if (node.parent) {
			this.anchor(node.parent);
		}
	}

	/** l/→: unfold what is folded here, or else go to the first child. */
	expand(): void {
		const node = this.cursorNode();
		this.anchor(unfoldNode(this.document, node) ?? node);
	}

	/** Open containers above `depth` and close the rest (Infinity = expand all, 0 = collapse all). */
	foldToDepth(depth: number): string {
		const node = this.cursorNode();
		this.document.foldToDepth(depth);
		this.anchor(node);
		return foldMessage(depth);
	}

	/** Show a string holding JSON as a tree, or the tree as its string again. */
	toggleParsed(): string {
		let node = this.cursorNode();
		// From inside a parsed tree, go back to its string.
		for (let ancestor: JsonNode | undefined = node; ancestor; ancestor = ancestor.parent) {
			if (ancestor.source !== undefined) {
				node = ancestor;
				break;
			}
		}

		if (node.source !== undefined) {
			this.document.setParsed(node, false);
			this.anchor(node);
			return 'shown as a string again';
		}

		if (typeof node.value !== 'string') {
			return 'only a string holding JSON can be opened as a tree';
		}

		if (!this.document.setParsed(node, true)) {
			return 'this string is not valid JSON';
		}

		this.anchor(node);
		this.searchState = undefined;
		this.matchNode = undefined;
		return 'string opened as JSON';
	}

	/** Search keys and values; go to the first match at or after the cursor. */
	find(query: string): string {
		const {matches, isCapped} = search(this.document, query);
		const here = indicesOf(this.cursorNode());
		this.matchNode = undefined;
		return this.searchFound(query, matches, isCapped, matches.findIndex(match => compareIndices(match.indices, here) >= 0));
	}

	protected reveal(match: Match): void {
		this.matchNode = reveal(this.document, match);
		this.anchor(this.matchNode);
	}

	/** Put the cursor on the node's first line, or on the folded container hiding it. */
	private anchor(node: JsonNode): void {
		this.cursor = this.document.lineOf(this.document.shownOf(node));
		this.scrollToCursor();
	}

	protected hasLine(index: number): boolean {
		return locate(this.document, index) !== undefined;
	}
}
