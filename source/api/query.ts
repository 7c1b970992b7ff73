/** Filters as a user gives them, checked and turned into exactly the query the API is sent. */
import {sanitise} from '../terminal/sanitise.js';
import {parseTime} from './time.js';
import {sortKeys, statuses, type Filters, type Query} from './types.js';

/** One thing wrong with the filters: which field, and a sentence naming the value and what is allowed. */
export type Problem = {field: keyof Filters; message: string};

const maxEndpoints = 50;
const maxLimit = 100;

const hourMs = 3_600_000;
/** The API's own default lower bounds, which `end` must not fall before (and the scanner's window starts at when no start is given). */
export const defaultSpanMs = 24 * hourMs;
export const requestIdSpanMs = 90 * 24 * hourMs;

// owner/app, then optional route segments; the characters fal uses in ids, and nothing a URL or terminal would read specially.
const endpointPattern = /^[\w.-]+(?:\/[\w.-]+)+$/;
const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function quote(value: unknown): string {
	return `'${sanitise(String(value))}'`;
}

/** Ids from repeated and comma-separated entries, trimmed, empty ones dropped, repeats removed. */
export function splitEndpointIds(entries: readonly string[]): string[] {
	const ids = entries.flatMap(entry => entry.split(',')).map(id => id.trim()).filter(id => id !== '');
	return [...new Set(ids)];
}

function checkEndpoints(entries: readonly string[], problems: Problem[]): string[] {
	const ids = splitEndpointIds(entries);
	if (ids.length === 0) {
		problems.push({field: 'endpointIds', message: 'Give at least one endpoint id, such as fal-ai/flux/dev or owner/app.'});
	} else if (ids.length > maxEndpoints) {
		problems.push({field: 'endpointIds', message: `${ids.length} endpoint ids were given; at most ${maxEndpoints} are allowed at once.`});
	}

	for (const id of ids.filter(id => !endpointPattern.test(id))) {
		problems.push({
			field: 'endpointIds',
			message: `${quote(id)} is not an endpoint id: write owner/app or owner/app/route, using letters, digits, '.', '_' and '-'.`,
		});
	}

	return ids;
}

/** Blank text means the filter is not set, as an emptied input field does. */
function given(value: string | undefined): string | undefined {
	const text = value?.trim();
	return text === '' ? undefined : text;
}

function checkTime(field: 'start' | 'end', value: string | undefined, now: Date, zone: string, problems: Problem[]): Date | undefined {
	if (value === undefined) {
		return undefined;
	}

	const result = parseTime(value, now, zone);
	if (!result.ok) {
		// parseTime's sentences start with the quoted value: "The start '…' is not a time: …".
		problems.push({field, message: `The ${field} ${result.message}`});
		return undefined;
	}

	return result.date;
}

function checkOrder(start: Date | undefined, end: Date | undefined, hasRequestId: boolean, now: Date, problems: Problem[]): void {
	if (start !== undefined) {
		const upper = end ?? now;
		if (start >= upper) {
			const what = end === undefined ? 'now, the default end' : `the end, ${end.toISOString()}`;
			problems.push({field: 'start', message: `The start, ${start.toISOString()}, must be before ${what}.`});
		}

		return;
	}

	if (end !== undefined) {
		const span = hasRequestId ? requestIdSpanMs : defaultSpanMs;
		if (end.getTime() <= now.getTime() - span) {
			const lower = hasRequestId ? '90 days ago' : '24 hours ago';
			problems.push({field: 'end', message: `The end, ${end.toISOString()}, is before the default start (${lower}); give a start as well.`});
		}
	}
}

function checkEnum<T extends string>(field: keyof Filters, label: string, value: T | undefined, allowed: readonly T[], problems: Problem[]): void {
	if (value !== undefined && !allowed.includes(value)) {
		problems.push({field, message: `The ${label} ${quote(value)} is not one of ${allowed.join(', ')}.`});
	}
}

/**
 * Checks every filter before anything is sent; each problem names the value
 * and what is allowed. Relative times are resolved against `now`, dates and
 * date-times without an offset read in `zone` (an IANA name: the zone the
 * user sees times in).
 */
export function validateFilters(filters: Filters, now: Date, zone: string): {ok: true; query: Query} | {ok: false; problems: Problem[]} {
	const problems: Problem[] = [];
	const endpointIds = checkEndpoints(filters.endpointIds, problems);
	const requestId = given(filters.requestId);
	if (requestId !== undefined && !uuidPattern.test(requestId)) {
		problems.push({
			field: 'requestId',
			message: `The request id ${quote(requestId)} is not a UUID (like 0b6f1d2e-4c8a-4f3e-9d7b-2a1c5e8f9a0b).`,
		});
	}

	const start = checkTime('start', given(filters.start), now, zone, problems);
	const end = checkTime('end', given(filters.end), now, zone, problems);
	const timesOk = !problems.some(problem => problem.field === 'start' || problem.field === 'end');
	if (timesOk) {
		checkOrder(start, end, requestId !== undefined, now, problems);
	}

	checkEnum('status', 'status', filters.status, statuses, problems);
	checkEnum('sortBy', 'sort order', filters.sortBy, sortKeys, problems);
	const {limit} = filters;
	if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= maxLimit)) {
		problems.push({field: 'limit', message: `The page size ${quote(limit)} is not allowed: give a whole number from 1 to ${maxLimit}.`});
	}

	if (problems.length > 0) {
		return {ok: false, problems};
	}

	return {
		ok: true,
		query: {
			endpointIds,
			start: start?.toISOString(),
			end: end?.toISOString(),
			status: filters.status,
			requestId,
			limit,
			expand: filters.billing ? ['billing'] : undefined,
			sortBy: filters.sortBy,
		},
	};
}

/** The query string, in the API's names; `endpoint_id` and `expand` repeat, unset values are left out. */
export function toSearchParams(query: Query): URLSearchParams {
	const params = new URLSearchParams();
	for (const id of query.endpointIds) {
		params.append('endpoint_id', id);
	}

	const single: Array<[string, string | number | undefined]> = [
		['start', query.start],
		['end', query.end],
		['status', query.status],
		['request_id', query.requestId],
		['limit', query.limit],
		['cursor', query.cursor],
		['sort_by', query.sortBy],
	];
	for (const [name, value] of single) {
		if (value !== undefined) {
			params.append(name, String(value));
		}
	}

	for (const expand of query.expand ?? []) {
		params.append('expand', expand);
	}

	return params;
}
