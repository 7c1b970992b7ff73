/**
 * A foldable view over an already parsed JSON value.
 *
 * A 20 MB payload has about a million values; making an object for each would
 * cost more than parsing did. So nodes are made only where the user looks
 * (children of a container on first visit). A subtree nobody touched has its
 * line count computed straight from the raw value and cached per object; a
 * touched node (folded, expanded, parsed) keeps its own count and the prefix
 * sums of its children's counts, so finding line n is a descent with binary
 * searches, not a walk. Every walk is iterative: depth 10,000 must not blow
 * the stack.
 */

import {textWidth, wrapStarts} from './columns.js';
import {SourceTable} from './source-table.js';
import {childStart, skipSpace, valueEnd} from './scan.js';
import {type JsonSource, sourceText} from './source.js';
import {keyText, literalBody} from './text.js';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export type JsonNode = {
	/** What is shown: the parsed value when a string holding JSON was opened. */
	value: unknown;
	/** The original string while it is shown as a parsed tree: also the text of what is shown. */
	source?: string;
	/** Key in the parent object or index in the parent array; undefined for the root. */
	key: string | number | undefined;
	parent: JsonNode | undefined;
	/** Position among the parent's children. */
	index: number;
	depth: number;
	children?: JsonNode[];
	/** A fold set by the user; undefined follows the document's default depth. */
	isOpen?: boolean;
	/** Wrapped lines of an expanded string: its literal body (escaped, inert) and where each line starts. */
	wrapped?: {text: string; starts: number[]};
	/** True when this node or one below it differs from the defaults. */
	isTouched?: boolean;
	/** Cached line count of a touched node; undefined when stale. */
	size?: number;
	/** prefix[i] = lines taken by children[0..i-1]; valid up to index `prefixValid`. */
	prefix?: number[];
	prefixValid?: number;
};

export function kindOf(value: unknown): JsonKind {
	if (Array.isArray(value)) {
		return 'array';
	}

	switch (typeof value) {
		case 'object': {
			return value === null ? 'null' : 'object';
		}

		case 'string': {
			return 'string';
		}

		case 'number':
		case 'bigint': {
			return 'number';
		}

		case 'boolean': {
			return 'boolean';
		}

		default: {
			return 'null';
		}
	}
}

/** True for an object or array with at least one entry. */
export function hasEntries(value: unknown): value is Record<string, unknown> | unknown[] {
	if (Array.isArray(value)) {
		return value.length > 0;
	}

	if (typeof value !== 'object' || value === null) {
		return false;
	}

	for (const _ in value) {
		return true;
	}

	return false;
}

export function entryCount(value: unknown): number {
	if (Array.isArray(value)) {
		return value.length;
	}

	return typeof value === 'object' && value !== null ? Object.keys(value).length : 0;
}

/** Indentation in columns: two per level, but never more than half the width (depth may be 10,000). */
export function indentOf(depth: number, width: number): number {
	return Math.min(depth * 2, Math.floor(width / 2));
}

function childValues(value: Record<string, unknown> | unknown[]): unknown[] {
	return Array.isArray(value) ? value : Object.values(value);
}

/** Nesting the fast recursive count may go into before it hands over to the iterative one. */
const recursionBound = 500;
/** Subtrees of fewer lines are cheap to count again; caching them would cost more. */
const cachedFrom = 64;

export type JsonDocumentOptions = {
	/** Strings longer than this (in UTF-16 units) start collapsed with their size shown. Default 1024. */
	largeString?: number;
	/**
	 * The JSON text the value was parsed from (the API's own): numbers are then
	 * shown as written, and a value's text is a slice of it. Default: none,
	 * numbers as String() spells them and values as formatJson writes them.
	 */
	source?: JsonSource;
};

export class JsonDocument {
	readonly root: JsonNode;
	readonly largeString: number;
	/** Containers at a depth below this are open unless the user folded them. */
	private openDepth = Number.POSITIVE_INFINITY;
	/** Line counts of untouched subtrees, per raw object; cleared when openDepth changes. */
	private counts = new WeakMap<object, number>();
	private width = 80;
	private readonly expanded = new Set<JsonNode>();
	private readonly parsed = new Set<JsonNode>();
	/** The text the value was parsed from, when given. */
	private readonly given: JsonSource | undefined;
	/** What the text says that the parsed value lost: literals of numbers, order of keys. */
	private readonly table = new SourceTable();
	/** Literals of values parsed from texts of their own: a root's member, a string opened as JSON. */
	private readonly spelled = new WeakMap<object, Map<string | number, string>>();
	private rootLiteral: string | undefined;

