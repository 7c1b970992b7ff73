/** How the payload viewer cuts a line to its width: strings as JSON string literals, one ellipsis per cut, nothing after it that reads as a closing quote. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {fitSegments} from '../../source/json/lines.js';
import type {JsonViewer} from '../../source/json/viewer.js';
import {screen, viewerOf} from './helpers.js';

/** Every line the viewer has, not only the window, each as the terminal shows it (without the cursor gutter). */
function allLines(viewer: JsonViewer): string[] {
	viewer.first();
	viewer.resize(viewer.document.columns, viewer.document.lineCount);
	return screen(viewer).map(line => line.slice(1));
}

/** Ellipses that mark a cut: those of folded containers (`[…]`, `{…}`) are no cut. */
function cutMarks(line: string): number {
	return line.replaceAll(/\[…\]|\{…\}/g, '').split('…').length - 1;
}

describe('strings', () => {
	test('JSON inside a string reads as a string literal: quotes and backslashes escaped, control characters as before', () => {
		const viewer = viewerOf({detail: '{"model":"x","n":1}', path: 'C:\\temp\\new', text: 'line\nnext'}, 80);
		expect(screen(viewer).slice(1, 4)).toEqual([
			'   "detail": "{\\"model\\":\\"x\\",\\"n\\":1}",',
			'   "path": "C:\\\\temp\\\\new",',
			'   "text": "line\\nnext"',
		]);
	});

	test('keys are literals too', () => {
		expect(screen(viewerOf({'say "hi"': 1}, 40))[1]).toBe('   "say \\"hi\\"": 1');
	});

	test('a wrapped string holding JSON is the literal, cut only between lines', () => {
		const raw = JSON.stringify({model: 'fal-ai/flux/dev', prompt: 'a "quoted" cat', steps: 28});
		const viewer = viewerOf({detail: raw}, 30, 20);
		viewer.moveBy(1);
		viewer.toggle();
		const lines = screen(viewer).slice(1, -1);
		expect(lines.every(line => !line.includes('…'))).toBe(true);
		const joined = lines.map((line, index) => line.slice(index === 0 ? 3 : 5)).join('');
		expect(joined).toBe(`"detail": ${JSON.stringify(raw)}`);
	});

	test('a string cut before a comma shows one ellipsis, not two', () => {
		// The ellipsis was once left out of the string's room, and the line's cut added a second: `,……`.
		const viewer = viewerOf({prompt: 'an astronaut during a thunderstorm, cinematic lighting', seed: 1}, 46);
		expect(screen(viewer)[1]).toBe('   "prompt": "an astronaut during a thundersto…');
	});

	test('a string holding an array, cut, has no closing quote after the ellipsis', () => {
		for (let width = 12; width < 40; width++) {
			const line = screen(viewerOf({tags: '["a","b","c","d","e"]', n: 1}, width))[1]!;
			expect(line, `width ${width}`).not.toMatch(/…"/);
			expect(cutMarks(line), line).toBeLessThanOrEqual(1);
		}
	});
});

describe('folded containers', () => {
	test('keep their marker whole and leave out what of their summary does not fit, rather than cut it', () => {
		const value = {images: Array.from({length: 40}, (_, index) => ({url: `https://cdn.example/${index}.png`}))};
		const viewer = viewerOf(value, 40);
		viewer.moveBy(1);
		viewer.toggle();
		const at = (width: number) => {
			viewer.resize(width, 10);
			return screen(viewer)[1]!.slice(1);
		};

		expect(at(40)).toBe('  "images": […] 40 items, 1.5 KB');
		expect(at(30)).toBe('  "images": […] 40 items');
		expect(at(20)).toBe('  "images": […]');
		expect(at(14)).toBe('  "images": …');
	});
});

describe('fitSegments', () => {
	test('ends a cut with one ellipsis in the last column, a wide character at the edge included', () => {
		const cut = fitSegments([{text: 'ab', kind: 'key'}, {text: '中文中文', kind: 'string'}, {text: ',', kind: 'punct'}], 6, 'muted');
		expect(cut.map(segment => segment.text)).toEqual(['ab', '中', '…']);
		expect(fitSegments([{text: '"abc"', kind: 'string'}, {text: ',', kind: 'punct'}], 5, 'muted').map(segment => segment.text).join('')).toBe('"abc…');
		expect(fitSegments([{text: '"abc"', kind: 'string'}, {text: ',', kind: 'punct'}], 6, 'muted').map(segment => segment.text).join('')).toBe('"abc",');
	});
});

/** Text whose width string-width and the viewer agree on, with what breaks naive cutting: quotes, backslashes, JSON, wide and zero-width characters, controls. */
const piece = fc.constantFrom('a', 'Z', ' ', ',', '"', '\\', '{"k":"v"}', '["a","b"]', '中', '😀', 'e\u0301', '\n', '\t', '\u001B[31m', '\u202E', 'é');
const text = fc.array(piece, {maxLength: 30}).map(pieces => pieces.join(''));
const json: fc.Arbitrary<unknown> = fc.letrec<{value: unknown}>(tie => ({
	value: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		text,
		text.map(inner => JSON.stringify({model: inner, list: [inner, 1]})),
		fc.integer(),
		fc.constant(null),
		fc.boolean(),
		fc.array(tie('value'), {maxLength: 4}),
		fc.dictionary(text, tie('value'), {maxKeys: 4}),
	),
})).value;

test('at any width, no line is wider than the box, and a cut shows one ellipsis with no quote after it', () => {
	fc.assert(
		fc.property(json, fc.integer({min: 1, max: 100}), fc.array(fc.nat(), {maxLength: 4}), (value, width, toggles) => {
			const viewer = viewerOf(value, width, 200);
			for (const line of toggles) {
				// Wrap a string or fold a container here and there, as Enter does.
				viewer.cursor = line % viewer.document.lineCount;
				viewer.toggle();
			}

			for (const line of allLines(viewer)) {
				expect(stringWidth(line), line).toBeLessThanOrEqual(width);
				expect(cutMarks(line), line).toBeLessThanOrEqual(1);
				expect(line, line).not.toMatch(/…"/);
			}
		}),
		{numRuns: 400},
	);
});
