import type {ApiClient, RetryInfo} from '../../source/api/client.js';
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach} from 'vitest';
import type {RequestItem, RequestPage} from '../../source/api/types.js';

export const testKey = 'fal_test_key_5ecr3t_9f8e7d';

/** One request a test server received. */
export type Received = {url: URL; headers: IncomingHttpHeaders};

export type TestServer = {
	/** A prefix URL for the client: `http://127.0.0.1:PORT/v1`. */
	url: string;
	origin: string;
	received: Received[];
	close(): Promise<void>;
};

export type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

/** A real HTTP server on 127.0.0.1, port 0; `handler` answers the nth request (from 0). */
export async function startServer(handler: Handler): Promise<TestServer> {
	const received: Received[] = [];
	const server = createServer((request, response) => {
		request.resume();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		received.push({url, headers: request.headers});
		handler(request, response, received.length - 1);
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		url: `${origin}/v1`,
		origin,
		received,
		async close() {
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}

/** Answers with a status, a body and headers. */
export function send(response: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const type = typeof body === 'string' ? {} : {'content-type': 'application/json'};
	response.writeHead(status, {...type, ...headers, 'content-length': Buffer.byteLength(text)}).end(text);
}

/** Answers with a status line as given, as no well-behaved server would: Node's own server refuses control characters in a reason phrase. */
export function sendStatusLine(response: ServerResponse, statusLine: string): void {
	response.socket?.end(`${statusLine}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
}

/** Answers the nth request with the nth reply, the last one repeating. */
export function sequence(...replies: Array<(response: ServerResponse) => void>): Handler {
	return (_request, response, index) => {
		replies[Math.min(index, replies.length - 1)]!(response);
	};
}

let serial = 0;

/** A well-formed row; ids are UUID-shaped and unique unless one is given. */
export function item(overrides: Partial<RequestItem> = {}): RequestItem {
	serial++;
	return {
		request_id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
		endpoint_id: 'fal-ai/flux/dev',
		sent_at: '2025-06-01T11:00:00Z',
		started_at: '2025-06-01T11:00:01Z',
		ended_at: '2025-06-01T11:00:05.250Z',
		status_code: 200,
		duration: 4.25,
		runner_id: null,
		...overrides,
	};
}

export function pageOf(items: RequestItem[], nextCursor: string | null = null): RequestPage {
	return {items, next_cursor: nextCursor, has_more: nextCursor !== null};
}

export const okPage = pageOf([item()]);

/** The query most client tests send. */
export const query = {endpointIds: ['fal-ai/flux/dev']};

/** A `serve(handler)` for one test file: every server it starts is closed after each test. */
export function serverPool(): (handler: Handler) => Promise<TestServer> {
	const servers: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map(server => server.close()));
	});
	return async handler => {
		const server = await startServer(handler);
		servers.push(server);
		return server;
	};
}

/** The client, with every wait to retry recorded in `retries`, as the explorer is told of them. */
export function recordingRetries(client: ApiClient, retries: RetryInfo[]): ApiClient {
	return {
		async listRequests(query, options) {
			return client.listRequests(query, {...options, onRetry: info => retries.push(info)});
		},
	};
}
