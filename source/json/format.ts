/** The payload as pretty JSON text, for copying, paging, editing and saving. */

import {atomEnd, skipSpace, stringEnd} from './scan.js';
import {hasEntries} from './tree.js';

/**
 * Two-space indented JSON. V8's JSON.stringify recurses and throws on deep
 * nesting (about 10,000 levels with an indent), so fall back to an iterative
 * printer then. `undefined` (an absent payload) gives ''.
 */
export function formatJson(value: unknown): string {
	if (value === undefined) {
		return '';
	}

	try {
		return JSON.stringify(value, null, 2);
	} catch (error) {
		if (error instanceof RangeError) {
			return formatDeep(value);
		}

		throw error;
	}
}

/** Indentation stops growing here: indenting 10,000 levels would make the text quadratic in depth; whitespace is free to stop. */
const maxIndent = 128;

function formatDeep(value: unknown): string {
	type Frame = {value: object; keys: string[] | undefined; next: number; indent: string};
	const out: string[] = [];
	const scalar = (item: unknown): string => JSON.stringify(item) ?? 'null';
	const open = (item: unknown, indent: string): Frame | undefined => {
		if (!hasEntries(item)) {
			out.push(typeof item === 'object' && item !== null ? (Array.isArray(item) ? '[]' : '{}') : scalar(item));
			return undefined;
		}

		out.push(Array.isArray(item) ? '[' : '{');
		return {value: item, keys: Array.isArray(item) ? undefined : Object.keys(item), next: 0, indent};
	};

	const stack: Frame[] = [];
	const first = open(value, '');
	if (first) {
		stack.push(first);
	}

	while (stack.length > 0) {
		const frame = stack.at(-1)!;
		const count = frame.keys?.length ?? (frame.value as unknown[]).length;
		if (frame.next >= count) {
			out.push(`\n${frame.indent}${frame.keys ? '}' : ']'}`);
			stack.pop();
			continue;
		}

		const index = frame.next++;
		const inner = frame.indent.length >= maxIndent ? frame.indent : `${frame.indent}  `;
		out.push(`${index > 0 ? ',' : ''}\n${inner}`);
		const key = frame.keys?.[index];
		if (key !== undefined) {
			out.push(`${JSON.stringify(key)}: `);
		}

		const item = key === undefined ? (frame.value as unknown[])[index] : (frame.value as Record<string, unknown>)[key];
		const child = open(item, inner);
		if (child) {
			stack.push(child);
		}
	}

	return out.join('');
}

/** Tokens this long are handed on as slices of the text rather than copied: a data URI costs nothing. */
const sliceFrom = 4096;

/**
 * Output built in a buffer of UTF-16 code units and decoded at the end:
 * a string of a million small pieces would cost seconds of garbage
 * collection. Long tokens go in as slices between buffered runs.
 */
class TextBuilder {
	private units = new Uint16Array(1024);
	private length = 0;
	private readonly parts: string[] = [];

	constructor(expected: number) {
		this.units = new Uint16Array(Math.max(1024, expected));
	}

	/** One code unit. */
	unit(code: number): void {
		if (this.length === this.units.length) {
			this.grow(1);
		}

		this.units[this.length++] = code;
	}

	/** A newline, then two spaces per level of `depth`, up to {@link maxIndent}. */
	newline(depth: number): void {
		const spaces = Math.min(depth * 2, maxIndent);
		this.grow(spaces + 1);
		this.units[this.length++] = 0x0a;
		this.units.fill(0x20, this.length, this.length + spaces);
		this.length += spaces;
	}

	/** `text` from `start` to `end`, as it is. */
	copy(text: string, start: number, end: number): void {
		if (end - start >= sliceFrom) {
			this.flush();
			this.parts.push(text.slice(start, end));
			return;
		}

		this.grow(end - start);
		for (let at = start; at < end; at++) {
			this.units[this.length++] = text.charCodeAt(at);
		}
	}

	toString(): string {
		this.flush();
		return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
	}

	private flush(): void {
		if (this.length > 0) {
			// utf16le keeps a lone surrogate as it is, where TextDecoder would replace it.
			this.parts.push(Buffer.from(this.units.buffer, 0, this.length * 2).toString('utf16le'));
			this.length = 0;
		}
	}

	private grow(room: number): void {
		if (this.length + room <= this.units.length) {
			return;
		}

		const units = new Uint16Array(Math.max(this.units.length * 2, this.length + room));
		units.set(this.units.subarray(0, this.length));
		this.units = units;
	}
}

/**
 * JSON text indented as {@link formatJson} indents a value, token by token:
 * every string and number stays byte for byte as written (123456789012345678901234567890,
 * 1e999, -0.0, "\u00e9"), members stay in their order, duplicates included.
 * Only whitespace between tokens changes. `text` must be JSON; iterative.
 */
export function reindentJson(text: string): string {
	// Compact text grows by about a half once indented.
	const out = new TextBuilder(text.length + (text.length >> 1));
	let depth = 0;
	let at = skipSpace(text, 0);
	while (at < text.length) {
		const code = text.charCodeAt(at);
		switch (code) {
			case 0x7b:
			case 0x5b: {
				out.unit(code);
				const after = skipSpace(text, at + 1);
				// The closing bracket is two code units past the opening one, for both kinds.
				if (text.charCodeAt(after) === code + 2) {
					out.unit(code + 2);
					at = after + 1;
				} else {
					out.newline(++depth);
					at = after;
				}

				break;
			}

			case 0x7d:
			case 0x5d: {
				out.newline(--depth);
				out.unit(code);
				at++;
				break;
			}

			case 0x2c: {
				out.unit(code);
				out.newline(depth);
				at++;
				break;
			}

			case 0x3a: {
				out.unit(code);
				out.unit(0x20);
				at++;
				break;
			}

			default: {
				const end = code === 0x22 ? stringEnd(text, at) : atomEnd(text, at);
				out.copy(text, at, end);
				at = end;
			}
		}

		at = skipSpace(text, at);
	}

	return out.toString();
}
