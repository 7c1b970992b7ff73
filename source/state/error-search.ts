/** `e` / `E`: the next or previous row that failed (a server error or a user error). */
import {failureKind} from '../triage/failure-counts.js';
import {statusAt} from '../triage/row-facts.js';
import {RowList, type Rows} from './row-list.js';

/**
 * Index of the first error row strictly after (direction 1) or before (-1)
 * `from`, or undefined. A RowList's statuses are read off its packed column:
 * `e` on a list with no error below looks again at every row as each page
 * arrives, which unpacking would make seconds of work at 100,000 rows.
 */
export function findErrorRow(rows: Rows, from: number, direction: 1 | -1): number | undefined {
	const facts = rows instanceof RowList ? rows.facts() : undefined;
	for (let index = from + direction; index >= 0 && index < rows.length; index += direction) {
		if (failureKind(facts === undefined ? rows.at(index)!.status_code : statusAt(facts, index)) !== undefined) {
			return index;
		}
	}

	return undefined;
}

/** How many more pages `e` may load looking for an error before it gives up and says so. */
export const errorSearchPageLimit = 20;
