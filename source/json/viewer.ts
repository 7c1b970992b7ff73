/**
 * The payload viewer's state: cursor, scroll position, folds and search over
 * a {@link JsonDocument}. Mutable on purpose: folds live in lazily made nodes,
 * and copying them on every key would cost O(document). Each action returns a
 * message for the status bar, or undefined.
 */

import {sanitise} from '../terminal/sanitise.js';
import {formatJson, reindentJson} from './format.js';
import {type Line, linesAt, locate, renderLine, type Segment} from './lines.js';
import {pathOf} from './path.js';
import {type Match, reveal, search} from './search.js';
import {hasEntries, JsonDocument, type JsonDocumentOptions, type JsonNode} from './tree.js';

export type WindowLine = {index: number; line: Line; segments: Segment[]; isCursor: boolean};

type SearchState = {query: string; matches: Match[]; isCapped: boolean; index: number; node?: JsonNode};

/** Child indices from the root: comparing them gives document order. */
function indicesOf(node: JsonNode): number[] {
	const indices: number[] = [];
	for (let child = node; child.parent; child = child.parent) {
		indices.push(child.index);
	}

	return indices.reverse();
}

function compareIndices(a: number[], b: number[]): number {
	for (let index = 0; index < Math.min(a.length, b.length); index++) {
		if (a[index] !== b[index]) {
			return a[index]! - b[index]!;
		}
	}

	return a.length - b.length;
}

export class JsonViewer {
	readonly document: JsonDocument;
	/** Line number of the cursor. */
	cursor = 0;
	/** Line number of the first line shown. */
	top = 0;
	// No size until the first resize, which then always lays the document out.
	private width = 0;
	private height = 0;
	private searchState: SearchState | undefined;

	constructor(value: unknown, options: JsonDocumentOptions = {}) {
		this.document = new JsonDocument(value, options);
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
		const match = this.searchState?.node ? {node: this.searchState.node, where: this.currentMatch()!.where} : undefined;
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
		const node = this.cursorNode();
		if (typeof node.value === 'string') {
			return node.value;
		}

		const source = this.document.sourceOf(node);
		return source === undefined ? formatJson(node.value) : reindentJson(source);
	}

	moveBy(delta: number): void {
		let target = Math.max(0, this.cursor + delta);
		if (delta > 0 && !locate(this.document, target)) {
			target = this.document.lineCount - 1;
		}

		this.cursor = target;
		this.scrollToCursor();
	}

	/** Move by a page (fraction 1) or half a page (0.5); direction 1 or -1. */
	page(direction: 1 | -1, fraction = 1): void {
		this.moveBy(direction * Math.max(1, Math.floor(this.height * fraction)));
	}

	first(): void {
		this.cursor = 0;
		this.scrollToCursor();
	}

	last(): void {
		this.cursor = this.document.lineCount - 1;
		this.scrollToCursor();
	}

	/** Enter/Space: fold or unfold a container, wrap or unwrap a string. */
	toggle(): void {
		const node = this.cursorNode();
		if (hasEntries(node.value)) {
			this.document.setOpen(node, !this.document.isContainerOpen(node));
		} else if (typeof node.value === 'string') {
			this.document.setStringExpanded(node, !this.document.isStringExpanded(node));
		}

		this.anchor(node);
	}

	/** h/←: fold what is open here, or else go to the parent. */
	collapse(): void {
		const node = this.cursorNode();
		if (this.document.isContainerOpen(node)) {
			this.document.setOpen(node, false);
			this.anchor(node);
		} else if (this.document.isStringExpanded(node)) {
			this.document.setStringExpanded(node, false);
			this.anchor(node);
		} else if (node.parent) {
			this.anchor(node.parent);
		}
	}

	/** l/→: unfold what is folded here, or else go to the first child. */
	expand(): void {
		const node = this.cursorNode();
		if (hasEntries(node.value)) {
			if (this.document.isContainerOpen(node)) {
				this.anchor(this.document.childrenOf(node)[0]!);
				return;
			}

			this.document.setOpen(node, true);
		} else if (typeof node.value === 'string') {
			this.document.setStringExpanded(node, true);
		}

		this.anchor(node);
	}

	/** Open containers above `depth` and close the rest (Infinity = expand all, 0 = collapse all). */
	foldToDepth(depth: number): string {
		const node = this.cursorNode();
		this.document.foldToDepth(depth);
		this.anchor(node);
		if (depth === 0) {
			return 'collapsed all';
		}

		return Number.isFinite(depth) ? `folded to depth ${depth}` : 'expanded all';
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
		return 'string opened as JSON';
	}

	/** Search keys and values; go to the first match at or after the cursor. */
	find(query: string): string {
		const {matches, isCapped} = search(this.document, query);
		if (matches.length === 0) {
			this.searchState = undefined;
			return `no match for "${sanitise(query)}"`;
		}

		const here = indicesOf(this.cursorNode());
		const after = matches.findIndex(match => compareIndices(match.indices, here) >= 0);
		this.searchState = {query, matches, isCapped, index: after === -1 ? 0 : after};
		return this.showMatch();
	}

	/** n (1) or N (-1): the next or previous match, wrapping around. */
	nextMatch(step: 1 | -1): string {
		const state = this.searchState;
		if (!state) {
			return 'no search yet: press / to search';
		}

		state.index = (state.index + step + state.matches.length) % state.matches.length;
		return this.showMatch();
	}

	/** The query of the last search, if any. */
	get query(): string | undefined {
		return this.searchState?.query;
	}

	private currentMatch(): Match | undefined {
		return this.searchState?.matches[this.searchState.index];
	}

	private showMatch(): string {
		const state = this.searchState!;
		const node = reveal(this.document, state.matches[state.index]!);
		state.node = node;
		this.anchor(node);
		return `match ${state.index + 1} of ${state.matches.length}${state.isCapped ? '+' : ''}`;
	}

	/** Put the cursor on the node's first line, or on the folded container hiding it. */
	private anchor(node: JsonNode): void {
		const chain: JsonNode[] = [];
		for (let ancestor: JsonNode | undefined = node.parent; ancestor; ancestor = ancestor.parent) {
			chain.push(ancestor);
		}

		let shown = node;
		for (let index = chain.length - 1; index >= 0; index--) {
			if (!this.document.isContainerOpen(chain[index]!)) {
				shown = chain[index]!;
				break;
			}
		}

		this.cursor = this.document.lineOf(shown);
		this.scrollToCursor();
	}

	private scrollToCursor(): void {
		// Keep a few lines of context around the cursor, as less and jless do.
		const margin = Math.min(3, Math.floor((this.height - 1) / 2));
		if (this.cursor < this.top + margin) {
			this.top = Math.max(0, this.cursor - margin);
		} else if (this.cursor > this.top + this.height - 1 - margin) {
			this.top = this.cursor - this.height + 1 + margin;
		}

		// Near the end, do not leave blank lines below the document.
		if (this.top > 0 && !locate(this.document, this.top + this.height - 1)) {
			this.top = Math.max(0, Math.min(this.top, this.document.lineCount - this.height));
		}
	}
}
