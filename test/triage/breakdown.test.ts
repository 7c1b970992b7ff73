/** Breakdowns: each dimension over hand-built rows, the sorts, the summary strip's figures per group, narrowing, and a plain breakdown of row objects to agree with. */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {formatStatus} from '../../source/format/request.js';
import {RowList, type Rows} from '../../source/state/row-list.js';
import {breakdown, dimensions, errorTypeOf, errorTypesOf, rowsWithin, sortBreakdown, type BreakdownColumn, type BreakdownRow, type Dimension, type Narrowing, type SortDirection} from '../../source/triage/breakdown.js';
import {summariseRows} from '../../source/triage/percentiles.js';
import {namedRows} from './rows.js';

/** The hand-built rows by name, in the order made. */
const {named, row} = namedRows({runner_id: 'runner-a'});

const upscaler = 'acme/upscaler';
const rows = [
	row('ok1', {}),
	row('ok2', {runner_id: 'runner-b', duration: 2}),
	row('ok3', {endpoint_id: upscaler, duration: 3}),
	row('disconnected1', {status_code: 500, duration: 10}),
	row('disconnected2', {status_code: 500, duration: 20, runner_id: 'runner-b'}),
	row('disconnected3', {endpoint_id: upscaler, status_code: 500, duration: null, runner_id: 'runner-c'}),
	row('disconnected4', {status_code: 500, duration: 30}),
	row('timeout', {endpoint_id: upscaler, status_code: 504, duration: 300, runner_id: null}),
	row('invalid', {status_code: 422, duration: 0.2, runner_id: 'runner-b'}),
	row('unread', {endpoint_id: upscaler, status_code: 503, duration: null, runner_id: null}),
	row('silent', {status_code: 500, duration: 5, runner_id: 'runner-c'}),
	row('running', {ended_at: null, status_code: null, duration: null}),
	// Kept as it came in a RowList: a fractional status does not pack.
	row('fractional', {endpoint_id: upscaler, status_code: 200.5, duration: 60, runner_id: 'runner-b'}),
	row('redirect', {status_code: 302, duration: 0.5, runner_id: 'runner-c'}),
];

const disconnected = {detail: 'The runner disconnected while processing the request', error_type: 'runner_disconnected'};
const errorTypes = errorTypesOf(
	new Map<string, unknown>([
		[named['disconnected1']!.request_id, disconnected],
		[named['disconnected2']!.request_id, disconnected],
		[named['disconnected3']!.request_id, disconnected],
		[named['disconnected4']!.request_id, disconnected],
		[named['timeout']!.request_id, {detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'}],
		[named['invalid']!.request_id, {detail: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}]}],
		// Read, and found to have none.
		[named['silent']!.request_id, undefined],
		// A success's output is no error type: it is not counted.
		[named['ok1']!.request_id, {detail: 'not an error', error_type: 'bogus'}],
	]),
);

/** label, requests, errors, error rate, p50, p95. */
type Line = [string, number, number, number | undefined, number | undefined, number | undefined];

function lines(result: readonly BreakdownRow[]): Line[] {
	return result.map(group => [group.label, group.requests, group.errors, group.errorRate, group.p50, group.p95]);
}

const sources: ReadonlyArray<[string, Rows]> = [['a RowList', RowList.from(rows)], ['an array', rows]];

