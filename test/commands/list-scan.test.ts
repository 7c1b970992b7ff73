/** `falreq list --all` and `--max N` beyond a page, run in-process against the emulator on a fixed clock. */
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import type {ApiClient} from '../../source/api/client.js';
import type {Query, RequestItem} from '../../source/api/types.js';
import {runList, type ListOptions} from '../../source/commands/list.js';
import {OrderedRows} from '../../source/commands/list-order.js';
import {lastHours as lastHoursOver, useScanEmulator} from '../helpers/scan-emulator.js';
import {timeOf} from '../emulator/helpers.js';


const served = useScanEmulator();
/** Pages of 20, so that a few hours make many pages. */
const lastHours = (hours: number, query: Partial<Query> = {}): Query => lastHoursOver(hours, {limit: 20, ...query});

/** Every item's own text, page after page, as one sequential walk gets them: the API's order. */
async function walkedTexts(query: Query): Promise<string[]> {
	const texts: string[] = [];
	let cursor: string | undefined;
	do {
		const page = await served.client.listRequests({...query, cursor}, {isSourceKept: true});
		texts.push(...page.sources!.map(source => source.item));
		cursor = page.next_cursor ?? undefined;
	} while (cursor !== undefined);
	served.emulator.log.length = 0;
	return texts;
}

/** runList, with each write to stdout recorded with how many requests the emulator had had by then. */
async function list(query: Query, options: Partial<ListOptions> = {}) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const writes: Array<{text: string; requests: number}> = [];
	stdout.on('data', (chunk: Buffer) => writes.push({text: String(chunk), requests: served.emulator.log.length}));
	const code = await runList({client: served.client, query, isAll: true, isJson: true, stdout, stderr, ...options});
	stderr.end();
	return {code, stdout: writes.map(write => write.text).join(''), writes, stderr: String(stderr.read() ?? '')};
}

const idsOf = (texts: string[]) => texts.map(text => (JSON.parse(text) as RequestItem).request_id);
const linesOf = (text: string) => text.split('\n').filter(Boolean);

describe('falreq list --all', () => {
	test('prints JSON lines byte for byte as the API sent them, in its order, running requests last, the first before the scan ends', async () => {
		const query = lastHours(30);
		const expected = await walkedTexts(query);
		const items = expected.map(text => JSON.parse(text) as RequestItem);
		// The API's order is the one these rows can only be in: no two end (or, running, were sent) at the same time.
		expect(new Set(items.map(item => item.ended_at === null ? `sent ${timeOf(item.sent_at)}` : timeOf(item.ended_at))).size).toBe(items.length);
		expect(items.some(item => item.ended_at === null)).toBe(true);
		const {code, stdout, writes, stderr} = await list(query);
		expect({code, stderr}).toEqual({code: 0, stderr: ''});
		expect(linesOf(stdout)).toEqual(expected);
		expect(writes[0]!.requests).toBeLessThan(served.emulator.log.length);
	});

	test('--sort duration prints longest first, those without a duration last', async () => {
		const query = lastHours(30, {sortBy: 'duration'});
		const expected = idsOf(await walkedTexts(query));
		const {stdout} = await list(query);
		const printed = idsOf(linesOf(stdout));
		expect(printed.toSorted()).toEqual(expected.toSorted());
		const durations = linesOf(stdout).map(line => (JSON.parse(line) as RequestItem).duration ?? -1);
		expect(durations).toEqual(durations.toSorted((a, b) => b - a));
	});

	test('a table puts running requests on top, then the newest', async () => {
		const query = lastHours(30);
		const expected = (await walkedTexts(query)).map(text => JSON.parse(text) as RequestItem);
		const {stdout} = await list(query, {isJson: false});
		const printed = stdout.match(/[\da-f]{8}-[\da-f-]{27}$/gm);
		const running = expected.filter(item => item.ended_at === null);
		expect(printed).toEqual([...running, ...expected.filter(item => item.ended_at !== null)].map(item => item.request_id));
	});

	test('--max N beyond a page prints the first N in order and says more match', async () => {
		const query = lastHours(30);
		const expected = await walkedTexts(query);
		const {stdout, stderr} = await list(query, {isAll: false, maxRows: 45});
		expect(linesOf(stdout)).toEqual(expected.slice(0, 45));
		expect(stderr).toBe('More requests match: showing the first 45. Use --max N to see more.\n');
	});

	test('an error mid-scan: what was found is printed, then the error, exit 1', async () => {
		const query = lastHours(30);
		const expected = idsOf(await walkedTexts(query));
		// The account is locked from the third request on.
		let calls = 0;
		const locking: ApiClient = {
			async listRequests(pageQuery, options) {
				if (++calls === 3) {
					served.emulator.setFaults({locked: {times: Number.POSITIVE_INFINITY}});
				}

				return served.client.listRequests(pageQuery, options);
			},
		};
		const {code, stdout, stderr} = await list(query, {client: locking, concurrency: 1});
		expect(code).toBe(1);
		expect(stderr).toMatch(/^falreq: The API refused the key because the account is locked \(403\)/);
		// Two pages' rows, none twice, all of the window.
		const printed = idsOf(linesOf(stdout));
		expect(printed).toHaveLength(40);
		expect(printed.filter(id => !expected.includes(id))).toEqual([]);
	});
});

describe('OrderedRows', () => {
	const row = (ended: string | null, sent: string, duration: number | null = 1) => ({ended_at: ended, sent_at: sent, duration});

	test('by end time: settles rows at or after a time, newest first (microseconds counted); running ones come last, newest sent first', () => {
		const order = new OrderedRows<string>('ended_at');
		order.add(row('2025-06-01T10:00:00.000100Z', '2025-06-01T09:00:00Z'), 'b');
		order.add(row(null, '2025-06-01T08:00:00Z'), 'run-old');
		order.add(row('2025-06-01T10:00:00.0002Z', '2025-06-01T09:00:00Z'), 'a');
		order.add(row('2025-06-01T09:59:59Z', '2025-06-01T09:00:00Z'), 'c');
		order.add(row(null, '2025-06-01T09:30:00Z'), 'run-new');
		expect(order.settled(Date.parse('2025-06-01T10:00:00Z'))).toEqual(['a', 'b']);
		expect(order.settled(Date.parse('2025-06-01T10:00:00Z'))).toEqual([]);
		expect(order.rest()).toEqual(['c', 'run-new', 'run-old']);
		expect(order.size).toBe(0);
	});

	test('by duration: nothing is settled before the end; then longest first, those without one in end time order', () => {
		const order = new OrderedRows<string>('duration');
		order.add(row('2025-06-01T10:00:00Z', '2025-06-01T09:00:00Z', null), 'none-new');
		order.add(row('2025-06-01T09:00:00Z', '2025-06-01T08:00:00Z', 2), 'two');
		order.add(row(null, '2025-06-01T09:30:00Z', null), 'running');
		order.add(row('2025-06-01T09:00:00Z', '2025-06-01T08:00:00Z', 5), 'five');
		expect(order.settled(0)).toEqual([]);
		expect(order.rest()).toEqual(['five', 'two', 'none-new', 'running']);
	});

	test('rows the keys cannot tell apart keep the order they came in', () => {
		const order = new OrderedRows<number>(undefined);
		for (let index = 0; index < 50; index++) {
			order.add(row('2025-06-01T10:00:00Z', '2025-06-01T09:00:00Z'), index);
		}

		expect(order.rest()).toEqual(Array.from({length: 50}, (_, index) => index));
	});
});
