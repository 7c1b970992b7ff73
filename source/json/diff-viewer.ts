/**
 * The state behind the D view: two requests' payloads, diffed, side by side
 * from `splitFrom` columns and unified below, with the payload viewer's
 * keys (moves, folds, search, path, copy) and `nextChange`.
 *
 * What differs is laid out here, one node per place that differs. What is
 * unchanged, added or removed is a subtree of one side's JsonDocument (the
 * right one for unchanged), laid out, folded, counted and drawn by it as the
 * payload viewer does, so a 10,000-item array added or a 2 MB string left
 * unchanged costs what it costs there. Mutable, as JsonViewer is.
 */

import {sanitise} from '../terminal/sanitise.js';
import {literalBody} from './text.js';
import {fitText, textWidth} from './columns.js';
import {countsText, type DiffNode, diffDocuments} from './diff.js';
import {childAt, fitSegments, type Line, locate, renderLine, type RenderOptions, type Segment, type StringPiece} from './lines.js';
import {pathOf} from './path.js';
import {LineScroller, type ViewerKeys} from './scroller.js';
import {search} from './search.js';
import type {JsonSource} from './source.js';
import {hasEntries, JsonDocument, type JsonNode} from './tree.js';
import {compareIndices, foldMessage, foldNode, indicesOf, toggleNode, unfoldNode, valueTextOf} from './viewer.js';

/**
 * How a segment is drawn. What is the same on both sides is coloured as
 * JSON (`literal`: true, false, null); a line on one side only is wholly
 * `added` or `removed`; a changed value is `changed` side by side, or its old
 * and new lines `removed` and `added` in one column, the words that differ
 * `removedWord` and `addedWord`; `fold` is a folded container's count and
 * note; `plain` is padding and notes such as "(not exact as a float)".
 */
export type DiffSegmentKind =
	| 'plain'
	| 'key'
	| 'punctuation'
	| 'string'
	| 'number'
	| 'literal'
	| 'added'
	| 'removed'
	| 'changed'
	| 'addedWord'
	| 'removedWord'
	| 'fold';

/** A run of text in one style; `isMatch` marks the current search match. */
export type DiffSegment = {text: string; kind: DiffSegmentKind; isMatch?: boolean};

/** What a line is, readable without colour: unchanged, added (right only), removed (left only), changed. */
export type DiffMark = ' ' | '+' | '-' | '~';

/**
 * One line of the window. Split: `left` and `right`, each exactly half
 * wide (see {@link DiffViewer.resize}); unified: `segments`.
 */
export type DiffWindowLine = {index: number; mark: DiffMark; left?: DiffSegment[]; right?: DiffSegment[]; segments?: DiffSegment[]; isCursor: boolean};

export type DiffViewerOptions = {
	/** The left payload's JSON text as the API wrote it: numbers compared, shown and copied as written. */
	leftSource?: JsonSource;
	rightSource?: JsonSource;
	leftTitle: string;
	rightTitle: string;
	/** Widths from which the two sides are shown side by side. Default 120. */
	splitFrom?: number;
};

/** Which payload: the left (older, or first marked) one or the right. */
export type DiffSide = 'left' | 'right';

/**
 * A place in the diff.
 * - root: the top, holding the roots' nodes (two when the roots' types differ), no line of its own.
 * - pair: two objects or two arrays that differ: an open line, a node per member, a close line; one line when folded.
 * - same, added, removed: a subtree of one side's document (the right one for same), which folds it.
 * - changed: two values that differ, one line each (or wrapped): split, side by side; unified, left then right.
 * A container changed into another type is shown removed, then added: `twin` links the two.
 */