describe.each(sources)('breakdown of %s', (_name, source) => {
	const by = (dimension: Dimension, within?: readonly Narrowing[]) => breakdown(source, dimension, {errorTypes, within});

	it('counts by endpoint: requests, failures (4xx and 5xx), the error rate of the finished, nearest-rank p50 and p95', () => {
		expect(lines(by('endpoint'))).toEqual([
			['fal-ai/flux/dev', 9, 5, 5 / 8, 2, 30],
			[upscaler, 5, 3, 3 / 5, 60, 300],
		]);
	});

	it('counts by runner, the rows without one as "no runner"', () => {
		expect(lines(by('runner'))).toEqual([
			['runner-a', 5, 2, 2 / 4, 3, 30],
			['runner-b', 4, 2, 2 / 4, 2, 60],
			['runner-c', 3, 2, 2 / 3, 0.5, 5],
			['no runner', 2, 2, 1, 300, 300],
		]);
		expect(by('runner').at(-1)!.key).toBe('none');
	});

	it('counts by status code, running rows as "running" with no rate, odd codes as they are', () => {
		expect(lines(by('status'))).toEqual([
			['500 ERR', 5, 5, 1, 10, 30],
			['200 ok', 3, 0, 0, 2, 3],
			['200.5 ok', 1, 0, 0, 60, 60],
			['302 ?', 1, 0, 0, 0.5, 0.5],
			['422 usr', 1, 1, 1, 0.2, 0.2],
			['503 ERR', 1, 1, 1, undefined, undefined],
			['504 ERR', 1, 1, 1, 300, 300],
			['running', 1, 0, undefined, undefined, undefined],
		]);
	});

	it('counts failed rows by error type: error_type, else the masked message, "no output", "output not read"; successes not at all', () => {
		expect(lines(by('errorType'))).toEqual([
			['runner_disconnected', 4, 4, 1, 20, 30],
			['body.prompt: Field required (missing)', 1, 1, 1, 0.2, 0.2],
			['no output', 1, 1, 1, 5, 5],
			['output not read', 1, 1, 1, undefined, undefined],
			['request_timeout', 1, 1, 1, 300, 300],
		]);
		expect(by('errorType').map(group => group.key)).toEqual(['=runner_disconnected', '=body.prompt: Field required (missing)', '=no output', 'unread', '=request_timeout']);
	});

	it('gives each group the figures the summary strip gives its rows, and rowsWithin those rows', () => {
		for (const dimension of dimensions) {
			for (const group of by(dimension)) {
				const members = rowsWithin(source, [{dimension, key: group.key, label: group.label}], errorTypes).slice();
				const stats = summariseRows(members);
				expect({requests: group.requests, errors: group.errors, errorRate: group.errorRate, p50: group.p50, p95: group.p95}).toEqual({
					requests: members.length,
					errors: stats.errors + stats.userErrors,
					errorRate: stats.errorRate ?? undefined,
					p50: stats.p50 ?? undefined,
					p95: stats.p95 ?? undefined,
				});
			}
		}
	});

	it('breaks the error type runner_disconnected down by runner: 3 runners', () => {
		const within = [{dimension: 'errorType', key: '=runner_disconnected', label: 'runner_disconnected'}] as const;
		expect(lines(by('runner', within))).toEqual([
			['runner-a', 2, 2, 1, 10, 30],
			['runner-b', 1, 1, 1, 20, 20],
			['runner-c', 1, 1, 1, undefined, undefined],
		]);
		expect(rowsWithin(source, within, errorTypes).slice()).toEqual(['disconnected1', 'disconnected2', 'disconnected3', 'disconnected4'].map(name => named[name]));
	});

	it('narrows by every group given, in any dimension', () => {
		const flux: Narrowing = {dimension: 'endpoint', key: '=fal-ai/flux/dev', label: 'fal-ai/flux/dev'};
		expect(lines(by('errorType', [flux])).map(line => line.slice(0, 2))).toEqual([['runner_disconnected', 3], ['body.prompt: Field required (missing)', 1], ['no output', 1]]);
		const runnerA: Narrowing = {dimension: 'runner', key: '=runner-a', label: 'runner-a'};
		expect(lines(by('status', [flux, runnerA])).map(line => line.slice(0, 2))).toEqual([['500 ERR', 2], ['200 ok', 1], ['running', 1]]);
		const unread: Narrowing = {dimension: 'errorType', key: 'unread', label: 'output not read'};
		expect(rowsWithin(source, [unread], errorTypes).slice()).toEqual([named['unread']]);
	});

	it('has no groups, and no rows to list, within a group that is gone', () => {
		const gone: Narrowing = {dimension: 'runner', key: '=runner-z', label: 'runner-z'};
		expect(by('endpoint', [gone])).toEqual([]);
		expect(rowsWithin(source, [gone], errorTypes).length).toBe(0);
	});

	it('lists the rows of a RowList as a RowList, and all of them when nothing narrows', () => {
		const within = [{dimension: 'status', key: '=500', label: '500 ERR'}] as const;
		expect(rowsWithin(source, within, errorTypes) instanceof RowList).toBe(source instanceof RowList);
		expect(rowsWithin(source, [], errorTypes)).toBe(source);
	});
});

