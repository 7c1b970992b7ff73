// Shared pieces of the benchmarks: processes, timing, memory and printing.
import {spawn} from 'node:child_process';
import {once} from 'node:events';

export const cli = new URL('../dist/cli.js', import.meta.url).pathname;

/** Runs a command under /usr/bin/time and returns wall seconds and peak RSS (MB) of its largest process. */
export async function measure(command, args, {env = {}, stdout = 'ignore'} = {}) {
	const child = spawn('/usr/bin/time', ['-f', '%e %M', command, ...args], {
		env: {...process.env, ...env},
		stdio: ['ignore', stdout, 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += chunk;
	});
	const started = process.hrtime.bigint();
	const [code] = await once(child, 'exit');
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const last = stderr.trim().split('\n').at(-1) ?? '';
	const [, rssKb] = last.split(' ').map(Number);
	if (code !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
	}

	return {wallMs, peakMb: rssKb / 1024};
}

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `work` once: its result and how long it took. */
export function time(work) {
	const started = performance.now();
	const result = work();
	return {ms: performance.now() - started, result};
}

/** Milliseconds to one decimal, for the tables. */
export const round = value => Math.round(value * 10) / 10;

export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Alternates the two commands run by run, so drift on a noisy machine hits both alike. */
export async function sideBySide(runs, first, second) {
	const a = [];
	const b = [];
	for (let run = 0; run < runs; run++) {
		a.push(await first());
		b.push(await second());
	}

	return [a, b];
}

/** Starts `falreq emulator` as its own process, so its work is not counted in falreq's figures. */
export async function startEmulator(args = []) {
	const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', ...args], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	const url = await new Promise((resolve, reject) => {
		child.stdout.on('data', chunk => {
			output += chunk;
			const match = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(output);
			if (match) {
				resolve(match[0]);
			}
		});
		child.once('exit', code => reject(new Error(`the emulator exited (${code}) before listening: ${output}`)));
	});
	return {
		url,
		async stop() {
			child.kill('SIGTERM');
			await once(child, 'exit');
		},
	};
}

export function row(name, value, baseline, goal) {
	const ratio = baseline ? (value / baseline).toFixed(2) + 'x' : '';
	return {name, value, baseline, ratio, goal};
}

/** Prints one section as an aligned table: figure, falreq, baseline, ratio, goal. */
export function printTable(title, rows) {
	const header = ['figure', 'falreq', 'baseline', 'ratio', 'goal'];
	const cells = rows.map(r => [r.name, String(r.value), r.baseline === undefined ? '' : String(r.baseline), r.ratio ?? '', r.goal ?? '']);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)));
	const line = c => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
	console.log(`\n## ${title}\n`);
	console.log(line(header));
	for (const c of cells) {
		console.log(line(c));
	}
}