type ViewNode = {
	role: 'root' | 'pair' | 'same' | 'added' | 'removed' | 'changed';
	diff: DiffNode;
	left?: JsonNode;
	right?: JsonNode;
	parent: ViewNode | undefined;
	/** Position among the parent's children. */
	index: number;
	/** Differences shown here, each counted once: for nextChange's "3 of 7". */
	differences: number;
	twin?: ViewNode;
	/** Of a root or pair, made on first visit, with each side's children's nodes by position. */
	children?: ViewNode[];
	bySide?: Record<DiffSide, ViewNode[]>;
	/** A fold set by the user (pairs only); undefined follows the default. */
	isOpen?: boolean;
	/** Lines taken as laid out now; undefined when stale. */
	size?: number;
	/** Of an open root or pair with a size: prefix[i] = lines taken by children[0..i-1]. */
	prefix?: number[];
	/** A changed pair of strings diffed by word: each side's sanitised text in pieces. */
	pieces?: Record<DiffSide, StringPiece[]>;
};

/** A line of the diff: the node it belongs to and the line within it. */
type Row = {view: ViewNode; offset: number};

/** Where the cursor is, or a match: the node, and for a subtree of a document the node within it. */
type Spot = {view: ViewNode; inner?: JsonNode};

type Target = Spot & {where: Partial<Record<DiffSide, 'key' | 'value'>>};


/** Columns between the halves of a split line: a space, the mark, a space. */
export const splitGutter = 3;

function leadOf(view: ViewNode): DiffSide {
	return view.role === 'removed' ? 'left' : 'right';
}

function isDelegated(view: ViewNode): boolean {
	return view.role === 'same' || view.role === 'added' || view.role === 'removed';
}

function wrapCount(node: JsonNode | undefined): number {
	return node?.wrapped?.starts.length ?? 1;
}

function scalarLine(node: JsonNode, wrapIndex: number): Line {
	return {node, part: node.wrapped ? 'wrap' : 'leaf', wrapIndex};
}

/** How a side's line is coloured: as JSON (same), wholly added or removed, or with its value changed. */
type Tone = 'same' | 'added' | 'removed' | 'changed';

function kindOfSegment(segment: Segment, tone: Tone, side: DiffSide, isFold: boolean): DiffSegmentKind {
	if (segment.kind === 'muted') {
		return isFold ? 'fold' : 'plain';
	}

	if (segment.isEdit) {
		return side === 'left' ? 'removedWord' : 'addedWord';
	}

	if (tone === 'added' || tone === 'removed') {
		return tone;
	}

	switch (segment.kind) {
		case 'key': {
			return 'key';
		}

		case 'punct': {
			return 'punctuation';
		}

		default: {
			if (tone === 'changed') {
				return 'changed';
			}

			return segment.kind === 'boolean' || segment.kind === 'null' ? 'literal' : segment.kind;
		}
	}
}

/** Text cut to `width` columns with an ellipsis, sanitised. */
function fitTitle(title: string, width: number): string {
	const text = sanitise(title);
	const fitted = fitText(text, width);
	return fitted.isCut ? `${fitText(text, Math.max(0, width - 1)).text}…` : text;
}

function pad(segments: DiffSegment[], width: number): DiffSegment[] {
	const used = segments.reduce((sum, segment) => sum + textWidth(segment.text), 0);
	return used < width ? [...segments, {text: ' '.repeat(width - used), kind: 'plain'}] : segments;
}

/** The D view's state: used as JsonViewer is (resize, window, the keys of {@link ViewerKeys}), plus what a diff adds. */
export class DiffViewer extends LineScroller<Target> implements ViewerKeys {
	private readonly documents: Record<DiffSide, JsonDocument>;
	private readonly root: ViewNode;
	private readonly titles: Record<DiffSide, string>;
	private readonly splitFrom: number;
	private width = 0;
	private shape: 'split' | 'unified' = 'unified';
	/** Set by foldToDepth: pairs open above it. Undefined at first: what differs open, what does not folded. */
	private openDepth: number | undefined;

	/** `left` and `right` are the two payloads as shown ({input, output}); undefined is a side without one. */
	constructor(left: unknown, right: unknown, options: DiffViewerOptions) {
		super();
		this.documents = {
			left: new JsonDocument(left, {source: options.leftSource}),
			right: new JsonDocument(right, {source: options.rightSource}),
		};
		this.titles = {left: options.leftTitle, right: options.rightTitle};
		this.splitFrom = options.splitFrom ?? 120;
		const diff = diffDocuments(this.documents.left, this.documents.right);
		this.root = {role: 'root', diff, parent: undefined, index: 0, differences: 0};
		const roots =
			left === undefined && right === undefined
				? []
				: this.nodesFor(diff, left === undefined ? undefined : this.documents.left.root, right === undefined ? undefined : this.documents.right.root, this.root);
		this.adopt(this.root, roots, roots.map(node => ({left: node.left === undefined ? undefined : 0, right: node.right === undefined ? undefined : 0})));
	}