	constructor(value: unknown, options: JsonDocumentOptions = {}) {
		this.root = {value, key: undefined, parent: undefined, index: 0, depth: 0};
		this.largeString = options.largeString ?? 1024;
		const {source} = options;
		this.given = source;
		if (source === undefined) {
			return;
		}

		if ('text' in source) {
			this.rootLiteral = this.table.scan(source.text, value);
			return;
		}

		for (const [key, text] of Object.entries(source.members)) {
			this.setLiteral(value as object, key, this.table.scan(text, (value as Record<string, unknown>)[key]));
		}
	}

	/** A number node's text as written, when String() of its value might spell it otherwise. */
	literalOf(node: JsonNode): string | undefined {
		return node.parent === undefined ? this.rootLiteral : this.literalIn(node.parent.value as object, node.key!);
	}

	/** The text as written of the number `container[key]`, when String() of it might spell it otherwise. */
	literalIn(container: object, key: string | number): string | undefined {
		return this.spelled.get(container)?.get(key) ?? this.table.literalAt(container, key);
	}

	/** An object's keys in the order its text gives them (JSON.parse puts integer-like keys first). */
	keysOf(object: object): readonly string[] {
		return this.table.keyOrderOf(object) ?? Object.keys(object);
	}

	/**
	 * The node's value as JSON text, as written: a slice of the document's
	 * text, or of the string a parsed tree was opened from. Undefined when
	 * the document was given no text and no parsed string lies above.
	 */
	sourceOf(node: JsonNode): string | undefined {
		const path: JsonNode[] = [];
		let top = node;
		while (top.source === undefined && top.parent) {
			path.push(top);
			top = top.parent;
		}

		let text: string | undefined;
		if (top.source !== undefined) {
			text = top.source;
		} else if (this.given === undefined) {
			return undefined;
		} else if ('text' in this.given) {
			text = this.given.text;
		} else {
			// A root made of members: below it, start from the member's own text.
			text = path.length === 0 ? sourceText(this.given) : this.given.members[path.pop()!.key as string];
		}

		if (text === undefined) {
			return undefined;
		}

		let start = skipSpace(text, 0);
		for (let index = path.length - 1; index >= 0 && start >= 0; index--) {
			start = childStart(text, start, path[index]!.key!);
		}

		// Only a text that is not the value's source lacks the child.
		if (start < 0) {
			return undefined;
		}

		return text.slice(start, valueEnd(text, start));
	}

	/** Columns available to wrapped strings; re-wraps expanded strings when it changes. */
	setWidth(width: number): void {
		if (width === this.width) {
			return;
		}

		this.width = width;
		for (const node of this.expanded) {
			this.wrap(node);
			this.invalidate(node);
		}
	}

	get columns(): number {
		return this.width;
	}

	isContainerOpen(node: JsonNode): boolean {
		return hasEntries(node.value) && (node.isOpen ?? node.depth < this.openDepth);
	}

	isStringExpanded(node: JsonNode): boolean {
		return node.wrapped !== undefined;
	}

	childrenOf(node: JsonNode): JsonNode[] {
		if (node.children) {
			return node.children;
		}

		const {value} = node;
		const children: JsonNode[] = [];
		const depth = node.depth + 1;
		if (Array.isArray(value)) {
			for (const [index, item] of value.entries()) {
				children.push({value: item, key: index, parent: node, index, depth});
			}
		} else if (typeof value === 'object' && value !== null) {
			for (const [index, key] of this.keysOf(value).entries()) {
				children.push({value: (value as Record<string, unknown>)[key], key, parent: node, index, depth});
			}
		}

		node.children = children;
		node.prefix = [0];
		node.prefixValid = 0;
		return children;
	}

	/** Lines the node takes as currently folded. */
	sizeOf(node: JsonNode): number {
		if (!node.isTouched) {
			return this.defaultSize(node);
		}

		if (node.size !== undefined) {
			return node.size;
		}

		// Post-order over the stale touched nodes below, without recursion.
		const stack = [node];
		while (stack.length > 0) {
			const top = stack.at(-1)!;
			if (this.isContainerOpen(top)) {
				const pending = this.advancePrefix(top, Number.POSITIVE_INFINITY);
				if (pending) {
					stack.push(pending);
					continue;
				}

				top.size = 2 + top.prefix![top.children!.length]!;
			} else {
				top.size = top.wrapped ? top.wrapped.starts.length : 1;
			}

			stack.pop();
		}

		return node.size!;
	}

