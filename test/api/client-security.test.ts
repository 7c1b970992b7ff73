import {inspect} from 'node:util';
import {describe, expect, test} from 'vitest';
import {isLoopback} from '../../source/api/api-url.js';
import {createClient, type ClientOptions, type RetryInfo} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {okPage, recordingRetries, send, sendStatusLine, testKey, type Handler, query, serverPool, startServer} from './servers.js';

const serve = serverPool();

async function failure(options: ClientOptions, signal?: AbortSignal, retries: RetryInfo[] = []): Promise<ApiError> {
	const error: unknown = await recordingRetries(createClient({backoffMs: 1, ...options}), retries)
		.listRequests(query, {signal})
		.then(
			() => undefined,
			(error: unknown) => error,
		);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

describe('where the key may go', () => {
	test('plain http to a host that is not this machine is refused before anything is sent', async () => {
		for (const apiUrl of ['http://api.fal.ai/v1', 'http://10.0.0.1:8080/v1', 'http://127.0.0.1.nip.io/v1', 'http://localhost.example.com/']) {
			const error = await failure({apiUrl, apiKey: testKey});
			expect(error.kind).toBe('insecure');
			expect(error.message).toBe(
				`Refusing to send the API key over plain http to ${new URL(apiUrl).host}: use https://, or http:// only for this machine (localhost, 127.0.0.1, ::1).`,
			);
		}
	});

	test('loopback addresses are this machine', () => {
		for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.8.9.10', '[::1]', '::1']) {
			expect(isLoopback(host)).toBe(true);
		}

		for (const host of ['128.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com', '[::2]', '10.0.0.1', '0.0.0.0']) {
			expect(isLoopback(host)).toBe(false);
		}
	});

	test('an API URL that is not http(s) is refused', async () => {
		expect((await failure({apiUrl: 'api.fal.ai/v1', apiKey: testKey})).message).toBe(
			"The API URL 'api.fal.ai/v1' is not a URL; give one such as https://api.fal.ai/v1.",
		);
		expect(await failure({apiUrl: 'ftp://127.0.0.1/v1', apiKey: testKey})).toMatchObject({
			kind: 'invalid_url',
			message: "The API URL 'ftp://127.0.0.1/v1' must start with https://.",
		});
	});

	test('an API URL with a user name or password is refused before anything is sent, and not quoted', async () => {
		const server = await serve((_request, response) => send(response, 200, okPage));
		for (const credentials of ['user:pass-w0rd@', 'user@', ':pass-w0rd@']) {
			const apiUrl = server.url.replace('//', `//${credentials}`);
			const error = await failure({apiUrl, apiKey: testKey});
			expect(error).toMatchObject({kind: 'invalid_url', isRetryable: false});
			expect(error.message).toBe(`The API URL carries a user name or password, which falreq does not send: the API key is the only credential. Give it without them, as ${server.url}.`);
		}

		expect(server.received).toHaveLength(0);
	});

	test('a key no header can carry is refused in words, before anything is sent', async () => {
		const server = await serve((_request, response) => send(response, 200, okPage));
		for (const apiKey of ['', `${testKey}\n`, 'two words']) {
			const error = await failure({apiUrl: server.url, apiKey});
			expect(error).toMatchObject({kind: 'unauthorized', isRetryable: false});
			expect(error.message).toBe('The API key is empty or has spaces or other characters no key has: run `falreq login` or set FAL_KEY again.');
		}

		expect(server.received).toHaveLength(0);
	});

	test('a redirect to another host is not followed, so the key stays put', async () => {
		const other = await serve((_request, response) => send(response, 200, okPage));
		const server = await serve((_request, response) => send(response, 302, '', {location: `${other.url}/serverless/requests/by-endpoint`}));
		const error = await failure({apiUrl: server.url, apiKey: testKey});
		expect(error).toMatchObject({kind: 'insecure', status: 302, isRetryable: false});
		expect(error.message).toBe(
			`The API answered 302 with a redirect to ${other.url}/serverless/requests/by-endpoint; falreq does not follow redirects, so that the key goes nowhere else. Check the API URL (${server.url}).`,
		);
		expect(server.received).toHaveLength(1);
		expect(other.received).toHaveLength(0);
	});
});

