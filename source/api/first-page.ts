/**
 * The explorer's first page, asked for with Node's own http before got is
 * loaded: got takes about 60 ms to load, a fifth of the start-up, and the
 * answer can be on its way meanwhile.
 *
 * Only a clean answer is kept: a 2xx whose body is a page the contract
 * accepts. A status worth another try (429, 5xx) resolves to how long to
 * wait first, its Retry-After or a backoff, so that the retry honours it.
 * Anything else (a refused URL or key, another status, a redirect, a
 * compressed, dropped or stalled answer) resolves to undefined, and got asks
 * again at once, with its retries and its errors in words.
 */
import type {ClientOptions} from './client.js';
import {defaultApiUrl} from './api-url.js';
import {listPath, refusal, requestHeaders, timeoutsFor} from './list-request.js';
import {parsePage} from './page-shape.js';
import {toSearchParams} from './query.js';
import {backoffMs, maxRetryAfterMs, retryableStatuses, retryAfterMs} from './retry.js';
import type {Query, RequestPage} from './types.js';

/** What the early request brought: the page, or a status to wait on before asking again. */
export type EarlyAnswer = {page: RequestPage} | {retry: {status: number; delayMs: number}};

function retryOf(status: number, header: string | string[] | undefined, baseBackoffMs: number): EarlyAnswer | undefined {
	if (!retryableStatuses.has(status)) {
		return undefined;
	}

	const asked = retryAfterMs(Array.isArray(header) ? header[0] : header, Date.now());
	// Longer than the client would wait: got asks again and reports it in words.
	return asked !== undefined && asked > maxRetryAfterMs ? undefined : {retry: {status, delayMs: asked ?? backoffMs(1, baseBackoffMs)}};
}

export async function fetchFirstPage(options: ClientOptions, query: Query, signal: AbortSignal): Promise<EarlyAnswer | undefined> {
	const apiUrl = options.apiUrl ?? defaultApiUrl;
	if (refusal(apiUrl, options.apiKey) !== undefined) {
		return undefined;
	}

	const url = new URL(`${listPath}?${toSearchParams(query).toString()}`, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
	const {request} = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
	return new Promise(resolve => {
		const sent = request(url, {headers: requestHeaders(options.apiKey, options.userAgent), signal, timeout: timeoutsFor(options.timeoutMs).connect}, response => {
			const {statusCode = 0, headers} = response;
			const encoding = headers['content-encoding'];
			if (statusCode < 200 || statusCode >= 300 || (encoding !== undefined && encoding !== 'identity')) {
				response.destroy();
				resolve(retryOf(statusCode, headers['retry-after'], options.backoffMs ?? 500));
				return;
			}

			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				body += chunk;
			});
			response.on('end', () => {
				try {
					resolve({page: parsePage(body, headers['content-type'])});
				} catch {
					resolve(undefined);
				}
			});
			// Cut short: 'end' never comes.
			response.on('error', () => {
				resolve(undefined);
			});
			response.on('close', () => {
				resolve(undefined);
			});
		});
		// Silent for the time got would give to connecting: got takes over.
		sent.on('timeout', () => sent.destroy());
		sent.on('error', () => {
			resolve(undefined);
		});
		sent.end();
	});
}
