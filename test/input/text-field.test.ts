import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it, test} from 'vitest';
import {keyOf, type Key} from '../../source/input/keys.js';
import {editField, fitField, textField, visibleField, type TextField} from '../../source/input/text-field.js';

/** A field written with `|` at the cursor: 'ab|c'. */
function field(marked: string): TextField {
	const cursor = marked.indexOf('|');
	return textField(marked.replace('|', ''), cursor);
}

const marked = ({value, cursor}: TextField): string => `${value.slice(0, cursor)}|${value.slice(cursor)}`;
const paste = (text: string): Key => ({name: 'paste', text, ctrl: false, alt: false, shift: false, sequence: ''});

describe('textField', () => {
	it('starts with the cursor at the end, scrolled to the start', () => {
		expect(textField()).toEqual({value: '', cursor: 0, scroll: 0});
		expect(textField('abc')).toEqual({value: 'abc', cursor: 3, scroll: 0});
	});

	it('keeps a given cursor inside the value and out of a surrogate pair', () => {
		expect(textField('abc', 9).cursor).toBe(3);
		expect(textField('abc', -2).cursor).toBe(0);
		expect(textField('a😀b', 2).cursor).toBe(1);
	});
});

describe('editField', () => {
	it.each<[string, string | Key, string]>([
		// Typing.
		['|', 'a', 'a|'],
		['ab|', 'x', 'abx|'],
		['|ab', 'x', 'x|ab'],
		['a|b', 'X', 'aX|b'],
		['a|b', 'space', 'a |b'],
		['a|b', '😀', 'a😀|b'],
		['a|b', '界', 'a界|b'],
		['😀|😀', 'x', '😀x|😀'],
		// Pasting: one line, no controls.
		['a|b', paste('x y'), 'ax y|b'],
		['|', paste('line one\r\nline two\n'), 'line one line two |'],
		['|', paste('a\t\t\nb'), 'a b|'],
		['|', paste('a\r\u0000\nb'), 'a b|'],
		['|', paste('\u001B[31mred\u001B[0m\u0007\u009B\u007F'), '[31mred[0m|'],
		['a|', paste('😀\uD800界'), 'a😀界|'],
		['a|b', paste(''), 'a|b'],
		['a|b', paste('\u001B'), 'a|b'],
		// Moving by code point.
		['ab|', 'left', 'a|b'],
		['|ab', 'left', '|ab'],
		['a😀|', 'left', 'a|😀'],
		['a|😀', 'right', 'a😀|'],
		['ab|', 'right', 'ab|'],
		['a|b', 'ctrl-b', '|ab'],
		['a|b', 'ctrl-f', 'ab|'],
		['a|b', 'shift-left', '|ab'],
		['a|b', 'home', '|ab'],
		['a|b', 'end', 'ab|'],
		['a|b', 'ctrl-a', '|ab'],
		['a|b', 'ctrl-e', 'ab|'],
		// Moving by word: a run of letters and digits.
		['fal-ai/flux/dev|', 'ctrl-left', 'fal-ai/flux/|dev'],
		['fal-ai/flux/|dev', 'ctrl-left', 'fal-ai/|flux/dev'],
		['fal-ai/|flux/dev', 'alt-b', 'fal-|ai/flux/dev'],
		['fal-|ai/flux/dev', 'ctrl-left', '|fal-ai/flux/dev'],
		['|fal-ai/flux/dev', 'ctrl-left', '|fal-ai/flux/dev'],
		['fal-a|i/flux/dev', 'ctrl-left', 'fal-|ai/flux/dev'],
		['|fal-ai/flux/dev', 'ctrl-right', 'fal|-ai/flux/dev'],
		['fal|-ai/flux/dev', 'alt-f', 'fal-ai|/flux/dev'],
		['fal-ai/flux/d|ev', 'ctrl-right', 'fal-ai/flux/dev|'],
		['fal-ai/flux/dev|', 'alt-f', 'fal-ai/flux/dev|'],
		['id 42 café|', 'alt-left', 'id 42 |café'],
		['|id 42 café', 'alt-right', 'id| 42 café'],
		['a 😀😀 b|', 'ctrl-left', 'a 😀😀 |b'],
		['a 😀😀 |b', 'ctrl-left', '|a 😀😀 b'],
		// Deleting.
		['ab|', 'backspace', 'a|'],
		['|ab', 'backspace', '|ab'],
		['a😀|b', 'backspace', 'a|b'],
		['a|b', 'ctrl-h', '|b'],
		['a|b', 'delete', 'a|'],
		['ab|', 'delete', 'ab|'],
		['a|😀b', 'delete', 'a|b'],
		['a|b', 'ctrl-d', 'a|'],
		['abc|', 'ctrl-u', '|'],
		['ab|cd', 'ctrl-u', '|cd'],
		['|ab', 'ctrl-u', '|ab'],
		['ab|cd', 'ctrl-k', 'ab|'],
		['ab|', 'ctrl-k', 'ab|'],
		['status:error runner:8d46|', 'ctrl-w', 'status:error |'],
		['status:error runner:8d46  |', 'ctrl-w', 'status:error |'],
		['status:error |runner', 'ctrl-w', '|runner'],
		['|abc', 'ctrl-w', '|abc'],
		['fal-ai/flux/dev|', 'alt-backspace', 'fal-ai/flux/|'],
		['fal-ai/flux/|', 'alt-backspace', 'fal-ai/|'],
		['fal-ai/flux/de|v', 'ctrl-backspace', 'fal-ai/flux/|v'],
		['😀 x😀y|', 'alt-backspace', '😀 x😀|'],
	])('%j with %j is %j', (before, key, after) => {
		const start = field(before);
		const {field: edited, isHandled} = editField(start, typeof key === 'string' ? keyOf(key) : key);
		expect(isHandled).toBe(true);
		expect(marked(edited)).toBe(after);
		if (after === before) {
			expect(edited).toBe(start);
		}
	});

	it.each([
		'enter', 'escape', 'tab', 'shift-tab', 'up', 'down', 'pageUp', 'pageDown', 'insert', 'f1',
		'ctrl-c', 'ctrl-space', 'ctrl-g', 'ctrl-n', 'ctrl-p', 'ctrl-alt-b', 'alt-q', 'alt-B', 'alt-up', 'alt-escape',
	])('leaves %s to the caller', key => {
		const start = field('ab|c');
		expect(editField(start, keyOf(key))).toEqual({field: start, isHandled: false});
		expect(editField(start, keyOf(key)).field).toBe(start);
	});

	it('leaves an unknown key to the caller', () => {
		const start = field('ab|c');
		expect(editField(start, {...paste(''), name: 'unknown'}).isHandled).toBe(false);
	});

	it('keeps the scroll where it was unless the cursor moves left of it', () => {
		const start: TextField = {value: 'abcdefghij', cursor: 8, scroll: 4};
		expect(editField(start, keyOf('x')).field.scroll).toBe(4);
		expect(editField(start, keyOf('ctrl-w')).field).toEqual({value: 'ij', cursor: 0, scroll: 0});
		expect(editField(start, keyOf('home')).field.scroll).toBe(0);
	});
});

