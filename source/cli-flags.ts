/** The command line's options and their reading into filters: pure, so property tests can drive them. */
import type {Filters, SortBy, Status} from './api/types.js';
import {sanitise} from './terminal/sanitise.js';

export const flagSpec = {
	endpoint: {type: 'string', shortFlag: 'e', isMultiple: true},
	status: {type: 'string'},
	start: {type: 'string'},
	end: {type: 'string'},
	since: {type: 'string'},
	requestId: {type: 'string'},
	sort: {type: 'string'},
	limit: {type: 'number'},
	billing: {type: 'boolean'},
	json: {type: 'boolean'},
	max: {type: 'number'},
	demo: {type: 'boolean'},
	apiUrl: {type: 'string'},
	port: {type: 'number'},
	latency: {type: 'number'},
	fault: {type: 'string', isMultiple: true},
	seed: {type: 'number'},
	requests: {type: 'number'},
} as const;

/** A mistake in how falreq was called: exit code 2. */
export class UsageError extends Error {}

/** Flags as meow parses them with {@link flagSpec}. */
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
	[name: string]: unknown;
};

const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** Throws a UsageError for an unknown option or a number option that is not a number. */
export function checkFlags(flags: Record<string, unknown>, given: Record<string, unknown>): void {
	const known = new Set(['help', 'version', 'e', ...Object.keys(flagSpec)]);
	const unknown = Object.keys(given).find(name => !known.has(name));
	if (unknown !== undefined) {
		throw new UsageError(`Unknown option ${unknown.length === 1 ? '-' : '--'}${sanitise(kebab(unknown))}. See \`falreq --help\`.`);
	}

	for (const [name, spec] of Object.entries(flagSpec)) {
		if (spec.type === 'number' && Number.isNaN(flags[name])) {
			throw new UsageError(`--${kebab(name)} needs a number.`);
		}
	}
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
