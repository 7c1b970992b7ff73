import {expansions, sortKeys, statuses, type Expand, type SortBy, type Status} from '../api/types.js';
import {parseTimeBound} from './time.js';

/** A page request after validation, with every default applied. */
export type PageQuery = {
	endpointIds: string[];
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms, exclusive. */
	end: number;
	status?: Status;
	requestId?: string;
	limit: number;
	/** 1-based page number, from the cursor. */
	page: number;
	hasCursor: boolean;
	expand: Set<Expand>;
	sortBy: SortBy;
};

/** A 400 validation_error, with a message that names the parameter. */
export class QueryError extends Error {}

const hour = 3_600_000;
const day = 24 * hour;
const maxEndpoints = 50;
const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const base64Pattern = /^(?:[A-Za-z\d+/]{4})*(?:[A-Za-z\d+/]{2}==|[A-Za-z\d+/]{3}=)?$/;

/** The cursor for a page: base64 of its number, as fal does today. */
export function cursorFor(page: number): string {
	return Buffer.from(String(page)).toString('base64');
}

function pageOf(cursor: string): number {
	const decoded = base64Pattern.test(cursor) && cursor !== '' ? Buffer.from(cursor, 'base64').toString('latin1') : '';
	if (!/^[1-9]\d{0,8}$/.test(decoded)) {
		throw new QueryError(`cursor '${cursor}' is not a cursor this API gave out; start again without a cursor.`);
	}

	return Number(decoded);
}

function single(params: URLSearchParams, name: string): string | undefined {
	const values = params.getAll(name);
	if (values.length > 1) {
		throw new QueryError(`${name} may be given only once.`);
	}

	return values[0];
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value !== undefined && !allowed.includes(value as T)) {
		throw new QueryError(`${name} must be one of ${allowed.join(', ')}, not '${value}'.`);
	}

	return value as T | undefined;
}

function time(name: string, value: string | undefined): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const ms = parseTimeBound(value);
	if (ms === undefined) {
		throw new QueryError(`${name} '${value}' is neither an ISO 8601 date-time (2025-05-01T12:00:00Z) nor a date (2025-05-01).`);
	}

	return ms;
}

function limitOf(value: string | undefined): number {
	if (value === undefined) {
		return 50;
	}

	const limit = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
	if (!(limit >= 1 && limit <= 100)) {
		throw new QueryError(`limit must be a whole number from 1 to 100, not '${value}'.`);
	}

	return limit;
}

function endpointIdsOf(params: URLSearchParams): string[] {
	const ids = params.getAll('endpoint_id').flatMap((value) => value.split(','));
	if (ids.length === 0) {
		throw new QueryError('endpoint_id is required: give 1 to 50 endpoint ids.');
	}

	if (ids.some((id) => id.trim() === '')) {
		throw new QueryError('endpoint_id must not contain an empty id.');
	}

	if (ids.length > maxEndpoints) {
		throw new QueryError(`endpoint_id accepts at most ${maxEndpoints} ids, not ${ids.length}.`);
	}

	return ids;
}

/** Validates a by-endpoint query as API.md says; throws QueryError naming the first bad parameter. */
export function parsePageQuery(params: URLSearchParams, now: number): PageQuery {
	const endpointIds = endpointIdsOf(params);
	const requestId = single(params, 'request_id');
	if (requestId !== undefined && !uuidPattern.test(requestId)) {
		throw new QueryError(`request_id must be a UUID, not '${requestId}'.`);
	}

	const end = time('end', single(params, 'end')) ?? now;
	const givenStart = time('start', single(params, 'start'));
	const start = givenStart ?? now - (requestId === undefined ? day : 90 * day);
	if (start >= end) {
		throw new QueryError(
			givenStart === undefined
				? `start (by default ${requestId === undefined ? '24 hours' : '90 days'} ago) must be before end: give start as well.`
				: 'start must be before end.',
		);
	}

	const cursor = single(params, 'cursor');
	return {
		endpointIds,
		start,
		end,
		status: oneOf('status', single(params, 'status'), statuses),
		requestId,
		limit: limitOf(single(params, 'limit')),
		page: cursor === undefined ? 1 : pageOf(cursor),
		hasCursor: cursor !== undefined,
		expand: new Set(params.getAll('expand').map((value) => oneOf('expand', value, expansions)!)),
		sortBy: oneOf('sort_by', single(params, 'sort_by'), sortKeys) ?? 'ended_at',
	};
}
