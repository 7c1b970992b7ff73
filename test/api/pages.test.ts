import {afterEach, describe, expect, test} from 'vitest';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {acceptPage, emptySeen, iteratePages} from '../../source/api/pages.js';
import type {RequestItem, RequestPage} from '../../source/api/types.js';
import {item, pageOf, send, startServer, testKey, type TestServer} from './servers.js';

const servers: TestServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

/** A server answering each cursor from a function of the page number (1 for no cursor; cursors are `p<N>`). */
async function pagedServer(answer: (page: number) => RequestPage): Promise<TestServer> {
	const server = await startServer((request, response) => {
		const cursor = new URL(request.url!, 'http://x').searchParams.get('cursor');
		send(response, 200, answer(cursor === null ? 1 : Number(cursor.slice(1))));
	});
	servers.push(server);
	return server;
}

async function collect(server: TestServer, maxRows?: number): Promise<{batches: RequestItem[][]; error?: ApiError}> {
	const client = createClient({apiUrl: server.url, apiKey: testKey});
	const batches: RequestItem[][] = [];
	try {
		for await (const batch of iteratePages(client, {endpointIds: ['acme/app'], limit: 3}, {maxRows})) {
			batches.push(batch);
		}
	} catch (error) {
		return {batches, error: error as ApiError};
	}

	return {batches};
}

const rows = Array.from({length: 10}, () => item());
const ids = (batch: RequestItem[]) => batch.map(row => row.request_id);

describe('acceptPage', () => {
	test('keeps rows not seen before and the cursor to follow; the state given is unchanged', () => {
		const first = acceptPage(emptySeen, pageOf(rows.slice(0, 3), 'c2'));
		expect(first.items).toEqual(rows.slice(0, 3));
		expect(first.next).toBe('c2');
		const second = acceptPage(first.seen, pageOf([rows[2]!, rows[3]!, rows[3]!], null));
		expect(second.items).toEqual([rows[3]]);
		expect(second.next).toBeNull();
		expect(first.seen.ids.size).toBe(3);
		expect(emptySeen.ids.size + emptySeen.cursors.size).toBe(0);
	});

	test('a cursor seen before is an error', () => {
		const first = acceptPage(emptySeen, pageOf(rows.slice(0, 1), 'c2'));
		let error: unknown;
		try {
			acceptPage(first.seen, pageOf(rows.slice(1, 2), 'c2'));
		} catch (thrown) {
			error = thrown;
		}

		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({
			kind: 'malformed',
			isRetryable: false,
			message: 'The API sent a page cursor it had already sent; listing stopped here so that it cannot loop.',
		});
	});

	test('has_more and next_cursor must agree', () => {
		for (const page of [
			{items: [], next_cursor: 'c2', has_more: false},
			{items: [], next_cursor: null, has_more: true},
			{items: [], next_cursor: '', has_more: true},
		]) {
			expect(() => acceptPage(emptySeen, page)).toThrow(/^The API's page is contradictory \(has_more is (true|false), next_cursor is (null|a cursor)\); listing stopped here\.$/);
		}
	});
});

describe('iteratePages', () => {
	test('follows cursors to the end', async () => {
		const server = await pagedServer(page => pageOf(rows.slice((page - 1) * 3, page * 3), page < 4 ? `p${page + 1}` : null));
		const {batches, error} = await collect(server);
		expect(error).toBeUndefined();
		expect(batches.flat()).toEqual(rows);
		expect(server.received.map(received => received.url.searchParams.get('cursor'))).toEqual([null, 'p2', 'p3', 'p4']);
	});

	test('rows repeated by a page that slid are dropped, and a page of repeats yields nothing', async () => {
		const server = await pagedServer(page =>
			page === 1 ? pageOf(rows.slice(0, 3), 'p2') : page === 2 ? pageOf(rows.slice(1, 4), 'p3') : page === 3 ? pageOf(rows.slice(2, 4), 'p4') : pageOf(rows.slice(3, 6), null),
		);
		const {batches} = await collect(server);
		expect(batches.map(ids)).toEqual([ids(rows.slice(0, 3)), ids(rows.slice(3, 4)), ids(rows.slice(4, 6))]);
	});

	test('stops at maxRows, cutting the last page', async () => {
		const server = await pagedServer(page => pageOf(rows.slice((page - 1) * 3, page * 3), `p${page + 1}`));
		const {batches} = await collect(server, 5);
		expect(batches.flat()).toEqual(rows.slice(0, 5));
		expect(server.received).toHaveLength(2);
	});

	test('returns whether more rows match: the last page was cut, or the API has more', async () => {
		const server = await pagedServer(page => pageOf(rows.slice((page - 1) * 3, page * 3), page < 4 ? `p${page + 1}` : null));
		const client = createClient({apiUrl: server.url, apiKey: testKey});
		const end = async (maxRows?: number) => {
			const pages = iteratePages(client, {endpointIds: ['acme/app'], limit: 3}, {maxRows});
			let next = await pages.next();
			while (!next.done) {
				next = await pages.next();
			}

			return next.value;
		};

		expect(await Promise.all([end(5), end(6), end(10), end(11), end()])).toEqual([true, true, false, false, false].map(hasMore => ({hasMore})));
	});

	test('a repeated cursor stops with an error after the rows before it', async () => {
		const server = await pagedServer(page => pageOf(rows.slice((page - 1) * 3, page * 3), 'p2'));
		const {batches, error} = await collect(server);
		expect(batches.flat()).toEqual(rows.slice(0, 3));
		expect(error).toMatchObject({kind: 'malformed', isRetryable: false});
		expect(error!.message).toContain('a page cursor it had already sent');
		expect(server.received).toHaveLength(2);
	});

	test('has_more contradicting next_cursor stops with an error', async () => {
		const server = await pagedServer(page => (page === 1 ? pageOf(rows.slice(0, 3), 'p2') : {items: rows.slice(3, 6), next_cursor: null, has_more: true}));
		const {batches, error} = await collect(server);
		expect(batches.flat()).toEqual(rows.slice(0, 3));
		expect(error).toMatchObject({kind: 'malformed'});
		expect(error!.message).toBe("The API's page is contradictory (has_more is true, next_cursor is null); listing stopped here.");
	});

	test('an abort between pages stops the listing', async () => {
		const server = await pagedServer(page => pageOf(rows.slice((page - 1) * 3, page * 3), `p${page + 1}`));
		const client = createClient({apiUrl: server.url, apiKey: testKey});
		const controller = new AbortController();
		const seen: RequestItem[] = [];
		await expect(
			(async () => {
				for await (const batch of iteratePages(client, {endpointIds: ['acme/app']}, {signal: controller.signal})) {
					seen.push(...batch);
					controller.abort();
				}
			})(),
		).rejects.toMatchObject({kind: 'aborted'});
		expect(seen).toEqual(rows.slice(0, 3));
		expect(server.received).toHaveLength(1);
	});
});
