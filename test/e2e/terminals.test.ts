/**
 * The explorer in the terminals its users have: small, standard and large
 * sizes, no colour, inside tmux, over SSH, and given back as it was found
 * however the explorer ends.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import type {ApiClient} from '../../source/api/client.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {runExplorer} from '../../source/explorer.js';
import {loaded} from '../helpers/explorer.js';
import {inBothModes} from '../helpers/modes.js';
import {awaitIdle, cliPath, disposeRuns, projectRoot, spawnCli, spawnInPty, typeScript, type CliRun, type SpawnOptions, type Typing} from '../helpers/pty.js';
import {secretKey} from '../helpers/secrets.js';
import {sshClients, startSshServer} from '../helpers/ssh.js';
import {FakeStdin, FakeStdout} from '../views/harness.js';
import {recordOutput} from '../setup/record-output.js';

const endpoint = 'fal-ai/flux/dev';
const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';
const execFileAsync = promisify(execFile);
/** For the tests that type no key: the others run against an emulator of their own per typing mode. */
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']}});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(disposeRuns);

function explorerArgs(on = emulator): string[] {
	return ['--api-url', on.url, '-e', endpoint];
}

function explore(options: SpawnOptions = {}): CliRun {
	return spawnCli(explorerArgs(), {...options, env: {FAL_KEY: secretKey, ...options.env}});
}

/** SGR sequences that set a colour (foreground, background, 256 or RGB), as opposed to bold or inverse. */
function colourSequences(output: string): string[] {
	return [...output.matchAll(/\u001B\[([\d;:]*)m/g)]
		.map(match => match[1]!)
		.filter(parameters => parameters.split(/[;:]/).some(parameter => /^(3[0-9]|4[0-9]|9[0-7]|10[0-7])$/.test(parameter)));
}

/** The screen fits: no line longer than the terminal, and the frame is a line shorter than it so Ink never redraws it whole. */
function expectFits(run: CliRun, cols: number, rows: number): void {
	const lines = run.screen().split('\n');
	expect(lines).toHaveLength(rows);
	expect(lines.every(line => line.length <= cols), run.screen()).toBe(true);
	expect(lines.at(-1)).toBe('');
}

describe.each([
	{cols: 80, rows: 24},
	{cols: 40, rows: 12},
	{cols: 200, rows: 60},
])('at $cols x $rows', ({cols, rows}) => {
	it('shows rows, the filters and the keys, within the screen', async () => {
		const run = explore({cols, rows});
		await run.waitForText('more available');
		await run.waitFor(screen => /\d{3} (ok|usr|ERR)/.test(screen) && screen.includes('move down'));
		expectFits(run, cols, rows);
		expect(run.screen()).toContain(endpoint.slice(0, 10));
		if (cols >= 100) {
			// Wide enough for the detail pane beside the list, with the payload of the selected row.
			await run.waitForText('"input"', 10_000);
			expectFits(run, cols, rows);
		}
	});
});

describe('a terminal below the minimum', () => {
	it('says it is too small, keeps what was loaded, and comes back when the window grows', async () => {
		const firstPages = (): number => emulator.log.filter(entry => entry.query['cursor'] === undefined).length;
		const run = explore();
		await run.waitForText('more available');
		const before = loaded(run.screen());
		const asked = firstPages();
		for (const [cols, rows] of [[39, 12], [40, 11], [20, 6]] as const) {
			run.resize(cols, rows);
			// The message wraps at the terminal's width.
			await run.waitFor(screen => screen.replaceAll('\n', ' ').includes(`too small (${cols}x${rows})`));
			expect(run.screen().split('\n').every(line => line.length <= cols)).toBe(true);
		}

		run.resize(80, 24);
		await run.waitForText('more available');
		// Nothing was started again from the top: the rows are the ones loaded before.
		expect(loaded(run.screen())).toBeGreaterThanOrEqual(before);
		expect(firstPages()).toBe(asked);
		expect(run.screen()).not.toContain('too small');
		expectFits(run, 80, 24);
	});

	it('starts small, quits with q, and leaves the terminal as it was', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = spawnCli(explorerArgs(emulator), {cols: 30, rows: 8, env: {FAL_KEY: secretKey}});
			await run.waitForText('too small');
			// The first page and the one fetched ahead of it are in before q, as the screen cannot say so: whether
			// they are asked for before the explorer quits is a race of its own.
			await vi.waitFor(() => expect(emulator.log.map(entry => entry.status)).toEqual([200, 200]), {timeout: 10_000});
			await run.type('q', mode);
			expect(await run.exited).toEqual({exitCode: 0});
			expect(run.output().lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(run.output().lastIndexOf('too small'));
			return run.screen();
		});
	});
});

