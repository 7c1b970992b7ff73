import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {ApiClient, CallOptions} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import type {Query, RequestItem, RequestPage} from '../../source/api/types.js';
import type {Msg} from '../../source/model/messages.js';
import {createEffectRunner, type EffectDeps} from '../../source/runtime/effects.js';
import {item, page} from '../state/fixtures.js';

type Call = {query: Query; options: CallOptions; resolve: (page: RequestPage) => void; reject: (error: unknown) => void};

function setup(deps: Partial<EffectDeps> = {}) {
	const calls: Call[] = [];
	const messages: Msg[] = [];
	const client: ApiClient = {
		async listRequests(query, options = {}) {
			return new Promise((resolve, reject) => {
				calls.push({query, options, resolve, reject});
			});
		},
	};
	const runner = createEffectRunner(
		{client, copy: vi.fn(), handOver: vi.fn(), env: {}, quit: vi.fn(), ...deps},
		msg => messages.push(msg),
	);
	return {calls, messages, runner, last: () => messages.at(-1)};
}

function withPayload(row: RequestItem, input: unknown): RequestPage {
	return {items: [{...row, json_input: input}], next_cursor: null, has_more: false};
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('payloads', () => {
	it('sends nothing while the cursor keeps moving, then one fetch for the row it rests on', async () => {
		const {calls, runner, last} = setup();
		for (let n = 0; n < 10; n++) {
			runner.run({type: 'selectPayload', item: item(n), delayMs: 100});
			await vi.advanceTimersByTimeAsync(50);
		}

		expect(calls).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(100);
		expect(calls.map(call => call.query.requestId)).toEqual([item(9).request_id]);
		expect(last()).toEqual({type: 'payloadLoading', requestId: item(9).request_id});
		calls[0]!.resolve(withPayload(item(9), {prompt: 'a cat'}));
		await vi.advanceTimersByTimeAsync(0);
		expect(last()).toEqual({type: 'payloadLoaded', requestId: item(9).request_id, payload: {input: {prompt: 'a cat'}}});
	});

	it('answers from the cache the second time, at once, and aborts a fetch the cursor left', async () => {
		const {calls, runner, messages, last} = setup();
		runner.run({type: 'selectPayload', item: item(1), delayMs: 100});
		await vi.advanceTimersByTimeAsync(100);
		calls[0]!.resolve(withPayload(item(1), 1));
		await vi.advanceTimersByTimeAsync(0);
		runner.run({type: 'selectPayload', item: item(2), delayMs: 100});
		await vi.advanceTimersByTimeAsync(100);
		expect(calls).toHaveLength(2);
		runner.run({type: 'selectPayload', item: item(1), delayMs: 100});
		expect(calls[1]!.options.signal?.aborted).toBe(true);
		expect(last()).toEqual({type: 'payloadLoaded', requestId: item(1).request_id, payload: {input: 1}});
		const count = messages.length;
		calls[1]!.resolve(withPayload(item(2), 2));
		await vi.advanceTimersByTimeAsync(0);
		expect(messages).toHaveLength(count);
	});

	it('reuses payloads a list page already carried', () => {
		const {calls, runner, last} = setup();
		runner.run({type: 'selectPayload', item: item(3, {json_input: {seed: 7}, json_output: null}), delayMs: 100});
		expect(calls).toHaveLength(0);
		expect(last()).toEqual({type: 'payloadLoaded', requestId: item(3).request_id, payload: {input: {seed: 7}, output: null}});
	});

	it('reports a failure in words, and a wait to retry as it happens', async () => {
		const {calls, runner, messages, last} = setup();
		runner.run({type: 'retryPayload', item: item(4)});
		calls[0]!.options.onRetry?.({attempt: 1, of: 3, delayMs: 3000, reason: '429 rate limited', status: 429});
		expect(last()).toEqual({type: 'retrying', task: 'payload', info: {attempt: 1, of: 3, delayMs: 3000, reason: '429 rate limited', status: 429}});
		calls[0]!.reject(new ApiError('server', 'The API failed; try again.'));
		await vi.advanceTimersByTimeAsync(0);
		expect(messages.at(-1)).toMatchObject({type: 'payloadFailed', requestId: item(4).request_id, error: {message: 'The API failed; try again.'}});
	});
});

describe('pages', () => {
	it('tags an answer with the generation it was asked for, and never reports one it aborted', async () => {
		const {calls, runner, messages} = setup();
		const query = {endpointIds: ['fal-ai/flux/dev']};
		runner.run({type: 'fetchPage', generation: 3, query, cursor: 'Mg=='});
		expect(calls[0]!.query).toEqual({...query, cursor: 'Mg=='});
		calls[0]!.resolve(page(0, 2, null));
		await vi.advanceTimersByTimeAsync(0);
		expect(messages).toEqual([{type: 'pageLoaded', generation: 3, cursor: 'Mg==', page: page(0, 2, null)}]);
		runner.run({type: 'fetchPage', generation: 4, query, cursor: undefined});
		runner.run({type: 'cancel', task: 'page'});
		calls[1]!.reject(new ApiError('aborted', 'cancelled'));
		await vi.advanceTimersByTimeAsync(0);
		expect(messages).toHaveLength(1);
	});
});

describe('remembering', () => {
	it('remembers after the delay, or at once when the explorer ends first', async () => {
		const saveFilters = vi.fn();
		const {runner} = setup({saveFilters});
		runner.run({type: 'remember', filters: {endpointIds: ['a/b']}, delayMs: 250});
		await vi.advanceTimersByTimeAsync(100);
		expect(saveFilters).not.toHaveBeenCalled();
		runner.dispose();
		await vi.advanceTimersByTimeAsync(0);
		expect(saveFilters).toHaveBeenCalledWith({endpointIds: ['a/b']});
	});

	it('says when the filters could not be remembered', async () => {
		const {runner, last} = setup({saveFilters: () => Promise.reject(new Error('disk full'))});
		runner.run({type: 'remember', filters: {endpointIds: ['a/b']}, delayMs: 0});
		await vi.advanceTimersByTimeAsync(0);
		expect(last()).toEqual({type: 'rememberFailed', message: 'disk full'});
	});
});

describe('login', () => {
	it('uses the new client after an accepted key, and never shows the key in a refusal', async () => {
		const next: ApiClient = {listRequests: vi.fn(async () => page(0, 1, null))};
		const login = vi.fn(async (key: string) => (key === 'good' ? {ok: true as const, client: next} : {ok: false as const, message: `The key ${key} was refused.`}));
		const {runner, messages} = setup({login});
		runner.run({type: 'login', key: 'bad-key'});
		await vi.advanceTimersByTimeAsync(0);
		expect(messages.at(-1)).toEqual({type: 'loginChecked', refusal: 'The key [your key] was refused.'});
		runner.run({type: 'login', key: 'good'});
		await vi.advanceTimersByTimeAsync(0);
		expect(messages.at(-1)).toEqual({type: 'loginChecked', refusal: undefined});
		runner.run({type: 'fetchPage', generation: 1, query: {endpointIds: ['a/b']}, cursor: undefined});
		expect(next.listRequests).toHaveBeenCalled();
	});
});
