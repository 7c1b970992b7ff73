// Loaded rows for the figures that work on them (the & filter, the breakdowns): synthetic rows as
// the API sends them, and the source modules that read them bundled as the CLI is bundled
// (dist holds no entry for them).
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {bundleOptions} from '../scripts/bundle-options.js';

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

/**
 * `count` rows, newest first, 1.7 s apart, each with its output when it failed: about 10 % failed,
 * a few running, over 7 endpoints and 300 runners (one of them 8d46…, which the & filter's figures
 * look for). A generator, so that a million rows can be packed without holding a million objects.
 */
export function* syntheticRows(count) {
	const random = randomFrom(0x5EED);
	const pick = list => list[Math.floor(random() * list.length)];
	const runners = Array.from({length: 300}, (_, index) => (index === 0 ? `8d46${uuid(random).slice(4)}` : uuid(random)));
	const end = Date.parse('2026-12-01T12:00:00Z');
	for (let index = 0; index < count; index++) {
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
		yield {row, output};
	}
}

/** Imports `exports` (an ES module's text, paths from the repository's root) bundled into `directory`. */
export async function loadSource(directory, name, exports) {
	const outfile = path.join(directory, `${name}.js`);
	await build({
		...bundleOptions,
		stdin: {contents: exports, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts'},
		outfile,
	});
	return import(pathToFileURL(outfile).href);
}