	/** Line count of the whole document. */
	get lineCount(): number {
		return this.sizeOf(this.root);
	}

	/**
	 * Prefix sums of an open container's children, filled until they pass
	 * `offset` (an offset among the children's lines) or cover all children.
	 */
	prefixOf(node: JsonNode, offset = Number.POSITIVE_INFINITY): number[] {
		for (;;) {
			const pending = this.advancePrefix(node, offset);
			if (!pending) {
				return node.prefix!;
			}

			this.sizeOf(pending);
		}
	}

	/** Line number of the node's first line, in the document or in the subtree under `top`; its ancestors up to there must be open. */
	lineOf(node: JsonNode, top: JsonNode = this.root): number {
		let line = 0;
		for (let child = node; child !== top && child.parent; child = child.parent) {
			line += 1 + this.prefixOf(child.parent)[child.index]!;
		}

		return line;
	}

	/** The node, or else the outermost folded container above it (up to `top`, which counts) that hides it. */
	shownOf(node: JsonNode, top: JsonNode = this.root): JsonNode {
		let shown = node;
		for (let ancestor = node; ancestor !== top && ancestor.parent; ) {
			ancestor = ancestor.parent;
			if (!this.isContainerOpen(ancestor)) {
				shown = ancestor;
			}
		}

		return shown;
	}

	/** Open or close a container (the user's fold wins over the default depth). */
	setOpen(node: JsonNode, isOpen: boolean): void {
		if (!hasEntries(node.value) || this.isContainerOpen(node) === isOpen) {
			return;
		}

		node.isOpen = isOpen;
		this.invalidate(node);
	}

	/** Show a long string wrapped over several lines, or back on one line. */
	setStringExpanded(node: JsonNode, isExpanded: boolean): void {
		if (typeof node.value !== 'string' || this.isStringExpanded(node) === isExpanded) {
			return;
		}

		if (isExpanded) {
			this.expanded.add(node);
			this.wrap(node);
		} else {
			this.expanded.delete(node);
			node.wrapped = undefined;
		}

		this.invalidate(node);
	}

	/**
	 * Show a string holding JSON as a tree (or the tree as the string again).
	 * Returns false when the string is not JSON.
	 */
	setParsed(node: JsonNode, isParsed: boolean): boolean {
		if (isParsed === (node.source !== undefined)) {
			return true;
		}

		if (isParsed) {
			if (typeof node.value !== 'string') {
				return false;
			}

			let value: unknown;
			try {
				value = JSON.parse(node.value);
			} catch {
				return false;
			}

			this.setStringExpanded(node, false);
			node.source = node.value;
			node.value = value;
			this.parsed.add(node);
			// Its numbers are found in its own text, and recorded where the string sits (or as the root's).
			const literal = this.table.scan(node.source, value);
			if (node.parent === undefined) {
				this.rootLiteral = literal;
			} else {
				this.setLiteral(node.parent.value as object, node.key!, literal);
			}
		} else {
			node.value = node.source;
			node.source = undefined;
			node.isOpen = undefined;
			this.parsed.delete(node);
		}

		node.children = undefined;
		this.invalidate(node);
		return true;
	}

	/** Open containers above `depth`, close the rest, and forget every per-node fold (Infinity = expand all). */
	foldToDepth(depth: number): void {
		this.openDepth = depth;
		this.counts = new WeakMap();
		this.expanded.clear();
		const stack = [this.root];
		while (stack.length > 0) {
			const node = stack.pop()!;
			node.isOpen = undefined;
			node.wrapped = undefined;
			node.isTouched = false;
			node.size = undefined;
			node.prefixValid = 0;
			if (node.children) {
				node.prefix = [0];
				stack.push(...node.children);
			}
		}

		for (const node of this.parsed) {
			this.invalidate(node);
		}
	}

	private setLiteral(container: object, key: string | number, literal: string | undefined): void {
		let literals = this.spelled.get(container);
		if (literal === undefined) {
			literals?.delete(key);
			return;
		}

		if (literals === undefined) {
			literals = new Map();
			this.spelled.set(container, literals);
		}

		literals.set(key, literal);
	}

