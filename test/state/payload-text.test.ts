import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import type {Payload} from '../../source/state/payload-cache.js';
import {partText, requestText, shownPayload, shownSource, shownText} from '../../source/state/payload-text.js';
import {deeplyNested, deeplyNestedText} from '../deep-json.js';

const input = '{"seed":18446744073709551615,"b":1,"2":2}';
const output = String.raw`{"score":1e999,"z":-0.0,"e":"caf\u00e9"}`;
const itemText = `{"request_id":"r-1","status_code":200,"duration":1.50,"json_input":${input},"json_output":${output}}`;
const exact: Payload = {input: JSON.parse(input), output: JSON.parse(output), source: {item: itemText, input, output}};
const item = {request_id: 'r-1', status_code: 200, duration: 1.5} as RequestItem;

describe('the text handed out for a payload', () => {
	it('is the API\'s own text, re-indented: shown input and output, each part, the whole request', () => {
		expect(shownSource(exact)).toEqual({members: {input, output}});
		expect(shownText(exact)).toBe(String.raw`{
  "input": {
    "seed": 18446744073709551615,
    "b": 1,
    "2": 2
  },
  "output": {
    "score": 1e999,
    "z": -0.0,
    "e": "caf\u00e9"
  }
}`);
		expect(partText(exact, 'output')).toBe('{\n  "score": 1e999,\n  "z": -0.0,\n  "e": "caf\\u00e9"\n}');
		expect(requestText(item, exact)).toContain('"duration": 1.50,\n  "json_input": {\n    "seed": 18446744073709551615,');
	});

	it('leaves an absent part out and keeps a null one, as the viewer shows them', () => {
		const payload: Payload = {output: null, source: {item: '{"request_id":"r-1","json_output":null}', output: 'null'}};
		expect(shownPayload(payload)).toEqual({output: null});
		expect(shownText(payload)).toBe('{\n  "output": null\n}');
		expect(partText(payload, 'input')).toBeUndefined();
		expect(partText(payload, 'output')).toBe('null');
		const none: Payload = {source: {item: '{"request_id":"r-1"}'}};
		expect(shownPayload(none)).toBeUndefined();
		expect(shownSource(none)).toBeUndefined();
		expect(shownText(none)).toBe('');
		expect(requestText(item, none)).toBe('{\n  "request_id": "r-1"\n}');
	});

	it('writes payloads that came without their text from their values', () => {
		const carried: Payload = {input: {prompt: 'a'}, output: [1]};
		expect(shownSource(carried)).toBeUndefined();
		expect(shownText(carried)).toBe(JSON.stringify({input: {prompt: 'a'}, output: [1]}, null, 2));
		expect(partText(carried, 'input')).toBe('{\n  "prompt": "a"\n}');
		expect(requestText(item, carried)).toBe(JSON.stringify({...item, json_input: {prompt: 'a'}, json_output: [1]}, null, 2));
	});

	it('handles a payload nested 20,000 deep, with or without its text', () => {
		const text = deeplyNestedText();
		const withText = partText({input: deeplyNested(), source: {item: `{"json_input":${text}}`, input: text}}, 'input')!;
		const withoutText = partText({input: deeplyNested()}, 'input')!;
		expect(withText).toBe(withoutText);
		expect(withText.replaceAll(/\s/g, '')).toBe(text);
	});
});