	/** 'split' from `splitFrom` columns: left and right halves; 'unified' below: one column, old lines before new ones. */
	get layout(): 'split' | 'unified' {
		return this.shape;
	}

	get lineCount(): number {
		return this.sizeOf(this.root);
	}

	/**
	 * The box the lines must fill, `width` counting everything drawn on a
	 * line: split, the left half, {@link splitGutter} columns (space, mark,
	 * space), the right half; unified, the mark, a space, the segments.
	 */
	resize(width: number, height: number): void {
		if (Math.max(1, width) === this.width && Math.max(1, height) === this.height) {
			return;
		}

		const spot = this.cursorSpot();
		this.width = Math.max(1, width);
		this.height = Math.max(1, height);
		this.shape = this.width >= this.splitFrom ? 'split' : 'unified';
		for (const document of Object.values(this.documents)) {
			document.setWidth(this.contentWidth());
		}

		this.forEachNode(node => {
			node.size = undefined;
			node.prefix = undefined;
		});
		// Unified takes two lines where split takes one: stay on the same value, not the same line number.
		if (spot) {
			this.anchor(spot);
		} else {
			this.scrollToCursor();
		}
	}

	/** '3 changed, 1 added, 2 removed', or 'no differences'. */
	summary(): string {
		return countsText(this.root.diff.counts) || 'no differences';
	}

	/** The titles for the top line: split, each fitted to its half (the left padded); unified, one line. */
	header(): {left: string; right: string} | string {
		if (this.shape === 'split') {
			const half = this.contentWidth();
			const left = fitTitle(this.titles.left, half);
			return {left: left + ' '.repeat(Math.max(0, half - textWidth(left))), right: fitTitle(this.titles.right, half)};
		}

		return fitTitle(`- ${this.titles.left}  + ${this.titles.right}`, this.width);
	}

	/** The lines to draw, only these computed. */
	window(): DiffWindowLine[] {
		const lines: DiffWindowLine[] = [];
		for (let index = this.top; index < this.top + this.height; index++) {
			const row = this.rowAt(index);
			if (!row) {
				break;
			}

			lines.push({index, ...this.drawRow(row), isCursor: index === this.cursor});
		}

		return lines;
	}

	/** jq path of the value under the cursor (the right side's where both have it), exact (not sanitised). */
	path(): string {
		const spot = this.cursorSpot();
		const node = spot && (spot.inner ?? spot.view.right ?? spot.view.left);
		return node ? pathOf(node) : '.';
	}

	/** The value under the cursor on one side, as text to copy (as the payload viewer's `c`); undefined when that side lacks it. */
	valueText(side: DiffSide): string | undefined {
		const spot = this.cursorSpot();
		const node = spot && this.nodeOn(spot, side);
		return node && valueTextOf(this.documents[side], node);
	}

	/** Enter/Space: fold or unfold a container, wrap or unwrap a string (both sides' of a changed one). */
	toggle(): void {
		const spot = this.cursorSpot();
		if (!spot) {
			return;
		}

		const {view, inner} = spot;
		if (view.role === 'pair') {
			view.isOpen = !this.isPairOpen(view);
		} else if (view.role === 'changed') {
			this.eachSide(view, this.isWrapped(view) ? foldNode : unfoldNode);
		} else if (inner) {
			toggleNode(this.documents[leadOf(view)], inner);
			this.foldUnchangedBelow(view, inner);
		}

		this.invalidate(view);
		this.anchor(spot);
	}

