/** `falreq list`'s table for a terminal. */
import type {RequestItem} from '../api/types.js';
import {isUtcAllYear, localZone} from '../api/zone.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds} from '../format/request.js';
import {fitWidth} from '../terminal/fit-width.js';
import {sanitise} from '../terminal/sanitise.js';
import stringWidth from '../terminal/string-width-fast.js';

type Column = {title: string; isRight?: boolean; value(item: RequestItem): string};

/** The zone of the times shown, the local one (TZ), which --start and --end are read in too: `ENDED (LOCAL)`, or `ENDED (UTC)` where its clock is UTC's. */
function endedTitle(): string {
	return `ENDED (${isUtcAllYear(localZone(), new Date().getUTCFullYear()) ? 'UTC' : 'LOCAL'})`;
}

const columns: Column[] = [
	{title: endedTitle(), value: item => formatTime(item.ended_at ?? item.sent_at)},
	{title: 'ENDPOINT', value: item => sanitise(item.endpoint_id)},
	{title: 'STATUS', value: item => formatStatus(item.status_code)},
	{title: 'DURATION', isRight: true, value: item => formatSeconds(item.duration)},
	{title: 'QUEUE', isRight: true, value: item => formatSeconds(queueSeconds(item))},
	{title: 'REQUEST ID', value: item => sanitise(item.request_id)},
];

/** An aligned table of sanitised cells, aligned by the columns they take: a wide character takes two. */
export function formatTable(items: RequestItem[]): string {
	const cells = items.map(item => columns.map(column => column.value(item)));
	const widths = columns.map((column, index) => Math.max(column.title.length, ...cells.map(row => stringWidth(row[index]!))));
	const line = (row: string[]) =>
		row
			.map((cell, index) => fitWidth(cell, widths[index]!, columns[index]!.isRight))
			.join('  ')
			.trimEnd();
	return [line(columns.map(column => column.title)), ...cells.map(row => line(row))].join('\n') + '\n';
}
