import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {commonPairs, countsText, type DiffKind, type DiffNode, type DiffOptions, diffJson, wordDiff} from '../../source/json/diff.js';
import {deeplyNested} from '../deep-json.js';

/**
 * Every place the diff has a node for, by jq-like path, with its kind (or
 * only those that differ: an array's removed item and the one now at its
 * index share a path).
 */
function kinds(node: DiffNode, isChangeOnly = false, path = '.', out: Record<string, DiffKind> = {}): Record<string, DiffKind> {
	if (!isChangeOnly || node.kind !== 'same') {
		out[path] = node.kind;
	}

	for (const entry of node.entries ?? []) {
		const step = typeof entry.key === 'number' ? `[${entry.key}]` : `.${entry.key}`;
		kinds(entry.node, isChangeOnly, path === '.' ? step : path + step, out);
	}

	return out;
}

function changes(left: unknown, right: unknown, options?: DiffOptions): Record<string, DiffKind> {
	return kinds(diffJson(left, right, options), true);
}

describe('structural diff', () => {
	test('objects are matched by key: each path changed, added, removed or the same', () => {
		const left = {input: {prompt: 'a fox', seed: 42, steps: 28}, output: {images: [{url: 'a.png', width: 1024}]}};
		const right = {input: {prompt: 'a cat', seed: 42, guidance: 3.5}, output: {images: [{url: 'b.png', width: 1024}]}};
		expect(kinds(diffJson(left, right))).toEqual({
			'.': 'changed',
			'.input': 'changed',
			'.input.prompt': 'changed',
			'.input.seed': 'same',
			'.input.steps': 'removed',
			'.input.guidance': 'added',
			'.output': 'changed',
			'.output.images': 'changed',
			'.output.images[0]': 'changed',
			'.output.images[0].url': 'changed',
			'.output.images[0].width': 'same',
		});
		expect(diffJson(left, right).counts).toEqual({changed: 2, added: 1, removed: 1});
		expect(countsText(diffJson(left, right).counts)).toBe('2 changed, 1 added, 1 removed');
	});

	test('equal values give one unchanged node, nothing below it', () => {
		const value = {a: [1, {b: 'x'}], c: null};
		expect(diffJson(value, structuredClone(value))).toEqual({kind: 'same', counts: {changed: 0, added: 0, removed: 0}});
		expect(countsText(diffJson(value, value).counts)).toBe('');
	});

	test('key order does not count; members show in the right order, a removed key after the key it followed', () => {
		expect(diffJson({a: 1, b: 2, c: 3}, {c: 3, a: 1, b: 2}).kind).toBe('same');
		const diff = diffJson({a: 1, gone: 0, b: 2, c: 3}, {c: 30, new: 1, b: 2, a: 1});
		expect(diff.entries!.map(entry => [entry.key, entry.node.kind, entry.left, entry.right])).toEqual([
			['c', 'changed', 3, 0],
			['new', 'added', undefined, 1],
			['b', 'same', 2, 2],
			['a', 'same', 0, 3],
			['gone', 'removed', 1, undefined],
		]);
	});

	test('the order of keys as the API wrote them, not as JSON.parse lists them, gives the positions', () => {
		const leftText = '{"b": 1, "2": 2, "1": 3}';
		const rightText = '{"b": 1, "2": 20, "1": 3}';
		const diff = diffJson(JSON.parse(leftText), JSON.parse(rightText), {leftSource: {text: leftText}, rightSource: {text: rightText}});
		expect(diff.entries!.map(entry => [entry.key, entry.left, entry.node.kind])).toEqual([
			['b', 0, 'same'],
			['2', 1, 'changed'],
			['1', 2, 'same'],
		]);
	});

	test('null is a value: null against absent is added or removed, null against a value is changed', () => {
		expect(changes({a: null}, {})).toEqual({'.': 'changed', '.a': 'removed'});
		expect(changes({}, {a: null})).toEqual({'.': 'changed', '.a': 'added'});
		expect(changes({a: null}, {a: 0})).toEqual({'.': 'changed', '.a': 'changed'});
		expect(changes({a: null}, {a: null})).toEqual({});
		// A side that is not there at all (a request without a stored payload).
		expect(diffJson(undefined, {a: 1}).kind).toBe('added');
		expect(diffJson({a: 1}, undefined).kind).toBe('removed');
		expect(diffJson(undefined, undefined).kind).toBe('same');
	});

	test('a change of type is one change, whatever lies below', () => {
		expect(changes({a: {x: 1, y: {z: 2}}}, {a: 'x: 1'})).toEqual({'.': 'changed', '.a': 'changed'});
		expect(changes({a: [1]}, {a: {0: 1}})).toEqual({'.': 'changed', '.a': 'changed'});
		expect(changes({a: 1}, {a: '1'})).toEqual({'.': 'changed', '.a': 'changed'});
		expect(changes({a: false}, {a: 0})).toEqual({'.': 'changed', '.a': 'changed'});
		expect(diffJson({a: {x: 1, y: 2}}, {a: 'now a string'}).counts).toEqual({changed: 1, added: 0, removed: 0});
		expect(diffJson([1, 2], {a: 1}).kind).toBe('changed');
		expect(diffJson([1, 2], {a: 1}).entries).toBeUndefined();
	});

	test('an empty container against a full one of its type is diffed by member', () => {
		expect(changes({a: {}}, {a: {b: 1}})).toEqual({'.': 'changed', '.a': 'changed', '.a.b': 'added'});
		expect(changes({a: []}, {a: []})).toEqual({});
	});
});

