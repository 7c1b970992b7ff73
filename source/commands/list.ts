/** `falreq list`: requests without the UI. Must not import Ink or React: it is the fast path for scripts. */
import {iteratePages} from '../api/pages.js';
import type {ApiClient} from '../api/client.js';
import type {Query, RequestItem} from '../api/types.js';
import {toJsonLine} from '../format/json-line.js';

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

export async function runList(options: ListOptions): Promise<number> {
	const {client, query, isJson, stdout, stderr, signal} = options;
	// A page is the unit the user asked for when no --max is given.
	const maxRows = options.maxRows ?? query.limit ?? 50;
	const rows: RequestItem[] = [];
	// Measuring text for a table loads string-width: only a terminal, not a script's pipe, waits for it.
	const table = isJson ? undefined : import('./list-table.js');
	try {
		for await (const items of iteratePages(client, query, {signal, maxRows})) {
			if (isJson) {
				stdout.write(items.map(item => toJsonLine(item) + '\n').join(''));
			} else {
				rows.push(...items);
			}
		}
	} catch (error) {
		// Rows already fetched are still worth printing before the error.
		if (table && rows.length > 0) {
			stdout.write((await table).formatTable(rows));
		}

		stderr.write(`falreq: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}

	if (table) {
		stdout.write(rows.length > 0 ? (await table).formatTable(rows) : 'No requests match these filters.\n');
	}

	return 0;
}
