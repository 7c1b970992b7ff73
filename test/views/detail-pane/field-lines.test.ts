import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../../source/api/types.js';
import {fieldLines} from '../../../source/views/detail-pane/field-lines.js';

const item: RequestItem = {
	request_id: '411289de-2f28-43d9-a37b-69a5cd80e703',
	endpoint_id: 'fal-ai/flux/schnell',
	runner_id: '8d46cd12-c0ef-4b5a-9a0e-1234567890ab',
	sent_at: '2026-12-02T10:25:39.120Z',
	started_at: '2026-12-02T10:25:40.260Z',
	ended_at: '2026-12-02T10:25:42.110Z',
	status_code: 200,
	duration: 1.85,
	billable_units: 0.4058,
};

const text = (width: number, options = {isUtc: true, isBillingShown: true}, shown = item) => fieldLines(shown, options, width).map(line => line.map(span => span.text).join(''));

describe('the detail pane\'s fields', () => {
	it('beside the list at 120 columns (53 wide), show the runner id and the units whole, on more lines', () => {
		const lines = text(53);
		expect(lines).toEqual([
			'endpoint fal-ai/flux/schnell',
			'runner 8d46cd12-c0ef-4b5a-9a0e-1234567890ab',
			'status 200 ok  duration 1.85s  queue 1.14s',
			'units 0.4058',
			'sent 2026-12-02 10:25:39Z  started 10:25:40Z',
			'ended 10:25:42Z  (UTC; u: local time)',
		]);
	});

	it('over the list at 80 columns, take fewer lines, times of the sent day without their date', () => {
		expect(text(80)).toEqual([
			'endpoint fal-ai/flux/schnell  runner 8d46cd12-c0ef-4b5a-9a0e-1234567890ab',
			'status 200 ok  duration 1.85s  queue 1.14s  units 0.4058',
			'sent 2026-12-02 10:25:39Z  started 10:25:40Z  ended 10:25:42Z',
			'(UTC; u: local time)',
		]);
	});

	it('keep the date of a time on another day, and say when units are not counted yet or the request still runs', () => {
		const late = {...item, sent_at: '2026-12-01T23:59:59Z', started_at: '2026-12-02T00:00:01Z', ended_at: null, billable_units: null};
		expect(text(120, {isUtc: true, isBillingShown: true}, late)).toContain('sent 2026-12-01 23:59:59Z  started 2026-12-02 00:00:01Z  ended still running  (UTC; u: local time)');
		expect(text(120, {isUtc: true, isBillingShown: true}, late)[1]).toContain('units not counted yet');
		expect(text(120, {isUtc: true, isBillingShown: false})[1]).not.toContain('units');
	});

	it('break a value wider than the pane across lines instead of cutting it, within the width', () => {
		const long = {...item, runner_id: `runner-${'x'.repeat(60)}-中文-end`};
		for (const width of [20, 33, 40, 53]) {
			const lines = text(width, {isUtc: true, isBillingShown: true}, long);
			expect(lines.every(line => stringWidth(line) <= width), lines.join('\n')).toBe(true);
			expect(lines.join('').replaceAll('  ', '')).toContain(`runner ${long.runner_id}`);
			expect(lines.join('')).toContain('0.4058');
		}
	});

	it('draw labels muted, the status in its class\'s colour, values plain', () => {
		const [, outcome] = fieldLines({...item, status_code: 504}, {isUtc: true, isBillingShown: false}, 80);
		expect(outcome!.slice(0, 3)).toEqual([{text: 'status ', tone: 'label'}, {text: '504 ERR', tone: 'error'}, {text: '  ', tone: 'value'}]);
	});
});