	/** h/←: fold what is open here, or else go to the parent. */
	collapse(): void {
		const spot = this.cursorSpot();
		if (!spot) {
			return;
		}

		const {view, inner} = spot;
		let isFolded = false;
		if (view.role === 'pair' && this.isPairOpen(view)) {
			view.isOpen = false;
			isFolded = true;
		} else if (view.role === 'changed' && this.isWrapped(view)) {
			this.eachSide(view, foldNode);
			isFolded = true;
		} else if (inner) {
			isFolded = foldNode(this.documents[leadOf(view)], inner);
		}

		if (isFolded) {
			this.invalidate(view);
			this.anchor(spot);
		} else if (inner && inner !== this.leadNode(view)) {
			this.anchor({view, inner: inner.parent});
		} else if (view.parent !== this.root && view.parent) {
			this.anchor({view: view.parent});
		}
	}

	/** l/→: unfold what is folded here, or else go to the first child. */
	expand(): void {
		const spot = this.cursorSpot();
		if (!spot) {
			return;
		}

		const {view, inner} = spot;
		if (view.role === 'pair') {
			if (this.isPairOpen(view)) {
				this.anchor({view: this.childrenOf(view)[0]!});
				return;
			}

			view.isOpen = true;
		} else if (view.role === 'changed') {
			this.eachSide(view, unfoldNode);
		} else if (inner) {
			const child = unfoldNode(this.documents[leadOf(view)], inner);
			if (child) {
				this.anchor({view, inner: child});
				return;
			}

			this.foldUnchangedBelow(view, inner);
		}

		this.invalidate(view);
		this.anchor(spot);
	}

	/** Open containers above `depth` and close the rest, what differs or not (Infinity = expand all, 0 = collapse all). */
	foldToDepth(depth: number): string {
		const spot = this.cursorSpot();
		this.openDepth = depth;
		this.forEachNode(node => {
			node.isOpen = undefined;
			node.size = undefined;
			node.prefix = undefined;
		});
		for (const document of Object.values(this.documents)) {
			document.foldToDepth(depth);
		}

		if (spot) {
			this.anchor(spot);
		}

		return foldMessage(depth);
	}

	/** To the next (1) or previous (-1) difference shown, a folded one as one stop; says which of how many. */
	nextChange(direction: 1 | -1): string {
		const total = this.root.differences;
		if (total === 0) {
			return 'no differences';
		}

		const stop = this.findStop(this.cursor, direction);
		if (!stop) {
			return direction > 0 ? 'no difference below' : 'no difference above';
		}

		this.anchor({view: stop});
		return `difference ${this.differencesBefore(stop) + 1} of ${total}`;
	}

	/** Search keys and values of both sides; go to the first match at or after the cursor. */
	find(query: string): string {
		const targets = new Map<ViewNode, Map<JsonNode | undefined, Target>>();
		let isCapped = false;
		for (const side of ['left', 'right'] as const) {
			if (this.documents[side].root.value === undefined) {
				continue;
			}

			const result = search(this.documents[side], query);
			isCapped ||= result.isCapped;
			for (const match of result.matches) {
				const spot = this.spotOf(side, match.indices);
				if (!spot) {
					continue;
				}

				const byInner = targets.get(spot.view) ?? new Map<JsonNode | undefined, Target>();
				targets.set(spot.view, byInner);
				const target = byInner.get(spot.inner) ?? {...spot, where: {}};
				target.where[side] = match.where;
				byInner.set(spot.inner, target);
			}
		}

		const ordered = [...targets.values()]
			.flatMap(byInner => [...byInner.values()])
			.map(target => ({target, order: this.orderOf(target)}))
			.sort((a, b) => compareIndices(a.order, b.order));
		const cursor = this.cursorSpot();
		const here = cursor ? this.orderOf(cursor) : [];
		const after = ordered.findIndex(({order}) => compareIndices(order, here) >= 0);
		return this.searchFound(query, ordered.map(({target}) => target), isCapped, after);
	}

	protected hasLine(index: number): boolean {
		return this.rowAt(index) !== undefined;
	}

	/** Columns of one side's text: half a split line, or a unified line after its mark. */
	private contentWidth(): number {
		return Math.max(1, this.shape === 'split' ? Math.floor((this.width - splitGutter) / 2) : this.width - 2);
	}

	private leadNode(view: ViewNode): JsonNode {
		return view[leadOf(view)]!;
	}

