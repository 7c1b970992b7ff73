/**
 * Misbehaviour on request. Each `times` counts upcoming requests
 * (`Infinity` for all of them) and goes down as the fault fires.
 */
export type Faults = {
	/** Milliseconds added before every answer. Default 0. */
	latencyMs?: number;
	/**
	 * 429 rate_limited, with `Retry-After: <retryAfter>` (seconds) when set:
	 * for the next `times` requests, or for every `every`th request from now
	 * on (the 3rd, 6th, 9th... for 3), as a limit that lets some through does.
	 */
	rateLimit?: {times: number; retryAfter?: number} | {every: number; retryAfter?: number};
	/**
	 * A 5xx answer. `body`: `json` is the API's error body, `html` a proxy's
	 * error page, `empty` no body at all; default `html` for 502, `json` otherwise.
	 */
	serverError?: {times: number; status: ServerErrorStatus; body?: ServerErrorBody};
	/** The answer's headers and part of its body, then the connection is destroyed. */
	drop?: {times: number};
	/** A complete answer whose body is cut short (Content-Length matches the cut, so only the JSON is broken). */
	truncate?: {times: number};
	/** 403 with fal's locked-account body `{"detail": "User is locked. Reason: <reason>"}`. */
	locked?: {times: number; reason?: string};
	/** Before answering a valid request that carries a cursor, `perPage` new rows arrive on top. Default times: Infinity. */
	newRequests?: {perPage: number; times?: number};
	/** Escape sequences, OSC 52/OSC 0 and bidi overrides in error messages, the locked reason and endpoint ids. */
	hostile?: {times: number};
};

export type ServerErrorStatus = 500 | 502 | 503 | 504;
export type ServerErrorBody = 'json' | 'html' | 'empty';

/** A fault that replaces the answer a request would get. */
export type Replacement =
	| {kind: 'locked'; reason: string}
	| {kind: 'rateLimit'; retryAfter?: number}
	| {kind: 'serverError'; status: ServerErrorStatus; body: ServerErrorBody};

/** A fault that spoils how an answer is delivered. */
export type Spoiler = 'drop' | 'truncate';

export const defaultLockedReason = 'Exceeded the spending limit. Contact support@fal.ai to unlock.';

type Counted = {times?: number};

/** The live state of the faults: which fire for the next request, and how many times each has left. */
export class FaultState {
	private faults: Faults = {};
	/** Requests since the faults were set, for a fault that fires on every nth. */
	private requests = 0;

	constructor(faults: Faults) {
		this.replace(faults);
	}

	get latencyMs(): number {
		return this.faults.latencyMs ?? 0;
	}

	replace(faults: Faults): void {
		// Copied, so that counting down never changes the caller's object.
		this.faults = structuredClone(faults);
		this.requests = 0;
	}

	/** At most one replacement fires per request: locked, then 429, then 5xx. */
	takeReplacement(): Replacement | undefined {
		const {locked, rateLimit, serverError} = this.faults;
		this.requests++;
		if (this.fire(locked)) {
			return {kind: 'locked', reason: locked!.reason ?? defaultLockedReason};
		}

		const isRateLimited = rateLimit !== undefined && 'every' in rateLimit ? this.requests % rateLimit.every === 0 : this.fire(rateLimit);
		if (isRateLimited) {
			return {kind: 'rateLimit', retryAfter: rateLimit!.retryAfter};
		}

		if (this.fire(serverError)) {
			const {status, body} = serverError!;
			return {kind: 'serverError', status, body: body ?? (status === 502 ? 'html' : 'json')};
		}

		return undefined;
	}

	takeSpoiler(): Spoiler | undefined {
		if (this.fire(this.faults.drop)) {
			return 'drop';
		}

		return this.fire(this.faults.truncate) ? 'truncate' : undefined;
	}

	takeHostile(): boolean {
		return this.fire(this.faults.hostile);
	}

	/** How many rows arrive before this page is answered (0 for none). */
	takeNewRequests(): number {
		const fault = this.faults.newRequests;
		return this.fire(fault, Number.POSITIVE_INFINITY) ? fault!.perPage : 0;
	}

	private fire(fault: Counted | undefined, defaultTimes = 0): boolean {
		if (!fault || (fault.times ?? defaultTimes) <= 0) {
			return false;
		}

		fault.times = (fault.times ?? defaultTimes) - 1;
		return true;
	}
}
