import type {ApiClient} from './client.js';
import {ApiError} from './errors.js';

/** The endpoint asked about when the user names none: any id works, since a wrong key fails before ownership is checked. */
const probeEndpoint = 'fal-ai/flux/dev';

/**
 * Checks a key with one cheap call (one row). A 403 for an endpoint the key
 * does not own still proves the key authenticated, so only 401, a locked
 * account and failures to reach the API count against it.
 */
export async function verifyKey(client: ApiClient, endpointId = probeEndpoint): Promise<{ok: true} | {ok: false; message: string}> {
	try {
		await client.listRequests({endpointIds: [endpointId], limit: 1});
		return {ok: true};
	} catch (error) {
		if (error instanceof ApiError && error.kind === 'forbidden') {
			return {ok: true};
		}

		// The client's own sentence tells the user to log in, which is what they are doing.
		if (error instanceof ApiError && error.kind === 'unauthorized') {
			return {ok: false, message: 'The API rejected this key (401): check that it was copied whole.'};
		}

		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}
