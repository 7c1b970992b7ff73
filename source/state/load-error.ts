import {sanitise} from '../terminal/sanitise.js';
import type {LoadError} from './feed.js';

type ErrorLike = {kind: string; message: string; isRetryable?: boolean; retryAfterMs?: number};

function isErrorLike(error: unknown): error is ErrorLike {
	return typeof error === 'object' && error !== null
		&& typeof (error as ErrorLike).kind === 'string' && typeof (error as ErrorLike).message === 'string';
}

/**
 * What the feed keeps of a failure. The client throws ApiError with a kind
 * and a sentence; anything else is a bug, still told in words, never a stack.
 */
export function toLoadError(error: unknown): LoadError {
	if (isErrorLike(error)) {
		const retryAfter = typeof error.retryAfterMs === 'number' ? {retryAfterMs: error.retryAfterMs} : {};
		return {kind: error.kind, message: sanitise(error.message), isRetryable: error.isRetryable ?? true, ...retryAfter};
	}

	const detail = error instanceof Error ? error.message : String(error);
	return {kind: 'unexpected', message: `Something unexpected went wrong (${sanitise(detail)}). Press r to try again.`, isRetryable: true};
}

/** True for the failure an abort causes: it is our own doing and never shown. */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
	return signal.aborted || (isErrorLike(error) && error.kind === 'aborted');
}
