/**
 * For random queries, the scanner finds what one sequential cursor walk of
 * the same query finds, as a set of request ids; and while new requests
 * arrive, every request the window held when it started, each once, and
 * nothing the window does not hold.
 */
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {iteratePages} from '../../source/api/pages.js';
import {scanWindow, type ScanSummary} from '../../source/api/scan/scanner.js';
import {sortKeys, statuses, type Query} from '../../source/api/types.js';
import {boundTime, fixedNow, statusClassOf} from '../emulator/helpers.js';
import {useScanEmulator} from '../helpers/scan-emulator.js';

const minute = 60_000;
const hour = 60 * minute;

const served = useScanEmulator();

type Case = {query: Query; concurrency: number};

/** Windows of up to half a day anywhere in the data's week, half of them reaching its end (where requests run, and new ones arrive). */
function casesOf(endpoints: readonly string[]): fc.Arbitrary<Case> {
	const anchor = fixedNow.getTime();
	return fc
		.record({
			endpointIds: fc.subarray([...endpoints, 'acme/upscaler', 'fal-ai/flux'], {minLength: 1, maxLength: 4}),
			startAgo: fc.integer({min: minute, max: 7 * 24 * hour}),
			length: fc.integer({min: 1, max: 12 * hour}),
			isToTheEnd: fc.boolean(),
			status: fc.constantFrom(undefined, ...statuses),
			sortBy: fc.constantFrom(undefined, ...sortKeys),
			limit: fc.constantFrom(10, 25, 100),
			concurrency: fc.integer({min: 1, max: 8}),
		})
		.map(({endpointIds, startAgo, length, isToTheEnd, status, sortBy, limit, concurrency}) => {
			const start = anchor - startAgo;
			const end = isToTheEnd ? anchor : Math.min(anchor, start + length);
			const query: Query = {endpointIds, start: new Date(start).toISOString(), end: new Date(end).toISOString(), status, sortBy, limit};
			return {query, concurrency};
		});
}

/**
 * The ids scanned, and the finished rows handed over at or after where
 * `completeFrom` stood: none may be, or a caller printing in order as it
 * moves down would print them out of order.
 */
async function scanned(query: Query, concurrency: number): Promise<{ids: string[]; late: string[]; summary: ScanSummary}> {
	const ids: string[] = [];
	const late: string[] = [];
	let completeFrom = Number.POSITIVE_INFINITY;
	const summary = await scanWindow(served.client, query, {
		concurrency,
		backoffMs: 1,
		onBatch(batch) {
			ids.push(...batch.items.map(item => item.request_id));
			late.push(...batch.items.filter(item => item.ended_at !== null && boundTime(item) >= completeFrom).map(item => item.request_id));
		},
		onProgress(progress) {
			completeFrom = progress.completeFrom;
		},
	});
	return {ids, late, summary};
}

async function walked(query: Query): Promise<string[]> {
	const ids: string[] = [];
	for await (const batch of iteratePages(served.client, query)) {
		ids.push(...batch.map(item => item.request_id));
	}

	return ids;
}

/** The ids the emulator's data holds for the query's window now, as the API bounds it. */
function held(query: Query): Set<string> {
	const start = Date.parse(query.start!);
	const end = Date.parse(query.end!);
	const isAsked = (endpoint: string) => query.endpointIds.some(id => endpoint === id || (id.split('/').length === 2 && endpoint.startsWith(`${id}/`)));
	return new Set(
		served.emulator.dataset
			.items()
			.filter(item => isAsked(item.endpoint_id) && (query.status === undefined || statusClassOf(item.status_code) === query.status))
			.filter(item => boundTime(item) >= start && boundTime(item) < end)
			.map(item => item.request_id),
	);
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** A day of every endpoint in pages of 10: slices of many pages, which get cut for more walkers. */
const dense: Case = {
	query: {endpointIds: ['fal-ai/flux/dev', 'acme/upscaler'], start: new Date(fixedNow.getTime() - (24 * hour)).toISOString(), end: fixedNow.toISOString(), limit: 10},
	concurrency: 8,
};

test('the scanner finds the requests one sequential walk finds, each once', async () => {
	let cut = 0;
	await fc.assert(
		fc.asyncProperty(casesOf(served.emulator.dataset.endpoints), async ({query, concurrency}) => {
			const sent = served.emulator.log.length;
			const {ids, late, summary} = await scanned(query, concurrency);
			expect(summary).toMatchObject({complete: true, rows: ids.length, covered: 1, completeFrom: Date.parse(query.start!)});
			expect(new Set(ids).size).toBe(ids.length);
			expect(late).toEqual([]);
			expect(sorted(ids)).toEqual(sorted(await walked(query)));
			// Asked for more parts of the window than the first slices: one was cut for more walkers.
			const parts = new Set(served.emulator.log.slice(sent).map(entry => `${entry.query['start']![0]} ${entry.query['end']![0]}`));
			cut += parts.size > 4 ? 1 : 0;
		}),
		{numRuns: 60, examples: [[dense]]},
	);
	expect(cut).toBeGreaterThan(0);
});

test('while new requests arrive, the scanner finds every request the window held when it started, each once, and none it does not hold', async () => {
	let arrived = 0;
	await fc.assert(
		fc.asyncProperty(casesOf(served.emulator.dataset.endpoints), fc.integer({min: 1, max: 3}), async ({query, concurrency}, perPage) => {
			const before = held(query);
			const size = served.emulator.dataset.size;
			served.emulator.setFaults({newRequests: {perPage}});
			const {ids, late, summary} = await scanned(query, concurrency);
			served.emulator.setFaults({});
			expect(late).toEqual([]);
			arrived += served.emulator.dataset.size > size && query.end === fixedNow.toISOString() ? 1 : 0;
			const after = held(query);
			expect(summary.complete).toBe(true);
			const found = new Set(ids);
			expect(found.size).toBe(ids.length);
			expect([...before].filter(id => !found.has(id))).toEqual([]);
			expect(ids.filter(id => !after.has(id))).toEqual([]);
		}),
		{numRuns: 40},
	);
	// Requests did arrive inside windows being scanned.
	expect(arrived).toBeGreaterThan(0);
});
