import type {ApiClient, ClientOptions} from './client.js';
import {fetchFirstPage} from './first-page.js';
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

export type EarlyFirstPage = {
	/** `client`, with the first request for the starting page answered by the early one when it brought the page. */
	client: ApiClient;
	/** The page, if it has come already: the explorer's first frame can show it. Once taken, the client asks again. */
	take(): RequestPage | undefined;
};

/**
 * Asks for the first page of `query` at once, with Node's own http: the
 * explorer knows its starting filters before Ink and got have loaded. The
 * first request for exactly that page gets the answer, or goes to `client`
 * when the early one brought none; any other request goes to `client`, and
 * aborting that first request aborts the early one.
 */
export function withEarlyFirstPage(client: ApiClient, options: ClientOptions, query: Query): EarlyFirstPage {
	const controller = new AbortController();
	const key = toSearchParams(query).toString();
	let early: Promise<RequestPage | undefined> | undefined = fetchFirstPage(options, query, controller.signal);
	let arrived: RequestPage | undefined;
	void early.then(page => {
		arrived = early === undefined ? undefined : page;
	});
	const release = (): void => {
		early = undefined;
		arrived = undefined;
	};

	return {
		client: {
			async listRequests(asked, requestOptions) {
				const page = early;
				release();
				if (page === undefined || toSearchParams(asked).toString() !== key) {
					controller.abort();
					return client.listRequests(asked, requestOptions);
				}

				const signal = requestOptions?.signal;
				if (signal?.aborted) {
					controller.abort();
				}

				signal?.addEventListener('abort', () => controller.abort(), {once: true});
				return (await page) ?? client.listRequests(asked, requestOptions);
			},
		},
		take() {
			const page = arrived;
			if (page !== undefined) {
				release();
			}

			return page;
		},
	};
}
