/**
 * What Ink's output stage imports from @alcalzone/ansi-tokenize, made cheap
 * enough for a frame per key. The CLI's bundle hands it to Ink's output.js
 * only (see scripts/ink-plugins.js).
 *
 * On every render Ink splits each line of text into styled characters and
 * then joins every cell of the frame back into a string. At 120x40 that was
 * most of a cursor move's cost, although nearly every line is the same as in
 * the frame before. So lines already split are reused, and joining skips the
 * style diff between cells that share their styles. The results are exactly
 * the library's own (test/terminal/ansi-tokenize-cache.test.ts checks).
 */
import {
	diffAnsiCodes,
	ansiCodesToString,
	styledCharsFromTokens as splitTokens,
	tokenize as splitLine,
	type AnsiCode,
	type StyledChar,
	type Token,
} from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

/** Lines kept per generation: a few frames' worth, so the cache stays a few megabytes at most. */
const generationSize = 256;

let current = new Map<string, Token[]>();
let previous = new Map<string, Token[]>();
const charsOfTokens = new WeakMap<Token[], StyledChar[]>();

/** The library's tokenize, remembered for the lines of the last few frames. Callers must not change what it returns. */
export function tokenize(line: string, endChar?: number): Token[] {
	if (endChar !== undefined) {
		return splitLine(line, endChar);
	}

	let tokens = current.get(line) ?? previous.get(line);
	if (tokens === undefined) {
		tokens = splitLine(line);
	}

	if (!current.has(line)) {
		if (current.size >= generationSize) {
			previous = current;
			current = new Map();
		}

		current.set(line, tokens);
	}

	return tokens;
}

/** The library's styledCharsFromTokens, once per tokens array. Callers must not change what it returns. */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
	let chars = charsOfTokens.get(tokens);
	if (chars === undefined) {
		chars = splitTokens(tokens);
		charsOfTokens.set(tokens, chars);
	}

	return chars;
}

function isSameStyle(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) {
		return true;
	}

	if (a.length !== b.length) {
		return false;
	}

	// A loop, not every(): this runs for each of a frame's thousands of cells.
	for (let index = 0; index < a.length; index++) {
		if (a[index]!.code !== b[index]!.code || a[index]!.endCode !== b[index]!.endCode) {
			return false;
		}
	}

	return true;
}

/** The library's styledCharsToString: a style diff only where the style changes (the diff of equal styles is empty). */
export function styledCharsToString(chars: StyledChar[]): string {
	let text = '';
	let styles: AnsiCode[] = [];
	for (const char of chars) {
		if (!isSameStyle(styles, char.styles)) {
			text += ansiCodesToString(diffAnsiCodes(styles, char.styles));
		}

		text += char.value;
		styles = char.styles;
	}

	return styles.length === 0 ? text : text + ansiCodesToString(diffAnsiCodes(styles, []));
}
