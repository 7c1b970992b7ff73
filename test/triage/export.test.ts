import {describe, expect, test} from 'vitest';
import {exportName, exportText} from '../../source/triage/export.js';
import {makeRow} from './rows.js';

describe('export', () => {
	const plain = makeRow({endpoint_id: 'fal-ai/flux/dev', status_code: 200, duration: 1.5, runner_id: 'r-1', billable_units: 0.4058});
	const hostile = makeRow({endpoint_id: '=HYPERLINK("x"),\n"quoted"', status_code: null, duration: null, runner_id: null, ended_at: null});

	test('JSON lines are the API\'s own text, on one line; a row not found again is written from its values', () => {
		const source = '{\n  "request_id": "x",\n  "n": 123456789012345678901234567890,\t"s": "a\\u00e9"\n}';
		const text = exportText('jsonl', [plain, hostile], new Map([[plain.request_id, source]]));
		const [first, second, ...rest] = text.split('\n');
		expect(rest).toEqual([]);
		expect(first).toBe('{  "request_id": "x",  "n": 123456789012345678901234567890,\t"s": "a\\u00e9"}');
		expect(JSON.parse(second!)).toEqual(hostile);
	});

	test('CSV has a header, quotes what needs it, leaves nulls empty and defuses formulas', () => {
		const lines = exportText('csv', [plain, hostile], new Map()).split('\r\n');
		expect(lines[0]).toBe('request_id,endpoint_id,sent_at,started_at,ended_at,status_code,duration,runner_id,billable_units');
		expect(lines[1]).toBe(`${plain.request_id},fal-ai/flux/dev,${plain.sent_at},${plain.started_at},${plain.ended_at},200,1.5,r-1,0.4058`);
		expect(lines[2]).toBe(`${hostile.request_id},"'=HYPERLINK(""x""),\n""quoted""",${hostile.sent_at},${hostile.started_at},,,,,`);
	});

	test('names the file by format and time', () => {
		expect(exportName('csv', new Date('2026-12-02T12:30:05.123Z'))).toBe('falreq-2026-12-02T12-30-05.csv');
	});
});
