/**
 * The `&` filter, as in less: the loaded rows narrowed by a short expression,
 * such as `status:5xx runner:8d46 duration>60s "out of memory"`.
 *
 * Terms are separated by spaces and all must hold. Control characters (a
 * paste brings newlines and tabs, or worse) separate terms as spaces do;
 * inside quotes they are kept, so a pasted message still finds itself.
 *
 * - `word`, `"some words"`: free text, a case-insensitive substring of the
 *   endpoint id, the status code, the error message, the request id or the
 *   runner id. Inside quotes `\"` and `\\` stand for `"` and `\`.
 * - `status:5xx` (a class; `50x` too), `status:503` (a code),
 *   `status:success|user_error|error` (2xx, 4xx, 5xx, as the API's statuses).
 *   A status stands for codes from..to, so an odd code such as 200.5 is a
 *   success, as the list colours it. A running row has no status: it matches
 *   no status term.
 * - `runner:8d46`, `id:3f2a`: the runner or request id starts with the value,
 *   case-insensitively; a row with no runner matches no runner term.
 * - `endpoint:acme/*`: the whole endpoint id matches, `*` standing for any
 *   run of characters, case-insensitively; as the API does with `owner/app`,
 *   an id also matches the ids under it (`endpoint:acme/upscaler` matches
 *   acme/upscaler/hd).
 * - `msg:"out of memory"`: the error message (`error_type: detail`, from the
 *   outputs of failed rows fetched apart) contains the value,
 *   case-insensitively; a row whose message is not known matches no msg term.
 * - `duration>60s`, also `<`, `>=`, `<=` and `=`, in ms, s, m or h (a bare
 *   number is seconds); a row with no duration matches no comparison.
 * - `!` before a term keeps the rows it does not match, those lacking the
 *   field included: `!status:2xx` keeps running rows.
 *
 * Field names take any case; a name before a colon that is not a field is a
 * problem, so `error:` typed for a message's text is answered, not searched
 * for in vain (quoted, `"error:"` is text).
 *
 * A RowList is filtered off its packed columns (RowFacts, RowLabels), never
 * unpacking a row: statuses and durations as numbers, endpoint and runner ids
 * once per distinct id, each message once, request ids digit by digit off their words;
 * the rows kept are copied packed. 100,000 rows take milliseconds, a hex word
 * looked for in every request id the longest (bench/row-filter.js).
 */
import type {RequestItem} from '../api/types.js';
import type {RowLabels} from '../state/row-columns.js';
import {RowList, type Rows} from '../state/row-list.js';
import {sanitise} from '../terminal/sanitise.js';
import {columnsOf, keptRows, type Columns as BaseColumns} from './columns-of.js';
import {errorMessage} from './fingerprint.js';

const filterFields = ['status', 'runner', 'id', 'endpoint', 'msg', 'duration'] as const;

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/** One condition on a row. `value` is as typed after the field name (quotes taken off), for describing it. */
export type Term = {readonly negated: boolean; readonly value: string} & (
	| {readonly field: 'text' | 'runner' | 'id' | 'endpoint' | 'msg'}
	/** Codes `from` (included) to `to` (excluded). */
	| {readonly field: 'status'; readonly from: number; readonly to: number}
	| {readonly field: 'duration'; readonly comparison: Comparison; readonly seconds: number}
);

export type RowFilter = {text: string; terms: readonly Term[]};

export type Parsed = {ok: true; filter: RowFilter} | {ok: false; problem: string};

/** Error messages by request id, for msg: and free text (from failed rows' outputs when known). */
export type Messages = ReadonlyMap<string, string>;

const statusNames: Record<string, readonly [number, number]> = {success: [200, 300], user_error: [400, 500], error: [500, 600]};
const examples: Record<(typeof filterFields)[number], string> = {
	status: 'status:5xx',
	runner: 'runner:8d46',
	id: 'id:3f2a',
	endpoint: 'endpoint:acme/*',
	msg: 'msg:"out of memory"',
	duration: 'duration>60s',
};

const secondsPer: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600};
const durationText = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/i;
const comparisonText = /^(<=|>=|<|>|=)/;
const nameText = /[a-z_]*/iy;
// Pasted text can carry any control character: each separates terms as a space does.
const separator = /[\s\u0000-\u001F\u007F-\u009F]/;

function isSeparator(text: string, at: number): boolean {
	return at >= text.length || separator.test(text[at]!);
}

function endOfWord(text: string, at: number): number {
	let end = at;
	while (!isSeparator(text, end)) {
		end++;
	}

	return end;
}

/** Typed text as it may appear on screen: at most `limit` characters, inert. */
function shown(text: string, limit = 40): string {
	const characters = Array.from(text);
	return sanitise(characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : text);
}