	/** The nodes showing a diff node whose sides are `left` and `right` (undefined where absent). */
	private nodesFor(diff: DiffNode, left: JsonNode | undefined, right: JsonNode | undefined, parent: ViewNode): ViewNode[] {
		const make = (role: ViewNode['role'], differences: number): ViewNode => ({role, diff, left, right, parent, index: 0, differences});
		switch (diff.kind) {
			case 'same': {
				const node = make('same', 0);
				this.foldUnchanged(node);
				return [node];
			}

			case 'added': {
				return [{...make('added', 1), left: undefined}];
			}

			case 'removed': {
				return [{...make('removed', 1), right: undefined}];
			}

			case 'changed': {
				if (diff.entries) {
					return [make('pair', diff.counts.changed + diff.counts.added + diff.counts.removed)];
				}

				if (!hasEntries(left!.value) && !hasEntries(right!.value)) {
					return [make('changed', 1)];
				}

				// The change is counted once, on the removed half.
				const removed: ViewNode = {...make('removed', 1), right: undefined};
				const added: ViewNode = {...make('added', 0), left: undefined, twin: removed};
				removed.twin = added;
				return [removed, added];
			}
		}
	}

	/** Unchanged subtrees start folded; the root, when nothing differs, one level down. */
	private foldUnchanged(view: ViewNode): void {
		if (view.parent === this.root) {
			this.foldUnchangedBelow(view, view.right!);
		} else if (this.openDepth === undefined) {
			this.documents.right.setOpen(view.right!, false);
		}
	}

	/** Until foldToDepth, an unchanged container opens one level at a time: what it holds stays folded. */
	private foldUnchangedBelow(view: ViewNode, node: JsonNode): void {
		const document = this.documents.right;
		if (view.role !== 'same' || this.openDepth !== undefined || !document.isContainerOpen(node)) {
			return;
		}

		for (const child of document.childrenOf(node)) {
			if (child.isOpen === undefined) {
				document.setOpen(child, false);
			}
		}
	}

	private adopt(parent: ViewNode, children: ViewNode[], positions: Array<{left?: number; right?: number}>): void {
		const bySide: Record<DiffSide, ViewNode[]> = {left: [], right: []};
		for (const [index, child] of children.entries()) {
			child.index = index;
			const {left, right} = positions[index]!;
			if (left !== undefined && child.left) {
				bySide.left[left] = child;
			}

			if (right !== undefined && child.right) {
				bySide.right[right] = child;
			}
		}

		parent.children = children;
		parent.bySide = bySide;
		parent.differences = children.reduce((sum, child) => sum + child.differences, 0);
	}

	private childrenOf(view: ViewNode): ViewNode[] {
		if (view.children) {
			return view.children;
		}

		const leftChildren = this.documents.left.childrenOf(view.left!);
		const rightChildren = this.documents.right.childrenOf(view.right!);
		const children: ViewNode[] = [];
		const positions: Array<{left?: number; right?: number}> = [];
		for (const entry of view.diff.entries!) {
			const left = entry.left === undefined ? undefined : leftChildren[entry.left];
			const right = entry.right === undefined ? undefined : rightChildren[entry.right];
			for (const child of this.nodesFor(entry.node, left, right, view)) {
				children.push(child);
				positions.push({left: entry.left, right: entry.right});
			}
		}

		this.adopt(view, children, positions);
		return children;
	}

	private forEachNode(visit: (node: ViewNode) => void): void {
		const stack = [this.root];
		while (stack.length > 0) {
			const node = stack.pop()!;
			visit(node);
			if (node.children) {
				stack.push(...node.children);
			}
		}
	}

	private isPairOpen(view: ViewNode): boolean {
		return view.isOpen ?? (this.openDepth === undefined || this.leadNode(view).depth < this.openDepth);
	}

	/** A root, or an open pair: laid out here, child by child. */
	private isOpenContainer(view: ViewNode): boolean {
		return view.role === 'root' || (view.role === 'pair' && this.isPairOpen(view));
	}

	private isWrapped(view: ViewNode): boolean {
		return this.documents.left.isStringExpanded(view.left!) || this.documents.right.isStringExpanded(view.right!);
	}

