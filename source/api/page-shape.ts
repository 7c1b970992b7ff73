/** The run-time check of a 200 body: a page the rest of falreq can trust, or an error that says what was wrong. */
import {countOf} from '../format/count.js';
import {scanArray, scanObject, skipSpace, valueEnd} from '../json/scan.js';
import {ApiError} from './errors.js';
import type {ItemSource, RequestItem, RequestPage} from './types.js';

type Check = (value: unknown) => boolean;

const isString: Check = value => typeof value === 'string';
const isStringOrNull: Check = value => value === null || typeof value === 'string';
const isIntegerOrNull: Check = value => value === null || Number.isInteger(value);
const isNumberOrNull: Check = value => value === null || (typeof value === 'number' && Number.isFinite(value));

/** Field, its check, the words for what it must be, and whether the API may leave it out (then it reads as null). */
const itemFields: Array<[keyof RequestItem, Check, string, boolean]> = [
	['request_id', isString, 'a string', false],
	['endpoint_id', isString, 'a string', false],
	['sent_at', isString, 'a string', false],
	['started_at', isString, 'a string', false],
	['runner_id', isStringOrNull, 'a string or null', false],
	// fal's schema does not list these as required, so a missing one is read as "not known yet".
	['ended_at', isStringOrNull, 'a string or null', true],
	['status_code', isIntegerOrNull, 'a whole number or null', true],
	['duration', isNumberOrNull, 'a number or null', true],
];

function describe(value: unknown): string {
	// JSON has no undefined: a field that reads as undefined is absent.
	if (value === undefined) {
		return 'missing';
	}

	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'an array';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notUnderstood(detail: string): ApiError {
	return new ApiError('malformed', `The API answered with a page falreq does not understand: ${detail}.`, {status: 200, isRetryable: false});
}

function checkItem(item: unknown, index: number): RequestItem {
	if (!isRecord(item)) {
		throw notUnderstood(`items[${index}] is ${describe(item)}, not an object`);
	}

	for (const [field, check, expected, isOptional] of itemFields) {
		if (isOptional && !(field in item)) {
			item[field] = null;
		} else if (!check(item[field])) {
			throw notUnderstood(`items[${index}].${field} is ${describe(item[field])}, not ${expected}`);
		}
	}

	if ('billable_units' in item && !isNumberOrNull(item['billable_units'])) {
		throw notUnderstood(`items[${index}].billable_units is ${describe(item['billable_units'])}, not a number or null`);
	}

	return item as RequestItem;
}

/** Checks a parsed 200 body; fills in optional item fields the API left out. Throws ApiError 'malformed'. */
export function checkPage(body: unknown): RequestPage {
	if (!isRecord(body)) {
		throw notUnderstood(`the body is ${describe(body)}, not an object`);
	}

	const {items, next_cursor: nextCursor, has_more: hasMore} = body;
	if (!Array.isArray(items)) {
		throw notUnderstood(`items is ${describe(items)}, not an array`);
	}

	if (!isStringOrNull(nextCursor)) {
		throw notUnderstood(`next_cursor is ${describe(nextCursor)}, not a string or null`);
	}

	if (typeof hasMore !== 'boolean') {
		throw notUnderstood(`has_more is ${describe(hasMore)}, not true or false`);
	}

	return {items: items.map((item, index) => checkItem(item, index)), next_cursor: nextCursor as string | null, has_more: hasMore};
}

/**
 * Each item's text in a body that JSON.parse accepted, found by one
 * structural scan: the slices share the body's memory. A key given twice
 * counts as JSON.parse counts it, the last one.
 */
export function itemSources(text: string): ItemSource[] {
	let sources: ItemSource[] = [];
	scanObject(text, skipSpace(text, 0), (key, itemsStart) => {
		if (key !== 'items') {
			return undefined;
		}

		sources = [];
		return scanArray(text, itemsStart, (index, itemStart) => {
			const source: Omit<ItemSource, 'item'> = {};
			const itemEnd = scanObject(text, itemStart, (field, valueStart) => {
				const part = field === 'json_input' ? 'input' : field === 'json_output' ? 'output' : undefined;
				if (part === undefined) {
					return undefined;
				}

				const end = valueEnd(text, valueStart);
				source[part] = text.slice(valueStart, end);
				return end;
			});
			sources[index] = {item: text.slice(itemStart, itemEnd), ...source};
			return itemEnd;
		});
	});
	return sources;
}

export type ParseOptions = {
	/** Keep each item's own text (`sources`). Default false: a list page costs a parse and nothing more. */
	isSourceKept?: boolean;
};

/** Parses and checks a 200 body. Text that is not JSON (a cut-short answer, a portal's HTML page) is 'malformed' too. */
export function parsePage(text: string, contentType: string | undefined, options: ParseOptions = {}): RequestPage {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		// The parser's own message quotes the body, which is not ours to print; say what it was instead.
		if (/html/i.test(contentType ?? '')) {
			throw new ApiError('malformed', 'The API answered with an HTML page instead of JSON: check the API URL.', {status: 200, isRetryable: false});
		}

		throw new ApiError('malformed', `The API's answer (${countOf(Buffer.byteLength(text), 'byte')}) is not valid JSON; it was probably cut short. Try again.`, {status: 200});
	}

	const page = checkPage(body);
	return options.isSourceKept ? {...page, sources: itemSources(text)} : page;
}
