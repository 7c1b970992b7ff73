/**
 * A structural diff of two JSON values, as the D view shows them: objects
 * matched by key whatever their order, arrays by position (aligned on what
 * they have in common when the part that differs is short), numbers by
 * their text as the API wrote it, long strings by word.
 *
 * Only what differs gets a node: an unchanged subtree, however big, is
 * compared and left as it is. Every walk is iterative, so any depth works.
 */

import type {JsonSource} from './source.js';
import {JsonDocument} from './tree.js';

export type DiffKind = 'same' | 'added' | 'removed' | 'changed';

/** Differences below a node (itself included): a value that changed, a key or item added, one removed. */
export type DiffCounts = {readonly changed: number; readonly added: number; readonly removed: number};

/** A run of a string diffed by word: on both sides, or only on one. */
export type WordPart = {text: string; side: 'both' | 'left' | 'right'};

export type DiffNode = {
	kind: DiffKind;
	counts: DiffCounts;
	/** Two objects or two arrays that differ: their members in the order shown, every one. */
	entries?: DiffEntry[];
	/** Two strings that differ, by word, when short and alike enough for that to help. */
	words?: WordPart[];
};

/**
 * A member of two containers that differ. `left` and `right` are its
 * positions among each side's children (keys in the order the text gives
 * them, as {@link JsonDocument.keysOf}); absent on the side that lacks it.
 * `key` is the object key, or the array index (the right one when on both).
 */
export type DiffEntry = {key: string | number; left?: number; right?: number; node: DiffNode};

/** Strings longer than this (UTF-16 units) that differ are changed as a whole: a word diff of a data URI helps no one. */
export const wordDiffLimit = 10_000;
/** Strings this long, or with a space, are diffed by word when they differ. */
const wordyFrom = 41;
/** Past this many words added or removed, two strings are told apart as a whole. */
const maxWordEdits = 200;
/** Arrays whose differing middle holds at most this many items (both sides) are aligned on the items they share. */
const alignLimit = 256;

const noCounts: DiffCounts = {changed: 0, added: 0, removed: 0};
const sameNode: DiffNode = {kind: 'same', counts: noCounts};
const addedNode: DiffNode = {kind: 'added', counts: {...noCounts, added: 1}};
const removedNode: DiffNode = {kind: 'removed', counts: {...noCounts, removed: 1}};

/** '3 changed, 1 added, 2 removed', leaving out what is zero; '' when nothing differs. */
export function countsText(counts: DiffCounts): string {
	return (['changed', 'added', 'removed'] as const)
		.filter(kind => counts[kind] > 0)
		.map(kind => `${counts[kind]} ${kind}`)
		.join(', ');
}

function isContainer(value: unknown): value is object {
	return typeof value === 'object' && value !== null;
}

/** A number as written in its document's text, else as String() spells it. */
function numberText(document: JsonDocument, container: object | undefined, key: string | number, value: number): string {
	return (container === undefined ? document.literalOf(document.root) : document.literalIn(container, key)) ?? String(value);
}

/** Where a value sits, for its number's literal: its container (undefined for the root) and key. */
type Place = {container: object | undefined; key: string | number};

const rootPlace: Place = {container: undefined, key: 0};

function sameScalar(left: JsonDocument, right: JsonDocument, a: unknown, b: unknown, aAt: Place, bAt: Place): boolean {
	if (typeof a === 'number' && typeof b === 'number') {
		// One text parses to one float: floats that differ had texts that differ, and need no look-up.
		return a === b && numberText(left, aAt.container, aAt.key, a) === numberText(right, bAt.container, bAt.key, b);
	}

	return a === b;
}

/**
 * Values compared in aligning arrays' items, over a whole diff: past it,
 * items are paired by position. Aligning compares items whole, so items that
 * differ late (a seed at the end of each, a difference at the bottom of
 * arrays nested 10,000 deep) could otherwise cost their size over and over.
 */
const alignBudget = 1_000_000;

