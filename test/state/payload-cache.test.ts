import {describe, expect, it} from 'vitest';
import {PayloadCache, payloadBytes} from '../../source/state/payload-cache.js';
import {deeplyNested} from '../deep-json.js';

describe('payload cache', () => {
	it('evicts the least recently used payloads to stay within its bytes', () => {
		const cache = new PayloadCache(100);
		cache.set('a', {input: 1}, 40);
		cache.set('b', {input: 2}, 40);
		expect(cache.get('a')).toEqual({input: 1});
		cache.set('c', {input: 3}, 40);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toEqual({input: 1});
		expect(cache.get('c')).toEqual({input: 3});
		expect(cache.bytes).toBe(80);
	});

	it('does not keep a payload bigger than the whole cache', () => {
		const cache = new PayloadCache(10);
		cache.set('big', {input: 'x'.repeat(100)});
		expect(cache.get('big')).toBeUndefined();
		expect(cache.bytes).toBe(0);
	});

	it('charges a payload by its JSON size', () => {
		const cache = new PayloadCache(1000);
		cache.set('a', {input: {prompt: 'cat'}, output: null});
		expect(cache.bytes).toBe(JSON.stringify({prompt: 'cat'}).length + 4);
	});

	it('charges a payload kept with its text by the text: the item\'s and the payloads\' (about what the parsed values take)', () => {
		const input = '{"prompt":"café"}';
		const item = `{"request_id":"r","json_input":${input}}`;
		expect(payloadBytes({input: {prompt: 'café'}, source: {item, input}})).toBe(item.length + input.length);
	});

	it('sizes a payload nested too deep for JSON.stringify instead of crashing', () => {
		const cache = new PayloadCache(1_000_000);
		const payload = {input: deeplyNested(), output: null};
		cache.set('deep', payload);
		expect(cache.get('deep')).toBe(payload);
		expect(payloadBytes(payload)).toBeGreaterThan(100_000);
	});
});
