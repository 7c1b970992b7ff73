import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isAppendedTo, requestIndex, RowList} from '../../source/state/row-list.js';
import {newestEnd} from '../../source/triage/follow.js';
import {factsOf} from '../../source/triage/row-facts.js';
import {id, item} from './fixtures.js';

const ids = (rows: Iterable<{request_id: string}>) => Array.from(rows, row => row.request_id);
const range = (from: number, to: number) => Array.from({length: to - from}, (_, index) => item(from + index));

/** Rows that pack and rows kept as they came, among them ids that are not UUIDs and rows still running. */
const oddRows = [
		item(0, {runner_id: null}),
		item(1, {endpoint_id: 'acme/upscaler/hd', ended_at: null, status_code: null, duration: null}),
		item(2, {sent_at: '2026-11-29T01:01:51.808440Z', started_at: '2026-11-29T01:01:52.027Z', ended_at: '2026-11-29T01:01:53.9Z', duration: 0.902615, status_code: 422}),
		item(3, {sent_at: '1999-12-31T23:59:59.000001Z', runner_id: '4138dd23-163a-4e1f-8c63-d56df48c6c42', duration: -0}),
		// Kept as they came: not a lowercase UUID, a time with an offset, more fields, another order.
		item(4, {request_id: 'req_ABC-123'}),
		item(5, {request_id: 'CEEAD08C-FDAE-43E2-B8D8-BAF35E752267'}),
		item(6, {ended_at: '2026-11-28T10:00:05+00:00'}),
		item(7, {billable_units: 2, json_output: {images: []}}),
		{...item(8, {ended_at: null}), ended_at: null},
		(({duration, ...rest}) => ({duration, ...rest}))(item(9)),
		item(10, {status_code: 200.5}),
];

