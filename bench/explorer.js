// Issue 3's, 6's and 12's explorer figures, in a pseudo-terminal of 120x40 against
// the emulator running as its own process: start-up beside a minimal bundled Ink
// app (and beside Ink drawing the same first screen), key latency, bytes per
// cursor move, memory with 100,000 rows, key latency in follow mode and in the
// failure groups view, loading rows.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {bundleOptions} from '../scripts/bundle-options.js';
import {inkPlugins} from '../scripts/ink-plugins.js';
import {cli, median, percentile, printTable, row, startEmulator} from './lib.js';
import {peakMemoryMb, spawnTimed} from './terminal.js';

const demoKey = 'fal_demo_key_0000';
const endpoint = 'fal-ai/flux/dev';
/** Every endpoint of the emulator: 100,000 rows of one endpoint would need a far bigger dataset. */
const allEndpoints = [
	'fal-ai/flux/dev',
	'fal-ai/flux/schnell',
	'fal-ai/flux-pro/v1.1-ultra',
	'fal-ai/fast-sdxl',
	'fal-ai/kling-video/v2/master/text-to-video',
	'acme/upscaler/turbo',
	'acme/upscaler/hd',
].join(',');
const latencyMs = 150;
const startRuns = 9;
const moves = 150;
/** Cursor keys pressed in follow mode: about 16 s of them, so that three polls (one each 5 s) land among them. */
const followPresses = 120;
/** Cursor keys pressed in the failure groups view, from its opening on: outputs arrive for the first seconds. */
const groupPresses = 60;
/** Pacing between key presses: longer than Ink's 30 fps throttle and shorter than the payload debounce. */
const pressGapMs = 60;
const rowsText = /([\d,]+) rows?, (more available|all loaded|loading more…)/;
/** The list pane's footer while a page is on its way (the title says "loading more…", the detail pane "… loading the payloads"). */
const loadingRow = /… loading (more|requests)/;
/** The list's share of a 120-column screen: the detail pane beside it is not looked at. */
const listColumns = Math.floor(120 * 0.55);

/** Lets a timed section wait for the clock without standing in for synchronisation. */
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

const round = value => Math.round(value * 10) / 10;

/** The cursor is on the first row: the line under the column header starts with the cursor mark. */
function isAtFirstRow(screen) {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^ +ended \((local|UTC)\) +endpoint/.test(line));
	return header >= 0 && lines[header + 1]?.startsWith('›');
}

function loadedRows(screen) {
	const match = rowsText.exec(screen);
	return match ? Number(match[1].replaceAll(',', '')) : 0;
}

/** The explorer in a pseudo-terminal against `url`, with a config directory of its own. */
function explorer(url, configHome, {args = ['-e', endpoint], env = {}} = {}) {
	return spawnTimed(process.execPath, [cli, '--limit', '100', ...args], {
		env: {FAL_KEY: demoKey, FALREQ_API_URL: url, XDG_CONFIG_HOME: configHome, ...env},
	});
}

/** Bundles bench/`name`.tsx as the CLI is bundled, with the same Ink modules replaced. */
async function bundleInkApp(directory, name) {
	const outfile = path.join(directory, `${name}.js`);
	await build({...bundleOptions, entryPoints: [new URL(`${name}.tsx`, import.meta.url).pathname], outfile, plugins: inkPlugins});
	return outfile;
}

/** Process start to the Ink app's first frame showing `text`. */
async function timeInkApp(file, text, env) {
	const app = spawnTimed(process.execPath, [file], {env});
	try {
		return await app.waitFor(text);
	} finally {
		app.dispose();
	}
}

/** The lines of falreq's first frame with rows, for the full-screen baseline to draw. */
async function captureFirstScreen(url, configHome, file) {
	const app = explorer(url, configHome);
	try {
		await app.waitFor(screen => loadedRows(screen) > 0);
		const lines = app.screen().split('\n');
		while (lines.at(-1) === '') {
			lines.pop();
		}

		await writeFile(file, JSON.stringify(lines));
	} finally {
		app.dispose();
	}
}

/** Process start to the first frame, and to the first frame showing rows. */
async function timeExplorer(url, configHome) {
	const app = explorer(url, configHome);
	try {
		const frame = await app.waitFor('Requests');
		const rows = await app.waitFor(screen => loadedRows(screen) > 0);
		return {frame, rows};
	} finally {
		app.dispose();
	}
}

