import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {copyText, osc52Limit} from '../../source/terminal/clipboard.js';

let directory: string;
let written: string[];
const write = (data: string): void => {
	written.push(data);
};

beforeEach(async () => {
	directory = await fs.mkdtemp(path.join(os.tmpdir(), 'falreq-clipboard-'));
	written = [];
});

afterEach(async () => {
	await fs.rm(directory, {recursive: true, force: true});
});

/** A stand-in clipboard tool on PATH that records what it was given. */
async function fakeTool(name: string): Promise<string> {
	const bin = path.join(directory, 'bin');
	await fs.mkdir(bin, {recursive: true});
	const script = path.join(bin, name);
	await fs.writeFile(script, `#!/bin/sh\necho "$@" > "${directory}/${name}.args"\n/bin/cat > "${directory}/${name}.out"\n`, {mode: 0o755});
	return bin;
}

describe('copyText', () => {
	test('over SSH writes the exact OSC 52 sequence', async () => {
		const result = await copyText('req_123 ✓', {env: {SSH_TTY: '/dev/pts/1', PATH: ''}, write});
		expect(result).toEqual({method: 'osc52', detail: 'OSC 52'});
		expect(written).toEqual([`\u001B]52;c;${Buffer.from('req_123 ✓').toString('base64')}\u0007`]);
		expect(written[0]).toBe('\u001B]52;c;cmVxXzEyMyDinJM=\u0007');
	});

	test('inside a tmux it cannot ask, sends both the plain sequence and the DCS passthrough with every ESC doubled', async () => {
		const result = await copyText('hi', {env: {TMUX: '/tmp/tmux-1000/default,1,0', PATH: ''}, write});
		expect(result).toEqual({method: 'osc52', detail: 'OSC 52 through tmux'});
		expect(written).toEqual(['\u001B]52;c;aGk=\u0007\u001BPtmux;\u001B\u001B]52;c;aGk=\u0007\u001B\\']);
	});

	test('inside GNU screen wraps it in DCS strings of at most 256 bytes, which together make the sequence', async () => {
		const text = 'y'.repeat(400);
		const result = await copyText(text, {env: {STY: '1234.pts-0.host', DISPLAY: ':0', PATH: ''}, write});
		expect(result).toEqual({method: 'osc52', detail: 'OSC 52 through screen'});
		const sent = written.join('');
		expect(sent.startsWith('\u001BP') && sent.endsWith('\u001B\\')).toBe(true);
		const pieces = sent.slice(2, -2).split('\u001B\\\u001BP');
		expect(pieces.length).toBeGreaterThan(2);
		expect(pieces.every(piece => piece.length + 4 <= 256)).toBe(true);
		expect(pieces.join('')).toBe(`\u001B]52;c;${Buffer.from(text).toString('base64')}\u0007`);
	});

	test('inside screen a native tool is not used: the display may be another machine\'s', async () => {
		const bin = await fakeTool('xclip');
		expect(await copyText('s', {env: {STY: '1234.pts-0.host', DISPLAY: ':0', PATH: bin}, write})).toEqual({method: 'osc52', detail: 'OSC 52 through screen'});
	});

	test('locally uses a native tool when present, and writes nothing to the terminal', async () => {
		const bin = await fakeTool('xclip');
		const result = await copyText('local text', {env: {DISPLAY: ':0', PATH: bin}, write});
		expect(result).toEqual({method: 'native', detail: 'xclip'});
		expect(await fs.readFile(path.join(directory, 'xclip.out'), 'utf8')).toBe('local text');
		expect(await fs.readFile(path.join(directory, 'xclip.args'), 'utf8')).toBe('-selection clipboard\n');
		expect(written).toEqual([]);
	});

	test('prefers wl-copy under Wayland, and the tool is ignored over SSH', async () => {
		const bin = await fakeTool('wl-copy');
		expect(await copyText('w', {env: {WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', PATH: bin}, write})).toEqual({method: 'native', detail: 'wl-copy'});
		expect(await copyText('w', {env: {WAYLAND_DISPLAY: 'wayland-0', SSH_CONNECTION: '1 2 3 4', PATH: bin}, write})).toEqual({method: 'osc52', detail: 'OSC 52'});
	});

	test('locally without a tool falls back to OSC 52', async () => {
		expect(await copyText('x', {env: {DISPLAY: ':0', PATH: directory}, write})).toEqual({method: 'osc52', detail: 'OSC 52'});
		expect(written).toHaveLength(1);
	});

	test('above the OSC 52 limit saves to a private file and says where', async () => {
		const text = 'x'.repeat(Math.ceil((osc52Limit * 3) / 4));
		const result = await copyText(text, {env: {SSH_TTY: '/dev/pts/1'}, write, directory});
		expect(result.method).toBe('file');
		expect(written).toEqual([]);
		const file = /saved to (.+)$/.exec(result.detail)![1]!;
		expect(result.detail).toBe(`too large for OSC 52 (75.0 KB): saved to ${file}`);
		expect(path.dirname(file)).toBe(directory);
		expect(await fs.readFile(file, 'utf8')).toBe(text);
		expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
	});

	test('just under the limit still goes by OSC 52', async () => {
		const text = 'x'.repeat(Math.floor((osc52Limit - 10) / 4) * 3);
		await copyText(text, {env: {SSH_TTY: '/dev/pts/1'}, write, directory});
		expect(written[0]!.length).toBeLessThanOrEqual(osc52Limit);
	});
});
