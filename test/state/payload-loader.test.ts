import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {PayloadCache, type Payload} from '../../source/state/payload-cache.js';
import {createPayloadLoader, type PayloadStatus} from '../../source/state/payload-loader.js';
import {item} from './fixtures.js';

type Call = {item: RequestItem; signal: AbortSignal; resolve: (payload: Payload) => void; reject: (error: unknown) => void};

function setup() {
	const calls: Call[] = [];
	const statuses: PayloadStatus[] = [];
	const cache = new PayloadCache(1_000_000);
	const loader = createPayloadLoader({
		cache,
		delayMs: 100,
		fetch: (row, signal) => new Promise((resolve, reject) => {
			calls.push({item: row, signal, resolve, reject});
		}),
		onChange: status => statuses.push(status),
	});
	return {calls, statuses, cache, loader, last: () => statuses.at(-1)};
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('payload loader', () => {
	it('sends nothing while the cursor keeps moving, then one fetch for the row it rests on', async () => {
		const {calls, loader, last} = setup();
		for (let n = 0; n < 10; n++) {
			loader.select(item(n));
			await vi.advanceTimersByTimeAsync(50);
		}

		expect(calls).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(100);
		expect(calls.map(call => call.item.request_id)).toEqual([item(9).request_id]);
		calls[0]!.resolve({input: {prompt: 'a cat'}});
		await vi.advanceTimersByTimeAsync(0);
		expect(last()).toEqual({state: 'ready', requestId: item(9).request_id, payload: {input: {prompt: 'a cat'}}});
	});

	it('answers from the cache the second time, and aborts a fetch the cursor left', async () => {
		const {calls, loader, last} = setup();
		loader.select(item(1));
		await vi.advanceTimersByTimeAsync(100);
		calls[0]!.resolve({input: 1});
		await vi.advanceTimersByTimeAsync(0);
		loader.select(item(2));
		await vi.advanceTimersByTimeAsync(100);
		expect(calls).toHaveLength(2);
		loader.select(item(1));
		expect(calls[1]!.signal.aborted).toBe(true);
		expect(last()).toEqual({state: 'ready', requestId: item(1).request_id, payload: {input: 1}});
		calls[1]!.resolve({input: 2});
		await vi.advanceTimersByTimeAsync(0);
		expect(last()?.state).toBe('ready');
		expect(last()).toMatchObject({requestId: item(1).request_id});
	});

	it('reuses payloads a list page already carried', () => {
		const {calls, loader, last} = setup();
		loader.select(item(3, {json_input: {seed: 7}, json_output: null}));
		expect(calls).toHaveLength(0);
		expect(last()).toEqual({state: 'ready', requestId: item(3).request_id, payload: {input: {seed: 7}, output: null}});
	});

	it('reports a failure in words and fetches again on retry', async () => {
		const {calls, loader, last} = setup();
		loader.select(item(4));
		await vi.advanceTimersByTimeAsync(100);
		calls[0]!.reject({kind: 'server', message: 'The API failed; try again.', isRetryable: true});
		await vi.advanceTimersByTimeAsync(0);
		expect(last()).toMatchObject({state: 'failed', error: {message: 'The API failed; try again.'}});
		loader.retry();
		expect(calls).toHaveLength(2);
	});
});