it('has no groups of no rows', () => {
	for (const dimension of dimensions) {
		expect(breakdown(RowList.empty, dimension, {errorTypes})).toEqual([]);
		expect(breakdown([], dimension, {errorTypes})).toEqual([]);
	}
});

describe('errorTypeOf', () => {
	it('reads the error_type, else the masked message, else says there is none', () => {
		expect(errorTypeOf({detail: 'x', error_type: 'request_timeout'})).toBe('request_timeout');
		expect(errorTypeOf({detail: 'Could not fetch https://v3.fal.media/files/a.png, got 404.'})).toBe('Could not fetch <url>, got #.');
		expect(errorTypeOf('Out of memory after 300 s')).toBe('Out of memory after # s');
		expect(errorTypeOf(null)).toBe('no output');
		expect(errorTypeOf(undefined)).toBe('no output');
		expect(errorTypeOf({images: []})).toBe('no message');
	});
});

describe('sortBreakdown', () => {
	const status = breakdown(rows, 'status', {errorTypes});
	// The status groups by letter: A 500 (5 requests), B 200 (3), then one request each.
	const letters: Record<string, string> = {'500 ERR': 'A', '200 ok': 'B', '200.5 ok': 'C', '302 ?': 'D', '422 usr': 'E', '503 ERR': 'F', '504 ERR': 'G', running: 'H'};
	const table: ReadonlyArray<[BreakdownColumn, SortDirection, string]> = [
		['label', 'ascending', 'BCDEAFGH'],
		['label', 'descending', 'HGFAEDCB'],
		['requests', 'descending', 'ABCDEFGH'],
		['requests', 'ascending', 'CDEFGHBA'],
		['errors', 'descending', 'AEFGBCDH'],
		['errors', 'ascending', 'BCDHEFGA'],
		['errorRate', 'descending', 'AEFGBCDH'],
		['errorRate', 'ascending', 'BCDAEFGH'],
		['p50', 'descending', 'GCABDEFH'],
		['p50', 'ascending', 'EDBACGFH'],
		['p95', 'descending', 'GCABDEFH'],
		['p95', 'ascending', 'EDBACGFH'],
	];

	it.each(table)('sorts by %s %s; ties by most requests, then label; groups without the figure last', (column, direction, expected) => {
		expect(sortBreakdown(status, column, direction).map(group => letters[group.label]).join('')).toBe(expected);
	});

	it('leaves its input as it was', () => {
		const before = [...status];
		sortBreakdown(status, 'label', 'descending');
		expect(status).toEqual(before);
	});
});

