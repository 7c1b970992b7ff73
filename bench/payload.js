// Issue 4's figures, through the real CLI in a 120x40 pseudo-terminal against the
// emulator running as its own process: time to the first frame of a 5 MB and a
// 20 MB payload beside fetch + JSON.parse of the same answer in plain Node, and
// the time from a scroll or fold key to the next frame there beside the same key
// on a small payload.
import {cli, median, percentile, printTable, row, startEmulator} from './lib.js';
import {spawnTimed} from './terminal.js';

const demoKey = 'fal_demo_key_0000';
const minute = 60_000;
const openRuns = 3;
const presses = 20;
/** Pacing between key presses: longer than Ink's 30 fps throttle, so each press draws at once. */
const pressGapMs = 60;
const round = value => Math.round(value * 10) / 10;

/** The API's answer for one request with its payloads, as falreq asks for it. */
function payloadUrl(url, endpoint, requestId) {
	return `${url}/serverless/requests/by-endpoint?endpoint_id=${encodeURIComponent(endpoint)}&request_id=${requestId}&expand=payloads&limit=1`;
}

async function get(address) {
	const response = await fetch(address, {headers: {Authorization: `Key ${demoKey}`}});
	if (!response.ok) {
		throw new Error(`${address} answered ${response.status}`);
	}

	return response.text();
}

/**
 * The emulator puts its multi-MB payloads at fixed times before its start
 * (5 MB on acme/upscaler/hd 125 minutes ago, 20 MB on fal-ai/flux/dev 190):
 * the request with the largest answer a few minutes around it.
 */
async function findLarge(url, endpoint, minutesAgo) {
	const now = Date.now();
	const start = new Date(now - (minutesAgo + 3) * minute).toISOString();
	const end = new Date(now - (minutesAgo - 3) * minute).toISOString();
	const rows = JSON.parse(await get(`${url}/serverless/requests/by-endpoint?endpoint_id=${encodeURIComponent(endpoint)}&start=${start}&end=${end}&limit=100`)).items;
	let largest;
	for (const item of rows) {
		const bytes = (await get(payloadUrl(url, endpoint, item.request_id))).length;
		if (largest === undefined || bytes > largest.bytes) {
			largest = {requestId: item.request_id, endpoint, bytes};
		}
	}

	return largest;
}

function explorer(url, target) {
	return spawnTimed(process.execPath, [cli, '--api-url', url, '-e', target.endpoint, '--request-id', target.requestId], {
		cols: 120,
		rows: 40,
		env: {FAL_KEY: demoKey},
	});
}

/** From the row on screen to the payload's first frame (the 150 ms the cursor must rest included), and from launch. */
async function timeOpen(url, target) {
	const app = explorer(url, target);
	try {
		const rowShown = await app.waitFor(screen => new RegExp(`› .* ${target.requestId.slice(0, 8)}`).test(screen));
		const payloadShown = await app.waitFor('"input"');
		return {afterRow: payloadShown - rowShown, fromLaunch: payloadShown};
	} finally {
		app.dispose();
	}
}

/** What falreq cannot beat: fetch the same answer and JSON.parse it, in this process. */
async function timeParse(url, target) {
	const started = performance.now();
	JSON.parse(await get(payloadUrl(url, target.endpoint, target.requestId)));
	return performance.now() - started;
}

/** Each press's time to the next frame written, the keys pressed in turn `presses` times with pacing. */
async function pressTimed(app, keys) {
	const latencies = [];
	for (let press = 0; press < presses; press++) {
		await app.settle(pressGapMs);
		const written = app.nextWrite();
		app.write(keys[press % keys.length]);
		latencies.push(await written);
	}

	return latencies;
}

/** Scroll (j and k in turn, so a short payload never runs out) and fold (Enter on the root: all of it folded, unfolded) latencies. */
async function timeKeys(url, target) {
	const app = explorer(url, target);
	try {
		await app.waitFor('"input"');
		app.write('\r');
		await app.waitFor('Esc back to the list');
		const scroll = await pressTimed(app, ['j', 'k']);
		const fold = await pressTimed(app, ['\r']);
		return {scroll, fold};
	} finally {
		app.dispose();
	}
}

export async function benchPayload() {
	const emulator = await startEmulator();
	try {
		const small = JSON.parse(await get(`${emulator.url}/serverless/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&status=success&limit=1`)).items[0];
		const smallTarget = {requestId: small.request_id, endpoint: small.endpoint_id};
		const targets = [
			{name: '5 MB', ...(await findLarge(emulator.url, 'acme/upscaler/hd', 125))},
			{name: '20 MB', ...(await findLarge(emulator.url, 'fal-ai/flux/dev', 190))},
		];
		const smallKeys = await timeKeys(emulator.url, smallTarget);
		const rows = [];
		for (const target of targets) {
			const opens = [];
			const parses = [];
			for (let run = 0; run < openRuns; run++) {
				opens.push(await timeOpen(emulator.url, target));
				parses.push(await timeParse(emulator.url, target));
			}

			const keys = await timeKeys(emulator.url, target);
			const size = `${target.name} (${(target.bytes / 1e6).toFixed(1)} MB answer)`;
			rows.push(
				{...row(`${size}: first payload frame after the row, ms`, Math.round(median(opens.map(o => o.afterRow))), Math.round(median(parses))), goal: 'fetch + JSON.parse + 150 ms rest + a frame'},
				{...row(`${size}: first payload frame from launch, ms`, Math.round(median(opens.map(o => o.fromLaunch))))},
				{...row(`${size}: scroll key to frame, median ms`, round(median(keys.scroll)), round(median(smallKeys.scroll))), goal: 'same as a small payload'},
				{...row(`${size}: scroll key to frame, p95 ms`, round(percentile(keys.scroll, 95)), round(percentile(smallKeys.scroll, 95)))},
				{...row(`${size}: fold key to frame, median ms`, round(median(keys.fold)), round(median(smallKeys.fold))), goal: 'same as a small payload'},
				{...row(`${size}: fold key to frame, p95 ms`, round(percentile(keys.fold, 95)), round(percentile(smallKeys.fold, 95)))},
			);
		}

		printTable(
			`payload viewer, real CLI in a 120x40 pty (median of ${openRuns} opens, ${presses} scroll and ${presses} fold keys; baselines: fetch + JSON.parse in Node, and the same key on a ~1 KB payload)`,
			rows,
		);
	} finally {
		await emulator.stop();
	}
}
