/**
 * `w`: the rows shown, written to a file as JSON lines (each the API's own
 * text of the request, its bytes as sent, on one line) or as CSV (one row per request, the
 * fields a spreadsheet wants).
 */
import type {RequestItem} from '../api/types.js';
import {toJsonLine} from '../format/json-line.js';

export type ExportFormat = 'jsonl' | 'csv';

export const exportFormatNames: Readonly<Record<ExportFormat, string>> = {jsonl: 'JSON lines', csv: 'CSV'};

const csvColumns = ['request_id', 'endpoint_id', 'sent_at', 'started_at', 'ended_at', 'status_code', 'duration', 'runner_id', 'billable_units'] as const;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
 * break. A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
 * first) gets a leading apostrophe: the server wrote it, not the user.
 */
function csvField(value: unknown): string {
	if (value === null || value === undefined) {
		return '';
	}

	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
		text = `'${text}`;
	}

	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The file's text. JSON lines are the API's own text where it is known
 * (`sources`, by request id), else the row written again; CSV has a header.
 */
export function exportText(format: ExportFormat, items: readonly RequestItem[], sources: ReadonlyMap<string, string>): string {
	if (format === 'jsonl') {
		return items.map(item => {
			const source = sources.get(item.request_id);
			// JSON allows a raw line break only between tokens: without them the text is one line and the same JSON, the rest of its bytes as sent.
			return source === undefined ? toJsonLine(item) : source.replace(/[\r\n]/g, '');
		}).join('\n');
	}

	const rows = items.map(item => csvColumns.map(column => csvField(item[column])).join(','));
	return [csvColumns.join(','), ...rows].join('\r\n');
}

/** A file name that says what and when: `falreq-2026-12-02T12-30-05.jsonl`. */
export function exportName(format: ExportFormat, now: Date): string {
	return `falreq-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.${format}`;
}
