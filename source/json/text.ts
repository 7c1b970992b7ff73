/** Untrusted text made inert and short enough for one terminal line. */

import {sanitise} from '../terminal/sanitise.js';
import {fitText} from './columns.js';

/**
 * The sanitised start of `raw`, at most `columns` wide. Only a prefix is
 * sanitised, so a 10 MB string costs no more than a short one.
 */
export function inertPrefix(raw: string, columns: number): {text: string; isCut: boolean} {
	// A code point takes at least one column once sanitised, except combining marks; twice the room is plenty.
	let end = Math.min(raw.length, Math.max(0, columns) * 2 + 2);
	const last = raw.charCodeAt(end - 1);
	if (end < raw.length && last >= 0xd800 && last <= 0xdbff) {
		end--;
	}

	const fitted = fitText(sanitise(raw.slice(0, end)), columns);
	return {text: fitted.text, isCut: fitted.isCut || end < raw.length};
}

/** '"key": ' for a member of an object, '' for an array item or the root. */
export function keyLabel(key: string | number | undefined, columns: number): string {
	if (typeof key !== 'string') {
		return '';
	}

	const {text, isCut} = inertPrefix(key, columns);
	return `"${text}${isCut ? '…' : ''}": `;
}
