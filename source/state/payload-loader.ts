/**
 * A request's payloads: where they stand for the selected request, and the
 * one-row request by request_id with expand=payloads that brings them (the
 * effect runner waits for the cursor to rest first, and asks the cache).
 */
import type {ApiClient} from '../api/client.js';
import type {RequestItem} from '../api/types.js';
import type {LoadError} from './feed.js';
import type {Payload} from './payload-cache.js';

/** Where the payloads stand. A status for another request than the selected one means: not here yet. */
export type PayloadStatus =
	| {state: 'none'}
	| {state: 'loading'; requestId: string}
	| {state: 'ready'; requestId: string; payload: Payload}
	| {state: 'failed'; requestId: string; error: LoadError};

/** The payloads an item carries, or undefined when it was fetched without them. */
export function payloadOf(item: RequestItem): Payload | undefined {
	const hasInput = 'json_input' in item;
	const hasOutput = 'json_output' in item;
	if (!hasInput && !hasOutput) {
		return undefined;
	}

	return {
		...(hasInput ? {input: item.json_input} : {}),
		...(hasOutput ? {output: item.json_output} : {}),
	};
}

class MissingRequestError extends Error {
	readonly kind = 'not_found';
	readonly isRetryable = false;

	constructor() {
		super('This request is no longer in the history, so its payloads cannot be shown.');
	}
}

/**
 * The one-row query that brings a request's payloads, with the API's own
 * text of the row and its payloads. Billing is asked for when the row has
 * it, so the whole request saved from that text has every field shown.
 */
export function fetchPayloadWith(client: Pick<ApiClient, 'listRequests'>): (item: RequestItem, signal: AbortSignal) => Promise<Payload> {
	return async (item, signal) => {
		const page = await client.listRequests(
			{
				endpointIds: [item.endpoint_id],
				requestId: item.request_id,
				expand: 'billable_units' in item ? ['payloads', 'billing'] : ['payloads'],
				limit: 1,
			},
			{signal, isSourceKept: true},
		);
		const index = page.items.findIndex(candidate => candidate.request_id === item.request_id);
		if (index === -1) {
			throw new MissingRequestError();
		}

		const source = page.sources?.[index];
		return {...payloadOf(page.items[index]!), ...(source === undefined ? {} : {source})};
	};
}