describe('RowList', () => {
	it('keeps rows in order, each request once, however often a page repeats it', () => {
		const list = RowList.from(range(0, 3)).append([item(2), item(3), item(3), item(4)]);
		expect(ids(list)).toEqual([id(0), id(1), id(2), id(3), id(4)]);
		expect(list).toHaveLength(5);
		expect(list.at(4)?.request_id).toBe(id(4));
		expect(list.at(-1)?.request_id).toBe(id(4));
		expect(list.at(5)).toBeUndefined();
		expect(ids(list.slice(1, 3))).toEqual([id(1), id(2)]);
		expect(list.indexOf(id(3))).toBe(3);
		expect(list.append([item(1)])).toBe(list);
	});

	it('finds rows by request id, in a RowList as in a plain array', () => {
		const list = RowList.from(range(0, 5));
		expect(ids(list.withIds([id(3), id(9), id(1)]))).toEqual([id(1), id(3)]);
		expect(list.withIds([id(2)])[0]).toBe(list.at(2));
		for (const rows of [list, list.slice(), [...list.slice(), item(4)]]) {
			const indexOf = requestIndex(rows);
			expect(indexOf(id(4))).toBe(4);
			expect(indexOf(id(9))).toBe(-1);
		}
	});

	it('gives back every id as it came and finds it, a lowercase UUID or one that only looks like one', () => {
		const nearly = [
			'00000000-0000-0000-0000-000000000000',
			'ffffffff-ffff-ffff-ffff-ffffffffffff',
			'0123abcd-4567-89ef-abcd-ef0123456789',
			'0123abcd-4567-89ef-abcd-ef012345678g',
			'0123abcd-4567-89ef-abcD-ef0123456789',
			'0123abcd-4567-89ef-abcd0ef0123456789',
			'0123abcd-4567-89ef-abcd-ef012345678',
			'0123abcd-4567-89ef-abcd-ef0123456789a',
			'0123abcd-4567-89ef-abcd-ef012345678\u00E9',
			'0123abcd:4567-89ef-abcd-ef0123456789',
		];
		const list = RowList.from(nearly.map((requestId, index) => item(index, {request_id: requestId})));
		expect(ids(list)).toEqual(nearly);
		expect(nearly.map(requestId => list.indexOf(requestId))).toEqual(nearly.map((_, index) => index));
		expect(list.indexOf('0123ABCD-4567-89EF-ABCD-EF0123456789')).toBe(-1);
	});

	it('leaves every earlier list as it was, as a reducer run twice on the same state needs', () => {
		const first = RowList.from(range(0, 2));
		const longer = first.append(range(2, 4));
		// Appended to the shorter list again: its own rows, not the longer list's.
		const again = first.append([item(9), item(2)]);
		expect(ids(first)).toEqual([id(0), id(1)]);
		expect(first.has(id(2))).toBe(false);
		expect(ids(longer)).toEqual([id(0), id(1), id(2), id(3)]);
		expect(ids(again)).toEqual([id(0), id(1), id(9), id(2)]);
		expect(longer.has(id(9))).toBe(false);
		expect(ids(longer.append([item(4)]))).toEqual([id(0), id(1), id(2), id(3), id(4)]);
	});

	it('tells an appended list from a new one', () => {
		const first = RowList.from(range(0, 2));
		const longer = first.append(range(2, 4));
		expect(isAppendedTo(longer, first)).toBe(true);
		expect(isAppendedTo(first, first)).toBe(true);
		expect(isAppendedTo(first, longer)).toBe(false);
		expect(isAppendedTo(RowList.from(range(0, 4)), first)).toBe(false);
		expect(isAppendedTo(first.append([item(9)]), longer)).toBe(false);
		expect(isAppendedTo(range(0, 4), range(0, 2))).toBe(false);
	});

	it('gives back each row exactly as given, fields in the same order, however its times and ids are written', () => {
		const rows = oddRows;
		const list = RowList.from(rows);
		for (const [index, row] of list.slice().entries()) {
			expect(row).toEqual(rows[index]);
			expect(Object.keys(row)).toEqual(Object.keys(rows[index]!));
		}

		expect([...list]).toEqual(rows);
		expect(list.facts()).toEqual(factsOf(rows));
		expect(Object.is(list.at(3)!.duration, -0)).toBe(true);
		expect(list.indexOf('req_ABC-123')).toBe(4);
		expect(list.has(id(10))).toBe(true);
	});

	it('hands out the same object for a row each time it is read', () => {
		const list = RowList.from(Array.from({length: 50}, (_, index) => item(index)));
		expect(list.at(7)).toBe(list.slice(5, 10)[2]);
		expect(list.append([item(50)]).at(7)).toBe(list.at(7));
	});

	it('finds every row of a long list by its id', () => {
		let list = RowList.empty;
		for (let page = 0; page < 30; page++) {
			list = list.append(Array.from({length: 100}, (_, index) => item((page * 100) + index)));
		}

		expect(list).toHaveLength(3000);
		expect(Array.from({length: 3000}, (_, n) => list.indexOf(id(n)))).toEqual(Array.from({length: 3000}, (_, n) => n));
		expect(list.has(id(3000))).toBe(false);
	});

	it('puts rows in at a position, copying the rows around without changing the list they came from', () => {
		let list = RowList.from(oddRows);
		list = list.append(range(11, 300));
		const before = [...list];
		const running = list.indexOf(id(1));
		const keptRunning = list.indexOf(id(8));
		const replaced = new Map([
			[running, item(1, {endpoint_id: 'acme/upscaler/hd', ended_at: '2026-11-28T10:00:09.5Z', status_code: 500, duration: 4.5})],
			// Kept as it came (its fields are in another order), and kept again once ended.
			[keptRunning, {...item(8), ended_at: '2026-11-28T10:00:07Z'}],
		]);
		const fresh = [item(1000, {ended_at: '2026-11-30T11:00:00Z'}), item(1001, {request_id: 'req_new'}), item(1002)];
		const swapped = before.map((row, index) => replaced.get(index) ?? row);
		for (const at of [0, 5, before.length]) {
			// Rows already held, and repeats, are not put in again.
			const joined = list.insert([...fresh, item(1000), item(12)], {at, replaced});
			const expected = [...swapped.slice(0, at), ...fresh, ...swapped.slice(at)];
			expect([...joined]).toEqual(expected);
			expect(joined.slice().map(row => Object.keys(row))).toEqual(expected.map(row => Object.keys(row)));
			expect(expected.map(row => joined.indexOf(row.request_id))).toEqual(expected.map((_, index) => index));
			expect(joined.newestEnd()).toBe('2026-11-30T11:00:00Z');
			expect(ids(joined.append([item(300), item(1000)]).slice(-2))).toEqual([ids(expected).at(-1), id(300)]);
			expect(isAppendedTo(joined, list)).toBe(false);
		}

		expect([...list]).toEqual(before);
		expect(list.insert([item(12)], {at: 3})).toBe(list);
	});

	it('puts rows in, finds the newest end and reads the summary\'s facts exactly as plain arrays do, for any rows and position', () => {
		const times = fc.constantFrom(null, '2026-11-28T10:00:05Z', '2026-11-28T10:00:05.0009Z', '2026-11-28T10:00:05.001Z', '1969-12-31T23:59:59.9996Z', '2026-11-28T10:00:05+00:00');
		// Statuses beyond 0x7FFF and fractional ones are kept as they came, as are ids that are not UUIDs.
		const anyRow = fc
			.record({
				n: fc.nat(60),
				ended: times,
				isOddId: fc.boolean(),
				status: fc.constantFrom(null, 200, 422, 503, 200.5, 40_000),
				duration: fc.constantFrom(null, 0.25, 4, -0, 1e300),
			})
			.map(({n, ended, isOddId, status, duration}) =>
				item(n, {ended_at: ended, status_code: status, duration, ...(isOddId ? {request_id: `req_${n}`} : {})}));
		const anyPosition = fc.integer({min: -45, max: 45});
		fc.assert(
			fc.property(fc.array(anyRow, {maxLength: 40}), fc.array(anyRow, {maxLength: 10}), fc.array(times, {maxLength: 5}), anyPosition, (rows, incoming, endings, at) => {
				const list = RowList.from(rows);
				const model = [...list];
				// Each new id once, the first of repeats, as append keeps them.
				const fresh = RowList.from(incoming.filter(row => list.indexOf(row.request_id) === -1)).slice();
				const replaced = new Map(endings.flatMap((ended, index) => (index < model.length ? [[index, {...model[index]!, ended_at: ended}] as const] : [])));
				const joined = list.insert(incoming, {at, replaced});
				const swapped = model.map((row, index) => replaced.get(index) ?? row);
				const position = at < 0 ? Math.max(0, at + model.length) : Math.min(at, model.length);
				const expected = [...swapped.slice(0, position), ...fresh, ...swapped.slice(position)];
				expect([...joined]).toEqual(expected);
				expect([...list]).toEqual(model);
				expect(expected.map(row => joined.indexOf(row.request_id))).toEqual(expected.map((_, index) => index));
				expect(joined.newestEnd()).toBe(newestEnd(expected));
				expect(joined.facts()).toEqual(factsOf(expected));
				expect(joined.facts(position)).toEqual(factsOf(expected.slice(position)));
				expect(joined.append(incoming)).toBe(joined);
			}),
			{numRuns: 500},
		);
	});
});
