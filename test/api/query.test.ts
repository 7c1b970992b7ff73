import {describe, expect, test} from 'vitest';
import {toSearchParams, validateFilters, type Problem} from '../../source/api/query.js';
import type {Filters, Query} from '../../source/api/types.js';

const now = new Date('2025-06-01T12:00:00.000Z');
const endpoint = 'fal-ai/flux/dev';

function query(filters: Partial<Filters>, zone = 'UTC'): Query {
	const result = validateFilters({endpointIds: [endpoint], ...filters}, now, zone);
	if (!result.ok) {
		throw new Error(result.problems.map(problem => problem.message).join(' '));
	}

	return result.query;
}

function problems(filters: Partial<Filters>): Problem[] {
	const result = validateFilters({endpointIds: [endpoint], ...filters}, now, 'UTC');
	if (result.ok) {
		throw new Error('accepted');
	}

	return result.problems;
}

describe('endpoint ids', () => {
	test('repeated and comma-separated entries are split, trimmed, emptied out and deduplicated', () => {
		expect(query({endpointIds: [' fal-ai/flux/dev, acme/app ', 'acme/app/turbo,,', ' ', 'acme/app']}).endpointIds).toEqual([
			'fal-ai/flux/dev',
			'acme/app',
			'acme/app/turbo',
		]);
	});

	test('owner/app and deeper routes with letters, digits, dots, underscores and dashes are ids', () => {
		expect(query({endpointIds: ['fal-ai/flux-pro/v1.1/ultra', 'my_org/app2']}).endpointIds).toHaveLength(2);
	});

	test('none at all is refused', () => {
		expect(problems({endpointIds: [' , ']})).toEqual([
			{field: 'endpointIds', message: 'Give at least one endpoint id, such as fal-ai/flux/dev or owner/app.'},
		]);
	});

	test('more than 50 is refused, 50 is fine', () => {
		const ids = Array.from({length: 51}, (_, index) => `acme/app${index}`);
		expect(query({endpointIds: ids.slice(0, 50)}).endpointIds).toHaveLength(50);
		expect(problems({endpointIds: ids})).toEqual([
			{field: 'endpointIds', message: '51 endpoint ids were given; at most 50 are allowed at once.'},
		]);
	});

	test('each id that is not owner/app[/route] is named', () => {
		const found = problems({endpointIds: ['flux', 'acme/app', 'acme//x', 'a b/c', 'acme/app?x=1', '/acme/app']});
		expect(found.map(problem => problem.message)).toEqual(
			['flux', 'acme//x', 'a b/c', 'acme/app?x=1', '/acme/app'].map(
				id => `'${id}' is not an endpoint id: write owner/app or owner/app/route, using letters, digits, '.', '_' and '-'.`,
			),
		);
		expect(found.every(problem => problem.field === 'endpointIds')).toBe(true);
	});

	test('escape sequences in a bad id are shown inert', () => {
		const [problem] = problems({endpointIds: ['acme/\u001B[31mred']});
		expect(problem!.message).toContain("'acme/\\e[31mred'");
	});
});

describe('times', () => {
	test('absolute and relative times are sent as ISO', () => {
		expect(query({start: '6h', end: 'now'})).toMatchObject({start: '2025-06-01T06:00:00.000Z', end: '2025-06-01T12:00:00.000Z'});
		expect(query({start: '2025-05-01', end: '2025-05-02T00:00:00+02:00'})).toMatchObject({
			start: '2025-05-01T00:00:00.000Z',
			end: '2025-05-01T22:00:00.000Z',
		});
	});

	test('blank times are not set', () => {
		const sent = query({start: ' ', end: ''});
		expect(sent.start).toBeUndefined();
		expect(sent.end).toBeUndefined();
	});

	test('a time that does not parse is refused, naming the field and value', () => {
		expect(problems({start: 'yesterday'})).toEqual([
			{
				field: 'start',
				message:
					"The start 'yesterday' is not a time: use an ISO 8601 date-time such as 2025-05-01T12:00:00Z, a date such as 2025-05-01, an age such as 15m, 6h, 7d or 2w, or now.",
			},
		]);
		expect(problems({end: '2025-05-01T25:00'})).toEqual([
			{field: 'end', message: "The end '2025-05-01T25:00' is not a real date or time of day."},
		]);
	});

	test('dates and date-times without an offset are read in the zone given, the rest as written', () => {
		expect(query({start: '2025-05-01', end: '2025-05-01T18:00'}, 'America/New_York')).toMatchObject({
			start: '2025-05-01T04:00:00.000Z',
			end: '2025-05-01T22:00:00.000Z',
		});
		expect(query({start: '2025-05-01', end: '2025-05-02T00:00:00Z'}, 'Asia/Kolkata')).toMatchObject({
			start: '2025-04-30T18:30:00.000Z',
			end: '2025-05-02T00:00:00.000Z',
		});
	});

	test('start must be before end', () => {
		expect(problems({start: '2025-05-02', end: '2025-05-01'})).toEqual([
			{field: 'start', message: 'The start, 2025-05-02T00:00:00.000Z, must be before the end, 2025-05-01T00:00:00.000Z.'},
		]);
		expect(problems({start: '2025-05-01', end: '2025-05-01'})[0]!.field).toBe('start');
	});

	test('a start in the future is refused against the default end, now', () => {
		expect(problems({start: '2025-06-02'})).toEqual([
			{field: 'start', message: 'The start, 2025-06-02T00:00:00.000Z, must be before now, the default end.'},
		]);
	});

	test('an end before the default start asks for a start', () => {
		expect(problems({end: '2025-05-01'})).toEqual([
			{
				field: 'end',
				message: 'The end, 2025-05-01T00:00:00.000Z, is before the default start (24 hours ago); give a start as well.',
			},
		]);
		// With a request id the API looks back 90 days.
		expect(query({end: '2025-05-01', requestId: '0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b'}).end).toBe('2025-05-01T00:00:00.000Z');
	});
});