	private eachSide(view: ViewNode, action: (document: JsonDocument, node: JsonNode) => unknown): void {
		action(this.documents.left, view.left!);
		action(this.documents.right, view.right!);
	}

	/** Lines of a node that is not an open container. */
	private leafSize(view: ViewNode): number {
		if (isDelegated(view)) {
			return this.documents[leadOf(view)].sizeOf(this.leadNode(view));
		}

		if (view.role === 'changed') {
			const left = wrapCount(view.left);
			const right = wrapCount(view.right);
			return this.shape === 'split' ? Math.max(left, right) : left + right;
		}

		return 1;
	}

	/** Lines a node takes as laid out now; fills the prefix sums of every open container below. Iterative: any depth. */
	private sizeOf(view: ViewNode): number {
		const stack = [view];
		while (stack.length > 0) {
			const node = stack.at(-1)!;
			if (node.size !== undefined) {
				stack.pop();
				continue;
			}

			if (!this.isOpenContainer(node)) {
				node.size = this.leafSize(node);
				stack.pop();
				continue;
			}

			const children = this.childrenOf(node);
			const prefix = node.prefix ?? [0];
			node.prefix = prefix;
			while (prefix.length <= children.length) {
				const child = children[prefix.length - 1]!;
				if (child.size === undefined && this.isOpenContainer(child)) {
					break;
				}

				child.size ??= this.leafSize(child);
				prefix.push(prefix.at(-1)! + child.size);
			}

			if (prefix.length <= children.length) {
				stack.push(children[prefix.length - 1]!);
				continue;
			}

			node.size = prefix.at(-1)! + (node.role === 'root' ? 0 : 2);
			stack.pop();
		}

		return view.size!;
	}

	/** A node and those above it lay out again. */
	private invalidate(view: ViewNode): void {
		for (let node: ViewNode | undefined = view; node; node = node.parent) {
			node.size = undefined;
			node.prefix = undefined;
		}
	}

	private rowAt(index: number): Row | undefined {
		if (index < 0 || index >= this.sizeOf(this.root) || !Number.isInteger(index)) {
			return undefined;
		}

		let view = this.root;
		let offset = index;
		for (;;) {
			if (!this.isOpenContainer(view)) {
				return {view, offset};
			}

			const header = view.role === 'root' ? 0 : 1;
			const children = view.children!;
			const prefix = view.prefix!;
			const inner = offset - header;
			if (inner < 0 || inner >= prefix[children.length]!) {
				return {view, offset};
			}

			const child = childAt(prefix, children.length, inner);
			view = children[child]!;
			offset = inner - prefix[child]!;
		}
	}

	/** Line number of a node's first line; the nodes above it must be open. */
	private rowOf(view: ViewNode): number {
		this.sizeOf(this.root);
		let row = 0;
		for (let node = view; node.parent; node = node.parent) {
			row += (node.parent.role === 'root' ? 0 : 1) + node.parent.prefix![node.index]!;
		}

		return row;
	}

	private cursorSpot(): Spot | undefined {
		const row = this.rowAt(this.cursor);
		if (!row) {
			return undefined;
		}

		const {view, offset} = row;
		return isDelegated(view) ? {view, inner: locate(this.documents[leadOf(view)], offset, this.leadNode(view))!.node} : {view};
	}

	/** Put the cursor on the spot's first line, or on the fold hiding it. */
	private anchor(spot: Spot): void {
		let {view, inner} = spot;
		for (let node = view.parent; node; node = node.parent) {
			if (node.role === 'pair' && !this.isPairOpen(node)) {
				view = node;
				inner = undefined;
			}
		}

		let row = this.rowOf(view);
		if (inner && isDelegated(view)) {
			const document = this.documents[leadOf(view)];
			const lead = this.leadNode(view);
			row += document.lineOf(document.shownOf(inner, lead), lead);
		}

		this.cursor = row;
		this.scrollToCursor();
	}

