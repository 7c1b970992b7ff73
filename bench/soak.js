// `npm run soak [-- --seconds N --seed S]`: random keys into the explorer for a
// while, against emulators that misbehave in turn, behind a switching proxy.
// Reports crashes (must be 0), the explorer's memory at start and end, and the
// requests it made. Not part of `npm test`; exits 1 on any crash or hang.
import {once} from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {cli, startEmulator} from './lib.js';
import {spawnTimed} from './terminal.js';

const {values: options} = parseArgs({
	options: {
		/** How long keys are typed. Default 60. */
		seconds: {type: 'string', default: '60'},
		/** Seed of the keys and of the fault schedule. Default 1. */
		seed: {type: 'string', default: '1'},
	},
});
const seconds = Number(options.seconds);
const seed = Number(options.seed);
if (!(seconds > 0) || !Number.isInteger(seed)) {
	console.error('soak: --seconds must be a number above 0 and --seed a whole number.');
	process.exit(2);
}

const demoKey = 'fal_demo_key_0000';
const cols = 110;
const rows = 32;
/** How long each phase of the schedule lasts, at least and at most, in ms. */
const phaseMs = [1500, 5000];
/** Added by the proxy in the slow phase. */
const slowMs = 2000;

/** mulberry32: a small seeded generator, so a run can be repeated. */
function random(state) {
	return () => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const rand = random(seed);
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
const pick = items => items[Math.floor(rand() * items.length)];

// Each phase sends every request to one emulator; 'slow' is the healthy one behind 2 s of added latency.
// The healthy one has new requests arriving while the explorer pages.
const phases = [
	{name: 'healthy', args: ['--fault', 'new:3'], weight: 6},
	{name: 'slow', backend: 'healthy', weight: 2},
	{name: '500 json', args: ['--fault', '500:inf:json'], weight: 1},
	{name: '502 html', args: ['--fault', '502:inf'], weight: 1},
	{name: '503 empty', args: ['--fault', '503:inf:empty'], weight: 1},
	{name: '504 json', args: ['--fault', '504:inf:json'], weight: 1},
	{name: '429 Retry-After 1', args: ['--fault', '429:inf:1'], weight: 1},
	{name: '429', args: ['--fault', '429:inf'], weight: 1},
	{name: 'drop', args: ['--fault', 'drop:inf'], weight: 1},
	{name: 'truncate', args: ['--fault', 'truncate:inf'], weight: 1},
	{name: 'locked', args: ['--fault', 'locked:inf'], weight: 1},
	{name: 'hostile', args: ['--fault', 'hostile:inf'], weight: 1},
];

function pickPhase() {
	const total = phases.reduce((sum, phase) => sum + phase.weight, 0);
	let left = rand() * total;
	return phases.find(phase => (left -= phase.weight) < 0) ?? phases[0];
}

// Keys a user presses, weighted; not q or Ctrl-c (they quit: the soak quits once, at the end).
// o/O hand the terminal to PAGER/EDITOR, which are `true` here.
const keys = [
	...Array(8).fill('j'), ...Array(3).fill('k'), '\u001B[B', '\u001B[A', '\u001B[6~', '\u001B[5~', '\u0004', '\u0015',
	'g', 'G', 'G', '\r', '\r', '\u001B', '\u001B', '\t', '\u001B[Z', 'e', 'E', '1', '2', '3', '4', 'r', 'r', '?',
	'u', 'x', 'f', 't', 'T', 'C', 'y', 'Y', 's', 'o', 'O', 'h', 'l', '-', ' ', 'n', 'N', '/', 'a', '\u007F',
];

/** Where a stack trace would show: Node's `at f (file:1:2)`, Ink's error overview, a bare path:line:column. */
const stackOnScreen = /^\s*at \S.*:\d+:\d+\)?$|node:internal|file:\/\/\/|\.(js|ts|tsx):\d+:\d+/m;

function rssMb(pid, field = 'VmRSS') {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
	} catch {
		return Number.NaN;
	}
}

