import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createClient, type ApiClient, type ClientOptions, type RetryInfo} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {iteratePages} from '../../source/api/pages.js';
import type {Query, RequestItem} from '../../source/api/types.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {fetchPayloadWith} from '../../source/state/payload-loader.js';
import {list} from '../emulator/helpers.js';
import {recordingRetries} from './servers.js';

const fixedNow = new Date('2025-06-01T12:00:00Z');
const query: Query = {endpointIds: ['fal-ai/flux/dev', 'acme/upscaler'], start: '2025-05-29T00:00:00Z', limit: 20};

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({now: () => fixedNow, requests: 3000});
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.setFaults({});
	emulator.log.length = 0;
});

function clientFor(options: Partial<ClientOptions> = {}): {client: ApiClient; retries: RetryInfo[]} {
	const retries: RetryInfo[] = [];
	const client = recordingRetries(createClient({apiUrl: emulator.url, apiKey: demoKey, backoffMs: 2, ...options}), retries);
	return {client, retries};
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

const statuses = () => emulator.log.map(entry => entry.status);

describe('the client against each emulator misbehaviour', () => {
	test('429 with Retry-After: waits as told, then gets the page', async () => {
		emulator.setFaults({rateLimit: {times: 2, retryAfter: 0}});
		const {client, retries} = clientFor();
		const page = await client.listRequests(query);
		expect(page.items).toHaveLength(20);
		expect(retries.map(info => info.delayMs)).toEqual([0, 0]);
		expect(statuses()).toEqual([429, 429, 200]);
	});

	test('429 without Retry-After: backs off, then gets the page', async () => {
		emulator.setFaults({rateLimit: {times: 1}});
		const {client, retries} = clientFor();
		await expect(client.listRequests(query)).resolves.toMatchObject({has_more: true});
		expect(retries).toEqual([{attempt: 1, of: 3, delayMs: expect.any(Number) as number, reason: '429 rate limited', status: 429}]);
		expect(statuses()).toEqual([429, 200]);
	});

	test('429 that does not stop: rate_limited after the retries', async () => {
		emulator.setFaults({rateLimit: {times: Number.POSITIVE_INFINITY}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error).toMatchObject({kind: 'rate_limited', isRetryable: true});
		expect(error.message).toBe('The API is limiting how fast requests may be made (429) after 4 attempts; wait a minute and try again.');
	});

	test('a burst of 5xx shorter than the retries is ridden out', async () => {
		emulator.setFaults({serverError: {times: 3, status: 503}});
		const {client, retries} = clientFor();
		await expect(client.listRequests(query)).resolves.toMatchObject({has_more: true});
		expect(retries.map(info => info.reason)).toEqual(['503 Service Unavailable', '503 Service Unavailable', '503 Service Unavailable']);
	});

	test('a longer burst of 5xx is a server error with the API message', async () => {
		emulator.setFaults({serverError: {times: 4, status: 500}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error).toMatchObject({kind: 'server', status: 500, isRetryable: true});
		expect(error.message).toBe('The API failed with 500 after 4 attempts: An internal error occurred. Try again later.');
	});

	test("the proxy's HTML 502 is named, not dumped", async () => {
		emulator.setFaults({serverError: {times: 4, status: 502}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error.message).toBe(
			"The API's proxy answered 502 Bad Gateway after 4 attempts; the service may be briefly unavailable, so try again in a moment.",
		);
	});

	test('an empty 504', async () => {
		emulator.setFaults({serverError: {times: 1, status: 504, body: 'empty'}});
		const error = await failure(clientFor({retries: 0}).client.listRequests(query));
		expect(error.message).toBe(
			'The API answered 504 Gateway Timeout with an empty body; the service may be briefly unavailable, so try again in a moment.',
		);
	});

	test('a connection dropped mid-body is tried again', async () => {
		emulator.setFaults({drop: {times: 2}});
		const {client, retries} = clientFor();
		await expect(client.listRequests(query)).resolves.toMatchObject({has_more: true});
		expect(retries.map(info => info.reason)).toEqual(['connection dropped', 'connection dropped']);
	});

	test('connections that keep dropping are a network error', async () => {
		emulator.setFaults({drop: {times: Number.POSITIVE_INFINITY}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error).toMatchObject({kind: 'network', isRetryable: true});
		expect(error.message).toBe('The connection to the API dropped before the answer was complete after 4 attempts; try again.');
	});

	test('truncated JSON is a malformed answer, not a crash or empty rows', async () => {
		emulator.setFaults({truncate: {times: 1}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error).toMatchObject({kind: 'malformed', status: 200, isRetryable: true});
		expect(error.message).toMatch(/^The API's answer \([\d,]+ bytes\) is not valid JSON; it was probably cut short\. Try again\.$/);
		expect(emulator.log).toHaveLength(1);
	});

	test('a locked account: the detail as sent, made inert', async () => {
		emulator.setFaults({locked: {times: 1}, hostile: {times: 1}});
		const error = await failure(clientFor().client.listRequests(query));
		expect(error).toMatchObject({kind: 'locked', status: 403, isRetryable: false});
		expect(error.message).toMatch(
			/^The API refused the key because the account is locked \(403\): "User is locked\. Reason: Exceeded the spending limit\. Contact support@fal\.ai to unlock\. \\e\[2J/,
		);
		expect(error.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202E]/);
	});

	test('a wrong key, a foreign endpoint and a bad cursor', async () => {
		expect(await failure(clientFor({apiKey: 'fal_not_a_key'}).client.listRequests(query))).toMatchObject({kind: 'unauthorized'});
		const forbidden = await failure(clientFor().client.listRequests({endpointIds: ['someone/else']}));
		expect(forbidden.message).toBe(
			'The key may not read these endpoints (403): check the endpoint ids, or use a key of the account that owns them. It said: "This key does not own endpoint \'someone/else\'."',
		);
		const invalid = await failure(clientFor().client.listRequests({...query, cursor: 'zzz'}));
		expect(invalid).toMatchObject({kind: 'validation', status: 400});
		expect(invalid.message).toBe("The API refused the query (400 Bad Request): cursor 'zzz' is not a cursor this API gave out; start again without a cursor.");
	});

	test('pages of several MB pass the shape check', async () => {
		const {client} = clientFor();
		const large = emulator.dataset.largePayloads.toSorted((a, b) => b.bytes - a.bytes)[0]!;
		expect(large.bytes).toBeGreaterThan(10_000_000);
		const page = await client.listRequests({endpointIds: [...emulator.dataset.endpoints], requestId: large.requestId, expand: ['payloads', 'billing']});
		expect(page.items).toHaveLength(1);
		expect(JSON.stringify(page.items[0]![large.field]).length).toBeGreaterThanOrEqual(large.bytes);
	});
});

describe('paging while new requests arrive', () => {
	test('iteratePages yields every row once, in order, as if nothing had arrived', async () => {
		const {client} = clientFor();
		const reference = await client.listRequests({...query, limit: 100});
		const raw: RequestItem[] = [];
		const recording: ApiClient = {
			async listRequests(pageQuery, options) {
				const page = await client.listRequests(pageQuery, options);
				raw.push(...page.items);
				return page;
			},
		};

		emulator.setFaults({newRequests: {perPage: 7}});
		const yielded: RequestItem[] = [];
		for await (const batch of iteratePages(recording, query, {maxRows: 100})) {
			yielded.push(...batch);
		}

		const ids = yielded.map(row => row.request_id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(reference.items.map(row => row.request_id));
		// The pages really did repeat rows: the iterator dropped them.
		expect(raw.length).toBeGreaterThan(yielded.length);
	});
});

describe('payloads fetched with their own text', () => {
	test('are the server\'s bytes: the item, its input and its output', async () => {
		const {special, largePayloads} = emulator.dataset;
		const fiveMb = largePayloads.find(large => Math.abs(large.bytes - 5_000_000) < 1000)!;
		const fetchPayload = fetchPayloadWith(clientFor().client);
		for (const requestId of [special.hugeNumbers, special.deepNesting, fiveMb.requestId, special.nullOutput[0]!, special.missingPayloads[0]!]) {
			const item = emulator.dataset.find(requestId)!;
			const payload = await fetchPayload(item, new AbortController().signal);
			const texts = emulator.dataset.payloadText(requestId)!;
			expect(payload.source?.input).toBe(texts.input);
			expect(payload.source?.output).toBe(texts.output);
			const answer = await list(emulator, [['endpoint_id', item.endpoint_id], ['request_id', requestId], ['expand', 'payloads'], ['limit', '1']]);
			expect(answer.text).toBe(`{"items":[${payload.source!.item}],"next_cursor":null,"has_more":false}`);
		}
	});

	test('a list page keeps no text', async () => {
		const page = await clientFor().client.listRequests({...query, expand: ['payloads']});
		expect(page.items.length).toBeGreaterThan(0);
		expect(page).not.toHaveProperty('sources');
	});
});
