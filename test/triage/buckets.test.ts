import {describe, expect, it} from 'vitest';
import {bucketRequests, pickBucketSize} from '../../source/triage/buckets.js';
import {makeRow} from './rows.js';

const minute = 60_000;
const hour = 60 * minute;
const window = {start: new Date('2026-03-01T12:00:00Z'), end: new Date('2026-03-01T13:00:00Z')};

describe('pickBucketSize', () => {
	it('picks the smallest readable size that fits the columns', () => {
		expect(pickBucketSize(hour, 60)).toBe(minute);
		expect(pickBucketSize(hour, 59)).toBe(2 * minute);
		expect(pickBucketSize(hour, 30)).toBe(2 * minute);
		expect(pickBucketSize(24 * hour, 40)).toBe(hour);
		expect(pickBucketSize(15 * minute, 100)).toBe(10_000);
	});

	it('uses whole days past a day per column', () => {
		expect(pickBucketSize(90 * 24 * hour, 30)).toBe(3 * 24 * hour);
	});
});

describe('bucketRequests', () => {
	it('counts requests, 5xx and 4xx per bucket', () => {
		const rows = [
			makeRow({ended_at: '2026-03-01T12:00:00Z'}),
			makeRow({ended_at: '2026-03-01T12:01:59.999Z', status_code: 504}),
			makeRow({ended_at: '2026-03-01T12:02:00Z', status_code: 422}),
			makeRow({ended_at: '2026-03-01T12:59:59Z', status_code: 500}),
		];
		const buckets = bucketRequests(rows, window, 30);
		expect(buckets).toHaveLength(30);
		expect(buckets[0]).toEqual({start: window.start.getTime(), end: window.start.getTime() + 2 * minute, count: 2, errors: 1, userErrors: 0});
		expect(buckets[1]).toMatchObject({count: 1, errors: 0, userErrors: 1});
		expect(buckets[29]).toMatchObject({count: 1, errors: 1, userErrors: 0});
		expect(buckets.slice(2, 29).every(bucket => bucket.count === 0)).toBe(true);
	});

	it('counts a running request by its send time', () => {
		const running = makeRow({sent_at: '2026-03-01T12:30:10Z', ended_at: null, status_code: null, duration: null});
		const buckets = bucketRequests([running], window, 60);
		expect(buckets[30]).toMatchObject({count: 1, errors: 0, userErrors: 0});
	});

	it('leaves out rows outside the window (the end is exclusive) and rows whose time does not parse', () => {
		const rows = [
			makeRow({ended_at: '2026-03-01T11:59:59.999Z'}),
			makeRow({ended_at: '2026-03-01T13:00:00Z'}),
			makeRow({ended_at: 'yesterday'}),
		];
		const buckets = bucketRequests(rows, window, 60);
		expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(0);
	});

	it('gives no buckets for an empty window or no columns', () => {
		expect(bucketRequests([makeRow()], {start: window.end, end: window.start}, 60)).toEqual([]);
		expect(bucketRequests([makeRow()], {start: window.start, end: window.start}, 60)).toEqual([]);
		expect(bucketRequests([makeRow()], window, 0)).toEqual([]);
	});

	it('never makes more buckets than columns, the last one reaching past the end', () => {
		const odd = {start: window.start, end: new Date(window.start.getTime() + 7 * minute)};
		const buckets = bucketRequests([makeRow({ended_at: '2026-03-01T12:06:59Z'})], odd, 3);
		expect(buckets).toHaveLength(2);
		expect(buckets[1]).toMatchObject({end: window.start.getTime() + 10 * minute, count: 1});
	});
});
