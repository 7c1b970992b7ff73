import {hostileMessage} from './hostile.js';
import type {Replacement} from './faults.js';

/** A complete HTTP answer, before any fault spoils its delivery. */
export type Answer = {status: number; headers: Record<string, string>; body: string};

export type ErrorType = 'authorization_error' | 'validation_error' | 'not_found' | 'rate_limited' | 'server_error';

const docsUrl = 'https://docs.fal.ai/platform-apis/v1/serverless/requests/by-endpoint';

const statusTexts: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};

/** The page a proxy (nginx) shows in place of the API's JSON. */
function proxyPage(status: number): string {
	const title = `${status} ${statusTexts[status]}`;
	return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

const serverErrorMessages: Record<number, string> = {
	500: 'An internal error occurred. Try again later.',
	502: 'The upstream service returned an invalid response.',
	503: 'The service is temporarily unavailable. Try again later.',
	504: 'The upstream service did not answer in time.',
};

export function jsonAnswer(status: number, body: string, headers: Record<string, string> = {}): Answer {
	return {status, headers: {'content-type': 'application/json', ...headers}, body};
}

/** The API's error body; `isHostile` appends terminal escape sequences to the message. */
export function errorAnswer(
	status: number,
	type: ErrorType,
	message: string,
	options: {requestId: string; isHostile: boolean; headers?: Record<string, string>},
): Answer {
	const error = {
		type,
		message: options.isHostile ? hostileMessage(message) : message,
		docs_url: docsUrl,
		request_id: options.requestId,
	};
	return jsonAnswer(status, JSON.stringify({error}), options.headers);
}

/** What a fault that replaces the answer sends instead. */
export function replacementAnswer(replacement: Replacement, options: {requestId: string; isHostile: boolean}): Answer {
	switch (replacement.kind) {
		case 'locked': {
			const reason = options.isHostile ? hostileMessage(replacement.reason) : replacement.reason;
			return jsonAnswer(403, JSON.stringify({detail: `User is locked. Reason: ${reason}`}));
		}

		case 'rateLimit': {
			const headers: Record<string, string> =
				replacement.retryAfter === undefined ? {} : {'retry-after': String(replacement.retryAfter)};
			return errorAnswer(429, 'rate_limited', 'Too many requests. Slow down and try again later.', {...options, headers});
		}

		case 'serverError': {
			const {status, body} = replacement;
			if (body === 'empty') {
				return {status, headers: {}, body: ''};
			}

			if (body === 'html') {
				return {status, headers: {'content-type': 'text/html'}, body: proxyPage(status)};
			}

			return errorAnswer(status, 'server_error', serverErrorMessages[status]!, options);
		}
	}
}