/** Presses `count` keys, one at a time, taken in turn from `keys`; returns each press's time to the next write and the bytes written. */
async function pressTimed(app, keys, count) {
	const latencies = [];
	const bytes = [];
	for (let press = 0; press < count; press++) {
		await app.settle(pressGapMs);
		const before = app.bytes();
		const written = app.nextWrite();
		const pressedAt = performance.now();
		app.write(keys[press % keys.length]);
		latencies.push(await written);
		await sleep(Math.max(0, pressGapMs - (performance.now() - pressedAt)));
		bytes.push(app.bytes() - before);
	}

	return {latencies, bytes};
}

/** Presses G until at least `target` rows are loaded: each G reaches the end, which fetches the next page. */
async function loadRows(app, target) {
	await app.waitFor(screen => loadedRows(screen) > 0);
	// Pressed on a clock rather than per page: a G while a page is on its way changes nothing.
	const timer = setInterval(() => app.write('G'), 15);
	try {
		await app.waitFor(screen => loadedRows(screen) >= target && !screen.includes('loading more'), 600_000);
	} finally {
		clearInterval(timer);
	}
}

async function benchStartup(directory) {
	const configHome = path.join(directory, 'config');
	const minimal = await bundleInkApp(directory, 'minimal-ink');
	const fullScreen = await bundleInkApp(directory, 'full-screen-ink');
	const screenFile = path.join(directory, 'screen.json');
	const slow = await startEmulator(['--latency', String(latencyMs), '--requests', '100000']);
	const fast = await startEmulator(['--requests', '100000']);
	try {
		await captureFirstScreen(fast.url, configHome, screenFile);
		const baseline = [];
		const screenBaseline = [];
		const withLatency = [];
		const withoutLatency = [];
		for (let run = 0; run < startRuns; run++) {
			baseline.push(await timeInkApp(minimal, 'minimal ink app'));
			screenBaseline.push(await timeInkApp(fullScreen, rowsText, {FALREQ_BENCH_SCREEN: screenFile}));
			withLatency.push(await timeExplorer(slow.url, configHome));
			withoutLatency.push(await timeExplorer(fast.url, configHome));
		}

		const base = Math.round(median(baseline));
		const screenBase = Math.round(median(screenBaseline));
		const frame = Math.round(median(withLatency.map(t => t.frame)));
		const rows = Math.round(median(withLatency.map(t => t.rows)));
		const rowsFast = Math.round(median(withoutLatency.map(t => t.rows)));
		printTable(`explorer start-up, ms from process start (median of ${startRuns}, side by side)`, [
			{...row('first frame (emulator +150 ms)', frame, base), goal: '<= 1.3x minimal Ink app'},
			{...row('first frame with rows (emulator +150 ms)', rows, frame + latencyMs), goal: `<= first frame + ${latencyMs} + 50 ms`},
			{...row('first frame with rows (emulator, no latency)', rowsFast, base), goal: '<= 1.15x minimal Ink app (issue 6)'},
			{...row('the same, beside Ink drawing that screen as plain text', rowsFast, screenBase), goal: "none named: falreq's cost beyond Ink's own"},
		]);
	} finally {
		await slow.stop();
		await fast.stop();
	}
}

const modes = {diffed: {}, full: {FALREQ_FULL_REDRAW: '1'}};

/**
 * Follow mode with the rows loaded: cursor keys (j and k in turn) for long
 * enough that several polls land among them, each putting the requests that
 * ended meanwhile on top of every row loaded.
 */
async function pressWhileFollowing(app) {
	app.write('f');
	await app.waitFor(/following/);
	const before = loadedRows(app.screen());
	const {latencies} = await pressTimed(app, 'jk', followPresses);
	return {latencies, added: loadedRows(app.screen()) - before};
}

/** Key latency, bytes per cursor move and peak memory with `target` rows loaded, once per drawing mode; then, if asked, in follow mode. */
/** The failure groups view opened on the rows loaded: cursor keys while the outputs of the failed rows come in. */
async function pressInGroups(app) {
	app.write('x');
	await app.waitFor(/Failure groups: [1-9]/);
	const {latencies} = await pressTimed(app, 'jk', groupPresses);
	return {latencies, summary: /Failure groups: .*failed rows read\)/.exec(app.screen())?.[0] ?? ''};
}

