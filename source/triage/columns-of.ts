/**
 * Rows read column by column, as the `&` filter and the breakdowns read
 * them: a RowList's facts and labels off its packed columns, never unpacking
 * a row; a plain array's (a test's fixture, a failure group's rows) worked
 * out of its objects. Each column is made on first use, and once.
 */
import type {RequestItem} from '../api/types.js';
import type {RowLabels} from '../state/row-columns.js';
import {requestIndex, RowList, type Rows} from '../state/row-list.js';
import {factsOf, type RowFacts} from './row-facts.js';

export type Columns = {
	readonly length: number;
	facts(): RowFacts;
	labels(): RowLabels;
	/** The position of the (first) row with this request id, or -1. */
	positionOf(requestId: string): number;
};

function once<T>(make: () => T): () => T {
	let made: {value: T} | undefined;
	return () => {
		made ??= {value: make()};
		return made.value;
	};
}

/** A plain array's labels, each endpoint and runner id once. */
function labelsOf(items: readonly RequestItem[]): RowLabels {
	const strings: string[] = [];
	const index = new Map<string, number>();
	const intern = (text: string): number => {
		let found = index.get(text);
		if (found === undefined) {
			found = strings.push(text) - 1;
			index.set(text, found);
		}

		return found;
	};

	return {
		length: items.length,
		strings,
		endpoints: Int32Array.from(items, item => intern(item.endpoint_id)),
		runners: Int32Array.from(items, item => (item.runner_id === null ? -1 : intern(item.runner_id))),
		ids: new Uint32Array(0),
		otherIds: new Map(items.map((item, index) => [index, item.request_id])),
	};
}

export function columnsOf(rows: Rows): Columns {
	if (rows instanceof RowList) {
		return {
			length: rows.length,
			facts: once(() => rows.facts()),
			labels: once(() => rows.labels()),
			positionOf: requestId => rows.indexOf(requestId),
		};
	}

	const items = rows.slice();
	const index = once(() => requestIndex(items));
	return {
		length: items.length,
		facts: once(() => factsOf(items)),
		labels: once(() => labelsOf(items)),
		positionOf: requestId => index()(requestId),
	};
}

/**
 * The rows marked 1 in `kept`, in order: a RowList's as a RowList of their
 * own (copied packed), a plain array's as an array; `rows` itself when every
 * row is kept.
 */
export function keptRows(rows: Rows, kept: Uint8Array): Rows {
	let count = 0;
	for (const mark of kept) {
		count += mark;
	}

	if (count === rows.length) {
		return rows;
	}

	const positions = new Int32Array(count);
	for (let index = 0, next = 0; index < kept.length; index++) {
		if (kept[index] === 1) {
			positions[next++] = index;
		}
	}

	return rows instanceof RowList ? rows.picked(positions) : Array.from(positions, index => rows.at(index)!);
}
