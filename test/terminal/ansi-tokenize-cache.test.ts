import * as library from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import {expect, it} from 'vitest';
import * as cached from '../../source/terminal/ansi-tokenize-cache.js';

const sgr = (...codes: number[]): string => `\u001B[${codes.join(';')}m`;

/** Pieces of the lines Ink renders: text, wide and combined characters, and every kind of style change. */
const piece = fc.oneof(
	fc.string({maxLength: 6}),
	fc.constantFrom('界', '😀', 'e\u0301', '›', '…', '─', ' '),
	fc.constantFrom(
		sgr(0),
		sgr(1),
		sgr(2),
		sgr(22),
		sgr(3),
		sgr(23),
		sgr(7),
		sgr(27),
		sgr(31),
		sgr(32),
		sgr(39),
		sgr(44),
		sgr(49),
		sgr(38, 5, 208),
		sgr(38, 2, 10, 20, 30),
		sgr(1, 31),
		'\u001B]8;;https://fal.ai\u0007',
		'\u001B]8;;\u0007',
	),
);
const line = fc.array(piece, {maxLength: 12}).map(pieces => pieces.join(''));

const blank: library.StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: []};

it('splits a line into exactly the styled characters the library does', () => {
	fc.assert(
		fc.property(line, text => {
			const expected = library.styledCharsFromTokens(library.tokenize(text));
			expect(cached.styledCharsFromTokens(cached.tokenize(text))).toEqual(expected);
			// A second time from the cache: still the same.
			expect(cached.styledCharsFromTokens(cached.tokenize(text))).toEqual(expected);
		}),
		{numRuns: 2000},
	);
});

it('joins a row of cells from several lines and blanks into exactly the library string', () => {
	const row = fc.array(fc.oneof(line.map(text => library.styledCharsFromTokens(library.tokenize(text))), fc.constant([blank, blank])), {maxLength: 8});
	fc.assert(
		fc.property(row, parts => {
			const cells = parts.flat();
			expect(cached.styledCharsToString(cells)).toBe(library.styledCharsToString(cells));
		}),
		{numRuns: 2000},
	);
});

it('still splits a line right after many other lines have pushed it out of the cache', () => {
	const first = `${sgr(31)}first${sgr(39)} line`;
	const expected = library.styledCharsFromTokens(library.tokenize(first));
	expect(cached.styledCharsFromTokens(cached.tokenize(first))).toEqual(expected);
	for (let index = 0; index < 2000; index++) {
		cached.tokenize(`line ${index}`);
	}

	expect(cached.styledCharsFromTokens(cached.tokenize(first))).toEqual(expected);
});

it('passes a tokenize with an end character straight to the library', () => {
	const text = `${sgr(1)}bold${sgr(22)} and plain`;
	expect(cached.tokenize(text, 3)).toEqual(library.tokenize(text, 3));
});
