/**
 * The list's columns fitted to a width. Narrower terminals get shorter forms
 * first (time without the year, the request id's first block), then lose the
 * columns that matter least for triage: queue wait, request id, duration.
 * The endpoint takes what is left. A row never wraps.
 */
import type {RequestItem} from '../../api/types.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds} from '../../format/request.js';
import {sanitise} from '../../terminal/sanitise.js';
import {fitWidth as fit} from '../../terminal/fit-width.js';
import {zoneLabel} from '../../triage/time-ranges.js';

export type ColumnKey = 'time' | 'endpoint' | 'status' | 'duration' | 'queue' | 'id';

export type Column = {key: ColumnKey; title: string; width: number; isRightAligned?: boolean};

type Layout = {time: 'full' | 'short' | 'clock'; id: 'full' | 'short' | 'none'; hasQueue: boolean; hasDuration: boolean; minEndpoint: number};

const layouts: readonly Layout[] = [
	{time: 'full', id: 'full', hasQueue: true, hasDuration: true, minEndpoint: 22},
	{time: 'short', id: 'full', hasQueue: true, hasDuration: true, minEndpoint: 18},
	{time: 'short', id: 'short', hasQueue: true, hasDuration: true, minEndpoint: 16},
	{time: 'short', id: 'short', hasQueue: false, hasDuration: true, minEndpoint: 14},
	{time: 'short', id: 'none', hasQueue: false, hasDuration: true, minEndpoint: 12},
	{time: 'clock', id: 'none', hasQueue: false, hasDuration: true, minEndpoint: 10},
	{time: 'clock', id: 'none', hasQueue: false, hasDuration: false, minEndpoint: 4},
];

const timeWidth = {full: 19, short: 14, clock: 8};
const idWidth = {full: 36, short: 8, none: 0};
/** The cursor mark before each row. */
export const markerWidth = 2;
const statusWidth = 7;
const secondsWidth = 7;

/** The time column's title: the zone is said once here, so the cells keep their width. */
function timeTitle(layout: Layout, isUtc: boolean): string {
	const zone = zoneLabel(isUtc);
	return layout.time === 'clock' ? zone : `ended (${zone})`;
}

function columnsOf(layout: Layout, endpointWidth: number, isUtc = false): Column[] {
	const columns: Column[] = [
		{key: 'time', title: timeTitle(layout, isUtc), width: timeWidth[layout.time]},
		{key: 'endpoint', title: 'endpoint', width: endpointWidth},
		{key: 'status', title: 'status', width: statusWidth},
	];
	if (layout.hasDuration) {
		columns.push({key: 'duration', title: 'duration', width: secondsWidth + 1, isRightAligned: true});
	}

	if (layout.hasQueue) {
		columns.push({key: 'queue', title: 'queue', width: secondsWidth, isRightAligned: true});
	}

	if (layout.id !== 'none') {
		columns.push({key: 'id', title: layout.id === 'full' ? 'request id' : 'id', width: idWidth[layout.id]});
	}

	return columns;
}

function fixedWidth(layout: Layout): number {
	const columns = columnsOf(layout, 0);
	return markerWidth + columns.reduce((sum, column) => sum + column.width, 0) + (columns.length - 1);
}

/**
 * The first layout whose endpoint column gets its minimum, with the endpoint taking the rest (capped, so wide screens keep columns together).
 * `isUtc` (default false) only changes the time column's title: `ended (UTC)` or `ended (local)`.
 */
export function fitColumns(width: number, isUtc = false): Column[] {
	const layout = layouts.find(candidate => width - fixedWidth(candidate) >= candidate.minEndpoint) ?? layouts.at(-1)!;
	const endpointWidth = Math.max(1, Math.min(48, width - fixedWidth(layout)));
	return columnsOf(layout, endpointWidth, isUtc);
}

function cellText(item: RequestItem, column: Column, isUtc: boolean): string {
	switch (column.key) {
		case 'time': {
			// The column's title names the zone; the cell leaves out formatTime's trailing Z to keep its width.
			const full = formatTime(item.ended_at, {isUtc}).replace(/Z$/, '');
			if (item.ended_at === null) {
				return 'running';
			}

			return column.width === timeWidth.full ? full : column.width === timeWidth.short ? full.slice(5) : full.slice(11);
		}

		case 'endpoint': {
			return sanitise(item.endpoint_id);
		}

		case 'status': {
			return formatStatus(item.status_code);
		}

		case 'duration': {
			return formatSeconds(item.duration);
		}

		case 'queue': {
			return formatSeconds(queueSeconds(item));
		}

		case 'id': {
			// The short form is the UUID's first block, enough to tell rows apart by eye.
			return sanitise(column.width === idWidth.full ? item.request_id : item.request_id.slice(0, idWidth.short));
		}
	}
}

/** One row's text split around the status cell, which is the one drawn in colour; times in UTC when `isUtc` (default false). */
export function rowParts(item: RequestItem, columns: readonly Column[], isUtc = false): {before: string; status: string; after: string} {
	const cells = columns.map(column => fit(cellText(item, column, isUtc), column.width, column.isRightAligned));
	const index = columns.findIndex(column => column.key === 'status');
	return {
		before: `${cells.slice(0, index).join(' ')} `,
		status: cells[index] ?? '',
		after: ` ${cells.slice(index + 1).join(' ')}`,
	};
}

export function headerText(columns: readonly Column[]): string {
	return columns.map(column => fit(column.title, column.width, column.isRightAligned)).join(' ');
}
