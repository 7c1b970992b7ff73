// The `&` filter's figure: each of a dozen filters over 100,000 loaded rows
// (a RowList, as the explorer holds them), in this process, beside unpacking
// every row once, which a filter over row objects would pay before testing any.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {bundleOptions} from '../scripts/bundle-options.js';
import {median, printTable} from './lib.js';

const rowCount = 100_000;
const runs = 15;
const goalMs = 100;
const filters = [
	'status:5xx',
	'!status:2xx',
	'status:503',
	'runner:8d46',
	'endpoint:acme/*',
	'duration>60s',
	'duration<=500ms !status:error',
	'id:3f',
	'msg:"out of memory"',
	'timeout',
	'8d46',
	'"out of memory"',
	'!endpoint:fal-ai/flux/* !msg:timeout',
	'status:5xx runner:8d46 duration>60s "out of memory"',
];

const endpoints = ['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/flux-pro/v1.1-ultra', 'fal-ai/fast-sdxl', 'fal-ai/kling-video/v2/master/text-to-video', 'acme/upscaler/turbo', 'acme/upscaler/hd'];
const serverErrors = [
	[500, {detail: 'CUDA out of memory. Tried to allocate 2.00 GiB', error_type: 'internal_error'}],
	[500, {detail: 'The runner disconnected while processing the request', error_type: 'runner_disconnected'}],
	[503, {detail: 'No runner became available to process the request', error_type: 'runner_scheduling_failure'}],
	[504, {detail: 'Request timed out after 300 seconds', error_type: 'request_timeout'}],
];
const userErrors = [
	[422, {detail: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}]}],
	[400, {detail: 'Could not fetch https://v3.fal.media/files/zebra/abc123.png, got 404.'}],
];

/** Deterministic numbers in [0, 1): mulberry32. */
function randomFrom(seed) {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function uuid(random) {
	const hex = Array.from({length: 32}, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** 100,000 rows as the API sends them, about 10 % failed (their outputs known), a few running; and those outputs. */
function dataset() {
	const random = randomFrom(0x5EED);
	const pick = list => list[Math.floor(random() * list.length)];
	// One runner's id starts with 8d46, as the filters below look for it.
	const runners = Array.from({length: 300}, (_, index) => (index === 0 ? `8d46${uuid(random).slice(4)}` : uuid(random)));
	const outputs = new Map();
	const rows = [];
	const end = Date.parse('2026-12-01T12:00:00Z');
	for (let index = 0; index < rowCount; index++) {
		const ended = new Date(end - (index * 1700)).toISOString();
		const sent = new Date(Date.parse(ended) - 90_000).toISOString();
		const roll = random();
		const running = roll < 0.002;
		const [status, output] = running ? [null, undefined] : roll < 0.06 ? pick(serverErrors) : roll < 0.1 ? pick(userErrors) : [200, undefined];
		const row = {
			request_id: uuid(random),
			endpoint_id: pick(endpoints),
			sent_at: sent,
			started_at: sent,
			ended_at: running ? null : ended,
			status_code: status,
			duration: running ? null : Math.round(random() * random() * 180_000) / 1000,
			runner_id: status === 503 ? null : pick(runners),
		};
		rows.push(row);
		if (output !== undefined) {
			outputs.set(row.request_id, output);
		}
	}

	return {rows, outputs};
}

/** The filter module and RowList bundled from source, as the CLI is bundled: dist holds no entry for them. */
async function load(directory) {
	const outfile = path.join(directory, 'row-filter.js');
	await build({
		...bundleOptions,
		stdin: {
			contents: "export * from './source/triage/row-filter.ts'; export {RowList} from './source/state/row-list.ts';",
			resolveDir: new URL('..', import.meta.url).pathname,
			loader: 'ts',
		},
		outfile,
	});
	return import(outfile);
}

function time(work) {
	const started = performance.now();
	const result = work();
	return {ms: performance.now() - started, result};
}

const round = value => Math.round(value * 10) / 10;

export async function benchRowFilter() {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'falreq-bench-'));
	try {
		const {RowList, filterRows, messagesOf, parseRowFilter} = await load(directory);
		const {rows, outputs} = dataset();
		const list = RowList.from(rows);
		const messages = messagesOf(outputs);
		const parsed = filters.map(text => {
			const result = parseRowFilter(text);
			if (!result.ok) {
				throw new Error(`${text}: ${result.problem}`);
			}

			return result.filter;
		});
		const unpack = () => {
			let count = 0;
			for (const _ of list.values()) {
				count++;
			}

			return count;
		};

		// One pass of everything first, so that no figure carries the compiler's first look at the code.
		unpack();
		for (const filter of parsed) {
			filterRows(list, filter, messages);
		}

		const times = parsed.map(() => []);
		const matched = parsed.map(filter => filterRows(list, filter, messages).length);
		const baseline = [];
		for (let run = 0; run < runs; run++) {
			baseline.push(time(unpack).ms);
			for (const [index, filter] of parsed.entries()) {
				times[index].push(time(() => filterRows(list, filter, messages)).ms);
			}
		}

		const base = round(median(baseline));
		printTable(
			`& filter over ${rowCount.toLocaleString('en-US')} loaded rows, ${messages.size.toLocaleString('en-US')} error messages known: ms, median / max of ${runs} (baseline: unpacking every row once)`,
			filters.map((text, index) => {
				const middle = round(median(times[index]));
				return {
					name: `${text} (${matched[index].toLocaleString('en-US')} rows)`,
					value: `${middle} / ${round(Math.max(...times[index]))}`,
					baseline: base,
					ratio: `${(middle / base).toFixed(2)}x`,
					goal: `< ${goalMs}`,
				};
			}),
		);
		const {ms} = time(() => messagesOf(outputs));
		console.log(`\nmessagesOf over ${outputs.size.toLocaleString('en-US')} outputs: ${round(ms)} ms`);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}
