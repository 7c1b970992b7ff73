import type {ApiClient} from '../../source/api/client.js';
import type {Query, RequestItem, RequestPage} from '../../source/api/types.js';

export type FakeCall = {query: Query; signal?: AbortSignal};

/** Rows numbered from 0; a few fail (every 7th is a 504, every 11th a 422). */
export function fakeRow(n: number, endpoint = 'fal-ai/flux/dev'): RequestItem {
	const code = n % 7 === 3 ? 504 : n % 11 === 5 ? 422 : 200;
	const minute = String(59 - (n % 60)).padStart(2, '0');
	return {
		request_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		endpoint_id: endpoint,
		sent_at: `2026-11-28T10:${minute}:00Z`,
		started_at: `2026-11-28T10:${minute}:01Z`,
		ended_at: `2026-11-28T10:${minute}:05Z`,
		status_code: code,
		duration: 4,
		runner_id: 'runner-1',
	};
}

export type FakeClientOptions = {
	/** Rows in the history. Default 500. */
	total?: number;
	/** Called for every call; return a promise to take over the answer (to delay or fail it). */
	intercept?: (call: FakeCall, answer: () => RequestPage) => Promise<RequestPage> | undefined;
};

/** A client over an in-memory history with page-number cursors like the API's. */
export function fakeClient(options: FakeClientOptions = {}): ApiClient & {calls: FakeCall[]} {
	const total = options.total ?? 500;
	const calls: FakeCall[] = [];
	return {
		calls,
		async listRequests(query, callOptions) {
			const call = {query, signal: callOptions?.signal};
			calls.push(call);
			const answer = (): RequestPage => {
				if (query.requestId !== undefined) {
					const n = Number(query.requestId.slice(-12));
					return {items: [{...fakeRow(n), json_input: {prompt: `a red fox number ${n}`}, json_output: {images: []}}], next_cursor: null, has_more: false};
				}

				const limit = query.limit ?? 50;
				const page = query.cursor === undefined ? 1 : Number(Buffer.from(query.cursor, 'base64').toString());
				const endpoint = query.endpointIds[0]!;
				const rows = Array.from({length: total}, (_, n) => fakeRow(n, endpoint))
					.filter(row => query.status === undefined || (query.status === 'error' ? row.status_code! >= 500 : query.status === 'user_error' ? row.status_code! < 500 && row.status_code! >= 400 : row.status_code! < 300));
				const items = rows.slice((page - 1) * limit, page * limit);
				const hasMore = page * limit < rows.length;
				return {items, next_cursor: hasMore ? Buffer.from(String(page + 1)).toString('base64') : null, has_more: hasMore};
			};

			return options.intercept?.(call, answer) ?? answer();
		},
	};
}
