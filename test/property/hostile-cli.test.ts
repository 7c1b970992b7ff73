/** `falreq list` end to end on hostile server data: the emulator's `hostile` fault and its hostile rows, as a table on a terminal and as JSON lines. */
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {sendStatusLine, startServer} from '../api/servers.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {runPiped} from '../helpers/run.js';
import {secretKey} from '../helpers/secrets.js';
import {firstUnsafe} from './text.js';

const endpoints = 'fal-ai/flux/dev,fal-ai/fast-sdxl,acme/upscaler/turbo';
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, requests: 1000});
});
afterAll(async () => emulator.close());
afterEach(() => {
	disposeRuns();
	emulator.setFaults({});
});

const env = () => ({FAL_KEY: demoKey, FALREQ_API_URL: emulator.url});

describe('falreq list on hostile data', () => {
	test('JSON lines keep the hostile endpoint ids exactly, escaped, with nothing raw', async () => {
		emulator.setFaults({hostile: {times: Number.POSITIVE_INFINITY}});
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--limit', '5'], env());
		expect(run.code).toBe(0);
		expect(firstUnsafe(run.stdout, '\n')).toBeUndefined();
		const rows = run.stdout.trim().split('\n').map(line => JSON.parse(line) as RequestItem);
		expect(rows).toHaveLength(5);
		expect(rows[0]!.endpoint_id).toContain('\u001B]52;');
	});

	test('the table on a terminal shows the sequences as visible escapes and writes no escape at all', async () => {
		emulator.setFaults({hostile: {times: Number.POSITIVE_INFINITY}});
		const run = spawnCli(['list', '-e', 'fal-ai/flux/dev', '--limit', '5'], {cols: 250, rows: 20, env: env()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		expect(firstUnsafe(run.output(), '\r\n')).toBeUndefined();
		expect(run.screen()).toContain('\\e]52;');
	});

	test.each([
		['locked account', 'fal-ai/flux/dev', {locked: {times: 1}}, /locked/],
		['refused endpoint', 'someone/else', {}, /403/],
	])('the error for a %s quotes the server inertly, piped and on a terminal', async (_name, endpoint, faults, pattern) => {
		const args = ['list', '-e', endpoint];
		emulator.setFaults({...faults, hostile: {times: Number.POSITIVE_INFINITY}});
		const piped = await runPiped(args, env());
		expect(piped.code).toBe(1);
		expect(piped.stderr).toMatch(pattern);
		expect(firstUnsafe(piped.stderr, '\n')).toBeUndefined();

		emulator.setFaults({...faults, hostile: {times: Number.POSITIVE_INFINITY}});
		const run = spawnCli(args, {cols: 250, rows: 20, env: env()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 1});
		expect(firstUnsafe(run.output(), '\r\n')).toBeUndefined();
		expect(run.screen()).toMatch(pattern);
	});

	test("the emulator's hostile rows list inertly, as JSON and as a table", async () => {
		const ids = emulator.dataset.special.hostile;
		expect(ids.length).toBeGreaterThan(0);
		for (const id of ids) {
			const piped = await runPiped(['list', '-e', endpoints, '--request-id', id], env());
			expect(piped.code).toBe(0);
			expect(firstUnsafe(piped.stdout, '\n')).toBeUndefined();
			expect((JSON.parse(piped.stdout) as RequestItem).request_id).toBe(id);

			const run = spawnCli(['list', '-e', endpoints, '--request-id', id], {cols: 200, rows: 10, env: env()});
			await expect(run.exited).resolves.toMatchObject({exitCode: 0});
			expect(firstUnsafe(run.output(), '\r\n')).toBeUndefined();
			expect(run.screen()).toContain(id);
		}
	});
});

describe('falreq list against a server whose status text is hostile', () => {
	test('writes neither its escapes nor the key it echoes to stderr, piped or on a terminal', async () => {
		const server = await startServer((request, response) => {
			sendStatusLine(response, `HTTP/1.1 400 Bad \u001B]0;pwned\u0007\u001B[31m${request.headers.authorization}`);
		});
		try {
			const args = ['list', '-e', 'fal-ai/flux/dev', '--api-url', server.url];
			const piped = await runPiped(args, {FAL_KEY: secretKey});
			expect(piped.code).toBe(1);
			expect(piped.stderr).toBe(String.raw`falreq: The API refused the query (400 Bad \e]0;pwned\x07\e[31mKey [key]).` + '\n');

			const run = spawnCli(args, {cols: 200, rows: 10, env: {FAL_KEY: secretKey}});
			await expect(run.exited).resolves.toMatchObject({exitCode: 1});
			expect(firstUnsafe(run.output(), '\r\n')).toBeUndefined();
			expect(run.output()).not.toContain(secretKey);
			expect(run.screen()).toContain('Bad \\e]0;pwned');
		} finally {
			await server.close();
		}
	});
});