type Budget = {steps: number};

/**
 * Whether two values are the same JSON: objects by key whatever the order,
 * numbers by their text. With a budget, each value compared spends a step,
 * and none left means false.
 */
function isSame(left: JsonDocument, right: JsonDocument, a: unknown, b: unknown, aAt: Place, bAt: Place, budget?: Budget): boolean {
	if (!isContainer(a) || !isContainer(b)) {
		return !isContainer(a) && !isContainer(b) && sameScalar(left, right, a, b, aAt, bAt);
	}

	const stack: Array<[object, object]> = [[a, b]];
	// Children of a pair of containers: scalars compared at once, containers put on the stack.
	const samePair = (x: object, y: object, xKey: string | number, yKey: string | number): boolean => {
		if (budget && budget.steps-- <= 0) {
			return false;
		}

		const childX = (x as Record<string | number, unknown>)[xKey];
		const childY = (y as Record<string | number, unknown>)[yKey];
		if (isContainer(childX) && isContainer(childY)) {
			stack.push([childX, childY]);
			return true;
		}

		return !isContainer(childX) && !isContainer(childY) && sameScalar(left, right, childX, childY, {container: x, key: xKey}, {container: y, key: yKey});
	};

	while (stack.length > 0) {
		const [x, y] = stack.pop()!;
		if (Array.isArray(x) !== Array.isArray(y)) {
			return false;
		}

		if (Array.isArray(x)) {
			if (x.length !== (y as unknown[]).length) {
				return false;
			}

			for (let index = 0; index < x.length; index++) {
				if (!samePair(x, y, index, index)) {
					return false;
				}
			}

			continue;
		}

		const keys = Object.keys(x);
		if (keys.length !== Object.keys(y).length) {
			return false;
		}

		for (const key of keys) {
			if (!Object.hasOwn(y, key) || !samePair(x, y, key, key)) {
				return false;
			}
		}
	}

	return true;
}

/**
 * The pairs (i, j) of a longest common subsequence of two sequences of
 * lengths n and m, ascending, by Myers' O((n + m) d) algorithm; undefined
 * when more than `maxEdits` insertions and deletions are needed.
 */
export function commonPairs(n: number, m: number, equal: (i: number, j: number) => boolean, maxEdits: number): Array<[number, number]> | undefined {
	const limit = Math.min(n + m, maxEdits);
	const offset = limit + 1;
	// v[offset + k]: the furthest x reached on diagonal k = x - y; trace[d] is v before step d.
	const v = new Int32Array(2 * limit + 3);
	const trace: Int32Array[] = [];
	const previousDiagonal = (row: Int32Array, k: number, d: number): number =>
		k === -d || (k !== d && row[offset + k - 1]! < row[offset + k + 1]!) ? k + 1 : k - 1;
	for (let d = 0; d <= limit; d++) {
		trace.push(v.slice());
		for (let k = -d; k <= d; k += 2) {
			const from = previousDiagonal(v, k, d);
			let x = from === k + 1 ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
			let y = x - k;
			while (x < n && y < m && equal(x, y)) {
				x++;
				y++;
			}

			v[offset + k] = x;
			if (x >= n && y >= m) {
				return backtrack(trace, n, m, offset, previousDiagonal);
			}
		}
	}

	return undefined;
}

function backtrack(
	trace: Int32Array[],
	n: number,
	m: number,
	offset: number,
	previousDiagonal: (row: Int32Array, k: number, d: number) => number,
): Array<[number, number]> {
	const pairs: Array<[number, number]> = [];
	let x = n;
	let y = m;
	for (let d = trace.length - 1; d >= 0; d--) {
		const row = trace[d]!;
		const from = previousDiagonal(row, x - y, d);
		const fromX = row[offset + from]!;
		const fromY = fromX - from;
		while (x > fromX && y > fromY) {
			pairs.push([--x, --y]);
		}

		x = fromX;
		y = fromY;
	}

	return pairs.reverse();
}

