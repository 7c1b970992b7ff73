import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../../source/api/types.js';
import {defaultSaveName, saveText} from '../../../source/views/detail-pane/save-flow.js';
import {describeParts} from '../../../source/views/detail-pane/shown-payload.js';

const item = {
	request_id: '0b5c7a2e-1111-4222-8333-444455556666',
	endpoint_id: 'fal-ai/flux/dev',
	status_code: 422,
} as RequestItem;

describe('saving a payload', () => {
	it('names the file after the request and the part, in the current directory', () => {
		expect(defaultSaveName(item.request_id, 'output')).toBe('falreq-0b5c7a2e-1111-4222-8333-444455556666-output.json');
		expect(defaultSaveName('../x/y', 'input')).toBe('falreq-___x_y-input.json');
	});

	it('saves a part as it is, null included, and says why an absent part cannot be saved', () => {
		expect(saveText('output', item, {input: {prompt: 'a'}, output: null})).toEqual({ok: true, text: 'null'});
		expect(saveText('input', item, {output: null})).toEqual({
			ok: false,
			message: 'This request has no input to save: it was not stored, or it has been deleted.',
		});
	});

	it('saves the whole request with the payloads it has, as the API names them', () => {
		expect(saveText('request', item, {input: {prompt: 'a'}})).toEqual({ok: true, text: JSON.stringify({...item, json_input: {prompt: 'a'}}, null, 2)});
	});

	it('saves the API\'s own text of a part or of the request when it came with the payload', () => {
		const source = {item: '{"request_id":"r","json_output":{"n":1e999,"2":2,"1":1}}', output: '{"n":1e999,"2":2,"1":1}'};
		const payload = {output: {n: Number.POSITIVE_INFINITY, 1: 1, 2: 2}, source};
		expect(saveText('output', item, payload)).toEqual({ok: true, text: '{\n  "n": 1e999,\n  "2": 2,\n  "1": 1\n}'});
		expect(saveText('request', item, payload)).toEqual({
			ok: true,
			text: '{\n  "request_id": "r",\n  "json_output": {\n    "n": 1e999,\n    "2": 2,\n    "1": 1\n  }\n}',
		});
		expect(saveText('input', item, payload)).toMatchObject({ok: false});
	});

	it('tells absent, null and present parts apart in words', () => {
		expect(describeParts({input: {}, output: null})).toBe('input · output is null');
		expect(describeParts({output: [1]})).toBe('no input (not stored, or deleted) · output');
	});
});
