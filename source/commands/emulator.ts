import {demoKey, startEmulator, type Faults, type ServerErrorBody, type ServerErrorStatus} from '../emulator/server.js';

/** One line for `--help`: the syntax of `--fault`. */
export const emulatorFaultHelp =
	'--fault KIND:TIMES[:ARG] (repeatable; TIMES is a count or inf): 429:3[:RETRY_AFTER_SECONDS] (429:every3 for every third request), 500|502|503|504:2[:json|html|empty], drop:1, truncate:1, locked:1, hostile:1, new:ROWS_PER_PAGE';

export type EmulatorFlags = {
	/** Port on 127.0.0.1; default 4747 (0 picks a free one). */
	port?: number;
	/** Seed of the data; default 42. */
	seed?: number;
	/** Rows of history; default 20,000. */
	requests?: number;
	/** Milliseconds added to every answer; default 0. */
	latency?: number;
	/** Faults as `KIND:TIMES[:ARG]`, see emulatorFaultHelp; default none. */
	fault?: string[];
};

/** Where the command writes, and what else stops it; tests pass their own. */
export type EmulatorIo = {
	/** Default process.stdout. */
	stdout?: NodeJS.WritableStream;
	/** Default process.stderr. */
	stderr?: NodeJS.WritableStream;
	/** Stops the emulator when aborted, like SIGINT; default none. */
	signal?: AbortSignal;
};

export const defaultEmulatorPort = 4747;

/** A `--fault` value or another flag that cannot be used; the message says why. */
export class EmulatorFlagError extends Error {}

const serverErrorStatuses = new Set<number>([500, 502, 503, 504]);
const serverErrorBodies = new Set<string>(['json', 'html', 'empty']);

function countOf(text: string | undefined, flag: string): number {
	if (text === 'inf') {
		return Number.POSITIVE_INFINITY;
	}

	if (text === undefined || !/^[1-9]\d*$/.test(text)) {
		throw new EmulatorFlagError(`--fault ${flag}: give how many times as a whole number above 0 or inf, for example ${flag.split(':')[0]}:3.`);
	}

	return Number(text);
}

function faultOf(flag: string): Faults {
	const [kind = '', times, argument] = flag.split(':');
	const noArgument = () => {
		if (argument !== undefined) {
			throw new EmulatorFlagError(`--fault ${flag}: ${kind} takes no third part.`);
		}
	};

	if (serverErrorStatuses.has(Number(kind))) {
		if (argument !== undefined && !serverErrorBodies.has(argument)) {
			throw new EmulatorFlagError(`--fault ${flag}: the body must be json, html or empty.`);
		}

		const status = Number(kind) as ServerErrorStatus;
		return {serverError: {times: countOf(times, flag), status, body: argument as ServerErrorBody | undefined}};
	}

	switch (kind) {
		case '429': {
			if (argument !== undefined && !/^\d+$/.test(argument)) {
				throw new EmulatorFlagError(`--fault ${flag}: Retry-After must be a whole number of seconds.`);
			}

			const retryAfter = argument === undefined ? undefined : Number(argument);
			if (!times?.startsWith('every')) {
				return {rateLimit: {times: countOf(times, flag), retryAfter}};
			}

			const every = /^every([1-9]\d*)$/.exec(times)?.[1];
			if (every === undefined) {
				throw new EmulatorFlagError(`--fault ${flag}: after every give a whole number above 0, for example 429:every3.`);
			}

			return {rateLimit: {every: Number(every), retryAfter}};
		}

		case 'drop':
		case 'truncate':
		case 'locked':
		case 'hostile': {
			noArgument();
			return {[kind]: {times: countOf(times, flag)}};
		}

		case 'new': {
			noArgument();
			return {newRequests: {perPage: countOf(times, flag)}};
		}

		default: {
			throw new EmulatorFlagError(`--fault ${flag}: unknown fault '${kind}'. Use ${emulatorFaultHelp.slice(emulatorFaultHelp.indexOf(': ') + 2)}.`);
		}
	}
}

/** Faults from `--fault` values; throws EmulatorFlagError on a bad value or a kind given twice. */
export function parseFaultFlags(flags: readonly string[]): Faults {
	const faults: Faults = {};
	for (const flag of flags) {
		const fault = faultOf(flag);
		const name = Object.keys(fault)[0] as keyof Faults;
		if (name in faults) {
			throw new EmulatorFlagError(`--fault ${flag}: only one ${name === 'serverError' ? '5xx' : flag.split(':')[0]} fault can be given.`);
		}

		Object.assign(faults, fault);
	}

	return faults;
}

function checkWhole(name: string, value: number | undefined, min: number, max: number): void {
	if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
		throw new EmulatorFlagError(`--${name} must be a whole number from ${min} to ${max}, not ${value}.`);
	}
}

function startFailure(error: unknown, port: number): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EADDRINUSE') {
		return `Port ${port} is already in use: choose another with --port, or --port 0 for any free one.`;
	}

	if (code === 'EACCES') {
		return `Port ${port} needs privileges this user does not have: choose a port above 1023.`;
	}

	return `The emulator could not start: ${(error as Error).message}`;
}

/** `falreq emulator`: serves the emulated API until SIGINT or SIGTERM. Resolves 0 when stopped, 1 or 2 when it cannot start. */
export async function runEmulator(flags: EmulatorFlags, io: EmulatorIo = {}): Promise<number> {
	const stdout = io.stdout ?? process.stdout;
	const stderr = io.stderr ?? process.stderr;
	let faults: Faults;
	try {
		checkWhole('port', flags.port, 0, 65_535);
		checkWhole('seed', flags.seed, 0, 4_294_967_295);
		checkWhole('requests', flags.requests, 100, 10_000_000);
		checkWhole('latency', flags.latency, 0, 600_000);
		faults = {...parseFaultFlags(flags.fault ?? []), latencyMs: flags.latency};
	} catch (error) {
		stderr.write(`${(error as Error).message}\n`);
		return 2;
	}

	const port = flags.port ?? defaultEmulatorPort;
	let emulator;
	try {
		emulator = await startEmulator({port, seed: flags.seed, requests: flags.requests, faults});
	} catch (error) {
		stderr.write(`${startFailure(error, port)}\n`);
		return 1;
	}

	const faultList = [...(flags.fault ?? []), ...(flags.latency ? [`latency ${flags.latency} ms`] : [])];
	stdout.write(
		[
			`falreq emulator listening on ${emulator.url}`,
			`  demo key: ${demoKey} (owns the fal-ai/... and acme/... endpoints)`,
			`  data:     ${emulator.dataset.size.toLocaleString('en-US')} requests over 7 days, seed ${flags.seed ?? 42}`,
			`  faults:   ${faultList.length > 0 ? faultList.join(', ') : 'none'}`,
			'Point falreq at it:',
			`  FALREQ_API_URL=${emulator.url} FAL_KEY=${demoKey} falreq`,
			`  FALREQ_API_URL=${emulator.url} FAL_KEY=${demoKey} falreq list -e fal-ai/flux/dev`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);

	await new Promise<void>((resolve) => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			io.signal?.removeEventListener('abort', stop);
			resolve();
		};

		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		io.signal?.addEventListener('abort', stop);
		if (io.signal?.aborted) {
			stop();
		}
	});
	await emulator.close();
	return 0;
}
