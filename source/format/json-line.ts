/**
 * JSON.stringify escapes C0 controls and lone surrogates but leaves C1
 * controls and bidi overrides raw; a terminal showing piped JSON would act on
 * them. Escaping them as \uXXXX keeps the line valid JSON and inert.
 */
const rawUnsafe = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function toJsonLine(value: unknown): string {
	return JSON.stringify(value).replace(rawUnsafe, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
