import {describe, expect, test} from 'vitest';
import {createClient, type ClientOptions, type RetryInfo} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {backoffMs, retryAfterMs} from '../../source/api/retry.js';
import {okPage, recordingRetries, send, sequence, testKey, type Handler, type TestServer, query, serverPool} from './servers.js';

const serve = serverPool();

function clientFor(server: TestServer, options: Partial<ClientOptions> = {}) {
	const retries: RetryInfo[] = [];
	const client = recordingRetries(createClient({apiUrl: server.url, apiKey: testKey, backoffMs: 8, ...options}), retries);
	return {client, retries};
}

/** Resolves once `condition` holds, checking every few ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}

		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

type Reply = Parameters<Handler>[1];

const rateLimited = (headers: Record<string, string> = {}) => (response: Reply) =>
	send(response, 429, {error: {type: 'rate_limited', message: 'Slow down.'}}, headers);

describe('retries', () => {
	test('each retryable status is tried again until a page comes', async () => {
		const statuses = [429, 500, 502, 503, 504];
		const server = await serve(
			sequence(...statuses.map(status => (response: Reply) => send(response, status, '')), response => send(response, 200, okPage)),
		);
		const {client, retries} = clientFor(server, {retries: 5});
		await expect(client.listRequests(query)).resolves.toEqual(okPage);
		expect(retries.map(info => info.reason)).toEqual([
			'429 rate limited',
			'500 Internal Server Error',
			'502 Bad Gateway',
			'503 Service Unavailable',
			'504 Gateway Timeout',
		]);
		expect(retries.map(info => info.attempt)).toEqual([1, 2, 3, 4, 5]);
		expect(server.received).toHaveLength(6);
	});

	test('backoff doubles, with jitter in its upper half, when no Retry-After is given', async () => {
		const server = await serve(sequence(rateLimited()));
		const {client, retries} = clientFor(server, {retries: 3, backoffMs: 8});
		await expect(client.listRequests(query)).rejects.toMatchObject({kind: 'rate_limited'});
		expect(retries).toHaveLength(3);
		const ranges = [
			[4, 8],
			[8, 16],
			[16, 32],
		];
		for (const [index, [low, high]] of ranges.entries()) {
			expect(retries[index]!.delayMs).toBeGreaterThanOrEqual(low!);
			expect(retries[index]!.delayMs).toBeLessThanOrEqual(high!);
		}
	});

	test('Retry-After in seconds is waited for', async () => {
		const server = await serve(sequence(rateLimited({'retry-after': '0.2'}), response => send(response, 200, okPage)));
		const {client, retries} = clientFor(server);
		const started = Date.now();
		await expect(client.listRequests(query)).resolves.toEqual(okPage);
		expect(retries).toEqual([{attempt: 1, of: 3, delayMs: 200, reason: '429 rate limited', status: 429}]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});

	test('Retry-After as an HTTP date is waited for', async () => {
		const server = await serve(sequence(rateLimited({'retry-after': new Date(Date.now() + 1500).toUTCString()}), response => send(response, 200, okPage)));
		const {client, retries} = clientFor(server);
		const controller = new AbortController();
		const pending = client.listRequests(query, {signal: controller.signal});
		await until(() => retries.length === 1);
		// The date has whole seconds, so the wait is up to a second shorter than asked; backoff alone would be under 8 ms.
		expect(retries[0]!.delayMs).toBeGreaterThan(100);
		expect(retries[0]!.delayMs).toBeLessThanOrEqual(1500);
		controller.abort();
		await expect(pending).rejects.toMatchObject({kind: 'aborted'});
	});

	test('a Retry-After longer than a minute is not waited for: the user is told', async () => {
		const server = await serve(sequence(rateLimited({'retry-after': '3600'})));
		const {client, retries} = clientFor(server);
		const error = (await client.listRequests(query).catch((error: unknown) => error)) as ApiError;
		expect(retries).toEqual([]);
		expect(error).toMatchObject({kind: 'rate_limited', isRetryable: true});
		expect(error.message).toBe('The API is limiting how fast requests may be made (429); it asks to wait 60 min before trying again.');
	});

	test('a dropped connection is tried again', async () => {
		const server = await serve(
			sequence(
				response => {
					response.writeHead(200, {'content-type': 'application/json', 'content-length': 5000});
					response.write('{"items":[{"request_id":', () => response.socket?.destroy());
				},
				response => response.socket?.destroy(),
				response => send(response, 200, okPage),
			),
		);
		const {client, retries} = clientFor(server);
		await expect(client.listRequests(query)).resolves.toEqual(okPage);
		expect(retries.map(info => info.reason)).toEqual(['connection dropped', 'connection dropped']);
	});

	test('retries: 0 makes one request only', async () => {
		const server = await serve(sequence(rateLimited()));
		const {client, retries} = clientFor(server, {retries: 0});
		await expect(client.listRequests(query)).rejects.toMatchObject({kind: 'rate_limited'});
		expect(retries).toEqual([]);
		expect(server.received).toHaveLength(1);
	});

	test('400, 401, 403 and 404 are not tried again', async () => {
		for (const status of [400, 401, 403, 404]) {
			const server = await serve(sequence(response => send(response, status, {error: {type: 'x', message: 'no'}})));
			const {client, retries} = clientFor(server);
			await expect(client.listRequests(query)).rejects.toMatchObject({status});
			expect(retries).toEqual([]);
			expect(server.received).toHaveLength(1);
		}
	});
});

describe('abort', () => {
	test('an abort while waiting for the answer stops at once', async () => {
		const server = await serve(() => undefined);
		const {client} = clientFor(server);
		const controller = new AbortController();
		const pending = client.listRequests(query, {signal: controller.signal});
		await until(() => server.received.length === 1);
		controller.abort();
		await expect(pending).rejects.toMatchObject({kind: 'aborted', isRetryable: false, message: 'The request was cancelled.'});
	});

	test('an abort during a retry wait stops without another request', async () => {
		const server = await serve(sequence(rateLimited({'retry-after': '30'})));
		const {client, retries} = clientFor(server);
		const controller = new AbortController();
		const pending = client.listRequests(query, {signal: controller.signal});
		await until(() => retries.length === 1);
		controller.abort();
		await expect(pending).rejects.toMatchObject({kind: 'aborted'});
		expect(server.received).toHaveLength(1);
	});

	test('an already aborted signal sends nothing', async () => {
		const server = await serve(sequence(response => send(response, 200, okPage)));
		const {client} = clientFor(server);
		await expect(client.listRequests(query, {signal: AbortSignal.abort()})).rejects.toMatchObject({kind: 'aborted'});
		expect(server.received).toHaveLength(0);
	});
});

describe('retry arithmetic', () => {
	test('Retry-After forms', () => {
		const now = Date.parse('2025-06-01T12:00:00Z');
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(' 0 ', now)).toBe(0);
		expect(retryAfterMs('Sun, 01 Jun 2025 12:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('-1', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});

	test('backoff is capped', () => {
		expect(backoffMs(1, 500, () => 0)).toBe(250);
		expect(backoffMs(1, 500, () => 1)).toBe(500);
		expect(backoffMs(3, 500, () => 1)).toBe(2000);
		expect(backoffMs(20, 500, () => 1)).toBe(30_000);
	});
});
