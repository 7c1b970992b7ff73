/** The `&` filter: expressions over hand-built rows, problem sentences, words for the status bar, and a plain filter of row objects to agree with. */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {RowList, type Rows} from '../../source/state/row-list.js';
import {factsOf} from '../../source/triage/row-facts.js';
import {describeRowFilter, filterRows, messagesOf, parseRowFilter, readsMessages, type Messages, type RowFilter} from '../../source/triage/row-filter.js';
import {anyText, firstUnsafe, hostileCorpus} from '../property/text.js';
import {namedRows} from './rows.js';

/** The hand-built rows by name, in the order made. */
const {named, row} = namedRows({duration: 1.5, runner_id: '1234abcd-0000-4000-8000-000000000000'});

const rows = [
	row('fast', {request_id: '3f2a0000-0000-4000-8000-000000000001', runner_id: '8d46aaaa-0000-4000-8000-000000000000', duration: 0.25}),
	row('slow', {endpoint_id: 'acme/upscaler/hd', duration: 75}),
	row('oom', {status_code: 500, duration: 61, runner_id: '8D46BBBB-0000-4000-8000-000000000000'}),
	row('timeout', {endpoint_id: 'acme/upscaler/turbo', status_code: 504, duration: 300, runner_id: null}),
	row('unavailable', {endpoint_id: 'acme/upscaler', status_code: 503, duration: null, runner_id: null}),
	row('invalid', {status_code: 422, duration: 0.2}),
	row('running', {ended_at: null, status_code: null, duration: null}),
	row('queued', {endpoint_id: 'acme/upscaler/hd', ended_at: null, status_code: null, duration: null, runner_id: null}),
	// Kept as they came in a RowList: a fractional and a huge status, ids that are not lowercase UUIDs.
	row('fractional', {status_code: 200.5, duration: 60}),
	row('huge', {status_code: 40_000, request_id: 'req_ABC-123'}),
	row('upper', {status_code: 302, request_id: 'CEEAD08C-FDAE-43E2-B8D8-BAF35E752267', endpoint_id: 'Acme/Upscaler/HD'}),
];

const messages = messagesOf(
	new Map<string, unknown>([
		[named['oom']!.request_id, {detail: 'CUDA out of memory. Tried to allocate 2.00 GiB', error_type: 'internal_error'}],
		[named['timeout']!.request_id, {detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'}],
		[named['unavailable']!.request_id, {detail: 'No runner became available to process the request', error_type: 'runner_scheduling_failure'}],
		[named['invalid']!.request_id, {detail: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}]}],
		// Known to have no message: absent, null, an output with no detail.
		[named['huge']!.request_id, undefined],
		[named['fractional']!.request_id, null],
		[named['fast']!.request_id, {images: []}],
	]),
);

function parsed(text: string): RowFilter {
	const result = parseRowFilter(text);
	if (!result.ok) {
		throw new Error(`${text}: ${result.problem}`);
	}

	return result.filter;
}

const names = (kept: Rows) => Array.from(kept, item => Object.keys(named).find(name => named[name]!.request_id === item.request_id));
const all = Object.keys(named);
const except = (...left: string[]) => all.filter(name => !left.includes(name));

