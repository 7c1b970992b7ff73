/**
 * The side table that lets the viewer draw a parsed value as the API wrote
 * it: one scan of the text, in step with the value, made when a payload (or
 * a string opened as JSON) is shown, so that drawing a line never walks the
 * text. It keeps what JSON.parse lost: the literals of numbers and the order
 * of keys it moved (integer-like keys go first).
 *
 * A number String() surely spells as written (a plain 42 or 0.25) gets no
 * entry; any other gets where its literal starts in the text, four bytes in
 * an array's table: deciding whether 0.12345678901234568 is String()'s
 * spelling costs a microsecond a number, too much for a million of them, and
 * is not needed to draw it.
 */

import {isSurelyCanonicalAt} from './numbers.js';
import {atomEnd, keyAt, scanObject, shortStringEnd, skipSpace, stringEnd} from './scan.js';

/**
 * Where a container's number literals start in `text` (-1: none). An array's
 * by index; an object's as key, start pairs in text order, the last pair of
 * a key counting (a Map each would cost a hundred bytes an object), with a
 * Map made on the first look-up once there are many.
 */
type ContainerLiterals =
	| {readonly text: string; readonly starts: Int32Array}
	| {readonly text: string; readonly pairs: Array<string | number>; byKey?: Map<string, number>};

type Tables = {
	/** Per parsed object or array, the literals of its number members that String() might spell otherwise. */
	readonly literals: WeakMap<object, ContainerLiterals>;
	/** Per parsed object whose keys JSON.parse put in another order, its keys in the text's order. */
	readonly keyOrders: WeakMap<object, readonly string[]>;
};

/** Pairs looked through one by one; past this many, a Map. */
const pairsScanned = 32;

function startOf(entry: ContainerLiterals, key: string | number): number {
	if ('starts' in entry) {
		return entry.starts[key as number] ?? -1;
	}

	const {pairs} = entry;
	if (pairs.length > pairsScanned * 2) {
		if (entry.byKey === undefined) {
			entry.byKey = new Map();
			for (let index = 0; index < pairs.length; index += 2) {
				entry.byKey.set(pairs[index] as string, pairs[index + 1] as number);
			}
		}

		return entry.byKey.get(key as string) ?? -1;
	}

	for (let index = pairs.length - 2; index >= 0; index -= 2) {
		if (pairs[index] === key) {
			return pairs[index + 1] as number;
		}
	}

	return -1;
}

type Frame = {
	/** The parsed container this text is the source of; undefined past a mismatch (an earlier duplicate key of another kind). */
	container: object | undefined;
	literals: ContainerLiterals | undefined;
	isArray: boolean;
	/** Where the container opens in the text. */
	start: number;
	index: number;
	keyStart: number;
	keyEnd: number;
	/** A key that may be integer-like ("2", or written with an escape): JSON.parse may have moved it first. */
	hasIndexLikeKey: boolean;
};

const quote = 0x22;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const openBracket = 0x5b;
const closeBrace = 0x7d;
const closeBracket = 0x5d;
const minus = 0x2d;
const backslash = 0x5c;
const zero = 0x30;
const nine = 0x39;

function unexpected(index: number): SyntaxError {
	return new SyntaxError(`Unexpected character in JSON at position ${index}`);
}

function keyOf(text: string, frame: Frame): string | number {
	return frame.isArray ? frame.index : keyAt(text, frame.keyStart, frame.keyEnd);
}

/** The parsed value the text at the current entry of `frame` (or the root) stands for. */
function parsedAt(text: string, frame: Frame | undefined, root: unknown): unknown {
	if (frame === undefined) {
		return root;
	}

	return frame.container === undefined ? undefined : (frame.container as Record<string | number, unknown>)[keyOf(text, frame)];
}

/** Past a member's key and colon, to its value. */
function readKey(text: string, frame: Frame, at: number): number {
	if (text.charCodeAt(at) !== quote) {
		throw unexpected(at);
	}

	frame.keyStart = at;
	frame.keyEnd = stringEnd(text, at);
	const first = text.charCodeAt(at + 1);
	frame.hasIndexLikeKey ||= (first >= zero && first <= nine) || first === backslash;
	const colonAt = skipSpace(text, frame.keyEnd);
	if (text.charCodeAt(colonAt) !== colon) {
		throw unexpected(colonAt);
	}

	return skipSpace(text, colonAt + 1);
}

/** Records where the number at `start` begins, or (start -1) forgets an entry an earlier occurrence of the key left. */
function record(text: string, frame: Frame, start: number, table: Tables['literals']): void {
	const container = frame.container!;
	if (frame.literals === undefined) {
		frame.literals = frame.isArray ? {text, starts: new Int32Array((container as unknown[]).length).fill(-1)} : {text, pairs: []};
		table.set(container, frame.literals);
	}

	if ('starts' in frame.literals) {
		frame.literals.starts[frame.index] = start;
	} else {
		frame.literals.pairs.push(keyAt(text, frame.keyStart, frame.keyEnd), start);
	}
}

/**
 * The object's keys in its text's order, each once where it first comes
 * (JSON.parse's place for it), kept when JSON.parse's order differs and
 * forgotten when an earlier occurrence of the object's key left one.
 * Returns whether one is kept.
 */
