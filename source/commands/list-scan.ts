/**
 * `falreq list --all`, and `--max N` beyond a page: the window walked by the
 * scanner, several slices at once, its rows printed in the API's order.
 * Slices finish out of order, but the scanner says down to when everything
 * newer is complete, so JSON lines stream, newest first, as that moves down;
 * by duration they can only come at the end. A table is printed at the end
 * either way: its columns are as wide as their widest cell, and running
 * requests go on top, which only the whole scan can tell.
 */
import type {ApiClient} from '../api/client.js';
import {scanWindow, type ScanProgress} from '../api/scan/scanner.js';
import type {Query, RequestItem} from '../api/types.js';
import {countOf, groupDigits} from '../format/count.js';
import {sourceJsonLine} from '../format/json-line.js';
import {OrderedRows} from './list-order.js';

export type ScannedListOptions = {
	client: ApiClient;
	query: Query;
	/** Rows to print at most: once that many are printed in order, the scan stops. Default: all. */
	maxRows?: number;
	/** Requests at once at most (`--concurrency`); default the scanner's. */
	concurrency?: number;
	isJson: boolean;
	/** Where JSON lines go, as soon as their place is certain. */
	write: (text: string) => void;
	onProgress?: (progress: ScanProgress) => void;
	signal?: AbortSignal;
};

/** What was listed: the rows for a table (none for JSON lines, written already), how many, whether more match, and what stopped it. */
export type Listed = {rows: RequestItem[]; count: number; hasMore: boolean; error?: unknown};

/** Characters of JSON lines written at once, at most about. */
const writeChunk = 1 << 20;

export async function listScanned(options: ScannedListOptions): Promise<Listed> {
	const {isJson, write} = options;
	const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
	// JSON lines keep only their text while they wait, so that 100,000 rows do not wait as objects.
	const order = new OrderedRows<string | RequestItem>(options.query.sortBy);
	const rows: RequestItem[] = [];
	let count = 0;
	/** Rows in order were left unprinted: more match than were printed. */
	let isCut = false;
	const enough = new AbortController();
	const stop = () => enough.abort();
	options.signal?.addEventListener('abort', stop, {once: true});
	const print = (values: Array<string | RequestItem>) => {
		const shown = values.slice(0, maxRows - count);
		count += shown.length;
		isCut ||= shown.length < values.length;
		let text = '';
		for (const value of shown) {
			if (typeof value === 'string') {
				text += value;
			} else {
				rows.push(value);
			}

			// Written in pieces: all of 100,000 rows sorted by duration come at once.
			if (text.length >= writeChunk) {
				write(text);
				text = '';
			}
		}

		if (text !== '') {
			write(text);
		}

		// The first N in order are printed: the rest of the window is not needed.
		if (count >= maxRows) {
			stop();
		}
	};

	const summary = await scanWindow(options.client, options.query, {
		signal: enough.signal,
		concurrency: options.concurrency,
		isSourceKept: isJson,
		onBatch({items, sources}) {
			for (const [index, item] of items.entries()) {
				order.add(item, isJson ? `${sourceJsonLine(sources![index]!.item)}\n` : item);
			}
		},
		onProgress(progress) {
			print(order.settled(progress.completeFrom));
			options.onProgress?.(progress);
		},
	});
	options.signal?.removeEventListener('abort', stop);
	// What was found and not printed yet: at the end, all of it in order; after a failure, printed before the error.
	if (count < maxRows) {
		print(order.rest());
	}

	return {rows, count, hasMore: isCut || (count >= maxRows && (order.size > 0 || !summary.complete)), error: summary.error};
}

/** How far a scan has come, in words for a terminal's status line. */
export function progressText(progress: ScanProgress): string {
	const estimate = progress.estimatedRows === undefined || progress.covered === 0 ? '' : `, about ${groupDigits(progress.estimatedRows)} in all`;
	return `Scanning: ${countOf(progress.rows, 'request')} so far, ${Math.floor(progress.covered * 100)}% of the window's time${estimate}`;
}
