import stringWidth from 'string-width';
import fc from 'fast-check';
import {expect, it} from 'vitest';
import fastStringWidth from '../../source/terminal/string-width-fast.js';

const oneColumn = ['·', '×', '±', '•', '…', '›', '←', '↑', '→', '↓', '≤', '─', '│', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const braille = Array.from({length: 0x100}, (_, index) => String.fromCodePoint(0x28_00 + index));

it('measures each of its one-column characters as string-width does, in narrow and wide mode', () => {
	for (const character of [...oneColumn, ...braille]) {
		expect(fastStringWidth(character)).toBe(stringWidth(character));
		expect(fastStringWidth(character, {ambiguousIsNarrow: false})).toBe(stringWidth(character, {ambiguousIsNarrow: false}));
	}
});

it('measures any text as string-width does: combining marks, emoji, wide characters, escapes and tabs included', () => {
	const character = fc.oneof(
		fc.string({minLength: 1, maxLength: 1}),
		fc.constantFrom(...oneColumn, ...braille.slice(0, 16)),
		fc.constantFrom('\u0301', '\u200D', '\uFE0F', '😀', '👍🏽', '界', 'ｱ', '\t', '\u001B[31m', '\u001B[0m', '\u001B[1;38;5;208m', '\u001B[', '\u001B]8;;https://fal.ai\u0007', '\u009B', '✔', '✗', '\u00AD'),
	);
	const options = fc.constantFrom(undefined, {}, {ambiguousIsNarrow: false}, {countAnsiEscapeCodes: true});
	fc.assert(
		fc.property(fc.array(character, {maxLength: 12}), options, (characters, option) => {
			const text = characters.join('');
			expect(fastStringWidth(text, option)).toBe(stringWidth(text, option));
		}),
		{numRuns: 5000},
	);
});
