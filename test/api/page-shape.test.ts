import {describe, expect, test} from 'vitest';
import {checkPage, itemSources, parsePage} from '../../source/api/page-shape.js';
import {item, pageOf} from './servers.js';

function problem(body: unknown): string {
	try {
		checkPage(body);
	} catch (error) {
		return (error as Error).message.replace('The API answered with a page falreq does not understand: ', '');
	}

	throw new Error('accepted');
}

describe('checkPage', () => {
	test('a page of the contract passes as it is, extra fields included', () => {
		const page = pageOf([item({json_input: null, json_output: [1, 'two'], billable_units: null}), {...item(), runner_id: 'r-1', extra: 1} as never], 'Mg==');
		expect(checkPage(structuredClone(page))).toEqual(page);
	});

	test('ended_at, status_code and duration may be left out: they read as null', () => {
		const {ended_at: _ended, status_code: _status, duration: _duration, ...running} = item();
		const [row] = checkPage({items: [running], next_cursor: null, has_more: false}).items;
		expect(row).toMatchObject({ended_at: null, status_code: null, duration: null});
	});

	test('the body and its three fields', () => {
		expect(problem([])).toBe('the body is an array, not an object.');
		expect(problem(null)).toBe('the body is null, not an object.');
		expect(problem({next_cursor: null, has_more: false})).toBe('items is missing, not an array.');
		expect(problem({items: {}, next_cursor: null, has_more: false})).toBe('items is an object, not an array.');
		expect(problem({items: [], has_more: false})).toBe('next_cursor is missing, not a string or null.');
		expect(problem({items: [], next_cursor: 2, has_more: true})).toBe('next_cursor is a number, not a string or null.');
		expect(problem({items: [], next_cursor: null})).toBe('has_more is missing, not true or false.');
		expect(problem({items: [], next_cursor: null, has_more: 'false'})).toBe('has_more is a string, not true or false.');
	});

	test('each item field, named with its index', () => {
		const cases: Array<[object, string]> = [
			[{request_id: 7}, 'items[1].request_id is a number, not a string.'],
			[{endpoint_id: null}, 'items[1].endpoint_id is null, not a string.'],
			[{sent_at: undefined}, 'items[1].sent_at is missing, not a string.'],
			[{started_at: {}}, 'items[1].started_at is an object, not a string.'],
			[{runner_id: 3}, 'items[1].runner_id is a number, not a string or null.'],
			[{ended_at: 5}, 'items[1].ended_at is a number, not a string or null.'],
			[{status_code: 200.5}, 'items[1].status_code is a number, not a whole number or null.'],
			[{duration: '1.5'}, 'items[1].duration is a string, not a number or null.'],
			[{billable_units: '3'}, 'items[1].billable_units is a string, not a number or null.'],
		];
		for (const [change, message] of cases) {
			expect(problem(pageOf([item(), {...item(), ...change} as never]))).toBe(message);
		}

		const {runner_id: _runner, ...noRunner} = item();
		expect(problem(pageOf([item(), noRunner as never]))).toBe('items[1].runner_id is missing, not a string or null.');
		expect(problem(pageOf([item(), 'row' as never]))).toBe('items[1] is a string, not an object.');
	});
});

describe('parsePage', () => {
	test('JSON text to a checked page', () => {
		const page = pageOf([item()]);
		expect(parsePage(JSON.stringify(page), 'application/json')).toEqual(page);
	});

	test('text that is not JSON does not quote the text back', () => {
		expect(() => parsePage('{"items": [{"request_id": "sec', 'application/json')).toThrow(
			"The API's answer (30 bytes) is not valid JSON; it was probably cut short. Try again.",
		);
		expect(() => parsePage('', undefined)).toThrow("The API's answer (0 bytes) is not valid JSON");
	});

	test('keeps each item\'s own text only when asked', () => {
		const first = `${JSON.stringify(item()).slice(0, -1)}, "json_input" : {"n": 123456789012345678901234567890}, "json_output":null }`;
		const second = `${JSON.stringify(item()).slice(0, -1)},"json_output":[1e999, -0.0]}`;
		const body = `{"next_cursor": null, "items": [ ${first},\n ${second} ], "has_more": false}`;
		const plain = parsePage(body, 'application/json');
		expect(plain).not.toHaveProperty('sources');
		expect(parsePage(body, 'application/json', {isSourceKept: true}).sources).toEqual([
			{item: first, input: '{"n": 123456789012345678901234567890}', output: 'null'},
			{item: second, output: '[1e999, -0.0]'},
		]);
	});
});

describe('itemSources', () => {
	test('a key given twice counts as JSON.parse counts it: the last', () => {
		const body = String.raw`{"items":[{"request_id":"x"}],"items":[{"json_output":1,"json\u005foutput":2.0,"json_input":"a"}],"next_cursor":null,"has_more":false}`;
		expect(itemSources(body)).toEqual([{item: String.raw`{"json_output":1,"json\u005foutput":2.0,"json_input":"a"}`, output: '2.0', input: '"a"'}]);
	});

	test('a payload of several MB is sliced, not copied or parsed again', () => {
		const uri = `data:image/png;base64,${'QUJD'.repeat(1_250_000)}`;
		const output = `{"images":[{"url":"${uri}","width":1024}],"seed":1}`;
		const body = `{"items":[{"request_id":"big","json_input":{"prompt":"\\"quoted\\""},"json_output":${output}}],"next_cursor":null,"has_more":false}`;
		const started = performance.now();
		const [source] = itemSources(body);
		// One indexOf over the data URI; generous for a loaded machine.
		expect(performance.now() - started).toBeLessThan(200);
		expect(source!.output).toBe(output);
		expect(source!.input).toBe(String.raw`{"prompt":"\"quoted\""}`);
	});
});
