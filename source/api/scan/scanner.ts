/**
 * The scanner: a query's whole time window, walked in time slices several at
 * once, its rows handed over as they come.
 *
 * It starts with a few slices, newest first. A slice whose first page shows
 * it holds more than its share is cut: the page walked stays done, and what
 * is left is split in halves by time for two walkers, so dense minutes get
 * more of them. A cut costs one request when running requests are possible:
 * they sort after every finished one, so the walked page's part of the window
 * is asked once more for them (a tail).
 *
 * Pages over live data shift, so rows are kept once by request_id, and a
 * walk never follows a cursor it has followed before. Knows nothing of Ink:
 * what it finds goes to callbacks, for `falreq list` to print and for the
 * explorer to turn into messages.
 */
import type {ApiClient, RetryInfo} from '../client.js';
import {ApiError} from '../errors.js';
import {backoffMs, maxRetryAfterMs} from '../retry.js';
import type {ItemSource, Query, RequestItem, RequestPage} from '../types.js';
import {defaultConcurrency, maxConcurrency, Pacer} from './pacer.js';
import {Walk} from './walk.js';
import {boundMs, boundText, slicesOf, windowOf, type TimeRange} from './window.js';

export type ScanBatch = {
	/** Requests not handed over before, in the API's order within their slice. The array is the caller's: keep it, or copy from it. */
	items: RequestItem[];
	/** Each item's own text, in the order of `items`, when asked for (`isSourceKept`). */
	sources?: ItemSource[];
};

export type ScanProgress = {
	/** Rows handed over so far. */
	rows: number;
	/** Requests sent so far, retries included. */
	requests: number;
	/** Share of the window's time, 0 to 1, whose finished requests have all been handed over. */
	covered: number;
	/**
	 * Every request that ended from this time (epoch ms) to the window's end
	 * has been handed over: rows newer than it are final, and can be shown in
	 * order. Running requests are all known only once the scan is complete.
	 */
	completeFrom: number;
	/** Rows the window likely holds, at the density of the parts walked; undefined before any. */
	estimatedRows?: number;
	/** Requests allowed out at once now. */
	concurrency: number;
};

export type ScanSummary = ScanProgress & {
	/** Every request of the window was handed over. */
	complete: boolean;
	/** Why it stopped before that: `maxRows` reached, the signal aborted, or an error (`error`). */
	stopped?: 'capped' | 'cancelled' | 'failed';
	error?: ApiError;
	/** Requests sent again after a 429, a 5xx or a failed connection. */
	retries: number;
	/** The window scanned, fixed when the scan started. */
	window: TimeRange;
};

export type ScanOptions = {
	/** Stops the scan; what it found stays found, and the summary says it was cancelled. */
	signal?: AbortSignal;
	/** The most requests out at once, 1 to 16. Default 8; it starts at 4 (or fewer) and grows while the API keeps up. */
	concurrency?: number;
	/** Stop once this many rows are handed over (the last batch cut to fit); the summary says `capped`. Default: no cap. */
	maxRows?: number;
	/** Hand over each item's own text with it (`ScanBatch.sources`), for JSON given out byte for byte. Default false. */
	isSourceKept?: boolean;
	/** Each page's new rows, never an empty batch. */
	onBatch?: (batch: ScanBatch) => void;
	/** After each answer, and after each wait. */
	onProgress?: (progress: ScanProgress) => void;
	/** Before each wait to try again, so a screen can say what is going on. */
	onRetry?: (info: RetryInfo) => void;
	/** Failures of one page, other than 429s, before the scan gives up. Default 3, as the client's. */
	retries?: number;
	/** Base of the backoff in ms when the API gives no Retry-After. Default 500; tests make it small. */
	backoffMs?: number;
};

/** Slices the window is first cut into. */
const initialSlices = 4;
/** Rows asked for per page unless the query says: the API's most, for the fewest requests. */
const defaultPageSize = 100;
/** A slice with no more than this many pages left is never cut: another walker would cost more than it saves. */
const pagesWorthCutting = 2;
/** 429s in a row, with no answer between, before the scan gives up: the API lets nothing through. */
const maxRateLimited = 10;

