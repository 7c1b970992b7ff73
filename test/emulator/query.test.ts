import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import type {Emulator} from '../../source/emulator/server.js';
import {allEndpoints, allPages, boundTime, emulatorFor, fixedNow, hour, list, page, statusClassOf, timeOf} from './helpers.js';

let emulator: Emulator;
let rows: RequestItem[];
beforeAll(async () => {
	emulator = await emulatorFor();
	rows = emulator.dataset.items();
});
afterAll(async () => emulator.close());

const now = fixedNow.getTime();
const day = 24 * hour;

/** Request ids the API should list, worked out from the dataset by hand. */
function expectedIds(filter: (item: RequestItem) => boolean, start = now - day, end = now): string[] {
	return rows
		.filter((item) => filter(item) && boundTime(item) >= start && boundTime(item) < end)
		.map((item) => item.request_id)
		.sort();
}

function idsOf(items: RequestItem[]): string[] {
	return items.map((item) => item.request_id).sort();
}

describe('pagination', () => {
	test('following next_cursor lists every row once, with has_more true until the last page', async () => {
		const pages = await allPages(emulator, [['endpoint_id', 'fal-ai/flux/dev'], ['limit', '100']]);
		const items = pages.flatMap((each) => each.items);
		expect(pages.length).toBeGreaterThan(2);
		expect(pages.slice(0, -1).every((each) => each.has_more && each.items.length === 100)).toBe(true);
		expect(pages.at(-1)).toMatchObject({has_more: false, next_cursor: null});
		expect(new Set(items.map((item) => item.request_id)).size).toBe(items.length);
		expect(idsOf(items)).toEqual(expectedIds((item) => item.endpoint_id === 'fal-ai/flux/dev'));
	});

	test('the cursor is base64 of the page number: Mg== is page 2', async () => {
		const query = 'endpoint_id=fal-ai/flux/dev&limit=10';
		const first = page(await list(emulator, query));
		expect(first.next_cursor).toBe('Mg==');
		const second = page(await list(emulator, `${query}&cursor=Mg==`));
		const twenty = page(await list(emulator, 'endpoint_id=fal-ai/flux/dev&limit=20'));
		expect(second.items).toEqual(twenty.items.slice(10));
		expect(second.next_cursor).toBe(Buffer.from('3').toString('base64'));
	});

	test('a cursor past the last page gives an empty page', async () => {
		const reply = await list(emulator, `endpoint_id=acme/upscaler/hd&cursor=${Buffer.from('9999').toString('base64')}`);
		expect(reply.status).toBe(200);
		expect(page(reply)).toEqual({items: [], next_cursor: null, has_more: false});
	});

	test('the default page size is 50', async () => {
		expect(page(await list(emulator, 'endpoint_id=fal-ai/flux/dev')).items).toHaveLength(50);
	});
});

