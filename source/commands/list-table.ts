/** `falreq list`'s table for a terminal. */
import type {RequestItem} from '../api/types.js';
import {isUtcAllYear, localZone} from '../api/zone.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds} from '../format/request.js';
import {fitWidth} from '../terminal/fit-width.js';
import {sanitise} from '../terminal/sanitise.js';
import stringWidth from '../terminal/string-width-fast.js';
import {isRunning} from '../triage/running.js';

type Column = {
	title: string;
	isRight?: boolean;
	/** Shown only for rows asked for with their billable units. */
	isBilling?: boolean;
	value(item: RequestItem): string;
};

/** The zone of the times shown, the local one (TZ), which --start and --end are read in too: `ENDED (LOCAL)`, or `ENDED (UTC)` where its clock is UTC's. */
function endedTitle(): string {
	return `ENDED (${isUtcAllYear(localZone(), new Date().getUTCFullYear()) ? 'UTC' : 'LOCAL'})`;
}

const columns: Column[] = [
	{title: endedTitle(), value: item => (isRunning(item) ? 'running' : formatTime(item.ended_at))},
	{title: 'ENDPOINT', value: item => sanitise(item.endpoint_id)},
	{title: 'STATUS', value: item => formatStatus(item.status_code)},
	{title: 'DURATION', isRight: true, value: item => formatSeconds(item.duration)},
	{title: 'QUEUE', isRight: true, value: item => formatSeconds(queueSeconds(item))},
	// Units are a count, not money: written whole as the API gave them, never rounded; empty until billing catches up.
	{title: 'UNITS', isRight: true, isBilling: true, value: item => (typeof item.billable_units === 'number' ? String(item.billable_units) : '')},
	{title: 'REQUEST ID', value: item => sanitise(item.request_id)},
];

export type TableOptions = {
	/** Whether the rows were asked for with their billable units (`--billing`): a UNITS column. Default false. */
	isBilling?: boolean;
};

/** An aligned table of sanitised cells, aligned by the columns they take: a wide character takes two. */
export function formatTable(items: RequestItem[], options: TableOptions = {}): string {
	const shown = columns.filter(column => !column.isBilling || options.isBilling);
	const cells = items.map(item => shown.map(column => column.value(item)));
	// A loop, not Math.max(...cells): `list --all` can bring more rows than a call takes arguments.
	const widths = shown.map((column, index) => cells.reduce((widest, row) => Math.max(widest, stringWidth(row[index]!)), column.title.length));
	const line = (row: string[]) =>
		row
			.map((cell, index) => fitWidth(cell, widths[index]!, shown[index]!.isRight))
			.join('  ')
			.trimEnd();
	return [line(shown.map(column => column.title)), ...cells.map(row => line(row))].join('\n') + '\n';
}
