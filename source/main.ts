/**
 * Flags, dependencies, dispatch. Everything heavy (Ink, React, the emulator)
 * is imported on demand so `--help` and `list` start almost as fast as Node.
 */
import process from 'node:process';
import meow from 'meow';
import type {ApiClient, ClientOptions} from './api/client.js';
import {defaultApiUrl} from './api/api-url.js';
import {lazyClient, withEarlyFirstPage} from './api/lazy-client.js';
import {validateFilters} from './api/query.js';
import {localZone} from './api/zone.js';
import type {Filters} from './api/types.js';
import {resolveKey} from './config/resolve-key.js';
import type {ConfigStore} from './config/store.js';
import {filtersFromFlags, flagSpec, readFlags, usageErrorFromMeow, UsageError, type Flags} from './cli-flags.js';
import {startingForm} from './state/filter-form.js';
import {sanitise} from './terminal/sanitise.js';
import {usage} from './usage.js';

/** Parses the command line; meow's complaints become sentences, as every other mistake. */
function parseCommandLine() {
	try {
		return meow(usage, {
			importMeta: import.meta,
			pkg: {name: 'falreq', version: FALREQ_VERSION},
			description: 'falreq: explore the request history of your fal.ai endpoints.',
			// Checked by readFlags, so that a typo is answered in a sentence like every other mistake.
			allowUnknownFlags: true,
			flags: flagSpec,
		});
	} catch (error) {
		throw usageErrorFromMeow(error);
	}
}

type Connection = {
	client: ApiClient;
	/** Where the client sends requests and with which key. */
	options: ClientOptions;
	/** Loads what the client needs, ahead of its first request. */
	preload?: () => void;
	/** The emulator's endpoints when running the demo: something to show before the user types a filter. */
	demoEndpoints?: readonly string[];
	stop?: () => Promise<void>;
};

async function connect(flags: Flags, apiKey: string | undefined): Promise<Connection> {
	if (flags.demo) {
		const {createClient} = await import('./api/client.js');
		const {startEmulator, demoKey} = await import('./emulator/server.js');
		const emulator = await startEmulator({port: 0});
		const options = {apiUrl: emulator.url, apiKey: demoKey};
		return {
			client: createClient(options),
			options,
			demoEndpoints: emulator.dataset.endpoints,
			stop: () => emulator.close(),
		};
	}

	if (apiKey === undefined) {
		throw new UsageError('No API key: run `falreq login`, or set FAL_KEY. To try falreq without one, run `falreq --demo`.');
	}

	const options = {apiUrl: apiUrl(flags), apiKey};
	const client = lazyClient(options);
	return {client, options, preload: client.preload};
}

/**
 * The explorer, Ink and yoga-layout.
 *
 * yoga-layout fetches its embedded wasm through a data: URL whenever a global
 * fetch exists, and the first fetch makes Node load undici, about a tenth of
 * the start-up; without one it decodes the wasm in place.
 *
 * While the wasm compiles, nothing else may be pending. Node then treats the
 * event loop as finished and, before going on, waits for all of V8's
 * background work: every concurrent compile of the code run so far. On two
 * cores that held back the first frames by tens of ms. A timer keeps the
 * loop alive meanwhile.
 */
async function importExplorer(): Promise<typeof import('./explorer.js')> {
	const hold = setInterval(() => undefined, 2 ** 31 - 1);
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (fetch !== undefined) {
		Object.defineProperty(globalThis, 'fetch', {...fetch, value: undefined});
	}

	try {
		return await import('./explorer.js');
	} finally {
		if (fetch !== undefined) {
			Object.defineProperty(globalThis, 'fetch', fetch);
		}

		clearInterval(hold);
	}
}

/**
 * The filters the command line gives, or undefined when it gives none. The
 * demo (given its endpoints) looks at its own endpoints unless the flags name
 * others; the other flags narrow it.
 */
function startingFilters(flags: Flags, demoEndpoints: readonly string[] | undefined): Filters | undefined {
	const flagged = filtersFromFlags(flags);
	if (demoEndpoints === undefined) {
		return flagged;
	}

	return {...flagged, endpointIds: flagged?.endpointIds.length ? flagged.endpointIds : [...demoEndpoints]};
}

/** The filters last used, or undefined when there are none or they cannot be read: the explorer then asks for them. */
function rememberedFilters(store: ConfigStore): Filters | undefined {
	try {
		return store.getLastFilters();
	} catch {
		return undefined;
	}
}

function apiUrl(flags: Flags): string {
	return flags.apiUrl ?? process.env['FALREQ_API_URL'] ?? defaultApiUrl;
}

