/**
 * The query parameters API.md allows, checked from its words alone (not from
 * falreq's own validation), so that a query falreq would send can be judged.
 */

const dayMs = 86_400_000;
const statuses = ['success', 'error', 'user_error'];
const sortKeys = ['ended_at', 'duration'];
const expansions = ['payloads', 'billing'];
const known = new Set(['endpoint_id', 'start', 'end', 'status', 'request_id', 'limit', 'cursor', 'expand', 'sort_by']);

const timePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2})))?$/;
const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function daysIn(year: number, month: number): number {
	const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Epoch ms (fractions of a ms dropped) of an RFC 3339 date-time or YYYY-MM-DD date (four-digit years, 0000 to 9999), or undefined when it is neither. */
export function contractTime(text: string): number | undefined {
	const match = timePattern.exec(text);
	if (!match) {
		return undefined;
	}

	const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map(part => Number(part ?? 0)) as number[] as [number, number, number, number?, number?, number?];
	const offsetHours = Number(match[8] ?? 0);
	const offsetMinutes = Number(match[9] ?? 0);
	if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
		return undefined;
	}

	// setUTCFullYear takes years below 100 as they are; Date.UTC would add 1900.
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, 0);
	const fraction = /\.(\d+)/.exec(text)?.[1];
	const sign = match[7]?.startsWith('-') ? -1 : 1;
	return date.getTime() + (fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** What is wrong with a query as API.md defines it; an empty list when the API must accept it. `now` is the server's clock. */
export function contractProblems(params: URLSearchParams, now: number): string[] {
	const problems: string[] = [];
	const once = (name: string): string | undefined => {
		const values = params.getAll(name);
		if (values.length > 1) {
			problems.push(`${name} is given ${values.length} times`);
		}

		return values[0];
	};

	for (const name of new Set(params.keys())) {
		if (!known.has(name)) {
			problems.push(`unknown parameter ${name}`);
		}
	}

	const ids = params.getAll('endpoint_id').flatMap(value => value.split(','));
	if (ids.length < 1 || ids.length > 50) {
		problems.push(`${ids.length} endpoint ids`);
	}

	for (const id of ids) {
		if (!/^[^\s\u0000-\u001F\u007F-\u009F,]+$/.test(id)) {
			problems.push(`endpoint id ${JSON.stringify(id)}`);
		}
	}

	const requestId = once('request_id');
	if (requestId !== undefined && !uuidPattern.test(requestId)) {
		problems.push(`request_id ${JSON.stringify(requestId)} is not a UUID`);
	}

	const times: Record<'start' | 'end', number | undefined> = {start: undefined, end: undefined};
	for (const name of ['start', 'end'] as const) {
		const text = once(name);
		if (text !== undefined) {
			times[name] = contractTime(text);
			if (times[name] === undefined) {
				problems.push(`${name} ${JSON.stringify(text)} is not an RFC 3339 date-time or a date`);
			}
		}
	}

	const end = times.end ?? now;
	const start = times.start ?? now - (requestId === undefined ? 1 : 90) * dayMs;
	if (!(start < end)) {
		problems.push(`start ${new Date(start).toISOString()} is not before end ${new Date(end).toISOString()}`);
	}

	const limit = once('limit');
	if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100)) {
		problems.push(`limit ${JSON.stringify(limit)}`);
	}

	for (const [name, allowed] of [['status', statuses], ['sort_by', sortKeys]] as const) {
		const value = once(name);
		if (value !== undefined && !allowed.includes(value)) {
			problems.push(`${name} ${JSON.stringify(value)}`);
		}
	}

	for (const value of params.getAll('expand')) {
		if (!expansions.includes(value)) {
			problems.push(`expand ${JSON.stringify(value)}`);
		}
	}

	return problems;
}
