import process from 'node:process';
import {describe, expect, test} from 'vitest';
import {isoInZone, isUtcAllYear, localZone, zoneOffsetMs} from '../../source/api/zone.js';
import {restoreTimeZoneAfterEach} from '../helpers/time-zone.js';

const hourMs = 3_600_000;

describe('zones by name', () => {
	test("a zone's offset at an instant follows its clock changes", () => {
		expect(zoneOffsetMs('UTC', Date.parse('2025-07-01T00:00:00Z'))).toBe(0);
		expect(zoneOffsetMs('Asia/Kolkata', Date.parse('2025-07-01T00:00:00.999Z'))).toBe(5.5 * hourMs);
		expect(zoneOffsetMs('America/New_York', Date.parse('2025-01-15T12:00:00Z'))).toBe(-5 * hourMs);
		expect(zoneOffsetMs('America/New_York', Date.parse('2025-07-15T12:00:00Z'))).toBe(-4 * hourMs);
		expect(zoneOffsetMs('Nowhere/Else', Date.parse('2025-07-15T12:00:00Z'))).toBe(0);
	});

	test('an instant is written as the zone shows it, with its offset', () => {
		expect(isoInZone(Date.parse('2025-11-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-12-01T00:00:00+05:30');
		expect(isoInZone(Date.parse('2025-01-15T14:30:00.125Z'), 'America/New_York')).toBe('2025-01-15T09:30:00.125-05:00');
		expect(isoInZone(Date.parse('2025-01-15T14:30:00Z'), 'UTC')).toBe('2025-01-15T14:30:00Z');
	});

	test('a zone on UTC all year is told from one on it in winter only', () => {
		expect(isUtcAllYear('UTC', 2026)).toBe(true);
		expect(isUtcAllYear('Africa/Abidjan', 2026)).toBe(true);
		expect(isUtcAllYear('Europe/London', 2026)).toBe(false);
		expect(isUtcAllYear('Asia/Kolkata', 2026)).toBe(false);
	});
});

describe('localZone', () => {
	restoreTimeZoneAfterEach();

	test('is the zone TZ names, as Date reads it', () => {
		process.env['TZ'] = 'America/New_York';
		expect(localZone()).toBe('America/New_York');
		const instant = Date.parse('2025-01-15T14:30:00Z');
		expect(zoneOffsetMs(localZone(), instant)).toBe(-new Date(instant).getTimezoneOffset() * 60_000);
	});

	test('is UTC when TZ names no zone, as Date then keeps to UTC', () => {
		for (const zone of ['', 'Nowhere/Else']) {
			process.env['TZ'] = zone;
			expect(localZone(), zone).toBe('UTC');
			expect(new Date(0).getTimezoneOffset(), zone).toBe(0);
		}
	});
});