/** Thrown by the readers below and caught once: the first problem is the answer. */
class Problem extends Error {}

/** A quoted value from the quote at `at`: the text inside and where the term ends. */
function readQuoted(text: string, at: number, start: number): {value: string; end: number} {
	let value = '';
	for (let index = at + 1; index < text.length; index++) {
		const char = text[index]!;
		if (char === '\\' && (text[index + 1] === '"' || text[index + 1] === '\\')) {
			value += text[++index];
		} else if (char === '"') {
			if (!isSeparator(text, index + 1)) {
				throw new Problem(`${shown(text.slice(start, endOfWord(text, index + 1)))}: put a space after the closing quote.`);
			}

			return {value, end: index + 1};
		} else {
			value += char;
		}
	}

	throw new Problem(`The quote in ${shown(text.slice(start))} has no end: add a closing ".`);
}

/** The value from `at` to the next separator, or quoted; `term` names the term in problems. */
function readValue(text: string, at: number, start: number): {value: string; end: number; term: string} {
	const {value, end} = text[at] === '"' ? readQuoted(text, at, start) : {value: text.slice(at, endOfWord(text, at)), end: endOfWord(text, at)};
	return {value, end, term: shown(text.slice(start, end))};
}

function statusRange(value: string, term: string): readonly [number, number] {
	const lower = value.toLowerCase();
	const named = Object.hasOwn(statusNames, lower) ? statusNames[lower] : undefined;
	if (named !== undefined) {
		return named;
	}

	if (/^\d+$/.test(lower)) {
		return [Number(lower), Number(lower) + 1];
	}

	const pattern = /^(\d{1,2})(x{1,2})$/.exec(lower);
	if (pattern === null || lower.length !== 3) {
		throw new Problem(`${term}: give a code like 503, a class like 5xx, or success, user_error or error.`);
	}

	const width = 10 ** pattern[2]!.length;
	const from = Number(pattern[1]) * width;
	return [from, from + width];
}

/** The term at `at` (not a separator) and where it ends. */
function readTerm(text: string, at: number): {term: Term; end: number} {
	const start = at;
	let negated = false;
	if (text[at] === '!') {
		negated = true;
		at++;
		if (isSeparator(text, at)) {
			throw new Problem('! needs a term after it, as in !status:5xx.');
		}

		if (text[at] === '!') {
			throw new Problem(`${shown(text.slice(start, endOfWord(text, at)))}: one ! is enough to leave rows out.`);
		}
	}

	if (text[at] === '"') {
		const {value, end, term} = readValue(text, at, start);
		if (value === '') {
			throw new Problem(`${term}: put the text to look for between the quotes.`);
		}

		return {term: {field: 'text', negated, value}, end};
	}

	nameText.lastIndex = at;
	const name = nameText.exec(text)![0];
	const field = filterFields.find(known => known === name.toLowerCase());
	const after = at + name.length;
	const comparison = name === '' ? undefined : comparisonText.exec(text.slice(after, after + 2))?.[0] as Comparison | undefined;
	if (field === 'duration' && comparison !== undefined) {
		const {value, end, term} = readValue(text, after + comparison.length, start);
		const match = durationText.exec(value);
		if (match === null) {
			throw new Problem(`${term}: give a duration like 60s, 2m or 1.5h.`);
		}

		return {term: {field, negated, value, comparison, seconds: Number(match[1]) * secondsPer[(match[2] ?? 's').toLowerCase()]!}, end};
	}

	if (field !== undefined && comparison !== undefined) {
		throw new Problem(`${shown(text.slice(start, endOfWord(text, after)))}: ${field} takes a colon, as in ${examples[field]}.`);
	}

	if (name === '' || text[after] !== ':') {
		const end = endOfWord(text, at);
		return {term: {field: 'text', negated, value: text.slice(at, end)}, end};
	}

	const {value, end, term} = readValue(text, after + 1, start);
	if (field === undefined) {
		throw new Problem(`${shown(name)} is not a field; the fields are ${filterFields.slice(0, -1).join(', ')} and duration (put text with a colon in quotes).`);
	}

	if (field === 'duration') {
		throw new Problem(`${term}: compare durations with >, <, >=, <= or =, as in duration>60s.`);
	}

	if (value === '') {
		throw new Problem(`Give ${field} a value after the colon, as in ${examples[field]}.`);
	}

	switch (field) {
		case 'status': {
			const [from, to] = statusRange(value, term);
			return {term: {field, negated, value, from, to}, end};
		}

		default: {
			return {term: {field, negated, value}, end};
		}
	}
}

