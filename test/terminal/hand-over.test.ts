import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {handOverTerminal, openInPager} from '../../source/terminal/hand-over.js';

let directory: string;
beforeEach(async () => {
	directory = await fs.mkdtemp(path.join(os.tmpdir(), 'falreq-hand-over-'));
});
afterEach(async () => {
	await fs.rm(directory, {recursive: true, force: true});
});

/** A stand-in pager or editor: records its arguments, the file's mode and content, then exits with `status`. */
async function standIn(name: string, status = 0): Promise<string> {
	const script = path.join(directory, name);
	const record = path.join(directory, `${name}.record`);
	await fs.writeFile(
		script,
		`#!/bin/sh\nprintf '%s\\n' "$@" > "${record}.args"\nfor file; do :; done\nstat -c %a "$file" > "${record}.mode"\n/bin/cat "$file" > "${record}.content"\nexit ${status}\n`,
		{mode: 0o755},
	);
	return script;
}

async function recorded(name: string): Promise<{args: string[]; mode: string; content: string}> {
	const record = path.join(directory, `${name}.record`);
	const read = async (suffix: string) => fs.readFile(`${record}.${suffix}`, 'utf8');
	return {args: (await read('args')).trim().split('\n'), mode: (await read('mode')).trim(), content: await read('content')};
}

describe('openInPager', () => {
	test('runs $PAGER (with its arguments) on a private temporary file and removes it afterwards', async () => {
		const pager = await standIn('pager');
		const text = '{\n  "a": 1\n}';
		const result = await openInPager(text, {env: {PAGER: `${pager} -R`, PATH: '/usr/bin:/bin'}});
		expect(result).toEqual({ok: true});
		const {args, mode, content} = await recorded('pager');
		expect(args[0]).toBe('-R');
		expect(args[1]).toMatch(/falreq-.+\/payload\.json$/);
		expect(mode).toBe('600');
		expect(content).toBe(text);
		await expect(fs.access(args[1]!)).rejects.toThrow();
	});

	test('runs $VISUAL or $EDITOR for the editor', async () => {
		const editor = await standIn('editor');
		expect(await openInPager('x', {env: {EDITOR: editor, PATH: '/usr/bin:/bin'}, command: 'editor'})).toEqual({ok: true});
		expect((await recorded('editor')).content).toBe('x');
	});

	test('says in words when the program is missing or fails, and still removes the file', async () => {
		expect(await openInPager('x', {env: {PAGER: 'no-such-pager-here', PATH: '/usr/bin:/bin'}})).toEqual({
			ok: false,
			message: 'The pager `no-such-pager-here` was not found. Set $PAGER to a program that exists.',
		});
		const failing = await standIn('failing', 3);
		expect(await openInPager('x', {env: {PAGER: failing, PATH: '/usr/bin:/bin'}})).toEqual({ok: false, message: `The pager \`${failing}\` exited with status 3.`});
		await expect(fs.access((await recorded('failing')).args[0]!)).rejects.toThrow();
	});
});

describe('handOverTerminal', () => {
	test('cooked mode and a cursor for the child, then raw mode, a cleared screen and a repaint by Ink', async () => {
		const events: string[] = [];
		const stdin = {
			isTTY: true,
			isRaw: true,
			setRawMode(isRaw: boolean) {
				events.push(`raw ${isRaw}`);
				return stdin;
			},
		} as unknown as NodeJS.ReadStream;
		const stdout = {
			write(data: string) {
				events.push(`out ${JSON.stringify(data)}`);
				return true;
			},
		} as unknown as NodeJS.WriteStream;
		const result = await handOverTerminal({stdin, stdout, write: data => events.push(`ink ${JSON.stringify(data)}`), isAlternateScreen: true}, async () => {
			events.push('child');
			return 7;
		});
		expect(result).toBe(7);
		expect(events).toEqual([
			'raw false',
			'out "\\u001b[?1049l\\u001b[?25h"',
			'child',
			'raw true',
			'out "\\u001b[?1049h\\u001b[?25l\\u001b[2J\\u001b[H"',
			'ink ""',
		]);
	});
});
