import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RetryInfo} from '../../source/api/client.js';
import {lazyClient, withEarlyFirstPage} from '../../source/api/lazy-client.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({port: 0});
});
afterAll(async () => {
	await emulator.close();
});

const query = {endpointIds: ['fal-ai/flux/dev'], limit: 5};

it('answers like the client it loads on the first request', async () => {
	const client = lazyClient({apiUrl: emulator.url, apiKey: demoKey});
	const page = await client.listRequests(query);
	expect(page.items).toHaveLength(5);
});

/** Waits until the emulator has received `count` requests in all. */
async function requestsReach(count: number): Promise<void> {
	await expect.poll(() => emulator.log.length, {timeout: 5000}).toBeGreaterThanOrEqual(count);
}

function early(apiKey = demoKey, asked = query) {
	const options = {apiUrl: emulator.url, apiKey};
	return withEarlyFirstPage(lazyClient(options), options, asked);
}

it('asks for the first page at once and hands that answer to the first request for it', async () => {
	const before = emulator.log.length;
	const {client} = early();
	await requestsReach(before + 1);
	const page = await client.listRequests({...query});
	expect(page.items).toHaveLength(5);
	expect(emulator.log.length).toBe(before + 1);
	// Only the first taker gets it: the next request for the same page is sent again.
	await client.listRequests(query);
	expect(emulator.log.length).toBe(before + 2);
});

it('gives the page to the first frame once it has come, and then asks again', async () => {
	const before = emulator.log.length;
	const {client, take} = early();
	expect(take()).toBeUndefined();
	await requestsReach(before + 1);
	await expect.poll(() => take()?.items.length).toBe(5);
	expect(take()).toBeUndefined();
	await client.listRequests(query);
	expect(emulator.log.length).toBe(before + 2);
});

it('sends a different first request as it is, and drops the early answer', async () => {
	const before = emulator.log.length;
	const {client} = early();
	const page = await client.listRequests({...query, limit: 3});
	expect(page.items).toHaveLength(3);
	expect(emulator.log.slice(before).map(entry => entry.query['limit'])).toContainEqual(['3']);
});

it('aborts the early request when the request that took it over is aborted', async () => {
	emulator.setFaults({latencyMs: 2000});
	try {
		const {client} = early();
		const controller = new AbortController();
		const answer = client.listRequests(query, {signal: controller.signal});
		controller.abort();
		await expect(answer).rejects.toMatchObject({kind: 'aborted'});
	} finally {
		emulator.setFaults({});
	}
});

it('leaves a failed early request to got, which asks again and reports the failure in words', async () => {
	const before = emulator.log.length;
	const {client, take} = early('fal_wrong_key_0000');
	await requestsReach(before + 1);
	await expect(client.listRequests(query)).rejects.toMatchObject({kind: 'unauthorized'});
	expect(emulator.log.length).toBe(before + 2);
	expect(take()).toBeUndefined();
});

it('leaves a page cut short to got, which retries it', async () => {
	emulator.setFaults({truncate: {times: 1}});
	try {
		const before = emulator.log.length;
		const {client} = early();
		const page = await client.listRequests(query);
		expect(page.items).toHaveLength(5);
		expect(emulator.log.length).toBe(before + 2);
	} finally {
		emulator.setFaults({});
	}
});

it('honours a Retry-After on the early request: the next request waits for it, and the wait is told', async () => {
	emulator.setFaults({rateLimit: {times: 1, retryAfter: 1}});
	try {
		const before = emulator.log.length;
		const {client} = early();
		await requestsReach(before + 1);
		const retries: RetryInfo[] = [];
		const started = Date.now();
		const page = await client.listRequests(query, {onRetry: info => retries.push(info)});
		expect(page.items).toHaveLength(5);
		expect(retries).toMatchObject([{attempt: 1, delayMs: 1000, status: 429}]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(990);
		expect(emulator.log.slice(before).map(entry => entry.status)).toEqual([429, 200]);
	} finally {
		emulator.setFaults({});
	}
});