function reasonOf(error: ApiError): string {
	if (error.status === 429) {
		return '429 rate limited';
	}

	if (error.status !== undefined) {
		return `${error.status} from the API`;
	}

	return error.kind === 'timeout' ? 'no answer in time' : error.kind === 'malformed' ? 'an answer cut short' : 'a failed connection';
}

/**
 * Why the scanner paces its requests itself rather than leaving retries to
 * the client: the client retries one request, honouring the Retry-After that
 * request got; here many are out at once, and a Retry-After must hold all of
 * them (the account is limited, not the request), while 429s and 5xx should
 * also bring down how many go at once. So each request is sent with no
 * retries of its own, and its failure comes back here.
 */
class Scan {
	private readonly window: TimeRange;
	private readonly pacer: Pacer;
	private readonly pageSize: number;
	private readonly maxRows: number;
	/** A status filter leaves running requests out (they have no status yet): no tails are needed. */
	private readonly isRunningPossible: boolean;
	/** Walks not done yet, waiting or out. */
	private readonly walks: Walk[];
	private readonly out = new Set<Walk>();
	private readonly seen = new Set<string>();
	private readonly controller = new AbortController();
	private rows = 0;
	private requests = 0;
	private retries = 0;
	private rateLimitedInARow = 0;
	private stopped: {reason: NonNullable<ScanSummary['stopped']>; error?: ApiError} | undefined;
	/** An exception from a callback: the scan stops and rejects with it. */
	private thrown: {error: unknown} | undefined;
	private timer: NodeJS.Timeout | undefined;
	private settle: {resolve: (summary: ScanSummary) => void; reject: (error: unknown) => void} | undefined;

