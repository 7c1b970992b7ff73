import {describe, expect, it} from 'vitest';
import {sourceJsonLine, toJsonLine} from '../../source/format/json-line.js';
import {deeplyNested, deeplyNestedText} from '../deep-json.js';

describe('toJsonLine', () => {
	it('writes one line of valid JSON with C1 controls and bidi overrides escaped', () => {
		const line = toJsonLine({text: 'a\u009B2J\u202Eb\nc'});
		expect(line).toBe(String.raw`{"text":"a\u009b2J\u202eb\nc"}`);
		expect(JSON.parse(line)).toEqual({text: 'a\u009B2J\u202Eb\nc'});
	});

	it('writes nesting too deep for JSON.stringify as one line that parses back to the same value', () => {
		const value = deeplyNested();
		expect(() => JSON.stringify(value)).toThrow(RangeError);
		const line = toJsonLine(value);
		// The only space is the one after each key's colon: compare without them (vitest's deep equality recurses too).
		expect(line.replaceAll(' ', '')).toBe(deeplyNestedText());
	});
});

describe('sourceJsonLine', () => {
	it('keeps the API\'s bytes (numbers as written, keys in their order, given twice), drops line breaks and escapes what a terminal acts on', () => {
		const text = '{"b":1.0,\r\n "a":123456789012345678901234567890,"a":-0.0,"t":"x\u009B2J\u202Ey\\n"}';
		expect(sourceJsonLine(text)).toBe(String.raw`{"b":1.0, "a":123456789012345678901234567890,"a":-0.0,"t":"x\u009b2J\u202ey\n"}`);
	});
});