/** A proxy in front of the emulators: forwards each request to the current phase's emulator, counting. */
function startProxy(backends, current) {
	const counts = {total: 0, byPhase: {}, byStatus: {}};
	const server = http.createServer((request, response) => {
		const phase = current();
		counts.total++;
		counts.byPhase[phase.name] = (counts.byPhase[phase.name] ?? 0) + 1;
		const target = new URL(backends.get(phase.backend ?? phase.name));
		let isClosed = false;
		request.once('close', () => {
			isClosed = request.destroyed || response.destroyed;
		});
		const forward = () => {
			if (isClosed || response.destroyed) {
				return;
			}

			const upstream = http.request(
				{host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers},
				answer => {
					counts.byStatus[answer.statusCode] = (counts.byStatus[answer.statusCode] ?? 0) + 1;
					response.writeHead(answer.statusCode, answer.headers);
					answer.pipe(response);
					// A connection the emulator drops mid-body is dropped on to the explorer.
					answer.once('aborted', () => response.destroy());
					answer.once('error', () => response.destroy());
				},
			);
			upstream.once('error', () => response.destroy());
			response.once('close', () => upstream.destroy());
			upstream.end();
		};

		if (phase.name === 'slow') {
			setTimeout(forward, slowMs);
		} else {
			forward();
		}
	});
	server.listen(0, '127.0.0.1');
	return {server, counts};
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-soak-'));
const emulators = new Map();
console.log(`falreq soak: ${seconds} s of random keys, seed ${seed}, ${cols}x${rows}, on ${process.version}`);
await Promise.all(phases.filter(phase => phase.args).map(async phase => {
	emulators.set(phase.name, await startEmulator(['--requests', '5000', ...phase.args]));
}));

let phase = phases[0];
const backends = new Map([...emulators].map(([name, emulator]) => [name, emulator.url]));
const proxy = startProxy(backends, () => phase);
await once(proxy.server, 'listening');
const proxyUrl = `http://127.0.0.1:${proxy.server.address().port}/v1`;

const env = {FAL_KEY: demoKey, PAGER: 'true', EDITOR: 'true', TMPDIR: work, XDG_CONFIG_HOME: path.join(work, 'config'), HOME: work};
const args = [cli, '--api-url', proxyUrl, '-e', 'fal-ai/flux/dev,fal-ai/fast-sdxl,acme/upscaler', '--limit', '25'];

let crashes = 0;
const crashReports = [];
let explorer;
let isStopping = false;

/** Starts the explorer; an exit the soak did not ask for counts as a crash, and the loop starts another. */
function launch() {
	const child = spawnTimed(process.execPath, args, {cols, rows, env});
	child.hasExited = false;
	child.exited.then(({exitCode, signal}) => {
		child.hasExited = true;
		if (!isStopping && child === explorer) {
			crashes++;
			crashReports.push(`exited (code ${exitCode}${signal ? `, signal ${signal}` : ''}) in phase ${phase.name}. Screen:\n${child.screen()}`);
		}
	});
	return child;
}

process.chdir(work);
explorer = launch();
await explorer.waitFor(/rows?, (more available|all loaded)/, 30_000);
const startRss = rssMb(explorer.pid);
const firstPid = explorer.pid;
const started = Date.now();
let phaseEnds = started + phaseMs[0] + rand() * (phaseMs[1] - phaseMs[0]);
const phaseLog = [phase.name];
let presses = 0;
let lastScreenCheck = 0;

while (Date.now() - started < seconds * 1000) {
	if (Date.now() > phaseEnds) {
		phase = pickPhase();
		phaseLog.push(phase.name);
		phaseEnds = Date.now() + phaseMs[0] + rand() * (phaseMs[1] - phaseMs[0]);
	}

	if (explorer.hasExited) {
		explorer.dispose();
		explorer = launch();
		await explorer.waitFor(/Requests/, 30_000).catch(() => undefined);
	}

	explorer.write(pick(keys));
	presses++;
	if (Date.now() - lastScreenCheck > 250) {
		lastScreenCheck = Date.now();
		const screen = explorer.screen();
		if (stackOnScreen.test(screen)) {
			crashes++;
			crashReports.push(`a stack trace on screen in phase ${phase.name}:\n${screen}`);
			const crashed = explorer;
			explorer = launch();
			crashed.dispose();
		}
	}

	// eslint-disable-next-line no-await-in-loop -- paced like a fast typist: 20 to 120 ms between keys
	await pause(20 + rand() * 100);
}

// The API behaves again: the explorer must still answer (help opens) and quit cleanly.
phase = phases[0];
const endRss = rssMb(explorer.pid);
const peakRss = rssMb(explorer.pid, 'VmHWM');
let hangs = 0;
// Esc backs out of whatever the keys left open (a prompt, an overlay, the detail pane), one level at a time.
for (let step = 0; step < 4; step++) {
	explorer.write('\u001B');
	// eslint-disable-next-line no-await-in-loop -- pacing, so Ink reads each Esc on its own
	await pause(300);
}

explorer.write('?');
const isResponsive = await explorer.waitFor(/copy the request id/, 10_000).then(() => true, () => false);
if (!isResponsive) {
	hangs++;
	crashReports.push(`no help overlay within 10 s of ? at the end. Screen:\n${explorer.screen()}`);
}

isStopping = true;
explorer.write('\u001B');
await pause(300);
explorer.write('q');
const quit = await Promise.race([explorer.exited, pause(10_000)]);
if (quit?.exitCode !== 0) {
	hangs++;
	crashReports.push(`q at the end did not exit 0 within 10 s (${quit === undefined ? 'still running' : `code ${quit.exitCode}`}). Screen:\n${explorer.screen()}`);
}

explorer.dispose();
proxy.server.close();
proxy.server.closeAllConnections();
await Promise.all([...emulators.values()].map(emulator => emulator.stop()));
process.chdir(os.tmpdir());
fs.rmSync(work, {recursive: true, force: true});

const byStatus = Object.entries(proxy.counts.byStatus).sort().map(([status, count]) => `${status}: ${count}`).join(', ');
const byPhase = Object.entries(proxy.counts.byPhase).sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name}: ${count}`).join(', ');
console.log(`
crashes:         ${crashes}
hangs:           ${hangs}
keys pressed:    ${presses}
phases:          ${phaseLog.length} (${[...new Set(phaseLog)].length} kinds)
memory (RSS):    ${startRss.toFixed(1)} MB at start, ${endRss.toFixed(1)} MB at end, ${peakRss.toFixed(1)} MB peak${explorer.pid === firstPid ? '' : ' (of the last explorer started)'}
requests made:   ${proxy.counts.total}
  by phase:      ${byPhase}
  by status:     ${byStatus}`);
for (const report of crashReports) {
	console.log(`\n${report}`);
}

process.exitCode = crashes + hangs > 0 ? 1 : 0;
