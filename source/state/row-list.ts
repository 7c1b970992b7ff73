/**
 * The loaded rows of one query, kept once by request id and appended a page
 * at a time without copying the rows already held. Copying the whole array
 * on every page left about 1 GB of garbage behind while 100,000 rows loaded,
 * and the process's peak memory with it.
 *
 * A RowList is the first `length` rows of a backing array that the lists of
 * one lineage share, like a slice. Appending to the longest list pushes onto
 * the backing array in place: every other list stops at its own length, so
 * none of them changes. Appending to a shorter one (a reducer run again on an
 * older state) copies its rows first. Either way each list reads the same
 * forever, and reducers stay pure.
 */
import type {RequestItem} from '../api/types.js';

/** What the views read rows through: a RowList, or a plain array (a failure group's rows, a test's fixture). */
export type Rows = {
	readonly length: number;
	at(index: number): RequestItem | undefined;
	slice(start?: number, end?: number): RequestItem[];
	[Symbol.iterator](): Iterator<RequestItem>;
};

/** What the lists of one lineage share. */
type Backing = {
	rows: RequestItem[];
	/** Request id -> index in `rows`; an id at or past a list's length is not in that list. */
	index: Map<string, number>;
	/** One instance of each endpoint and runner id, which thousands of rows repeat. */
	strings: Map<string, string>;
};

export class RowList implements Rows {
	static readonly empty = new RowList({rows: [], index: new Map(), strings: new Map()}, 0);

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
		return position >= 0 && position < this.length ? this.backing.rows[position] : undefined;
	}

	/** Whether a row with this request id is in the list. */
	has(requestId: string): boolean {
		return this.indexOf(requestId) !== -1;
	}

	indexOf(requestId: string): number {
		return positionIn(this.backing, this.length, requestId);
	}

	slice(start = 0, end = this.length): RequestItem[] {
		return this.backing.rows.slice(clampIndex(start, this.length), clampIndex(end, this.length));
	}

	* [Symbol.iterator](): Iterator<RequestItem> {
		const {rows} = this.backing;
		for (let position = 0; position < this.length; position++) {
			yield rows[position]!;
		}
	}

	/** Whether this list is `earlier` with rows appended (or `earlier` itself): what was derived from `earlier` holds for its part. */
	extends(earlier: RowList): boolean {
		return earlier.backing === this.backing && earlier.length <= this.length;
	}

	/** This list followed by the `items` whose request ids it does not hold yet (the first of repeats within `items`). */
	append(items: Iterable<RequestItem>): RowList {
		let backing = this.backing;
		let length = this.length;
		for (const item of items) {
			if (positionIn(backing, length, item.request_id) !== -1) {
				continue;
			}

			if (backing.rows.length !== length) {
				// A longer list shares the backing array: leave its rows alone, and go on with a copy.
				backing = this.copy(length);
			}

			backing.rows.push(compact(item, backing.strings));
			backing.index.set(item.request_id, length);
			length++;
		}

		return length === this.length ? this : new RowList(backing, length);
	}

	private copy(length: number): Backing {
		const rows = this.backing.rows.slice(0, length);
		return {rows, index: new Map(rows.map((row, position) => [row.request_id, position])), strings: this.backing.strings};
	}
}

function positionIn(backing: Backing, length: number, requestId: string): number {
	const position = backing.index.get(requestId);
	return position !== undefined && position < length ? position : -1;
}

function clampIndex(index: number, length: number): number {
	return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
}

function shared(strings: Map<string, string>, text: string): string {
	const known = strings.get(text);
	if (known !== undefined) {
		return known;
	}

	strings.set(text, text);
	return text;
}

/** The row with its endpoint and runner ids shared with the rows before it; the same row to every reader. */
function compact(item: RequestItem, strings: Map<string, string>): RequestItem {
	return {...item, endpoint_id: shared(strings, item.endpoint_id), runner_id: item.runner_id === null ? null : shared(strings, item.runner_id)};
}

/** Whether `rows` is `earlier` with rows appended, so that what was derived from `earlier` may be brought up to date with the rest alone. */
export function isAppendedTo(rows: Rows, earlier: Rows): boolean {
	return rows instanceof RowList && earlier instanceof RowList && rows.extends(earlier);
}
