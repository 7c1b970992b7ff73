/** Plain-text formatting of request fields, shared by `falreq list` and the explorer. No colour here. */
import type {RequestItem} from '../api/types.js';

export type StatusClass = 'success' | 'user_error' | 'error' | 'running' | 'other';

/** The status class of a code as the API defines it: 2xx success, 4xx user_error, 5xx error. */
export function statusClass(code: number | null): StatusClass {
	if (code === null) {
		return 'running';
	}

	if (code >= 200 && code < 300) {
		return 'success';
	}

	if (code >= 400 && code < 500) {
		return 'user_error';
	}

	return code >= 500 && code < 600 ? 'error' : 'other';
}

const statusMarks: Record<StatusClass, string> = {
	success: 'ok',
	user_error: 'usr',
	error: 'ERR',
	running: '…',
	other: '?',
};

/** `200 ok`, `422 usr`, `504 ERR`, `… running`: readable without colour. */
export function formatStatus(code: number | null): string {
	return code === null ? '… run' : `${code} ${statusMarks[statusClass(code)]}`;
}

/** Seconds as `850ms`, `3.21s`, `4m05s`, `2h13m`; `-` when unknown. */
export function formatSeconds(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
		return '-';
	}

	if (seconds < 0) {
		return `-${formatSeconds(-seconds)}`;
	}

	if (seconds < 1) {
		return `${Math.round(seconds * 1000)}ms`;
	}

	if (seconds < 60) {
		return `${seconds.toFixed(2)}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
	}

	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Queue wait: from sent to started, in seconds; undefined when a timestamp does not parse. */
export function queueSeconds(item: Pick<RequestItem, 'sent_at' | 'started_at'>): number | undefined {
	const wait = Date.parse(item.started_at) - Date.parse(item.sent_at);
	return Number.isFinite(wait) ? wait / 1000 : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-28 21:03:12` in local time, or in UTC (with a trailing `Z`) when asked. */
export function formatTime(iso: string | null, options: {isUtc?: boolean} = {}): string {
	if (iso === null) {
		return '-';
	}

	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return '?';
	}

	const parts = options.isUtc
		? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
		: [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
	const [year, month, day, hours, minutes, secs] = parts as [number, number, number, number, number, number];
	return `${year}-${pad(month)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(secs)}${options.isUtc ? 'Z' : ''}`;
}
