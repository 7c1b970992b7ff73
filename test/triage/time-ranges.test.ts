import {describe, expect, it} from 'vitest';
import {parseDuration} from '../../source/api/time.js';
import type {Filters, Query} from '../../source/api/types.js';
import {applyQuickRange, cycleQuickRange, formatShortTime, quickRanges, windowSpanMs, zoneLabel} from '../../source/triage/time-ranges.js';

describe('quick ranges', () => {
	const filters = {endpointIds: ['a/b'], status: 'error' as const, start: '2026-03-01', end: '2026-03-02'};
	const requestId = '7b3f1c9e-2d4a-4e8b-9f01-23456789abcd';

	it('set a relative start, marked as a quick range, and drop the end, keeping the other filters', () => {
		expect(applyQuickRange(filters, '6h')).toEqual({endpointIds: ['a/b'], status: 'error', start: '6h', isQuickRange: true});
	});

	it('picked during a request id lookup, are for that lookup: not marked, so the lookup keeps them', () => {
		expect(applyQuickRange({endpointIds: ['a/b'], requestId, start: '1h', isQuickRange: true}, '6h')).toEqual({endpointIds: ['a/b'], requestId, start: '6h'});
	});

	it('step from each range to the next longer one, or with -1 the next shorter one, wrapping', () => {
		expect(quickRanges).toEqual(['15m', '1h', '6h', '24h', '7d']);
		const spans = quickRanges.map(range => parseDuration(range)!);
		expect(spans.map(span => cycleQuickRange(span))).toEqual(['1h', '6h', '24h', '7d', '15m']);
		expect(spans.map(span => cycleQuickRange(span, -1))).toEqual(['7d', '15m', '1h', '6h', '24h']);
	});

	const now = Date.parse('2026-03-10T12:00:00Z');
	/** The ranges t and T step to from the window of `windowFilters`, sent as `query`. */
	const steps = (windowFilters: Omit<Filters, 'endpointIds'>, query: Omit<Query, 'endpointIds'> = {}) => {
		const span = windowSpanMs({endpointIds: ['a/b'], ...windowFilters}, {endpointIds: ['a/b'], ...query}, now);
		return [cycleQuickRange(span, 1), cycleQuickRange(span, -1)];
	};

	it('step from the default window, 24h, to 7d and 6h; from a request id lookup\'s 90 days, round to 15m or back to 7d', () => {
		expect(steps({})).toEqual(['7d', '6h']);
		expect(steps({requestId}, {requestId})).toEqual(['15m', '7d']);
	});

	it('step from a window of another length to the ranges either side of it', () => {
		expect(steps({start: '2h'})).toEqual(['6h', '1h']);
		expect(steps({start: '5m'})).toEqual(['15m', '7d']);
		expect(steps({start: '30d'})).toEqual(['15m', '7d']);
		expect(steps({start: '2026-03-08', end: '2026-03-10'}, {start: '2026-03-08T00:00:00.000Z', end: '2026-03-10T00:00:00.000Z'})).toEqual(['7d', '24h']);
		expect(steps({start: '2026-03-10T11:00:00Z'}, {start: '2026-03-10T11:00:00.000Z'})).toEqual(['6h', '15m']);
		expect(steps({end: '1h'}, {end: '2026-03-10T11:00:00.000Z'})).toEqual(['7d', '6h']);
	});

	it('take a relative start\'s age as its length, however long ago it was sent', () => {
		expect(windowSpanMs({endpointIds: ['a/b'], start: '1h'}, {endpointIds: ['a/b'], start: '2026-03-10T09:00:00.000Z'}, now)).toBe(3_600_000);
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
