/** `falreq list`: requests without the UI. Must not import Ink or React: it is the fast path for scripts. */
import {iteratePages, type PagesEnd} from '../api/pages.js';
import type {ApiClient} from '../api/client.js';
import type {Query, RequestItem} from '../api/types.js';
import {groupDigits} from '../format/count.js';
import {toJsonLine} from '../format/json-line.js';
import {isNewestFirst, runningFirst} from '../triage/running.js';

export type ListOptions = {
	client: ApiClient;
	query: Query;
	/** Rows to print at most; pages are followed until reached. Default: one page. */
	maxRows?: number;
	/** JSON lines instead of a table. */
	isJson: boolean;
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	signal?: AbortSignal;
};

/** The rows as a table; newest first, running requests on top, where a reader looks for them (the API sends them last). */
async function tableOf(rows: RequestItem[], query: Query, table: Promise<typeof import('./list-table.js')>): Promise<string> {
	const ordered = isNewestFirst(query.sortBy) ? runningFirst(rows) : rows;
	return (await table).formatTable(ordered, {isBilling: query.expand?.includes('billing')});
}

export async function runList(options: ListOptions): Promise<number> {
	const {client, query, isJson, stdout, stderr, signal} = options;
	// A page is the unit the user asked for when no --max is given.
	const maxRows = options.maxRows ?? query.limit ?? 50;
	const rows: RequestItem[] = [];
	let count = 0;
	// Measuring text for a table loads string-width: only a terminal, not a script's pipe, waits for it.
	const table = isJson ? undefined : import('./list-table.js');
	let end: PagesEnd;
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

		end = next.value;
	} catch (error) {
		// Rows already fetched are still worth printing before the error.
		if (table && rows.length > 0) {
			stdout.write(await tableOf(rows, query, table));
		}

		stderr.write(`falreq: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}

	if (table) {
		stdout.write(rows.length > 0 ? await tableOf(rows, query, table) : 'No requests match these filters.\n');
	}

	// On stderr, so that what a pipe receives stays rows.
	if (end.hasMore && count > 0) {
		stderr.write(`More requests match: showing the first ${groupDigits(count)}. Use --max N to see more.\n`);
	}

	return 0;
}
