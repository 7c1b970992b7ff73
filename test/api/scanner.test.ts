import {describe, expect, test} from 'vitest';
import {createClient, type ApiClient, type RetryInfo} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {iteratePages} from '../../source/api/pages.js';
import {toSearchParams} from '../../source/api/query.js';
import {Pacer} from '../../source/api/scan/pacer.js';
import {slicesOf, windowOf} from '../../source/api/scan/window.js';
import {scanWindow, type ScanBatch, type ScanOptions, type ScanProgress} from '../../source/api/scan/scanner.js';
import type {Query} from '../../source/api/types.js';
import {lastHours, useScanEmulator} from '../helpers/scan-emulator.js';
import {fixedNow} from '../emulator/helpers.js';

const hour = 3_600_000;
const anchor = fixedNow.getTime();

const served = useScanEmulator();

async function walked(query: Query): Promise<string[]> {
	const ids: string[] = [];
	for await (const batch of iteratePages(served.client, query)) {
		ids.push(...batch.map(item => item.request_id));
	}

	return ids.sort();
}

/** A scan with everything it reports recorded. */
async function scan(query: Query, options: ScanOptions = {}, over = served.client) {
	const batches: ScanBatch[] = [];
	const progress: ScanProgress[] = [];
	const retries: RetryInfo[] = [];
	const summary = await scanWindow(over, query, {
		backoffMs: 1,
		onBatch: batch => batches.push(batch),
		onProgress: update => progress.push(update),
		onRetry: info => retries.push(info),
		...options,
	});
	const ids = batches.flatMap(batch => batch.items.map(item => item.request_id));
	return {summary, batches, progress, retries, ids};
}

describe('the scanner', () => {
	test('cuts dense slices for more walkers and still finds each request once, running ones included', async () => {
		const query = lastHours(24, {limit: 10});
		const expected = await walked(query);
		served.emulator.log.length = 0;
		const {summary, ids} = await scan(query, {concurrency: 8});
		expect(ids.toSorted()).toEqual(expected);
		const running = served.emulator.dataset.special.running.filter(id => expected.includes(id));
		expect(running.length).toBeGreaterThanOrEqual(2);
		expect(summary).toMatchObject({complete: true, rows: expected.length, requests: served.emulator.log.length, retries: 0});
		// More parts of the window were asked for than the four first slices, up to eight at once.
		expect(new Set(served.emulator.log.map(entry => `${entry.query['start']![0]} ${entry.query['end']![0]}`)).size).toBeGreaterThan(4);
		expect(served.emulator.log.every(entry => entry.query['sort_by'] === undefined && entry.query['limit']![0] === '10')).toBe(true);
	});

	test('reports progress: the time covered grows to all of it, what is complete reaches back to the start, and the estimate ends at the count', async () => {
		const query = lastHours(48, {limit: 20});
		const {summary, progress} = await scan(query);
		const covered = progress.map(update => update.covered);
		expect(covered).toEqual(covered.toSorted((a, b) => a - b));
		const completeFrom = progress.map(update => update.completeFrom);
		expect(completeFrom).toEqual(completeFrom.toSorted((a, b) => b - a));
		expect(progress.at(-1)).toMatchObject({covered: 1, completeFrom: anchor - (48 * hour), estimatedRows: summary.rows, rows: summary.rows});
		expect(progress.filter(update => update.covered < 1).every(update => update.estimatedRows !== undefined)).toBe(true);
		expect(summary.window).toEqual({start: anchor - (48 * hour), end: anchor});
	});

	test('stops at the cap, saying so, with the last batch cut to fit', async () => {
		const {summary, ids} = await scan(lastHours(48, {limit: 20}), {maxRows: 50});
		expect(ids).toHaveLength(50);
		expect(new Set(ids).size).toBe(50);
		expect(summary).toMatchObject({complete: false, stopped: 'capped', rows: 50});
	});

	test('stops when cancelled, keeping what it found', async () => {
		const controller = new AbortController();
		const batches: ScanBatch[] = [];
		const onBatch = (batch: ScanBatch) => {
			batches.push(batch);
			controller.abort();
		};

		const {summary} = await scan(lastHours(48, {limit: 20}), {signal: controller.signal, onBatch});
		expect(batches).toHaveLength(1);
		expect(summary).toMatchObject({complete: false, stopped: 'cancelled', rows: batches[0]!.items.length});

		const early = await scan(lastHours(48), {signal: AbortSignal.abort()});
		expect(early.summary).toMatchObject({complete: false, stopped: 'cancelled', rows: 0, requests: 0});
	});

	test('hands over each item\'s own text when asked', async () => {
		const {batches} = await scan(lastHours(6, {limit: 20}), {isSourceKept: true});
		for (const {items, sources} of batches) {
			expect(sources!.map(source => JSON.parse(source.item) as unknown)).toEqual(items);
		}
	});

	test('a refusal ends the scan with the API\'s sentence; it resolves, it does not throw', async () => {
		const other = createClient({apiUrl: served.emulator.url, apiKey: 'fal_wrong_key'});
		const {summary} = await scan(lastHours(6), {}, other);
		expect(summary).toMatchObject({complete: false, stopped: 'failed', rows: 0});
		expect(summary.error).toBeInstanceOf(ApiError);
		expect(summary.error!.kind).toBe('unauthorized');
	});

	test('5xx: fewer requests at once, each page tried again, the scan completes', async () => {
		const query = lastHours(24, {limit: 20});
		const expected = await walked(query);
		served.emulator.setFaults({serverError: {times: 3, status: 503}});
		const {summary, ids, progress, retries} = await scan(query);
		expect(ids.toSorted()).toEqual(expected);
		expect(summary).toMatchObject({complete: true, retries: 3});
		expect(retries.map(info => info.reason)).toEqual(['503 from the API', '503 from the API', '503 from the API']);
		expect(Math.min(...progress.map(update => update.concurrency))).toBe(1);
	});

	test('gives up on a page the API keeps failing, with the API\'s words', async () => {
		served.emulator.setFaults({serverError: {times: Number.POSITIVE_INFINITY, status: 500}});
		const {summary} = await scan(lastHours(6), {retries: 2});
		expect(summary).toMatchObject({complete: false, stopped: 'failed', rows: 0});
		expect(summary.error!.message).toMatch(/^The API failed with 500: /);
	});
});

