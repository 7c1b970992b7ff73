/** Failed requests by kind, as the summary strip counts them over rows and per time bucket. */
import {statusClass} from '../format/request.js';

export type FailureCounts = {
	/** Status 5xx. */
	errors: number;
	/** Status 4xx. */
	userErrors: number;
};

/** How a request with this status failed: 'error' (5xx), 'user_error' (4xx), or undefined when it did not (or still runs). */
export function failureKind(statusCode: number | null): 'error' | 'user_error' | undefined {
	const kind = statusClass(statusCode);
	return kind === 'error' || kind === 'user_error' ? kind : undefined;
}

/** Counts a request with this status into `counts` when it failed. */
export function countFailure(counts: FailureCounts, statusCode: number | null): void {
	const kind = failureKind(statusCode);
	if (kind === 'error') {
		counts.errors++;
	} else if (kind === 'user_error') {
		counts.userErrors++;
	}
}