describe('filterRows', () => {
	it.each([
		['status:5xx', ['oom', 'timeout', 'unavailable']],
		['status:5XX', ['oom', 'timeout', 'unavailable']],
		['status:error', ['oom', 'timeout', 'unavailable']],
		['status:4xx', ['invalid']],
		['status:user_error', ['invalid']],
		['status:2xx', except('oom', 'timeout', 'unavailable', 'invalid', 'running', 'queued', 'huge', 'upper')],
		['status:success', except('oom', 'timeout', 'unavailable', 'invalid', 'running', 'queued', 'huge', 'upper')],
		['status:200', ['fast', 'slow', 'fractional']],
		['status:50x', ['oom', 'timeout', 'unavailable']],
		['status:503', ['unavailable']],
		['status:3xx', ['upper']],
		['status:40000', ['huge']],
		['!status:2xx', ['oom', 'timeout', 'unavailable', 'invalid', 'running', 'queued', 'huge', 'upper']],
		['!status:5xx !status:2xx', ['invalid', 'running', 'queued', 'huge', 'upper']],
		['runner:8d46', ['fast', 'oom']],
		['runner:8D46B', ['oom']],
		['!runner:1234', ['fast', 'oom', 'timeout', 'unavailable', 'queued']],
		['id:3f2a', ['fast']],
		['id:3F2A0000-00', ['fast']],
		['id:req_abc', ['huge']],
		['id:ceead08c-fdae', ['upper']],
		['id:3f2a-', []],
		['endpoint:acme/*', ['slow', 'timeout', 'unavailable', 'queued', 'upper']],
		['endpoint:acme/upscaler', ['slow', 'timeout', 'unavailable', 'queued', 'upper']],
		['endpoint:acme', ['slow', 'timeout', 'unavailable', 'queued', 'upper']],
		['endpoint:*/hd', ['slow', 'queued', 'upper']],
		['endpoint:acme/upscaler/h', []],
		['endpoint:*flux*', except('slow', 'timeout', 'unavailable', 'queued', 'upper')],
		['!endpoint:fal-ai/*', ['slow', 'timeout', 'unavailable', 'queued', 'upper']],
		['duration>60s', ['slow', 'oom', 'timeout']],
		['duration>=60', ['slow', 'oom', 'timeout', 'fractional']],
		['duration=1m', ['fractional']],
		['duration>1.2m', ['slow', 'timeout']],
		['duration<=250ms', ['fast', 'invalid']],
		['duration<0.01h', ['fast', 'invalid', 'huge', 'upper']],
		['!duration>60s', except('slow', 'oom', 'timeout')],
		['msg:"out of memory"', ['oom']],
		['msg:REQUEST_TIMEOUT', ['timeout']],
		['msg:prompt', ['invalid']],
		['!msg:runner', except('unavailable')],
		['memory', ['oom']],
		['"timed out after"', ['timeout']],
		['!"timed out after"', except('timeout')],
		['upscaler', ['slow', 'timeout', 'unavailable', 'queued', 'upper']],
		['422', ['invalid']],
		['200.5', ['fractional']],
		['8d46', ['fast', 'oom']],
		['ABC-1', ['huge']],
		['b8d8-baf3', ['upper']],
		['8000-000000000003', ['oom']],
		['status:5xx runner:8d46 duration>60s "out of memory"', ['oom']],
		['status:5xx\nduration>60s\t!runner:8d46', ['timeout']],
		['  ', all],
	])('%j keeps %j, from a RowList as from an array', (text, expected) => {
		const filter = parsed(text);
		for (const source of [RowList.from(rows), rows]) {
			const kept = filterRows(source, filter, messages);
			expect(names(kept)).toEqual(expected);
			expect(kept instanceof RowList).toBe(source instanceof RowList);
		}
	});

	it('gives back the rows themselves when every row is kept', () => {
		const list = RowList.from(rows);
		expect(filterRows(list, parsed(''), messages)).toBe(list);
		expect(filterRows(list, parsed('!zzz'), messages)).toBe(list);
		expect(filterRows(rows, parsed('!nothing-like-this'), messages)).toBe(rows);
	});

	it('keeps a RowList of its own, rows as they were, found by id and counted off its columns', () => {
		const list = RowList.from(rows);
		const kept = filterRows(list, parsed('!status:2xx'), messages) as RowList;
		const expected = rows.filter(item => !(item.status_code !== null && item.status_code >= 200 && item.status_code < 300));
		expect([...kept]).toEqual(expected);
		expect(kept.facts()).toEqual(factsOf(expected));
		expect(expected.map(item => kept.indexOf(item.request_id))).toEqual(expected.map((_, index) => index));
		expect(kept.has(named['fast']!.request_id)).toBe(false);
		expect([...kept.append([named['fast']!])].at(-1)).toEqual(named['fast']);
		expect([...list]).toEqual(rows);
	});
});

