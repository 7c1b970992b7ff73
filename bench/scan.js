// The scanner's figures: `falreq list --json --all` of a 10,000-row window over
// an emulator that answers in 150 ms, beside one sequential cursor walk of the
// same query (a curl | jq loop following next_cursor, one request at a time),
// the two sets of request ids compared; and the peak memory of scanning
// 100,000 rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cli, measure, median, printTable, row, sideBySide, startEmulator} from './lib.js';

const demoKey = 'fal_demo_key_0000';
// Every endpoint of the emulator's data: bare apps match their routes.
const endpoints = ['fal-ai/flux', 'fal-ai/flux-pro', 'fal-ai/fast-sdxl', 'fal-ai/kling-video', 'acme/upscaler'];
const latencyMs = 150;
const runs = 3;

/** A window holding the emulator's whole history (7 days, ending minutes before it started), so it holds exactly --requests rows. */
function wholeHistory() {
	const end = new Date();
	const start = new Date(end.getTime() - (8 * 86_400_000));
	return {start: start.toISOString(), end: end.toISOString()};
}

function idsIn(file) {
	const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
	return lines.map(line => JSON.parse(line).request_id);
}

function sameSet(a, b) {
	const set = new Set(a);
	return a.length === b.length && set.size === a.length && b.every(id => set.has(id));
}

export async function benchScan() {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-bench-scan-'));
	const listed = path.join(directory, 'list.jsonl');
	const walked = path.join(directory, 'walk.jsonl');
	const emulator = await startEmulator(['--requests', '10000', '--latency', String(latencyMs)]);
	let speed;
	try {
		const env = {FAL_KEY: demoKey, FALREQ_API_URL: emulator.url};
		const {start, end} = wholeHistory();
		const query = [...endpoints.map(id => `endpoint_id=${id}`), `start=${start}`, `end=${end}`, 'limit=100'].join('&');
		// A user's loop: one page, its rows out, its next_cursor into the next request, until there is none.
		const loop = `cursor=''
			while :; do
				page=$(curl -sf -H "Authorization: Key $FAL_KEY" "$FALREQ_API_URL/serverless/requests/by-endpoint?${query}\${cursor:+&cursor=$cursor}") || exit 1
				printf '%s\\n' "$page" | jq -c '.items[]'
				cursor=$(printf '%s\\n' "$page" | jq -r '.next_cursor // empty | @uri')
				[ -n "$cursor" ] || break
			done > "${walked}"`;
		const args = [cli, 'list', '--json', '--all', '--start', start, '--end', end, ...endpoints.flatMap(id => ['-e', id])];
		const [scans, walks] = await sideBySide(
			runs,
			async () => {
				const output = fs.openSync(listed, 'w');
				try {
					return await measure(process.execPath, args, {env, stdout: output});
				} finally {
					fs.closeSync(output);
				}
			},
			() => measure('/bin/sh', ['-c', loop], {env}),
		);
		const scanned = idsIn(listed);
		const sequential = idsIn(walked);
		if (!sameSet(scanned, sequential)) {
			throw new Error(`list --all found ${scanned.length} rows (${new Set(scanned).size} ids), the cursor walk ${sequential.length}: not the same set`);
		}

		const ms = values => Math.round(median(values.map(v => v.wallMs)));
		speed = {scan: ms(scans), walk: ms(walks), rows: scanned.length};
	} finally {
		await emulator.stop();
	}

	// Memory: the whole of 100,000 rows (the emulator's whole history), printed as fast as the emulator answers.
	const large = await startEmulator(['--requests', '100000']);
	let memory;
	try {
		const {start, end} = wholeHistory();
		const env = {FAL_KEY: demoKey, FALREQ_API_URL: large.url};
		const output = fs.openSync('/dev/null', 'w');
		try {
			memory = await measure(process.execPath, [cli, 'list', '--json', '--all', '--start', start, '--end', end, ...endpoints.flatMap(id => ['-e', id])], {env, stdout: output});
		} finally {
			fs.closeSync(output);
		}
	} finally {
		await large.stop();
		fs.rmSync(directory, {recursive: true, force: true});
	}

	printTable(`falreq list --all: the scanner (median of ${runs} runs, side by side; baseline a curl | jq loop following next_cursor)`, [
		{...row(`--json --all, ${speed.rows.toLocaleString('en-US')} rows at ${latencyMs} ms latency: wall ms`, speed.scan, speed.walk), goal: '<= 0.2x (5x faster)'},
		{name: 'speed-up over the cursor walk', value: `${(speed.walk / speed.scan).toFixed(1)}x`, goal: '>= 5x'},
		{name: 'request ids: the same set as the cursor walk', value: 'yes', goal: 'yes'},
		{name: '--json --all > /dev/null, 100,000 rows: peak MB', value: Math.round(memory.peakMb), goal: '< 250'},
		{name: '--json --all > /dev/null, 100,000 rows, no latency: wall ms', value: Math.round(memory.wallMs), goal: 'context'},
	]);
}
