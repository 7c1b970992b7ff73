/**
 * Breakdowns (`b`): the rows counted by endpoint, by runner, by status code
 * or by error type, each group with its requests, failures, error rate and
 * duration p50/p95, figured as the summary strip figures them over all rows
 * (source/triage/percentiles.ts): a failure is a 4xx or 5xx, the error rate
 * is a share of the finished rows, the percentiles are nearest-rank over the
 * rows with a duration.
 *
 * A breakdown can be narrowed to groups chosen before (`within`): the error
 * type runner_disconnected broken down by runner says which runners it came
 * from. A group is known by its dimension and key, not by a list of its rows:
 * it costs nothing to hold, and it still means the same rows when more rows
 * load. {@link rowsWithin} finds them again when they are to be listed.
 *
 * The error type dimension counts failed rows only. Successes there would be
 * one "no error" group holding most rows, on top by count, saying nothing of
 * why requests failed; the other dimensions count them. Failed rows whose
 * outputs are not read yet make the group "output not read".
 *
 * Rows are read off their packed columns (source/triage/columns-of.ts): one
 * pass over typed arrays gives each row its group's number, then the
 * durations are laid out group by group in one Float64Array and each group's
 * percentiles selected from its part, not sorted. 1,000,000 rows take
 * under 200 ms, by any dimension (bench/breakdown.js).
 */
import {formatStatus} from '../format/request.js';
import type {Rows} from '../state/row-list.js';
import {columnsOf, keptRows, type Columns} from './columns-of.js';
import {failureKind} from './failure-counts.js';
import {errorMessage, errorPattern, noOutput} from './fingerprint.js';
import {selectPercentiles} from './percentiles.js';
import {statusAt, type RowFacts} from './row-facts.js';

export type Dimension = 'endpoint' | 'runner' | 'status' | 'errorType';

/** In the order the view's tabs show them. */
export const dimensions: readonly Dimension[] = ['endpoint', 'runner', 'status', 'errorType'];

/** Each dimension as the screen names it. */
export const dimensionNames: Readonly<Record<Dimension, string>> = {endpoint: 'endpoint', runner: 'runner', status: 'status', errorType: 'error type'};

/** One group of a breakdown. */
export type BreakdownRow = {
	/**
	 * Unique within a dimension and the same from one breakdown to the next:
	 * `=` and the group's value (an endpoint id, a runner id, a status code, an
	 * error type), or a word for the rows without one: `none` (no runner),
	 * `running` (no status yet), `unread` (output not read).
	 */
	key: string;
	/** What the group is called on screen, as the server wrote it: sanitise before showing. */
	label: string;
	requests: number;
	/** Requests that failed: status 4xx or 5xx. */
	errors: number;
	/** `errors` as a share (0..1) of the finished requests; undefined when none has finished. */
	errorRate: number | undefined;
	/** Duration percentiles in seconds; undefined when no request has a duration. */
	p50: number | undefined;
	p95: number | undefined;
};

/** A group chosen to narrow a breakdown to its rows. */
export type Narrowing = {dimension: Dimension; key: string; label: string};

export type BreakdownOptions = {
	/** The error type of each failed row whose output is read, by request id ({@link errorTypesOf}). */
	errorTypes: ReadonlyMap<string, string>;
	/** Only the rows in all of these groups. Default: every row. */
	within?: readonly Narrowing[];
};

export type BreakdownColumn = 'label' | 'requests' | 'errors' | 'errorRate' | 'p50' | 'p95';

export type SortDirection = 'ascending' | 'descending';

/** Error types of outputs with no `error_type` and no message; "no output" is for outputs absent or null. */
const noMessage = 'no message';

/**
 * What a failed row's output is counted under: its `error_type`; without
 * one, its message masked as the failure groups show it (`body.prompt:
 * Field required (missing)`), so that messages differing only in numbers or
 * ids make one group.
 */
export function errorTypeOf(output: unknown): string {
	const error = errorMessage(output);
	if (error === undefined) {
		return noOutput;
	}

	return error.errorType ?? (errorPattern(error) || noMessage);
}

/**
 * The error type of each output read, by request id, from the failed rows'
 * outputs as the failure groups keep them (undefined: known to have none).
 * Masking a message costs some microseconds: work it out once per set of
 * outputs, not per breakdown.
 */