describe('fitField and visibleField', () => {
	const long = 'abcdefghij';

	it('shows the whole value and the cursor after it when it fits', () => {
		expect(visibleField(textField('abc'), 10)).toEqual({text: 'abc', cursorColumn: 3, cursorIndex: 3, isCutLeft: false, isCutRight: false});
		expect(visibleField(textField(''), 1)).toEqual({text: '', cursorColumn: 0, cursorIndex: 0, isCutLeft: false, isCutRight: false});
	});

	it('scrolls a long value so the cursor at the end has its column', () => {
		const fitted = fitField(textField(long), 5);
		expect(fitted.scroll).toBe(6);
		expect(visibleField(fitted, 5)).toEqual({text: 'ghij', cursorColumn: 4, cursorIndex: 4, isCutLeft: true, isCutRight: false});
	});

	it('moves the scroll as little as the cursor needs', () => {
		let state = fitField(editField(textField(long), keyOf('home')).field, 5);
		expect(visibleField(state, 5)).toEqual({text: 'abcde', cursorColumn: 0, cursorIndex: 0, isCutLeft: false, isCutRight: true});
		for (let step = 0; step < 4; step++) {
			state = fitField(editField(state, keyOf('right')).field, 5);
		}

		expect([state.cursor, state.scroll]).toEqual([4, 0]);
		state = fitField(editField(state, keyOf('right')).field, 5);
		expect([state.cursor, state.scroll]).toEqual([5, 1]);
		expect(visibleField(state, 5)).toMatchObject({text: 'bcdef', cursorColumn: 4, isCutLeft: true, isCutRight: true});
		// Back left inside the view: it stays.
		state = fitField(editField(state, keyOf('left')).field, 5);
		expect([state.cursor, state.scroll]).toEqual([4, 1]);
		state = fitField(editField(state, keyOf('home')).field, 5);
		expect(state.scroll).toBe(0);
	});

	it('brings back text cut off on the left as text is deleted at the end, rather than leave a gap', () => {
		let state = fitField(textField(long), 5);
		state = fitField(editField(state, keyOf('backspace')).field, 5);
		expect(visibleField(state, 5)).toMatchObject({text: 'fghi', cursorColumn: 4, isCutLeft: true});
		state = fitField(editField(state, keyOf('ctrl-u')).field, 5);
		expect(state).toEqual({value: '', cursor: 0, scroll: 0});
		// With the cursor inside, the view fills to the last column.
		state = fitField({value: long, cursor: 8, scroll: 8}, 5);
		expect(visibleField(state, 5)).toMatchObject({text: 'fghij', cursorColumn: 3, isCutLeft: true, isCutRight: false});
	});

	it('returns the same field when the scroll stays', () => {
		const fitted = fitField(textField(long), 5);
		expect(fitField(fitted, 5)).toBe(fitted);
	});

	it('fits a field whose scroll is stale before showing it', () => {
		expect(visibleField({value: long, cursor: 1, scroll: 9}, 5)).toMatchObject({text: 'bcdef', cursorColumn: 0});
		expect(visibleField({value: long, cursor: 10, scroll: 0}, 5)).toMatchObject({text: 'ghij', cursorColumn: 4});
	});

	it('gives wide characters two columns and never splits one', () => {
		const cjk = '界界界界';
		expect(visibleField(textField(cjk), 5)).toEqual({text: '界界', cursorColumn: 4, cursorIndex: 2, isCutLeft: true, isCutRight: false});
		expect(visibleField(textField(cjk, 0), 5)).toEqual({text: '界界', cursorColumn: 0, cursorIndex: 0, isCutLeft: false, isCutRight: true});
		expect(visibleField(textField(`a${cjk}`, 0), 4)).toEqual({text: 'a界', cursorColumn: 0, cursorIndex: 0, isCutLeft: false, isCutRight: true});
		expect(visibleField(textField(cjk, 2), 1)).toEqual({text: '', cursorColumn: 0, cursorIndex: 0, isCutLeft: true, isCutRight: true});
	});

	it('measures emoji as Ink does: a ❤️ with its variation selector is two columns, a surrogate pair one character', () => {
		const hearts = '❤️❤️❤️';
		const shown = visibleField(textField(hearts), 5);
		expect(shown).toMatchObject({text: '❤️❤️', cursorColumn: 4, isCutLeft: true});
		expect(stringWidth(shown.text)).toBe(4);
		const faces = fitField(editField(textField('😀😀😀😀'), keyOf('left')).field, 5);
		expect(faces.cursor).toBe(6);
		expect(visibleField(faces, 5)).toEqual({text: '😀😀', cursorColumn: 2, cursorIndex: 2, isCutLeft: true, isCutRight: false});
	});

	it('puts a cursor inside a cluster on the cluster', () => {
		const accented = textField('xe\u0301y', 2);
		expect(visibleField(accented, 10)).toEqual({text: 'xe\u0301y', cursorColumn: 1, cursorIndex: 1, isCutLeft: false, isCutRight: false});
	});

	it('shows one mask character per code point', () => {
		const secret = textField('s3cr😀t');
		expect(visibleField(secret, 10, {mask: '•'})).toEqual({text: '••••••', cursorColumn: 6, cursorIndex: 6, isCutLeft: false, isCutRight: false});
		expect(visibleField(secret, 4, {mask: '*'})).toEqual({text: '***', cursorColumn: 3, cursorIndex: 3, isCutLeft: true, isCutRight: false});
		expect(fitField(secret, 4, {mask: '*'}).scroll).toBe(3);
		expect(visibleField(editField(secret, keyOf('home')).field, 4, {mask: '*'})).toMatchObject({text: '****', cursorColumn: 0, isCutRight: true});
	});
});

