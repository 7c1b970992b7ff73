/** `e` / `E`: the next or previous row that failed (a server error or a user error). */
import type {RequestItem} from '../api/types.js';
import {statusClass} from '../format/request.js';
import type {Rows} from './row-list.js';

export function isErrorRow(item: RequestItem): boolean {
	const kind = statusClass(item.status_code);
	return kind === 'error' || kind === 'user_error';
}

/** Index of the first error row strictly after (direction 1) or before (-1) `from`, or undefined. */
export function findErrorRow(rows: Rows, from: number, direction: 1 | -1): number | undefined {
	for (let index = from + direction; index >= 0 && index < rows.length; index += direction) {
		if (isErrorRow(rows.at(index)!)) {
			return index;
		}
	}

	return undefined;
}

/** How many more pages `e` may load looking for an error before it gives up and says so. */
export const errorSearchPageLimit = 20;