const tokenPattern = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;

function isBlank(text: string): boolean {
	return text.trim() === '';
}

function nonBlankLength(text: string): number {
	return text.replaceAll(/\s+/g, '').length;
}

/**
 * Two strings by word (runs of letters and digits, of spaces, and single
 * other characters): what both have, and what only one has, in order, a
 * change's removed words before its added ones. Undefined when too little
 * is shared for a word diff to read better than the two strings.
 */
export function wordDiff(a: string, b: string): WordPart[] | undefined {
	const wordsA = a.match(tokenPattern) ?? [];
	const wordsB = b.match(tokenPattern) ?? [];
	let prefix = 0;
	while (prefix < wordsA.length && prefix < wordsB.length && wordsA[prefix] === wordsB[prefix]) {
		prefix++;
	}

	let suffix = 0;
	while (suffix < wordsA.length - prefix && suffix < wordsB.length - prefix && wordsA.at(-1 - suffix) === wordsB.at(-1 - suffix)) {
		suffix++;
	}

	const middleA = wordsA.length - prefix - suffix;
	const middleB = wordsB.length - prefix - suffix;
	const pairs = commonPairs(middleA, middleB, (i, j) => wordsA[prefix + i] === wordsB[prefix + j], maxWordEdits);
	if (pairs === undefined) {
		return undefined;
	}

	// One word a piece, in order: shared, or on one side only.
	const raw: WordPart[] = wordsA.slice(0, prefix).map(text => ({text, side: 'both'}));
	let i = 0;
	let j = 0;
	for (const [pairI, pairJ] of [...pairs, [middleA, middleB] as [number, number]]) {
		raw.push(...wordsA.slice(prefix + i, prefix + pairI).map(text => ({text, side: 'left'}) as const));
		raw.push(...wordsB.slice(prefix + j, prefix + pairJ).map(text => ({text, side: 'right'}) as const));
		if (pairI < middleA) {
			raw.push({text: wordsA[prefix + pairI]!, side: 'both'});
		}

		i = pairI + 1;
		j = pairJ + 1;
	}

	raw.push(...wordsA.slice(wordsA.length - suffix).map(text => ({text, side: 'both'}) as const));
	const parts = groupChanges(raw);
	const shared = parts.reduce((sum, part) => sum + (part.side === 'both' ? nonBlankLength(part.text) : 0), 0);
	return shared * 3 >= Math.min(nonBlankLength(a), nonBlankLength(b)) ? parts : undefined;
}

/**
 * Merge words into runs: a space shared between two changes joins them (one
 * change of "red fox" to "blue cat" reads better than two), and each change
 * gives its removed text, then its added text.
 */
function groupChanges(raw: WordPart[]): WordPart[] {
	const parts: WordPart[] = [];
	let removed = '';
	let added = '';
	const flush = (): void => {
		if (removed) {
			parts.push({text: removed, side: 'left'});
		}

		if (added) {
			parts.push({text: added, side: 'right'});
		}

		removed = '';
		added = '';
	};

	for (const [index, part] of raw.entries()) {
		const isJoiner = part.side === 'both' && isBlank(part.text) && (removed || added) && raw[index + 1] !== undefined && raw[index + 1]!.side !== 'both';
		if (part.side === 'both' && !isJoiner) {
			flush();
			const previous = parts.at(-1);
			if (previous?.side === 'both') {
				previous.text += part.text;
			} else {
				parts.push({...part});
			}

			continue;
		}

		if (part.side !== 'right') {
			removed += part.text;
		}

		if (part.side !== 'left') {
			added += part.text;
		}
	}

	flush();
	return parts;
}

function changedNode(a: unknown, b: unknown): DiffNode {
	const node: DiffNode = {kind: 'changed', counts: {...noCounts, changed: 1}};
	if (typeof a === 'string' && typeof b === 'string' && Math.max(a.length, b.length) <= wordDiffLimit) {
		const isWordy = Math.max(a.length, b.length) >= wordyFrom || /\s/.test(a) || /\s/.test(b);
		const words = isWordy ? wordDiff(a, b) : undefined;
		if (words !== undefined) {
			node.words = words;
		}
	}

	return node;
}

