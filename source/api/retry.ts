/** When to try again: the API's Retry-After when it gives one, else exponential backoff with jitter. */

/** Statuses worth another try: rate limiting and the ones proxies give when the API is briefly away. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Longest Retry-After waited for; beyond it the user is told to come back instead of watching a frozen screen. */
export const maxRetryAfterMs = 60_000;

const maxBackoffMs = 30_000;

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP-date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
	const value = header?.trim();
	if (!value) {
		return undefined;
	}

	if (/^\d+(?:\.\d+)?$/.test(value)) {
		return Math.round(Number(value) * 1000);
	}

	// Every HTTP-date form starts with the day's name; Date.parse alone would take '-1' for a year.
	const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before retry number `attempt` (1-based): base·2^(attempt-1), of which a random half is jitter, so clients spread out. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxBackoffMs, baseMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A wait in words: "45 s", "3 min", "2 h". */
export function formatWait(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 120) {
		return `${seconds} s`;
	}

	const minutes = Math.ceil(seconds / 60);
	return minutes < 120 ? `${minutes} min` : `${Math.ceil(minutes / 60)} h`;
}
