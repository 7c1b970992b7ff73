import {useEffect, useRef, useState} from 'react';
import type {ApiClient} from '../../api/client.js';
import type {Query, RequestItem} from '../../api/types.js';
import {isAbort, toLoadError} from '../../state/load-error.js';
import {maxFailurePages, nextFailureFetch, recordFailurePage, unknownFailures, type FailureOutputs} from '../../state/failure-outputs.js';
import type {Payload} from '../../state/payload-cache.js';

export type UseFailureOutputsProps = {
	client: Pick<ApiClient, 'listRequests'>;
	/** The feed's query; a new one forgets every output. */
	query: Query | undefined;
	/** The loaded failed rows (`failedRows`). */
	rows: readonly RequestItem[];
	/** Whether outputs are fetched now (the groups view is open); each time it turns on, {@link maxFailurePages} pages may be spent. */
	isActive: boolean;
	/** Payloads already fetched for rows the user opened. Default: none. */
	cached?: (requestId: string) => Payload | undefined;
};

export type FailureOutputsState = {
	outputs: FailureOutputs;
	/** Goes up whenever outputs arrive, for memoising what is derived from them. */
	version: number;
	isLoading: boolean;
	/** The last fetch's failure, in words. */
	error: string | undefined;
};

/** Fetches the outputs of the loaded failed rows, one page of up to 100 at a time, while active. */
export function useFailureOutputs({client, query, rows, isActive, cached}: UseFailureOutputsProps): FailureOutputsState {
	const outputs = useRef<{query: Query | undefined; map: FailureOutputs}>({query, map: new Map()});
	if (outputs.current.query !== query) {
		outputs.current = {query, map: new Map()};
	}

	const [version, setVersion] = useState(0);
	const [isLoading, setLoading] = useState(false);
	const [error, setError] = useState<string | undefined>(undefined);
	const latest = useRef({rows, cached});
	latest.current = {rows, cached};
	// One session per opening (and per query): its page budget and whether its loop runs.
	const session = useRef<{controller: AbortController; budget: number; isRunning: boolean} | undefined>(undefined);

	useEffect(() => {
		if (!isActive || query === undefined) {
			return;
		}

		const controller = new AbortController();
		session.current = {controller, budget: maxFailurePages, isRunning: false};
		return () => {
			controller.abort();
			session.current = undefined;
			setLoading(false);
		};
	}, [isActive, query, client]);

	// Rows arriving while the loop runs are picked up by it; otherwise they start it again.
	useEffect(() => {
		const current = session.current;
		if (current === undefined || current.isRunning || query === undefined) {
			return;
		}

		const {signal} = current.controller;
		const map = outputs.current.map;
		const run = async () => {
			for (;;) {
				const fetch = nextFailureFetch(query, unknownFailures(latest.current.rows, map, latest.current.cached));
				if (fetch === undefined || current.budget <= 0) {
					return;
				}

				setLoading(true);
				let cursor: string | undefined;
				do {
					current.budget--;
					// eslint-disable-next-line no-await-in-loop -- pages follow one another by cursor
					const page = await client.listRequests(cursor === undefined ? fetch.query : {...fetch.query, cursor}, {signal});
					recordFailurePage(map, fetch, page);
					setVersion(value => value + 1);
					cursor = page.next_cursor ?? undefined;
				} while (cursor !== undefined && current.budget > 0);
			}
		};

		current.isRunning = true;
		setError(undefined);
		run().then(
			() => {
				current.isRunning = false;
				if (!signal.aborted) {
					setLoading(false);
					setVersion(value => value + 1);
				}
			},
			(error_: unknown) => {
				current.isRunning = false;
				if (!isAbort(error_, signal)) {
					setLoading(false);
					setError(toLoadError(error_).message);
				}
			},
		);
	}, [rows, isActive, query, client]);

	return {outputs: outputs.current.map, version, isLoading, error};
}
