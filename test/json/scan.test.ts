import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {formatJson, reindentJson} from '../../source/json/format.js';
import {SourceTable} from '../../source/json/source-table.js';
import {childStart, scanArray, scanObject, skipSpace, valueEnd} from '../../source/json/scan.js';
import {deeplyNestedText} from '../deep-json.js';
import {jsonText, tokens} from './json-text.js';

type Visit = {start: number; value: unknown; key?: string | number};

/**
 * Every value the scanner finds below the one at `start`, with the parsed
 * value it must be: for a key given twice, only the last occurrence is what
 * JSON.parse kept.
 */
function children(text: string, start: number, value: unknown): Visit[] {
	const found: Visit[] = [];
	if (text[start] === '[') {
		scanArray(text, start, (index, valueStart) => {
			found.push({start: valueStart, value: (value as unknown[])[index], key: index});
			return undefined;
		});
	} else if (text[start] === '{') {
		const last = new Map<string, number>();
		scanObject(text, start, (key, valueStart) => {
			last.set(key, valueStart);
			return undefined;
		});
		for (const [key, valueStart] of last) {
			found.push({start: valueStart, value: (value as Record<string, unknown>)[key], key});
		}
	}

	return found;
}

describe('the structural scan', () => {
	test('every value it finds in any JSON text parses to what JSON.parse made of it there', () => {
		fc.assert(
			fc.property(jsonText, text => {
				const root = skipSpace(text, 0);
				expect(skipSpace(text, valueEnd(text, root))).toBe(text.length);
				const pending: Visit[] = [{start: root, value: JSON.parse(text)}];
				while (pending.length > 0) {
					const visit = pending.pop()!;
					expect(JSON.parse(text.slice(visit.start, valueEnd(text, visit.start)))).toEqual(visit.value);
					pending.push(...children(text, visit.start, visit.value));
				}
			}),
			{numRuns: 500},
		);
	});

	test('childStart finds the last of a key given twice, and an array element by index', () => {
		const text = ' { "a" : 1 , "b":[10, {"x":"]"}, 30] , "a" : {"z": "\\"}"} } ';
		const start = skipSpace(text, 0);
		const a = childStart(text, start, 'a');
		expect(text.slice(a, valueEnd(text, a))).toBe('{"z": "\\"}"}');
		const b = childStart(text, start, 'b');
		const second = childStart(text, b, 1);
		expect(text.slice(second, valueEnd(text, second))).toBe('{"x":"]"}');
		expect(childStart(text, start, 'c')).toBe(-1);
		expect(childStart(text, b, 3)).toBe(-1);
	});

	test('keys with escapes are decoded as JSON.parse decodes them', () => {
		const keys: string[] = [];
		scanObject(String.raw`{"json\u005finput":1,"a\"b":2,"\ud83d\ude00":3}`, 0, key => {
			keys.push(key);
			return undefined;
		});
		expect(keys).toEqual(['json_input', 'a"b', '😀']);
	});

	test('text that is not JSON throws instead of running on', () => {
		for (const bad of ['{"a":', '["a', '{"a" 1}', '[1 2]', '{"a":1', '', '"\\"']) {
			expect(() => {
				const start = skipSpace(bad, 0);
				if (bad[start] === '{') {
					scanObject(bad, start, () => undefined);
				} else if (bad[start] === '[') {
					scanArray(bad, start, () => undefined);
				} else {
					valueEnd(bad, start);
				}
			}, bad).toThrow(SyntaxError);
		}
	});

	test('a value nested 20,000 deep is measured without recursion', () => {
		const text = deeplyNestedText();
		expect(valueEnd(text, 0)).toBe(text.length);
	});
});

describe('re-indenting', () => {
	test('keeps every token of any JSON text byte for byte, and parses to the same value', () => {
		fc.assert(
			fc.property(jsonText, text => {
				const pretty = reindentJson(text);
				expect(tokens(pretty)).toBe(tokens(text));
				expect(JSON.parse(pretty)).toEqual(JSON.parse(text));
				expect(reindentJson(pretty)).toBe(pretty);
			}),
			{numRuns: 500},
		);
	});

	test('indents as formatJson does: two spaces, empty containers on one line', () => {
		fc.assert(
			fc.property(fc.jsonValue(), value => {
				expect(reindentJson(JSON.stringify(value))).toBe(formatJson(value));
			}),
		);
		expect(reindentJson(' { "a" : [ ] , "b" : { }, "c": [ 1 , "x" ] } ')).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    "x"\n  ]\n}');
	});

	test('leaves numbers, escapes, key order and repeated keys as written', () => {
		const text = String.raw`{"b":1,"2":2,"1":3,"n":123456789012345678901234567890,"inf":1e999,"neg":-1e400,"z":-0.0,"one":1.0,"e":"caf\u00e9 \/","b":4}`;
		expect(reindentJson(text)).toBe(
			[
				'{',
				'  "b": 1,',
				'  "2": 2,',
				'  "1": 3,',
				'  "n": 123456789012345678901234567890,',
				'  "inf": 1e999,',
				'  "neg": -1e400,',
				'  "z": -0.0,',
				'  "one": 1.0,',
				String.raw`  "e": "caf\u00e9 \/",`,
				'  "b": 4',
				'}',
			].join('\n'),
		);
		expect(reindentJson(' 1E2 ')).toBe('1E2');
	});

	test('nesting 20,000 deep is re-indented without recursion, its indentation bounded', () => {
		const pretty = reindentJson(deeplyNestedText());
		expect(tokens(pretty)).toBe(deeplyNestedText());
		expect(Math.max(...pretty.split('\n').map(line => line.length - line.trimStart().length))).toBe(128);
	});
});