const typedKey: fc.Arbitrary<Key> = fc.oneof(
	{weight: 4, arbitrary: fc.constantFrom('a', 'Z', '-', '/', ' ', '0', 'é', '界', '😀', '𝕏', '\u0301', '\u200D', '\uFE0F', '❤', 'ｱ').map(char => keyOf(char))},
	fc.string({unit: 'binary', minLength: 1, maxLength: 1}).filter(char => !/[\p{Cc}\p{Cs}]/u.test(char)).map(char => keyOf(char)),
	fc.array(fc.constantFrom('ab', ' ', '\r\n', '\t', '\u001B[A', '\u0000', '\u009B', '😀', '\uD83D', '\uDE00', '界', 'x-y'), {maxLength: 5}).map(parts => paste(parts.join(''))),
	{weight: 6, arbitrary: fc.constantFrom(
		'left', 'right', 'home', 'end', 'ctrl-left', 'ctrl-right', 'alt-b', 'alt-f', 'ctrl-a', 'ctrl-e', 'ctrl-b', 'ctrl-f',
		'backspace', 'delete', 'ctrl-h', 'ctrl-d', 'ctrl-u', 'ctrl-k', 'ctrl-w', 'alt-backspace',
		'enter', 'escape', 'tab', 'up', 'ctrl-c', 'alt-q',
	).map(spec => keyOf(spec))},
);

