/** The command line's options and their reading into filters: pure, so property tests can drive them. */
import {maxConcurrency} from './api/scan/pacer.js';
import type {Filters, SortBy, Status} from './api/types.js';
import {sanitise} from './terminal/sanitise.js';

/** Options meow reads as strings, to be read as numbers here: meow's Number() takes '' for 0 and 0x10 for 16. */
export const numberFlags = ['limit', 'max', 'concurrency', 'port', 'latency', 'seed', 'requests'] as const;

export const flagSpec = {
	endpoint: {type: 'string', shortFlag: 'e', isMultiple: true},
	status: {type: 'string'},
	start: {type: 'string'},
	end: {type: 'string'},
	since: {type: 'string'},
	requestId: {type: 'string'},
	sort: {type: 'string'},
	limit: {type: 'string'},
	billing: {type: 'boolean'},
	json: {type: 'boolean'},
	max: {type: 'string'},
	all: {type: 'boolean'},
	concurrency: {type: 'string'},
	demo: {type: 'boolean'},
	apiUrl: {type: 'string'},
	port: {type: 'string'},
	latency: {type: 'string'},
	fault: {type: 'string', isMultiple: true},
	seed: {type: 'string'},
	requests: {type: 'string'},
} as const;

/** A mistake in how falreq was called: exit code 2. */
export class UsageError extends Error {}

/** Flags as falreq reads them: meow's, checked, with the numbers read. */
export type Flags = {
	endpoint?: string[];
	status?: string;
	start?: string;
	end?: string;
	since?: string;
	requestId?: string;
	sort?: string;
	limit?: number;
	billing?: boolean;
	json?: boolean;
	max?: number;
	all?: boolean;
	concurrency?: number;
	demo?: boolean;
	apiUrl?: string;
	port?: number;
	latency?: number;
	fault?: string[];
	seed?: number;
	requests?: number;
};

const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/**
 * Checks the flags as meow parsed them with {@link flagSpec} (`parsed`) and as
 * typed (`given`), and reads the numbers: a UsageError for an unknown option
 * or a number option whose value is not written in decimal digits.
 */
export function readFlags(parsed: Record<string, unknown>, given: Record<string, unknown>): Flags {
	const known = new Set(['help', 'version', 'e', ...Object.keys(flagSpec)]);
	const unknown = Object.keys(given).find(name => !known.has(name));
	if (unknown !== undefined) {
		throw new UsageError(`Unknown option ${unknown.length === 1 ? '-' : '--'}${sanitise(kebab(unknown))}. See \`falreq --help\`.`);
	}

	const numbers: Partial<Record<(typeof numberFlags)[number], number>> = {};
	for (const name of numberFlags) {
		const value = parsed[name];
		if (value === undefined) {
			continue;
		}

		if (typeof value !== 'string' || !/^[+-]?\d+(\.\d+)?$/.test(value)) {
			throw new UsageError(`--${kebab(name)} needs a number in decimal digits; it was given '${sanitise(String(value))}'.`);
		}

		numbers[name] = Number(value);
	}

	// A count of rows: below 1, list printed nothing (or that nothing matched) and exited 0, as if it had looked.
	const {max} = numbers;
	if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
		throw new UsageError(`--max takes a whole number of at least 1; it was given '${sanitise(String(parsed['max']))}'.`);
	}

	const {concurrency} = numbers;
	if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= maxConcurrency)) {
		throw new UsageError(`--concurrency takes a whole number from 1 to ${maxConcurrency}; it was given '${sanitise(String(parsed['concurrency']))}'.`);
	}

	return {...(parsed as Flags), ...numbers};
}

/** meow's own complaint about the command line (a single-value option given twice) as a UsageError in words. */
export function usageErrorFromMeow(error: unknown): UsageError {
	const message = error instanceof Error ? error.message : String(error);
	const repeated = /^The flag --(\w+) can only be set once\.$/.exec(message)?.[1];
	return new UsageError(
		repeated === undefined
			? `The command line could not be read: ${sanitise(message)} See \`falreq --help\`.`
			: `--${sanitise(kebab(repeated))} was given more than once; give it once.`,
	);
}

/** Filters as typed on the command line, or undefined when none was given; validation (with sentences) happens in the API layer. */
export function filtersFromFlags(flags: Flags): Filters | undefined {
	if (flags.since !== undefined && flags.start !== undefined) {
		throw new UsageError('Give either --since or --start, not both.');
	}

	const endpointIds = (flags.endpoint ?? []).flatMap(value => value.split(',')).map(id => id.trim()).filter(Boolean);
	const filters: Filters = {
		endpointIds,
		start: flags.since ?? flags.start,
		end: flags.end,
		status: flags.status as Status | undefined,
		requestId: flags.requestId,
		sortBy: flags.sort as SortBy | undefined,
		// meow gives every boolean flag a default of false: only a given --billing counts.
		billing: flags.billing === true ? true : undefined,
		limit: flags.limit,
	};
	const isGiven = endpointIds.length > 0 || Object.entries(filters).some(([key, value]) => key !== 'endpointIds' && value !== undefined);
	return isGiven ? filters : undefined;
}
