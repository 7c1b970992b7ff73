/** The HTTP client for GET /serverless/requests/by-endpoint: one got instance, our own retry loop, typed errors. */
import {setTimeout as sleep} from 'node:timers/promises';
import got, {type Response} from 'got';
import {sanitise} from '../terminal/sanitise.js';
import {defaultApiUrl} from './api-url.js';
import {ApiError} from './errors.js';
import {errorFromAnswer, errorFromFailure, isDropped, type FailureContext} from './failures.js';
import {listPath, refusal, requestHeaders, timeoutsFor} from './list-request.js';
import {parsePage} from './page-shape.js';
import {toSearchParams} from './query.js';
import {backoffMs, maxRetryAfterMs, retryableStatuses, retryAfterMs} from './retry.js';
import type {Query, RequestPage} from './types.js';

export type RetryInfo = {
	/** Which retry this is, from 1. */
	attempt: number;
	/** Retries allowed in all. */
	of: number;
	delayMs: number;
	/** Why, in a few words: "429 rate limited", "502 Bad Gateway", "connection dropped". */
	reason: string;
	/** The status that is being retried; undefined for a dropped connection. */
	status?: number;
};

export type ClientOptions = {
	/** Prefix of every request. Default 'https://api.fal.ai/v1'; plain http is allowed only to loopback addresses. */
	apiUrl?: string;
	apiKey: string;
	/** Limit for one whole request in ms; connecting may take a sixth of it, the first byte half. Default 60,000. */
	timeoutMs?: number;
	/** Retries after a 429, 500, 502, 503, 504 or a dropped connection. Default 3. */
	retries?: number;
	/** Base of the exponential backoff in ms, when the API gives no Retry-After. Default 500; tests make it small. */
	backoffMs?: number;
	/** User-Agent header. Default 'falreq'. */
	userAgent?: string;
};

export type CallOptions = {
	signal?: AbortSignal;
	/** Called before each wait for a retry, so a screen can say what is going on. Default: nothing. */
	onRetry?: (info: RetryInfo) => void;
	/** Keep each item's own text in the page's `sources`, for payloads handed out byte for byte. Default false. */
	isSourceKept?: boolean;
	/**
	 * Retries of this call, in place of the client's. Default: the client's.
	 * The scanner passes 0: its requests run side by side, and a retry one of
	 * them sent by itself could go out while another's Retry-After still runs.
	 */
	retries?: number;
};

export type ApiClient = {
	/** One page. Rejects with ApiError only. */
	listRequests(query: Query, options?: CallOptions): Promise<RequestPage>;
};

const maxServerText = 300;

function cancelled(): ApiError {
	return new ApiError('aborted', 'The request was cancelled.');
}

function header(response: Response, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}


/** Builds the client. Never throws: a refused API URL or key is reported by each call, before anything is sent. */
export function createClient(options: ClientOptions): ApiClient {
	const apiUrl = options.apiUrl ?? defaultApiUrl;
	const refused = refusal(apiUrl, options.apiKey);
	if (refused) {
		return {
			async listRequests() {
				throw refused;
			},
		};
	}

	const clientRetries = Math.max(0, options.retries ?? 3);
	const timeouts = timeoutsFor(options.timeoutMs);
	const {apiKey} = options;
	const baseBackoffMs = options.backoffMs ?? 500;

	function clean(text: string): string {
		// Cut by code points before sanitising, so that no surrogate pair is split into something unprintable.
		const points = Array.from(text.replaceAll(apiKey, '[key]'));
		const shown = points.length > maxServerText ? `${points.slice(0, maxServerText).join('')}…` : points.join('');
		return sanitise(shown);
	}

	function retryReason(response: Response): string {
		return response.statusCode === 429 ? '429 rate limited' : `${response.statusCode} ${clean(response.statusMessage ?? 'server error')}`;
	}

	const http = got.extend({
		prefixUrl: apiUrl,
		headers: requestHeaders(apiKey, options.userAgent),
		timeout: {connect: timeouts.connect, secureConnect: timeouts.connect, response: timeouts.response, request: timeouts.request},
		// Retries are ours (below): got's would not tell the screen, and sleep past an abort.
		retry: {limit: 0},
		// A redirect could carry the Authorization header to another host; it is reported instead.
		followRedirect: false,
		throwHttpErrors: false,
		// Text, parsed by us, so that a body cut short is a 'malformed' error rather than got's ParseError.
		responseType: 'text',
	});

	async function wait(retry: RetryInfo, {signal, onRetry}: CallOptions): Promise<void> {
		onRetry?.(retry);
		try {
			await sleep(retry.delayMs, undefined, {signal});
		} catch {
			throw cancelled();
		}
	}

	async function listRequests(query: Query, callOptions: CallOptions = {}): Promise<RequestPage> {
		const {signal} = callOptions;
		const retries = Math.max(0, callOptions.retries ?? clientRetries);
		const searchParams = toSearchParams(query);
		for (let attempt = 1; ; attempt++) {
			if (signal?.aborted) {
				throw cancelled();
			}

			const context: FailureContext = {attempts: attempt, apiUrl, timeouts, clean};
			const isLast = attempt > retries;
			let response: Response<string>;
			try {
				response = await http.get(listPath, {searchParams, signal});
			} catch (error) {
				if (signal?.aborted) {
					throw cancelled();
				}

				if (!isLast && isDropped(error)) {
					await wait({attempt, of: retries, delayMs: backoffMs(attempt, baseBackoffMs), reason: 'connection dropped'}, callOptions);
					continue;
				}

				throw errorFromFailure(error, context);
			}

			if (response.statusCode >= 200 && response.statusCode < 300) {
				return parsePage(response.body, header(response, 'content-type'), {isSourceKept: callOptions.isSourceKept});
			}

			const retryAfter = header(response, 'retry-after');
			if (!isLast && retryableStatuses.has(response.statusCode)) {
				const asked = retryAfterMs(retryAfter, Date.now());
				if (asked === undefined || asked <= maxRetryAfterMs) {
					await wait({attempt, of: retries, delayMs: asked ?? backoffMs(attempt, baseBackoffMs), reason: retryReason(response), status: response.statusCode}, callOptions);
					continue;
				}
			}

			throw errorFromAnswer(
				{
					status: response.statusCode,
					statusMessage: response.statusMessage,
					contentType: header(response, 'content-type'),
					retryAfter,
					location: header(response, 'location'),
					body: response.body,
				},
				context,
			);
		}
	}

	return {listRequests};
}
