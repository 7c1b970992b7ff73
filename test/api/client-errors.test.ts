import {describe, expect, test} from 'vitest';
import {createClient, type ClientOptions} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {item, okPage, pageOf, send, sequence, testKey, type TestServer, query, serverPool, startServer} from './servers.js';

const serve = serverPool();

async function failure(server: TestServer, options: Partial<ClientOptions> = {}): Promise<ApiError> {
	const client = createClient({apiUrl: server.url, apiKey: testKey, backoffMs: 1, ...options});
	const error: unknown = await client.listRequests(query).then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

function apiError(type: string, message: string): object {
	return {error: {type, message, docs_url: 'https://docs.fal.ai/x', request_id: 'abc'}};
}

describe('a 200 answer', () => {
	test('sends the key, the query and its headers to the list path, and returns the page', async () => {
		const page = pageOf([item({billable_units: 2, json_input: {prompt: 'a cat'}})], 'Mg==');
		const server = await serve((_request, response) => send(response, 200, page));
		const client = createClient({apiUrl: server.url, apiKey: testKey, userAgent: 'falreq/9.9'});
		await expect(client.listRequests({endpointIds: ['acme/app', 'fal-ai/x'], limit: 10, expand: ['billing']})).resolves.toEqual(page);
		const [received] = server.received;
		expect(received!.url.pathname).toBe('/v1/serverless/requests/by-endpoint');
		expect(received!.url.search).toBe('?endpoint_id=acme%2Fapp&endpoint_id=fal-ai%2Fx&limit=10&expand=billing');
		expect(received!.headers).toMatchObject({authorization: `Key ${testKey}`, 'user-agent': 'falreq/9.9', accept: 'application/json'});
	});
});

describe('each error status', () => {
	test('401: says how to fix the key', async () => {
		const server = await serve((_request, response) => send(response, 401, apiError('authorization_error', 'Missing key.')));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'unauthorized', status: 401, isRetryable: false});
		expect(error.message).toBe('The API rejected the key (401): run `falreq login` or set FAL_KEY.');
		expect(server.received).toHaveLength(1);
	});

	test('403: the key does not own the endpoint, with the API message', async () => {
		const server = await serve((_request, response) =>
			send(response, 403, apiError('authorization_error', "This key does not own endpoint 'acme/app'.")),
		);
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'forbidden', status: 403, isRetryable: false});
		expect(error.message).toBe(
			'The key may not read these endpoints (403): check the endpoint ids, or use a key of the account that owns them. It said: "This key does not own endpoint \'acme/app\'."',
		);
	});

	test('403 locked account: the detail verbatim, sanitised', async () => {
		const detail = 'User is locked. Reason: Exceeded the spending limit.\u001B]52;c;cHduZWQ=\u0007\u202E';
		const server = await serve((_request, response) => send(response, 403, {detail}));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'locked', status: 403, isRetryable: false});
		expect(error.message).toBe(
			'The API refused the key because the account is locked (403): "User is locked. Reason: Exceeded the spending limit.\\e]52;c;cHduZWQ=\\x07\\u202e"',
		);
	});

	test('400: the API message about the query', async () => {
		const server = await serve((_request, response) =>
			send(response, 400, apiError('validation_error', "limit must be a whole number from 1 to 100, not '500'.")),
		);
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'validation', status: 400, isRetryable: false});
		expect(error.message).toBe("The API refused the query (400 Bad Request): limit must be a whole number from 1 to 100, not '500'.");
	});

	test('a long API message is cut short', async () => {
		const server = await serve((_request, response) => send(response, 400, apiError('validation_error', `${'🙂'.repeat(299)}xyz`)));
		const error = await failure(server);
		expect(error.message).toBe(`The API refused the query (400 Bad Request): ${'🙂'.repeat(299)}x…`);
	});

	test('422 with a FastAPI detail list', async () => {
		const server = await serve((_request, response) =>
			send(response, 422, {detail: [{loc: ['query', 'limit'], msg: 'ensure this value is less than 101'}, {msg: 'field required'}]}),
		);
		const error = await failure(server);
		expect(error.message).toBe('The API refused the query (422 Unprocessable Entity): ensure this value is less than 101; field required');
	});

	test('404: asks to check the API URL', async () => {
		const server = await serve((_request, response) => send(response, 404, apiError('not_found', 'No such route.')));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'not_found', status: 404, isRetryable: false});
		expect(error.message).toBe(`The API has no such address (404): check the API URL (${server.url}).`);
	});

	test('429 after the retries run out', async () => {
		const server = await serve((_request, response) => send(response, 429, apiError('rate_limited', 'Slow down.')));
		const error = await failure(server, {retries: 2});
		expect(error).toMatchObject({kind: 'rate_limited', status: 429, isRetryable: true});
		expect(error.message).toBe('The API is limiting how fast requests may be made (429) after 3 attempts; wait a minute and try again.');
		expect(server.received).toHaveLength(3);
	});

	test('500 with the API error body, after the retries', async () => {
		const server = await serve((_request, response) => send(response, 500, apiError('server_error', 'An internal error occurred.')));
		const error = await failure(server, {retries: 1});
		expect(error).toMatchObject({kind: 'server', status: 500, isRetryable: true});
		expect(error.message).toBe('The API failed with 500 after 2 attempts: An internal error occurred.');
	});

	test('502 HTML page from a proxy: named, not dumped', async () => {
		const html = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n';
		const server = await serve((_request, response) => send(response, 502, html, {'content-type': 'text/html'}));
		const error = await failure(server, {retries: 0});
		expect(error).toMatchObject({kind: 'server', status: 502});
		expect(error.message).toBe("The API's proxy answered 502 Bad Gateway; the service may be briefly unavailable, so try again in a moment.");
	});

	test('503 and 504 with empty bodies', async () => {
		const server = await serve(sequence(response => send(response, 503, ''), response => send(response, 504, '')));
		const error = await failure(server, {retries: 1});
		expect(error.status).toBe(504);
		expect(error.message).toBe(
			'The API answered 504 Gateway Timeout with an empty body after 2 attempts; the service may be briefly unavailable, so try again in a moment.',
		);
	});

	test('a 5xx with plain text is summarised, not shown', async () => {
		const server = await serve((_request, response) => send(response, 500, 'Traceback (most recent call last): ...'));
		const error = await failure(server, {retries: 0});
		expect(error.message).toBe(
			'The API answered 500 Internal Server Error with a body that is not JSON; the service may be briefly unavailable, so try again in a moment.',
		);
	});
});