describe('without colour', () => {
	/** Runs the explorer under `env` (TERM set through env(1): node-pty would put its own name in TERM). */
	function exploreWith(on: Emulator, variables: Record<string, string>): CliRun {
		const assignments = Object.entries(variables).map(([name, value]) => `${name}=${value}`);
		return spawnInPty('/usr/bin/env', [...assignments, process.execPath, cliPath, ...explorerArgs(on)], {env: {FAL_KEY: secretKey}});
	}

	const uncoloured: Array<{name: string; variables: Record<string, string>}> = [
		{name: 'NO_COLOR=1', variables: {NO_COLOR: '1'}},
		{name: 'TERM=dumb', variables: {TERM: 'dumb'}},
	];
	it.each(uncoloured)('$name: no colour sequence, and rows, status and errors still read in words', async ({variables}) => {
		await inBothModes(async ({mode, emulator}) => {
			const run = exploreWith(emulator, variables);
			await run.waitForText('more available');
			// An error row and the cursor marker say what colour would have said.
			await run.type('e', mode);
			await run.waitFor(screen => /^› .*\d{3} (usr|ERR)/m.test(screen));
			expect(run.screen()).toContain(`${endpoint} · last 24h · all statuses`);
			emulator.setFaults({locked: {times: 1}});
			await run.type('3', mode);
			await run.waitForText(/✗ The API refused the key because the account is locked/);
			const screen = run.screen();
			emulator.setFaults({});
			await run.type('q', mode);
			await run.exited;
			expect(colourSequences(run.output())).toEqual([]);
			return screen;
		});
	});

	it('uses colour in a colour terminal, so the check above can fail', async () => {
		const run = explore();
		await run.waitForText('more available');
		expect(colourSequences(run.output()).length).toBeGreaterThan(0);
	});
});

