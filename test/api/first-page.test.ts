import {createGzip} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {fetchFirstPage} from '../../source/api/first-page.js';
import {item, okPage, pageOf, query, send, serverPool, testKey, type Handler} from './servers.js';

const serve = serverPool();

async function first(handler: Handler, options: {timeoutMs?: number} = {}) {
	const server = await serve(handler);
	const page = await fetchFirstPage({apiUrl: server.url, apiKey: testKey, ...options}, query, new AbortController().signal);
	return {page, server};
}

describe('the early first page', () => {
	it('is the page of a clean answer, asked for like got asks for it', async () => {
		const page = pageOf([item(), item()], 'next');
		const {page: answer, server} = await first((_request, response) => {
			send(response, 200, page);
		});
		expect(answer).toEqual({page});
		const {url, headers} = server.received[0]!;
		expect(url.pathname).toBe('/v1/serverless/requests/by-endpoint');
		expect(url.searchParams.getAll('endpoint_id')).toEqual(['fal-ai/flux/dev']);
		expect(headers).toMatchObject({authorization: `Key ${testKey}`, accept: 'application/json', 'user-agent': 'falreq'});
	});

	it.each<[string, Handler, {status: number; delayMs?: number}]>([
		['a 429 with Retry-After', (_request, response) => send(response, 429, {detail: 'Too many requests'}, {'retry-after': '1'}), {status: 429, delayMs: 1000}],
		['a 429 without', (_request, response) => send(response, 429, {detail: 'Too many requests'}), {status: 429}],
		['an HTML 502', (_request, response) => send(response, 502, '<html><body>Bad gateway</body></html>', {'content-type': 'text/html'}), {status: 502}],
		['a 503 with Retry-After', (_request, response) => send(response, 503, '', {'retry-after': '2'}), {status: 503, delayMs: 2000}],
	])('after %s, says how long to wait before got asks again', async (_what, handler, expected) => {
		const {page, server} = await first(handler);
		expect(page).toMatchObject({retry: expected.delayMs === undefined ? {status: expected.status} : expected});
		// Without Retry-After, a backoff like the client's own.
		expect(page !== undefined && 'retry' in page && page.retry.delayMs > 0).toBe(true);
		expect(server.received).toHaveLength(1);
	});

	it.each<[string, Handler]>([
		['a 401', (_request, response) => send(response, 401, {detail: 'Invalid key'})],
		['a 429 asking for longer than the client waits', (_request, response) => send(response, 429, {detail: 'Too many requests'}, {'retry-after': '3600'})],
		['a redirect', (_request, response) => send(response, 302, '', {location: 'http://127.0.0.1:1/elsewhere'})],
		['a body that is not a page', (_request, response) => send(response, 200, {items: 'none'})],
		['JSON cut short', (_request, response) => send(response, 200, JSON.stringify(okPage).slice(0, 20), {'content-type': 'application/json'})],
		[
			'a connection dropped mid-body',
			(_request, response) => {
				response.writeHead(200, {'content-type': 'application/json', 'content-length': '1000'});
				response.write('{"items": [');
				setImmediate(() => response.destroy());
			},
		],
		[
			'a compressed body',
			(_request, response) => {
				response.writeHead(200, {'content-type': 'application/json', 'content-encoding': 'gzip'});
				const gzip = createGzip();
				gzip.pipe(response);
				gzip.end(JSON.stringify(okPage));
			},
		],
	])('is left to got after %s, which asks again and says what went wrong', async (_what, handler) => {
		const {page, server} = await first(handler);
		expect(page).toBeUndefined();
		expect(server.received).toHaveLength(1);
	});

	it('is left to got when the API stays silent for the time got gives to connecting', async () => {
		const {page} = await first(() => undefined, {timeoutMs: 300});
		expect(page).toBeUndefined();
	});

	it('is not asked for where the key may not go', async () => {
		for (const apiUrl of ['http://api.fal.ai/v1', 'ftp://127.0.0.1/v1', 'not a url']) {
			// No server: a request would fail, but the check comes first and none is made.
			expect(await fetchFirstPage({apiUrl, apiKey: testKey}, query, new AbortController().signal)).toBeUndefined();
		}

		const server = await serve((_request, response) => {
			send(response, 200, okPage);
		});
		expect(await fetchFirstPage({apiUrl: server.url, apiKey: 'fal key\nwith a line break'}, query, new AbortController().signal)).toBeUndefined();
		expect(server.received).toHaveLength(0);
	});

	it('stops when aborted', async () => {
		const server = await serve(() => undefined);
		const controller = new AbortController();
		const page = fetchFirstPage({apiUrl: server.url, apiKey: testKey}, query, controller.signal);
		await expect.poll(() => server.received.length).toBe(1);
		controller.abort();
		expect(await page).toBeUndefined();
	});
});