describe('no usable answer', () => {
	test('connection refused', async () => {
		const server = await startServer(() => undefined);
		await server.close();
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'network', isRetryable: true});
		expect(error.message).toBe(
			`Could not reach the API at ${new URL(server.url).host} (ECONNREFUSED: the connection was refused or had no route); check the network connection and the API URL.`,
		);
	});

	test('no first byte in time', async () => {
		const server = await serve(() => undefined);
		// Generous, so that connecting (a sixth of it) never times out first on a busy machine.
		const error = await failure(server, {timeoutMs: 1200});
		expect(error).toMatchObject({kind: 'timeout', isRetryable: true});
		expect(error.message).toBe('The API did not start answering within 1 s; try again, or ask for fewer rows.');
	});

	test('a body too slow to finish', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"items":[');
		});
		const error = await failure(server, {timeoutMs: 1200});
		expect(error.kind).toBe('timeout');
		expect(error.message).toBe("The API's answer took longer than 2 s; try again, or ask for fewer rows.");
	});

	test('a connection dropped mid-body on every try', async () => {
		const server = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': 1000});
			response.write('{"items":[', () => response.socket?.destroy());
		});
		const error = await failure(server, {retries: 2});
		expect(error).toMatchObject({kind: 'network', isRetryable: true});
		expect(error.message).toBe('The connection to the API dropped before the answer was complete after 3 attempts; try again.');
		expect(server.received).toHaveLength(3);
	});
});

describe('a 200 body falreq does not understand', () => {
	test('truncated JSON', async () => {
		const text = JSON.stringify(okPage).slice(0, 40);
		const server = await serve((_request, response) => send(response, 200, text, {'content-type': 'application/json'}));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'malformed', status: 200, isRetryable: true});
		expect(error.message).toBe("The API's answer (40 bytes) is not valid JSON; it was probably cut short. Try again.");
		expect(server.received).toHaveLength(1);
	});

	test('an HTML page', async () => {
		const server = await serve((_request, response) => send(response, 200, '<html>Sign in to the Wi-Fi</html>', {'content-type': 'text/html'}));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'malformed', isRetryable: false});
		expect(error.message).toBe('The API answered with an HTML page instead of JSON: check the API URL.');
	});

	test('a wrong shape says where', async () => {
		const server = await serve((_request, response) => send(response, 200, {...okPage, items: [item(), {...item(), status_code: '200'}]}));
		const error = await failure(server);
		expect(error).toMatchObject({kind: 'malformed', isRetryable: false});
		expect(error.message).toBe('The API answered with a page falreq does not understand: items[1].status_code is a string, not a whole number or null.');
	});
});
