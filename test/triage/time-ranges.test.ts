import {describe, expect, it} from 'vitest';
import {applyQuickRange, currentQuickRange, cycleQuickRange, formatShortTime, quickRanges, zoneLabel} from '../../source/triage/time-ranges.js';

describe('quick ranges', () => {
	const filters = {endpointIds: ['a/b'], status: 'error' as const, start: '2026-03-01', end: '2026-03-02'};

	it('sets a relative start and drops the end, keeping the other filters', () => {
		expect(applyQuickRange(filters, '6h')).toEqual({endpointIds: ['a/b'], status: 'error', start: '6h'});
		expect(currentQuickRange(applyQuickRange(filters, '6h'))).toBe('6h');
		expect(currentQuickRange(filters)).toBeUndefined();
	});

	it('cycles through 15m, 1h, 6h, 24h, 7d and wraps', () => {
		expect(quickRanges).toEqual(['15m', '1h', '6h', '24h', '7d']);
		expect(cycleQuickRange(filters)).toBe('15m');
		expect(cycleQuickRange(filters, -1)).toBe('7d');
		expect(cycleQuickRange({endpointIds: [], start: '1h'})).toBe('6h');
		expect(cycleQuickRange({endpointIds: [], start: '7d'})).toBe('15m');
		expect(cycleQuickRange({endpointIds: [], start: '15m'}, -1)).toBe('7d');
	});
});

describe('formatShortTime', () => {
	const iso = '2026-03-01T09:05:07.250Z';

	it('shows UTC with a Z, the date only when it is not today', () => {
		expect(formatShortTime(iso, {isUtc: true})).toBe('03-01 09:05:07Z');
		expect(formatShortTime(iso, {isUtc: true, now: new Date('2026-03-01T23:59:59Z')})).toBe('09:05:07Z');
		expect(formatShortTime(iso, {isUtc: true, now: new Date('2026-03-02T00:00:00Z')})).toBe('03-01 09:05:07Z');
	});

	it('shows local time without a Z', () => {
		const date = new Date(iso);
		const pad = (n: number) => String(n).padStart(2, '0');
		expect(formatShortTime(iso)).toBe(`${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`);
		expect(formatShortTime(iso, {now: date})).toHaveLength(8);
	});

	it('says - for no time and ? for one that does not parse', () => {
		expect(formatShortTime(null)).toBe('-');
		expect(formatShortTime('soon')).toBe('?');
		expect(zoneLabel(true)).toBe('UTC');
		expect(zoneLabel(false)).toBe('local');
	});
});