describe('number literals', () => {
	test('the table gives back the text of every number, and the order of every object\'s keys, of any JSON text', () => {
		fc.assert(
			fc.property(jsonText, text => {
				const table = new SourceTable();
				const value: unknown = JSON.parse(text);
				const rootLiteral = table.scan(text, value);
				const root = skipSpace(text, 0);
				if (typeof value === 'number') {
					expect(rootLiteral ?? String(value)).toBe(text.trim());
				}

				const pending: Visit[] = [{start: root, value}];
				while (pending.length > 0) {
					const visit = pending.pop()!;
					const found = children(text, visit.start, visit.value);
					if (text[visit.start] === '{') {
						// Each key where it first comes, as JSON.parse places it but for integer-like keys, which it moves first.
						expect(table.keyOrderOf(visit.value as object) ?? Object.keys(visit.value as object)).toEqual(found.map(child => child.key));
					}

					for (const child of found) {
						if (typeof child.value === 'number') {
							const literal = text.slice(child.start, valueEnd(text, child.start));
							expect(table.literalAt(visit.value as object, child.key!) ?? String(child.value)).toBe(literal);
						}
					}

					pending.push(...found);
				}
			}),
			{numRuns: 500},
		);
	});

	test('only numbers String() might spell otherwise get an entry: where their literal starts', () => {
		const text = '{"a":[1,0.5,-0.0,1.0,0.12345678901234568],"b":{"c":1e999},"d":2}';
		const value = JSON.parse(text) as {a: unknown[]; b: object};
		const table = new SourceTable();
		expect(table.scan(text, value)).toBeUndefined();
		expect([0, 1, 2, 3, 4].map(index => table.literalAt(value.a, index))).toEqual([undefined, undefined, '-0.0', '1.0', '0.12345678901234568']);
		expect(table.literalAt(value.b, 'c')).toBe('1e999');
	});

	test('a key given twice whose last occurrence is empty keeps nothing an earlier one left', () => {
		// Found by the property test above: the first "1" was scanned into the {} the last one made.
		for (const text of ['{"":{"a":{"1":{"\\u0020":1},"1":{}}}}', '{"a":{"2":1,"1":2.50},"a":{}}', '{"a":[1.50,2],"a":[]}']) {
			type Nested = {[key: string]: Nested};
			const value = JSON.parse(text) as Nested;
			const table = new SourceTable();
			table.scan(text, value);
			const inner = text.startsWith('{""') ? value['']!['a']!['1']! : value['a']!;
			expect(table.keyOrderOf(inner)).toBeUndefined();
			expect(table.literalAt(inner, '1')).toBeUndefined();
			expect(table.literalAt(inner, 0)).toBeUndefined();
		}
	});

	test('a key given twice keeps the literal of its last occurrence, whatever came before', () => {
		const text = '{"a":1e999,"a":5,"b":{"x":1.0},"b":{"y":2},"c":[1.0],"c":{"0":3}}';
		const value = JSON.parse(text) as Record<string, object>;
		const table = new SourceTable();
		table.scan(text, value);
		expect(table.literalAt(value, 'a')).toBeUndefined();
		// The first "b" was scanned into the object the last one made; its x is no member of it.
		expect(table.literalAt(value['b']!, 'y')).toBeUndefined();
		expect(table.literalAt(value['c']!, '0')).toBeUndefined();
		const strings = '{"k":1.0,"k":"1e999","l":[1.0],"l":[{}]}';
		const parsed = JSON.parse(strings) as {l: object};
		table.scan(strings, parsed);
		expect(table.literalAt(parsed, 'k')).toBeUndefined();
		expect(table.literalAt(parsed.l, 0)).toBeUndefined();
	});

	test('keys JSON.parse moved first are kept in the order sent; an order like JSON.parse\'s costs nothing', () => {
		const text = String.raw`{"b":1,"2":2,"1":3,"0":0,"o":{"a":1,"b":2},"p":{"10":1,"9":2},"p":{"x":1}}`;
		const value = JSON.parse(text) as Record<string, object>;
		const table = new SourceTable();
		table.scan(text, value);
		expect(table.keyOrderOf(value)).toEqual(['b', '2', '1', '0', 'o', 'p']);
		expect(table.keyOrderOf(value['o']!)).toBeUndefined();
		// The first "p" had keys JSON.parse would move; the last, which counts, has none.
		expect(table.keyOrderOf(value['p']!)).toBeUndefined();
	});

	test('an object with many such numbers is looked up as quickly', () => {
		const members = Array.from({length: 100}, (_, index) => `"k${index}":${index}.50`);
		const text = `{${members.join(',')},"k7":7,"k8":1e999}`;
		const value = JSON.parse(text) as object;
		const table = new SourceTable();
		table.scan(text, value);
		expect(table.literalAt(value, 'k99')).toBe('99.50');
		expect(table.literalAt(value, 'k7')).toBeUndefined();
		expect(table.literalAt(value, 'k8')).toBe('1e999');
		expect(table.literalAt(value, 'nope')).toBeUndefined();
	});
});
