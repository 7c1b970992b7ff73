import {setTimeout as sleep} from 'node:timers/promises';
import type {ApiClient, CallOptions, ClientOptions} from './client.js';
import {ApiError} from './errors.js';
import {fetchFirstPage, type EarlyAnswer} from './first-page.js';
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
 * when the early one brought none (after the wait it was asked for, by a 429
 * or a 5xx); any other request goes to `client`, and aborting that first
 * request aborts the early one.
 */
export function withEarlyFirstPage(client: ApiClient, options: ClientOptions, query: Query): EarlyFirstPage {
	const controller = new AbortController();
	const key = toSearchParams(query).toString();
	let early: Promise<EarlyAnswer | undefined> | undefined = fetchFirstPage(options, query, controller.signal);
	let arrived: RequestPage | undefined;
	void early.then(answer => {
		arrived = early === undefined || answer === undefined || !('page' in answer) ? undefined : answer.page;
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
				const answer = await page;
				if (answer !== undefined && 'page' in answer) {
					return answer.page;
				}

				if (answer !== undefined) {
					await waitToRetry({...answer.retry, of: options.retries ?? 3}, requestOptions);
				}

				return client.listRequests(asked, requestOptions);
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

/** The wait an early 429 or 5xx asked for, said as the client says its own, before the client asks again. */
async function waitToRetry(retry: {status: number; delayMs: number; of: number}, {signal, onRetry}: CallOptions = {}): Promise<void> {
	const reason = retry.status === 429 ? '429 rate limited' : `${retry.status} from the API`;
	onRetry?.({attempt: 1, of: retry.of, delayMs: retry.delayMs, reason, status: retry.status});
	try {
		await sleep(retry.delayMs, undefined, {signal});
	} catch {
		throw new ApiError('aborted', 'The request was cancelled.');
	}
}