async function benchMoves(url, configHome, target, {args, modeNames, isFollowed = false}) {
	const results = {};
	for (const name of modeNames) {
		const app = explorer(url, configHome, {args, env: modes[name]});
		try {
			await loadRows(app, target);
			const loaded = loadedRows(app.screen());
			await app.settle(300);
			app.write('g');
			await app.waitFor(isAtFirstRow);
			await app.settle(300);
			const peakMb = await peakMemoryMb(app.pid);
			results[name] = {...(await pressTimed(app, 'j', moves)), loaded, peakMb};
			if (isFollowed) {
				results[name].following = await pressWhileFollowing(app);
				results[name].groups = await pressInGroups(app);
			}
		} finally {
			app.dispose();
		}
	}

	return results;
}

function printMoves(small, big) {
	const p = (r, q) => round(percentile(r.latencies, q));
	// From the first row, the first 30 moves stay inside the window (about 33 rows at 120x40); from the 40th on, each scrolls it.
	const inside = r => Math.round(median(r.bytes.slice(0, 30)));
	const scrolling = r => Math.round(median(r.bytes.slice(40)));
	printTable(`cursor moves (j, ${moves} presses each; baseline: the same build drawing every frame in full, FALREQ_FULL_REDRAW=1)`, [
		{...row('key to frame written, p50 ms, 1,000 rows', p(small.diffed, 50), p(small.full, 50)), goal: '< 10 ms'},
		{...row('key to frame written, p95 ms, 1,000 rows', p(small.diffed, 95), p(small.full, 95)), goal: '< 16 ms'},
		{...row(`key to frame written, p50 ms, ${big.diffed.loaded.toLocaleString('en-US')} rows`, p(big.diffed, 50), p(small.full, 50)), goal: '< 10 ms'},
		{...row(`key to frame written, p95 ms, ${big.diffed.loaded.toLocaleString('en-US')} rows`, p(big.diffed, 95), p(small.full, 95)), goal: '< 16 ms'},
		{...row('bytes per cursor move inside the list window (median)', inside(small.diffed), inside(small.full)), goal: '< 40 % of a full redraw'},
		{...row('bytes per cursor move scrolling the list (median)', scrolling(small.diffed), scrolling(small.full)), goal: '< 40 % of a full redraw'},
		{...row(`peak MB, ${big.diffed.loaded.toLocaleString('en-US')} rows loaded (baseline: 1,000 rows)`, Math.round(big.diffed.peakMb), Math.round(small.diffed.peakMb)), goal: '< 200 MB'},
	]);
	const {following} = big.diffed;
	const longest = r => round(Math.max(...r.latencies));
	printTable(`follow mode, ${big.diffed.loaded.toLocaleString('en-US')} rows loaded (j and k, ${followPresses} presses while polls put ${following.added} new rows on top; baseline: the cursor moves above, not following)`, [
		{...row('key to frame written, p95 ms', p(following, 95), p(big.diffed, 95)), goal: '< 16 ms, as when not following'},
		{...row('key to frame written, longest, ms', longest(following), longest(big.diffed)), goal: 'none named'},
	]);
	const {groups} = big.diffed;
	printTable(`failure groups view, ${big.diffed.loaded.toLocaleString('en-US')} rows loaded (j and k, ${groupPresses} presses from its opening; ${groups.summary}; baseline: the cursor moves above)`, [
		{...row('key to frame written, p95 ms', p(groups, 95), p(big.diffed, 95)), goal: '< 16 ms, as in the list'},
		{...row('key to frame written, longest, ms', longest(groups), longest(big.diffed)), goal: 'none named'},
	]);
}

/** Scrolls `count` rows at `perSecond` against the slow emulator and counts frames showing a loading row. */
async function benchScroll(configHome, count, perSecond) {
	const emulator = await startEmulator(['--latency', String(latencyMs), '--requests', '100000']);
	const app = explorer(emulator.url, configHome);
	try {
		await app.waitFor(screen => loadedRows(screen) > 0);
		const stop = app.count(screen => screen.split('\n').some(line => loadingRow.test(line.slice(0, listColumns))));
		const started = performance.now();
		for (let press = 1; press <= count; press++) {
			app.write('j');
			await sleep(Math.max(0, started + (press * 1000) / perSecond - performance.now()));
		}

		await app.settle(300);
		const frames = stop();
		printTable(`scrolling ${count.toLocaleString('en-US')} rows at ${perSecond} rows/s (emulator +${latencyMs} ms)`, [
			{name: 'frames showing a loading row', value: frames, goal: '0'},
			{name: 'rows loaded at the end', value: loadedRows(app.screen())},
		]);
	} finally {
		app.dispose();
		await emulator.stop();
	}
}

