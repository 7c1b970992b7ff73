/**
 * Server-provided strings are untrusted: a control character or escape
 * sequence written raw could clear the screen, retitle the window, write the
 * clipboard (OSC 52) or reorder text (bidi overrides). Each such code point is
 * replaced by a visible escape, so the text stays readable and inert.
 */

// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
// the line/paragraph separators, and lone surrogates.
const unsafe =
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const named: Record<string, string> = {
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\u001B': '\\e',
};

function visible(char: string): string {
	const known = named[char];
	if (known) {
		return known;
	}

	const code = char.charCodeAt(0);
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of inert text: every unsafe code point, newlines and tabs included, becomes a visible escape. */
export function sanitise(text: string): string {
	return text.replace(unsafe, visible);
}

/** True when the text would pass through {@link sanitise} unchanged. */
export function isSafe(text: string): boolean {
	unsafe.lastIndex = 0;
	return !unsafe.test(text);
}
