/** The payload as pretty JSON text, for copying, paging, editing and saving. */

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
		// Indenting 10,000 levels would make the text quadratic in depth; whitespace is free to stop growing.
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
