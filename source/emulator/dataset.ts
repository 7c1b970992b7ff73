import type {Expand, RequestItem} from '../api/types.js';
import {catalogue, spikeEndpoint, type EndpointSpec} from './catalogue.js';
import {indexOfUuid, uuidFor} from './ids.js';
import {dataUriLength, payloadKinds, payloadTexts, type PayloadKind, type PayloadTexts} from './payloads.js';
import {hash32, Random} from './random.js';
import {formatTime, precisions, roundTime, type Precision} from './time.js';

/** A row whose payload holds a multi-megabyte data URI. */
export type LargePayload = {
	requestId: string;
	/** Length of the data URI in bytes (the payload text is a little longer). */
	bytes: number;
	field: 'json_input' | 'json_output';
};

/** Request ids of rows that tests and benchmarks look for. */
export type SpecialRows = {
	/** Still running: ended_at, status_code and duration are null. */
	running: string[];
	/** json_output is null. */
	nullOutput: string[];
	/** Payloads deleted: json_input and json_output absent even when expanded. */
	missingPayloads: string[];
	/** Escape sequences, bidi overrides and lone surrogates in payload strings and keys. */
	hostile: string[];
	/** json_input nested 10,000 levels deep. */
	deepNesting: string;
	/**
	 * Payloads as raw JSON text that a parse and a stringify would change
	 * (payloads.ts, exactInputMembers and exactOutputMembers): 1e999, -1e400, a
	 * 30-digit integer, -0.0, 1.0, 1E2, integer-like keys out of order, escapes,
	 * a key given twice. Byte-exact copying and saving are tested on it.
	 */
	hugeNumbers: string;
};

/** The emulator's data, for tests to compute what the API should answer. */
export type Dataset = {
	/** The clock's time when the emulator started; history ends just before it. */
	readonly anchor: Date;
	/** Every endpoint id that has rows (route-level ids). */
	readonly endpoints: readonly string[];
	/** Rows, including those added since the start. */
	readonly size: number;
	/** Rows with data URIs of about 2.5, 3.5, 5 and 20 MB. */
	readonly largePayloads: readonly LargePayload[];
	readonly special: SpecialRows;
	/** Where errors spike: one endpoint, about 75 to 45 minutes before the anchor. */
	readonly spike: {endpointId: string; start: string; end: string};
	/** Every row without payloads or billing, in the order made: rows added since the start come last. */
	items(): RequestItem[];
	/** One row as the API would give it with these expansions; undefined for an unknown id. */
	find(requestId: string, expand?: readonly Expand[]): RequestItem | undefined;
	/** A row's payloads as the raw JSON text the server writes (1e999 stays 1e999). */
	payloadText(requestId: string): PayloadTexts | undefined;
};

/** A status class as the API's `status` filter names it, by number. */
export const statusClasses = {success: 1, user_error: 2, error: 3} as const;
export type StatusClass = (typeof statusClasses)[keyof typeof statusClasses];

/** What one page request selects. */
export type Selection = {
	/** Per endpoint index (catalogue order): 1 when the request asked for it. */
	endpoints: Uint8Array;
	/** Inclusive lower and exclusive upper bound, epoch ms. */
	start: number;
	end: number;
	statusClass?: StatusClass;
	requestId?: string;
	sortBy: 'ended_at' | 'duration';
	offset: number;
	limit: number;
};

/** Extra rows that arrive later can be steered so that they land in what a client is paging through. */
export type Arrival = {endpoints?: Uint8Array; statusClass?: StatusClass};

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const historyMs = 7 * day;
/** History ends this long before the anchor, leaving room on top for rows that arrive later. */
const quietGap = 7 * minute;
/** Rows that arrive later end this long before the clock's now, so a default `end` (now) includes them. */
const arrivalLead = minute;
/** Billing lags: rows that ended this close to the anchor have no billable units yet. */
const billingLag = 30 * minute;
const runnersPerEndpoint = 12;
const salts = {row: 0x1f12_3bb5, payload: 0x5a3c_9e71, request: 0x2545_f491, runner: 0x6c8e_9cf5};

