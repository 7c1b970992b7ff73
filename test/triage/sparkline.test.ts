import {describe, expect, it} from 'vitest';
import type {Bucket} from '../../source/triage/buckets.js';
import {sparkline} from '../../source/triage/sparkline.js';

const bucket = (count: number, errors = 0, userErrors = 0): Bucket => ({start: 0, end: 1, count, errors, userErrors});

describe('sparkline', () => {
	const buckets = [bucket(0), bucket(1), bucket(400), bucket(800, 0, 1), bucket(100, 40), bucket(50)];

	it('draws requests on one row and errors on the row under, blank where there are none', () => {
		expect(sparkline(buckets)).toEqual({
			requests: ' ▁▄█▁▁',
			errors: '   ▁█ ',
			hasServerErrors: [false, false, false, false, true, false],
		});
	});

	it('marks every bucket with an error, however small its share', () => {
		const {errors} = sparkline([bucket(10_000, 1), bucket(10_000, 0, 0), bucket(8, 0, 8)]);
		expect(errors).toBe('▁ █');
	});

	it('falls back to printable ASCII when asked', () => {
		const line = sparkline(buckets, {isAscii: true});
		expect(line.requests).toBe(' .=@..');
		expect(line.errors).toBe('   .@ ');
		expect(`${line.requests}${line.errors}`).toMatch(/^[\u0020-\u007E]*$/);
	});

	it('is empty for no buckets and blank for no requests', () => {
		expect(sparkline([]).requests).toBe('');
		expect(sparkline([bucket(0), bucket(0)])).toMatchObject({requests: '  ', errors: '  '});
	});
});