export function errorTypesOf(outputs: ReadonlyMap<string, unknown>): Map<string, string> {
	const types = new Map<string, string>();
	for (const [requestId, output] of outputs) {
		types.set(requestId, errorTypeOf(output));
	}

	return types;
}

/** The groups of one dimension: numbered in the order met, each with its key and label. */
class GroupTable {
	readonly keys: string[] = [];
	readonly labels: string[] = [];
	private readonly index = new Map<string, number>();

	add(key: string, label: string): number {
		let found = this.index.get(key);
		if (found === undefined) {
			found = this.keys.push(key) - 1;
			this.labels.push(label);
			this.index.set(key, found);
		}

		return found;
	}

	find(key: string): number {
		return this.index.get(key) ?? -1;
	}
}

/** The groups of a dimension and the group of each row: `of[position]`, -1 for a row the dimension does not count. */
type Grouping = {table: GroupTable; of: Int32Array};

/** Rows grouped by an index into the labels' string table (endpoint or runner ids); -1 (no runner) makes the group `none`. */
function byString(ids: Int32Array, strings: readonly string[], noneLabel: string): Grouping {
	const table = new GroupTable();
	const groupOf = new Int32Array(strings.length).fill(-1);
	const of = new Int32Array(ids.length);
	for (let position = 0; position < ids.length; position++) {
		const id = ids[position]!;
		if (id === -1) {
			of[position] = table.add('none', noneLabel);
			continue;
		}

		let group = groupOf[id]!;
		if (group === -1) {
			group = table.add(`=${strings[id]!}`, strings[id]!);
			groupOf[id] = group;
		}

		of[position] = group;
	}

	return {table, of};
}

function byStatus({statuses}: RowFacts): Grouping {
	const table = new GroupTable();
	const of = new Int32Array(statuses.length);
	// Most rows share a handful of codes, and neighbours mostly the same one.
	let last = Number.NaN;
	let group = -1;
	for (let position = 0; position < statuses.length; position++) {
		const status = statuses[position]!;
		if (group === -1 || !Object.is(status, last)) {
			last = status;
			group = Number.isNaN(status) ? table.add('running', 'running') : table.add(`=${status}`, formatStatus(status));
		}

		of[position] = group;
	}

	return {table, of};
}

/** A failed row whose error type is not known yet, while the types are filled in. */
const failedUntyped = -2;

function byErrorType(columns: Columns, errorTypes: ReadonlyMap<string, string>): Grouping {
	const table = new GroupTable();
	const facts = columns.facts();
	const of = new Int32Array(facts.length).fill(-1);
	for (let position = 0; position < facts.length; position++) {
		if (failureKind(statusAt(facts, position)) !== undefined) {
			of[position] = failedUntyped;
		}
	}

	// Types are few beside rows (the outputs read): each row is found by its id, never unpacking a row.
	for (const [requestId, type] of errorTypes) {
		const position = columns.positionOf(requestId);
		if (position !== -1 && of[position] === failedUntyped) {
			of[position] = table.add(`=${type}`, type);
		}
	}

	for (let position = 0; position < of.length; position++) {
		if (of[position] === failedUntyped) {
			of[position] = table.add('unread', 'output not read');
		}
	}

	return {table, of};
}

function grouping(columns: Columns, dimension: Dimension, errorTypes: ReadonlyMap<string, string>): Grouping {
	switch (dimension) {
		case 'endpoint': {
			const {endpoints, strings} = columns.labels();
			return byString(endpoints, strings, 'no endpoint');
		}

		case 'runner': {
			const {runners, strings} = columns.labels();
			return byString(runners, strings, 'no runner');
		}

		case 'status': {
			return byStatus(columns.facts());
		}

		case 'errorType': {
			return byErrorType(columns, errorTypes);
		}
	}
}

/** 1 at the rows in every group of `within`. */
function withinMask(columns: Columns, within: readonly Narrowing[], errorTypes: ReadonlyMap<string, string>): Uint8Array {
	const mask = new Uint8Array(columns.length).fill(1);
	for (const {dimension, key} of within) {
		const {table, of} = grouping(columns, dimension, errorTypes);
		const wanted = table.find(key);
		if (wanted === -1) {
			return mask.fill(0);
		}

		for (let position = 0; position < of.length; position++) {
			if (of[position] !== wanted) {
				mask[position] = 0;
			}
		}
	}

	return mask;
}