describe('parseRowFilter', () => {
	it.each([
		['duration>abc', 'duration>abc: give a duration like 60s, 2m or 1.5h.'],
		['duration>', 'duration>: give a duration like 60s, 2m or 1.5h.'],
		['duration>-5s', 'duration>-5s: give a duration like 60s, 2m or 1.5h.'],
		['duration:60s', 'duration:60s: compare durations with >, <, >=, <= or =, as in duration>60s.'],
		['status>500', 'status>500: status takes a colon, as in status:5xx.'],
		['status:5x', 'status:5x: give a code like 503, a class like 5xx, or success, user_error or error.'],
		['status:running', 'status:running: give a code like 503, a class like 5xx, or success, user_error or error.'],
		['status:', 'Give status a value after the colon, as in status:5xx.'],
		['msg:""', 'Give msg a value after the colon, as in msg:"out of memory".'],
		['foo:bar', 'foo is not a field; the fields are status, runner, id, endpoint, msg and duration (put text with a colon in quotes).'],
		['status:5xx Error:oom', 'Error is not a field; the fields are status, runner, id, endpoint, msg and duration (put text with a colon in quotes).'],
		['msg:"out of memory', 'The quote in msg:"out of memory has no end: add a closing ".'],
		['"out of', 'The quote in "out of has no end: add a closing ".'],
		['"out of"memory', '"out of"memory: put a space after the closing quote.'],
		['""', '"": put the text to look for between the quotes.'],
		['status:5xx !', '! needs a term after it, as in !status:5xx.'],
		['!!status:5xx', '!!status:5xx: one ! is enough to leave rows out.'],
		['status:"5\u001B[2J"', 'status:"5\\e[2J": give a code like 503, a class like 5xx, or success, user_error or error.'],
		[`"${'x'.repeat(100)}`, `The quote in "${'x'.repeat(38)}… has no end: add a closing ".`],
	])('%j: %j', (text, problem) => {
		expect(parseRowFilter(text)).toEqual({ok: false, problem});
	});

	it('reads fields, negation, quotes and comparisons into terms', () => {
		expect(parsed('Status:5XX !runner:8d46 ENDPOINT:acme/* duration>=1.5h msg:"say \\"hi\\" \\\\ now" "a b" id:3f word a"b').terms).toEqual([
			{field: 'status', negated: false, value: '5XX', from: 500, to: 600},
			{field: 'runner', negated: true, value: '8d46'},
			{field: 'endpoint', negated: false, value: 'acme/*'},
			{field: 'duration', negated: false, value: '1.5h', comparison: '>=', seconds: 5400},
			{field: 'msg', negated: false, value: 'say "hi" \\ now'},
			{field: 'text', negated: false, value: 'a b'},
			{field: 'id', negated: false, value: '3f'},
			{field: 'text', negated: false, value: 'word'},
			{field: 'text', negated: false, value: 'a"b'},
		]);
	});

	it('reads text that only looks like a field as text', () => {
		expect(parsed('12:30 v2:x :colon durations>5 duration').terms.map(term => [term.field, term.value])).toEqual([
			['text', '12:30'],
			['text', 'v2:x'],
			['text', ':colon'],
			['text', 'durations>5'],
			['text', 'duration'],
		]);
	});

	it('takes pasted control characters as spaces, but keeps them inside quotes', () => {
		const filter = parsed('\u001B[2J status:5xx\r\n\u0000"a\tb"\u0085id:3f\u007F');
		expect(filter.terms.map(term => [term.field, term.value])).toEqual([
			['text', '[2J'],
			['status', '5xx'],
			['text', 'a\tb'],
			['id', '3f'],
		]);
	});

	it('takes blank text for no filter', () => {
		expect(parseRowFilter(' \t\n')).toEqual({ok: true, filter: {text: ' \t\n', terms: []}});
	});

	it('never throws, and puts nothing raw on screen, whatever is typed or pasted', () => {
		const pieces = fc.constantFrom('status:', 'msg:', 'duration>', 'duration<=', '!', '"', '\\"', ' ', 'id:', 'runner:', '*', '5xx', 'foo:', ...Object.values(hostileCorpus).filter(text => text.length < 100));
		fc.assert(
			fc.property(fc.array(fc.oneof(anyText, pieces), {maxLength: 8}), parts => {
				const result = parseRowFilter(parts.join(''));
				const onScreen = result.ok ? describeRowFilter(result.filter) : result.problem;
				expect(firstUnsafe(onScreen)).toBeUndefined();
				if (!result.ok) {
					expect(result.problem).toMatch(/\.$/);
				}
			}),
			{numRuns: 1000},
		);
	});
});

describe('describeRowFilter', () => {
	it.each([
		['status:5XX runner:8d46 !endpoint:acme/*', 'status 5xx, runner 8d46…, not endpoint acme/*'],
		['duration>60 duration<=1.5h duration=500ms duration>=2m duration<1s', 'duration over 60s, duration at most 1.5h, duration exactly 500ms, duration at least 2m, duration under 1s'],
		['msg:"out of memory" !timeout id:3f2a', 'message "out of memory", not "timeout", id 3f2a…'],
		['"\u001B]52;c;eA==\u0007"', '"\\e]52;c;eA==\\x07"'],
		[`"${'y'.repeat(50)}"`, `"${'y'.repeat(29)}…"`],
		['', ''],
	])('%j: %j', (text, words) => {
		expect(describeRowFilter(parsed(text))).toBe(words);
	});
});

