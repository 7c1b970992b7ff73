import type {ApiClient} from '../api/client.js';
import type {FeedAction, FeedState} from './feed.js';
import {isAbort, toLoadError} from './load-error.js';

/**
 * Asks for one page of the feed's current query and reports back tagged
 * with the generation it was asked for. Returns the controller that aborts it.
 */
export function fetchPage(
	client: Pick<ApiClient, 'listRequests'>,
	state: Pick<FeedState, 'generation' | 'query'>,
	cursor: string | undefined,
	dispatch: (action: FeedAction) => void,
): AbortController {
	const controller = new AbortController();
	const {generation, query} = state;
	if (query === undefined) {
		return controller;
	}

	dispatch({type: 'requested', generation, cursor});
	const pageQuery = cursor === undefined ? query : {...query, cursor};
	client.listRequests(pageQuery, {signal: controller.signal}).then(
		page => {
			if (!controller.signal.aborted) {
				dispatch({type: 'loaded', generation, cursor, page});
			}
		},
		(error: unknown) => {
			if (!isAbort(error, controller.signal)) {
				dispatch({type: 'failed', generation, cursor, error: toLoadError(error)});
			}
		},
	);
	return controller;
}
