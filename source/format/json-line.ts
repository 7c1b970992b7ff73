import {formatJson} from '../json/format.js';

/**
 * JSON.stringify escapes C0 controls and lone surrogates but leaves C1
 * controls and bidi overrides raw; a terminal showing piped JSON would act on
 * them. Escaping them as \uXXXX keeps the line valid JSON and inert.
 */
const rawUnsafe = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function toJsonLine(value: unknown): string {
	return escapeUnsafe(compactJson(value));
}

/**
 * A line of JSON text as the API sent it (an item's own text, kept by the
 * client): its bytes, save that tabs and line breaks are dropped (JSON allows
 * them raw only as space between tokens) and what a terminal would act on is
 * escaped as in {@link toJsonLine}.
 */
export function sourceJsonLine(text: string): string {
	return escapeUnsafe(text.replace(/[\t\n\r]/g, ''));
}

function escapeUnsafe(json: string): string {
	return json.replace(rawUnsafe, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One line of JSON. V8's stringify recurses and throws on very deep nesting
 * (a hostile answer); the iterative pretty-printer never does, and its only
 * raw newlines are between tokens, so dropping them with the indent is safe.
 */
function compactJson(value: unknown): string {
	try {
		return JSON.stringify(value);
	} catch (error) {
		if (error instanceof RangeError) {
			return formatJson(value).replace(/\n */g, '');
		}

		throw error;
	}
}
