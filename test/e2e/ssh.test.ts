import {readFileSync} from 'node:fs';
import process from 'node:process';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {cliPath, disposeRuns, projectRoot} from '../helpers/pty.js';
import {startSshd} from '../helpers/ssh.js';

const node = process.execPath;
const {version} = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as {version: string};

// Each test awaits the server, so a missing sshd fails every test with the
// install hint; a failing beforeAll would report them as skipped.
const started = startSshd();
started.catch(() => undefined);

afterAll(async () => {
	const sshd = await started.catch(() => undefined);
	await sshd?.stop();
});

afterEach(disposeRuns);

describe('falreq over SSH on loopback', () => {
	it('runs the built CLI on the remote side and shows its version', async () => {
		const run = (await started).ssh(`${node} ${cliPath} --version`);
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.screen().trim()).toBe(version);
	});

	it('gives the remote program the local size, TERM and forwarded variables', async () => {
		const script = 'console.log([process.stdout.isTTY, process.stdout.columns, process.stdout.rows, process.env.TERM, process.env.XDG_CONFIG_HOME, process.env.FAL_KEY === "k", process.env.SSH_TTY !== undefined].join(" "))';
		const run = (await started).ssh(`${node} -e '${script}'`, {cols: 100, rows: 30, env: {FAL_KEY: 'k'}});
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.line(0)).toBe(`true 100 30 xterm-256color ${run.configHome} true true`);
	});

	it('passes an OSC 52 clipboard sequence from the remote program through byte for byte', async () => {
		const run = (await started).ssh(String.raw`printf '\033]52;c;aGVsbG8=\a'; echo copied`);
		await run.waitForText('copied');
		expect(run.output()).toContain('\u001B]52;c;aGVsbG8=\u0007');
	});

	it('returns the remote exit code', async () => {
		const run = (await started).ssh('exit 3');
		expect(await run.exited).toEqual({exitCode: 3});
	});
});
