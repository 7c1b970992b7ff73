import fc from 'fast-check';
import {describe, expect, it, test} from 'vitest';
import {bracketedPasteOff, bracketedPasteOn, createKeyDecoder, keyOf, splitAlt, type Key} from '../../source/input/keys.js';

/** Feeds the reads one at a time, then flushes, as the explorer does once its timeout fires. */
function decode(...reads: Array<string | Buffer>): Key[] {
	const decoder = createKeyDecoder();
	const keys = reads.flatMap(read => decoder.feed(read));
	return [...keys, ...decoder.flush()];
}

const unknown: Key = {name: 'unknown', text: '', ctrl: false, alt: false, shift: false, sequence: ''};
const paste = (text: string): Key => ({...unknown, name: 'paste', text});
/** A key as the tables write it: a keyOf name, 'unknown', or 'paste:' and its text. */
const expected = (spec: string): Key => spec === 'unknown' ? unknown : spec.startsWith('paste:') ? paste(spec.slice(6)) : keyOf(spec);
const withoutSequence = (key: Key): Key => ({...key, sequence: ''});
const names = (keys: Key[]): Key[] => keys.map(key => withoutSequence(key));

function expectKeys(input: string | Buffer, specs: string[]): void {
	expect(names(decode(input)), JSON.stringify(input.toString())).toEqual(specs.map(spec => expected(spec)));
}

describe('a read is split into keys', () => {
	it.each<[string, string[]]>([
		['jjjjGg', ['j', 'j', 'j', 'j', 'G', 'g']],
		['abc\u007F\u007F\u007F\r', ['a', 'b', 'c', 'backspace', 'backspace', 'backspace', 'enter']],
		['x\r', ['x', 'enter']],
		['\n\t\b', ['enter', 'tab', 'backspace']],
		['\u0000', ['ctrl-space']],
		['\u0001\u0002\u0003\u0004\u0005\u0006\u0007', ['ctrl-a', 'ctrl-b', 'ctrl-c', 'ctrl-d', 'ctrl-e', 'ctrl-f', 'ctrl-g']],
		['\u000B\u000C\u000E\u0015\u0017\u001A', ['ctrl-k', 'ctrl-l', 'ctrl-n', 'ctrl-u', 'ctrl-w', 'ctrl-z']],
		['\u001C\u001D\u001E\u001F', ['ctrl-\\', 'ctrl-]', 'ctrl-^', 'ctrl-_']],
		['é界😀 ~', ['é', '界', '😀', 'space', '~']],
		['e\u0301', ['e', '\u0301']],
		['\u0085\u009B', ['unknown', 'unknown']],
	])('%j', (input, specs) => {
		expectKeys(input, specs);
	});

	it('keeps a Ctrl letter\'s text lower case and a typed capital as typed', () => {
		expect(decode('\u0003')).toEqual([{name: 'char', text: 'c', ctrl: true, alt: false, shift: false, sequence: '\u0003'}]);
		expect(decode('Q')).toEqual([{name: 'char', text: 'Q', ctrl: false, alt: false, shift: false, sequence: 'Q'}]);
	});
});

