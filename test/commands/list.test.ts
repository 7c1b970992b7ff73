import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {ApiClient} from '../../source/api/client.js';
import type {Query, RequestItem} from '../../source/api/types.js';
import {runList} from '../../source/commands/list.js';
import {item, pageOf} from '../api/servers.js';

/** A client over `rows`, answering pages of `query.limit` (default 50) by page-number cursors, whatever the time bounds. */
function clientOf(rows: RequestItem[]): ApiClient {
	return {
		async listRequests(query: Query, options) {
			const limit = query.limit ?? 50;
			const page = query.cursor === undefined ? 0 : Number(query.cursor);
			const next = (page + 1) * limit < rows.length ? String(page + 1) : null;
			const items = rows.slice(page * limit, (page + 1) * limit);
			return {...pageOf(items, next), sources: options?.isSourceKept ? items.map(item => ({item: JSON.stringify(item)})) : undefined};
		},
	};
}

async function list(rows: RequestItem[], query: Partial<Query>, options: {maxRows?: number; isJson?: boolean} = {}) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const text = (stream: PassThrough) => {
		stream.end();
		return String(stream.read() ?? '');
	};

	const code = await runList({client: clientOf(rows), query: {endpointIds: ['fal-ai/flux/dev'], ...query}, isJson: false, ...options, stdout, stderr});
	return {code, stdout: text(stdout), stderr: text(stderr)};
}

const running = () => item({ended_at: null, status_code: null, duration: null});
const more = (count: number) => `More requests match: showing the first ${count}. Use --max N to see more.\n`;

describe('falreq list', () => {
	it('says on stderr when more requests match than it printed, in a table as in JSON lines', async () => {
		const rows = Array.from({length: 12}, () => item());
		for (const isJson of [false, true]) {
			// Cut within a page, at the end of a page the API says is not the last, and at the end.
			expect(await list(rows, {limit: 5}, {maxRows: 7, isJson})).toMatchObject({code: 0, stderr: more(7)});
			expect(await list(rows, {limit: 5}, {isJson})).toMatchObject({code: 0, stderr: more(5)});
			expect(await list(rows, {limit: 5}, {maxRows: 12, isJson})).toMatchObject({code: 0, stderr: ''});
			expect(await list(rows, {limit: 20}, {isJson})).toMatchObject({code: 0, stderr: ''});
		}

		const {stdout} = await list(rows, {limit: 5}, {isJson: true});
		expect(stdout.trimEnd().split('\n').map(line => (JSON.parse(line) as RequestItem).request_id)).toEqual(rows.slice(0, 5).map(row => row.request_id));
	});

	it('puts running requests first in the table when newest first, and leaves JSON lines and other orders as the API sent them', async () => {
		const rows = [item(), item(), running(), running()];
		const ids = (text: string) => text.match(/[\da-f]{8}-[\da-f-]{27}/g);
		const order = (...indexes: number[]) => indexes.map(index => rows[index]!.request_id);
		expect(ids((await list(rows, {})).stdout)).toEqual(order(2, 3, 0, 1));
		expect(ids((await list(rows, {sortBy: 'ended_at'})).stdout)).toEqual(order(2, 3, 0, 1));
		expect(ids((await list(rows, {sortBy: 'duration'})).stdout)).toEqual(order(0, 1, 2, 3));
		expect(ids((await list(rows, {}, {isJson: true})).stdout)).toEqual(order(0, 1, 2, 3));
	});

	it('has a UNITS column when asked for billing', async () => {
		const {stdout} = await list([item({billable_units: 0.4058})], {expand: ['billing']});
		expect(stdout.split('\n')[0]).toContain('UNITS');
		expect(stdout).toContain(' 0.4058 ');
	});
});
