import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {disposeRuns, scriptKeys, spawnInPty, type SpawnOptions} from './pty.js';

afterEach(disposeRuns);

function node(script: string, options?: SpawnOptions) {
	return spawnInPty(process.execPath, ['-e', script], options);
}

// Echoes every chunk read in raw mode as hex, one per line, until "q". Like
// Ink, it shows its first output before it turns raw mode on.
const echoKeys = `
process.stdout.write('ready\\n');
setTimeout(() => process.stdin.setRawMode(true), 100);
process.stdin.on('data', chunk => {
	if (String(chunk) === 'q') process.exit(0);
	process.stdout.write('got ' + chunk.toString('hex') + '\\n');
});
process.stdout.on('resize', () => process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\n'));
`;

describe('the pty harness', () => {
	it('renders output on a screen of the requested size and keeps the raw bytes', async () => {
		const run = node(String.raw`process.stdout.write('\x1b[31mred\x1b[0m \n' + process.stdout.columns + 'x' + process.stdout.rows + '\n')`, {cols: 40, rows: 10});
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.line(0)).toBe('red');
		expect(run.line(1)).toBe('40x10');
		expect(run.screen().split('\n')).toHaveLength(10);
		expect(run.output()).toContain('\u001B[31mred');
	});

	it('gives a clean environment that leaks no key, with colour on and Ink out of CI mode', async () => {
		const saved = {FAL_KEY: process.env['FAL_KEY'], CI: process.env['CI']};
		Object.assign(process.env, {FAL_KEY: 'leaked-key', CI: 'true'});
		try {
			const script = `Promise.all([import('chalk'), import('is-in-ci')]).then(([chalk, ci]) => console.log(JSON.stringify([
				chalk.default.level, ci.default, process.env.TERM, process.env.FORCE_COLOR, process.env.FAL_KEY,
				process.env.HOME, process.env.XDG_CONFIG_HOME, process.env.EXTRA])))`;
			const run = node(script, {env: {EXTRA: 'yes'}});
			await run.exited;
			const shown = JSON.parse(run.screen().replaceAll('\n', '')) as unknown[];
			expect(shown).toEqual([2, false, 'xterm-256color', null, null, run.home, run.configHome, 'yes']);
		} finally {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) {
					delete process.env[name];
				} else {
					process.env[name] = value;
				}
			}
		}
	});

	it('delivers named keys and text in order, and follows resizes', async () => {
		const run = node(echoKeys);
		await run.waitForText('ready');
		// Typed at once, yet neither echoed nor line-buffered: the harness waits for raw mode.
		await run.press('up');
		await run.waitForText('got 1b5b41');
		expect(run.line(1)).toBe('got 1b5b41');
		await run.write('ab');
		await run.waitForText('got 6162');
		await run.press('shift-tab');
		await run.waitForText('got 1b5b5a');
		expect(run.screen()).toMatch(/got 1b5b41\ngot 6162\ngot 1b5b5a/);

		run.resize(100, 30);
		await run.waitForText('size 100x30');
		await run.write('q');
		expect((await run.exited).exitCode).toBe(0);
	});

	it('reads key scripts: text key by key, names in angle brackets, < as <lt>, and nothing else', () => {
		expect(scriptKeys('/a<backspace><down>é<lt><enter>')).toEqual(['/', 'a', '\u007F', '\u001B[B', 'é', '<', '\r']);
		expect(() => scriptKeys('a<b')).toThrow(/Not a key script at "<b"/);
		expect(() => scriptKeys('<shift-enter>')).toThrow(/Not a key script/);
	});

	it('types a key script key by key, or all of it in one write', async () => {
		const run = node(echoKeys);
		await run.waitForText('ready');
		await run.type('a<up><lt>', 'paced');
		// Each key is written once the program is idle, so it is mostly read alone; on a loaded machine two may still
		// be read together (the harness promises order, not reads): wait for all the bytes, in order and whole.
		const reads = (screen: string) => screen.split('\n').slice(1).filter(Boolean).map(line => line.replace('got ', ''));
		await run.waitFor(screen => reads(screen).join('') === '611b5b413c');
		await run.type('a<up><lt>', 'burst');
		await run.waitForText('got 611b5b413c');
		await run.write('q');
		expect((await run.exited).exitCode).toBe(0);
	});

	it('looks at whole frames only, as a terminal with synchronized output shows them', async () => {
		const run = node(String.raw`process.stdout.write('\x1b[?2026hhalf'); setTimeout(() => process.stdout.write('\r\x1b[Kwhole\x1b[?2026l'), 300); setTimeout(() => {}, 5000)`);
		const halves: string[] = [];
		await run.waitFor(screen => {
			if (screen.includes('half')) {
				halves.push(screen);
			}

			return screen.includes('whole');
		});
		expect(halves).toEqual([]);
	});

	it('fails a wait with the screen in the message, on timeout and on exit', async () => {
		const waiting = node(echoKeys);
		await waiting.waitForText('ready');
		await expect(waiting.waitForText('never', 200)).rejects.toThrow(/Timed out after 200 ms waiting for the screen to show "never"\. Screen:\nready/);

		const exiting = node(`console.log('bye'); process.exit(3)`);
		await expect(exiting.waitForText(/never/)).rejects.toThrow(/exited \(code 3\) before the screen showed \/never\/\. Screen:\nbye/);
	});

	it('keeps all output of a process that exits right after writing it', async () => {
		const run = node(`process.stdout.write('x'.repeat(200000) + 'END')`);
		await run.exited;
		expect(run.output().replaceAll(/[^xEND]/g, '')).toHaveLength(200_003);
	});

	it('kills a run still going when disposed', async () => {
		const run = node('setInterval(() => {}, 1000)');
		run.dispose();
		expect((await run.exited).signal).toBe(9);
	});
});