describe('inside tmux', () => {
	let directory: string;

	beforeAll(() => {
		directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-tmux-'));
		// tmux takes a plain OSC 52 into its buffer; the passthrough that falreq once relied on alone is off.
		fs.writeFileSync(path.join(directory, 'tmux.conf'), 'set -g set-clipboard on\nset -g allow-passthrough off\nset -g remain-on-exit on\n');
	});

	afterAll(async () => {
		for (const mode of ['paced', 'burst']) {
			await execFileAsync('tmux', ['-S', path.join(directory, `socket-${mode}`), 'kill-server']).catch(() => undefined);
		}

		fs.rmSync(directory, {recursive: true, force: true});
	});

	/** A tmux server of its own for each typing mode, so the two runs do not race to start one. */
	function tmuxFor(mode: Typing) {
		const socket = path.join(directory, `socket-${mode}`);
		const exitFile = path.join(directory, `exit-code-${mode}`);
		async function tmux(...args: string[]): Promise<string> {
			const {stdout} = await execFileAsync('tmux', ['-S', socket, ...args], {
				// FAL_KEY reaches the pane through the server's environment, never through a command line.
				env: {PATH: process.env['PATH'] ?? '', HOME: directory, LANG: 'C.UTF-8', TERM: 'xterm-256color', FAL_KEY: secretKey},
			});
			return stdout;
		}

		/** The pane's text once it matches, polled within a bound. */
		async function waitForPane(isDone: (pane: string) => boolean, timeoutMs = 10_000): Promise<string> {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const pane = await tmux('capture-pane', '-p', '-t', 'falreq');
				if (isDone(pane)) {
					recordOutput('pty', 'tmux capture-pane', pane);
					return pane;
				}

				if (Date.now() > deadline) {
					const state = await tmux('list-panes', '-a', '-F', '#{pane_dead} #{pane_dead_status} #{pane_dead_signal} #{pane_current_command} #{pane_start_command}');
					const stderr = fs.existsSync(`${directory}/stderr-${mode}`) ? fs.readFileSync(`${directory}/stderr-${mode}`, 'utf8') : 'none';
					throw new Error(`Timed out after ${timeoutMs} ms waiting for the tmux pane (${state.trim()}; stderr: ${stderr}). Pane:\n${pane}`);
				}

				await new Promise(resolve => {
					setTimeout(resolve, 50);
				});
			}
		}

		/** Sends a key script as tmux send-keys does: one command per key, once the explorer is idle, when paced; one command for all of it in a burst. */
		async function type(script: string): Promise<void> {
			// The pane runs a shell, which runs the explorer.
			const shell = (await tmux('display-message', '-p', '-t', 'falreq', '#{pane_pid}')).trim();
			const explorer = Number(fs.readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(' ')[0]);
			await typeScript(script, mode, async bytes => {
				await awaitIdle(explorer);
				await tmux('send-keys', '-t', 'falreq', '-H', ...[...Buffer.from(bytes)].map(byte => byte.toString(16)));
			});
		}

		async function start(on: Emulator): Promise<void> {
			// The exit code is written to a file: what tmux shows of a dead pane varies between versions.
			const command = `${[process.execPath, cliPath, ...explorerArgs(on)].map(part => `'${part}'`).join(' ')} 2>'${directory}/stderr-${mode}'; echo $? > '${exitFile}'`;
			await tmux('-f', path.join(directory, 'tmux.conf'), 'new-session', '-d', '-s', 'falreq', '-x', '100', '-y', '30', '-c', projectRoot, command);
		}

		const exitCode = (): string => (fs.existsSync(exitFile) ? fs.readFileSync(exitFile, 'utf8').trim() : '');
		return {tmux, waitForPane, type, start, exitCode};
	}

	it('draws within the pane, answers keys read together (jy copies the row j moved to), and quits cleanly', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const {tmux, waitForPane, type, start, exitCode} = tmuxFor(mode);
			await start(emulator);
			let pane = await waitForPane(text => text.includes('more available') && /\d{3} (ok|usr|ERR)/.test(text));
			const lines = pane.replace(/\n$/, '').split('\n');
			expect(lines.length).toBeLessThanOrEqual(30);
			expect(lines.every(line => line.length <= 100)).toBe(true);
			// Wide enough for the detail pane.
			await waitForPane(text => text.includes('"input"'));
			await type('jy');
			// Copied from the second row, which is selected, with its payloads in.
			const shown = await waitForPane(text => text.includes('Copied the request id (OSC 52 through tmux)') && /^ {2}\d.*\n› /m.test(text) && text.includes('"input"') && !text.includes('loading'));
			// tmux took the plain OSC 52 into its buffer: the id of the request in the detail pane, the one the cursor is on.
			const copied = await tmux('show-buffer');
			expect(copied).toMatch(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/);
			expect(shown).toContain(copied.slice(0, 8));
			await type('q');
			pane = await waitForPane(() => exitCode() !== '');
			expect(exitCode()).toBe('0');
			// The alternate screen was left: the pane shows the shell's screen again, not the explorer.
			expect(pane).not.toContain('Requests');
			// A dead pane says when it died: the explorer's last screen is compared.
			return shown;
		});
	});
});

describe('over SSH', () => {
	const started = startSshServer();
	// Awaited in the test, so a server that cannot start fails it rather than skipping it.
	started.catch(() => undefined);

	afterAll(async () => {
		const server = await started.catch(() => undefined);
		await server?.stop();
	});

	it.each(sshClients)('runs in the remote terminal and copies the request id with OSC 52 through the session (%s client)', async client => {
		const command = [process.execPath, cliPath, ...explorerArgs()].map(part => `'${part}'`).join(' ');
		const run = (await started).ssh(`cd '${projectRoot}' && ${command}`, {client, cols: 100, rows: 30, env: {FAL_KEY: secretKey}});
		await run.waitForText('more available', 15_000);
		expectFits(run, 100, 30);
		await run.write('y');
		await run.waitForText('Copied the request id');
		const copied = /\u001B\]52;c;([A-Za-z\d+/=]+)\u0007/.exec(run.output())?.[1];
		expect(copied).toBeDefined();
		const id = Buffer.from(copied!, 'base64').toString();
		expect(id).toMatch(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/);
		expect(run.screen()).toContain(id.slice(0, 8));
		await run.write('q');
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.output().lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(run.output().lastIndexOf('Requests'));
	});
});