describe('escape sequences', () => {
	it.each<[string, string]>([
		['\u001B[A', 'up'], ['\u001B[B', 'down'], ['\u001B[C', 'right'], ['\u001B[D', 'left'],
		['\u001BOA', 'up'], ['\u001BOB', 'down'], ['\u001BOC', 'right'], ['\u001BOD', 'left'],
		['\u001B[H', 'home'], ['\u001B[F', 'end'], ['\u001BOH', 'home'], ['\u001BOF', 'end'],
		['\u001B[1~', 'home'], ['\u001B[4~', 'end'], ['\u001B[7~', 'home'], ['\u001B[8~', 'end'],
		['\u001B[2~', 'insert'], ['\u001B[3~', 'delete'], ['\u001B[5~', 'pageUp'], ['\u001B[6~', 'pageDown'],
		['\u001BOP', 'f1'], ['\u001BOQ', 'f2'], ['\u001BOR', 'f3'], ['\u001BOS', 'f4'],
		['\u001B[11~', 'f1'], ['\u001B[12~', 'f2'], ['\u001B[13~', 'f3'], ['\u001B[14~', 'f4'], ['\u001B[15~', 'f5'],
		['\u001B[17~', 'f6'], ['\u001B[18~', 'f7'], ['\u001B[19~', 'f8'], ['\u001B[20~', 'f9'], ['\u001B[21~', 'f10'],
		['\u001B[23~', 'f11'], ['\u001B[24~', 'f12'],
		['\u001B[[A', 'f1'], ['\u001B[[E', 'f5'],
		['\u001B[Z', 'shift-tab'],
		['\u001B[1;2A', 'shift-up'], ['\u001B[1;3A', 'alt-up'], ['\u001B[1;4A', 'shift-alt-up'], ['\u001B[1;5A', 'ctrl-up'],
		['\u001B[1;6A', 'ctrl-shift-up'], ['\u001B[1;7A', 'ctrl-alt-up'], ['\u001B[1;8A', 'ctrl-alt-shift-up'],
		['\u001B[1;5D', 'ctrl-left'], ['\u001B[1;5C', 'ctrl-right'], ['\u001B[1;2H', 'shift-home'], ['\u001B[1;5F', 'ctrl-end'],
		['\u001B[3;5~', 'ctrl-delete'], ['\u001B[5;3~', 'alt-pageUp'], ['\u001B[15;2~', 'shift-f5'], ['\u001B[1;2P', 'shift-f1'],
		['\u001BO5P', 'ctrl-f1'], ['\u001B[1;2Z', 'shift-tab'],
		['\u001BOM', 'enter'], ['\u001BOp', '0'], ['\u001BOy', '9'], ['\u001BOk', '+'], ['\u001BOX', '='],
		// Kitty's `CSI codepoint ; modifiers u` and xterm's modifyOtherKeys.
		['\u001B[97u', 'a'], ['\u001B[97;2u', 'A'], ['\u001B[97;3u', 'alt-a'], ['\u001B[99;5u', 'ctrl-c'], ['\u001B[99;6u', 'ctrl-shift-c'],
		['\u001B[13u', 'enter'], ['\u001B[13;2u', 'shift-enter'], ['\u001B[9;2u', 'shift-tab'], ['\u001B[27u', 'escape'],
		['\u001B[127u', 'backspace'], ['\u001B[127;5u', 'ctrl-backspace'], ['\u001B[32;5u', 'ctrl-space'], ['\u001B[49;2u', 'shift-1'],
		['\u001B[97;5:2u', 'ctrl-a'], ['\u001B[97:65;2u', 'A'], ['\u001B[1;5:1A', 'ctrl-up'], ['\u001B[30028u', '界'],
		['\u001B[27;5;99~', 'ctrl-c'], ['\u001B[27;2;13~', 'shift-enter'],
	])('%j is %s', (input, spec) => {
		expectKeys(input, [spec]);
	});

	it.each([
		'\u001B[I', '\u001B[O', '\u001B[<0;3;4M', '\u001B[<35;120;40m', '\u001B[M !!', '\u001B[M\u00FF\u00FF\u00FF', '\u001B[?1;2c', '\u001B[12;40R',
		'\u001B[99~', '\u001B[201~', '\u001B[1;2;3A', '\u001B[0A', '\u001B[1;0A', '\u001B[1;:A', '\u001B[ q', '\u001B[E', '\u001BOz', '\u001BO2z',
		'\u001B[97;5:3u', '\u001B[97;9u', '\u001B[97;33u', '\u001B[57399u', '\u001B[0u', '\u001B[1114112u', '\u001B[55296u', '\u001B[27;5~',
	])('%j is one unknown key, consumed whole', input => {
		const keys = decode(input);
		expect(names(keys)).toEqual([unknown]);
		expect(keys[0]?.sequence).toBe(input);
	});

	it.each<[string, string[]]>([
		['\u001Bq', ['alt-q']], ['\u001BQ', ['alt-Q']], ['\u001B\u001B[A', ['alt-up']], ['\u001B\u001BOA', ['alt-up']],
		['\u001B\u001B', ['alt-escape']], ['\u001B\u007F', ['alt-backspace']], ['\u001B\r', ['alt-enter']], ['\u001B\u0001', ['ctrl-alt-a']],
		['\u001Bé', ['alt-é']], ['\u001B😀', ['alt-😀']], ['\u001B\u001B[1;5A', ['ctrl-alt-up']], ['\u001B\u001B\u001B', ['alt-escape', 'escape']],
		['\u001B\u001Bq', ['alt-escape', 'q']], ['\u001Bbx', ['alt-b', 'x']],
		// ESC before something that is no key, or before a paste, is an Escape of its own.
		['\u001B\u001B[I', ['escape', 'unknown']], ['\u001B\u0085', ['escape', 'unknown']], ['\u001B\u001B[200~hi\u001B[201~', ['escape', 'paste:hi']],
	])('ESC before a key is Alt: %j', (input, specs) => {
		expectKeys(input, specs);
	});

	it.each<[string, string[]]>([
		['\u001B[1;\r', ['unknown', 'enter']],
		['\u001B[\u001B[A', ['unknown', 'up']],
		['\u001BO\r', ['unknown', 'enter']],
		['\u001B[[z', ['unknown', 'z']],
		['\u001B[Aq\u001B[Bq', ['up', 'q', 'down', 'q']],
	])('a sequence cut short by a byte no sequence holds ends there: %j', (input, specs) => {
		expectKeys(input, specs);
	});
});

