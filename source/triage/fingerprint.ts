/**
 * Failure fingerprints: two failures with the same cause get the same
 * fingerprint even when their messages differ in numbers, ids, URLs or quoted
 * values ("Request timed out after 300 seconds" vs "after 600 seconds").
 */
import type {RequestItem} from '../api/types.js';
import {requestTime} from './row-facts.js';

/** What a failed request's output says, as found in fal's `{detail, error_type}` bodies. */
export type ErrorMessage = {
	/** `error_type`, when the output has one. */
	errorType?: string;
	/** The `detail` message as one line (detail arrays joined); empty when there is none. */
	message: string;
};

/** The fingerprint of rows whose output is absent (not fetched, deleted) or null. */
export const noOutput = 'no output';

// Long messages are cut before masking: what tells failures apart comes first,
// and a multi-megabyte output must not cost a regex pass per row.
const maxMessageLength = 2000;

type DetailEntry = {loc?: unknown; msg?: unknown; type?: unknown};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// fal's validation errors: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}].
function describeEntry(entry: unknown): string {
	if (typeof entry === 'string') {
		return entry;
	}

	if (!isRecord(entry)) {
		return '';
	}

	const {loc, msg, type} = entry as DetailEntry;
	const where = Array.isArray(loc) ? loc.filter(part => typeof part === 'string' || typeof part === 'number').join('.') : '';
	const parts = [where && `${where}:`, typeof msg === 'string' ? msg : '', typeof type === 'string' ? `(${type})` : ''];
	return parts.filter(Boolean).join(' ');
}

function describeDetail(detail: unknown): string {
	if (typeof detail === 'string') {
		return detail;
	}

	if (Array.isArray(detail)) {
		return detail.map(entry => describeEntry(entry)).filter(Boolean).join('; ');
	}

	return isRecord(detail) ? describeEntry(detail) : '';
}

/** The error type and message of an output, or undefined when there is no output to read (absent or null). */
export function errorMessage(output: unknown): ErrorMessage | undefined {
	if (output === undefined || output === null) {
		return undefined;
	}

	if (typeof output === 'string') {
		return {message: output.slice(0, maxMessageLength)};
	}

	if (!isRecord(output)) {
		return {message: ''};
	}

	const errorType = typeof output['error_type'] === 'string' ? output['error_type'] : undefined;
	const text = describeDetail(output['detail'] ?? output['message'] ?? output['error']);
	return {...(errorType === undefined ? {} : {errorType}), message: text.slice(0, maxMessageLength)};
}

// Order matters: URLs and quoted values swallow the numbers and ids inside them.
// Every placeholder is free of digits and hex runs, so later passes leave it be.
const masks: ReadonlyArray<[RegExp, string]> = [
	[/\bdata:[\w/+.-]*(?:;[\w=-]+)*,[^\s'"]*/gi, '<data>'],
	[/\b[a-z][a-z\d+.-]*:\/\/[^\s'"<>]*[^\s'"<>.,;:!?)\]]/gi, '<url>'],
	[/(?<![\p{L}\p{N}])'[^'\n]*'(?![\p{L}\p{N}])/gu, '<str>'],
	[/(?<![\p{L}\p{N}])"[^"\n]*"(?![\p{L}\p{N}])/gu, '<str>'],
	[/`[^`\n]*`/g, '<str>'],
	[/\b[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}\b/gi, '<id>'],
	[/\b(?:0x)?(?=[a-f]*\d)[\da-f]{8,}\b/gi, '<id>'],
	// Other generated ids: long tokens mixing letters and digits (ULIDs, runner ids).
	[/\b(?=[\w-]*[a-z])(?=[\w-]*\d)[\w-]{16,}\b/gi, '<id>'],
	[/\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, '#'],
	[/\s+/g, ' '],
];

/** The message with numbers, UUIDs and hex ids, URLs, data URIs and quoted values replaced by placeholders. */
export function maskMessage(message: string): string {
	let masked = message.slice(0, maxMessageLength);
	for (const [pattern, placeholder] of masks) {
		masked = masked.replace(pattern, placeholder);
	}

	return masked.trim();
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits: the same text gives the same hash in every run and process. */
export function fnv1a(text: string): string {
	let hash = 0x81_1c_9d_c5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01_00_01_93);
	}

	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The masked form a group is shown by: `error_type: masked detail`. */
export function errorPattern(error: ErrorMessage): string {
	const masked = maskMessage(error.message);
	return [error.errorType, masked].filter(Boolean).join(': ');
}

function fingerprintOf(error: ErrorMessage | undefined): string {
	return error === undefined ? noOutput : fnv1a(`${error.errorType ?? ''}\n${maskMessage(error.message)}`);
}

/** A short stable fingerprint of a failed request's output; {@link noOutput} when there is none to read. */
export function fingerprint(output: unknown): string {
	return fingerprintOf(errorMessage(output));
}

/** Failed requests sharing endpoint, status code and fingerprint. */
export type FailureGroup = {
	/** `endpoint status fingerprint`: unique among groups, stable across reloads. */
	key: string;
	endpointId: string;
	statusCode: number;
	fingerprint: string;
	/** What the group's messages look like once masked; empty for {@link noOutput}. */
	pattern: string;
	/** The newest request's unmasked message, as sent by the server (sanitise before showing). */
	example: string;
	count: number;
	/** ISO times of the oldest and newest request (ended_at, or sent_at while running). */
	firstSeen: string;
	lastSeen: string;
	/** Newest first. */
	requestIds: string[];
};

type Member = {row: RequestItem; time: number};

// Newest first; unreadable times sort as oldest, so they never stand for a group's last sighting.
function byTimeDescending(a: {time: number}, b: {time: number}): number {
	return b.time === a.time ? 0 : b.time > a.time ? 1 : -1;
}

/** Failed rows (status 4xx or 5xx) grouped by endpoint, status code and fingerprint; largest group first, then most recent. */
export function groupFailures(rows: readonly RequestItem[]): FailureGroup[] {
	const groups = new Map<string, {members: Member[]; error: ErrorMessage | undefined}>();
	for (const row of rows) {
		if (row.status_code === null || row.status_code < 400) {
			continue;
		}

		const error = errorMessage(row.json_output);
		const key = `${row.endpoint_id} ${row.status_code} ${fingerprintOf(error)}`;
		const group = groups.get(key) ?? {members: [], error};
		const time = requestTime(row);
		group.members.push({row, time: Number.isNaN(time) ? -Infinity : time});
		groups.set(key, group);
	}

	const result = [...groups].map(([key, {members, error}]) => {
		members.sort(byTimeDescending);
		const newest = members[0]!;
		const oldest = members.at(-1)!;
		const group: FailureGroup = {
			key,
			endpointId: newest.row.endpoint_id,
			statusCode: newest.row.status_code!,
			fingerprint: fingerprintOf(error),
			pattern: error === undefined ? '' : errorPattern(error),
			example: errorMessage(newest.row.json_output)?.message ?? '',
			count: members.length,
			firstSeen: oldest.row.ended_at ?? oldest.row.sent_at,
			lastSeen: newest.row.ended_at ?? newest.row.sent_at,
			requestIds: members.map(member => member.row.request_id),
		};
		return {group, time: newest.time};
	});
	result.sort((a, b) => b.group.count - a.group.count || byTimeDescending(a, b) || a.group.key.localeCompare(b.group.key));
	return result.map(entry => entry.group);
}
