import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {createClient} from '../../source/api/client.js';
import {iteratePages} from '../../source/api/pages.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import type {RequestItem} from '../../source/api/types.js';
import {timeOf} from '../emulator/helpers.js';
import {disposeRuns, spawnCli} from '../helpers/pty.js';
import {runPiped} from '../helpers/run.js';
import {secretKey} from '../helpers/secrets.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, requests: 5000, keys: {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai']}});
});
afterAll(async () => emulator.close());
afterEach(() => {
	disposeRuns();
	emulator.setFaults({});
	emulator.log.length = 0;
});

const env = (key = demoKey) => ({FAL_KEY: key, FALREQ_API_URL: emulator.url});
const parseLines = (text: string): RequestItem[] => text.trim().split('\n').map(line => JSON.parse(line) as RequestItem);
const moreMatch = (count: number) => `More requests match: showing the first ${count}. Use --max N to see more.`;
/** A start bound before the emulator's now (no request is later), so that runs a moment apart list the same rows. */
const lastMinutes = (minutes: number) => ['--start', new Date(emulator.dataset.anchor.getTime() - (minutes * 60_000)).toISOString()];
const requestIdAtEnd = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

describe('falreq list, piped', () => {
	test('prints one JSON line per request of one page', async () => {
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--limit', '20'], env());
		// That more match is said on stderr: what the pipe gets stays data.
		expect(run.stderr).toBe(`${moreMatch(20)}\n`);
		expect(run.code).toBe(0);
		const rows = parseLines(run.stdout);
		expect(rows).toHaveLength(20);
		expect(new Set(rows.map(row => row.endpoint_id))).toEqual(new Set(['fal-ai/flux/dev']));
		expect(emulator.log).toHaveLength(1);
		expect(emulator.log[0]!.query['limit']).toEqual(['20']);
	});

	test('--max beyond a page scans the window and stops at the number asked for, newest first', async () => {
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev,acme/upscaler', '--limit', '100', '--max', '250', '--status', 'success'], env());
		expect(run.code).toBe(0);
		const rows = parseLines(run.stdout);
		expect(rows).toHaveLength(250);
		expect(new Set(rows.map(row => row.request_id)).size).toBe(250);
		expect(rows.every(row => row.status_code! >= 200 && row.status_code! < 300)).toBe(true);
		const ended = rows.map(row => timeOf(row.ended_at!));
		expect(ended).toEqual(ended.toSorted((a, b) => b - a));
		// Time slices of the window, side by side: more than one start and end.
		expect(new Set(emulator.log.map(entry => entry.query['start']![0])).size).toBeGreaterThan(1);
		expect(emulator.log.every(entry => entry.query['endpoint_id']!.join() === 'fal-ai/flux/dev,acme/upscaler' && entry.query['limit']![0] === '100')).toBe(true);
		expect(run.stderr).toBe(`${moreMatch(250)}\n`);
	});

	test('--all prints every request of the window once, as following the cursor finds them, newest first and running ones last', async () => {
		const window = [...lastMinutes(24 * 60), '--end', emulator.dataset.anchor.toISOString()];
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev,fal-ai/kling-video', ...window, '--all', '--concurrency', '3'], env());
		expect({code: run.code, stderr: run.stderr}).toEqual({code: 0, stderr: ''});
		const rows = parseLines(run.stdout);
		const client = createClient({apiUrl: emulator.url, apiKey: demoKey});
		const walked: RequestItem[] = [];
		for await (const batch of iteratePages(client, {endpointIds: ['fal-ai/flux/dev', 'fal-ai/kling-video'], start: window[1], end: window[3], limit: 100})) {
			walked.push(...batch);
		}

		expect(rows.map(row => row.request_id).toSorted()).toEqual(walked.map(row => row.request_id).toSorted());
		const running = rows.filter(row => row.ended_at === null);
		expect(running.length).toBeGreaterThan(0);
		expect(rows.slice(-running.length)).toEqual(running);
		const ended = rows.slice(0, -running.length).map(row => timeOf(row.ended_at!));
		expect(ended).toEqual(ended.toSorted((a, b) => b - a));
	});

	test('says nothing more when every request that matches was printed', async () => {
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev', ...lastMinutes(60), '--limit', '100', '--max', '1000'], env());
		expect(run.code).toBe(0);
		expect(parseLines(run.stdout).length).toBeGreaterThan(5);
		expect(run.stderr).toBe('');
	});

	test('no duplicates when new requests arrive between pages', async () => {
		emulator.setFaults({newRequests: {perPage: 7}});
		const run = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--limit', '50', '--max', '200'], env());
		expect(run.code).toBe(0);
		const ids = parseLines(run.stdout).map(row => row.request_id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBe(200);
	});

	test('bad usage exits 2 with a sentence and sends nothing', async () => {
		for (const args of [
			['list'],
			['list', '-e', 'fal-ai/flux/dev', '--status', 'failed'],
			['list', '-e', 'fal-ai/flux/dev', '--limit', '500'],
			['list', '-e', 'fal-ai/flux/dev', '--since', 'yesterday-ish'],
			['list', '-e', 'fal-ai/flux/dev', '--request-id', 'not-a-uuid'],
			['list', '-e', 'fal-ai/flux/dev', '--no-such-flag'],
			['list', '-e', 'fal-ai/flux/dev', '--all', '--concurrency', '0'],
			['list', '-e', 'fal-ai/flux/dev', '--all', '--concurrency', '17'],
			['frobnicate'],
		]) {
			const run = await runPiped(args, env());
			expect(run.code, args.join(' ')).toBe(2);
			expect(run.stderr, args.join(' ')).toMatch(/\w+ \w+/);
			expect(run.stderr).not.toMatch(/\n\s+at /);
		}

		expect(emulator.log).toHaveLength(0);
	});

	test('a single-value option given twice, a number not in decimal digits, or a --max below 1 or with a fraction exits 2 with a sentence naming it', async () => {
		const cases: Array<[string[], string]> = [
			...[['--limit', '5'], ['--api-url', emulator.url], ['--status', 'error'], ['--start', '6h'], ['--sort', 'duration'], ['--max', '10']].map(
				([flag, ...value]): [string[], string] => [[flag!, ...value, flag!, ...value], `${flag} was given more than once; give it once.`],
			),
			[['--limit', ''], "--limit needs a number in decimal digits; it was given ''."],
			[['--limit', '0x10'], "--limit needs a number in decimal digits; it was given '0x10'."],
			[['--max', '1e3'], "--max needs a number in decimal digits; it was given '1e3'."],
			...['0', '-1', '2.5'].map((max): [string[], string] => [['--max', max], `--max takes a whole number of at least 1; it was given '${max}'.`]),
		];
		for (const [flags, sentence] of cases) {
			const run = await runPiped(['list', '-e', 'fal-ai/flux/dev', ...flags], env());
			expect(run.stderr, flags.join(' ')).toBe(`falreq: ${sentence}\n`);
			expect(run.code, flags.join(' ')).toBe(2);
		}

		expect(emulator.log).toHaveLength(0);
	});

	test('API and network failures exit 1 with a sentence, never the key', async () => {
		const rejected = await runPiped(['list', '-e', 'fal-ai/flux/dev'], env(`${secretKey}-wrong`));
		expect(rejected.code).toBe(1);
		expect(rejected.stderr).toMatch(/falreq login/);
		expect(rejected.stderr + rejected.stdout).not.toContain(secretKey);

		const rejectedScan = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--all'], env(`${secretKey}-wrong`));
		expect(rejectedScan.code).toBe(1);
		expect(rejectedScan.stderr).toBe('falreq: The API rejected the key (401): run `falreq login` or set FAL_KEY.\n');
		expect(rejectedScan.stdout).toBe('');

		const forbidden = await runPiped(['list', '-e', 'acme/upscaler'], env(secretKey));
		expect(forbidden.code).toBe(1);
		expect(forbidden.stderr).toMatch(/403/);
		expect(forbidden.stderr + forbidden.stdout).not.toContain(secretKey);

		const unreachable = await runPiped(['list', '-e', 'fal-ai/flux/dev'], {FAL_KEY: secretKey, FALREQ_API_URL: 'http://127.0.0.1:9/v1'});
		expect(unreachable.code).toBe(1);
		expect(unreachable.stderr).not.toContain(secretKey);
		expect(unreachable.stderr).not.toMatch(/\n\s+at /);
	});

	test('an API URL with a password is refused, by list and by the explorer, with nothing sent and the password never shown', async () => {
		const apiUrl = emulator.url.replace('//', '//user:pass-w0rd@');
		const sentence = `The API URL carries a user name or password, which falreq does not send: the API key is the only credential. Give it without them, as ${emulator.url}.`;
		const listed = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--api-url', apiUrl], {FAL_KEY: secretKey});
		expect(listed.code).toBe(1);
		expect(listed.stderr).toBe(`falreq: ${sentence}\n`);

		const explored = spawnCli(['-e', 'fal-ai/flux/dev', '--api-url', apiUrl], {cols: 200, rows: 30, env: {FAL_KEY: secretKey}});
		await explored.waitForText('carries a user name or password');
		await explored.write('q');
		await explored.exited;
		expect(explored.output()).not.toContain('pass-w0rd');
		expect(emulator.log).toHaveLength(0);
	});

	test('--demo lists the built-in emulator\'s endpoints with no key, narrowed by the filters as the explorer is', async () => {
		// The demo runs its own emulator: this one receives nothing.
		const demo = await runPiped(['list', '--demo', '--limit', '30'], {});
		expect(demo.code).toBe(0);
		const rows = parseLines(demo.stdout);
		expect(rows).toHaveLength(30);
		expect(new Set(rows.map(row => row.endpoint_id.split('/')[0]))).toEqual(new Set(['fal-ai', 'acme']));

		const narrowed = await runPiped(['list', '--demo', '--status', 'error', '-e', 'acme/upscaler', '--limit', '10'], {});
		expect(narrowed.code).toBe(0);
		const failed = parseLines(narrowed.stdout);
		expect(failed).toHaveLength(10);
		expect(failed.every(row => row.endpoint_id.startsWith('acme/upscaler/') && row.status_code! >= 500)).toBe(true);

		const wrong = await runPiped(['list', '--demo', '--status', 'failed'], {});
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toBe("falreq: The status 'failed' is not one of success, error, user_error.\n");
		expect(emulator.log).toHaveLength(0);
	});

	test('the explorer refuses a pipe and points at falreq list', async () => {
		const run = await runPiped([], env());
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/falreq list/);
	});

	test('looks a request id up over the API\'s 90 days, sending no start, unless one is given', async () => {
		const old = parseLines((await runPiped(['list', '-e', 'fal-ai/flux/dev', '--since', '5d', '--end', '4d', '--limit', '1'], env())).stdout)[0]!;
		emulator.log.length = 0;
		const found = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--request-id', old.request_id], env());
		expect(parseLines(found.stdout).map(row => row.request_id)).toEqual([old.request_id]);
		expect(emulator.log[0]!.query['start']).toBeUndefined();
		const narrowed = await runPiped(['list', '-e', 'fal-ai/flux/dev', '--request-id', old.request_id, '--since', '1h'], env());
		expect(narrowed.stdout).toBe('');
		expect(emulator.log[1]!.query['start']).toBeDefined();
	});
});

