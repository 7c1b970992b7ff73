/**
 * The API key given in FAL_KEY never shows: not in errors of any kind (even
 * when a server echoes it back), not in --help, not while logging in, not in
 * what the explorer copies or saves, and not in the config it writes.
 */
import fs from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {demoKey, startEmulator, type Emulator, type Faults} from '../../source/emulator/server.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {runPiped} from '../helpers/run.js';
import {secretKey} from '../helpers/secrets.js';
import {findSecret} from './leaks.js';

let emulator: Emulator;
/** Answers with the Authorization header it received, in every place a message can come from. */
let echo: Server;
let echoUrl: string;
const scratch: string[] = [];

beforeAll(async () => {
	emulator = await startEmulator({port: 0, requests: 1000, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai']}});
	echo = createServer((request, response) => {
		request.resume();
		const header = request.headers.authorization ?? '';
		const said = new URL(request.url ?? '/', 'http://x').searchParams.get('status') ?? 'success';
		const bodies: Record<string, [number, string]> = {
			success: [400, JSON.stringify({error: {type: 'validation_error', message: `Bad header ${header}`}})],
			error: [403, JSON.stringify({detail: `User is locked. Reason: key ${header}`})],
			user_error: [500, JSON.stringify({error: {type: 'server_error', message: `crashed on ${header}`}})],
		};
		const [status, body] = bodies[said] ?? [418, header];
		response.writeHead(status, {'content-type': 'application/json'}).end(body);
	});
	await new Promise<void>(resolve => {
		echo.listen(0, '127.0.0.1', resolve);
	});
	echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
	echo.closeAllConnections();
	await Promise.all([emulator.close(), new Promise(resolve => echo.close(resolve))]);
});

afterEach(() => {
	disposeRuns();
	emulator.setFaults({});
	for (const directory of scratch.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

function expectNoKey(text: string, where: string): void {
	expect(findSecret(text, secretKey), where).toBeUndefined();
}

/** Runs `falreq list` piped and on a terminal; both must fail with a sentence and without the key. */
async function expectKeptSecret(args: string[], env: Record<string, string>, pattern: RegExp): Promise<void> {
	const piped = await runPiped(args, env);
	expect(piped.code).toBe(1);
	expect(piped.stderr).toMatch(pattern);
	expectNoKey(piped.stdout + piped.stderr, `piped ${args.join(' ')}`);

	const run = spawnCli(args, {cols: 200, env});
	await expect(run.exited).resolves.toMatchObject({exitCode: 1});
	expectNoKey(run.output(), `pty ${args.join(' ')}`);
}

describe('falreq list with the key in FAL_KEY', () => {
	const env = (key = secretKey) => ({FAL_KEY: key, FALREQ_API_URL: emulator.url});

	test('a wrong key that starts with the secret one (401)', async () => {
		await expectKeptSecret(['list', '-e', 'fal-ai/flux/dev'], env(`${secretKey}-wrong`), /401/);
	});

	test.each<[string, Faults, string, RegExp]>([
		['403 for an endpoint it does not own', {}, 'acme/upscaler', /403/],
		['429 on every try', {rateLimit: {times: Number.POSITIVE_INFINITY, retryAfter: 0}}, 'fal-ai/flux/dev', /429/],
		['500 on every try', {serverError: {times: Number.POSITIVE_INFINITY, status: 500}}, 'fal-ai/flux/dev', /500/],
		['a locked account', {locked: {times: 2}}, 'fal-ai/flux/dev', /locked/],
	])('the right key and %s', async (_name, faults, endpoint, pattern) => {
		emulator.setFaults({...faults, hostile: {times: Number.POSITIVE_INFINITY}});
		await expectKeptSecret(['list', '-e', endpoint], env(), pattern);
	}, 20_000);

	test.each([
		['a 400 message', 'success', /refused the query/],
		['a locked reason', 'error', /locked/],
		['a 500 message', 'user_error', /500/],
	])('a server that echoes the key in %s: the key is replaced by [key]', async (_name, status, pattern) => {
		const args = ['list', '-e', 'fal-ai/flux/dev', '--status', status];
		const piped = await runPiped(args, {FAL_KEY: secretKey, FALREQ_API_URL: echoUrl});
		expect(piped.stderr).toMatch(pattern);
		expect(piped.stderr).toContain('[key]');
		expectNoKey(piped.stdout + piped.stderr, 'piped');
	}, 20_000);
});

test('--help and --version say nothing of the key', async () => {
	for (const args of [['--help'], ['--version']]) {
		const piped = await runPiped(args, {FAL_KEY: secretKey});
		expect(piped.code).toBe(0);
		expectNoKey(piped.stdout + piped.stderr, args.join(' '));
	}
});

test('login: the typed key is masked, and cancelling stores nothing', async () => {
	const run = spawnCli(['login'], {cols: 160, env: {FALREQ_API_URL: emulator.url}});
	await run.waitForText('Paste your fal API key');
	await run.write(secretKey);
	await run.waitForText(`Key: ${'•'.repeat(secretKey.length)}`);
	await run.press('esc');
	await run.waitForText('Cancelled; no key was stored.');
	await run.exited;
	expectNoKey(run.output(), 'login');
	expect(fs.existsSync(path.join(run.configHome, 'falreq', 'config.json'))).toBe(false);
});

test('the explorer with the key in FAL_KEY: what it copies, saves and remembers holds no key', async () => {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-secret-'));
	scratch.push(cwd);
	// Over SSH, copying goes through OSC 52 to the terminal, so the copied text is in the output.
	const run = spawnCli(['--api-url', emulator.url, '-e', 'fal-ai/flux/dev'], {cols: 160, rows: 40, cwd, env: {FAL_KEY: secretKey, SSH_TTY: '/dev/pts/9'}});
	await run.waitForText(/\d+ rows/);
	await run.write('y');
	await run.waitForText('Copied the request id');
	await run.press('enter');
	// Beside the list the payload shows before Enter is handled: the detail pane's keys say it has the keyboard.
	await run.waitFor(screen => screen.includes('"prompt":') && screen.includes('Esc back to the list'));
	await run.write('Y');
	await run.waitForText('Copied the payload JSON');
	await run.write('s');
	await run.waitForText('Save which?');
	await run.write('o');
	await run.waitForText('Save the output as');
	await run.press('enter');
	await run.waitForText('Saved the output to');
	await run.write('q');
	await run.exited;

	expect(run.output()).toContain('\u001B]52;c;');
	expectNoKey(run.output(), 'explorer output');
	const saved = fs.readdirSync(cwd);
	expect(saved).toHaveLength(1);
	expectNoKey(fs.readFileSync(path.join(cwd, saved[0]!), 'utf8'), 'saved payload');
	for (const directory of [run.configHome, run.home]) {
		for (const file of fs.readdirSync(directory, {recursive: true, withFileTypes: true}).filter(entry => entry.isFile())) {
			expectNoKey(fs.readFileSync(path.join(file.parentPath, file.name), 'utf8'), file.name);
		}
	}
});