describe('the key never shows', () => {
	function expectNoKey(value: unknown): void {
		const forms = [
			inspect(value),
			inspect(value, {showHidden: true, depth: null}),
			String(value),
			JSON.stringify(value),
			value instanceof Error ? String(value.stack) : '',
			value instanceof Error ? value.message : '',
		];
		for (const form of forms) {
			expect(form).not.toContain(testKey);
		}
	}

	const echo: Handler = (request, response) =>
		send(response, 400, {error: {type: 'validation_error', message: `Bad query from ${request.headers.authorization}`}});

	const scenarios: Array<[string, Handler, Partial<ClientOptions>?]> = [
		['401', (_request, response) => send(response, 401, {error: {type: 'authorization_error', message: 'no'}})],
		['403', (request, response) => send(response, 403, {error: {type: 'authorization_error', message: String(request.headers.authorization)}})],
		['locked', (request, response) => send(response, 403, {detail: `User is locked. Reason: ${request.headers.authorization}`})],
		['400 echoing the header', echo],
		['429', (_request, response) => send(response, 429, '', {'retry-after': '0'})],
		['502', (_request, response) => send(response, 502, '<html><title>502 Bad Gateway</title></html>', {'content-type': 'text/html'})],
		['400 with the key in its status text', (request, response) => sendStatusLine(response, `HTTP/1.1 400 Bad ${request.headers.authorization}`)],
		['502 with the key in its status text', (request, response) => sendStatusLine(response, `HTTP/1.1 502 Bad ${request.headers.authorization}`)],
		['302', (request, response) => send(response, 302, '', {location: `http://127.0.0.1:1/${request.headers.authorization}`})],
		['dropped', (_request, response) => response.socket?.destroy()],
		['timeout', () => undefined, {timeoutMs: 100}],
		['malformed', (_request, response) => send(response, 200, {items: 'nope', next_cursor: null, has_more: false})],
		['truncated', (_request, response) => send(response, 200, '{"items": [', {'content-type': 'application/json'})],
	];

	test.each(scenarios)('%s', async (_name, handler, options = {}) => {
		const retries: RetryInfo[] = [];
		const server = await serve(handler);
		const error = await failure({apiUrl: server.url, apiKey: testKey, retries: 1, ...options}, undefined, retries);
		expectNoKey(error);
		expectNoKey(retries);
	});

	test('a server that echoes the key has it taken out of the message', async () => {
		const server = await serve(echo);
		const error = await failure({apiUrl: server.url, apiKey: testKey});
		expect(error.message).toBe('The API refused the query (400 Bad Request): Bad query from Key [key]');
	});

	test('a status text with the key has it taken out of the message, and its escapes made visible', async () => {
		const server = await serve((request, response) => sendStatusLine(response, `HTTP/1.1 400 Bad \u001B]0;pwned\u0007\u001B[31m${request.headers.authorization}`));
		const error = await failure({apiUrl: server.url, apiKey: testKey});
		expect(error.message).toBe(String.raw`The API refused the query (400 Bad \e]0;pwned\x07\e[31mKey [key]).`);
	});

	test('refused URL, unreachable host and abort', async () => {
		expectNoKey(await failure({apiUrl: 'http://example.com', apiKey: testKey}));
		const closed = await startServer(() => undefined);
		await closed.close();
		expectNoKey(await failure({apiUrl: closed.url, apiKey: testKey}));
		const server = await serve(() => undefined);
		expectNoKey(await failure({apiUrl: server.url, apiKey: testKey}, AbortSignal.timeout(50)));
	});
});
