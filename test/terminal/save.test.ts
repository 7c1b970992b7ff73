import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {saveText} from '../../source/terminal/save.js';

let directory: string;
beforeEach(async () => {
	directory = await fs.mkdtemp(path.join(os.tmpdir(), 'falreq-save-'));
});
afterEach(async () => {
	await fs.rm(directory, {recursive: true, force: true});
});

test('saves the text as given, byte for byte', async () => {
	const file = path.join(directory, 'out.json');
	const text = '{\n  "n": 123456789012345678901234567890, "e": "\\u00e9", "z": -0.0\n}\n';
	expect(await saveText(text, file)).toEqual({ok: true, path: file});
	expect(await fs.readFile(file, 'utf8')).toBe(text);
});

test('never overwrites without overwrite: true', async () => {
	const file = path.join(directory, 'out.json');
	await fs.writeFile(file, 'precious');
	expect(await saveText('{"a": 1}', file)).toEqual({ok: false, reason: 'exists', message: `${file} already exists.`});
	expect(await fs.readFile(file, 'utf8')).toBe('precious');
	expect(await saveText('{"a": 1}', file, {overwrite: true})).toEqual({ok: true, path: file});
	expect(await fs.readFile(file, 'utf8')).toBe('{"a": 1}');
});

test('a relative path is taken from the current directory', async () => {
	const cwd = process.cwd();
	process.chdir(directory);
	try {
		const result = await saveText('[]', 'rel.json');
		expect(result).toEqual({ok: true, path: path.join(await fs.realpath(directory), 'rel.json')});
	} finally {
		process.chdir(cwd);
	}
});

test('a missing folder is said in words', async () => {
	const file = path.join(directory, 'nope', 'out.json');
	expect(await saveText('1', file)).toEqual({ok: false, reason: 'error', message: `Could not save to ${file}: the folder does not exist.`});
});