	private defaultSize(node: JsonNode): number {
		return this.countValue(node.value, node.depth);
	}

	/** Line count of an untouched value at `depth`; counts of big subtrees are cached per object. */
	private countValue(value: unknown, depth: number): number {
		if (!hasEntries(value) || depth >= this.openDepth) {
			return 1;
		}

		const cached = this.counts.get(value);
		if (cached !== undefined) {
			return cached;
		}

		// Recursion without allocations is several times faster than an explicit
		// stack; only nesting deeper than the bound takes the iterative path.
		return this.countNested(value, depth, 0) ?? this.countDeep(value, depth);
	}

	/** Undefined when nesting goes deeper than {@link recursionBound}. */
	private countNested(value: object, depth: number, nesting: number): number | undefined {
		if (nesting > recursionBound) {
			return undefined;
		}

		const cached = this.counts.get(value);
		if (cached !== undefined) {
			return cached;
		}

		let sum = 2;
		const add = (item: unknown): boolean => {
			if (typeof item !== 'object' || item === null || depth + 1 >= this.openDepth || !hasEntries(item)) {
				sum += 1;
				return true;
			}

			const count = this.countNested(item, depth + 1, nesting + 1);
			sum += count ?? 0;
			return count !== undefined;
		};

		if (Array.isArray(value)) {
			for (const item of value) {
				if (!add(item)) {
					return undefined;
				}
			}
		} else {
			for (const key in value) {
				if (!add((value as Record<string, unknown>)[key])) {
					return undefined;
				}
			}
		}

		if (sum >= cachedFrom) {
			this.counts.set(value, sum);
		}

		return sum;
	}

	private countDeep(value: object, depth: number): number {
		type Frame = {value: object; depth: number; items: unknown[]; next: number; sum: number};
		const stack: Frame[] = [{value, depth, items: childValues(value as unknown[]), next: 0, sum: 2}];
		let total = 0;
		while (stack.length > 0) {
			const frame = stack.at(-1)!;
			if (frame.next < frame.items.length) {
				const item = frame.items[frame.next++];
				const childDepth = frame.depth + 1;
				if (!hasEntries(item) || childDepth >= this.openDepth) {
					frame.sum += 1;
					continue;
				}

				const known = this.counts.get(item);
				if (known === undefined) {
					stack.push({value: item, depth: childDepth, items: childValues(item), next: 0, sum: 2});
				} else {
					frame.sum += known;
				}

				continue;
			}

			stack.pop();
			this.counts.set(frame.value, frame.sum);
			if (stack.length > 0) {
				stack.at(-1)!.sum += frame.sum;
			} else {
				total = frame.sum;
			}
		}

		return total;
	}

	/**
	 * Extend the prefix sums until they pass `offset`; returns a touched child
	 * whose size must be computed first, or undefined when done.
	 */
	private advancePrefix(node: JsonNode, offset: number): JsonNode | undefined {
		const children = this.childrenOf(node);
		const prefix = node.prefix!;
		let valid = node.prefixValid!;
		while (valid < children.length && prefix[valid]! <= offset) {
			const child = children[valid]!;
			if (child.isTouched && child.size === undefined) {
				node.prefixValid = valid;
				return child;
			}

			prefix[valid + 1] = prefix[valid]! + this.sizeOf(child);
			valid++;
		}

		node.prefixValid = valid;
		return undefined;
	}

	private wrap(node: JsonNode): void {
		const text = literalBody(node.value as string);
		// The first line follows the key, its colon and an opening quote; the others are
		// indented one level deeper. Two columns stay free for the closing quote and comma.
		const key = keyText(node.key, this.width);
		const first = indentOf(node.depth, this.width) + (key === undefined ? 0 : textWidth(key) + 2) + 1;
		const rest = indentOf(node.depth + 1, this.width);
		node.wrapped = {text, starts: wrapStarts(text, this.width - first - 2, this.width - rest - 2)};
	}

	/** Mark a node and its ancestors as differing from the defaults, with stale counts. */
	private invalidate(node: JsonNode): void {
		node.isTouched = true;
		node.size = undefined;
		for (let child = node; child.parent; child = child.parent) {
			const parent = child.parent;
			parent.isTouched = true;
			parent.size = undefined;
			parent.prefixValid = Math.min(parent.prefixValid ?? 0, child.index);
		}
	}
}