const trafficWeights = catalogue.map((spec) => spec.weight);
const statusWeights = {normal: [90, 6, 4], spike: [40, 5, 55]} as const;
const serverErrorWeights = {normal: [50, 25, 25], spike: [70, 5, 25]} as const;

type Special = {endpoint: string; minutesAgo: number; status: number | null; kind: PayloadKind; bytes?: number};

// Placed where a user (and the bench) will meet them: mostly within the default 24 hours.
const specials: readonly Special[] = [
	{endpoint: 'acme/upscaler/hd', minutesAgo: 125, status: 200, kind: payloadKinds.largeInput, bytes: 5_000_000},
	{endpoint: 'fal-ai/flux/dev', minutesAgo: 190, status: 200, kind: payloadKinds.largeOutput, bytes: 20_000_000},
	{endpoint: 'fal-ai/fast-sdxl', minutesAgo: 610, status: 200, kind: payloadKinds.largeOutput, bytes: 2_500_000},
	{endpoint: 'acme/upscaler/turbo', minutesAgo: 1300, status: 200, kind: payloadKinds.largeInput, bytes: 3_500_000},
	{endpoint: 'fal-ai/flux/dev', minutesAgo: 31, status: 422, kind: payloadKinds.hostile},
	{endpoint: 'acme/upscaler/turbo', minutesAgo: 245, status: 200, kind: payloadKinds.hostile},
	{endpoint: 'fal-ai/fast-sdxl', minutesAgo: 700, status: 500, kind: payloadKinds.hostile},
	{endpoint: 'fal-ai/flux/dev', minutesAgo: 52, status: 422, kind: payloadKinds.deep},
	{endpoint: 'fal-ai/flux/schnell', minutesAgo: 83, status: 200, kind: payloadKinds.hugeNumbers},
	{endpoint: 'fal-ai/flux-pro/v1.1-ultra', minutesAgo: 140, status: 200, kind: payloadKinds.nullOutput},
	{endpoint: 'acme/upscaler/hd', minutesAgo: 400, status: 500, kind: payloadKinds.nullOutput},
	{endpoint: 'fal-ai/flux/dev', minutesAgo: 75, status: 200, kind: payloadKinds.missing},
	{endpoint: 'fal-ai/kling-video/v2/master/text-to-video', minutesAgo: 900, status: 200, kind: payloadKinds.missing},
	// Still running: minutesAgo is when they were sent.
	{endpoint: 'fal-ai/kling-video/v2/master/text-to-video', minutesAgo: 3.5, status: null, kind: payloadKinds.normal},
	{endpoint: 'fal-ai/kling-video/v2/master/text-to-video', minutesAgo: 2, status: null, kind: payloadKinds.normal},
	{endpoint: 'fal-ai/flux/dev', minutesAgo: 1.5, status: null, kind: payloadKinds.normal},
	{endpoint: 'acme/upscaler/hd', minutesAgo: 1.3, status: null, kind: payloadKinds.normal},
	{endpoint: 'fal-ai/flux-pro/v1.1-ultra', minutesAgo: 1.1, status: null, kind: payloadKinds.normal},
];

/** The fewest rows a dataset can have: the special rows and the spike need room. */
export const minimumRequests = 100;

function classOf(status: number): number {
	return status >= 500 ? statusClasses.error : status >= 400 ? statusClasses.user_error : statusClasses.success;
}

