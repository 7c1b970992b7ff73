import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {EmulatorFlagError, emulatorFaultHelp, parseFaultFlags, runEmulator} from '../../source/commands/emulator.js';
import {demoKey} from '../../source/emulator/server.js';
import {emulatorFor} from './helpers.js';

/** Collects what a stream receives; `waitFor` resolves once the text matches, within a bound. */
function capture() {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', (chunk: Buffer) => {
		text += chunk.toString();
	});
	return {
		stream,
		text: () => text,
		async waitFor(pattern: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const match = pattern.exec(text);
				if (match) {
					return match;
				}

				await new Promise((resolve) => {
					stream.once('data', resolve);
					setTimeout(resolve, 50);
				});
			}

			throw new Error(`No ${String(pattern)} in: ${text}`);
		},
	};
}

describe('fault flags', () => {
	test.each([
		['429:3', {rateLimit: {times: 3, retryAfter: undefined}}],
		['429:2:5', {rateLimit: {times: 2, retryAfter: 5}}],
		['429:every3:1', {rateLimit: {every: 3, retryAfter: 1}}],
		['429:every2', {rateLimit: {every: 2, retryAfter: undefined}}],
		['500:2', {serverError: {times: 2, status: 500, body: undefined}}],
		['502:1', {serverError: {times: 1, status: 502, body: undefined}}],
		['503:inf:empty', {serverError: {times: Number.POSITIVE_INFINITY, status: 503, body: 'empty'}}],
		['504:1:html', {serverError: {times: 1, status: 504, body: 'html'}}],
		['drop:1', {drop: {times: 1}}],
		['truncate:2', {truncate: {times: 2}}],
		['locked:1', {locked: {times: 1}}],
		['hostile:inf', {hostile: {times: Number.POSITIVE_INFINITY}}],
		['new:5', {newRequests: {perPage: 5}}],
	])('%s', (flag, faults) => {
		expect(parseFaultFlags([flag])).toEqual(faults);
	});

	test('several kinds combine', () => {
		expect(parseFaultFlags(['429:1', 'drop:2'])).toEqual({rateLimit: {times: 1, retryAfter: undefined}, drop: {times: 2}});
	});

	test.each([
		['flood:1', /unknown fault 'flood'/],
		['429', /how many times/],
		['429:0', /how many times/],
		['429:x', /how many times/],
		['429:1:soon', /Retry-After/],
		['429:every0:1', /after every give a whole number above 0/],
		['429:every', /after every give a whole number above 0/],
		['503:1:xml', /json, html or empty/],
		['drop:1:2', /no third part/],
	])('%s is refused with a sentence', (flag, message) => {
		expect(() => parseFaultFlags([flag])).toThrow(EmulatorFlagError);
		expect(() => parseFaultFlags([flag])).toThrow(message);
	});

	test('two 5xx faults are refused', () => {
		expect(() => parseFaultFlags(['500:1', '503:1'])).toThrow(/only one 5xx fault/);
	});

	test('the help is one line', () => {
		expect(emulatorFaultHelp).not.toContain('\n');
		expect(emulatorFaultHelp).toMatch(/^--fault /);
	});
});

describe('falreq emulator', () => {
	test('prints where it listens and how to point falreq at it, serves, and stops with 0', async () => {
		const stdout = capture();
		const stop = new AbortController();
		const exit = runEmulator({port: 0, requests: 300, fault: ['429:1:2'], latency: 1}, {stdout: stdout.stream, signal: stop.signal});
		const [, url] = await stdout.waitFor(/FALREQ_API_URL=(\S+) FAL_KEY=fal_demo_key_0000 falreq\n/);
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		expect(stdout.text()).toContain(`listening on ${url!}`);
		expect(stdout.text()).toContain('429:1:2, latency 1 ms');
		const endpoint = `${url!}/serverless/requests/by-endpoint?endpoint_id=fal-ai/flux/dev`;
		const first = await fetch(endpoint, {headers: {authorization: `Key ${demoKey}`}});
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('2');
		await first.body?.cancel();
		expect((await fetch(endpoint, {headers: {authorization: `Key ${demoKey}`}})).status).toBe(200);
		stop.abort();
		expect(await exit).toBe(0);
		await expect(fetch(endpoint)).rejects.toThrow();
	});

	test.each([
		[{fault: ['boom:1']}, /unknown fault/],
		[{port: 70_000}, /--port must be a whole number from 0 to 65535/],
		[{requests: 5}, /--requests must be a whole number from 100/],
		[{latency: -1}, /--latency/],
	])('bad flags %o exit 2 with a sentence on stderr', async (flags, message) => {
		const stderr = capture();
		expect(await runEmulator(flags, {stderr: stderr.stream, stdout: new PassThrough()})).toBe(2);
		expect(stderr.text()).toMatch(message);
	});

	test('a port in use exits 1 and says what to do', async () => {
		const busy = await emulatorFor({requests: 100});
		try {
			const stderr = capture();
			expect(await runEmulator({port: busy.port, requests: 100}, {stderr: stderr.stream, stdout: new PassThrough()})).toBe(1);
			expect(stderr.text()).toBe(`Port ${busy.port} is already in use: choose another with --port, or --port 0 for any free one.\n`);
		} finally {
			await busy.close();
		}
	});

	test('loads neither ink nor react', async () => {
		const result = await build({
			entryPoints: [fileURLToPath(new URL('../../source/commands/emulator.ts', import.meta.url))],
			bundle: true,
			write: false,
			metafile: true,
			platform: 'node',
			format: 'esm',
			logLevel: 'silent',
		});
		const inputs = Object.keys(result.metafile.inputs);
		expect(inputs.filter((input) => /node_modules\/(ink|react)/.test(input))).toEqual([]);
		expect(inputs.some((input) => input.endsWith('emulator/server.ts'))).toBe(true);
	});
});
