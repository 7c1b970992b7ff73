/** The one error type the API client throws: a kind to branch on and a sentence to show. */

export type ApiErrorKind =
	| 'unauthorized'
	| 'forbidden'
	| 'locked'
	| 'validation'
	| 'not_found'
	| 'rate_limited'
	| 'server'
	| 'network'
	| 'timeout'
	| 'malformed'
	| 'insecure'
	| 'aborted'
	/** The API URL is not an http(s) URL at all. */
	| 'invalid_url';

const retryableKinds: ReadonlySet<ApiErrorKind> = new Set(['rate_limited', 'server', 'network', 'timeout', 'malformed']);

export type ApiErrorOptions = {
	/** The HTTP status, when the API answered. */
	status?: number;
	/** Default: true for rate_limited, server, network, timeout and malformed. */
	isRetryable?: boolean;
	/** How long the API asked to wait before the next try (its Retry-After), when it said. */
	retryAfterMs?: number;
};

/**
 * Deliberately carries no `cause`, request options or response: those hold the
 * Authorization header, and whatever is attached here ends up printed somewhere.
 */
export class ApiError extends Error {
	override readonly name = 'ApiError';
	readonly kind: ApiErrorKind;
	readonly status?: number;
	/** True when trying again later may help. */
	readonly isRetryable: boolean;
	readonly retryAfterMs?: number;

	/** `message` is one user-facing sentence; any server text in it must already be sanitised. */
	constructor(kind: ApiErrorKind, message: string, options: ApiErrorOptions = {}) {
		super(message);
		this.kind = kind;
		this.status = options.status;
		this.isRetryable = options.isRetryable ?? retryableKinds.has(kind);
		this.retryAfterMs = options.retryAfterMs;
	}
}
