import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {saveJson} from '../../source/terminal/save.js';

let directory: string;
beforeEach(async () => {
	directory = await fs.mkdtemp(path.join(os.tmpdir(), 'falreq-save-'));
});
afterEach(async () => {
	await fs.rm(directory, {recursive: true, force: true});
});

test('saves the JSON text as given, with a final newline', async () => {
	const file = path.join(directory, 'out.json');
	const text = '{\n  "n": 123456789012345678901234567890,\n  "e": "caf\\u00e9"\n}';
	expect(await saveJson(text, file)).toEqual({ok: true, path: file});
	expect(await fs.readFile(file, 'utf8')).toBe(`${text}\n`);
});

test('never overwrites without overwrite: true', async () => {
	const file = path.join(directory, 'out.json');
	await fs.writeFile(file, 'precious');
	expect(await saveJson('{"a": 1}', file)).toEqual({ok: false, reason: 'exists', message: `${file} already exists.`});
	expect(await fs.readFile(file, 'utf8')).toBe('precious');
	expect(await saveJson('{\n  "a": 1\n}', file, {overwrite: true})).toEqual({ok: true, path: file});
	expect(await fs.readFile(file, 'utf8')).toBe('{\n  "a": 1\n}\n');
});

test('a relative path is taken from the current directory', async () => {
	const cwd = process.cwd();
	process.chdir(directory);
	try {
		const result = await saveJson('[]', 'rel.json');
		expect(result).toEqual({ok: true, path: path.join(await fs.realpath(directory), 'rel.json')});
	} finally {
		process.chdir(cwd);
	}
});

test('a missing folder is said in words', async () => {
	const file = path.join(directory, 'nope', 'out.json');
	expect(await saveJson('1', file)).toEqual({ok: false, reason: 'error', message: `Could not save to ${file}: the folder does not exist.`});
});
