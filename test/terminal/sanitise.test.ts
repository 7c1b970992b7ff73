import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {isSafe, sanitise, unsafeCharacter} from '../../source/terminal/sanitise.js';

// Everything a terminal may act on: C0, DEL, C1, bidi controls, separators, BOM, and surrogates (checked apart).
// eslint-disable-next-line no-control-regex
const raw = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isInert(text: string): boolean {
	return !raw.test(text) && !loneSurrogate.test(text);
}

const codes = (from: number, to: number): string[] => Array.from({length: to - from + 1}, (_, index) => String.fromCharCode(from + index));

const corpus: Record<string, string> = {
	'CSI clear screen': '\u001B[2J\u001B[H',
	'CSI via C1': '\u009B2J',
	'OSC 0 window title': '\u001B]0;you have been pwned\u0007',
	'OSC 52 clipboard write': '\u001B]52;c;cm0gLXJmIH4=\u001B\\',
	'OSC 8 hyperlink': '\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\',
	'DCS': '\u001BP+q544e\u001B\\',
	'DCS via C1': '\u0090tmux;\u009C',
	'bidi override (trojan source)': 'access = "user\u202E \u2066// admin\u2069\u2066"',
	'bidi embeddings and marks': '\u202A\u202B\u202C\u202D\u200E\u200F\u061C',
	'bidi isolates': '\u2066\u2067\u2068\u2069',
	'lone high surrogate': 'a\uD800b',
	'lone low surrogate': 'a\uDC00b',
	'reversed pair': '\uDC00\uD800',
	'line and paragraph separators': 'a\u2028b\u2029c',
};

describe('sanitise', () => {
	test.each(codes(0x00, 0x1f).concat('\u007F', codes(0x80, 0x9f)))('control %j becomes a visible escape', char => {
		const shown = sanitise(`a${char}b`);
		expect(isInert(shown)).toBe(true);
		expect(shown).toMatch(/^a\\(n|r|t|e|x[\da-f]{2})b$/);
	});

	test.each(Object.entries(corpus))('%s reaches the terminal inert', (_name, text) => {
		const shown = sanitise(text);
		expect(isInert(shown)).toBe(true);
		expect(isSafe(text)).toBe(false);
		expect(isSafe(shown)).toBe(true);
	});

	test('escapes read as what they stand for', () => {
		expect(sanitise('\u001B]0;title\u0007')).toBe('\\e]0;title\\x07');
		expect(sanitise('x\u202Ey\uD800z\n\t')).toBe('x\\u202ey\\ud800z\\n\\t');
	});

	test('printable text, wide characters and emoji pass unchanged', () => {
		const text = 'Ünïcödé 中文 😀 👩‍👩‍👧 ok';
		expect(sanitise(text)).toBe(text);
		expect(isSafe(text)).toBe(true);
	});

	test('any string comes out inert, and safe strings come out unchanged', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 200}), text => {
				const shown = sanitise(text);
				expect(isInert(shown)).toBe(true);
				if (isInert(text)) {
					expect(shown).toBe(text);
				}
			}),
		);
	});

	test('a 10 MB string dense with escapes comes out whole and inert', () => {
		const text = '\u001B[2J\u202E'.repeat(1_000_000);
		const shown = sanitise(text);
		expect(shown.slice(0, 11)).toBe('\\e[2J\\u202e');
		expect(shown.length).toBe(11_000_000);
		expect(isInert(shown)).toBe(true);
	});
});

test('the unsafe pattern (used to escape a copied shell command) names exactly what sanitise escapes', () => {
	const disagreeing: number[] = [];
	for (let code = 0; code <= 0xffff; code++) {
		const char = String.fromCharCode(code);
		if (unsafeCharacter.test(char) === isSafe(char)) {
			disagreeing.push(code);
		}
	}

	expect(disagreeing).toEqual([]);
});
