/**
 * The loaded rows of one query, kept once by request id and appended a page
 * at a time without copying the rows already held. Copying the whole array
 * on every page left hundreds of MB of garbage behind while 100,000 rows
 * loaded, and the process's peak memory with it.
 *
 * A RowList is the first `length` rows of columns that the lists of one
 * lineage share, like a slice of an array. Appending to the longest list
 * adds to the columns in place: every other list stops at its own length, so
 * none of them changes. Appending to a shorter one (a reducer run again on an
 * older state) copies its rows first. Either way each list reads the same
 * forever, and reducers stay pure. The rows are packed
 * (source/state/row-columns.ts) and unpacked as they are read.
 */
import type {RequestItem} from '../api/types.js';
import type {RowFacts} from '../triage/row-facts.js';
import {RowColumns, type RowLabels} from './row-columns.js';

/** What the views read rows through: a RowList, or a plain array (a failure group's rows, a test's fixture). */
export type Rows = {
	readonly length: number;
	at(index: number): RequestItem | undefined;
	slice(start?: number, end?: number): RequestItem[];
	[Symbol.iterator](): Iterator<RequestItem>;
};

/** What the lists of one lineage share. */
type Backing = {
	columns: RowColumns;
	/** Rows handed out by `at` and `slice`, so that a row on screen is the same object from one render to the next. */
	handedOut: Map<number, RequestItem>;
};

/** Rows kept handed out at most; past it the map starts again (a row on screen is then unpacked once more). */
const handedOutLimit = 1024;

function newBacking(columns = RowColumns.empty()): Backing {
	return {columns, handedOut: new Map()};
}

export class RowList implements Rows {
	static readonly empty = new RowList(newBacking(), 0);

	private constructor(
		private readonly backing: Backing,
		readonly length: number,
	) {}

	/** A new lineage holding `items` less repeated ids, in order. */
	static from(items: Iterable<RequestItem>): RowList {
		return RowList.empty.append(items);
	}

	at(index: number): RequestItem | undefined {
		const position = index < 0 ? index + this.length : index;
		return position >= 0 && position < this.length ? this.handOut(position) : undefined;
	}

	/** Whether a row with this request id is in the list. */
	has(requestId: string): boolean {
		return this.indexOf(requestId) !== -1;
	}

	indexOf(requestId: string): number {
		return this.backing.columns.positionOf(requestId, this.length);
	}

	/** The rows with these request ids, in list order; ids not in the list are passed over. */
	withIds(requestIds: Iterable<string>): RequestItem[] {
		const positions = Array.from(requestIds, id => this.indexOf(id)).filter(position => position !== -1);
		return positions.sort((a, b) => a - b).map(position => this.handOut(position));
	}

	slice(start = 0, end = this.length): RequestItem[] {
		const rows: RequestItem[] = [];
		for (let position = clampIndex(start, this.length); position < clampIndex(end, this.length); position++) {
			rows.push(this.handOut(position));
		}

		return rows;
	}

	/** The rows from `start` on, each unpacked afresh: for going over many rows once. */
	* values(start = 0): Generator<RequestItem> {
		const {columns} = this.backing;
		for (let position = start; position < this.length; position++) {
			yield columns.row(position);
		}
	}

	[Symbol.iterator](): Iterator<RequestItem> {
		return this.values();
	}

	/** Whether this list is `earlier` with rows appended (or `earlier` itself): what was derived from `earlier` holds for its part. */
	extends(earlier: RowList): boolean {
		return earlier.backing === this.backing && earlier.length <= this.length;
	}

