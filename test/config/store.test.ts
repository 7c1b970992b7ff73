import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {inspect} from 'node:util';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError} from '../../source/config/config-error.js';
import {resolveKey} from '../../source/config/resolve-key.js';
import {openConfig, type ConfigStore} from '../../source/config/store.js';

const key = 'k3y-id:s3cret-value-0123456789';

let root: string;
let env: NodeJS.ProcessEnv;

function mode(target: string): number {
	return fs.statSync(target).mode & 0o777;
}

function writeConfig(text: string): string {
	const file = path.join(root, 'xdg', 'falreq', 'config.json');
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	fs.writeFileSync(file, text, {mode: 0o600});
	return file;
}

function caught(action: () => unknown): ConfigError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}

	throw new Error('expected a ConfigError');
}

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-config-'));
	env = {XDG_CONFIG_HOME: path.join(root, 'xdg'), HOME: path.join(root, 'home')};
});

afterEach(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

describe('where the config lives', () => {
	it('is $XDG_CONFIG_HOME/falreq/config.json', () => {
		expect(openConfig({env}).path).toBe(path.join(root, 'xdg', 'falreq', 'config.json'));
	});

	it('falls back to ~/.config/falreq when XDG_CONFIG_HOME is unset or relative', () => {
		const expected = path.join(root, 'home', '.config', 'falreq', 'config.json');
		expect(openConfig({env: {HOME: env['HOME']}}).path).toBe(expected);
		expect(openConfig({env: {HOME: env['HOME'], XDG_CONFIG_HOME: 'relative/dir'}}).path).toBe(expected);
	});

	it('touches nothing until the store is used', () => {
		openConfig({env});
		expect(fs.existsSync(path.join(root, 'xdg'))).toBe(false);
	});
});

describe('the stored key', () => {
	it('survives a restart, in a file only its owner can read', () => {
		const store = openConfig({env});
		expect(store.getKey()).toBeUndefined();
		store.setKey(key);

		expect(openConfig({env}).getKey()).toBe(key);
		expect(mode(store.path)).toBe(0o600);
		expect(mode(path.dirname(store.path))).toBe(0o700);
	});

	it('makes the directory 0700 and the file 0600 even under a permissive umask', () => {
		const previous = process.umask(0);
		try {
			const store = openConfig({env});
			store.setKey(key);
			expect(mode(store.path)).toBe(0o600);
			expect(mode(path.dirname(store.path))).toBe(0o700);
		} finally {
			process.umask(previous);
		}
	});

	it('tightens a world-readable file when the key is written', () => {
		const file = writeConfig('{}');
		fs.chmodSync(file, 0o644);
		openConfig({env}).setKey(key);
		expect(mode(file)).toBe(0o600);
	});

	it('is forgotten by deleteKey, which says whether there was one and keeps the other settings', () => {
		const store = openConfig({env});
		store.setLastFilters({endpointIds: ['fal-ai/flux/dev'], status: 'error'});
		store.setKey(key);

		expect(store.deleteKey()).toBe(true);
		expect(store.deleteKey()).toBe(false);
		expect(store.getKey()).toBeUndefined();
		expect(fs.readFileSync(store.path, 'utf8')).not.toContain(key);
		expect(store.getLastFilters()).toEqual({endpointIds: ['fal-ai/flux/dev'], status: 'error'});
	});

	it('is not written through a config file that is a symbolic link, which still reads, and logout still takes a key out of it', () => {
		const elsewhere = path.join(root, 'dotfiles', 'falreq.json');
		fs.mkdirSync(path.dirname(elsewhere));
		fs.writeFileSync(elsewhere, JSON.stringify({apiKey: 'old'}), {mode: 0o644});
		const file = writeConfig('');
		fs.rmSync(file);
		fs.symlinkSync(elsewhere, file);
		const store = openConfig({env});

		const error = caught(() => store.setKey(key));
		expect(error.kind).toBe('io');
		expect(error.message).toBe(`The config file ${file} is a symbolic link (to ${elsewhere}), and falreq writes your key only into a file of its own. Remove the link, then try again.`);
		expect(() => store.setLastFilters({endpointIds: ['fal-ai/flux/dev']})).toThrow(error.message);
		expect(fs.readFileSync(elsewhere, 'utf8')).toBe(JSON.stringify({apiKey: 'old'}));
		expect(store.getKey()).toBe('old');

		expect(store.deleteKey()).toBe(true);
		expect(fs.readFileSync(elsewhere, 'utf8')).not.toContain('old');
		expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
	});

	it('refuses to store an empty key', () => {
		expect(() => openConfig({env}).setKey('')).toThrow(TypeError);
	});
});

describe('a corrupt config file', () => {
	it('that is not JSON gives a sentence naming the file and the way out, never the contents', () => {
		const file = writeConfig(`{"apiKey": "${key}",,}`);
		const error = caught(() => openConfig({env}).getKey());

		expect(error.kind).toBe('corrupt');
		expect(error.message).toBe(`The config file ${file} is not valid JSON. Delete it or run \`falreq logout\`, then \`falreq login\` again.`);
		expect(inspect(error)).not.toContain(key);
		expect(error.cause).toBeUndefined();
	});

	it('that does not match the schema says what is wrong', () => {
		const file = writeConfig(JSON.stringify({apiKey: 42, lastFilters: {endpointIds: ['a'], status: 'nope'}}));
		const error = caught(() => openConfig({env}).getLastFilters());

		expect(error.kind).toBe('corrupt');
		expect(error.message).toContain(file);
		expect(error.message).toContain('apiKey');
		expect(error.message).toContain('falreq logout');
	});

	it('can be erased, after which the store starts empty', () => {
		writeConfig('not json');
		const store = openConfig({env});
		expect(() => store.getKey()).toThrow(ConfigError);

		store.erase();
		expect(store.getKey()).toBeUndefined();
		store.setKey(key);
		expect(store.getKey()).toBe(key);
	});

	it('that cannot be read is an io ConfigError naming the file', () => {
		const file = path.join(root, 'xdg', 'falreq', 'config.json');
		fs.mkdirSync(file, {recursive: true});
		const error = caught(() => openConfig({env}).getKey());

		expect(error.kind).toBe('io');
		expect(error.message).toContain(file);
		expect(error.message).toContain('EISDIR');
	});
});

describe('permission warnings', () => {
	it('stay quiet when the file is 0600 and the directory 0700', () => {
		const store = openConfig({env});
		store.setKey(key);
		expect(store.permissionWarning()).toBeUndefined();
	});

	it('name the directory and the file when others can read them', () => {
		const store = openConfig({env});
		store.setKey(key);
		fs.chmodSync(path.dirname(store.path), 0o755);
		fs.chmodSync(store.path, 0o644);

		const warning = store.permissionWarning();
		expect(warning).toContain(`config directory ${path.dirname(store.path)} has mode 755`);
		expect(warning).toContain(`config file ${store.path}`);
		expect(warning).toContain('chmod 600');
		expect(warning).not.toContain(key);
	});
});

describe('resolveKey', () => {
	const throwingStore: Pick<ConfigStore, 'getKey'> = {
		getKey() {
			throw new Error('the store must not be read when FAL_KEY is set');
		},
	};

	it('prefers FAL_KEY and then does not read the store', () => {
		expect(resolveKey({FAL_KEY: 'from-env'}, throwingStore)).toEqual({key: 'from-env', source: 'env'});
	});

	it('uses the stored key when FAL_KEY is unset or blank', () => {
		const store = openConfig({env});
		store.setKey(key);
		expect(resolveKey({}, store)).toEqual({key, source: 'config'});
		expect(resolveKey({FAL_KEY: '  '}, store)).toEqual({key, source: 'config'});
	});

	it('finds nothing when there is no key anywhere', () => {
		expect(resolveKey({}, openConfig({env}))).toBeUndefined();
	});
});