describe('the other filters', () => {
	test('status and sort order from their lists', () => {
		expect(query({status: 'user_error', sortBy: 'duration'})).toMatchObject({status: 'user_error', sortBy: 'duration'});
		expect(problems({status: 'failed' as never, sortBy: 'cost' as never})).toEqual([
			{field: 'status', message: "The status 'failed' is not one of success, error, user_error."},
			{field: 'sortBy', message: "The sort order 'cost' is not one of ended_at, duration."},
		]);
	});

	test('a request id must be a UUID', () => {
		expect(query({requestId: ' 0B6F1D2E-4C8A-4F3E-9D7B-2A1C5E8F9A0B '}).requestId).toBe('0B6F1D2E-4C8A-4F3E-9D7B-2A1C5E8F9A0B');
		expect(query({requestId: ''}).requestId).toBeUndefined();
		expect(problems({requestId: 'req-123'})).toEqual([
			{field: 'requestId', message: "The request id 'req-123' is not a UUID (like 0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b)."},
		]);
	});

	test('the page size is a whole number from 1 to 100', () => {
		expect(query({limit: 1}).limit).toBe(1);
		expect(query({limit: 100}).limit).toBe(100);
		for (const limit of [0, 101, 2.5, -1, Number.NaN]) {
			expect(problems({limit})).toEqual([
				{field: 'limit', message: `The page size '${limit}' is not allowed: give a whole number from 1 to 100.`},
			]);
		}
	});

	test('billing asks for the billing expansion', () => {
		expect(query({billing: true}).expand).toEqual(['billing']);
		expect(query({billing: false}).expand).toBeUndefined();
	});

	test('every problem is reported at once', () => {
		const found = problems({endpointIds: [], start: 'soon', requestId: 'x', limit: 0});
		expect(found.map(problem => problem.field)).toEqual(['endpointIds', 'requestId', 'start', 'limit']);
	});
});

describe('toSearchParams', () => {
	test('every parameter in the API names; endpoint_id and expand repeat', () => {
		const params = toSearchParams({
			endpointIds: ['fal-ai/flux/dev', 'acme/app'],
			start: '2025-05-01T00:00:00.000Z',
			end: '2025-05-02T00:00:00.000Z',
			status: 'error',
			requestId: '0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b',
			limit: 25,
			cursor: 'Mg==',
			expand: ['payloads', 'billing'],
			sortBy: 'duration',
		});
		expect([...params]).toEqual([
			['endpoint_id', 'fal-ai/flux/dev'],
			['endpoint_id', 'acme/app'],
			['start', '2025-05-01T00:00:00.000Z'],
			['end', '2025-05-02T00:00:00.000Z'],
			['status', 'error'],
			['request_id', '0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b'],
			['limit', '25'],
			['cursor', 'Mg=='],
			['sort_by', 'duration'],
			['expand', 'payloads'],
			['expand', 'billing'],
		]);
		expect(params.toString()).toContain('cursor=Mg%3D%3D');
	});

	test('unset values are left out', () => {
		expect(toSearchParams({endpointIds: ['acme/app']}).toString()).toBe('endpoint_id=acme%2Fapp');
	});
});
