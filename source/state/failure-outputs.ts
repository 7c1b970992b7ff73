/**
 * The error outputs of the loaded failed rows, which failure groups are made
 * from. List pages come without payloads, so the outputs are fetched apart:
 * the feed's own query narrowed to one failed status (error or user_error) and
 * to the time span of the rows still unknown, with expand=payloads and the
 * API's largest page. One request brings up to 100 failed rows' outputs,
 * never one request per row; a bounded number of pages is spent per opening
 * of the groups view.
 */
import type {Query, RequestItem, RequestPage, Status} from '../api/types.js';
import {failureKind} from '../triage/failure-counts.js';
import {requestTime} from '../triage/row-facts.js';
import {RowList, type Rows} from './row-list.js';

/** Request id -> json_output as the API sent it (undefined: none stored, or the row was not in the answer). */
export type FailureOutputs = Map<string, unknown>;

/** Page size of an outputs fetch: the API's largest. */
export const failurePageSize = 100;
/** Pages fetched at most each time the groups view opens (1,000 failed rows' outputs). */
export const maxFailurePages = 10;

/** What one fetch asks for, and which rows it answers for once its last page is in. */
export type FailureFetch = {query: Query; status: Status; ids: readonly string[]};

/**
 * The rows with a status of 400 or more, in list order: what the groups view
 * is made of, worked out again whenever rows or outputs arrive. A RowList's
 * are found in its packed status column, and only they are unpacked.
 */
export function failedRows(rows: Rows): RequestItem[] {
	if (!(rows instanceof RowList)) {
		return rows.slice().filter(row => row.status_code !== null && row.status_code >= 400);
	}

	const {statuses} = rows.facts();
	const positions: number[] = [];
	for (const [position, status] of statuses.entries()) {
		if (status >= 400) {
			positions.push(position);
		}
	}

	return rows.rowsAt(positions);
}

/** Failed rows ({@link failedRows}) whose outputs are not known yet. */
export function unknownFailures(failed: readonly RequestItem[], outputs: ReadonlyMap<string, unknown>): RequestItem[] {
	return failed.filter(row => failureKind(row.status_code) !== undefined && !outputs.has(row.request_id));
}

/**
 * The next fetch for the unknown rows: the status of the first of them, over
 * the span from the oldest to the newest unknown row of that status (the end
 * bound is exclusive, so it is a millisecond past the newest).
 */
export function nextFailureFetch(query: Query, unknown: readonly RequestItem[]): FailureFetch | undefined {
	const first = unknown.find(row => !Number.isNaN(requestTime(row)));
	const status = first === undefined ? undefined : failureKind(first.status_code);
	if (status === undefined) {
		return undefined;
	}

	const members = unknown.filter(row => failureKind(row.status_code) === status && !Number.isNaN(requestTime(row)));
	// A loop rather than Math.min(...times): an outage can fail more rows than a call takes arguments.
	let oldest = Infinity;
	let newest = -Infinity;
	for (const row of members) {
		oldest = Math.min(oldest, requestTime(row));
		newest = Math.max(newest, requestTime(row));
	}

	const {cursor: _cursor, ...rest} = query;
	return {
		status,
		ids: members.map(row => row.request_id),
		query: {
			...rest,
			status,
			start: new Date(oldest).toISOString(),
			end: new Date(newest + 1).toISOString(),
			sortBy: 'ended_at',
			limit: failurePageSize,
			expand: ['payloads'],
		},
	};
}

/** Keeps the outputs a page brought; on the last page, rows of the fetch it did not bring are known to have none. */
export function recordFailurePage(outputs: FailureOutputs, fetch: FailureFetch, page: RequestPage): void {
	for (const item of page.items) {
		outputs.set(item.request_id, item.json_output);
	}

	if (!page.has_more) {
		for (const id of fetch.ids) {
			if (!outputs.has(id)) {
				outputs.set(id, undefined);
			}
		}
	}
}

/** The failed rows whose outputs are known, carrying them, ready for `groupFailures`; and how many failed rows there are. */
export function examinedFailures(failed: readonly RequestItem[], outputs: ReadonlyMap<string, unknown>): {rows: RequestItem[]; failed: number} {
	const examined: RequestItem[] = [];
	for (const row of failed) {
		// Codes outside 4xx/5xx cannot be asked for by status: they are grouped as they are.
		if (outputs.has(row.request_id) || failureKind(row.status_code) === undefined) {
			examined.push({...row, json_output: outputs.get(row.request_id)});
		}
	}

	return {rows: examined, failed: failed.length};
}
