import type {ApiClient, ClientOptions} from './client.js';

/**
 * An ApiClient that loads got on its first request. got and its helpers
 * take about as long to load as a third of Ink, and the explorer's first
 * frame (panes, "loading…") needs none of it.
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

/** `client`, and a promise settled once its first request is answered (or fails): for work that should not hold up the first rows. */
export function withFirstAnswer(client: ApiClient): {client: ApiClient; firstAnswer: Promise<void>} {
	let settle: () => void = () => {};
	const firstAnswer = new Promise<void>(resolve => {
		settle = resolve;
	});
	return {
		client: {
			listRequests(query, options) {
				const answer = client.listRequests(query, options);
				answer.then(settle, settle);
				return answer;
			},
		},
		firstAnswer,
	};
}