async function main(): Promise<number> {
	const cli = parseCommandLine();
	// meow answers --help by itself only when no command is given (`falreq list --help`).
	if (cli.unnormalizedFlags['help'] === true) {
		cli.showHelp(0);
	}

	const flags = readFlags(cli.flags, cli.unnormalizedFlags);
	const [command = 'explore', ...rest] = cli.input;
	if (rest.length > 0) {
		throw new UsageError(`Unexpected argument "${sanitise(rest[0]!)}". See \`falreq --help\`.`);
	}

	if (command === 'emulator') {
		const {runEmulator} = await import('./commands/emulator.js');
		return runEmulator({port: flags.port, seed: flags.seed, requests: flags.requests, latency: flags.latency, fault: flags.fault});
	}

	// The config (conf and its schema validator) is loaded only when something reads or writes it.
	let opened: ConfigStore | undefined;
	const config = async () => (opened ??= (await import('./config/store.js')).openConfig({env: process.env}));
	const storedKey = async () => {
		const fromEnv = resolveKey(process.env, {getKey: () => undefined});
		if (fromEnv !== undefined) {
			return fromEnv.key;
		}

		const store = await config();
		const resolved = resolveKey(process.env, store);
		const warning = resolved === undefined ? undefined : store.permissionWarning();
		if (warning !== undefined) {
			process.stderr.write(`falreq: ${warning}\n`);
		}

		return resolved?.key;
	};

	switch (command) {
		case 'login': {
			const {runLogin} = await import('./commands/login.js');
			const {createClient} = await import('./api/client.js');
			const {verifyKey} = await import('./api/verify-key.js');
			return runLogin({store: await config(), verifyKey: key => verifyKey(createClient({apiUrl: apiUrl(flags), apiKey: key}), flags.endpoint?.[0])});
		}

		case 'logout': {
			const {runLogout} = await import('./commands/logout.js');
			return runLogout({store: await config(), stdout: process.stdout});
		}

		case 'list': {
			// The demo's emulator runs in-process, here first: the filters need its endpoints.
			const demo = flags.demo ? await connect(flags, undefined) : undefined;
			try {
				// list has no UTC switch: its times, shown and typed, are local (TZ).
				const result = validateFilters(startingFilters(flags, demo?.demoEndpoints) ?? {endpointIds: []}, new Date(), localZone());
				if (!result.ok) {
					throw new UsageError(result.problems.map(problem => problem.message).join('\n'));
				}

				const {client} = demo ?? (await connect(flags, await storedKey()));
				const {runList} = await import('./commands/list.js');
				return await runList({
					client,
					query: result.query,
					maxRows: flags.max,
					// meow gives every boolean flag a default of false.
					isAll: flags.all === true,
					concurrency: flags.concurrency,
					isJson: flags.json || !process.stdout.isTTY,
					stdout: process.stdout,
					stderr: process.stderr,
				});
			} finally {
				await demo?.stop?.();
			}
		}

		case 'explore': {
			if (!process.stdin.isTTY || !process.stdout.isTTY) {
				throw new UsageError('The explorer needs a terminal. To print requests instead, run `falreq list` (JSON lines when piped).');
			}

			const connection = await connect(flags, flags.demo ? undefined : await storedKey());
			const isDemo = connection.demoEndpoints !== undefined;
			// The demo always has filters, so it leaves the user's own config alone.
			// Otherwise conf (a sixth of the start-up) is loaded before the first frame only when it holds the filters.
			const initialFilters = startingFilters(flags, connection.demoEndpoints) ?? rememberedFilters(await config());
			const startedAt = new Date();
			const {query} = startingForm(initialFilters, filters => validateFilters(filters, startedAt, localZone()));
			const early = query === undefined ? undefined : withEarlyFirstPage(connection.client, connection.options, query);
			const {runExplorer} = await importExplorer();
			try {
				return await runExplorer({
					client: early?.client ?? connection.client,
					firstPage: early?.take(),
					// Payloads and the next pages go through got: it loads while the user reads the first rows.
					afterFirstFrame: connection.preload,
					async login(key) {
						const {createClient} = await import('./api/client.js');
						const {verifyKey} = await import('./api/verify-key.js');
						const client = createClient({apiUrl: apiUrl(flags), apiKey: key});
						const verdict = await verifyKey(client);
						if (!verdict.ok) {
							return verdict;
						}

						if (!isDemo) {
							(await config()).setKey(key);
						}

						return {ok: true, client};
					},
					initialFilters,
					startedAt,
					async saveFilters(filters) {
						if (!isDemo) {
							(await config()).setLastFilters(filters);
						}
					},
					now: () => new Date(),
					env: process.env,
					label: isDemo ? 'demo' : undefined,
				});
			} finally {
				await connection.stop?.();
			}
		}

		default: {
			throw new UsageError(`Unknown command "${sanitise(command)}". Commands: list, login, logout, emulator. See \`falreq --help\`.`);
		}
	}
}

/** Runs the command line and returns the exit code; never throws. */
export async function run(): Promise<number> {
	try {
		return await main();
	} catch (error) {
		// A sentence, never a stack trace; usage mistakes exit 2, everything else 1.
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`falreq: ${message}\n`);
		return error instanceof UsageError ? 2 : 1;
	}
}
