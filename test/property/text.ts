/** Generators of hostile and ordinary text, and checks on text bound for a terminal, shared by the property suites. */
import fc from 'fast-check';

const esc = '\u001B';
const bel = '\u0007';

/** Strings that would act on a terminal if written raw, plus the awkward cases of Unicode. */
export const hostileCorpus: Record<string, string> = {
	...Object.fromEntries(Array.from({length: 0x20}, (_, code) => [`C0 ${code.toString(16)}`, `a${String.fromCharCode(code)}b`])),
	DEL: 'a\u007Fb',
	...Object.fromEntries(Array.from({length: 0x20}, (_, index) => [`C1 ${(0x80 + index).toString(16)}`, `a${String.fromCharCode(0x80 + index)}b`])),
	'CSI 2J': `${esc}[2J${esc}[H`,
	'C1 CSI 2J': '\u009B2J',
	'OSC 0 title': `${esc}]0;pwned${bel}`,
	'OSC 52 clipboard': `${esc}]52;c;cHduZWQ=${bel}`,
	'OSC 52 with ST': `${esc}]52;c;cHduZWQ=${esc}\\`,
	'OSC 8 link': `${esc}]8;;https://evil.example/${bel}harmless.png${esc}]8;;${bel}`,
	DCS: `${esc}P1$tpwned${esc}\\`,
	'tmux passthrough': `${esc}Ptmux;${esc}${esc}]52;c;cHduZWQ=${bel}${esc}\\`,
	'RLO override': '\u202Egnp.exe',
	'bidi marks and isolates': '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069x',
	'line and paragraph separators': 'a\u2028b\u2029c',
	BOM: '\uFEFFa',
	'lone high surrogate': 'a\uD800b',
	'lone low surrogate': 'a\uDFFFb',
	'reversed pair': '\uDC00\uD800',
	'astral (allowed)': 'cat \u{1F408} \u{20000}',
	'U+FFFD from invalid UTF-8': Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x9b, 0x62]).toString('utf8'),
	'C1 CSI as UTF-8': Buffer.from([0xc2, 0x9b, 0x33, 0x31, 0x6d]).toString('utf8'),
	'1 MB of escapes': `${esc}[2J`.repeat(262_144),
	'1 MB of text': 'x'.repeat(1 << 20),
};

/** A code point that terminals act on or that reorders text: what may never reach a terminal raw. */
const unsafePattern =
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The first unsafe character in `text` as a \uXXXX escape and its index, or undefined; `allowed` lists characters the caller writes itself (the newline of a table). */
export function firstUnsafe(text: string, allowed = ''): string | undefined {
	const pattern = new RegExp(unsafePattern.source, 'gu');
	for (const match of text.matchAll(pattern)) {
		if (!allowed.includes(match[0])) {
			return `\\u${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}`;
		}
	}

	return undefined;
}

/** One UTF-16 code unit of any value, lone surrogates included, or a piece of a terminal escape. */
const anyUnit = fc.oneof(
	{weight: 4, arbitrary: fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code))},
	{weight: 4, arbitrary: fc.string({unit: 'binary', minLength: 1, maxLength: 1})},
	{weight: 1, arbitrary: fc.constantFrom(...Object.values(hostileCorpus).filter(text => text.length < 100))},
);

/** Any string at all, biased towards control characters, escapes and broken surrogates. */
export const anyText = fc.string({unit: anyUnit, maxLength: 40});

/**
 * A message is a sentence a user can read: one line, a capital letter, a digit,
 * a quoted value or an option name first, a full stop last, nothing a terminal would act on.
 */
export function sentenceProblem(message: string): string | undefined {
	if (!/^(?:[A-Z\d]|'[^]*' |--[a-z])/.test(message)) {
		return 'does not start with a capital, a number, a quoted value or an option name';
	}

	if (!message.endsWith('.')) {
		return 'does not end with a full stop';
	}

	if (/\n\s+at /.test(message)) {
		return 'holds a stack trace';
	}

	const unsafe = firstUnsafe(message);
	return unsafe === undefined ? undefined : `holds the unsafe character ${unsafe}`;
}