describe('falreq list, on a terminal', () => {
	test('prints an aligned table with readable statuses', async () => {
		const run = spawnCli(['list', '-e', 'fal-ai/flux/dev', '--limit', '15'], {cols: 140, rows: 30, env: {...env(), TZ: 'UTC'}});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		const lines = run.screen().split('\n').filter(Boolean);
		expect(lines[0]).toMatch(/^ENDED \(UTC\)\s+ENDPOINT\s+STATUS\s+DURATION\s+QUEUE\s+REQUEST ID$/);
		expect(lines).toHaveLength(17);
		// After the table, that it did not show every request.
		expect(lines.at(-1)).toBe(moreMatch(15));
		const statusColumn = lines[0]!.indexOf('STATUS');
		for (const line of lines.slice(1, -1)) {
			expect(line.slice(statusColumn)).toMatch(/^(\d{3} (ok|usr|ERR)|… run)/);
			expect(line).toContain('fal-ai/flux/dev');
		}
	});

	test('--all prints its table at the end, running requests on top; the line saying how far the scan has come is gone', async () => {
		const args = ['list', '-e', 'fal-ai/flux/dev,fal-ai/kling-video,acme/upscaler', ...lastMinutes(6 * 60), '--all', '--limit', '20'];
		const piped = parseLines((await runPiped(args, env())).stdout);
		const run = spawnCli(args, {cols: 160, rows: 400, env: env()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		const screen = run.screen();
		expect(screen).not.toContain('Scanning');
		const ids = screen.split('\n').filter(line => requestIdAtEnd.test(line)).map(line => line.match(requestIdAtEnd)![0]);
		const running = piped.filter(row => row.ended_at === null);
		expect(running.length).toBeGreaterThan(0);
		expect(ids).toEqual([...running, ...piped.filter(row => row.ended_at !== null)].map(row => row.request_id));
	});

	test('--billing adds a UNITS column, each number whole as the API gave it', async () => {
		const args = ['list', '-e', 'fal-ai/flux/dev', ...lastMinutes(180), '--limit', '40', '--billing'];
		const rows = parseLines((await runPiped(args, env())).stdout);
		const run = spawnCli(args, {cols: 160, rows: 60, env: env()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		const [header, ...lines] = run.screen().split('\n').filter(Boolean);
		expect(header).toMatch(/^ENDED \((UTC|LOCAL)\)\s+ENDPOINT\s+STATUS\s+DURATION\s+QUEUE\s+UNITS\s+REQUEST ID$/);
		// Right-aligned under its title.
		const [from, to] = [header!.indexOf('QUEUE') + 'QUEUE'.length, header!.indexOf('UNITS') + 'UNITS'.length];
		const cells = lines.filter(line => requestIdAtEnd.test(line)).map(line => [line.match(requestIdAtEnd)![0], line.slice(from, to).trim()] as const);
		const expected = rows.map(row => [row.request_id, typeof row.billable_units === 'number' ? String(row.billable_units) : ''] as const);
		expect(new Map(cells)).toEqual(new Map(expected));
		// Among them units with several digits after the point, and rows not billed yet.
		expect(expected.some(([, units]) => /\.\d{3,}$/.test(units))).toBe(true);
		expect(expected.some(([, units]) => units === '')).toBe(true);
	});

	test('running requests come first, their time column says running; JSON lines keep the API\'s order', async () => {
		const args = ['list', '-e', 'fal-ai/flux/dev,fal-ai/kling-video,acme/upscaler', ...lastMinutes(30), '--limit', '100'];
		const piped = parseLines((await runPiped(args, env())).stdout);
		const running = piped.filter(row => row.ended_at === null);
		expect(running.length).toBeGreaterThanOrEqual(3);
		// The API sends them last.
		expect(piped.slice(-running.length)).toEqual(running);

		const run = spawnCli(args, {cols: 160, rows: 60, env: env()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		const lines = run.screen().split('\n').filter(line => requestIdAtEnd.test(line));
		expect(lines.map(line => line.match(requestIdAtEnd)![0])).toEqual([...running, ...piped.filter(row => row.ended_at !== null)].map(row => row.request_id));
		expect(lines.map(line => line.startsWith('running '))).toEqual(piped.map((_, index) => index < running.length));
	});
});

describe('falreq list and time zones', () => {
	const kolkata = () => ({...env(), TZ: 'Asia/Kolkata'});
	const dayMs = 86_400_000;

	test('reads a date or a time without Z or an offset in local time (TZ), and shows its times in it, saying so', async () => {
		const day = new Date(Date.now() - (2 * dayMs)).toISOString().slice(0, 10);
		const dayBefore = new Date(Date.parse(day) - dayMs).toISOString().slice(0, 10);
		const args = ['list', '-e', 'fal-ai/flux/dev', '--start', day, '--end', `${day}T12:00`, '--limit', '3'];
		const piped = await runPiped(args, kolkata());
		// The dates are read without a word of complaint; at most, that more rows match than the page shows.
		expect(piped.stderr).toMatch(/^(More requests match: .*\n)?$/);
		// Midnight and noon in India (UTC+05:30).
		expect(emulator.log[0]!.query).toMatchObject({start: [`${dayBefore}T18:30:00.000Z`], end: [`${day}T06:30:00.000Z`]});
		const [first] = parseLines(piped.stdout);

		const run = spawnCli(args, {cols: 140, rows: 10, env: kolkata()});
		await expect(run.exited).resolves.toMatchObject({exitCode: 0});
		const [heading, row] = run.screen().split('\n');
		expect(heading).toMatch(/^ENDED \(LOCAL\)\s+ENDPOINT/);
		const shown = new Date(Date.parse(first!.ended_at!) + (5.5 * 3_600_000)).toISOString().slice(0, 19).replace('T', ' ');
		expect(row!.startsWith(`${shown} `), row).toBe(true);
	});
});