	/** The spot's value on one side, if that side has one there. */
	private nodeOn(spot: Spot, side: DiffSide): JsonNode | undefined {
		const {view, inner} = spot;
		if (!isDelegated(view) || inner === undefined) {
			return view[side];
		}

		if (leadOf(view) === side) {
			return inner;
		}

		if (view.role === 'same') {
			// The left side's twin of a node of the right one: the same keys down from the same place.
			const keys: Array<string | number> = [];
			for (let node = inner; node !== view.right; node = node.parent!) {
				keys.push(node.key!);
			}

			let node = view.left!;
			for (const key of keys.reverse()) {
				node = this.documents.left.childrenOf(node).find(child => child.key === key)!;
			}

			return node;
		}

		return inner === this.leadNode(view) ? view.twin?.[side] : undefined;
	}

	/** The first stop after `row` (direction 1) or the last before it (-1): a difference not inside an open pair. */
	private findStop(row: number, direction: 1 | -1): ViewNode | undefined {
		this.sizeOf(this.root);
		type Frame = {view: ViewNode; base: number; index: number};
		const enter = (view: ViewNode, start: number): Frame => {
			const base = start + (view.role === 'root' ? 0 : 1);
			const count = view.children!.length;
			const inner = row - base;
			let index: number;
			if (inner < 0) {
				index = direction > 0 ? 0 : -1;
			} else if (inner >= view.prefix![count]!) {
				index = direction > 0 ? count : count - 1;
			} else {
				index = childAt(view.prefix!, count, inner);
			}

			return {view, base, index};
		};

		const stack = [enter(this.root, 0)];
		while (stack.length > 0) {
			const frame = stack.at(-1)!;
			const child = frame.view.children![frame.index];
			if (!child) {
				stack.pop();
				continue;
			}

			const start = frame.base + frame.view.prefix![frame.index]!;
			frame.index += direction;
			if (child.differences === 0) {
				continue;
			}

			if (this.isOpenContainer(child)) {
				stack.push(enter(child, start));
			} else if (direction > 0 ? start > row : start < row) {
				return child;
			}
		}

		return undefined;
	}

	private differencesBefore(view: ViewNode): number {
		let before = 0;
		for (let node = view; node.parent; node = node.parent) {
			for (let index = 0; index < node.index; index++) {
				before += node.parent.children![index]!.differences;
			}
		}

		return before;
	}

	/** Where a match of one side's search is shown; undefined when the other side's search finds it too (inside what is unchanged). */
	private spotOf(side: DiffSide, indices: number[]): Spot | undefined {
		let view = this.root.bySide![side][0];
		for (let depth = 0; view; depth++) {
			if (depth === indices.length) {
				return isDelegated(view) ? {view, inner: this.leadNode(view)} : {view};
			}

			if (view.role === 'pair') {
				this.childrenOf(view);
				view = view.bySide![side][indices[depth]!];
				continue;
			}

			if (!isDelegated(view) || leadOf(view) !== side) {
				return undefined;
			}

			const document = this.documents[side];
			let inner = this.leadNode(view);
			for (const index of indices.slice(depth)) {
				inner = document.childrenOf(inner)[index]!;
			}

			return {view, inner};
		}

		return undefined;
	}

	/** Child indices from the top, through the nodes of the diff and then those of a document: comparing them gives the order shown. */
	private orderOf(spot: Spot): number[] {
		const order = indicesOf(spot.view);
		return spot.inner && isDelegated(spot.view) ? [...order, ...indicesOf(spot.inner, this.leadNode(spot.view))] : order;
	}

	protected reveal(target: Target): void {
		for (let node = target.view.parent; node; node = node.parent) {
			if (node.role === 'pair') {
				node.isOpen = true;
			}
		}

		if (target.inner) {
			const document = this.documents[leadOf(target.view)];
			const lead = this.leadNode(target.view);
			const above: JsonNode[] = [];
			for (let node = target.inner; node !== lead; ) {
				node = node.parent!;
				above.push(node);
			}

			for (const node of above.reverse()) {
				document.setOpen(node, true);
				this.foldUnchangedBelow(target.view, node);
			}
		}

		this.invalidate(target.view);
		this.anchor(target);
	}