describe('the scanner under a rate limit', () => {
	type Sent = {key: string; order: number; at: number};

	/** The client, with the order and time each request was sent. */
	function recording(sent: Sent[]): ApiClient {
		return {
			async listRequests(query, options) {
				sent.push({key: toSearchParams(query).toString(), order: sent.length, at: performance.now()});
				return served.client.listRequests(query, options);
			},
		};
	}

	test('a 429 on every third request: nothing is sent before its Retry-After has passed, and the scan completes', async () => {
		const query = lastHours(8, {limit: 20});
		const expected = await walked(query);
		served.emulator.log.length = 0;
		served.emulator.setFaults({rateLimit: {every: 3, retryAfter: 1}});
		const sent: Sent[] = [];
		// When the scanner heard of each 429 (it holds every request from then on), and how many requests it had sent by then.
		const heard: Array<{after: number; at: number}> = [];
		const {summary, ids} = await scan(query, {
			onRetry(info) {
				if (info.status === 429) {
					heard.push({after: sent.length, at: performance.now()});
				}
			},
		}, recording(sent));
		expect(ids.toSorted()).toEqual(expected);
		expect(summary.complete).toBe(true);

		const {log} = served.emulator;
		expect(log.map(entry => entry.status)).toEqual(log.map((_, index) => (index % 3 === 2 ? 429 : 200)));
		expect(heard.length).toBe(log.filter(entry => entry.status === 429).length);
		expect(heard.length).toBeGreaterThanOrEqual(2);
		for (const {after, at} of heard) {
			// Every request sent after the scanner heard of a 429 went out once its Retry-After (1 s) had passed.
			// Requests sent before, and still on their way, are not the scanner's to hold.
			const early = sent.filter(entry => entry.order >= after && entry.at < at + 1000);
			expect(early).toEqual([]);
		}
	});
});

describe('the pacer', () => {
	test('starts at 4 or the most allowed, halves on trouble down to 1, and grows by one after as many answers in a row as it allows', () => {
		expect(new Pacer(2).limit).toBe(2);
		const pacer = new Pacer(6);
		expect(pacer.limit).toBe(4);
		pacer.slowDown();
		pacer.slowDown();
		pacer.slowDown();
		expect(pacer.limit).toBe(1);
		const limits = Array.from({length: 12}, () => {
			pacer.succeeded();
			return pacer.limit;
		});
		expect(limits).toEqual([2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5]);
		for (let answer = 0; answer < 20; answer++) {
			pacer.succeeded();
		}

		expect(pacer.limit).toBe(6);
	});

	test('a hold keeps the latest time it was given', () => {
		const pacer = new Pacer();
		pacer.holdUntil(2000);
		pacer.holdUntil(1000);
		expect(pacer.notBefore).toBe(2000);
	});
});

describe('the window', () => {
	test('a bound left out is the API\'s default as of now: 24 hours back, or 90 days for a request id, and now', () => {
		const now = Date.parse('2025-06-01T12:00:00Z');
		const end = '2025-06-01T06:00:00.000Z';
		expect(windowOf({endpointIds: ['a/b']}, now)).toEqual({start: now - (24 * hour), end: now});
		expect(windowOf({endpointIds: ['a/b'], end}, now)).toEqual({start: now - (24 * hour), end: Date.parse(end)});
		expect(windowOf({endpointIds: ['a/b'], requestId: '0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b'}, now).start).toBe(now - (90 * 24 * hour));
		expect(windowOf({endpointIds: ['a/b'], start: end}, now)).toEqual({start: Date.parse(end), end: now});
	});

	test('slices share their bounds, newest first, and are fewer when the window is only a few milliseconds long', () => {
		const slices = slicesOf({start: 1000, end: 2003}, 4);
		expect(slices).toEqual([
			{start: 1752, end: 2003},
			{start: 1502, end: 1752},
			{start: 1251, end: 1502},
			{start: 1000, end: 1251},
		]);
		expect(slicesOf({start: 5, end: 7}, 4)).toEqual([{start: 6, end: 7}, {start: 5, end: 6}]);
	});
});
