import stringWidth from 'string-width';
import {expect, it} from 'vitest';
import {formatTable} from '../../source/commands/list-table.js';
import {item} from '../api/servers.js';

it('aligns the columns by the width a terminal gives them, wide characters included', () => {
	const table = formatTable([item({endpoint_id: 'acme/表示幅テスト'}), item({endpoint_id: 'fal-ai/flux/dev'}), item({endpoint_id: 'acme/🐈'})]);
	const lines = table.trimEnd().split('\n');
	const statusColumns = lines.map(line => stringWidth(line.slice(0, line.search(/STATUS|200 ok/))));
	expect(new Set(statusColumns).size).toBe(1);
	expect(new Set(lines.slice(1).map(line => stringWidth(line))).size).toBe(1);
});

it('has a UNITS column only for rows asked for with billing, each number whole as the API gave it, empty until counted', () => {
	const rows = [item({billable_units: 0.4058}), item({billable_units: null}), item({billable_units: 12})];
	const lines = formatTable(rows, {isBilling: true}).trimEnd().split('\n');
	expect(lines[0]).toMatch(/^ENDED \((UTC|LOCAL)\)\s+ENDPOINT\s+STATUS\s+DURATION\s+QUEUE\s+UNITS\s+REQUEST ID$/);
	const units = lines.map(line => line.slice(lines[0]!.indexOf('QUEUE') + 'QUEUE'.length, lines[0]!.indexOf('REQUEST ID')).trim());
	expect(units).toEqual(['UNITS', '0.4058', '', '12']);
	expect(formatTable(rows)).not.toContain('UNITS');
});

it('says running in the time column of a request that has not ended', () => {
	const lines = formatTable([item({ended_at: null, status_code: null, duration: null}), item()]).split('\n');
	expect(lines[1]).toMatch(/^running\s+fal-ai\/flux\/dev\s+… run\s+-\s/);
	expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+fal-ai/);
});

it('formats more rows than a function call takes arguments (list --all of a busy window)', () => {
	const rows = Array.from({length: 150_000}, () => item());
	expect(formatTable(rows).split('\n')).toHaveLength(150_002);
});
