import type {RequestItem} from '../../source/api/types.js';

let serial = 0;

/** A finished 200 request; override what the test is about. */
export function makeRow(fields: Partial<RequestItem> = {}): RequestItem {
	serial++;
	const id = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
	return {
		request_id: id,
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

/** Hand-built rows kept by name, each with its own id in the order made: `row('oom', {...})`, then `named.oom`. */
export function namedRows(defaults: Partial<RequestItem> = {}): {named: Record<string, RequestItem>; row: (name: string, fields: Partial<RequestItem>) => RequestItem} {
	const named: Record<string, RequestItem> = {};
	const row = (name: string, fields: Partial<RequestItem>): RequestItem => {
		const serial = String(Object.keys(named).length + 1).padStart(12, '0');
		const item: RequestItem = {
			request_id: `00000000-0000-4000-8000-${serial}`,
			endpoint_id: 'fal-ai/flux/dev',
			sent_at: '2026-03-01T11:59:00Z',
			started_at: '2026-03-01T11:59:01Z',
			ended_at: '2026-03-01T12:00:00Z',
			status_code: 200,
			duration: 1,
			runner_id: null,
			...defaults,
			...fields,
		};
		named[name] = item;
		return item;
	};

	return {named, row};
}
