import type {RequestItem} from '../../source/api/types.js';

/** A finished 200 request numbered `serial` (its id ends in it); override what the test is about. */
function rowNumbered(serial: number, fields: Partial<RequestItem>): RequestItem {
	return {
		request_id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
		endpoint_id: 'fal-ai/flux/dev',
		sent_at: '2026-03-01T11:59:00Z',
		started_at: '2026-03-01T11:59:01Z',
		ended_at: '2026-03-01T12:00:00Z',
		status_code: 200,
		duration: 1,
		runner_id: null,
		...fields,
	};
}

let serial = 0;

/** A finished 200 request; override what the test is about. */
export function makeRow(fields: Partial<RequestItem> = {}): RequestItem {
	serial++;
	return rowNumbered(serial, fields);
}

/** Hand-built rows kept by name, each with its own id in the order made: `row('oom', {...})`, then `named.oom`. */
export function namedRows(defaults: Partial<RequestItem> = {}): {named: Record<string, RequestItem>; row: (name: string, fields: Partial<RequestItem>) => RequestItem} {
	const named: Record<string, RequestItem> = {};
	const row = (name: string, fields: Partial<RequestItem>): RequestItem => {
		const item = rowNumbered(Object.keys(named).length + 1, {...defaults, ...fields});
		named[name] = item;
		return item;
	};

	return {named, row};
}
