/** `falreq list`: requests without the UI. Must not import Ink or React: it is the fast path for scripts. */
import {iteratePages} from '../api/pages.js';
import type {ApiClient} from '../api/client.js';
import type {Query, RequestItem} from '../api/types.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds} from '../format/request.js';
import {toJsonLine} from '../format/json-line.js';
import {sanitise} from '../terminal/sanitise.js';

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

type Column = {title: string; isRight?: boolean; value(item: RequestItem): string};

const columns: Column[] = [
	{title: 'ENDED', value: item => formatTime(item.ended_at ?? item.sent_at)},
	{title: 'ENDPOINT', value: item => sanitise(item.endpoint_id)},
	{title: 'STATUS', value: item => formatStatus(item.status_code)},
	{title: 'DURATION', isRight: true, value: item => formatSeconds(item.duration)},
	{title: 'QUEUE', isRight: true, value: item => formatSeconds(queueSeconds(item))},
	{title: 'REQUEST ID', value: item => sanitise(item.request_id)},
];

/** An aligned table; every cell is already sanitised, so widths are character counts. */
export function formatTable(items: RequestItem[]): string {
	const cells = items.map(item => columns.map(column => column.value(item)));
	const widths = columns.map((column, index) => Math.max(column.title.length, ...cells.map(row => row[index]!.length)));
	const line = (row: string[]) =>
		row
			.map((cell, index) => (columns[index]!.isRight ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
			.join('  ')
			.trimEnd();
	return [line(columns.map(column => column.title)), ...cells.map(row => line(row))].join('\n') + '\n';
}

export async function runList(options: ListOptions): Promise<number> {
	const {client, query, isJson, stdout, stderr, signal} = options;
	// A page is the unit the user asked for when no --max is given.
	const maxRows = options.maxRows ?? query.limit ?? 50;
	const rows: RequestItem[] = [];
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
		if (!isJson && rows.length > 0) {
			stdout.write(formatTable(rows));
		}

		stderr.write(`falreq: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}

	if (!isJson) {
		stdout.write(rows.length > 0 ? formatTable(rows) : 'No requests match these filters.\n');
	}

	return 0;
}
