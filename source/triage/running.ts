/**
 * Requests still running. The API sorts rows with nulls last, so a request
 * without an end comes after every finished one, although newest first puts
 * it on top: these put it back there.
 */
import type {RequestItem, SortBy} from '../api/types.js';
import type {Rows} from '../state/row-list.js';

/** Whether the request has not ended yet. */
export function isRunning(item: Pick<RequestItem, 'ended_at'>): boolean {
	return item.ended_at === null;
}

/** The running rows, then the finished ones, each group in the order given. */
export function runningFirst<T extends Pick<RequestItem, 'ended_at'>>(items: readonly T[]): T[] {
	return [...items.filter(item => isRunning(item)), ...items.filter(item => !isRunning(item))];
}

/** Whether rows are listed newest first (by end time, the API's default), where running rows belong on top. */
export function isNewestFirst(sortBy: SortBy | undefined): boolean {
	return sortBy === undefined || sortBy === 'ended_at';
}

/** How many rows on top are running: where the running rows of a later page go. */
export function leadingRunning(rows: Rows): number {
	let count = 0;
	while (count < rows.length && isRunning(rows.at(count)!)) {
		count++;
	}

	return count;
}