describe('arrays', () => {
	test('an item inserted, removed or changed is just that, not a change of every item after it', () => {
		expect(changes([1, 2, 3], [0, 1, 2, 3])).toEqual({'.': 'changed', '[0]': 'added'});
		expect(changes([1, 2, 3, 4], [1, 3, 4])).toEqual({'.': 'changed', '[1]': 'removed'});
		expect(changes([1, 2, 3], [1, 5, 3])).toEqual({'.': 'changed', '[1]': 'changed'});
		expect(changes(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({'.': 'changed', '[0]': 'removed', '[2]': 'added'});
	});

	test('arrays of different lengths: the extra items are added or removed at the end', () => {
		expect(changes([1, 2], [1, 2, 3, 4])).toEqual({'.': 'changed', '[2]': 'added', '[3]': 'added'});
		expect(changes([{id: 1}, {id: 2}, {id: 3}], [{id: 1}])).toEqual({'.': 'changed', '[1]': 'removed', '[2]': 'removed'});
		// Items that all differ are paired in order and diffed, the rest added.
		expect(changes([{id: 1, v: 'a'}], [{id: 1, v: 'b'}, {id: 2, v: 'c'}])).toEqual({'.': 'changed', '[0]': 'changed', '[0].v': 'changed', '[1]': 'added'});
	});

	test('each entry knows its position on each side', () => {
		const diff = diffJson(['x', 'a', 'b'], ['a', 'b', 'y']);
		expect(diff.entries!.map(entry => [entry.left, entry.right, entry.node.kind])).toEqual([
			[0, undefined, 'removed'],
			[1, 0, 'same'],
			[2, 1, 'same'],
			[undefined, 2, 'added'],
		]);
	});

	test('long arrays that differ throughout are paired by position', () => {
		const left = Array.from({length: 10_000}, (_, index) => index);
		const right = left.map(value => (value % 1000 === 0 ? -value - 1 : value));
		const diff = diffJson(left, right);
		expect(diff.counts).toEqual({changed: 10, added: 0, removed: 0});
		expect(diff.entries).toHaveLength(10_000);
	});

	test('the common pairs are a longest common subsequence', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({min: 0, max: 4}), {maxLength: 12}), fc.array(fc.integer({min: 0, max: 4}), {maxLength: 12}), (a, b) => {
				const pairs = commonPairs(a.length, b.length, (i, j) => a[i] === b[j], a.length + b.length)!;
				for (const [index, [i, j]] of pairs.entries()) {
					expect(a[i]).toBe(b[j]);
					if (index > 0) {
						expect(i).toBeGreaterThan(pairs[index - 1]![0]);
						expect(j).toBeGreaterThan(pairs[index - 1]![1]);
					}
				}

				// The longest, by the textbook table.
				const table = Array.from({length: a.length + 1}, () => Array.from({length: b.length + 1}, () => 0));
				for (let i = a.length - 1; i >= 0; i--) {
					for (let j = b.length - 1; j >= 0; j--) {
						table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
					}
				}

				expect(pairs).toHaveLength(table[0]![0]!);
			}),
		);
		expect(commonPairs(3, 3, () => false, 2)).toBeUndefined();
	});
});