/** One member of two containers, planned before it is compared; `isSame` when already known equal. */
type Planned = {key: string | number; left?: number; right?: number; isSame?: boolean};

/** Two objects' members: in the right one's order, each key only on the left after the key that came before it there. */
function planObjects(left: JsonDocument, right: JsonDocument, a: object, b: object): Planned[] {
	const leftKeys = left.keysOf(a);
	const rightKeys = right.keysOf(b);
	// Most objects compared have the same keys in the same order: no look-up tables for them.
	if (leftKeys.length === rightKeys.length && leftKeys.every((key, index) => rightKeys[index] === key)) {
		return rightKeys.map((key, index) => ({key, left: index, right: index}));
	}

	const rightIndex = new Map(rightKeys.map((key, index) => [key, index]));
	const leftIndex = new Map(leftKeys.map((key, index) => [key, index]));
	const removedAfter = new Map<string | undefined, number[]>();
	let anchor: string | undefined;
	for (const [index, key] of leftKeys.entries()) {
		if (rightIndex.has(key)) {
			anchor = key;
		} else {
			removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), index]);
		}
	}

	const plan: Planned[] = [];
	const addRemoved = (after: string | undefined): void => {
		for (const index of removedAfter.get(after) ?? []) {
			plan.push({key: leftKeys[index]!, left: index});
		}
	};

	addRemoved(undefined);
	for (const [index, key] of rightKeys.entries()) {
		plan.push({key, left: leftIndex.get(key), right: index});
		addRemoved(key);
	}

	return plan;
}

/**
 * Two arrays' items: the equal start and end stay paired; a short middle is
 * aligned on the items both have, so that one inserted item is one added
 * and not a change of every item after it; a long one is paired by position.
 * Items between aligned ones are paired in order, the rest added or removed.
 */
function planArrays(left: JsonDocument, right: JsonDocument, a: unknown[], b: unknown[], budget: Budget): Planned[] {
	const same = (i: number, j: number): boolean => isSame(left, right, a[i], b[j], {container: a, key: i}, {container: b, key: j}, budget);
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && same(prefix, prefix)) {
		prefix++;
	}

	let suffix = 0;
	while (suffix < a.length - prefix && suffix < b.length - prefix && same(a.length - 1 - suffix, b.length - 1 - suffix)) {
		suffix++;
	}

	const middleA = a.length - prefix - suffix;
	const middleB = b.length - prefix - suffix;
	const isShort = middleA > 0 && middleB > 0 && middleA + middleB <= alignLimit && budget.steps > 0;
	const aligned = isShort ? commonPairs(middleA, middleB, (i, j) => same(prefix + i, prefix + j), alignLimit) : undefined;
	// Items told apart only because the budget ran out may have been equal: no alignment then.
	const pairs = aligned !== undefined && budget.steps > 0 ? aligned : [];
	const plan: Planned[] = [];
	for (let index = 0; index < prefix; index++) {
		plan.push({key: index, left: index, right: index, isSame: true});
	}

	let i = 0;
	let j = 0;
	for (const [pairI, pairJ] of [...pairs, [middleA, middleB] as [number, number]]) {
		const paired = Math.min(pairI - i, pairJ - j);
		for (let step = 0; step < paired; step++) {
			plan.push({key: prefix + j + step, left: prefix + i + step, right: prefix + j + step});
		}

		for (let at = i + paired; at < pairI; at++) {
			plan.push({key: prefix + at, left: prefix + at});
		}

		for (let at = j + paired; at < pairJ; at++) {
			plan.push({key: prefix + at, right: prefix + at});
		}

		if (pairI < middleA) {
			plan.push({key: prefix + pairJ, left: prefix + pairI, right: prefix + pairJ, isSame: true});
		}

		i = pairI + 1;
		j = pairJ + 1;
	}

	for (let index = 0; index < suffix; index++) {
		plan.push({key: b.length - suffix + index, left: a.length - suffix + index, right: b.length - suffix + index, isSame: true});
	}

	return plan;
}

