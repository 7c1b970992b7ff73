import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {exactInputMembers, exactOutputMembers} from '../../source/emulator/payloads.js';
import {startEmulator, type Emulator} from '../../source/emulator/server.js';
import {allEndpoints, allPages, boundTime, emulatorFor, fixedNow, hour, list, page, statusClassOf, timeOf} from './helpers.js';

let emulator: Emulator;
let rows: RequestItem[];
beforeAll(async () => {
	emulator = await emulatorFor();
	rows = emulator.dataset.items();
});
afterAll(async () => emulator.close());

const now = fixedNow.getTime();

/** One row by id, through the API, with payloads and billing. */
async function fetchRow(requestId: string): Promise<{item: RequestItem | undefined; text: string}> {
	const reply = await list(emulator, [...allEndpoints(emulator), ['request_id', requestId], ['expand', 'payloads'], ['expand', 'billing']]);
	return {item: page(reply).items[0], text: reply.text};
}

describe('the history', () => {
	test('covers 7 days of several endpoints, about 90 % successes, then user errors and server errors', () => {
		const counts = new Map<string | undefined, number>();
		for (const item of rows) {
			counts.set(statusClassOf(item.status_code), (counts.get(statusClassOf(item.status_code)) ?? 0) + 1);
		}

		expect(rows).toHaveLength(5000);
		expect(counts.get('success')! / rows.length).toBeGreaterThan(0.85);
		expect(counts.get('success')! / rows.length).toBeLessThan(0.95);
		expect(counts.get('user_error')).toBeGreaterThan(100);
		expect(counts.get('error')).toBeGreaterThan(100);
		expect(new Set(rows.map((item) => item.status_code))).toEqual(new Set([200, 400, 422, 500, 503, 504, null]));
		expect(new Set(rows.map((item) => item.endpoint_id))).toEqual(new Set(emulator.dataset.endpoints));
		const oldest = Math.min(...rows.map((item) => timeOf(item.sent_at)));
		expect(now - oldest).toBeGreaterThan(6.9 * 24 * hour);
		expect(rows.every((item) => boundTime(item) < now)).toBe(true);
	});

	test('request ids are unique UUIDs that find their rows', () => {
		expect(new Set(rows.map((item) => item.request_id)).size).toBe(rows.length);
		for (const item of rows.filter((_, index) => index % 97 === 0)) {
			expect(emulator.dataset.find(item.request_id)).toEqual(item);
		}
	});

	test('errors spike on one endpoint about an hour ago', () => {
		const {spike} = emulator.dataset;
		const errorsIn = (start: number) =>
			rows.filter((item) => item.endpoint_id === spike.endpointId && item.status_code! >= 500 && boundTime(item) >= start && boundTime(item) < start + 30 * 60_000).length;
		expect(errorsIn(Date.parse(spike.start))).toBeGreaterThan(10 * Math.max(1, errorsIn(now - 5 * hour)));
		expect(now - Date.parse(spike.end)).toBeLessThan(hour);
	});

	test('timing is plausible: queue waits, float durations, no runner for requests never dispatched', () => {
		const waits = rows.map((item) => timeOf(item.started_at) - timeOf(item.sent_at));
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...waits)).toBeGreaterThan(10_000);
		expect(rows.some((item) => item.duration !== null && !Number.isInteger(item.duration))).toBe(true);
		expect(rows.filter((item) => item.runner_id === null).every((item) => item.status_code === 503)).toBe(true);
		expect(rows.some((item) => item.runner_id === null)).toBe(true);
	});

	test('timestamps are RFC 3339 UTC, with and without fractional seconds', () => {
		const shapes = new Set(rows.map((item) => item.sent_at.replace(/\d/g, '0')));
		expect(shapes).toEqual(new Set(['0000-00-00T00:00:00Z', '0000-00-00T00:00:00.000Z', '0000-00-00T00:00:00.000000Z']));
	});

	test('a few requests are still running: no end, status or duration', async () => {
		const {running} = emulator.dataset.special;
		expect(running.length).toBeGreaterThanOrEqual(3);
		const {item} = await fetchRow(running[0]!);
		expect(item).toMatchObject({ended_at: null, status_code: null, duration: null, json_output: null, billable_units: null});
	});
});