describe('numbers', () => {
	test('compared by their text as the API wrote it, where given', () => {
		const leftText = '{"big": 123456789012345678901234567890, "one": 1.0, "same": 1e2, "z": -0.0}';
		const rightText = '{"big": 123456789012345678901234567891, "one": 1, "same": 1e2, "z": 0}';
		const left = JSON.parse(leftText);
		const right = JSON.parse(rightText);
		// The floats are equal (the last digit is past a float's precision, 1.0 is 1, -0 prints 0), the texts are not.
		expect(left.big).toBe(right.big);
		expect(changes(left, right)).toEqual({});
		expect(changes(left, right, {leftSource: {text: leftText}, rightSource: {text: rightText}})).toEqual({
			'.': 'changed',
			'.big': 'changed',
			'.one': 'changed',
			'.z': 'changed',
		});
	});

	test('a payload made of parts keeps each part\'s numbers, and a root number its own', () => {
		const input = '{"seed": 18446744073709551615}';
		const other = '{"seed": 18446744073709551616}';
		const options = {leftSource: {members: {input}}, rightSource: {members: {input: other}}};
		expect(diffJson({input: JSON.parse(input)}, {input: JSON.parse(other)}, options).counts.changed).toBe(1);
		expect(diffJson({input: JSON.parse(input)}, {input: JSON.parse(other)}).kind).toBe('same');
		expect(diffJson(1e400, 1e500, {leftSource: {text: '1e400'}, rightSource: {text: '1e500'}}).kind).toBe('changed');
	});
});

describe('strings by word', () => {
	test('a sentence that differs gives the words both have and those only one has, in order', () => {
		const node = diffJson({p: 'a photo of a red fox in the snow, golden hour'}, {p: 'a photo of a blue cat in the snow, golden hour'}).entries![0]!.node;
		expect(node.words).toEqual([
			{text: 'a photo of a ', side: 'both'},
			{text: 'red fox', side: 'left'},
			{text: 'blue cat', side: 'right'},
			{text: ' in the snow, golden hour', side: 'both'},
		]);
	});

	test('words added or removed, and punctuation, are words of their own', () => {
		expect(wordDiff('CUDA out of memory. Tried to allocate 2.00 GiB', 'CUDA out of memory. Tried to allocate 12.50 GiB')).toEqual([
			{text: 'CUDA out of memory. Tried to allocate ', side: 'both'},
			{text: '2', side: 'left'},
			{text: '12', side: 'right'},
			{text: '.', side: 'both'},
			{text: '00', side: 'left'},
			{text: '50', side: 'right'},
			{text: ' GiB', side: 'both'},
		]);
		expect(wordDiff('one two three', 'one two three four')).toEqual([
			{text: 'one two three', side: 'both'},
			{text: ' four', side: 'right'},
		]);
	});

	test('short words, unrelated texts and very long strings are changed as a whole', () => {
		expect(diffJson({s: 'a.png'}, {s: 'b.png'}).entries![0]!.node.words).toBeUndefined();
		expect(wordDiff('a cat on a mat', 'the dog in the fog')).toBeUndefined();
		const uri = `data:image/png;base64,${'A'.repeat(20_000)}`;
		const node = diffJson({uri}, {uri: `${uri}B`}).entries![0]!.node;
		expect(node).toEqual({kind: 'changed', counts: {changed: 1, added: 0, removed: 0}});
	});

	test('a long URL without spaces is diffed by its parts', () => {
		const words = wordDiff('https://cdn.example/outputs/2024/05/01/abcdef/image-0.png', 'https://cdn.example/outputs/2024/05/01/abcdef/image-1.png');
		expect(words?.filter(part => part.side !== 'both')).toEqual([
			{text: '0', side: 'left'},
			{text: '1', side: 'right'},
		]);
	});
});

describe('size and depth', () => {
	test('nesting 20,000 deep is diffed without recursion', () => {
		const left = deeplyNested();
		const right = deeplyNested();
		expect(diffJson(left, right).kind).toBe('same');
		// Down to the object holding "bottom".
		let bottom = right as Record<string, unknown> | unknown[];
		for (;;) {
			const inner = Array.isArray(bottom) ? bottom[0] : bottom.next;
			if (typeof inner !== 'object') {
				break;
			}

			bottom = inner as Record<string, unknown> | unknown[];
		}

		(bottom as Record<string, unknown>).next = 'top';
		expect(diffJson(left, right).counts).toEqual({changed: 1, added: 0, removed: 0});
	});

	test('10,000 keys against 10,000 keys', () => {
		const object = (variant: number) => Object.fromEntries(Array.from({length: 10_000}, (_, index) => [`key_${index}`, index % 1000 === 0 ? variant : {index}]));
		const diff = diffJson(object(0), object(1));
		expect(diff.counts).toEqual({changed: 10, added: 0, removed: 0});
		expect(diff.entries!.filter(entry => entry.node.kind === 'same')).toHaveLength(9990);
	});
});
