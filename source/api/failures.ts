/** Every way a call can fail, as one ApiError with a sentence the user can act on. */
import {STATUS_CODES} from 'node:http';
import {RequestError, TimeoutError} from 'got';
import {ApiError} from './errors.js';
import {formatWait, retryAfterMs} from './retry.js';

/** An answer other than 200, as received. */
export type HttpAnswer = {
	status: number;
	statusMessage?: string;
	contentType?: string;
	retryAfter?: string;
	location?: string;
	body: string;
};

export type FailureContext = {
	/** Requests made for this call, the failing one included. */
	attempts: number;
	/** The API URL in use, for messages that ask the user to check it. */
	apiUrl: string;
	/** The timeouts in force, for the timeout message. */
	timeouts: {connect: number; response: number; request: number};
	/** Server text made fit to show: sanitised, shortened, and the key taken out should a server echo it. */
	clean: (text: string) => string;
};

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's own words in an error body: `{error: {message}}`, or a `{detail}` string or list as FastAPI writes it. */
function apiMessage(body: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}

	if (!isRecord(parsed)) {
		return undefined;
	}

	const {error, detail} = parsed;
	if (isRecord(error) && typeof error['message'] === 'string') {
		return error['message'];
	}

	if (typeof detail === 'string') {
		return detail;
	}

	if (Array.isArray(detail)) {
		const messages = detail.map(entry => (isRecord(entry) && typeof entry['msg'] === 'string' ? entry['msg'] : undefined));
		return messages.some(Boolean) ? messages.filter(Boolean).join('; ') : undefined;
	}

	return undefined;
}

function reasonPhrase(answer: HttpAnswer): string {
	return answer.statusMessage || STATUS_CODES[answer.status] || 'an unknown status';
}

function afterAttempts(attempts: number): string {
	return attempts > 1 ? ` after ${attempts} attempts` : '';
}

/** A 5xx: the API's own message when it sent JSON, else what kind of page a proxy put in its place (never the page itself). */
function serverFailure(answer: HttpAnswer, context: FailureContext): ApiError {
	const {status} = answer;
	const tries = afterAttempts(context.attempts);
	// A 503 may say when to come back; whoever tries again (the scanner) honours it.
	const options = {status, retryAfterMs: retryAfterMs(answer.retryAfter, Date.now())};
	const said = apiMessage(answer.body);
	if (said !== undefined) {
		return new ApiError('server', `The API failed with ${status}${tries}: ${context.clean(said)}`, options);
	}

	const title = /<title>\s*(?:\d{3}\s+)?([^<]{1,80}?)\s*<\/title>/i.exec(answer.body)?.[1] ?? reasonPhrase(answer);
	const headline = `${status} ${context.clean(title)}`;
	const what =
		answer.body.trim() === ''
			? `The API answered ${headline} with an empty body`
			: /html/i.test(answer.contentType ?? '') || /^\s*</.test(answer.body)
				? `The API's proxy answered ${headline}`
				: `The API answered ${headline} with a body that is not JSON`;
	return new ApiError('server', `${what}${tries}; the service may be briefly unavailable, so try again in a moment.`, options);
}

function rateLimited(answer: HttpAnswer, context: FailureContext): ApiError {
	const wait = retryAfterMs(answer.retryAfter, Date.now());
	const advice = wait === undefined ? 'wait a minute and try again' : `it asks to wait ${formatWait(wait)} before trying again`;
	return new ApiError('rate_limited', `The API is limiting how fast requests may be made (429)${afterAttempts(context.attempts)}; ${advice}.`, {
		status: 429,
		retryAfterMs: wait,
	});
}

/** A locked account answers 403 with `{"detail": "User is locked. Reason: …"}` instead of the usual error body. */
function forbidden(answer: HttpAnswer, context: FailureContext): ApiError {
	const said = apiMessage(answer.body);
	if (said !== undefined && /^user is locked/i.test(said)) {
		return new ApiError('locked', `The API refused the key because the account is locked (403): "${context.clean(said)}"`, {status: 403});
	}

	const detail = said === undefined ? '' : ` It said: "${context.clean(said)}"`;
	return new ApiError(
		'forbidden',
		`The key may not read these endpoints (403): check the endpoint ids, or use a key of the account that owns them.${detail}`,
		{status: 403},
	);
}

/** Maps an answer other than 200, after any retries, to the error the user sees. */
export function errorFromAnswer(answer: HttpAnswer, context: FailureContext): ApiError {
	const {status} = answer;
	if (status >= 300 && status < 400) {
		const target = answer.location ? ` to ${context.clean(answer.location)}` : '';
		return new ApiError(
			'insecure',
			`The API answered ${status} with a redirect${target}; falreq does not follow redirects, so that the key goes nowhere else. Check the API URL (${context.clean(context.apiUrl)}).`,
			{status},
		);
	}

	if (status === 401) {
		return new ApiError('unauthorized', 'The API rejected the key (401): run `falreq login` or set FAL_KEY.', {status});
	}

	if (status === 403) {
		return forbidden(answer, context);
	}

	if (status === 404) {
		return new ApiError('not_found', `The API has no such address (404): check the API URL (${context.clean(context.apiUrl)}).`, {status});
	}

	if (status === 429) {
		return rateLimited(answer, context);
	}

	if (status >= 500) {
		return serverFailure(answer, context);
	}

	const said = apiMessage(answer.body);
	const detail = said === undefined ? '.' : `: ${context.clean(said)}`;
	// The reason phrase is the server's text like any other: it may hold escapes, or echo the key.
	return new ApiError('validation', `The API refused the query (${status} ${context.clean(reasonPhrase(answer))})${detail}`, {status});
}

function codeOf(error: unknown): string | undefined {
	return error instanceof RequestError ? error.code : undefined;
}

/** Whether a thrown request error is a connection dropped before the answer was complete: worth another try. */
export function isDropped(error: unknown): boolean {
	const code = codeOf(error);
	return (code !== undefined && droppedCodes.has(code)) || (error instanceof Error && /socket hang up|premature close/i.test(error.message));
}

/** Maps a request that got no complete answer (refused, dropped, timed out) to the error the user sees. */
export function errorFromFailure(error: unknown, context: FailureContext): ApiError {
	const host = context.clean(new URL(context.apiUrl).host);
	if (error instanceof TimeoutError) {
		const {timeouts} = context;
		const message =
			error.event === 'connect' || error.event === 'lookup' || error.event === 'secureConnect'
				? `Could not connect to the API at ${host} within ${formatWait(timeouts.connect)}; check the network connection and try again.`
				: error.event === 'response'
					? `The API did not start answering within ${formatWait(timeouts.response)}; try again, or ask for fewer rows.`
					: `The API's answer took longer than ${formatWait(timeouts.request)}; try again, or ask for fewer rows.`;
		return new ApiError('timeout', message);
	}

	const code = codeOf(error);
	if (code !== undefined && unreachableCodes.has(code)) {
		const why = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its host name was not found' : 'the connection was refused or had no route';
		return new ApiError('network', `Could not reach the API at ${host} (${code}: ${why}); check the network connection and the API URL.`);
	}

	if (isDropped(error)) {
		return new ApiError(
			'network',
			`The connection to the API dropped before the answer was complete${afterAttempts(context.attempts)}; try again.`,
		);
	}

	// Only the code: got's own message may quote request details.
	return new ApiError('network', `The request to the API failed (${code ?? 'unknown error'}); try again.`);
}
