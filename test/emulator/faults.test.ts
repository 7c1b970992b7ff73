import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {allEndpoints, emulatorFor, errorErrors, list, page, pageErrors} from './helpers.js';

let emulator: Emulator;
beforeEach(async () => {
	emulator = await emulatorFor({requests: 1000});
});
afterEach(async () => emulator.close());

const query = 'endpoint_id=fal-ai/flux/dev&limit=5';
type ErrorBody = {error: {type: string; message: string}};

describe('answers replaced by faults', () => {
	test('429 with Retry-After, as many times as asked, then normal answers', async () => {
		emulator.setFaults({rateLimit: {times: 2, retryAfter: 3}});
		const first = await list(emulator, query);
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('3');
		expect(errorErrors(first.body)).toEqual([]);
		expect((first.body as ErrorBody).error.type).toBe('rate_limited');
		expect((await list(emulator, query)).status).toBe(429);
		expect((await list(emulator, query)).status).toBe(200);
		expect(emulator.log.map((entry) => entry.status)).toEqual([429, 429, 200]);
	});

	test('429 on every third request, for as long as the fault is set', async () => {
		emulator.setFaults({rateLimit: {every: 3, retryAfter: 1}});
		for (let request = 0; request < 7; request++) {
			const reply = await list(emulator, query);
			expect(reply.headers.get('retry-after')).toBe(reply.status === 429 ? '1' : null);
		}

		expect(emulator.log.map((entry) => entry.status)).toEqual([200, 200, 429, 200, 200, 429, 200]);
	});

	test('429 without Retry-After', async () => {
		emulator.setFaults({rateLimit: {times: 1}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(429);
		expect(reply.headers.has('retry-after')).toBe(false);
	});

	test.each([500, 503, 504] as const)('%i with the API error body', async (status) => {
		emulator.setFaults({serverError: {times: 1, status}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(status);
		expect(errorErrors(reply.body)).toEqual([]);
		expect((reply.body as ErrorBody).error.type).toBe('server_error');
	});

	test('502 is a proxy HTML page', async () => {
		emulator.setFaults({serverError: {times: 1, status: 502}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(502);
		expect(reply.headers.get('content-type')).toBe('text/html');
		expect(reply.text).toContain('<h1>502 Bad Gateway</h1>');
	});

	test.each([503, 504] as const)('%i with an empty body', async (status) => {
		emulator.setFaults({serverError: {times: 1, status, body: 'empty'}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(status);
		expect(reply.text).toBe('');
		expect(reply.headers.get('content-length')).toBe('0');
	});

	test('a burst without end lasts until the faults are replaced', async () => {
		emulator.setFaults({serverError: {times: Number.POSITIVE_INFINITY, status: 503}});
		const statuses = [];
		for (let index = 0; index < 5; index++) {
			statuses.push((await list(emulator, query)).status);
		}

		emulator.setFaults({});
		statuses.push((await list(emulator, query)).status);
		expect(statuses).toEqual([503, 503, 503, 503, 503, 200]);
	});

	test('the locked account is a 403 with its own body', async () => {
		emulator.setFaults({locked: {times: 1, reason: 'Unpaid invoices.'}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(403);
		expect(reply.body).toEqual({detail: 'User is locked. Reason: Unpaid invoices.'});
	});

	test('faults passed at start are active from the first request', async () => {
		const faulty = await emulatorFor({requests: 200, faults: {locked: {times: 1}}});
		try {
			const reply = await list(faulty, query);
			expect(reply.status).toBe(403);
			expect((reply.body as {detail: string}).detail).toMatch(/^User is locked\. Reason: .+/);
		} finally {
			await faulty.close();
		}
	});
});

describe('answers spoiled in delivery', () => {
	test('a dropped connection sends the headers and part of the body, then resets', async () => {
		emulator.setFaults({drop: {times: 1}});
		const response = await fetch(`${emulator.url}/serverless/requests/by-endpoint?${query}`, {
			headers: {authorization: 'Key fal_demo_key_0000'},
		});
		expect(response.status).toBe(200);
		await expect(response.text()).rejects.toThrow();
		expect((await list(emulator, query)).status).toBe(200);
	});

	test('a truncated body is complete as HTTP but cut short as JSON', async () => {
		emulator.setFaults({truncate: {times: 1}});
		const reply = await list(emulator, query);
		expect(reply.status).toBe(200);
		expect(Number(reply.headers.get('content-length'))).toBe(Buffer.byteLength(reply.text));
		expect(reply.text.startsWith('{"items":[')).toBe(true);
		expect(() => JSON.parse(reply.text) as unknown).toThrow();
	});

	test('added latency delays every answer', async () => {
		emulator.setFaults({latencyMs: 120});
		const started = performance.now();
		expect((await list(emulator, query)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(110);
	});
});

describe('data that changes under a client', () => {
	test('new requests arriving between pages shift the next page, which repeats rows', async () => {
		emulator.setFaults({newRequests: {perPage: 3}});
		const first = page(await list(emulator, query));
		const second = page(await list(emulator, `${query}&cursor=${first.next_cursor!}`));
		expect(second.items.slice(0, 3)).toEqual(first.items.slice(2));
		expect(emulator.dataset.size).toBe(1003);
		const top = page(await list(emulator, query));
		expect(top.items.slice(3)).toEqual(first.items.slice(0, 2));
	});

	test('arrivals land in what the client pages through (same endpoints and status)', async () => {
		emulator.setFaults({newRequests: {perPage: 2, times: 1}});
		const filtered = 'endpoint_id=acme/upscaler&status=error&start=2025-05-25&limit=5';
		const first = page(await list(emulator, filtered));
		const second = page(await list(emulator, `${filtered}&cursor=${first.next_cursor!}`));
		const third = page(await list(emulator, `${filtered}&cursor=${second.next_cursor!}`));
		expect(second.items.slice(0, 2)).toEqual(first.items.slice(3));
		expect(second.items.map((item) => item.request_id)).not.toContain(third.items[0]!.request_id);
		const arrived = emulator.dataset.items().slice(1000);
		expect(arrived).toHaveLength(2);
		expect(arrived.every((item) => item.endpoint_id.startsWith('acme/upscaler/') && item.status_code! >= 500)).toBe(true);
	});

	test('addRequests puts new, not yet billed rows on top', async () => {
		emulator.addRequests(200);
		const items = page(await list(emulator, [...allEndpoints(emulator), ['limit', '100'], ['expand', 'billing']])).items;
		const added = new Set(emulator.dataset.items().slice(1000).map((item) => item.request_id));
		expect(added.size).toBe(200);
		expect(items.every((item) => added.has(item.request_id) && item.billable_units === null)).toBe(true);
		expect(pageErrors({items, next_cursor: null, has_more: false})).toEqual([]);
	});
});

describe('hostile strings', () => {
	test('error messages carry escape sequences under the hostile fault', async () => {
		emulator.setFaults({hostile: {times: 2}, rateLimit: {times: 1}});
		const limited = await list(emulator, query);
		expect((limited.body as ErrorBody).error.message).toContain('\u001B[2J');
		const invalid = await list(emulator, `${query}&limit=0`);
		expect((invalid.body as ErrorBody).error.message).toMatch(/\u001B\]0;.*\u0007/);
		expect((await list(emulator, `${query}&limit=0`)).text).not.toContain('\\u001b');
	});

	test('endpoint ids and the locked reason carry them too', async () => {
		emulator.setFaults({hostile: {times: 2}, locked: {times: 1}});
		expect((await list(emulator, query)).text).toContain('\\u001b]52;');
		const items = page(await list(emulator, query)).items;
		expect(items.every((item) => item.endpoint_id.includes('\u202E') && item.endpoint_id.includes('\u001B[2J'))).toBe(true);
	});
});