	/**
	 * A new lineage: this list's rows with `items` (less the ids it holds, and
	 * repeats) put in before the row at `at` (default 0, on top; from the end
	 * when negative, as slice reads it), and the rows at the positions in
	 * `replaced` (positions in this list) swapped for the rows given there
	 * (same request ids). The rows around are copied packed: the cost is that
	 * of the new rows. This list itself when nothing is put in or replaced.
	 */
	insert(items: Iterable<RequestItem>, options: {at?: number; replaced?: ReadonlyMap<number, RequestItem>} = {}): RowList {
		const {at = 0, replaced = new Map<number, RequestItem>()} = options;
		const added = new Map<string, RequestItem>();
		for (const item of items) {
			if (!added.has(item.request_id) && !this.has(item.request_id)) {
				added.set(item.request_id, item);
			}
		}

		if (added.size === 0 && replaced.size === 0) {
			return this;
		}

		const columns = RowColumns.joined(this.backing.columns, this.length, [...added.values()], clampIndex(at, this.length), replaced);
		return new RowList(newBacking(columns), added.size + this.length);
	}

	/** The rows at these positions, each unpacked afresh: for the few rows picked out by their facts. */
	rowsAt(positions: readonly number[]): RequestItem[] {
		const {columns} = this.backing;
		return positions.map(position => columns.row(position));
	}

	/** The summary strip's facts of the rows from `start` on, read without unpacking them. */
	facts(start = 0): RowFacts {
		return this.backing.columns.facts(start, this.length);
	}

	/** The endpoint, runner and request ids of the rows from `start` on, read without unpacking them (for the `&` filter). */
	labels(start = 0): RowLabels {
		return this.backing.columns.labels(start, this.length);
	}

	/** The rows at these positions (each once), in that order, as a new lineage, copied packed: the `&` filter's rows. */
	picked(positions: ArrayLike<number>): RowList {
		return new RowList(newBacking(this.backing.columns.picked(positions)), positions.length);
	}

	/** The `ended_at` of the row that ended last (the first of equals, to the millisecond), or undefined when none has ended. */
	newestEnd(): string | undefined {
		const position = this.backing.columns.newestEnd(this.length);
		return position === -1 ? undefined : this.handOut(position).ended_at ?? undefined;
	}

	/** This list followed by the `items` whose request ids it does not hold yet (the first of repeats within `items`). */
	append(items: Iterable<RequestItem>): RowList {
		let backing = this.backing;
		let length = this.length;
		for (const item of items) {
			if (backing.columns.positionOf(item.request_id, length) !== -1) {
				continue;
			}

			if (backing.columns.count !== length || length === 0) {
				// A longer list shares the columns: leave its rows alone, and go on with a copy (or afresh).
				backing = newBacking(length === 0 ? undefined : backing.columns.copy(length));
			}

			backing.columns.push(item);
			length++;
		}

		return length === this.length ? this : new RowList(backing, length);
	}

	private handOut(position: number): RequestItem {
		const {handedOut, columns} = this.backing;
		let row = handedOut.get(position);
		if (row === undefined) {
			if (handedOut.size >= handedOutLimit) {
				handedOut.clear();
			}

			row = columns.row(position);
			handedOut.set(position, row);
		}

		return row;
	}
}

function clampIndex(index: number, length: number): number {
	return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
}

/**
 * Finds rows by request id: the index of the (first) row with an id, or -1.
 * A RowList looks each up in its index, never unpacking every row; a plain
 * array is gone over once.
 */
export function requestIndex(rows: Rows): (requestId: string) => number {
	if (rows instanceof RowList) {
		return requestId => rows.indexOf(requestId);
	}

	const indexes = new Map<string, number>();
	let index = 0;
	for (const row of rows) {
		if (!indexes.has(row.request_id)) {
			indexes.set(row.request_id, index);
		}

		index++;
	}

	return requestId => indexes.get(requestId) ?? -1;
}

/** Whether `rows` is `earlier` with rows appended, so that what was derived from `earlier` may be brought up to date with the rest alone. */
export function isAppendedTo(rows: Rows, earlier: Rows): boolean {
	return rows instanceof RowList && earlier instanceof RowList && rows.extends(earlier);
}
