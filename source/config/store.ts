import fs from 'node:fs';
import path from 'node:path';
import Conf, {type Schema} from 'conf';
import {sortKeys, statuses, type Filters} from '../api/types.js';
import {sanitise} from '../terminal/sanitise.js';
import {ConfigError} from './config-error.js';
import {configDirectory} from './paths.js';
import {permissionWarning} from './permissions.js';

/** What falreq keeps between runs. */
export type Settings = {
	apiKey?: string;
	lastFilters?: Filters;
};

const schema: Schema<Settings> = {
	apiKey: {type: 'string', minLength: 1},
	lastFilters: {
		type: 'object',
		properties: {
			endpointIds: {type: 'array', items: {type: 'string'}},
			start: {type: 'string'},
			isQuickRange: {type: 'boolean'},
			end: {type: 'string'},
			status: {enum: [...statuses]},
			requestId: {type: 'string'},
			sortBy: {enum: [...sortKeys]},
			billing: {type: 'boolean'},
			limit: {type: 'integer', minimum: 1, maximum: 100},
		},
		required: ['endpointIds'],
	},
};

/** The stored config. Every method may throw a ConfigError. */
export type ConfigStore = {
	/** The config file's absolute path. */
	readonly path: string;
	getKey(): string | undefined;
	setKey(key: string): void;
	/** Forgets the stored key; true when there was one. */
	deleteKey(): boolean;
	getLastFilters(): Filters | undefined;
	setLastFilters(filters: Filters): void;
	/** Removes the config file altogether: the way out of a corrupt one. */
	erase(): void;
	/** A warning sentence when the file or its directory can be read by others; undefined when not. */
	permissionWarning(): string | undefined;
};

export type OpenConfigOptions = {
	/** Where XDG_CONFIG_HOME and HOME are read. Default: process.env. */
	env?: NodeJS.ProcessEnv;
};

function schemaProblem(message: string): string | undefined {
	const prefix = 'Config schema violation: ';
	return message.startsWith(prefix) ? message.slice(prefix.length) : undefined;
}

// Node's JSON.parse messages quote the text around the fault, which may be the
// key, so neither the message nor the original error is ever kept.
function toConfigError(error: unknown, file: string): ConfigError {
	if (error instanceof ConfigError) {
		return error;
	}

	const remedy = `Delete it or run \`falreq logout\`, then \`falreq login\` again.`;
	if (error instanceof SyntaxError) {
		return new ConfigError(`The config file ${file} is not valid JSON. ${remedy}`, file, 'corrupt');
	}

	const message = error instanceof Error ? error.message : '';
	const problem = schemaProblem(message);
	if (problem !== undefined) {
		return new ConfigError(`The config file ${file} holds settings falreq does not understand (${sanitise(problem)}). ${remedy}`, file, 'corrupt');
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
	return new ConfigError(`falreq could not use its config file ${file} (${code}). Check that you own it and its directory, and that the disk is writable.`, file, 'io');
}

function makeDirectory(directory: string): void {
	// mkdir's mode is filtered by the umask; chmod makes a new directory exactly 0700.
	const created = fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	if (created !== undefined) {
		fs.chmodSync(directory, 0o700);
	}
}

/**
 * conf writes through a symbolic link to wherever it points (a dotfiles
 * repository, another user's file): the key would go there. Such a file is
 * refused for writing; the user removes the link, or points it elsewhere.
 */
function refuseLink(file: string): void {
	let target: string;
	try {
		target = fs.readlinkSync(file);
	} catch {
		// Not a link, or not there yet.
		return;
	}

	throw new ConfigError(
		`The config file ${file} is a symbolic link (to ${sanitise(target)}), and falreq writes your key only into a file of its own. Remove the link, then try again.`,
		file,
		'io',
	);
}

/**
 * Opens the config lazily: nothing is read or created until a method needs it,
 * so a run with FAL_KEY set never touches the file.
 */
export function openConfig(options: OpenConfigOptions = {}): ConfigStore {
	const directory = configDirectory(options.env ?? process.env);
	const file = path.join(directory, 'config.json');
	let conf: Conf<Settings> | undefined;

	function guard<T>(action: (store: Conf<Settings>) => T): T {
		try {
			if (conf === undefined) {
				makeDirectory(directory);
				conf = new Conf<Settings>({
					projectName: 'falreq',
					cwd: directory,
					schema,
					// The schema is a constant that tests exercise; checking it against the
					// draft-2020 meta-schema on every start would cost about 50 ms.
					ajvOptions: {validateSchema: false},
					defaults: {},
					accessPropertiesByDotNotation: false,
					configFileMode: 0o600,
				});
			}

			return action(conf);
		} catch (error) {
			throw toConfigError(error, file);
		}
	}

	/** As guard, for an action that writes the file. */
	function guardWrite<T>(action: (store: Conf<Settings>) => T): T {
		return guard(store => {
			refuseLink(file);
			return action(store);
		});
	}

	return {
		path: file,
		getKey: () => guard(store => store.get('apiKey')),
		setKey(key) {
			if (key.length === 0) {
				throw new TypeError('An empty key cannot be stored.');
			}

			guardWrite(store => store.set('apiKey', key));
		},
		deleteKey: () =>
			guard(store => {
				const had = store.has('apiKey');
				// Through a link too: taking the key out of wherever it went is what the user wants.
				if (had) {
					store.delete('apiKey');
				}

				return had;
			}),
		getLastFilters: () => guard(store => store.get('lastFilters')),
		setLastFilters(filters) {
			guardWrite(store => store.set('lastFilters', filters));
		},
		erase() {
			try {
				fs.rmSync(file, {force: true});
			} catch (error) {
				throw toConfigError(error, file);
			}
		},
		permissionWarning: () => permissionWarning(file),
	};
}
