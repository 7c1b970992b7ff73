/** The `falreq …` command line that reproduces a view, for copying into a shell or a bug report. */
import {withZoneOffset} from '../api/time.js';
import type {Filters} from '../api/types.js';

const plain = /^[\w@%+=:,./-]+$/;

/** A POSIX-shell word for the value: as is when it is plain, else single-quoted (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
	return plain.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A start given as an age (`6h`), as the filter pane takes it: `--since` reads better for it. */
export const relative = /^\d+[smhdw]$/;

const defaultLimit = 50;

/**
 * `falreq -e fal-ai/flux/dev --status error --since 6h`: every filter that
 * differs from the default, shell-quoted. A date or time typed without an
 * offset was read in `zone`, and is written with its offset there, so the
 * command means the same window wherever it runs.
 */
export function toCommandLine(filters: Filters, zone: string): string {
	const words = ['falreq'];
	const add = (flag: string, value?: string) => {
		if (value === undefined) {
			words.push(flag);
		} else if (value.startsWith('-')) {
			// A separate word starting with '-' would be read as a flag of its own.
			words.push(`${flag === '-e' ? '--endpoint' : flag}=${shellQuote(value)}`);
		} else {
			words.push(flag, shellQuote(value));
		}
	};

	for (const id of filters.endpointIds) {
		add('-e', id);
	}

	if (filters.start !== undefined) {
		add(relative.test(filters.start) ? '--since' : '--start', withZoneOffset(filters.start, zone));
	}

	if (filters.end !== undefined) {
		add('--end', withZoneOffset(filters.end, zone));
	}

	if (filters.status !== undefined) {
		add('--status', filters.status);
	}

	if (filters.requestId !== undefined) {
		add('--request-id', filters.requestId);
	}

	if (filters.sortBy !== undefined && filters.sortBy !== 'ended_at') {
		add('--sort', filters.sortBy);
	}

	if (filters.limit !== undefined && filters.limit !== defaultLimit) {
		add('--limit', String(filters.limit));
	}

	if (filters.billing) {
		add('--billing');
	}

	return words.join(' ');
}