/** Each group's counts and percentiles, over the rows `mask` keeps (all when undefined); groups left empty are left out. */
function tally({table, of}: Grouping, {statuses, durations}: RowFacts, mask: Uint8Array | undefined): BreakdownRow[] {
	const count = table.keys.length;
	const requests = new Int32Array(count);
	const finished = new Int32Array(count);
	const errors = new Int32Array(count);
	const timed = new Int32Array(count);
	const isCounted = (position: number) => of[position]! >= 0 && (mask === undefined || mask[position] === 1);
	for (let position = 0; position < of.length; position++) {
		if (!isCounted(position)) {
			continue;
		}

		const group = of[position]!;
		requests[group]!++;
		const status = statuses[position]!;
		if (!Number.isNaN(status)) {
			finished[group]!++;
			if (failureKind(status) !== undefined) {
				errors[group]!++;
			}
		}

		if (Number.isFinite(durations[position]!)) {
			timed[group]!++;
		}
	}

	// Each group's durations side by side, from starts[group] on, in one array.
	const starts = new Int32Array(count + 1);
	for (let group = 0; group < count; group++) {
		starts[group + 1] = starts[group]! + timed[group]!;
	}

	const durationsOf = new Float64Array(starts[count]!);
	const next = starts.slice(0, count);
	for (let position = 0; position < of.length; position++) {
		if (isCounted(position) && Number.isFinite(durations[position]!)) {
			durationsOf[next[of[position]!]!++] = durations[position]!;
		}
	}

	const rows: BreakdownRow[] = [];
	for (let group = 0; group < count; group++) {
		if (requests[group] === 0) {
			continue;
		}

		const [p50, p95] = selectPercentiles(durationsOf.subarray(starts[group]!, starts[group + 1]!), [50, 95]);
		rows.push({
			key: table.keys[group]!,
			label: table.labels[group]!,
			requests: requests[group]!,
			errors: errors[group]!,
			errorRate: finished[group] === 0 ? undefined : errors[group]! / finished[group]!,
			p50,
			p95,
		});
	}

	return rows;
}

/** The rows (those within `options.within`) counted by `dimension`, most requests first. */
export function breakdown(rows: Rows, dimension: Dimension, options: BreakdownOptions): BreakdownRow[] {
	const {errorTypes, within = []} = options;
	const columns = columnsOf(rows);
	const mask = within.length === 0 ? undefined : withinMask(columns, within, errorTypes);
	return sortBreakdown(tally(grouping(columns, dimension, errorTypes), columns.facts(), mask), 'requests', 'descending');
}

/** The rows in every group of `within`, in order (a RowList's copied packed): what Enter lists for a group. */
export function rowsWithin(rows: Rows, within: readonly Narrowing[], errorTypes: ReadonlyMap<string, string>): Rows {
	return within.length === 0 ? rows : keptRows(rows, withinMask(columnsOf(rows), within, errorTypes));
}

function compareLabels(a: BreakdownRow, b: BreakdownRow): number {
	// Numeric, so that status 404 comes before 1000 and runner-2 before runner-10.
	return a.label.localeCompare(b.label, 'en', {numeric: true});
}

/** By `column` in `direction`; a group without the figure (no rate, no duration) last either way. */
function compareColumn(a: BreakdownRow, b: BreakdownRow, column: BreakdownColumn, direction: SortDirection): number {
	const sign = direction === 'ascending' ? 1 : -1;
	if (column === 'label') {
		return sign * compareLabels(a, b);
	}

	const first = a[column];
	const second = b[column];
	if (first === undefined || second === undefined) {
		return first === second ? 0 : first === undefined ? 1 : -1;
	}

	return sign * (first - second);
}

/** The groups sorted by a column, ties by most requests, then label, then key: the same groups always come in the same order. */
export function sortBreakdown(rows: readonly BreakdownRow[], column: BreakdownColumn, direction: SortDirection): BreakdownRow[] {
	return [...rows].sort((a, b) =>
		compareColumn(a, b, column, direction)
		|| b.requests - a.requests
		|| compareLabels(a, b)
		|| (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