	constructor(
		private readonly client: ApiClient,
		private readonly query: Query,
		private readonly options: ScanOptions,
	) {
		this.window = windowOf(query, Date.now());
		this.pacer = new Pacer(Math.min(maxConcurrency, Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency))));
		this.pageSize = query.limit ?? defaultPageSize;
		this.maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
		this.isRunningPossible = query.status === undefined;
		// One request id is one row at most: one walk finds it.
		const slices = query.requestId === undefined ? slicesOf(this.window, initialSlices) : [this.window];
		this.walks = slices.map(slice => new Walk(slice.start, slice.end));
	}

	async run(): Promise<ScanSummary> {
		const {signal} = this.options;
		const cancel = () => this.stop('cancelled');
		signal?.addEventListener('abort', cancel, {once: true});
		try {
			return await new Promise<ScanSummary>((resolve, reject) => {
				this.settle = {resolve, reject};
				if (signal?.aborted) {
					cancel();
				}

				this.pump();
			});
		} finally {
			signal?.removeEventListener('abort', cancel);
		}
	}

	/** Sends what the pacer allows, the newest slices first, and ends the scan when nothing is left or out. */
	private pump(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.stopped === undefined) {
			const now = Date.now();
			while (this.out.size < this.pacer.limit && now >= this.pacer.notBefore) {
				const walk = this.nextWalk(now);
				if (walk === undefined) {
					break;
				}

				this.send(walk);
			}

			this.wakeForWaiting(now);
		}

		if (this.out.size === 0 && (this.stopped !== undefined || this.walks.length === 0)) {
			this.finish();
		}
	}

	/** The waiting walk to send next: the newest part of the window first (callers show rows from the top), tails last (nothing waits on them until the end). */
	private nextWalk(now: number): Walk | undefined {
		const rank = (walk: Walk) => (walk.isTail ? Number.NEGATIVE_INFINITY : walk.unseenEnd);
		let best: Walk | undefined;
		for (const walk of this.walks) {
			if (!this.out.has(walk) && walk.readyAt <= now && (best === undefined || rank(walk) > rank(best))) {
				best = walk;
			}
		}

		return best;
	}

	/** With room to send and nothing sendable now, wakes when the hold ends or the first backoff does. */
	private wakeForWaiting(now: number): void {
		if (this.out.size >= this.pacer.limit) {
			return;
		}

		const waiting = this.walks.filter(walk => !this.out.has(walk)).map(walk => Math.max(walk.readyAt, this.pacer.notBefore));
		const soonest = Math.min(...waiting);
		if (Number.isFinite(soonest) && soonest > now) {
			this.timer = setTimeout(() => this.pump(), soonest - now);
		}
	}

	private send(walk: Walk): void {
		this.out.add(walk);
		this.requests++;
		const query: Query = {
			...this.query,
			// Newest first by end time, the API's default, whatever order the caller shows: that order is what lets a walk be cut by time.
			sortBy: undefined,
			limit: this.pageSize,
			start: boundText(walk.start),
			end: boundText(walk.end),
			cursor: walk.cursor,
		};
		this.client
			.listRequests(query, {signal: this.controller.signal, retries: 0, isSourceKept: this.options.isSourceKept})
			.then(page => this.answered(walk, page))
			.catch((error: unknown) => this.failed(walk, error))
			.finally(() => {
				this.out.delete(walk);
				this.pump();
			});
	}

	private answered(walk: Walk, page: RequestPage): void {
		if (this.stopped !== undefined) {
			return;
		}

		this.pacer.succeeded();
		this.rateLimitedInARow = 0;
		const passed = walk.unseenEnd;
		const next = walk.take(page);
		const isCapped = this.deliver(walk, page, passed);
		if (next === null) {
			this.walks.splice(this.walks.indexOf(walk), 1);
		} else {
			this.cutIfWorth(walk);
		}

		if (isCapped || (this.rows >= this.maxRows && this.walks.length > 0)) {
			this.stop('capped');
		}

		this.report();
	}

	/**
	 * Hands over the page's rows not seen before; true when the cap cut some
	 * off. A finished request that ended at or after `passed`, where the walk
	 * had come to, arrived since it went by (or, in a tail, was handed over by
	 * the walk it was cut from): it is left out, so that every row handed over
	 * ended before `completeFrom` as it stood, and callers can show rows in
	 * order as it moves down.
	 */
	private deliver(walk: Walk, page: RequestPage, passed: number): boolean {
		const items: RequestItem[] = [];
		const sources: ItemSource[] | undefined = page.sources === undefined ? undefined : [];
		let isCapped = false;
		for (const [index, item] of page.items.entries()) {
			if ((item.ended_at !== null && boundMs(item) >= passed) || this.seen.has(item.request_id)) {
				continue;
			}

			if (this.rows + items.length >= this.maxRows) {
				isCapped = true;
				break;
			}

			this.seen.add(item.request_id);
			items.push(item);
			sources?.push(page.sources![index]!);
		}

		this.rows += items.length;
		if (items.length > 0) {
			this.call(() => this.options.onBatch?.({items, sources}));
		}

		return isCapped;
	}

	/**
	 * Cuts what `walk` has left in two after its first page, when that is
	 * more than its share of the window: more than a couple of pages, and
	 * more than the window's pages spread over twice the most walkers, so
	 * that each walker has work while cuts, each costing a request for the
	 * running requests of the part walked, stay few. Only after the first
	 * page: the part walked is one page then, and asking it for its running
	 * requests costs one request, where later it would cost as many pages
	 * again as were walked.
	 */
	private cutIfWorth(walk: Walk): void {
		const left = walk.rowsLeft();
		const halves = walk.halves();
		if (walk.isTail || walk.pages !== 1 || left === undefined || halves === undefined) {
			return;
		}

		const windowPages = (this.progress().estimatedRows ?? 0) / this.pageSize;
		if (left <= Math.max(pagesWorthCutting, windowPages / (2 * this.pacer.most)) * this.pageSize) {
			return;
		}

		const parts = halves.map(half => new Walk(half.start, half.end));
		if (this.isRunningPossible) {
			parts.push(new Walk(walk.unseenEnd, walk.end, true));
		}

		this.walks.splice(this.walks.indexOf(walk), 1, ...parts);
	}

	private failed(walk: Walk, error: unknown): void {
		if (this.stopped !== undefined) {
			return;
		}

		if (!(error instanceof ApiError)) {
			this.thrown = {error};
			this.stop('failed');
			return;
		}

		const isRateLimited = error.status === 429;
		if (isRateLimited || (error.status ?? 0) >= 500) {
			this.pacer.slowDown();
		} else {
			this.pacer.faltered();
		}

		const attempt = isRateLimited ? ++this.rateLimitedInARow : ++walk.failures;
		const of = isRateLimited ? maxRateLimited : (this.options.retries ?? 3);
		// Longer than the client would wait: the user is told to come back instead of watching a frozen scan.
		if (!error.isRetryable || attempt > of || (error.retryAfterMs ?? 0) > maxRetryAfterMs) {
			this.stop('failed', error);
			return;
		}

		const delayMs = error.retryAfterMs ?? backoffMs(attempt, this.options.backoffMs ?? 500);
		if (isRateLimited || error.retryAfterMs !== undefined) {
			this.pacer.holdUntil(Date.now() + delayMs);
		} else {
			walk.readyAt = Date.now() + delayMs;
		}

		this.retries++;
		this.call(() => this.options.onRetry?.({attempt, of, delayMs, reason: reasonOf(error), status: error.status}));
		this.report();
	}

	private stop(reason: NonNullable<ScanSummary['stopped']>, error?: ApiError): void {
		if (this.stopped !== undefined) {
			return;
		}

		this.stopped = {reason, error};
		this.controller.abort();
		this.pump();
	}

	private report(): void {
		this.call(() => this.options.onProgress?.(this.progress()));
	}

	/** Runs a callback; one that throws stops the scan, which then rejects with what it threw. */
	private call(callback: () => void): void {
		try {
			callback();
		} catch (error) {
			this.thrown ??= {error};
			this.stop('failed');
		}
	}

	private progress(): ScanProgress {
		const {start, end} = this.window;
		// Tails hold no finished requests still to come: they count for neither.
		const walks = this.walks.filter(walk => !walk.isTail);
		let unwalked = 0;
		let completeFrom = start;
		for (const walk of walks) {
			unwalked += walk.unseenEnd - walk.start;
			completeFrom = Math.max(completeFrom, walk.unseenEnd);
		}

		const walked = end - start - unwalked;
		const density = walked > 0 ? this.rows / walked : undefined;
		let estimatedRows: number | undefined = this.rows;
		for (const walk of walks) {
			const left = walk.rowsLeft() ?? (density === undefined ? undefined : density * (walk.unseenEnd - walk.start));
			estimatedRows = left === undefined || estimatedRows === undefined ? undefined : estimatedRows + left;
		}

		return {
			rows: this.rows,
			requests: this.requests,
			covered: end > start ? walked / (end - start) : 1,
			completeFrom,
			estimatedRows: estimatedRows === undefined ? undefined : Math.round(estimatedRows),
			concurrency: this.pacer.limit,
		};
	}

	private finish(): void {
		const {settle} = this;
		this.settle = undefined;
		if (settle === undefined) {
			return;
		}

		if (this.thrown !== undefined) {
			settle.reject(this.thrown.error);
			return;
		}

		const stopped = this.stopped?.reason;
		settle.resolve({
			...this.progress(),
			complete: stopped === undefined,
			stopped,
			error: this.stopped?.error,
			retries: this.retries,
			window: this.window,
		});
	}
}

/**
 * Walks the whole window of `query` (its start and end; the API's defaults
 * as of now when left out), several slices at once, handing each page's new
 * rows to `onBatch`. Resolves with a summary when done, capped, cancelled or
 * failed; never rejects for the API's sake (its error is in the summary),
 * only with what a callback threw.
 */
export async function scanWindow(client: ApiClient, query: Query, options: ScanOptions = {}): Promise<ScanSummary> {
	return new Scan(client, query, options).run();
}
