import type {ApiClient, ClientOptions} from './client.js';
import {fetchFirstPage} from './first-page.js';
import {toSearchParams} from './query.js';
import type {Query, RequestPage} from './types.js';

export type LazyClient = ApiClient & {
	/** Starts loading got now, ahead of the first request that needs it. */
	preload(): void;
};

/**
 * An ApiClient that loads got on its first request, or when told to. got and
 * its helpers take about as long to load as a third of Ink: the explorer's
 * first frame is drawn without them.
 */
export function lazyClient(options: ClientOptions): LazyClient {
	let client: Promise<ApiClient> | undefined;
	const load = async (): Promise<ApiClient> => (client ??= import('./client.js').then(module => module.createClient(options)));
	return {
		async listRequests(query, requestOptions) {
			return (await load()).listRequests(query, requestOptions);
		},
		preload() {
			void load();
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
				// The early page was parsed without the items' own text.
				if (page === undefined || requestOptions?.isSourceKept || toSearchParams(asked).toString() !== key) {
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