function round6(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

/** Row-oriented data kept as columns of typed arrays, so 100,000 rows stay a few megabytes. */
export class Store implements Dataset {
	readonly anchor: Date;
	readonly endpoints = catalogue.map((spec) => spec.id);
	readonly largePayloads: LargePayload[] = [];
	readonly special: SpecialRows = {running: [], nullOutput: [], missingPayloads: [], hostile: [], deepNesting: '', hugeNumbers: ''};
	readonly spike: {endpointId: string; start: string; end: string};
	size = 0;

	private readonly seed: number;
	private capacity: number;
	private endpoint: Uint8Array;
	private sentAt: Float64Array;
	private startedAt: Float64Array;
	private endedAt: Float64Array;
	private duration: Float64Array;
	private status: Uint16Array;
	private runner: Int8Array;
	private precision: Uint8Array;
	private kind: Uint8Array;
	private billing: Float64Array;
	private readonly dataUriBytes = new Map<number, number>();
	/** Rows by ended_at descending, then the running rows by sent_at descending. */
	private readonly byEnded: number[];
	/** Rows by duration descending, then those without a duration in ended_at order. */
	private readonly byDuration: number[];
	private endedCount = 0;

	constructor(options: {seed: number; anchor: number; requests: number}) {
		if (!Number.isInteger(options.requests) || options.requests < minimumRequests) {
			throw new RangeError(`The emulator needs at least ${minimumRequests} requests, not ${options.requests}.`);
		}

		this.seed = options.seed >>> 0;
		this.anchor = new Date(options.anchor);
		this.capacity = options.requests;
		this.endpoint = new Uint8Array(this.capacity);
		this.sentAt = new Float64Array(this.capacity);
		this.startedAt = new Float64Array(this.capacity);
		this.endedAt = new Float64Array(this.capacity);
		this.duration = new Float64Array(this.capacity);
		this.status = new Uint16Array(this.capacity);
		this.runner = new Int8Array(this.capacity);
		this.precision = new Uint8Array(this.capacity);
		this.kind = new Uint8Array(this.capacity);
		this.billing = new Float64Array(this.capacity);

		const anchor = options.anchor;
		const spikeStart = anchor - 75 * minute;
		const spikeEnd = anchor - 45 * minute;
		this.spike = {endpointId: spikeEndpoint, start: new Date(spikeStart).toISOString(), end: new Date(spikeEnd).toISOString()};
		const spikeRows = Math.max(20, Math.round(options.requests * 0.012));
		const bulkRows = options.requests - spikeRows - specials.length;
		const spikeIndex = this.endpoints.indexOf(spikeEndpoint);

		for (let count = 0; count < bulkRows; count++) {
			const random = this.randomFor(this.size);
			const endpoint = random.weighted(trafficWeights);
			const sentAt = anchor - historyMs + random.next() * (historyMs - 15 * minute);
			this.addRow(random, endpoint, this.drawStatus(random, 'normal'), {sentAt}, random.chance(0.005) ? this.rareKind(random) : payloadKinds.normal);
		}

		for (let count = 0; count < spikeRows; count++) {
			const random = this.randomFor(this.size);
			const endedAt = random.between(spikeStart, spikeEnd);
			this.addRow(random, spikeIndex, this.drawStatus(random, 'spike'), {endedAt}, payloadKinds.normal);
		}

		for (const special of specials) {
			this.addSpecial(special);
		}

		this.byEnded = this.sortedRows((a, b) => this.compareEnded(a, b));
		this.byDuration = this.sortedRows((a, b) => this.compareDuration(a, b));
	}

	/** Rows arriving now, on top of the ended_at order (they end a minute before `now`). */
	add(count: number, now: number, arrival: Arrival = {}): void {
		const candidates = arrival.endpoints
			? this.endpoints.flatMap((_, index) => (arrival.endpoints![index] ? [index] : []))
			: undefined;
		for (let added = 0; added < count; added++) {
			const row = this.size;
			const random = this.randomFor(row);
			const endpoint = candidates && candidates.length > 0 ? random.pick(candidates) : random.weighted(trafficWeights);
			const status = arrival.statusClass ? this.statusOfClass(random, arrival.statusClass, 'normal') : this.drawStatus(random, 'normal');
			const top = this.endedCount > 0 ? this.endedAt[this.byEnded[0]!]! : Number.NEGATIVE_INFINITY;
			// Milliseconds precision, so that each arrival is visibly later than the one before.
			const endedAt = Math.max(Math.floor(now) - arrivalLead, Math.floor(top) + 1);
			this.addRow(random, endpoint, status, {endedAt}, payloadKinds.normal, precisions.milliseconds);
			this.insert(this.byEnded, row, (a, b) => this.compareEnded(a, b));
			this.insert(this.byDuration, row, (a, b) => this.compareDuration(a, b));
		}
	}

	/** Per endpoint index, 1 when one of `ids` asks for it: exact ids, or a bare `owner/app` for all its routes. */
	endpointMask(ids: readonly string[]): Uint8Array {
		const mask = new Uint8Array(this.endpoints.length);
		for (const [index, endpoint] of this.endpoints.entries()) {
			const isAsked = ids.some((id) => endpoint === id || (id.split('/').length === 2 && endpoint.startsWith(`${id}/`)));
			mask[index] = isAsked ? 1 : 0;
		}

		return mask;
	}

	/** One page: the rows at `offset` (at most `limit`) and whether more follow. */
	select(selection: Selection): {rows: number[]; hasMore: boolean} {
		const matches = (row: number) => this.matches(row, selection);
		if (selection.requestId !== undefined) {
			const row = indexOfUuid(salts.request ^ this.seed, selection.requestId, this.size);
			const rows = row !== undefined && matches(row) && selection.offset === 0 ? [row] : [];
			return {rows, hasMore: false};
		}

		const rows: number[] = [];
		let skipped = 0;
		const take = (row: number): boolean => {
			if (skipped < selection.offset) {
				skipped++;
				return true;
			}

			rows.push(row);
			return rows.length <= selection.limit;
		};

		if (selection.sortBy === 'duration') {
			for (const row of this.byDuration) {
				if (matches(row) && !take(row)) {
					break;
				}
			}
		} else {
			// Ended rows are ordered by ended_at, so the time bounds cut one contiguous run.
			const from = this.firstEndedBefore(selection.end);
			const to = this.firstEndedBefore(selection.start);
			const positions = [
				[from, to],
				[this.endedCount, this.size],
			] as const;
			scan: for (const [first, last] of positions) {
				for (let position = first; position < last; position++) {
					const row = this.byEnded[position]!;
					if (matches(row) && !take(row)) {
						break scan;
					}
				}
			}
		}

		const hasMore = rows.length > selection.limit;
		return {rows: hasMore ? rows.slice(0, selection.limit) : rows, hasMore};
	}

	/** A row as the JSON text of an API item; `endpointSuffix` lets the hostile fault taint endpoint ids. */
	itemText(row: number, expand: {payloads: boolean; billing: boolean}, endpointSuffix = ''): string {
		const precision = this.precision[row] as Precision;
		const ended = this.endedAt[row]!;
		const duration = this.duration[row]!;
		const runner = this.runner[row]!;
		let text =
			`{"request_id":"${this.requestIdOf(row)}","endpoint_id":${JSON.stringify(this.endpoints[this.endpoint[row]!]! + endpointSuffix)}` +
			`,"sent_at":"${formatTime(this.sentAt[row]!, precision)}","started_at":"${formatTime(this.startedAt[row]!, precision)}"` +
			`,"ended_at":${Number.isNaN(ended) ? 'null' : `"${formatTime(ended, precision)}"`}` +
			`,"status_code":${this.status[row] || 'null'},"duration":${Number.isNaN(duration) ? 'null' : duration}` +
			`,"runner_id":${runner < 0 ? 'null' : `"${this.runnerIdOf(row)}"`}`;
		if (expand.payloads) {
			const texts = this.payloadsOf(row);
			text += texts.input === undefined ? '' : `,"json_input":${texts.input}`;
			text += texts.output === undefined ? '' : `,"json_output":${texts.output}`;
		}

		if (expand.billing) {
			const units = this.billing[row]!;
			text += `,"billable_units":${Number.isNaN(units) ? 'null' : units}`;
		}

		return `${text}}`;
	}

	items(): RequestItem[] {
		return Array.from({length: this.size}, (_, row) => this.itemOf(row, []));
	}

	find(requestId: string, expand: readonly Expand[] = []): RequestItem | undefined {
		const row = indexOfUuid(salts.request ^ this.seed, requestId, this.size);
		return row === undefined ? undefined : this.itemOf(row, expand);
	}

	payloadText(requestId: string): PayloadTexts | undefined {
		const row = indexOfUuid(salts.request ^ this.seed, requestId, this.size);
		return row === undefined ? undefined : this.payloadsOf(row);
	}

	private itemOf(row: number, expand: readonly Expand[]): RequestItem {
		return JSON.parse(this.itemText(row, {payloads: expand.includes('payloads'), billing: expand.includes('billing')})) as RequestItem;
	}

	private payloadsOf(row: number): PayloadTexts {
		const status = this.status[row]!;
		return payloadTexts({
			spec: catalogue[this.endpoint[row]!]!,
			statusCode: status === 0 ? null : status,
			seed: hash32(this.seed ^ salts.payload, row),
			kind: this.kind[row] as PayloadKind,
			dataUriBytes: this.dataUriBytes.get(row),
		});
	}

	private matches(row: number, selection: Selection): boolean {
		if (selection.endpoints[this.endpoint[row]!] !== 1) {
			return false;
		}

		const status = this.status[row]!;
		if (selection.statusClass !== undefined && (status === 0 || classOf(status) !== selection.statusClass)) {
			return false;
		}

		const ended = this.endedAt[row]!;
		const time = Number.isNaN(ended) ? this.sentAt[row]! : ended;
		return time >= selection.start && time < selection.end;
	}

	/** The first position in byEnded whose row ended before `time` (binary search over the ended rows). */
	private firstEndedBefore(time: number): number {
		let low = 0;
		let high = this.endedCount;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.endedAt[this.byEnded[middle]!]! >= time) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return low;
	}

	private requestIdOf(row: number): string {
		return uuidFor(salts.request ^ this.seed, row);
	}

	private runnerIdOf(row: number): string {
		return uuidFor(salts.runner ^ this.seed, this.endpoint[row]! * runnersPerEndpoint + this.runner[row]!);
	}

	private randomFor(row: number): Random {
		return new Random(hash32(this.seed ^ salts.row, row));
	}

	private rareKind(random: Random): PayloadKind {
		return random.chance(0.5) ? payloadKinds.nullOutput : payloadKinds.missing;
	}

	private drawStatus(random: Random, traffic: 'normal' | 'spike'): number {
		const statusClass = (random.weighted(statusWeights[traffic]) + 1) as StatusClass;
		return this.statusOfClass(random, statusClass, traffic);
	}

	private statusOfClass(random: Random, statusClass: StatusClass, traffic: 'normal' | 'spike'): number {
		switch (statusClass) {
			case statusClasses.success: {
				return 200;
			}

			case statusClasses.user_error: {
				return random.chance(0.7) ? 422 : 400;
			}

			case statusClasses.error: {
				return [500, 503, 504][random.weighted(serverErrorWeights[traffic])]!;
			}
		}
	}

	private addSpecial(special: Special): void {
		const row = this.size;
		const random = this.randomFor(row);
		const endpoint = this.endpoints.indexOf(special.endpoint);
		// A few seconds of jitter, so that the special rows do not end on whole minutes.
		const at = this.anchor.getTime() - special.minutesAgo * minute - random.between(0, 20_000);
		const placement = special.status === null ? {sentAt: at} : {endedAt: at};
		this.addRow(random, endpoint, special.status, placement, special.kind);
		const requestId = this.requestIdOf(row);
		if (special.bytes !== undefined) {
			const bytes = dataUriLength(special.bytes);
			this.dataUriBytes.set(row, bytes);
			this.largePayloads.push({requestId, bytes, field: special.kind === payloadKinds.largeInput ? 'json_input' : 'json_output'});
		}

		const lists: Partial<Record<PayloadKind, string[]>> = {
			[payloadKinds.nullOutput]: this.special.nullOutput,
			[payloadKinds.missing]: this.special.missingPayloads,
			[payloadKinds.hostile]: this.special.hostile,
		};
		lists[special.kind]?.push(requestId);
		if (special.status === null) {
			this.special.running.push(requestId);
		}

		if (special.kind === payloadKinds.deep) {
			this.special.deepNesting = requestId;
		}

		if (special.kind === payloadKinds.hugeNumbers) {
			this.special.hugeNumbers = requestId;
		}
	}

	/**
	 * Writes one row. Times come from `sentAt` (forwards) or `endedAt`
	 * (backwards); a null status is a request still running.
	 */
	private addRow(
		random: Random,
		endpoint: number,
		status: number | null,
		placement: {sentAt: number} | {endedAt: number},
		kind: PayloadKind,
		precision: Precision = random.weighted([3, 5, 2]) as Precision,
	): void {
		const spec = catalogue[endpoint]!;
		const row = this.size++;
		this.ensureCapacity(this.size);
		const duration = this.drawDuration(random, spec, status);
		const wait = random.logBetween(5, 40_000);
		const span = (Number.isNaN(duration) ? random.between(10, 400) : duration * 1000) + random.between(3, 90);
		let sentAt: number;
		let endedAt: number;
		if ('sentAt' in placement) {
			sentAt = placement.sentAt;
			endedAt = sentAt + wait + span;
			// Long requests sent late in the history would end in the quiet gap kept for arrivals.
			const limit = this.anchor.getTime() - quietGap;
			if (status !== null && endedAt > limit) {
				sentAt -= endedAt - limit;
				endedAt = limit;
			}
		} else {
			endedAt = placement.endedAt;
			sentAt = endedAt - span - wait;
		}

		this.endpoint[row] = endpoint;
		this.sentAt[row] = roundTime(sentAt, precision);
		this.startedAt[row] = roundTime(sentAt + wait, precision);
		this.endedAt[row] = status === null ? Number.NaN : roundTime(endedAt, precision);
		this.duration[row] = duration;
		this.status[row] = status ?? 0;
		this.endedCount += status === null ? 0 : 1;
		// A 503 here means no runner was ever assigned.
		this.runner[row] = status === 503 ? -1 : random.int(0, runnersPerEndpoint - 1);
		this.precision[row] = precision;
		this.kind[row] = kind;
		const units = status !== null && status < 300 ? spec.units(random) : 0;
		// Rows arriving after the start are always recent enough to be unbilled.
		const isBilled = status !== null && endedAt < this.anchor.getTime() - billingLag;
		this.billing[row] = isBilled ? units : Number.NaN;
	}

	private drawDuration(random: Random, spec: EndpointSpec, status: number | null): number {
		if (status === null || status === 503) {
			return Number.NaN;
		}

		if (status < 300) {
			return round6(random.between(...spec.duration));
		}

		if (status < 500) {
			return round6(random.between(0.02, 1.2));
		}

		return round6(status === 504 ? spec.timeout + random.between(0, 2) : random.between(0.3, spec.duration[1]));
	}

	private ensureCapacity(size: number): void {
		if (size <= this.capacity) {
			return;
		}

		this.capacity = Math.max(size, Math.ceil(this.capacity * 1.5));
		const grow = <T extends Uint8Array | Uint16Array | Int8Array | Float64Array>(column: T): T => {
			const bigger = new (column.constructor as new (length: number) => T)(this.capacity);
			bigger.set(column);
			return bigger;
		};

		this.endpoint = grow(this.endpoint);
		this.sentAt = grow(this.sentAt);
		this.startedAt = grow(this.startedAt);
		this.endedAt = grow(this.endedAt);
		this.duration = grow(this.duration);
		this.status = grow(this.status);
		this.runner = grow(this.runner);
		this.precision = grow(this.precision);
		this.kind = grow(this.kind);
		this.billing = grow(this.billing);
	}

	private sortedRows(compare: (a: number, b: number) => number): number[] {
		return Array.from({length: this.size}, (_, row) => row).sort(compare);
	}

	private insert(order: number[], row: number, compare: (a: number, b: number) => number): void {
		let low = 0;
		let high = order.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compare(order[middle]!, row) <= 0) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		order.splice(low, 0, row);
	}

	/** Newest end first; running rows last, newest sent first; then by row for a stable order. */
	private compareEnded(a: number, b: number): number {
		return (
			descendingNullsLast(this.endedAt[a]!, this.endedAt[b]!) || this.sentAt[b]! - this.sentAt[a]! || a - b
		);
	}

	/** Longest first; rows without a duration last, in ended_at order. */
	private compareDuration(a: number, b: number): number {
		return descendingNullsLast(this.duration[a]!, this.duration[b]!) || this.compareEnded(a, b);
	}
}

function descendingNullsLast(a: number, b: number): number {
	const isANull = Number.isNaN(a);
	const isBNull = Number.isNaN(b);
	if (isANull || isBNull) {
		return Number(isANull) - Number(isBNull);
	}

	return b - a;
}