describe('readsMessages', () => {
	it.each([
		['msg:oom', true],
		['!timeout', true],
		['status:5xx runner:8d46 "out of memory"', true],
		['status:5xx runner:8d46 id:3f endpoint:acme/* duration>1s', false],
		['', false],
	])('%j: %s', (text, reads) => {
		expect(readsMessages(parsed(text))).toBe(reads);
	});
});

describe('messagesOf', () => {
	it('reads each output as the failure groups do, error type first, and leaves out outputs with no message', () => {
		expect([...messages]).toEqual([
			[named['oom']!.request_id, 'internal_error: CUDA out of memory. Tried to allocate 2.00 GiB'],
			[named['timeout']!.request_id, 'request_timeout: Request timed out after 300 seconds'],
			[named['unavailable']!.request_id, 'runner_scheduling_failure: No runner became available to process the request'],
			[named['invalid']!.request_id, 'body.prompt: Field required (missing)'],
		]);
	});
});

/** A glob matched as written: `*` any run of characters, by backtracking. */
function globMatches(glob: string, text: string): boolean {
	if (glob === '') {
		return text === '';
	}

	if (glob[0] === '*') {
		return Array.from({length: text.length + 1}, (_, skip) => skip).some(skip => globMatches(glob.slice(1), text.slice(skip)));
	}

	return text[0] === glob[0] && globMatches(glob.slice(1), text.slice(1));
}

type Spec = {field: 'status' | 'runner' | 'id' | 'endpoint' | 'msg' | 'text' | 'duration'; value: string; comparison?: string; negated: boolean};

const statusRanges: Record<string, [number, number]> = {
	success: [200, 300],
	user_error: [400, 500],
	error: [500, 600],
	'2xx': [200, 300],
	'4xx': [400, 500],
	'5xx': [500, 600],
	'50x': [500, 510],
	'200': [200, 201],
	'503': [503, 504],
	'40000': [40_000, 40_001],
};
const units: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600, '': 1};

/** What the module comment says each term keeps, written plainly over row objects. */
function reference(spec: Spec, item: RequestItem, known: Messages): boolean {
	const needle = spec.value.toLowerCase();
	const message = known.get(item.request_id)?.toLowerCase();
	const matches = (): boolean => {
		switch (spec.field) {
			case 'status': {
				const [from, to] = statusRanges[needle]!;
				return item.status_code !== null && item.status_code >= from && item.status_code < to;
			}

			case 'runner': {
				return item.runner_id?.toLowerCase().startsWith(needle) ?? false;
			}

			case 'id': {
				return item.request_id.toLowerCase().startsWith(needle);
			}

			case 'endpoint': {
				const id = item.endpoint_id.toLowerCase();
				return globMatches(needle, id) || [...id].some((char, at) => char === '/' && globMatches(needle, id.slice(0, at)));
			}

			case 'msg': {
				return message?.includes(needle) ?? false;
			}

			case 'text': {
				return [item.endpoint_id, item.status_code === null ? undefined : String(item.status_code), message, item.request_id, item.runner_id ?? undefined].some(
					field => field?.toLowerCase().includes(needle),
				);
			}

			case 'duration': {
				const [, amount, unit] = /^([\d.]+)([a-z]*)$/.exec(needle)!;
				const seconds = Number(amount) * units[unit!]!;
				const {duration} = item;
				return (
					duration !== null &&
					{'<': duration < seconds, '<=': duration <= seconds, '>': duration > seconds, '>=': duration >= seconds, '=': duration === seconds}[spec.comparison!]!
				);
			}
		}
	};

	return matches() !== spec.negated;
}