/** The filter typed, or the first problem with it in a sentence. Blank text is a filter with no terms: no filter. */
export function parseRowFilter(text: string): Parsed {
	const terms: Term[] = [];
	try {
		for (let at = 0; at < text.length;) {
			if (isSeparator(text, at)) {
				at++;
				continue;
			}

			const {term, end} = readTerm(text, at);
			terms.push(term);
			at = end;
		}
	} catch (error) {
		if (error instanceof Problem) {
			return {ok: false, problem: error.message};
		}

		throw error;
	}

	return {ok: true, filter: {text, terms}};
}

/** Whether a term reads error messages (msg: or free text), so that the caller fetches failed rows' outputs. */
export function readsMessages(filter: RowFilter): boolean {
	return filter.terms.some(term => term.field === 'msg' || term.field === 'text');
}

/** The error message of each output (`error_type: detail`, as fingerprint.ts reads it); outputs with none are left out. */
export function messagesOf(outputs: ReadonlyMap<string, unknown>): Messages {
	const messages = new Map<string, string>();
	for (const [requestId, output] of outputs) {
		const error = errorMessage(output);
		const text = error === undefined ? '' : [error.errorType, error.message].filter(Boolean).join(': ');
		if (text !== '') {
			messages.set(requestId, text);
		}
	}

	return messages;
}

const comparisonWords: Record<Comparison, string> = {'<': 'under', '<=': 'at most', '>': 'over', '>=': 'at least', '=': 'exactly'};

function describeTerm(term: Term): string {
	const value = shown(term.value, 30);
	switch (term.field) {
		case 'text': {
			return `"${value}"`;
		}

		case 'msg': {
			return `message "${value}"`;
		}

		case 'runner':
		case 'id': {
			return `${term.field} ${value}…`;
		}

		case 'duration': {
			return `duration ${comparisonWords[term.comparison]} ${value}${/\d$/.test(value) ? 's' : ''}`;
		}

		case 'status': {
			return `status ${value.toLowerCase()}`;
		}

		case 'endpoint': {
			return `endpoint ${value}`;
		}
	}
}

/** The filter in words for the status bar, e.g. `status 5xx, runner 8d46…, not endpoint acme/*`; empty for no terms. */
export function describeRowFilter(filter: RowFilter): string {
	return filter.terms.map(term => (term.negated ? `not ${describeTerm(term)}` : describeTerm(term))).join(', ');
}

/** What terms read of the rows, column by column, made on first use. */
type Columns = BaseColumns & {
	/** 1 at the rows whose message passes `test`. */
	messageRows(test: (message: string) => boolean): Uint8Array;
};

function listColumns(list: RowList, messages: Messages): Columns {
	const columns = columnsOf(list);
	return {
		...columns,
		// Messages are few beside rows: each is tested once and its row found by id, never unpacking a row.
		messageRows(test) {
			const marks = new Uint8Array(list.length);
			for (const [requestId, message] of messages) {
				if (test(message)) {
					const position = columns.positionOf(requestId);
					if (position !== -1) {
						marks[position] = 1;
					}
				}
			}

			return marks;
		},
	};
}

function arrayColumns(items: readonly RequestItem[], messages: Messages): Columns {
	return {
		...columnsOf(items),
		messageRows: test =>
			Uint8Array.from(items, item => {
				const message = messages.get(item.request_id);
				return message !== undefined && test(message) ? 1 : 0;
			}),
	};
}

/** A test of the strings of the labels' table, each string tested once. */
function stringTest(strings: readonly string[], test: (lower: string) => boolean): (index: number) => boolean {
	const known = new Uint8Array(strings.length);
	return index => {
		if (known[index] === 0) {
			known[index] = test(strings[index]!.toLowerCase()) ? 1 : 2;
		}

		return known[index] === 1;
	};
}

const hyphens = [8, 13, 18, 23];
/** The digit of a UUID (0 to 31) at each of the 36 places of its text; -1 at its hyphens. */
const placeDigits = Int8Array.from({length: 36}, (_, place) => (hyphens.includes(place) ? -1 : place - hyphens.filter(hyphen => place > hyphen).length));

/**
 * A test of the request ids: does the (lowercase) needle start them, or
 * appear in them when `isAnywhere`. A UUID's digits are read off its words
 * where the needle could stand, never spelled out as a string: 100,000
 * strings cost more than all the rest of a filter.
 */
