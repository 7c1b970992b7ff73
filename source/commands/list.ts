/** `falreq list`: requests without the UI. Must not import Ink or React: it is the fast path for scripts. */
import {iteratePages} from '../api/pages.js';
import type {ApiClient} from '../api/client.js';
import type {Query, RequestItem} from '../api/types.js';
import {groupDigits} from '../format/count.js';
import {toJsonLine} from '../format/json-line.js';
import {isNewestFirst, runningFirst} from '../triage/running.js';
import {listScanned, progressText, type Listed} from './list-scan.js';

export type ListOptions = {
	client: ApiClient;
	query: Query;
	/** Rows to print at most. Default: one page, or with `isAll` every row of the window. */
	maxRows?: number;
	/** The whole window, walked by the scanner (`--all`); so is `maxRows` beyond a page. Default false. */
	isAll?: boolean;
	/** Requests at once at most while scanning (`--concurrency`). Default: the scanner's. */
	concurrency?: number;
	/** JSON lines instead of a table. */
	isJson: boolean;
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	signal?: AbortSignal;
};

/** The API's own page size, the unit the user asked for when no --max is given. */
const defaultPageSize = 50;
/** How often the scan's status line may change, so that a fast scan does not flood a slow terminal. */
const statusEveryMs = 100;

/** The rows as a table; newest first, running requests on top, where a reader looks for them (the API sends them last). */
async function tableOf(rows: RequestItem[], query: Query, table: Promise<typeof import('./list-table.js')>): Promise<string> {
	const ordered = isNewestFirst(query.sortBy) ? runningFirst(rows) : rows;
	return (await table).formatTable(ordered, {isBilling: query.expand?.includes('billing')});
}

/** Follows pages in turn: one page, or up to --max within one. */
async function listPages(options: ListOptions, maxRows: number): Promise<Listed> {
	const {client, query, isJson, stdout, signal} = options;
	const rows: RequestItem[] = [];
	let count = 0;
	try {
		const pages = iteratePages(client, query, {signal, maxRows});
		let next = await pages.next();
		for (; !next.done; next = await pages.next()) {
			count += next.value.length;
			if (isJson) {
				// JSON lines are data: each row as the API sent it, in its order (running rows last), never reordered.
				stdout.write(next.value.map(item => toJsonLine(item) + '\n').join(''));
			} else {
				rows.push(...next.value);
			}
		}

		return {rows, count, hasMore: next.value.hasMore};
	} catch (error) {
		return {rows, count, hasMore: false, error};
	}
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
	return (stream as {isTTY?: boolean}).isTTY === true;
}

/** A line on stderr that says how far a scan has come, rewritten in place and cleared at the end; only on a terminal, and not under JSON lines printed to the same one. */
function scanStatus(options: ListOptions): {show: (text: string) => void; clear: () => void} | undefined {
	const {stderr, stdout, isJson} = options;
	if (!isTerminal(stderr) || (isJson && isTerminal(stdout))) {
		return undefined;
	}

	let shownAt = 0;
	return {
		show(text) {
			if (Date.now() - shownAt >= statusEveryMs) {
				shownAt = Date.now();
				stderr.write(`\r${text}\u001B[K`);
			}
		},
		clear() {
			if (shownAt > 0) {
				stderr.write('\r\u001B[K');
			}
		},
	};
}

export async function runList(options: ListOptions): Promise<number> {
	const {query, isJson, stdout, stderr} = options;
	const pageSize = query.limit ?? defaultPageSize;
	// One request id is one row at most: one page finds it.
	const isScanned = query.requestId === undefined && (options.isAll === true || (options.maxRows ?? 0) > pageSize);
	// Measuring text for a table loads string-width: only a terminal, not a script's pipe, waits for it.
	const table = isJson ? undefined : import('./list-table.js');
	let listed: Listed;
	if (isScanned) {
		const status = scanStatus(options);
		listed = await listScanned({...options, write: text => stdout.write(text), onProgress: progress => status?.show(progressText(progress))});
		status?.clear();
	} else {
		listed = await listPages(options, options.maxRows ?? (options.isAll ? Number.POSITIVE_INFINITY : pageSize));
	}

	const {rows, count, hasMore, error} = listed;
	if (table && (rows.length > 0 || error === undefined)) {
		stdout.write(rows.length > 0 ? await tableOf(rows, query, table) : 'No requests match these filters.\n');
	}

	// Rows already fetched are still worth printing before the error.
	if (error !== undefined) {
		stderr.write(`falreq: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}

	// On stderr, so that what a pipe receives stays rows.
	if (hasMore && count > 0) {
		stderr.write(`More requests match: showing the first ${groupDigits(count)}. Use --max N to see more.\n`);
	}

	return 0;
}