function typed(spec: Spec): string {
	const quoted = /[\s"\\]/.test(spec.value) ? `"${spec.value.replaceAll(/["\\]/g, '\\$&')}"` : spec.value;
	const body = spec.field === 'text' ? quoted : spec.field === 'duration' ? `duration${spec.comparison!}${spec.value}` : `${spec.field}:${quoted}`;
	return `${spec.negated ? '!' : ''}${body}`;
}

describe('filterRows against a plain filter of row objects', () => {
	const uuids = ['3f2a1b2c-0d4e-4f60-8a7b-9c8d7e6f5a4b', '8d46e2f1-aaaa-4bbb-8ccc-dddddddddddd', '00000000-0000-4000-8000-000000000503'];
	const requestIds = fc.oneof(
		fc.uuid().map(id => id.toLowerCase()),
		fc.constantFrom(...uuids, 'req_ABC-123', 'CEEAD08C-FDAE-43E2-B8D8-BAF35E752267'),
	);
	const runners = fc.constantFrom(null, '8d46aaaa', '8D46BBBB-0000', 'runner-1', uuids[0]!);
	const endpoints = fc.constantFrom('fal-ai/flux/dev', 'fal-ai/flux-pro/v1.1-ultra', 'acme/upscaler', 'acme/upscaler/hd', 'Acme/Upscaler/turbo', 'a*b/c.d');
	const anyRow = fc
		.record({
			id: requestIds,
			endpoint: endpoints,
			status: fc.constantFrom(null, 200, 201, 302, 422, 500, 503, 504, 200.5, 40_000),
			duration: fc.constantFrom(null, 0, -0, 0.25, 0.5, 59.999, 60, 61, 90, 5400, 1e300),
			runner: runners,
			isRunning: fc.boolean(),
			isKept: fc.boolean(),
		})
		.map(({id, endpoint, status, duration, runner, isRunning, isKept}): RequestItem => {
			const item: RequestItem = {
				request_id: id,
				endpoint_id: endpoint,
				sent_at: '2026-03-01T11:59:00Z',
				started_at: '2026-03-01T11:59:01Z',
				ended_at: isRunning ? null : '2026-03-01T12:00:00.5Z',
				status_code: isRunning ? null : status,
				duration: isRunning ? null : duration,
				runner_id: runner,
			};
			// Extra fields keep a row as it came in a RowList, unpacked.
			return isKept ? {...item, billable_units: 1} : item;
		});
	const texts = ['out of memory', 'Timed', 'x"y', 'a\\b', '503', '0.5', '8d46', '3f2a1b2c-0d', 'ABC-1', 'upscaler', 'flux', '-', 'req_'];
	const spec: fc.Arbitrary<Spec> = fc.oneof(
		fc.record({field: fc.constant('status' as const), value: fc.constantFrom(...Object.keys(statusRanges), 'ERROR', '5XX'), negated: fc.boolean()}),
		fc.record({field: fc.constant('runner' as const), value: fc.constantFrom('8d46', '8D46b', 'runner', '3f2a1b2c-0d4e', 'r'), negated: fc.boolean()}),
		fc.record({field: fc.constant('id' as const), value: fc.constantFrom('3f', '3F2A1B2C-0D4E-4', '8d46e2f1-', '00000000-0000-4000-8000-000000000503', 'req_abc', 'ceead08c', '-', 'zz'), negated: fc.boolean()}),
		fc.record({field: fc.constant('endpoint' as const), value: fc.constantFrom('acme/*', 'acme', 'acme/upscaler', '*flux*', 'fal-ai/flux', 'ACME/UPSCALER/HD', '*', '*/hd', 'a*b/c.d', 'a.b'), negated: fc.boolean()}),
		fc.record({field: fc.constantFrom('msg' as const, 'text' as const), value: fc.constantFrom(...texts), negated: fc.boolean()}),
		fc.record({
			field: fc.constant('duration' as const),
			comparison: fc.constantFrom('<', '<=', '>', '>=', '='),
			value: fc.constantFrom('0', '60', '60s', '1m', '500ms', '0.5', '1.5h', '.25s'),
			negated: fc.boolean(),
		}),
	);
	const messageTexts = fc.constantFrom('internal_error: CUDA out of memory', 'request_timeout: Request timed out after 300 seconds', 'say "x"y" and a\\b', 'failed on 8D46EEEE');

	it('keeps exactly the rows the plain filter keeps, in order, from a RowList (a RowList of them) and from an array', () => {
		fc.assert(
			fc.property(fc.array(anyRow, {minLength: 5, maxLength: 40}), fc.array(spec, {minLength: 1, maxLength: 3}), fc.array(fc.tuple(fc.nat(50), messageTexts), {maxLength: 10}), (generated, specs, messageSpecs) => {
				const list = RowList.from(generated);
				const items = list.slice();
				const known = new Map(messageSpecs.flatMap(([index, text]) => (index < items.length ? [[items[index]!.request_id, text] as const] : [])));
				const filter = parsed(specs.map(term => typed(term)).join(' '));
				const expected = items.filter(item => specs.every(term => reference(term, item, known)));
				const kept = filterRows(list, filter, known) as RowList;
				expect([...kept]).toEqual(expected);
				expect(kept.facts()).toEqual(factsOf(expected));
				expect(expected.map(item => kept.indexOf(item.request_id))).toEqual(expected.map((_, index) => index));
				expect([...filterRows(items, filter, known)]).toEqual(expected);
			}),
			{numRuns: 1000},
		);
	});
});
