/**
 * The explorer's first page, asked for with Node's own http before got is
 * loaded: got takes about 60 ms to load, a fifth of the start-up, and the
 * answer can be on its way meanwhile.
 *
 * Only a clean answer is kept: a 2xx whose body is a page the contract
 * accepts. Anything else (a refused URL or key, an error status, a redirect,
 * a compressed, dropped or stalled answer) resolves to undefined, and got
 * asks again, with its retries and its errors in words.
 */
import type {ClientOptions} from './client.js';
import {defaultApiUrl} from './api-url.js';
import {listPath, refusal, requestHeaders, timeoutsFor} from './list-request.js';
import {parsePage} from './page-shape.js';
import {toSearchParams} from './query.js';
import type {Query, RequestPage} from './types.js';

export async function fetchFirstPage(options: ClientOptions, query: Query, signal: AbortSignal): Promise<RequestPage | undefined> {
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
				resolve(undefined);
				return;
			}

			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				body += chunk;
			});
			response.on('end', () => {
				try {
					resolve(parsePage(body, headers['content-type']));
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