describe('what a read ends in the middle of waits for the next read', () => {
	it.each<[string, string[]]>([
		['\u001B', ['escape']],
		['\u001B\u001B', ['alt-escape']],
		['\u001B[', ['unknown']],
		['\u001B[1;', ['unknown']],
		['\u001BO', ['unknown']],
		['\u001BO5', ['unknown']],
		['\u001B[M!', ['unknown']],
		['\u001B[[', ['unknown']],
		['\u001B\u001B[1', ['escape', 'unknown']],
		['\u001B[200~half a pa', ['paste:half a pa']],
		['\u001B[200~text\u001B[201', ['paste:text\u001B[201']],
		['\uD83D', ['unknown']],
	])('%j is held back, and flush() ends it as %j', (input, specs) => {
		const decoder = createKeyDecoder();
		expect(decoder.feed(input)).toEqual([]);
		expect(decoder.hasPending).toBe(true);
		expect(names(decoder.flush())).toEqual(specs.map(spec => expected(spec)));
		expect(decoder.hasPending).toBe(false);
	});

	it('completes a held key with the next read', () => {
		const decoder = createKeyDecoder();
		expect(names(decoder.feed('j\u001B['))).toEqual([keyOf('j')]);
		expect(decoder.hasPending).toBe(true);
		expect(names(decoder.feed('1;5'))).toEqual([]);
		expect(decoder.feed('Ak')).toEqual([
			{name: 'up', text: '', ctrl: true, alt: false, shift: false, sequence: '\u001B[1;5A'},
			{name: 'char', text: 'k', ctrl: false, alt: false, shift: false, sequence: 'k'},
		]);
		expect(decoder.hasPending).toBe(false);
		expect(decoder.flush()).toEqual([]);
	});

	it('joins a UTF-8 character split across reads, and a surrogate pair split across string reads', () => {
		const bytes = Buffer.from('a😀界', 'utf8');
		const decoder = createKeyDecoder();
		expect(names(decoder.feed(bytes.subarray(0, 3)))).toEqual([keyOf('a')]);
		expect(decoder.hasPending).toBe(true);
		expect(names(decoder.feed(bytes.subarray(3, 6)))).toEqual([keyOf('😀')]);
		expect(names(decoder.feed(bytes.subarray(6)))).toEqual([keyOf('界')]);
		expect(decoder.hasPending).toBe(false);
		expect(names(decode('\uD83D', '\uDE00'))).toEqual([keyOf('😀')]);
	});

	it('takes a lone ESC with nothing after it as Escape only after flush(), since it may start a sequence', () => {
		const decoder = createKeyDecoder();
		expect(names(decoder.feed('q\u001B'))).toEqual([keyOf('q')]);
		expect(decoder.hasPending).toBe(true);
		expect(names(decoder.flush())).toEqual([keyOf('escape')]);
		// The Escape then q of `Esc q` typed slowly.
		expect(names(decoder.feed('q'))).toEqual([keyOf('q')]);
	});
});

describe('bracketed paste', () => {
	it('is one paste key whatever it holds', () => {
		const keys = decode('\u001B[200~q\u001B[A\r\u0003\u001B\nx\u001B[201~');
		expect(keys).toEqual([{...unknown, name: 'paste', text: 'q\u001B[A\r\u0003\u001B\nx', sequence: '\u001B[200~q\u001B[A\r\u0003\u001B\nx\u001B[201~'}]);
	});

	it('is one paste key across any number of reads, cut anywhere, markers included', () => {
		const input = 'a\u001B[200~q\u001B[A\r\u001B[200~😀\u001B[201~b';
		for (let size = 1; size <= input.length; size++) {
			const reads: string[] = [];
			for (let start = 0; start < input.length; start += size) {
				reads.push(input.slice(start, start + size));
			}

			expect(names(decode(...reads))).toEqual([keyOf('a'), paste('q\u001B[A\r\u001B[200~😀'), keyOf('b')]);
		}
	});

	it('keeps an empty paste, and an invalid UTF-8 byte in a paste as U+FFFD', () => {
		expect(names(decode('\u001B[200~\u001B[201~'))).toEqual([paste('')]);
		expect(names(decode(Buffer.concat([Buffer.from('\u001B[200~a'), Buffer.from([0xFF]), Buffer.from('b\u001B[201~')])))).toEqual([paste('a\uFFFDb')]);
	});

	it('exports the modes that turn it on and off', () => {
		expect([bracketedPasteOn, bracketedPasteOff]).toEqual(['\u001B[?2004h', '\u001B[?2004l']);
	});
});

