import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openConfig} from '../../source/config/store.js';
import {startEmulator, type Emulator} from '../../source/emulator/server.js';
import {inBothModes, maskText} from '../helpers/modes.js';
import {disposeRuns, spawnCli, type CliRun} from '../helpers/pty.js';
import {runPiped} from '../helpers/run.js';
import {secretKey} from '../helpers/secrets.js';

// The suite-wide scan fails the run if secretKey shows up in any recorded output.
const goodKey = secretKey;
const wrongKey = 'wrong-key-id:0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const emulatorOptions = {requests: 100, keys: {[goodKey]: ['fal-ai']}};

/** For the tests that type no key: the others run against an emulator of their own per typing mode. */
let emulator: Emulator;
const scratch: string[] = [];

beforeAll(async () => {
	emulator = await startEmulator({port: 0, ...emulatorOptions});
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	disposeRuns();
	for (const directory of scratch.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

function permissions(target: string): number {
	return fs.statSync(target).mode & 0o777;
}

function configFile(run: CliRun): string {
	return path.join(run.configHome, 'falreq', 'config.json');
}

// Wide enough that no sentence or path wraps, so assertions can match whole lines.
function login(on: Emulator): CliRun {
	return spawnCli(['login'], {cols: 160, env: {FALREQ_API_URL: on.url}});
}

describe('falreq login', () => {
	it('refuses a wrong key with a sentence, accepts the right one on retry, and stores it privately', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = login(emulator);
			await run.waitForText('Paste your fal API key');

			// A key and Enter read together: Enter checks the whole key.
			await run.type(`${wrongKey}<enter>`, mode);
			await run.waitForText('Try again, or press Esc to cancel.');
			// The refusal is a sentence from the API check, and the input starts empty again.
			expect(run.screen()).toMatch(/rejected[^\n]*\. Try again, or press Esc to cancel\./);
			expect(run.screen()).not.toContain('•');

			await run.type(`${goodKey}<enter>`, mode);
			await run.waitForText('Key checked and stored in');
			expect(await run.exited).toEqual({exitCode: 0});
			// One check per attempt, each answered by the emulator.
			expect(emulator.log.map(entry => entry.status)).toEqual([401, 200]);

			const file = configFile(run);
			expect(run.screen()).toContain(`Key checked and stored in ${file}`);
			expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({apiKey: goodKey});
			expect(permissions(file)).toBe(0o600);
			expect(permissions(path.dirname(file))).toBe(0o700);

			for (const key of [wrongKey, goodKey]) {
				expect(run.output()).not.toContain(key);
				expect(run.screen()).not.toContain(key);
			}

			return maskText(run.screen(), run.configHome);
		}, {emulator: emulatorOptions});
	});

	it('does not write the key through a config file that is a symbolic link to a file elsewhere', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = login(emulator);
			const elsewhere = path.join(run.home, 'dotfiles', 'falreq.json');
			fs.mkdirSync(path.dirname(elsewhere), {recursive: true});
			fs.writeFileSync(elsewhere, '{}\n', {mode: 0o644});
			const file = configFile(run);
			fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
			fs.symlinkSync(elsewhere, file);
			await run.waitForText('Paste your fal API key');

			await run.type(`${goodKey}<enter>`, mode);
			const sentence = `The config file ${file} is a symbolic link (to ${elsewhere}), and falreq writes your key only into a file of its own. Remove the link, then try again.`;
			expect((await run.exited).exitCode).toBe(1);
			// Wrapped at the terminal's width, between words.
			expect(run.screen().replaceAll('\n', ' ')).toContain(sentence);
			expect(fs.readFileSync(elsewhere, 'utf8')).toBe('{}\n');
			expect(permissions(elsewhere)).toBe(0o644);
			expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
			return maskText(maskText(run.screen(), run.home), run.configHome);
		}, {emulator: emulatorOptions});
	});

	it('refuses an empty key inline, and Esc cancels without storing anything', async () => {
		await inBothModes(async ({mode, emulator}) => {
			const run = login(emulator);
			await run.waitForText('Paste your fal API key');
			await run.type('<enter>', mode);
			await run.waitForText('Nothing was typed');

			await run.type('<esc>', mode);
			await run.waitForText('Cancelled; no key was stored.');
			expect((await run.exited).exitCode).toBe(1);
			expect(fs.existsSync(configFile(run))).toBe(false);
			return run.screen();
		}, {emulator: emulatorOptions});
	});

	it('asks for a terminal when its input is not one', async () => {
		const result = await runPiped(['login'], {FALREQ_API_URL: emulator.url});
		expect(result).toMatchObject({code: 2, stdout: ''});
		expect(result.stderr).toContain('falreq login needs a terminal; set FAL_KEY instead');
	});
});

describe('falreq logout', () => {
	it('removes the stored key, says so, and mentions a FAL_KEY still set', async () => {
		const configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-logout-'));
		scratch.push(configHome);
		const store = openConfig({env: {XDG_CONFIG_HOME: configHome}});
		store.setKey(goodKey);

		const first = spawnCli(['logout'], {env: {XDG_CONFIG_HOME: configHome, FAL_KEY: wrongKey}});
		expect((await first.exited).exitCode).toBe(0);
		expect(first.screen()).toContain('Removed the stored key from');
		expect(first.screen()).toContain('FAL_KEY is still set');
		expect(store.getKey()).toBeUndefined();

		const second = spawnCli(['logout'], {env: {XDG_CONFIG_HOME: configHome}});
		expect((await second.exited).exitCode).toBe(0);
		expect(second.screen()).toContain('No key was stored in');
		expect(second.screen()).not.toContain('FAL_KEY');

		for (const run of [first, second]) {
			expect(run.output()).not.toContain(goodKey);
			expect(run.output()).not.toContain(wrongKey);
		}
	});
});
