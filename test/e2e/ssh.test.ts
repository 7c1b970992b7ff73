import {readFileSync} from 'node:fs';
import process from 'node:process';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, disposeRuns, projectRoot} from '../helpers/pty.js';
import {sshClients, startSshServer, type SshServer} from '../helpers/ssh.js';

const node = process.execPath;
const {version} = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as {version: string};
let server: SshServer;

beforeAll(async () => {
	server = await startSshServer();
});

afterAll(async () => {
	await server.stop();
});

afterEach(disposeRuns);

describe.each(sshClients)('falreq over SSH on loopback, with the %s client', client => {
	it('runs the built CLI on the remote side and shows its version', async () => {
		const run = server.ssh(`${node} ${cliPath} --version`, {client});
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.screen().trim()).toBe(version);
	});

	it('gives the remote program the local size, TERM and forwarded variables', async () => {
		const script = 'console.log([process.stdout.isTTY, process.stdout.columns, process.stdout.rows, process.env.TERM, process.env.XDG_CONFIG_HOME, process.env.FAL_KEY === "k", process.env.SSH_TTY !== undefined].join(" "))';
		const run = server.ssh(`${node} -e '${script}'`, {client, cols: 100, rows: 30, env: {FAL_KEY: 'k', TERM: 'screen-256color'}});
		expect(await run.exited).toEqual({exitCode: 0});
		expect(run.line(0)).toBe(`true 100 30 screen-256color ${run.configHome} true true`);
	});

	it('passes an OSC 52 clipboard sequence from the remote program through byte for byte', async () => {
		const run = server.ssh(String.raw`printf '\033]52;c;aGVsbG8=\a'; echo copied`, {client});
		await run.waitForText('copied');
		expect(run.output()).toContain('\u001B]52;c;aGVsbG8=\u0007');
	});

	it('returns the remote exit code, the CLI\'s included', async () => {
		expect(await server.ssh('exit 3', {client}).exited).toEqual({exitCode: 3});
		const run = server.ssh(`${node} ${cliPath} list --limit x`, {client});
		expect(await run.exited).toEqual({exitCode: 2});
		expect(run.screen()).toContain('--limit needs a number');
	});
});
