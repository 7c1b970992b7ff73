/**
 * Server-provided strings are untrusted: a control character or escape
 * sequence written raw could clear the screen, retitle the window, write the
 * clipboard (OSC 52) or reorder text (bidi overrides). Each such code point is
 * replaced by a visible escape, so the text stays readable and inert.
 */

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

/** Escapes of the unsafe code points below 0x100, made once. */
const escapes: string[] = Array.from({length: 0x100}, (_, code) => visible(String.fromCharCode(code)));

/** The code points {@link isUnsafeCode} names, and lone surrogates, as a pattern: for text written out escaped in other ways (a shell command). */
export const unsafeCharacter = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isUnsafeCode(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0xfeff
	);
}

/** One line of inert text: every unsafe code point, newlines and tabs included, becomes a visible escape. */
export function sanitise(text: string): string {
	const first = firstUnsafe(text, 0);
	if (first === -1) {
		return text;
	}

	// One pass into a UTF-16 buffer decoded once: joining millions of small
	// strings took seconds on a 10 MB string dense with escapes.
	let out = new Uint16Array(text.length + 1024);
	for (let index = 0; index < first; index++) {
		out[index] = text.charCodeAt(index);
	}

	let length = first;
	for (let index = first; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (out.length - length < 8) {
			const bigger = new Uint16Array(out.length * 2);
			bigger.set(out.subarray(0, length));
			out = bigger;
		}

		if (code >= 0x20 && code < 0x7f) {
			out[length++] = code;
			continue;
		}

		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				out[length++] = code;
				out[length++] = next;
				index++;
				continue;
			}
		} else if (!(code >= 0xdc00 && code <= 0xdfff) && !isUnsafeCode(code)) {
			out[length++] = code;
			continue;
		}

		const escape = escapes[code] ?? visible(text[index]!);
		for (let at = 0; at < escape.length; at++) {
			out[length++] = escape.charCodeAt(at);
		}
	}

	return Buffer.from(out.buffer, 0, length * 2).toString('utf16le');
}

/** Index of the first unsafe code unit at or after `from`, or -1. */
function firstUnsafe(text: string, from: number): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code < 0x7f) {
			continue;
		}

		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				index++;
				continue;
			}

			return index;
		}

		if ((code >= 0xdc00 && code <= 0xdfff) || isUnsafeCode(code)) {
			return index;
		}
	}

	return -1;
}

/** True when the text would pass through {@link sanitise} unchanged. */
export function isSafe(text: string): boolean {
	return sanitise(text) === text;
}