describe('filters', () => {
	test.each(['success', 'user_error', 'error'])('status=%s keeps only its class (success 2xx, user_error 4xx, error 5xx)', async (status) => {
		const pages = await allPages(emulator, [...allEndpoints(emulator), ['status', status], ['limit', '100']]);
		const items = pages.flatMap((each) => each.items);
		expect(items.every((item) => statusClassOf(item.status_code) === status)).toBe(true);
		expect(idsOf(items)).toEqual(expectedIds((item) => statusClassOf(item.status_code) === status));
	});

	test('start is inclusive and end exclusive, on ended_at', async () => {
		const target = rows.find((item) => item.ended_at?.endsWith('.000Z') === false && item.ended_at.length === 24)!;
		const endedAt = target.ended_at!;
		const query = [['endpoint_id', target.endpoint_id], ['limit', '100']] as Array<[string, string]>;
		const atStart = page(await list(emulator, [...query, ['start', endedAt], ['end', new Date(timeOf(endedAt) + hour).toISOString()]]));
		const atEnd = page(await list(emulator, [...query, ['start', new Date(timeOf(endedAt) - hour).toISOString()], ['end', endedAt]]));
		expect(atStart.items.map((item) => item.request_id)).toContain(target.request_id);
		expect(atEnd.items.map((item) => item.request_id)).not.toContain(target.request_id);
	});

	test('YYYY-MM-DD bounds are UTC midnights', async () => {
		const pages = await allPages(emulator, [['endpoint_id', 'acme/upscaler/hd'], ['start', '2025-05-28'], ['end', '2025-05-30'], ['limit', '100']]);
		const start = Date.UTC(2025, 4, 28);
		const end = Date.UTC(2025, 4, 30);
		expect(idsOf(pages.flatMap((each) => each.items))).toEqual(expectedIds((item) => item.endpoint_id === 'acme/upscaler/hd', start, end));
	});

	test('by default the last 24 hours are listed, running requests by their sent_at', async () => {
		const pages = await allPages(emulator, [...allEndpoints(emulator), ['limit', '100']]);
		const items = pages.flatMap((each) => each.items);
		expect(idsOf(items)).toEqual(expectedIds(() => true));
		expect(items.filter((item) => item.ended_at === null).map((item) => item.request_id).sort()).toEqual([...emulator.dataset.special.running].sort());
	});

	test('request_id finds one row within 90 days by default, and nothing for an unknown id', async () => {
		const old = rows.find((item) => item.ended_at !== null && boundTime(item) < now - 5 * day)!;
		const found = page(await list(emulator, `endpoint_id=${old.endpoint_id}&request_id=${old.request_id}`));
		expect(found.items).toEqual([old]);
		const other = page(await list(emulator, `endpoint_id=acme/upscaler&request_id=${old.request_id.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`));
		expect(other.items).toEqual([]);
	});

	test('request_id with another endpoint finds nothing', async () => {
		const row = rows.find((item) => item.endpoint_id === 'fal-ai/flux/dev')!;
		expect(page(await list(emulator, `endpoint_id=acme/upscaler&request_id=${row.request_id}`)).items).toEqual([]);
	});
});

describe('endpoint ids', () => {
	test('a bare owner/app matches its routes, and rows keep the route-level id', async () => {
		const items = (await allPages(emulator, [['endpoint_id', 'acme/upscaler'], ['limit', '100']])).flatMap((each) => each.items);
		expect(new Set(items.map((item) => item.endpoint_id))).toEqual(new Set(['acme/upscaler/turbo', 'acme/upscaler/hd']));
	});

	test('fal-ai/flux matches flux/dev and flux/schnell but not flux-pro', async () => {
		const items = (await allPages(emulator, [['endpoint_id', 'fal-ai/flux'], ['limit', '100']])).flatMap((each) => each.items);
		expect(new Set(items.map((item) => item.endpoint_id))).toEqual(new Set(['fal-ai/flux/dev', 'fal-ai/flux/schnell']));
	});

	test('a route prefix that is not owner/app matches only itself', async () => {
		expect(page(await list(emulator, 'endpoint_id=fal-ai/kling-video/v2')).items).toEqual([]);
	});

	test('repeated and comma-separated ids are the same query', async () => {
		const repeated = await list(emulator, 'endpoint_id=fal-ai/fast-sdxl&endpoint_id=acme/upscaler/hd&limit=100');
		const comma = await list(emulator, 'endpoint_id=fal-ai/fast-sdxl,acme/upscaler/hd&limit=100');
		expect(comma.text).toBe(repeated.text);
		expect(new Set(page(comma).items.map((item) => item.endpoint_id))).toEqual(new Set(['fal-ai/fast-sdxl', 'acme/upscaler/hd']));
	});
});

describe('sorting', () => {
	test('ended_at (the default) is newest first, running rows last', async () => {
		const items = (await allPages(emulator, [...allEndpoints(emulator), ['limit', '100']])).flatMap((each) => each.items);
		const ended = items.filter((item) => item.ended_at !== null);
		expect(items.slice(ended.length).every((item) => item.ended_at === null)).toBe(true);
		expect(ended.every((item, index) => index === 0 || timeOf(ended[index - 1]!.ended_at!) >= timeOf(item.ended_at!))).toBe(true);
	});

	test('duration is longest first, rows without a duration last', async () => {
		const items = (await allPages(emulator, [['endpoint_id', 'fal-ai/flux'], ['endpoint_id', 'acme/upscaler'], ['sort_by', 'duration'], ['limit', '100']])).flatMap(
			(each) => each.items,
		);
		const timed = items.filter((item) => item.duration !== null);
		expect(items.length).toBeGreaterThan(timed.length);
		expect(items.slice(timed.length).every((item) => item.duration === null)).toBe(true);
		expect(timed.every((item, index) => index === 0 || timed[index - 1]!.duration! >= item.duration!)).toBe(true);
	});
});
