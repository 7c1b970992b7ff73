import type {ApiClient, ClientOptions} from './client.js';
import {toSearchParams} from './query.js';
import type {Query, RequestPage} from './types.js';

/**
 * An ApiClient that loads got on its first request. got and its helpers
 * take about as long to load as a third of Ink: an explorer that starts by
 * asking for an endpoint id draws that without them.
 */
export function lazyClient(options: ClientOptions): ApiClient {
	let client: Promise<ApiClient> | undefined;
	return {
		async listRequests(query, requestOptions) {
			client ??= import('./client.js').then(module => module.createClient(options));
			return (await client).listRequests(query, requestOptions);
		},
	};
}

/**
 * `client`, with the first page of `query` asked for at once: the explorer
 * knows its starting filters before Ink has loaded, and the answer can be on
 * its way meanwhile. The first request for exactly that page gets it; any
 * other goes to `client`. Aborting that first request aborts the early one.
 */
export function withEarlyFirstPage(client: ApiClient, query: Query): ApiClient {
	const controller = new AbortController();
	const key = toSearchParams(query).toString();
	let early: Promise<RequestPage> | undefined = client.listRequests(query, {signal: controller.signal});
	// Not a failure of anyone's yet: the request that takes it over reports it.
	early.catch(() => undefined);
	return {
		listRequests(asked, options) {
			const page = early;
			early = undefined;
			if (page === undefined || toSearchParams(asked).toString() !== key) {
				controller.abort();
				return client.listRequests(asked, options);
			}

			const {signal} = options ?? {};
			if (signal?.aborted) {
				controller.abort();
			}

			signal?.addEventListener('abort', () => controller.abort(), {once: true});
			return page;
		},
	};
}