describe('bytes that are no UTF-8', () => {
	it('are one unknown key each, never text, and never swallow the bytes around them', () => {
		const keys = decode(Buffer.from([0x61, 0xFF, 0xE2, 0x82, 0x41, 0xC0, 0xAF, 0xED, 0xA0, 0x80]));
		expect(names(keys)).toEqual(['a', 'unknown', 'unknown', 'unknown', 'A', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'].map(spec => expected(spec)));
		expect(keys.map(key => key.sequence).join('')).toBe('a\uDCFF\uDCE2\uDC82A\uDCC0\uDCAF\uDCED\uDCA0\uDC80');
	});

	it('takes bytes left inside a character as invalid when a string read follows', () => {
		const decoder = createKeyDecoder();
		expect(decoder.feed(Buffer.from([0xE2, 0x82]))).toEqual([]);
		expect(names(decoder.feed('x'))).toEqual(['unknown', 'unknown', 'x'].map(spec => expected(spec)));
	});
});

describe('splitAlt', () => {
	it('is Escape, then the key without Alt', () => {
		const [escape, key, ...rest] = splitAlt(decode('\u001Bq')[0] ?? unknown);
		expect(rest).toEqual([]);
		expect(withoutSequence(escape ?? unknown)).toEqual(keyOf('escape'));
		expect(key).toEqual({name: 'char', text: 'q', ctrl: false, alt: false, shift: false, sequence: '\u001Bq'});
		expect(names(splitAlt(keyOf('ctrl-alt-up')))).toEqual([keyOf('escape'), keyOf('ctrl-up')]);
	});

	it('leaves a key without Alt as it is', () => {
		const key = keyOf('ctrl-c');
		expect(splitAlt(key)).toEqual([key]);
	});
});

describe('keyOf', () => {
	it.each<[string, Partial<Key>]>([
		['j', {name: 'char', text: 'j'}],
		['G', {name: 'char', text: 'G'}],
		['shift-g', {name: 'char', text: 'G'}],
		['ctrl-u', {name: 'char', text: 'u', ctrl: true}],
		['ctrl-U', {name: 'char', text: 'u', ctrl: true}],
		['alt--', {name: 'char', text: '-', alt: true}],
		['-', {name: 'char', text: '-'}],
		['space', {name: 'char', text: ' '}],
		['ctrl-space', {name: 'char', text: ' ', ctrl: true}],
		['shift-tab', {name: 'tab', shift: true}],
		['ctrl-alt-shift-pageDown', {name: 'pageDown', ctrl: true, alt: true, shift: true}],
		['f12', {name: 'f12'}],
		['😀', {name: 'char', text: '😀'}],
	])('%s', (spec, key) => {
		expect(keyOf(spec)).toEqual({...unknown, ...key});
	});

	it.each(['', 'ctrl-', 'pgup', 'unknown', 'paste', 'char', 'meta-x', '\r', 'ab'])('throws on %j, which names no key', spec => {
		expect(() => keyOf(spec)).toThrow(/Not a key/);
	});
});

/** A key and the bytes a terminal sends for it; none of them changes what the next key's bytes mean. */
const typedKey: fc.Arbitrary<[string, Key]> = fc.oneof(
	fc.constantFrom<[string, string]>(
		['\r', 'enter'], ['\n', 'enter'], ['\t', 'tab'], ['\u007F', 'backspace'], ['\b', 'backspace'], ['\u0000', 'ctrl-space'],
		['\u0003', 'ctrl-c'], ['\u0015', 'ctrl-u'], ['\u001F', 'ctrl-_'], ['\u001Bq', 'alt-q'],
		['\u001B\u007F', 'alt-backspace'], ['\u001B\u001B[A', 'alt-up'], ['\u001B[A', 'up'], ['\u001BOB', 'down'], ['\u001B[1;5C', 'ctrl-right'],
		['\u001B[1~', 'home'], ['\u001B[F', 'end'], ['\u001B[3~', 'delete'], ['\u001B[6~', 'pageDown'], ['\u001B[24~', 'f12'],
		['\u001BOS', 'f4'], ['\u001B[Z', 'shift-tab'], ['\u001B[99;5u', 'ctrl-c'], ['\u001B[[B', 'f2'], ['\u001BOp', '0'],
		['\u001B[I', 'unknown'], ['\u001B[<0;3;4M', 'unknown'], ['\u001B[M#!!', 'unknown'], ['\u001B[201~', 'unknown'], ['\u0090', 'unknown'],
	).map(([sequence, spec]): [string, Key] => [sequence, {...expected(spec), sequence}]),
	fc.string({unit: 'binary', minLength: 1, maxLength: 1})
		.filter(char => !/[\p{Cc}\p{Cs}]/u.test(char))
		.map((char): [string, Key] => [char, {...keyOf(char), sequence: char}]),
	fc.constantFrom('é', '界', '😀', '𝕏', '\u0301', '\u200D', '\uFE0F', 'ｱ')
		.map((char): [string, Key] => [char, {...keyOf(char), sequence: char}]),
	fc.array(fc.oneof(
		fc.string({unit: 'binary', maxLength: 4}),
		fc.constantFrom('q', '\u001B[A', '\r', '\n', '\u0003', '\u001B', '\u001B[', '\u001B[20', '\u001B[201', '\u001B[200~', '😀', '界'),
	), {maxLength: 6}).map(parts => parts.join('')).filter(text => !text.includes('\u001B[201~'))
		.map((text): [string, Key] => [`\u001B[200~${text}\u001B[201~`, {...paste(text), sequence: `\u001B[200~${text}\u001B[201~`}]),
);

/** Cuts `length` items into reads at random points. */
const cuts = (length: number): fc.Arbitrary<number[]> => fc.uniqueArray(fc.integer({min: 0, max: length}), {maxLength: 12})
	.map(points => [0, ...points.sort((a, b) => a - b), length]);

function readsOf<T extends string | Buffer>(input: T, points: number[]): T[] {
	return points.slice(1).map((end, index) => input.slice(points[index], end) as T);
}

describe('properties', () => {
	test('keys typed in a burst decode to exactly those keys, in order', () => {
		fc.assert(fc.property(fc.array(typedKey, {maxLength: 20}), typed => {
			expect(decode(typed.map(([sequence]) => sequence).join(''))).toEqual(typed.map(([, key]) => key));
		}), {numRuns: 2000});
	});

	test('any split of the bytes into reads, inside sequences, characters and paste markers, gives the same keys as one read', () => {
		// Ending in a lone ESC or not: flush() ends that one.
		const input = fc.tuple(fc.array(typedKey, {maxLength: 12}), fc.boolean()).chain(([typed, isEscapeAtEnd]) => {
			const bytes = Buffer.from(typed.map(([sequence]) => sequence).join('') + (isEscapeAtEnd ? '\u001B' : ''), 'utf8');
			return fc.tuple(fc.constant(bytes), cuts(bytes.length));
		});
		fc.assert(fc.property(input, ([whole, points]) => {
			const decoder = createKeyDecoder();
			const keys = [...readsOf(whole, points).flatMap(read => decoder.feed(read)), ...decoder.flush()];
			expect(keys).toEqual(decode(whole));
			expect(decoder.hasPending).toBe(false);
			expect(keys.map(key => key.sequence).join('')).toBe(whole.toString('utf8'));
		}), {numRuns: 3000});
	});

	test('any split of any string into string reads, surrogate pairs included, gives the same keys as one read, every character kept', () => {
		const text = fc.array(fc.oneof(
			fc.string({unit: 'binary', maxLength: 3}),
			fc.constantFrom('\u001B', '\u001B[', '\u001BO', '1;5', 'A', '~', 'u', '\u001B[200~', '\u001B[201~', '\uD83D', '\uDE00', '\u009B'),
		), {maxLength: 12}).map(parts => parts.join(''));
		fc.assert(fc.property(text.chain(input => fc.tuple(fc.constant(input), cuts(input.length))), ([input, points]) => {
			const keys = decode(...readsOf(input, points));
			expect(keys).toEqual(decode(input));
			expect(keys.map(key => key.sequence).join('')).toBe(input);
		}), {numRuns: 3000});
	});

	test('any bytes at all, split anywhere: no throw, and the same keys as one read', () => {
		const bytes = fc.uint8Array({maxLength: 40}).map(array => Buffer.from(array));
		fc.assert(fc.property(bytes.chain(input => fc.tuple(fc.constant(input), cuts(input.length))), ([input, points]) => {
			expect(decode(...readsOf(input, points))).toEqual(decode(input));
		}), {numRuns: 3000});
	});
});
