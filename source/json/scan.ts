/**
 * A structural scan of JSON text that JSON.parse has already accepted: where
 * values, members and elements start and end, so that the API's own text of
 * a value can be sliced out. Node 20's JSON.parse gives no access to the
 * source, hence this. Strings are skipped with indexOf, so a 20 MB data URI
 * costs one native search; nothing recurses, so any depth is fine. Text that
 * is not JSON throws a SyntaxError rather than looping.
 */

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

function unexpected(text: string, index: number): SyntaxError {
	return new SyntaxError(index < text.length ? `Unexpected character in JSON at position ${index}` : 'Unexpected end of JSON');
}

/** True for the four characters JSON allows between tokens. */
export function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The first index at or after `index` that is not whitespace. */
export function skipSpace(text: string, index: number): number {
	let at = index;
	while (isSpace(text.charCodeAt(at))) {
		at++;
	}

	return at;
}

/** Characters a string is looked through by hand before indexOf takes over: most keys and values are shorter. */
const nearChars = 32;

/** End (exclusive) of the string whose opening quote is at `start` when it closes within a few characters; -1 when it runs on. */
export function shortStringEnd(text: string, start: number): number {
	const near = Math.min(text.length, start + 1 + nearChars);
	for (let at = start + 1; at < near; at++) {
		const code = text.charCodeAt(at);
		if (code === quote) {
			return at + 1;
		}

		if (code === backslash) {
			at++;
		}
	}

	return -1;
}

/**
 * End (exclusive) of the string whose opening quote is at `start`. A string
 * known to decode to `minLength` characters is at least that long as text:
 * the search for its closing quote starts past them, so a 20 MB data URI
 * whose parsed value is at hand costs nothing.
 */
export function stringEnd(text: string, start: number, minLength = 0): number {
	if (minLength < nearChars) {
		const end = shortStringEnd(text, start);
		if (end !== -1) {
			return end;
		}
	}

	let from = start + 1 + minLength;
	for (;;) {
		const end = text.indexOf('"', from);
		if (end === -1) {
			throw unexpected(text, text.length);
		}

		// The quote is escaped when an odd number of backslashes precede it; the opening quote stops the count.
		let before = end - 1;
		while (text.charCodeAt(before) === backslash) {
			before--;
		}

		if ((end - 1 - before) % 2 === 0) {
			return end + 1;
		}

		from = end + 1;
	}
}

/** True for a character that ends a number or a literal: whitespace or structure. */
function isDelimiter(code: number): boolean {
	return isSpace(code) || code === comma || code === closeBracket || code === closeBrace || code === colon || Number.isNaN(code);
}

/** End (exclusive) of a number, true, false or null starting at `start`. */
export function atomEnd(text: string, start: number): number {
	let end = start;
	while (!isDelimiter(text.charCodeAt(end))) {
		end++;
	}

	if (end === start) {
		throw unexpected(text, start);
	}

	return end;
}

/** End (exclusive) of the value whose first character is at `start`. */
export function valueEnd(text: string, start: number): number {
	const code = text.charCodeAt(start);
	if (code === quote) {
		return stringEnd(text, start);
	}

	if (code !== openBrace && code !== openBracket) {
		return atomEnd(text, start);
	}

	// Only brackets and strings matter inside a container: count depth, jump over strings.
	let depth = 0;
	let at = start;
	for (;;) {
		const next = text.charCodeAt(at);
		if (next === quote) {
			at = stringEnd(text, at);
			continue;
		}

		if (next === openBrace || next === openBracket) {
			depth++;
		} else if (next === closeBrace || next === closeBracket) {
			depth--;
			if (depth === 0) {
				return at + 1;
			}
		} else if (Number.isNaN(next)) {
			throw unexpected(text, at);
		}

		at++;
	}
}

/** The key whose string token spans `start` to `end`, decoded; JSON.parse only when it holds an escape. */
export function keyAt(text: string, start: number, end: number): string {
	for (let at = start + 1; at < end - 1; at++) {
		if (text.charCodeAt(at) === backslash) {
			return JSON.parse(text.slice(start, end)) as string;
		}
	}

	return text.slice(start + 1, end - 1);
}

/** After a member or element: the index past the comma, or -1 at the container's close (`at` is then on it). */
function afterEntry(text: string, index: number, close: number): number {
	const at = skipSpace(text, index);
	const code = text.charCodeAt(at);
	if (code === comma) {
		return skipSpace(text, at + 1);
	}

	if (code === close) {
		return -1;
	}

	throw unexpected(text, at);
}

/**
 * Visits the members of the object at `start`, in text order (duplicates
 * included: the last one is the value JSON.parse keeps). `visit` gets the
 * decoded key and where the value starts, and returns where it ends, or
 * undefined to have it skipped. Returns the object's end (exclusive).
 */
export function scanObject(text: string, start: number, visit: (key: string, valueStart: number) => number | undefined): number {
	if (text.charCodeAt(start) !== openBrace) {
		throw unexpected(text, start);
	}

	let at = skipSpace(text, start + 1);
	if (text.charCodeAt(at) === closeBrace) {
		return at + 1;
	}

	for (;;) {
		if (text.charCodeAt(at) !== quote) {
			throw unexpected(text, at);
		}

		const keyEnd = stringEnd(text, at);
		const colonAt = skipSpace(text, keyEnd);
		if (text.charCodeAt(colonAt) !== colon) {
			throw unexpected(text, colonAt);
		}

		const valueStart = skipSpace(text, colonAt + 1);
		const end = visit(keyAt(text, at, keyEnd), valueStart) ?? valueEnd(text, valueStart);
		const next = afterEntry(text, end, closeBrace);
		if (next === -1) {
			return skipSpace(text, end) + 1;
		}

		at = next;
	}
}

/** Visits the elements of the array at `start`, as {@link scanObject} does members. Returns the array's end (exclusive). */
export function scanArray(text: string, start: number, visit: (index: number, valueStart: number) => number | undefined): number {
	if (text.charCodeAt(start) !== openBracket) {
		throw unexpected(text, start);
	}

	let at = skipSpace(text, start + 1);
	if (text.charCodeAt(at) === closeBracket) {
		return at + 1;
	}

	for (let index = 0; ; index++) {
		const end = visit(index, at) ?? valueEnd(text, at);
		const next = afterEntry(text, end, closeBracket);
		if (next === -1) {
			return skipSpace(text, end) + 1;
		}

		at = next;
	}
}

/**
 * Where the child at `key` (a member's key, or an array index) of the
 * container at `start` begins: for a key given twice, the last, as JSON.parse
 * keeps it. -1 when there is no such child.
 */
export function childStart(text: string, start: number, key: string | number): number {
	let found = -1;
	if (typeof key === 'number') {
		scanArray(text, start, (index, valueStart) => {
			if (index === key) {
				found = valueStart;
			}

			return undefined;
		});
	} else {
		scanObject(text, start, (name, valueStart) => {
			if (name === key) {
				found = valueStart;
			}

			return undefined;
		});
	}

	return found;
}