describe('expansions', () => {
	test('without expand there are no payload or billing fields', async () => {
		const items = page(await list(emulator, 'endpoint_id=fal-ai/flux/dev&limit=100')).items;
		expect(items.some((item) => 'json_input' in item || 'json_output' in item || 'billable_units' in item)).toBe(false);
	});

	test('expand=payloads adds realistic inputs and outputs', async () => {
		const items = page(await list(emulator, 'endpoint_id=fal-ai/flux/dev&status=success&expand=payloads&limit=20')).items;
		const withPayload = items.find((item) => item.json_output !== undefined)!;
		expect(withPayload.json_input).toMatchObject({prompt: expect.any(String), image_size: expect.anything(), num_inference_steps: expect.any(Number), seed: expect.any(Number), guidance_scale: expect.any(Number)});
		expect(withPayload.json_output).toMatchObject({
			images: expect.arrayContaining([expect.objectContaining({url: expect.stringMatching(/^https:\/\//), width: expect.any(Number), height: expect.any(Number)})]),
			timings: {inference: expect.any(Number)},
			seed: expect.any(Number),
			has_nsfw_concepts: expect.any(Array),
		});
		expect(items.every((item) => !('billable_units' in item))).toBe(true);
	});

	test('video and upscaler outputs carry their files', async () => {
		const video = page(await list(emulator, 'endpoint_id=fal-ai/kling-video/v2/master/text-to-video&status=success&expand=payloads&limit=5')).items;
		expect(video.find((item) => item.json_output)!.json_output).toMatchObject({video: {url: expect.stringMatching(/^https:\/\/.*\.mp4$/)}});
		const upscaled = page(await list(emulator, 'endpoint_id=acme/upscaler/turbo&status=success&expand=payloads&limit=5')).items;
		expect(upscaled.find((item) => item.json_output)!.json_input).toMatchObject({image_url: expect.stringMatching(/^https:\/\//)});
	});

	test('user errors have fal-style detail arrays, server errors {detail, error_type}', async () => {
		const userErrors = page(await list(emulator, [...allEndpoints(emulator), ['status', 'user_error'], ['expand', 'payloads'], ['limit', '100']])).items;
		const outputs = userErrors.map((item) => item.json_output).filter(Boolean) as Array<{detail: unknown}>;
		expect(outputs.length).toBeGreaterThan(0);
		expect(outputs.every((output) => Array.isArray(output.detail))).toBe(true);
		expect(outputs[0]!.detail).toEqual([{loc: expect.any(Array), msg: expect.any(String), type: expect.any(String)}]);

		const serverErrors = page(await list(emulator, [...allEndpoints(emulator), ['status', 'error'], ['expand', 'payloads'], ['limit', '100']])).items;
		const errorTypes = new Set(serverErrors.map((item) => (item.json_output as {error_type?: string} | null)?.error_type));
		expect(errorTypes).toContain('request_timeout');
		expect(errorTypes).toContain('runner_disconnected');
	});

	test('expand=billing adds billable units, null for the most recent requests', async () => {
		const items = (await allPages(emulator, [...allEndpoints(emulator), ['expand', 'billing'], ['limit', '100']])).flatMap((each) => each.items);
		expect(items.every((item) => item.billable_units === null || typeof item.billable_units === 'number')).toBe(true);
		const recent = items.filter((item) => boundTime(item) > now - 20 * 60_000);
		expect(recent.length).toBeGreaterThan(0);
		expect(recent.every((item) => item.billable_units === null)).toBe(true);
		expect(items.filter((item) => item.status_code === 200 && boundTime(item) < now - hour).every((item) => item.billable_units! > 0)).toBe(true);
	});

	test('some payloads are missing (deleted) and some outputs are null', async () => {
		const {missingPayloads, nullOutput} = emulator.dataset.special;
		const missing = (await fetchRow(missingPayloads[0]!)).item!;
		expect('json_input' in missing || 'json_output' in missing).toBe(false);
		const nulled = (await fetchRow(nullOutput[0]!)).item!;
		expect(nulled.json_output).toBeNull();
		expect(nulled.json_input).toBeTypeOf('object');
	});
});

describe('hard payloads', () => {
	test('data URIs of about 5 MB and 20 MB, served whole', async () => {
		const {largePayloads} = emulator.dataset;
		const sizes = largePayloads.map((large) => large.bytes);
		expect(sizes.some((bytes) => Math.abs(bytes - 5_000_000) < 1000)).toBe(true);
		expect(sizes.some((bytes) => Math.abs(bytes - 20_000_000) < 1000)).toBe(true);
		const fiveMb = largePayloads.find((large) => Math.abs(large.bytes - 5_000_000) < 1000)!;
		const {item, text} = await fetchRow(fiveMb.requestId);
		expect(text.length).toBeGreaterThan(fiveMb.bytes);
		const uri = JSON.stringify(item![fiveMb.field]).match(/data:image\/png;base64,[A-Za-z\d+/=]+/)![0];
		expect(uri).toHaveLength(fiveMb.bytes);
	});

	test('one input is nested 10,000 levels deep', async () => {
		const {text, item} = await fetchRow(emulator.dataset.special.deepNesting);
		expect(text).toContain('['.repeat(10_000));
		let depth = 0;
		let node: unknown = (item!.json_input as {metadata: unknown}).metadata;
		while (Array.isArray(node)) {
			depth++;
			node = node[0];
		}

		expect(depth).toBe(10_000);
	});

	test('one row\'s payloads hold raw JSON a parse and a stringify would change: 1e999, a 30-digit integer, -0.0, key order, escapes', async () => {
		const {text, item} = await fetchRow(emulator.dataset.special.hugeNumbers);
		expect(text).toContain(`${exactInputMembers}}`);
		expect(text).toContain(`${exactOutputMembers}}`);
		const output = item!.json_output as Record<string, unknown>;
		expect(output).toMatchObject({nsfw_score: Number.POSITIVE_INFINITY, min_score: Number.NEGATIVE_INFINITY, tag: 'last', caption: 'café "au lait" / 😀'});
		expect(JSON.stringify(output)).not.toContain(exactOutputMembers);
	});

	test('some payloads hold escape sequences, bidi overrides and lone surrogates', async () => {
		const {hostile} = emulator.dataset.special;
		expect(hostile.length).toBeGreaterThanOrEqual(2);
		const {text, item} = await fetchRow(hostile[0]!);
		expect(text).toContain(String.raw`\u001b[2J`);
		expect(text).toContain(String.raw`\ud800`);
		const {prompt} = item!.json_input as {prompt: string};
		for (const sequence of ['\u001B[2J', '\u001B]52;c;', '\u001B]0;', '\u001B]8;;', '\u001BP', '\u202E', '\uD800']) {
			expect(prompt).toContain(sequence);
		}

		expect(Object.keys(item!.json_input as object).some((key) => key.includes('\u001B'))).toBe(true);
	});
});

describe('determinism', () => {
	test('the same seed and clock give the same answers; another seed gives other data', async () => {
		const twin = await emulatorFor();
		const other = await startEmulator({now: () => fixedNow, requests: 5000, seed: 7});
		try {
			const query = 'endpoint_id=fal-ai/flux&endpoint_id=acme/upscaler&start=2025-05-26&end=2025-05-27&expand=payloads&expand=billing&limit=100&cursor=Mg==';
			const [mine, twins, others] = await Promise.all([list(emulator, query), list(twin, query), list(other, query)]);
			expect(twins.text).toBe(mine.text);
			expect(others.text).not.toBe(mine.text);
			expect(twin.dataset.largePayloads).toEqual(emulator.dataset.largePayloads);
		} finally {
			await Promise.all([twin.close(), other.close()]);
		}
	});

	test('100,000 rows are served too', async () => {
		const big = await startEmulator({now: () => fixedNow, requests: 100_000});
		try {
			const reply = await list(big, [...allEndpoints(big), ['sort_by', 'duration'], ['start', '2025-05-25'], ['limit', '100'], ['cursor', Buffer.from('500').toString('base64')]]);
			expect(reply.status).toBe(200);
			expect(page(reply).items).toHaveLength(100);
			expect(big.dataset.size).toBe(100_000);
		} finally {
			await big.close();
		}
	});
});