	private drawRow({view, offset}: Row): {mark: DiffMark; left?: DiffSegment[]; right?: DiffSegment[]; segments?: DiffSegment[]} {
		const isSplit = this.shape === 'split';
		const width = this.contentWidth();
		const draw = (side: DiffSide, line: Line | undefined, tone: Tone): DiffSegment[] | undefined => {
			if (!line) {
				return isSplit ? pad([], width) : undefined;
			}

			const segments = this.drawLine(view, side, line, tone, width);
			return isSplit ? pad(segments, width) : segments;
		};

		if (view.role === 'changed') {
			const leftLines = wrapCount(view.left);
			if (isSplit) {
				const left = offset < leftLines ? scalarLine(view.left!, offset) : undefined;
				const right = offset < wrapCount(view.right) ? scalarLine(view.right!, offset) : undefined;
				return {mark: '~', left: draw('left', left, 'changed'), right: draw('right', right, 'changed')};
			}

			return offset < leftLines
				? {mark: '-', segments: draw('left', scalarLine(view.left!, offset), 'removed')}
				: {mark: '+', segments: draw('right', scalarLine(view.right!, offset - leftLines), 'added')};
		}

		if (view.role === 'pair') {
			const isOpen = this.isPairOpen(view);
			const part = isOpen ? (offset === 0 ? 'open' : 'close') : 'leaf';
			const tone = isOpen ? 'same' : 'changed';
			const line = (side: DiffSide): Line => ({node: view[side]!, part, wrapIndex: 0});
			const mark = isOpen ? ' ' : '~';
			return isSplit
				? {mark, left: draw('left', line('left'), tone), right: draw('right', line('right'), tone)}
				: {mark, segments: draw('right', line('right'), tone)};
		}

		const side = leadOf(view);
		const line = locate(this.documents[side], offset, this.leadNode(view))!;
		const tone = view.role === 'same' ? 'same' : side === 'left' ? 'removed' : 'added';
		const mark = view.role === 'same' ? ' ' : side === 'left' ? '-' : '+';
		if (!isSplit) {
			return {mark, segments: draw(side, line, tone)};
		}

		// An unchanged line reads the same on both sides: drawn from the right one's.
		return {mark, left: draw('left', side === 'left' || view.role === 'same' ? line : undefined, tone), right: draw('right', side === 'right' ? line : undefined, tone)};
	}

	private drawLine(view: ViewNode, side: DiffSide, line: Line, tone: Tone, width: number): DiffSegment[] {
		const {node} = line;
		const isFold = line.part === 'leaf' && hasEntries(node.value);
		const options: RenderOptions = {};
		if (isFold && view.role !== 'added' && view.role !== 'removed') {
			options.note = view.role === 'same' ? 'unchanged' : `(${countsText(view.diff.counts)})`;
		}

		if (view.role === 'changed' && view.diff.words) {
			view.pieces ??= {
				left: view.diff.words.filter(part => part.side !== 'right').map(part => ({text: literalBody(part.text), isEdit: part.side === 'left'})),
				right: view.diff.words.filter(part => part.side !== 'left').map(part => ({text: literalBody(part.text), isEdit: part.side === 'right'})),
			};
			options.pieces = view.pieces[side];
		}

		const match = this.currentMatch(view, node, side);
		if (match) {
			options.match = {node, where: match};
		}

		const document = view.role === 'same' ? this.documents.right : this.documents[side];
		const segments = renderLine(document, line, width, options).map(segment => ({
			text: segment.text,
			kind: kindOfSegment(segment, tone, side, isFold),
			...(segment.isMatch ? {isMatch: true} : {}),
		}));
		return fitSegments<DiffSegmentKind>(segments, width, 'plain');
	}

	/** Where the current match is on this side's line, if it is there. */
	private currentMatch(view: ViewNode, node: JsonNode, side: DiffSide): 'key' | 'value' | undefined {
		const target = this.searchState?.hits[this.searchState.index];
		if (target?.view !== view || (target.inner !== undefined && target.inner !== node)) {
			return undefined;
		}

		// Both halves of an unchanged line are the right side's.
		return view.role === 'same' ? (target.where.right ?? target.where.left) : target.where[side];
	}
}
