import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {allEndpoints, emulatorFor, errorErrors, fixedNow, list, page, pageErrors} from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await emulatorFor();
});
afterAll(async () => emulator.close());

type ErrorBody = {error: {type: string; message: string}};

describe('answers', () => {
	test('binds 127.0.0.1 only and gives the client its prefix URL', () => {
		expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}/v1`);
	});

	test.each([
		['a plain page', 'endpoint_id=fal-ai/flux/dev'],
		['payloads and billing', 'endpoint_id=fal-ai/flux/dev&expand=payloads&expand=billing&limit=100'],
		['sorted by duration', 'endpoint_id=acme/upscaler&sort_by=duration&start=2025-05-25'],
		['errors only', 'endpoint_id=fal-ai/flux/dev,fal-ai/fast-sdxl&status=error&start=2025-05-25'],
		['an empty page', 'endpoint_id=acme/other'],
	])('%s matches the RequestPage schema', async (_name, query) => {
		const reply = await list(emulator, query);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('application/json');
		expect(pageErrors(reply.body)).toEqual([]);
		expect(page(reply).has_more).toBe(page(reply).next_cursor !== null);
	});

	test('every row of every status class, running rows included, matches the schema', async () => {
		const {special} = emulator.dataset;
		for (const status of ['success', 'user_error', 'error']) {
			const reply = await list(emulator, [
				...allEndpoints(emulator),
				['status', status],
				['limit', '100'],
				['expand', 'payloads'],
				['expand', 'billing'],
			]);
			expect(pageErrors(reply.body)).toEqual([]);
			expect(page(reply).items.length).toBeGreaterThan(0);
		}

		const running = await list(emulator, `endpoint_id=fal-ai/kling-video&request_id=${special.running[0]!}&expand=billing`);
		expect(pageErrors(running.body)).toEqual([]);
	});
});

describe('authentication', () => {
	test.each([
		['no Authorization header', null, 'Key'],
		['an unknown key', 'fal_wrong_key', 'Key'],
		['the Bearer scheme', demoKey, 'Bearer'],
		['a lower-case scheme', demoKey, 'key'],
	])('%s is answered 401 authorization_error', async (_name, key, scheme) => {
		const reply = await list(emulator, 'endpoint_id=fal-ai/flux/dev', key, scheme);
		expect(reply.status).toBe(401);
		expect(errorErrors(reply.body)).toEqual([]);
		expect((reply.body as ErrorBody).error.type).toBe('authorization_error');
		expect(reply.text).not.toContain(demoKey);
	});

	test('an endpoint the key does not own is answered 403, naming it', async () => {
		const reply = await list(emulator, 'endpoint_id=fal-ai/flux/dev,someone/else');
		expect(reply.status).toBe(403);
		expect(errorErrors(reply.body)).toEqual([]);
		expect((reply.body as ErrorBody).error).toMatchObject({type: 'authorization_error', message: expect.stringContaining('someone/else')});
	});

	test('configured keys own only their owners', async () => {
		const custom = await startEmulator({now: () => fixedNow, requests: 200, keys: {'acme-key': ['acme']}});
		try {
			expect((await list(custom, 'endpoint_id=acme/upscaler', 'acme-key')).status).toBe(200);
			expect((await list(custom, 'endpoint_id=fal-ai/flux/dev', 'acme-key')).status).toBe(403);
			expect((await list(custom, 'endpoint_id=acme/upscaler', demoKey)).status).toBe(401);
		} finally {
			await custom.close();
		}
	});

	test('the log records requests without the key', async () => {
		await list(emulator, 'endpoint_id=acme/upscaler/hd&limit=1');
		await list(emulator, 'endpoint_id=acme/upscaler/hd&limit=1', 'fal_wrong_key');
		expect(emulator.log.slice(-2)).toEqual([
			{path: '/v1/serverless/requests/by-endpoint', query: {endpoint_id: ['acme/upscaler/hd'], limit: ['1']}, status: 200, authorized: true, at: expect.any(Number) as number},
			{path: '/v1/serverless/requests/by-endpoint', query: {endpoint_id: ['acme/upscaler/hd'], limit: ['1']}, status: 401, authorized: false, at: expect.any(Number) as number},
		]);
		expect(JSON.stringify(emulator.log)).not.toContain(demoKey);
	});
});

describe('validation', () => {
	const fiftyOne = Array.from({length: 51}, (_, index) => `fal-ai/model-${index}`);
	test.each([
		['limit', 'limit=0'],
		['limit', 'limit=101'],
		['limit', 'limit=ten'],
		['limit', 'limit=1.5'],
		['limit', 'limit=-1'],
		['limit', 'limit=10&limit=20'],
		['cursor', 'cursor=%25%25%25'],
		['cursor', 'cursor=abc'],
		['cursor', `cursor=${Buffer.from('two').toString('base64')}`],
		['cursor', `cursor=${Buffer.from('0').toString('base64')}`],
		['cursor', 'cursor='],
		['start', 'start=yesterday'],
		['start', 'start=2025-13-01'],
		['start', 'start=2025-02-30'],
		['end', 'end=2025-06-01T25:00:00Z'],
		['end', 'end=1748779200'],
		['start', 'start=2025-06-01&end=2025-05-01'],
		['start', 'start=2025-05-01T00:00:00Z&end=2025-05-01'],
		['start', 'end=2025-05-01'],
		['request_id', 'request_id=not-a-uuid'],
		['status', 'status=failed'],
		['sort_by', 'sort_by=started_at'],
		['expand', 'expand=everything'],
		['expand', 'expand=payloads,billing'],
	])('%s: %s is answered 400, naming the parameter', async (name, query) => {
		const reply = await list(emulator, `endpoint_id=fal-ai/flux/dev&${query}`);
		expect(reply.status).toBe(400);
		expect(errorErrors(reply.body)).toEqual([]);
		expect((reply.body as ErrorBody).error).toMatchObject({type: 'validation_error', message: expect.stringContaining(name)});
	});

	test.each([
		['no endpoint_id', 'limit=5'],
		['51 ids comma-separated', `endpoint_id=${fiftyOne.join(',')}`],
		['51 ids repeated', fiftyOne.map((id) => `endpoint_id=${id}`).join('&')],
		['an empty id', 'endpoint_id=fal-ai/flux/dev,,acme/upscaler'],
	])('endpoint_id: %s is answered 400, naming the parameter', async (_name, query) => {
		const reply = await list(emulator, query);
		expect(reply.status).toBe(400);
		expect((reply.body as ErrorBody).error).toMatchObject({type: 'validation_error', message: expect.stringContaining('endpoint_id')});
	});

	test.each([
		['50 ids', Array.from({length: 50}, (_, index) => `endpoint_id=fal-ai/model-${index}`).join('&')],
		['limit at its bounds', 'endpoint_id=fal-ai/flux/dev&limit=1'],
		['limit 100', 'endpoint_id=fal-ai/flux/dev&limit=100'],
		['a date-time with an offset', 'endpoint_id=fal-ai/flux/dev&start=2025-05-31T14:00:00%2B02:00'],
		['a date-time with microseconds', 'endpoint_id=fal-ai/flux/dev&end=2025-06-01T11:00:00.123456Z'],
		['an upper-case UUID', 'endpoint_id=fal-ai/flux/dev&request_id=0F2A1B3C-0000-4000-8000-000000000000'],
		['the first page as a cursor', `endpoint_id=fal-ai/flux/dev&cursor=${Buffer.from('1').toString('base64')}`],
	])('%s is accepted', async (_name, query) => {
		expect((await list(emulator, query)).status).toBe(200);
	});
});

describe('unknown paths', () => {
	test.each(['/v1/serverless/requests', '/v1/serverless/requests/by-endpoint/', '/v2/serverless/requests/by-endpoint', '/'])(
		'%s is answered 404 not_found',
		async (path) => {
			const response = await fetch(`http://127.0.0.1:${emulator.port}${path}`, {headers: {authorization: `Key ${demoKey}`}});
			const body = (await response.json()) as ErrorBody;
			expect(response.status).toBe(404);
			expect(errorErrors(body)).toEqual([]);
			expect(body.error.type).toBe('not_found');
		},
	);

	test('another method is answered 404', async () => {
		const response = await fetch(`${emulator.url}/serverless/requests/by-endpoint?endpoint_id=fal-ai/flux/dev`, {
			method: 'POST',
			headers: {authorization: `Key ${demoKey}`},
		});
		expect(response.status).toBe(404);
		await response.body?.cancel();
	});
});
