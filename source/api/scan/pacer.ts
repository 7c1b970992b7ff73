/**
 * How many of the scanner's requests may be out at once, and when the next
 * may go. The limit starts low, halves on each 429 or 5xx and grows back by
 * one after as many answers in a row as it allows (additive increase,
 * multiplicative decrease, as TCP does): the API publishes no rate limit, so
 * it is found by asking. A Retry-After holds every request, not only the one
 * it answered: a 429 is about the account.
 */

/** Requests at once when the caller sets no limit. */
export const defaultConcurrency = 8;
/** The most the caller may allow (`--concurrency`). */
export const maxConcurrency = 16;
/** Where the limit starts, below the most allowed: the first answers say whether the API takes more. */
const startingConcurrency = 4;

export class Pacer {
	/** Requests that may be out at once now. */
	limit: number;
	/** No request may be sent before this time (epoch ms). */
	notBefore = 0;
	private streak = 0;

	/** `most`: the limit never grows past it (1 to 16). */
	constructor(readonly most: number = defaultConcurrency) {
		this.limit = Math.min(startingConcurrency, most);
	}

	/** An answer came without trouble. */
	succeeded(): void {
		this.streak++;
		if (this.streak >= this.limit) {
			this.limit = Math.min(this.most, this.limit + 1);
			this.streak = 0;
		}
	}

	/** A 429 or a 5xx: the API is asked too much, or is struggling. */
	slowDown(): void {
		this.limit = Math.max(1, Math.floor(this.limit / 2));
		this.streak = 0;
	}

	/** Something else went wrong (a dropped connection): no growth, no cut. */
	faltered(): void {
		this.streak = 0;
	}

	/** Nothing is sent before `time` (epoch ms): a later hold wins over an earlier one. */
	holdUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}
}
