/** Failed requests by kind, as the summary strip counts them over rows and per time bucket. */
import {statusClass} from '../format/request.js';

export type FailureCounts = {
	/** Status 5xx. */
	errors: number;
	/** Status 4xx. */
	userErrors: number;
};

/** Counts a request with this status into `counts` when it failed. */
export function countFailure(counts: FailureCounts, statusCode: number | null): void {
	const kind = statusClass(statusCode);
	if (kind === 'error') {
		counts.errors++;
	} else if (kind === 'user_error') {
		counts.userErrors++;
	}
}