describe('the terminal is given back', () => {
	/** The explorer's pid: the child of the run's shell (found by its HOME; the explorer renames itself, so not by its command line). */
	function explorerPid(run: CliRun): number {
		for (const entry of fs.readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
			try {
				const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
				const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
				if (environ.includes(`HOME=${run.home}`) && argv[0] === '/bin/sh') {
					const children = fs.readFileSync(`/proc/${entry}/task/${entry}/children`, 'utf8').trim().split(' ');
					return Number(children[0]);
				}
			} catch {
				// Gone meanwhile, or not ours to read.
			}
		}

		throw new Error('The shell around the explorer was not found.');
	}

	/** The explorer under a shell that, once it has ended, prints its exit code and the terminal's mode. */
	function exploreThenStty(on = emulator): CliRun {
		const command = [process.execPath, cliPath, ...explorerArgs(on)].map(part => `'${part}'`).join(' ');
		return spawnInPty('/bin/sh', ['-c', `${command}; echo "exited $?"; stty -a`], {env: {FAL_KEY: secretKey}});
	}

	async function expectGivenBack(run: CliRun, code: number): Promise<void> {
		await run.waitForText(/exited \d+/);
		await run.waitForText('icanon');
		const output = run.output();
		const lastFrame = output.lastIndexOf('Requests');
		expect(output.lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(lastFrame);
		expect(output.lastIndexOf(showCursor)).toBeGreaterThan(Math.max(lastFrame, output.lastIndexOf(hideCursor)));
		expect(run.screen()).toContain(`exited ${code}`);
		expect(run.screen()).not.toContain('Requests');
		expect(run.screen()).toMatch(/(^|\s)icanon(\s|$)/m);
		expect(run.screen()).toMatch(/(^|\s)echo(\s|$)/m);
	}

	it.each([
		{how: 'q', keys: 'q'},
		{how: 'Ctrl-c', keys: '<ctrl-c>'},
	])('after $how: main screen back, cursor shown, line mode and echo on', async ({keys}) => {
		await inBothModes(async ({mode, emulator}) => {
			const run = exploreThenStty(emulator);
			await run.waitForText('more available');
			await run.type(keys, mode);
			await expectGivenBack(run, 0);
			return run.screen();
		});
	});

	it.each([
		{how: 'SIGTERM', code: 143, signal: 'SIGTERM' as const},
		{how: 'SIGHUP', code: 129, signal: 'SIGHUP' as const},
		{how: 'SIGINT', code: 130, signal: 'SIGINT' as const},
	])('after $how: main screen back, cursor shown, line mode and echo on', async ({code, signal}) => {
		const run = exploreThenStty();
		await run.waitForText('more available');
		process.kill(explorerPid(run), signal);
		await expectGivenBack(run, code);
	});
});

describe('an unexpected exception', () => {
	/** A client with a bug: it throws where it should reject. */
	const brokenClient: ApiClient = {
		listRequests() {
			throw new TypeError('Cannot read properties of undefined (reading \'items\')');
		},
	};

	function deps(stdout: FakeStdout, stderr: FakeStdout, client: ApiClient) {
		return {
			client,
			login: async () => ({ok: false as const, message: 'no'}),
			initialFilters: {endpointIds: [endpoint]},
			saveFilters() {},
			now: () => new Date(),
			env: {},
			stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
			stderr: stderr as unknown as NodeJS.WriteStream,
		};
	}

	function expectGivenBack(written: string): void {
		expect(written.startsWith(enterAlternateScreen)).toBe(true);
		// The very last thing written: cursor shown, alternate screen left.
		expect(written.endsWith(`${showCursor}${leaveAlternateScreen}`)).toBe(true);
	}

	it('thrown by the client where it should reject: said in words, and the explorer carries on', async () => {
		const stdout = new FakeStdout();
		const stderr = new FakeStdout();
		const stdin = new FakeStdin();
		const running = runExplorer({...deps(stdout, stderr, brokenClient), stdin: stdin as unknown as NodeJS.ReadStream});
		await expect.poll(() => stdout.written).toContain('Something unexpected went wrong');
		stdin.write('q');
		expect(await running).toBe(0);
		expectGivenBack(stdout.written);
		expect(stderr.written).toBe('');
	});

	it('thrown outside React (uncaughtException): restores the terminal, says so in a sentence, exits 1', async () => {
		const stdout = new FakeStdout();
		const stderr = new FakeStdout();
		const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
		const before = new Set(process.listeners('uncaughtException'));
		const neverAnswers: ApiClient = {listRequests: async () => new Promise(() => undefined)};
		const running = runExplorer(deps(stdout, stderr, neverAnswers));
		try {
			const onCrash = process.listeners('uncaughtException').find(listener => !before.has(listener));
			expect(onCrash).toBeDefined();
			onCrash!(new RangeError('Invalid array length'), 'uncaughtException');
			expect(exit).toHaveBeenCalledWith(1);
			expectGivenBack(stdout.written);
			expect(stderr.written).toBe('falreq: the explorer stopped on an unexpected error: Invalid array length\n');
		} finally {
			exit.mockRestore();
			await running.catch(() => undefined);
		}
	});
});