describe('breakdown against a plain breakdown of row objects', () => {
	const runners = [null, 'runner-a', 'runner-b', '8D46BBBB-0000'];
	const endpoints = ['fal-ai/flux/dev', 'acme/upscaler', 'Acme/Upscaler/HD'];
	const types = ['runner_disconnected', 'request_timeout', 'no output', 'body.prompt: Field required (missing)'];
	const anyRow = fc.record({
		endpoint: fc.constantFrom(...endpoints),
		status: fc.constantFrom(null, 200, 201, 302, 422, 500, 503, 504, 200.5, 40_000, 600),
		duration: fc.constantFrom(null, 0, -0, 0.25, 0.5, 59.999, 60, 61, 90, 5400, 1e300),
		runner: fc.constantFrom(...runners),
		type: fc.option(fc.constantFrom(...types)),
		isKept: fc.boolean(),
	});

	/** The group a row is in, or undefined when the dimension does not count it. */
	function groupOf(item: RequestItem, dimension: Dimension, known: ReadonlyMap<string, string>): [string, string] | undefined {
		switch (dimension) {
			case 'endpoint': {
				return [`=${item.endpoint_id}`, item.endpoint_id];
			}

			case 'runner': {
				return item.runner_id === null ? ['none', 'no runner'] : [`=${item.runner_id}`, item.runner_id];
			}

			case 'status': {
				return item.status_code === null ? ['running', 'running'] : [`=${item.status_code}`, formatStatus(item.status_code)];
			}

			case 'errorType': {
				if (item.status_code === null || item.status_code < 400 || item.status_code >= 600) {
					return undefined;
				}

				const type = known.get(item.request_id);
				return type === undefined ? ['unread', 'output not read'] : [`=${type}`, type];
			}
		}
	}

	function nearestRank(sorted: Float64Array, p: number): number | undefined {
		return sorted.length === 0 ? undefined : sorted[Math.ceil((p * sorted.length) / 100) - 1];
	}

	function reference(items: readonly RequestItem[], dimension: Dimension, known: ReadonlyMap<string, string>, within: readonly Narrowing[]): BreakdownRow[] {
		const groups = new Map<string, {label: string; members: RequestItem[]}>();
		for (const item of items) {
			const group = groupOf(item, dimension, known);
			if (group === undefined || !within.every(narrowing => groupOf(item, narrowing.dimension, known)?.[0] === narrowing.key)) {
				continue;
			}

			const entry = groups.get(group[0]) ?? {label: group[1], members: []};
			entry.members.push(item);
			groups.set(group[0], entry);
		}

		return [...groups].map(([key, {label, members}]) => {
			const finished = members.filter(item => item.status_code !== null);
			const errors = finished.filter(item => item.status_code! >= 400 && item.status_code! < 600).length;
			const durations = Float64Array.from(members.flatMap(item => (item.duration !== null && Number.isFinite(item.duration) ? [item.duration] : []))).sort();
			return {
				key,
				label,
				requests: members.length,
				errors,
				errorRate: finished.length === 0 ? undefined : errors / finished.length,
				p50: nearestRank(durations, 50),
				p95: nearestRank(durations, 95),
			};
		});
	}

	const byKey = (groups: readonly BreakdownRow[]) => [...groups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

	it('finds the same groups with the same figures, most requests first, from a RowList and from an array, narrowed or not', () => {
		fc.assert(
			fc.property(
				fc.array(anyRow, {minLength: 1, maxLength: 40}),
				fc.constantFrom(...dimensions),
				fc.array(fc.tuple(fc.constantFrom(...dimensions), fc.nat()), {maxLength: 2}),
				(specs, dimension, narrowings) => {
					const items = specs.map(({endpoint, status, duration, runner, isKept}, index): RequestItem => {
						const item: RequestItem = {
							// Some ids are not UUIDs: a RowList keeps those rows as they came.
							request_id: index % 5 === 4 ? `req_${index}` : `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
							endpoint_id: endpoint,
							sent_at: '2026-03-01T11:59:00Z',
							started_at: '2026-03-01T11:59:01Z',
							ended_at: status === null ? null : '2026-03-01T12:00:00.5Z',
							status_code: status,
							duration,
							runner_id: runner,
						};
						// Extra fields keep a row as it came in a RowList, unpacked.
						return isKept ? {...item, billable_units: 1} : item;
					});
					// Types of any row, failed or not: only the failed rows' count.
					const known = new Map(specs.flatMap(({type}, index) => (type === null ? [] : [[items[index]!.request_id, type] as const])));
					// Each narrowing picks a group the rows have (by number), or one they do not.
					const within = narrowings.map(([each, pick]): Narrowing => {
						const keys = [...new Set(items.map(item => groupOf(item, each, known)?.[0]).filter(key => key !== undefined))];
						const key = pick % (keys.length + 1) === keys.length ? '=missing' : keys[pick % (keys.length + 1)]!;
						return {dimension: each, key, label: key};
					});
					const expected = byKey(reference(items, dimension, known, within));
					for (const source of [RowList.from(items), items]) {
						const result = breakdown(source, dimension, {errorTypes: known, within});
						expect(byKey(result)).toEqual(expected);
						expect(result).toEqual(sortBreakdown(result, 'requests', 'descending'));
						expect(rowsWithin(source, within, known).length).toBe(items.filter(item => within.every(narrowing => groupOf(item, narrowing.dimension, known)?.[0] === narrowing.key)).length);
					}
				},
			),
			{numRuns: 500},
		);
	});
});
