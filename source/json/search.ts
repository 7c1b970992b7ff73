/** Search keys and values of the whole document, in document order. */

import {sanitise} from '../terminal/sanitise.js';
import {hasEntries, type JsonDocument, type JsonNode} from './tree.js';

/** A node whose key or value holds the query, addressed by child indices from the root. */
export type Match = {indices: number[]; where: 'key' | 'value'};

export type SearchResult = {matches: Match[]; isCapped: boolean};

export type SearchOptions = {
	/** Stop after this many matches. Default 10,000. */
	limit?: number;
};

/** Case-insensitive unless the query has a capital letter (smart case, as in less and vim). */
export function matcher(query: string): (text: string) => boolean {
	if (query !== query.toLowerCase()) {
		return text => text.includes(query);
	}

	const pattern = new RegExp(query.replaceAll(/[\\^$.*+?()[\]{}|]/g, '\\$&'), 'i');
	return text => pattern.test(text);
}

/** A scalar as shown: a number as written when its literal is known. */
function scalarText(value: unknown, literal: string | undefined): string | undefined {
	if (typeof value === 'object' && value !== null) {
		return undefined;
	}

	return typeof value === 'string' ? value : (literal ?? String(value));
}

type Frame = {node: JsonNode | undefined; value: object; keys: readonly string[] | undefined; next: number};

function open(document: JsonDocument, node: JsonNode | undefined, value: object): Frame {
	return {node, value, keys: Array.isArray(value) || node?.children ? undefined : document.keysOf(value), next: 0};
}

/**
 * Every match of `query` in keys and scalar values. Walks raw values where
 * nothing was touched and the document's nodes where they exist, so strings
 * shown parsed are searched as trees.
 */
export function search(document: JsonDocument, query: string, options: SearchOptions = {}): SearchResult {
	const limit = options.limit ?? 10_000;
	const matches: Match[] = [];
	if (!query) {
		return {matches, isCapped: false};
	}

	const isMatch = matcher(query);
	const {root} = document;
	if (!hasEntries(root.value)) {
		const text = scalarText(root.value, document.literalOf(root));
		return {matches: text !== undefined && isMatch(text) ? [{indices: [], where: 'value'}] : [], isCapped: false};
	}

	const indices: number[] = [];
	const stack = [open(document, root, root.value)];
	while (stack.length > 0) {
		const frame = stack.at(-1)!;
		const children = frame.node?.children;
		const count = children?.length ?? frame.keys?.length ?? (frame.value as unknown[]).length;
		if (frame.next >= count) {
			stack.pop();
			indices.pop();
			continue;
		}

		const index = frame.next++;
		const child = children?.[index];
		const key = child ? child.key! : (frame.keys?.[index] ?? index);
		const value = child ? child.value : (frame.value as Record<string | number, unknown>)[key];
		const text = scalarText(value, typeof value === 'number' ? document.literalIn(frame.value, key) : undefined);
		const where = typeof key === 'string' && isMatch(key) ? 'key' : text !== undefined && isMatch(text) ? 'value' : undefined;
		if (where) {
			matches.push({indices: [...indices, index], where});
			if (matches.length >= limit) {
				return {matches, isCapped: true};
			}
		}

		if (hasEntries(value)) {
			indices.push(index);
			stack.push(open(document, child, value));
		}
	}

	return {matches, isCapped: false};
}

/** The matched node, with every container above it opened so that it shows. */
export function reveal(document: JsonDocument, match: Match): JsonNode {
	let node = document.root;
	for (const index of match.indices) {
		document.setOpen(node, true);
		node = document.childrenOf(node)[index]!;
	}

	return node;
}

/** What the status bar says on a match: 'match 2 of 5', '+' when the search stopped at its limit. */
export function matchMessage(index: number, count: number, isCapped: boolean): string {
	return `match ${index + 1} of ${count}${isCapped ? '+' : ''}`;
}

export function noMatchMessage(query: string): string {
	return `no match for "${sanitise(query)}"`;
}

export const noSearchMessage = 'no search yet: press / to search';