type MutableCounts = {changed: number; added: number; removed: number};

type Frame = {
	a: object;
	b: object;
	plan: Planned[];
	next: number;
	/** Nodes of the planned members that differ, by their place in the plan. */
	changes: Map<number, DiffNode> | undefined;
	counts: MutableCounts;
	parent: Frame | undefined;
	/** This pair's place in the parent's plan. */
	slot: number;
};

function addCounts(to: MutableCounts, counts: DiffCounts): void {
	to.changed += counts.changed;
	to.added += counts.added;
	to.removed += counts.removed;
}

/** The diff of two documents' values; a side whose value is undefined is absent (its whole other side added or removed). */
export function diffDocuments(left: JsonDocument, right: JsonDocument): DiffNode {
	const a = left.root.value;
	const b = right.root.value;
	if (a === undefined || b === undefined) {
		return a === b ? sameNode : a === undefined ? addedNode : removedNode;
	}

	if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) {
		return isSame(left, right, a, b, rootPlace, rootPlace) ? sameNode : changedNode(a, b);
	}

	const budget: Budget = {steps: alignBudget};
	const open = (x: object, y: object, parent: Frame | undefined, slot: number): Frame => ({
		a: x,
		b: y,
		plan: Array.isArray(x) ? planArrays(left, right, x, y as unknown[], budget) : planObjects(left, right, x, y),
		next: 0,
		changes: undefined,
		counts: {...noCounts},
		parent,
		slot,
	});
	const record = (frame: Frame, slot: number, node: DiffNode): void => {
		frame.changes ??= new Map();
		frame.changes.set(slot, node);
		addCounts(frame.counts, node.counts);
	};

	let frame: Frame | undefined = open(a, b, undefined, 0);
	for (;;) {
		if (frame.next >= frame.plan.length) {
			const {changes, plan, counts} = frame;
			const node: DiffNode =
				changes === undefined
					? sameNode
					: {kind: 'changed', counts, entries: plan.map((item, slot) => ({key: item.key, left: item.left, right: item.right, node: changes.get(slot) ?? sameNode}))};
			if (frame.parent === undefined) {
				return node;
			}

			if (node !== sameNode) {
				record(frame.parent, frame.slot, node);
			}

			frame = frame.parent;
			continue;
		}

		const slot = frame.next++;
		const item = frame.plan[slot]!;
		if (item.isSame) {
			continue;
		}

		if (item.left === undefined || item.right === undefined) {
			record(frame, slot, item.left === undefined ? addedNode : removedNode);
			continue;
		}

		const isArray = Array.isArray(frame.a);
		const leftKey = isArray ? item.left : item.key;
		const rightKey = isArray ? item.right : item.key;
		const x = (frame.a as Record<string | number, unknown>)[leftKey];
		const y = (frame.b as Record<string | number, unknown>)[rightKey];
		if (isContainer(x) && isContainer(y) && Array.isArray(x) === Array.isArray(y)) {
			frame = open(x, y, frame, slot);
		} else if (!isSame(left, right, x, y, {container: frame.a, key: leftKey}, {container: frame.b, key: rightKey})) {
			record(frame, slot, changedNode(x, y));
		}
	}
}

export type DiffOptions = {
	/** The left value's JSON text as the API wrote it: numbers are then compared as written. */
	leftSource?: JsonSource;
	rightSource?: JsonSource;
};

/** The diff of two values; undefined stands for an absent side. */
export function diffJson(left: unknown, right: unknown, options: DiffOptions = {}): DiffNode {
	return diffDocuments(new JsonDocument(left, {source: options.leftSource}), new JsonDocument(right, {source: options.rightSource}));
}