function recordKeyOrder(text: string, frame: Frame, keyOrders: Tables['keyOrders']): boolean {
	const seen = new Set<string>();
	scanObject(text, frame.start, key => {
		seen.add(key);
		return undefined;
	});
	const order = [...seen];
	const keys = Object.keys(frame.container!);
	if (order.length === keys.length && order.every((key, index) => keys[index] === key)) {
		keyOrders.delete(frame.container!);
		return false;
	}

	keyOrders.set(frame.container!, order);
	return true;
}

/**
 * Records in `tables` where each number of `text` that String() might spell
 * otherwise starts, under the container of `value` holding it, and the text's
 * order of keys JSON.parse moved; `value` must be JSON.parse(text). Returns
 * the root's literal when the root is such a number. A key given twice:
 * JSON.parse keeps the last, and so does the table, as the last occurrence is
 * scanned last and sets or clears its entry. Iterative: any depth. A long
 * string is stepped over by its parsed length, so a data URI of 20 MB is not
 * searched through.
 */
function scan(text: string, value: unknown, tables: Tables): string | undefined {
	const table = tables.literals;
	const stack: Frame[] = [];
	let frame: Frame | undefined;
	let rootLiteral: string | undefined;
	// Until an entry is made, no container can have one from this scan (a key given twice) to clear.
	let hasRecorded = false;
	let hasOrdered = false;
	let at = skipSpace(text, 0);
	for (;;) {
		// At a value: first its entry, made or (a key given twice) cleared, then past it.
		const code = text.charCodeAt(at);
		const start = at;
		const isNumber = code === minus || (code >= zero && code <= nine);
		const numberEnd = isNumber ? atomEnd(text, at) : at;
		const isLiteral = isNumber && !isSurelyCanonicalAt(text, at, numberEnd);
		if (frame === undefined) {
			rootLiteral = isLiteral ? text.slice(at, numberEnd) : undefined;
		} else if (frame.container !== undefined && (isLiteral || frame.literals !== undefined)) {
			record(text, frame, isLiteral ? at : -1, table);
			hasRecorded ||= isLiteral;
		}

		if (isNumber) {
			at = numberEnd;
		} else if (code === quote) {
			let end = shortStringEnd(text, at);
			if (end === -1) {
				const parsed = parsedAt(text, frame, value);
				end = stringEnd(text, at, typeof parsed === 'string' ? parsed.length : 0);
			}

			at = end;
		} else if (code === openBrace || code === openBracket) {
			const isArray = code === openBracket;
			const child = parsedAt(text, frame, value);
			const container = typeof child === 'object' && child !== null && Array.isArray(child) === isArray ? child : undefined;
			at = skipSpace(text, at + 1);
			if (text.charCodeAt(at) === (isArray ? closeBracket : closeBrace)) {
				// Empty, the last occurrence of a key given twice: what an earlier one left of its own is not this one's.
				if (container !== undefined) {
					table.delete(container);
					tables.keyOrders.delete(container);
				}

				at++;
			} else {
				const literals = hasRecorded && container !== undefined ? table.get(container) : undefined;
				frame = {container, literals, isArray, start, index: 0, keyStart: 0, keyEnd: 0, hasIndexLikeKey: false};
				stack.push(frame);
				if (!isArray) {
					at = readKey(text, frame, at);
				}

				continue;
			}
		} else {
			at = atomEnd(text, at);
		}

		// After a value: the next entry, or close containers until one has more.
		for (;;) {
			at = skipSpace(text, at);
			if (frame === undefined) {
				return rootLiteral;
			}

			const next = text.charCodeAt(at);
			if (next === comma) {
				frame.index++;
				at = skipSpace(text, at + 1);
				if (!frame.isArray) {
					at = readKey(text, frame, at);
				}

				break;
			}

			if (next !== (frame.isArray ? closeBracket : closeBrace)) {
				throw unexpected(at);
			}

			if (frame.container !== undefined && (frame.hasIndexLikeKey || (hasOrdered && tables.keyOrders.has(frame.container)))) {
				hasOrdered = recordKeyOrder(text, frame, tables.keyOrders) || hasOrdered;
			}

			stack.pop();
			frame = stack.at(-1);
			at++;
		}
	}
}

/** What scans of texts tell about their parsed values beyond JSON.parse: numbers' literals and keys' order. */
export class SourceTable {
	private readonly tables: Tables = {literals: new WeakMap(), keyOrders: new WeakMap()};

	/** Scans `text`, whose JSON.parse is `value`; returns the root's literal when it is a number String() might spell otherwise. */
	scan(text: string, value: unknown): string | undefined {
		return scan(text, value, this.tables);
	}

	/** The literal of the number `container[key]`, when String() might spell it otherwise. */
	literalAt(container: object, key: string | number): string | undefined {
		const entry = this.tables.literals.get(container);
		const start = entry === undefined ? -1 : startOf(entry, key);
		return start < 0 ? undefined : entry!.text.slice(start, atomEnd(entry!.text, start));
	}

	/** An object's keys in its text's order, where JSON.parse put them in another (integer-like keys first); else undefined. */
	keyOrderOf(object: object): readonly string[] | undefined {
		return this.tables.keyOrders.get(object);
	}
}
