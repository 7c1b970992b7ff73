/**
 * Fetches the selected request's payloads once the cursor rests on it: a
 * short debounce, so holding `j` sends nothing, then one request by
 * request_id with expand=payloads, answered from the cache when it can be.
 */
import type {ApiClient} from '../api/client.js';
import type {RequestItem} from '../api/types.js';
import type {LoadError} from './feed.js';
import {isAbort, toLoadError} from './load-error.js';
import {PayloadCache, type Payload} from './payload-cache.js';

/** Where the payloads stand. A status for another request than the selected one means: not here yet. */
export type PayloadStatus =
	| {state: 'none'}
	| {state: 'loading'; requestId: string}
	| {state: 'ready'; requestId: string; payload: Payload}
	| {state: 'failed'; requestId: string; error: LoadError};

export type PayloadLoaderOptions = {
	/** Fetches one request's payloads. */
	fetch: (item: RequestItem, signal: AbortSignal) => Promise<Payload>;
	cache: PayloadCache;
	/** How long the cursor must rest on a row before its payloads are asked for. Default 150 ms. */
	delayMs?: number;
	onChange: (status: PayloadStatus) => void;
};

export type PayloadLoader = {
	/** The row now selected (undefined: none). Cancels whatever was pending for the previous one. */
	select(item: RequestItem | undefined): void;
	/** Asks again for the selected row after a failure. */
	retry(): void;
	dispose(): void;
};

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
export function fetchPayloadWith(client: Pick<ApiClient, 'listRequests'>): PayloadLoaderOptions['fetch'] {
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

export function createPayloadLoader(options: PayloadLoaderOptions): PayloadLoader {
	const delayMs = options.delayMs ?? 150;
	let selected: RequestItem | undefined;
	let timer: NodeJS.Timeout | undefined;
	let controller: AbortController | undefined;

	function cancel(): void {
		clearTimeout(timer);
		timer = undefined;
		controller?.abort();
		controller = undefined;
	}

	function load(item: RequestItem): void {
		const own = new AbortController();
		controller = own;
		options.onChange({state: 'loading', requestId: item.request_id});
		options.fetch(item, own.signal).then(
			payload => {
				options.cache.set(item.request_id, payload);
				if (!own.signal.aborted) {
					options.onChange({state: 'ready', requestId: item.request_id, payload});
				}
			},
			(error: unknown) => {
				if (!isAbort(error, own.signal)) {
					options.onChange({state: 'failed', requestId: item.request_id, error: toLoadError(error)});
				}
			},
		);
	}

	function select(item: RequestItem | undefined): void {
		if (item?.request_id === selected?.request_id && item !== undefined) {
			return;
		}

		cancel();
		selected = item;
		if (item === undefined) {
			options.onChange({state: 'none'});
			return;
		}

		// A row fetched with expand=payloads for some other reason already carries them.
		const cached = options.cache.get(item.request_id) ?? payloadOf(item);
		if (cached !== undefined) {
			options.onChange({state: 'ready', requestId: item.request_id, payload: cached});
			return;
		}

		// Nothing is reported while waiting: a cursor moving row by row costs no extra frame here.
		timer = setTimeout(() => {
			timer = undefined;
			load(item);
		}, delayMs);
	}

	return {
		select,
		retry() {
			if (selected !== undefined) {
				cancel();
				load(selected);
			}
		},
		dispose() {
			cancel();
			selected = undefined;
		},
	};
}