function idTest({ids, otherIds, length}: RowLabels, needle: string, isAnywhere: boolean): (index: number) => boolean {
	const isOther = new Uint8Array(length);
	for (const index of otherIds.keys()) {
		isOther[index] = 1;
	}

	const otherTest = (index: number): boolean => {
		const id = otherIds.get(index)!.toLowerCase();
		return isAnywhere ? id.includes(needle) : id.startsWith(needle);
	};

	if (!/^[\da-f-]{1,36}$/.test(needle)) {
		return index => isOther[index] === 1 && otherTest(index);
	}

	const wanted = Int8Array.from(needle, char => (char === '-' ? -1 : Number.parseInt(char, 16)));
	// The needle can only start where its hyphens fall on the UUID's.
	const starts = Int8Array.from({length: isAnywhere ? 37 - wanted.length : 1}, (_, start) => start).filter(start =>
		wanted.every((digit, offset) => (digit === -1) === (placeDigits[start + offset] === -1)));
	return index => {
		if (isOther[index] === 1) {
			return otherTest(index);
		}

		const words = index * 4;
		search: for (const start of starts) {
			for (let offset = 0; offset < wanted.length; offset++) {
				const digit = placeDigits[start + offset]!;
				if (digit !== -1 && ((ids[words + (digit >>> 3)]! >>> (28 - ((digit & 7) * 4))) & 0xF) !== wanted[offset]) {
					continue search;
				}
			}

			return true;
		}

		return false;
	};
}

function globTest(pattern: string): (lower: string) => boolean {
	const body = pattern.toLowerCase().split('*').map(part => part.replaceAll(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('[^]*');
	const glob = new RegExp(`^${body}(?:/[^]*)?$`);
	return lower => glob.test(lower);
}

function compare(seconds: number, comparison: Comparison, bound: number): boolean {
	switch (comparison) {
		case '<': {
			return seconds < bound;
		}

		case '<=': {
			return seconds <= bound;
		}

		case '>': {
			return seconds > bound;
		}

		case '>=': {
			return seconds >= bound;
		}

		case '=': {
			return seconds === bound;
		}
	}
}

/** Whether the row at an index matches the term, not negated. */
function termTest(term: Term, columns: Columns): (index: number) => boolean {
	const needle = term.value.toLowerCase();
	switch (term.field) {
		case 'status': {
			const {statuses} = columns.facts();
			const {from, to} = term;
			// NaN (running) compares false.
			return index => statuses[index]! >= from && statuses[index]! < to;
		}

		case 'duration': {
			const {durations} = columns.facts();
			const {comparison, seconds} = term;
			return index => compare(durations[index]!, comparison, seconds);
		}

		case 'runner': {
			const {strings, runners} = columns.labels();
			const test = stringTest(strings, lower => lower.startsWith(needle));
			return index => runners[index] !== -1 && test(runners[index]!);
		}

		case 'endpoint': {
			const {strings, endpoints} = columns.labels();
			const test = stringTest(strings, globTest(term.value));
			return index => test(endpoints[index]!);
		}

		case 'id': {
			return idTest(columns.labels(), needle, false);
		}

		case 'msg': {
			const marks = columns.messageRows(message => message.toLowerCase().includes(needle));
			return index => marks[index] === 1;
		}

		case 'text': {
			const {statuses} = columns.facts();
			const labels = columns.labels();
			const {strings, endpoints, runners} = labels;
			const inId = idTest(labels, needle, true);
			const inString = stringTest(strings, lower => lower.includes(needle));
			const inMessage = columns.messageRows(message => message.toLowerCase().includes(needle));
			// Most rows share a handful of codes, and neighbours mostly the same one.
			let lastStatus = Number.NaN;
			let isInLast = false;
			const statusHas = (status: number): boolean => {
				if (status !== lastStatus && !Number.isNaN(status)) {
					lastStatus = status;
					isInLast = String(status).includes(needle);
				}

				return status === lastStatus && isInLast;
			};

			return index =>
				inString(endpoints[index]!) ||
				(runners[index] !== -1 && inString(runners[index]!)) ||
				inMessage[index] === 1 ||
				statusHas(statuses[index]!) ||
				inId(index);
		}
	}
}

/**
 * The rows the filter keeps, in order: a RowList's as a RowList of their
 * own (copied packed), a plain array's as an array; `rows` itself when the
 * filter keeps every row.
 */
export function filterRows(rows: Rows, filter: RowFilter, messages: Messages): Rows {
	if (filter.terms.length === 0) {
		return rows;
	}

	const list = rows instanceof RowList ? rows : undefined;
	const items = list === undefined ? rows.slice() : [];
	const columns = list === undefined ? arrayColumns(items, messages) : listColumns(list, messages);
	const kept = new Uint8Array(columns.length).fill(1);
	for (const term of filter.terms) {
		const test = termTest(term, columns);
		for (let index = 0; index < kept.length; index++) {
			if (kept[index] === 1 && test(index) === term.negated) {
				kept[index] = 0;
			}
		}
	}

	return keptRows(rows, kept);
}