/** A config directory of the bench's own, so the user's remembered filters are neither read nor changed. */
async function inTemporaryDirectory(run) {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'falreq-bench-'));
	try {
		return await run(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

/** Start-up beside a minimal Ink app, and beside Ink drawing falreq's first screen, both bundled here like the CLI. */
export async function benchExplorerStartup() {
	await inTemporaryDirectory(benchStartup);
}

/** Key latency and bytes per cursor move with 1,000 and 100,000 rows loaded, and peak memory. */
export async function benchExplorerMoves() {
	await inTemporaryDirectory(async directory => {
		const configHome = path.join(directory, 'config');
		const slow = await startEmulator(['--latency', String(latencyMs), '--requests', '100000']);
		let small;
		try {
			small = await benchMoves(slow.url, configHome, 1000, {modeNames: ['diffed', 'full']});
		} finally {
			await slow.stop();
		}

		const large = await startEmulator(['--requests', '150000']);
		try {
			const big = await benchMoves(large.url, configHome, 100_000, {args: ['-e', allEndpoints, '--since', '7d'], modeNames: ['diffed'], isFollowed: true});
			printMoves(small, big);
		} finally {
			await large.stop();
		}
	});
}

/** Ink starts each frame on a terminal with this (synchronized output), so frames can be counted in what was written. */
const frameStart = '\u001B[?2026h';
const burstKeys = 30;
const burstRuns = 20;

/** The cursor mark on the `n`th list row (from 1) on screen. */
/** How many request rows the list shows: those under its column titles. */
function listRowsShown(screen) {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^ +ended \((local|UTC)\) +endpoint/.test(line));
	return lines.slice(header + 1).filter(line => /^[› ][ *](\d\d-\d\d |running )/.test(line)).length;
}

function isCursorOnRow(screen, n) {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^ +ended \((local|UTC)\) +endpoint/.test(line));
	return header >= 0 && lines[header + n]?.startsWith('›');
}

/**
 * Keys as SSH delivers them in a burst: 30 j in one write, drawn as one
 * frame, against one j alone. From the first row, 30 j scroll the list by a
 * row; so does the lone j, pressed on the last row shown.
 */
async function benchBurst(url, configHome) {
	const app = explorer(url, configHome);
	const bursts = [];
	const singles = [];
	try {
		await loadRows(app, 1000);
		// At 120x40 the list shows about 30 rows: 30 j from the first row put the cursor on the last one shown, the list scrolled.
		const rowsShown = listRowsShown(app.screen());
		for (let run = 0; run < burstRuns; run++) {
			app.write('g');
			await app.waitFor(isAtFirstRow);
			await app.settle(100);
			const mark = app.mark();
			const sentAt = app.elapsed();
			app.write('j'.repeat(burstKeys));
			const drawnAt = await app.waitFor(screen => isCursorOnRow(screen, rowsShown));
			// The frames up to the one that shows the cursor where the burst took it; later ones (its payload) are not the burst's.
			bursts.push({ms: drawnAt - sentAt, frames: app.since(mark).split(frameStart).length - 1});
			await app.settle(100);
			const scrolled = app.screen();
			app.write('j');
			const singleAt = app.elapsed();
			singles.push((await app.waitFor(screen => isCursorOnRow(screen, rowsShown) && screen !== scrolled)) - singleAt);
			await app.settle(100);
		}
	} finally {
		app.dispose();
	}

	const ms = bursts.map(burst => burst.ms);
	printTable(`a burst of ${burstKeys} j in one write, ${burstRuns} times, 1,000 rows loaded (baseline: one j alone, scrolling the list by a row as the burst does)`, [
		{...row('frames drawn per burst, most', Math.max(...bursts.map(burst => burst.frames)), 1), goal: '1'},
		{...row('burst arrival to its frame, p50 ms', round(percentile(ms, 50)), round(percentile(singles, 50))), goal: '<= 20 ms'},
		{...row('burst arrival to its frame, p95 ms', round(percentile(ms, 95)), round(percentile(singles, 95))), goal: '<= 20 ms'},
	]);
}

/** A burst of keys in one write: frames drawn and time to the frame. */
export async function benchExplorerBurst() {
	await inTemporaryDirectory(async directory => {
		const emulator = await startEmulator(['--requests', '100000']);
		try {
			await benchBurst(emulator.url, path.join(directory, 'config'));
		} finally {
			await emulator.stop();
		}
	});
}

/** Frames showing a loading row while scrolling 2,000 rows at 30 rows/s. */
export async function benchExplorerScroll() {
	await inTemporaryDirectory(async directory => benchScroll(path.join(directory, 'config'), 2000, 30));
}
