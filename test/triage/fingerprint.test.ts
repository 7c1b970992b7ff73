import {describe, expect, it} from 'vitest';
import {errorMessage, fingerprint, fnv1a, groupFailures, maskMessage, noOutput} from '../../source/triage/fingerprint.js';
import {makeRow} from './rows.js';

describe('maskMessage', () => {
	it.each([
		['Request timed out after 300 seconds', 'Request timed out after # seconds'],
		['CUDA out of memory. Tried to allocate 2.00 GiB', 'CUDA out of memory. Tried to allocate # GiB'],
		['Could not fetch https://v3.fal.media/files/zebra/abc123.png?x=1, got 404.', 'Could not fetch <url>, got #.'],
		[
			'Runner r-01HZX3K4M5N6P7Q8R9S0T1U2V3 crashed on request 7B3F1C9E-2d4a-4e8b-9f01-23456789abcd (trace 0xdeadbeef12)',
			'Runner <id> crashed on request <id> (trace <id>)',
		],
		["Input should be 'square_hd', 'square' or 'landscape_16_9'", 'Input should be <str>, <str> or <str>'],
		['Cannot open "my file.png" from `s3 bucket`', 'Cannot open <str> from <str>'],
		['Image data:image/png;base64,iVBORw0KGgo= is too big', 'Image <data> is too big'],
		["doesn't fit, isn't it", "doesn't fit, isn't it"],
		['  spread \n over\tlines  ', 'spread over lines'],
	])('%j → %j', (message, masked) => {
		expect(maskMessage(message)).toBe(masked);
	});
});

describe('errorMessage', () => {
	it('reads fal server errors: error_type and detail', () => {
		expect(errorMessage({detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'})).toEqual({
			errorType: 'request_timeout',
			message: 'Request timed out after 300 seconds',
		});
	});

	it('reads fal validation errors: detail arrays of {loc, msg, type}', () => {
		const output = {
			detail: [
				{loc: ['body', 'images', 0, 'url'], msg: 'Input should be a valid URL', type: 'url_parsing'},
				{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'},
			],
		};
		expect(errorMessage(output)).toEqual({
			message: 'body.images.0.url: Input should be a valid URL (url_parsing); body.prompt: Field required (missing)',
		});
	});

	it('reads a bare string output, and has nothing to read in an absent or null one', () => {
		expect(errorMessage('Internal Server Error')).toEqual({message: 'Internal Server Error'});
		expect(errorMessage(undefined)).toBeUndefined();
		expect(errorMessage(null)).toBeUndefined();
	});

	it('keeps only the start of a huge message', () => {
		const error = errorMessage({detail: `Bad image ${'A'.repeat(5_000_000)}`});
		expect(error?.message.length).toBe(2000);
	});
});

describe('fingerprint', () => {
	it('is the same for messages that differ only in numbers, ids, URLs and quoted values', () => {
		const a = {detail: "Could not load https://x.test/a/1.png for request 7b3f1c9e-2d4a-4e8b-9f01-23456789abcd: 'cat'", error_type: 'image_load'};
		const b = {detail: "Could not load https://y.test/b.jpg?v=2 for request 00000000-0000-4000-8000-000000000001: 'dog, big'", error_type: 'image_load'};
		expect(fingerprint(a)).toBe(fingerprint(b));
	});

	it('differs when the error type or the words differ', () => {
		const timeout = fingerprint({detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'});
		expect(fingerprint({detail: 'Request timed out after 300 seconds', error_type: 'internal_error'})).not.toBe(timeout);
		expect(fingerprint({detail: 'Request failed after 300 seconds', error_type: 'request_timeout'})).not.toBe(timeout);
	});

	it('is stable across runs: a fixed 8-digit FNV-1a hash of the masked text', () => {
		expect(fnv1a('')).toBe('811c9dc5');
		expect(fnv1a('a')).toBe('e40c292c');
		expect(fingerprint({detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'})).toBe('369b2d5c');
		expect(fingerprint({detail: 'Request timed out after 600 seconds', error_type: 'request_timeout'})).toBe('369b2d5c');
	});

	it('is "no output" without an output', () => {
		expect(fingerprint(undefined)).toBe(noOutput);
		expect(fingerprint(null)).toBe(noOutput);
	});
});

describe('groupFailures', () => {
	const timeout = (seconds: number) => ({detail: `Request timed out after ${seconds} seconds`, error_type: 'request_timeout'});

	it('groups failed rows by endpoint, status and fingerprint, largest first, with first and last seen and ids newest first', () => {
		const t1 = makeRow({status_code: 504, ended_at: '2026-03-01T12:01:00Z', json_output: timeout(300)});
		const t2 = makeRow({status_code: 504, ended_at: '2026-03-01T12:05:00Z', json_output: timeout(600)});
		const t3 = makeRow({status_code: 504, ended_at: '2026-03-01T12:03:00Z', json_output: timeout(300)});
		const otherEndpoint = makeRow({endpoint_id: 'acme/app/turbo', status_code: 504, json_output: timeout(300)});
		const otherStatus = makeRow({status_code: 500, json_output: timeout(300)});
		const validation = makeRow({status_code: 422, json_output: {detail: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}]}});
		const ok = makeRow({status_code: 200, json_output: {images: []}});
		const running = makeRow({status_code: null, ended_at: null});
		const groups = groupFailures([t1, otherEndpoint, t2, ok, otherStatus, validation, running, t3]);

		expect(groups).toHaveLength(4);
		expect(groups[0]).toEqual({
			key: `fal-ai/flux/dev 504 ${fingerprint(timeout(1))}`,
			endpointId: 'fal-ai/flux/dev',
			statusCode: 504,
			fingerprint: fingerprint(timeout(1)),
			pattern: 'request_timeout: Request timed out after # seconds',
			example: 'Request timed out after 600 seconds',
			count: 3,
			firstSeen: '2026-03-01T12:01:00Z',
			lastSeen: '2026-03-01T12:05:00Z',
			requestIds: [t2.request_id, t3.request_id, t1.request_id],
		});
		expect(groups.slice(1).map(group => group.count)).toEqual([1, 1, 1]);
		expect(groups.find(group => group.statusCode === 422)?.pattern).toBe('body.prompt: Field required (missing)');
		expect(groups.flatMap(group => group.requestIds)).not.toContain(ok.request_id);
	});

	it('groups rows without payloads by endpoint and status as "no output"', () => {
		const rows = [makeRow({status_code: 503}), makeRow({status_code: 503, json_output: null}), makeRow({status_code: 500})];
		const groups = groupFailures(rows);
		expect(groups.map(group => [group.statusCode, group.fingerprint, group.count])).toEqual([
			[503, noOutput, 2],
			[500, noOutput, 1],
		]);
		expect(groups[0]?.pattern).toBe('');
	});

	it('breaks ties by the most recent group, and has no groups without failures', () => {
		const older = makeRow({status_code: 500, ended_at: '2026-03-01T10:00:00Z'});
		const newer = makeRow({status_code: 503, ended_at: '2026-03-01T11:00:00Z'});
		expect(groupFailures([older, newer]).map(group => group.statusCode)).toEqual([503, 500]);
		expect(groupFailures([makeRow()])).toEqual([]);
	});
});
