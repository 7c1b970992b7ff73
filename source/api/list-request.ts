/**
 * What every list request carries, for got's client and for the first
 * page's early request alike: where it goes, its headers and time limits,
 * and the checks made before the key is sent anywhere.
 */
import {checkApiUrl} from './api-url.js';
import {ApiError} from './errors.js';

export const listPath = 'serverless/requests/by-endpoint';

/** The headers of every request. */
export function requestHeaders(apiKey: string, userAgent = 'falreq'): Record<string, string> {
	return {authorization: `Key ${apiKey}`, accept: 'application/json', 'user-agent': userAgent};
}

/** Limits in ms for one whole request of `requestMs`: connecting may take a sixth of it, the first byte half. */
export function timeoutsFor(requestMs = 60_000): {connect: number; response: number; request: number} {
	// Connecting and the first byte get a share of the whole, so a dead host is told apart from a slow body.
	return {connect: Math.round(requestMs / 6), response: Math.round(requestMs / 2), request: requestMs};
}

/** Why nothing may be sent: an API URL the key may not go to, or a key Node could not even put in a header (a pasted line break, say). */
export function refusal(apiUrl: string, apiKey: string): ApiError | undefined {
	return (
		checkApiUrl(apiUrl) ??
		(/^[\x21-\x7E]+$/.test(apiKey)
			? undefined
			: new ApiError('unauthorized', 'The API key is empty or has spaces or other characters no key has: run `falreq login` or set FAL_KEY again.'))
	);
}
