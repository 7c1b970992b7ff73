import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {describeWindow} from '../../source/format/window.js';
import {restoreTimeZoneAfterEach} from '../helpers/time-zone.js';

const now = new Date('2026-12-02T10:23:37Z');
const utc = {isUtc: true, now};
const requestId = '7b3f1c9e-2d4a-4e8b-9f01-23456789abcd';
const applied = (values: {start?: string; end?: string; requestId?: string}) => ({start: '', end: '', requestId: '', ...values});
const window = (start: string, end = now.toISOString()) => ({start: new Date(start), end: new Date(end)});

describe('describeWindow', () => {
	it('says where a window with no start typed comes from: the API\'s 24h, or 90 days for a request id', () => {
		expect(describeWindow(applied({}), window('2026-12-01T10:23:37Z'), utc)).toBe('last 24h (default): 12-01 10:23:37 → now (UTC)');
		expect(describeWindow(applied({requestId}), window('2026-09-03T10:23:37Z'), utc)).toBe('last 90 days (request id lookup): 09-03 10:23:37 → now (UTC)');
		expect(describeWindow(applied({requestId, end: '2026-11-01'}), window('2026-08-03T00:00:00Z', '2026-11-01T00:00:00Z'), utc)).toBe(
			'90 days (request id lookup): 08-03 00:00:00 → 11-01 00:00:00 (UTC)',
		);
	});

	it('names an age as such, and shows typed bounds as they were sent, with the year when it is not this one', () => {
		expect(describeWindow(applied({start: '6h'}), window('2026-12-02T04:23:37Z'), utc)).toBe('last 6h: 12-02 04:23:37 → now (UTC)');
		expect(describeWindow(applied({start: '2025-12-01', end: '6h'}), window('2025-12-01T00:00:00Z', '2026-12-02T04:23:37Z'), utc)).toBe(
			'2025-12-01 00:00:00 → 12-02 04:23:37 (UTC)',
		);
	});

	describe('in local time', () => {
		restoreTimeZoneAfterEach();

		it('shows the bounds as the local clock does, and says so', () => {
			process.env['TZ'] = 'America/New_York';
			expect(describeWindow(applied({start: '2026-12-01'}), window('2026-12-01T05:00:00Z'), {isUtc: false, now})).toBe('12-01 00:00:00 → now (local)');
			// The first hours of 2026 in UTC are still 2025 in New York.
			expect(describeWindow(applied({}), window('2026-01-01T02:00:00Z', '2026-01-02T02:00:00Z'), {isUtc: false, now})).toBe(
				'last 24h (default): 2025-12-31 21:00:00 → now (local)',
			);
		});
	});
});