const isInsidePair = (value: string, index: number): boolean => /[\uD800-\uDBFF]/.test(value.charAt(index - 1)) && /[\uDC00-\uDFFF]/.test(value.charAt(index));

describe('properties', () => {
	test('any keys, in a field of any width, masked or not: the cursor stays in the value on a code point, and the view fits and holds it', () => {
		const widths = fc.integer({min: 1, max: 12});
		const masks = fc.constantFrom(undefined, '•', '*', '界');
		fc.assert(fc.property(fc.array(typedKey, {maxLength: 40}), widths, masks, (keys, width, mask) => {
			let state = textField();
			for (const key of keys) {
				const {field: edited, isHandled} = editField(state, key);
				if (!isHandled) {
					expect(edited).toBe(state);
				}

				state = fitField(edited, width, {mask});
				expect(state.cursor).toBeGreaterThanOrEqual(0);
				expect(state.cursor).toBeLessThanOrEqual(state.value.length);
				expect(isInsidePair(state.value, state.cursor)).toBe(false);
				expect(state.scroll).toBeLessThanOrEqual(state.cursor);
				expect(isInsidePair(state.value, state.scroll)).toBe(false);
				expect(state.value).not.toMatch(/[\p{Cc}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
				expect(fitField(state, width, {mask})).toBe(state);

				const shown = visibleField(state, width, {mask});
				expect(stringWidth(shown.text)).toBeLessThanOrEqual(width);
				expect(shown.cursorColumn).toBeGreaterThanOrEqual(0);
				expect(shown.cursorColumn).toBeLessThan(width);
				expect(stringWidth(shown.text.slice(0, shown.cursorIndex))).toBe(shown.cursorColumn);
				expect(shown.isCutLeft).toBe(state.scroll > 0);
				if (mask === undefined) {
					expect(state.value.slice(state.scroll)).toContain(shown.text);
				}
			}
		}), {numRuns: 1500});
	});

	test('typing, moving and deleting by code point agree with an array of code points', () => {
		const spec = fc.constantFrom('a', 'é', '界', '😀', '\u0301', 'left', 'right', 'home', 'end', 'backspace', 'delete', 'ctrl-u', 'ctrl-k');
		fc.assert(fc.property(fc.array(spec, {maxLength: 30}), specs => {
			let state = textField();
			let points: string[] = [];
			let cursor = 0;
			for (const key of specs) {
				state = editField(state, keyOf(key)).field;
				switch (key) {
					case 'left': {
						cursor = Math.max(0, cursor - 1);
						break;
					}

					case 'right': {
						cursor = Math.min(points.length, cursor + 1);
						break;
					}

					case 'home': {
						cursor = 0;
						break;
					}

					case 'end': {
						cursor = points.length;
						break;
					}

					case 'backspace': {
						if (cursor > 0) {
							points.splice(--cursor, 1);
						}

						break;
					}

					case 'delete': {
						points.splice(cursor, 1);
						break;
					}

					case 'ctrl-u': {
						points = points.slice(cursor);
						cursor = 0;
						break;
					}

					case 'ctrl-k': {
						points = points.slice(0, cursor);
						break;
					}

					default: {
						points.splice(cursor++, 0, key);
					}
				}

				expect(state.value).toBe(points.join(''));
				expect(state.cursor).toBe(points.slice(0, cursor).join('').length);
			}
		}), {numRuns: 1000});
	});
});
