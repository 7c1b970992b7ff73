// A pseudo-terminal for the benchmarks: spawn a program, render what it
// writes with xterm, and time when the screen first matches something.
import {createRequire} from 'node:module';
import xterm from '@xterm/headless';

const require = createRequire(import.meta.url);
const pty = require('@lydell/node-pty');

export function spawnTimed(file, args, {cols = 120, rows = 40, env = {}} = {}) {
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	const started = performance.now();
	const child = pty.spawn(file, args, {
		cols,
		rows,
		name: 'xterm-256color',
		env: {PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env},
	});
	let bytes = 0;
	let output = '';
	let lastDataAt = started;
	const waiters = new Set();
	const watchers = new Set();
	let exitCode;
	child.onData(data => {
		bytes += Buffer.byteLength(data);
		output += data;
		lastDataAt = performance.now();
		terminal.write(data, () => {
			for (const waiter of waiters) {
				waiter.check();
			}

			for (const watcher of watchers) {
				watcher();
			}
		});
	});
	child.onExit(({exitCode: code}) => {
		exitCode = code;
		for (const waiter of waiters) {
			waiter.fail(new Error(`exited ${code} while waiting for ${waiter.what}:\n${screen()}`));
		}
	});

	function screen() {
		const buffer = terminal.buffer.active;
		const lines = [];
		for (let y = 0; y < rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	}

	/** Resolves with ms since spawn once the screen matches; the time is that of the data that made it match. */
	function waitFor(what, timeoutMs = 60_000) {
		const test = typeof what === 'function' ? what : text => (typeof what === 'string' ? text.includes(what) : what.test(text));
		return new Promise((resolve, reject) => {
			const waiter = {
				what: String(what),
				check() {
					if (test(screen())) {
						clearTimeout(timer);
						waiters.delete(waiter);
						resolve(lastDataAt - started);
					}
				},
				fail(error) {
					clearTimeout(timer);
					waiters.delete(waiter);
					reject(error);
				},
			};
			const timer = setTimeout(() => waiter.fail(new Error(`timed out waiting for ${waiter.what}:\n${screen()}`)), timeoutMs);
			waiters.add(waiter);
			if (exitCode === undefined) {
				waiter.check();
			} else {
				waiter.fail(new Error(`already exited ${exitCode}`));
			}
		});
	}

	return {
		pid: child.pid,
		screen,
		waitFor,
		/** Counts the writes after which the screen matches `test`, until the returned stop() is called. */
		count(test) {
			let matches = 0;
			const watcher = () => {
				if (test(screen())) {
					matches++;
				}
			};

			watchers.add(watcher);
			return () => {
				watchers.delete(watcher);
				return matches;
			};
		},
		/** Resizes the pseudo-terminal and the rendering xterm alike. */
		resize(newCols, newRows) {
			child.resize(newCols, newRows);
			terminal.resize(newCols, newRows);
			cols = newCols;
			rows = newRows;
		},
		write: data => child.write(data),
		/** Bytes written by the program so far. */
		bytes: () => bytes,
		/** Everything written from character `from` of the output on (give it a `mark()`). */
		since: from => output.slice(from),
		mark: () => output.length,
		/** Ms since spawn, on the clock waitFor answers in. */
		elapsed: () => performance.now() - started,
		/** Resolves with the time (ms from now) until the program next writes. */
		nextWrite(timeoutMs = 5000) {
			const from = performance.now();
			const before = bytes;
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no frame written')), timeoutMs);
				const sub = child.onData(() => {
					if (bytes > before) {
						clearTimeout(timer);
						sub.dispose();
						resolve(performance.now() - from);
					}
				});
			});
		},
		/** Resolves once nothing has been written for quietMs (benchmark pacing, not test synchronisation). */
		async settle(quietMs = 60) {
			while (performance.now() - lastDataAt < quietMs) {
				await new Promise(resolve => setTimeout(resolve, quietMs));
			}
		},
		kill(signal = 'SIGTERM') {
			if (exitCode === undefined) {
				child.kill(signal);
			}
		},
		exited: new Promise(resolve => {
			child.onExit(resolve);
		}),
		dispose() {
			this.kill('SIGKILL');
			terminal.dispose();
		},
	};
}

/** Peak resident memory (VmHWM) of a live process, in MB. */
export async function peakMemoryMb(pid) {
	const {readFile} = await import('node:fs/promises');
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
	return kb / 1024;
}
