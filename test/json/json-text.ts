/**
 * Arbitrary JSON text as an API might write it: random whitespace between
 * tokens, numbers in any spelling (1.0, -0.0, 1E2, 30 digits, 1e999),
 * strings with \u escapes, keys given twice.
 */
import fc from 'fast-check';

export type Doc =
	| {kind: 'number'; text: string}
	| {kind: 'string'; value: string; isEscaped: boolean}
	| {kind: 'literal'; text: 'true' | 'false' | 'null'}
	| {kind: 'array'; items: Doc[]}
	| {kind: 'object'; members: Array<[key: string, isEscaped: boolean, value: Doc]>};

const digits = (min: number, max: number) => fc.string({unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max});

const whole = fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 35)).map(([first, rest]) => first + rest));
const exponent = fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 4)).map(parts => parts.join(''));

/** A JSON number token in any of the spellings the grammar allows. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
	fc
		.tuple(fc.constantFrom('', '-'), whole, fc.option(digits(1, 20).map(fraction => `.${fraction}`)), fc.option(exponent))
		.map(([sign, integer, fraction, power]) => `${sign}${integer}${fraction ?? ''}${power ?? ''}`),
	fc.double({noNaN: true, noDefaultInfinity: true}).map(String),
	fc.integer().map(String),
	fc.constantFrom('1e999', '-1e400', '1e-400', '-0', '-0.0', '1.0', '1E2', '0.1', '123456789012345678901234567890', '9007199254740993'),
);

const text = fc.string({unit: 'grapheme', maxLength: 12});

export const docArbitrary: fc.Arbitrary<Doc> = fc.letrec<{doc: Doc}>(tie => ({
	doc: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		numberText.map(text => ({kind: 'number', text}) as const),
		fc.tuple(text, fc.boolean()).map(([value, isEscaped]) => ({kind: 'string', value, isEscaped}) as const),
		fc.constantFrom('true', 'false', 'null').map(text => ({kind: 'literal', text}) as const),
		fc.array(tie('doc'), {maxLength: 5}).map(items => ({kind: 'array', items}) as const),
		// Keys from a small set, so that some are given twice.
		fc
			.array(fc.tuple(fc.oneof(fc.constantFrom('a', 'b', '1', '2', '10', 'é', '__proto__'), text), fc.boolean(), tie('doc')), {maxLength: 5})
			.map(members => ({kind: 'object', members}) as const),
	),
})).doc;

/** A string token; escaped, every character is written \uXXXX. */
function stringText(value: string, isEscaped: boolean): string {
	if (!isEscaped) {
		return JSON.stringify(value);
	}

	return `"${Array.from({length: value.length}, (_, index) => `\\u${value.charCodeAt(index).toString(16).padStart(4, '0')}`).join('')}"`;
}

/** The text of a doc, with `spaces` taken in turn between tokens. */
export function serialise(doc: Doc, spaces: readonly string[]): string {
	let turn = 0;
	const space = (): string => (spaces.length === 0 ? '' : spaces[turn++ % spaces.length]!);
	const write = (node: Doc): string => {
		switch (node.kind) {
			case 'number':
			case 'literal': {
				return node.text;
			}

			case 'string': {
				return stringText(node.value, node.isEscaped);
			}

			case 'array': {
				return `[${space()}${node.items.map(item => write(item)).join(`${space()},${space()}`)}${space()}]`;
			}

			case 'object': {
				const members = node.members.map(([key, isEscaped, value]) => `${stringText(key, isEscaped)}${space()}:${space()}${write(value)}`);
				return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
			}
		}
	};

	return `${space()}${write(doc)}${space()}`;
}

/** JSON text with random whitespace. */
export const jsonText: fc.Arbitrary<string> = fc
	.tuple(docArbitrary, fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n    ', '  '), {maxLength: 6}))
	.map(([doc, spaces]) => serialise(doc, spaces));

/** JSON text with the whitespace between tokens taken out: what must survive re-indenting byte for byte. */
export function tokens(text: string): string {
	return text.replaceAll(/("(?:[^"\\]|\\.)*")|\s+/g, (_, string: string | undefined) => string ?? '');
}
