/**
 * Untrusted strings as the payload viewer shows them: as the body of a JSON
 * string literal, so that JSON held in a string reads as a string
 * (`"{\"model\":\"x\"}"`) and not as broken JSON, and inert: control
 * characters and the like become visible escapes (source/terminal/sanitise.ts).
 */

import {sanitise} from '../terminal/sanitise.js';
import {fitText} from './columns.js';

/** The body of `raw`'s literal: `\` and `"` escaped as JSON writes them, then sanitise escapes the rest. */
export function literalBody(raw: string): string {
	return sanitise(raw.replaceAll(/["\\]/g, '\\$&'));
}

/**
 * The start of `raw`'s literal body, at most `columns` wide, and whether
 * anything was left out. Only a prefix is escaped, so a 10 MB string costs
 * no more than a short one.
 */
export function literalPrefix(raw: string, columns: number): {text: string; isCut: boolean} {
	// A code point takes at least one column once escaped, except combining marks; twice the room is plenty.
	let end = Math.min(raw.length, Math.max(0, columns) * 2 + 2);
	const last = raw.charCodeAt(end - 1);
	if (end < raw.length && last >= 0xd800 && last <= 0xdbff) {
		end--;
	}

	const fitted = fitText(literalBody(raw.slice(0, end)), columns);
	return {text: fitted.text, isCut: fitted.isCut || end < raw.length};
}

/**
 * A member's key as a quoted literal, or undefined for an array item or the
 * root. A key wider than `columns` is left open (no closing quote) and wider
 * than them, so that the line's cut ends it with its one ellipsis.
 */
export function keyText(key: string | number | undefined, columns: number): string | undefined {
	if (typeof key !== 'string') {
		return undefined;
	}

	const {text, isCut} = literalPrefix(key, columns + 1);
	return isCut ? `"${text}` : `"${text}"`;
}
