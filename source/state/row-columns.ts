/**
 * Rows packed into typed arrays, about 80 bytes a row outside the JS heap
 * instead of some 350 bytes of objects and strings on it. Every row on the
 * heap raised the garbage collector's limit with it: 100,000 parsed rows
 * took the explorer's peak memory well past 200 MB.
 *
 * A row packs when what it unpacks to is exactly what it was: a lowercase
 * UUID request id, times `YYYY-MM-DDTHH:MM:SS[.f to ffffff]Z`, the eight
 * fields in the API's order and no others. Any other row is kept as it came.
 */
import type {RequestItem} from '../api/types.js';
import {emptyFacts, endTime, setFacts, type RowFacts} from '../triage/row-facts.js';

const fields = ['request_id', 'endpoint_id', 'sent_at', 'started_at', 'ended_at', 'status_code', 'duration', 'runner_id'];
const isoTime = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;
const noString = 0xFF_FF_FF_FF;
const timeFields = ['sent_at', 'started_at', 'ended_at'] as const;

function hex(word: number, digits: number): string {
	return word.toString(16).padStart(digits, '0');
}

/** The ids of rows, as the `&` filter reads them without unpacking a row. */
export type RowLabels = {
	readonly length: number;
	/** Endpoint and runner ids, which `endpoints` and `runners` point into. */
	readonly strings: readonly string[];
	readonly endpoints: Int32Array;
	/** -1 for no runner. */
	readonly runners: Int32Array;
	/** Each request id, a lowercase UUID, as four 32-bit words (its 32 hex digits in order); not for the rows in `otherIds`. */
	readonly ids: Uint32Array;
	/** The request ids that are not lowercase UUIDs, by index. */
	readonly otherIds: ReadonlyMap<number, string>;
};

/** A time as microseconds since the epoch and its count of fraction digits; undefined when that would not give the same text back. */
function packTime(text: string): [number, number] | undefined {
	const match = isoTime.exec(text);
	const seconds = match === null ? Number.NaN : Date.parse(`${match[1]!}Z`);
	if (Number.isNaN(seconds)) {
		return undefined;
	}

	const fraction = match![2] ?? '';
	const micros = (seconds * 1000) + Number(fraction.padEnd(6, '0'));
	return unpackTime(micros, fraction.length) === text ? [micros, fraction.length] : undefined;
}

function unpackTime(micros: number, digits: number): string {
	const seconds = Math.floor(micros / 1e6);
	const fraction = digits === 0 ? '' : `.${String(micros - (seconds * 1e6)).padStart(6, '0').slice(0, digits)}`;
	return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction}Z`;
}

/**
 * The four 32-bit words of a lowercase UUID; undefined for any other id.
 * Read a character at a time: looking up the 100,000 ids of known error
 * outputs by regular expression, slices and parseInt took most of a
 * breakdown by error type (bench/breakdown.js).
 */
function packId(id: string): [number, number, number, number] | undefined {
	if (id.length !== 36) {
		return undefined;
	}

	const words: [number, number, number, number] = [0, 0, 0, 0];
	for (let place = 0, digit = 0; place < 36; place++) {
		const code = id.charCodeAt(place);
		if (place === 8 || place === 13 || place === 18 || place === 23) {
			if (code !== 0x2D) {
				return undefined;
			}

			continue;
		}

		// 0-9 and a-f only: an uppercase id is kept as it came, not packed.
		const value = code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x66 ? code - 0x57 : -1;
		if (value === -1) {
			return undefined;
		}

		words[digit >>> 3] = (words[digit >>> 3]! * 16) + value;
		digit++;
	}

	return words;
}

/** One column set: rows 0..count-1, each either packed or kept in `kept`. */
export class RowColumns {
	count = 0;
	private capacity: number;
	private ids: Uint32Array;
	private endpoints: Uint32Array;
	private runners: Uint32Array;
	private times: Float64Array;
	private digits: Uint8Array;
	private codes: Int16Array;
	private durations: Float64Array;
	/** Rows that do not pack, by position. */
	private readonly kept = new Map<number, RequestItem>();
	/** Positions of the rows whose id is not a UUID. */
	private readonly otherIds = new Map<string, number>();
	/** Open addressing over the UUID ids: position + 1, 0 for none. */
	private slots: Int32Array;

	constructor(
		/** Endpoint and runner ids, each once; shared by copies, as it only grows. */
		private readonly strings: {list: string[]; index: Map<string, number>},
		capacity = 64,
	) {
		this.capacity = capacity;
		this.ids = new Uint32Array(capacity * 4);
		this.endpoints = new Uint32Array(capacity);
		this.runners = new Uint32Array(capacity);
		this.times = new Float64Array(capacity * 3);
		this.digits = new Uint8Array(capacity * 3);
		this.codes = new Int16Array(capacity);
		this.durations = new Float64Array(capacity);
		this.slots = new Int32Array(capacity * 2);
	}

	static empty(): RowColumns {
		return new RowColumns({list: [], index: new Map()});
	}

	/** The position of the row with this id among the first `length`, or -1. */
	positionOf(id: string, length: number): number {
		const words = packId(id);
		if (words === undefined) {
			const position = this.otherIds.get(id);
			return position !== undefined && position < length ? position : -1;
		}

		const mask = this.slots.length - 1;
		for (let slot = hashOf(...words) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
			const position = this.slots[slot]! - 1;
			if (position < length && this.isId(position, words)) {
				return position;
			}
		}

		return -1;
	}

	/** Adds a row at position `count`. */
	push(item: RequestItem): void {
		if (this.count === this.capacity) {
			this.grow(this.capacity * 2);
		}

		const position = this.count++;
		const words = packId(item.request_id);
		if (words === undefined) {
			this.otherIds.set(item.request_id, position);
			this.kept.set(position, item);
			return;
		}

		this.ids.set(words, position * 4);
		this.index(position);
		if (!this.pack(position, item)) {
			this.kept.set(position, item);
		}
	}

	row(position: number): RequestItem {
		const kept = this.kept.get(position);
		if (kept !== undefined) {
			return kept;
		}

		const words = this.ids.subarray(position * 4, (position * 4) + 4);
		const id = `${hex(words[0]!, 8)}-${hex(words[1]! >>> 16, 4)}-${hex(words[1]! & 0xFF_FF, 4)}-${hex(words[2]! >>> 16, 4)}-${hex(words[2]! & 0xFF_FF, 4)}${hex(words[3]!, 8)}`;
		const time = (field: number) => unpackTime(this.times[(position * 3) + field]!, this.digits[(position * 3) + field]!);
		const code = this.codes[position]!;
		const duration = this.durations[position]!;
		const runner = this.runners[position]!;
		return {
			request_id: id,
			endpoint_id: this.strings.list[this.endpoints[position]!]!,
			sent_at: time(0),
			started_at: time(1),
			ended_at: Number.isNaN(this.times[(position * 3) + 2]!) ? null : time(2),
			status_code: code < 0 ? null : code,
			duration: Number.isNaN(duration) ? null : duration,
			runner_id: runner === noString ? null : this.strings.list[runner]!,
		};
	}

	/** The labels of rows `from` to `to` - 1, read off the columns without unpacking a row. */
	labels(from: number, to: number): RowLabels {
		const length = Math.max(0, to - from);
		const endpoints = new Int32Array(length);
		const runners = new Int32Array(length);
		endpoints.set(this.endpoints.subarray(from, from + length));
		// Int32Array takes noString (0xFFFFFFFF) as -1.
		runners.set(this.runners.subarray(from, from + length));
		const kept = [...this.kept].filter(([position]) => position >= from && position < to);
		// Kept rows' endpoint and runner ids go into a copy of the table: the shared one is only grown by packing.
		const strings = kept.length === 0 ? this.strings.list : [...this.strings.list];
		for (const [position, item] of kept) {
			endpoints[position - from] = strings.push(item.endpoint_id) - 1;
			runners[position - from] = item.runner_id === null ? -1 : strings.push(item.runner_id) - 1;
		}

		const otherIds = new Map<number, string>();
		for (const [id, position] of this.otherIds) {
			if (position >= from && position < to) {
				otherIds.set(position - from, id);
			}
		}

		return {length, strings, endpoints, runners, ids: this.ids.slice(from * 4, to * 4), otherIds};
	}

	/**
	 * A set of its own holding the rows at `positions` (each once), in that
	 * order, copied packed: a filtered view of 100,000 rows costs milliseconds.
	 */
	picked(positions: ArrayLike<number>): RowColumns {
		const count = positions.length;
		const columns = new RowColumns(this.strings, Math.max(64, 2 ** Math.ceil(Math.log2(count))));
		const gather = <T extends Uint32Array | Float64Array | Uint8Array | Int16Array>(from: T, to: T, width: number): void => {
			for (let index = 0; index < count; index++) {
				const position = positions[index]!;
				for (let offset = 0; offset < width; offset++) {
					to[(index * width) + offset] = from[(position * width) + offset]!;
				}
			}
		};

		gather(this.ids, columns.ids, 4);
		gather(this.endpoints, columns.endpoints, 1);
		gather(this.runners, columns.runners, 1);
		gather(this.times, columns.times, 3);
		gather(this.digits, columns.digits, 3);
		gather(this.codes, columns.codes, 1);
		gather(this.durations, columns.durations, 1);
		columns.count = count;
		const otherIds = new Map(Array.from(this.otherIds, ([id, position]) => [position, id]));
		for (let index = 0; index < count; index++) {
			const position = positions[index]!;
			const kept = this.kept.get(position);
			if (kept !== undefined) {
				columns.kept.set(index, kept);
			}

			const otherId = otherIds.get(position);
			if (otherId === undefined) {
				columns.index(index);
			} else {
				columns.otherIds.set(otherId, index);
			}
		}

		return columns;
	}

	/** A set of its own holding the first `length` rows, for appending other rows after them. */
	copy(length: number): RowColumns {
		const copy = new RowColumns(this.strings, Math.max(64, this.capacity));
		copy.copyRows(this, 0, length);
		return copy;
	}

	/**
	 * A set of its own holding the first `length` rows of `rest` with `items`
	 * (each id once, none of them among those rows) put in at position `at`,
	 * the rows at the positions in `replaced` (positions in `rest`) swapped
	 * for the items given (same request ids). The rows of `rest` are copied
	 * packed, never unpacked.
	 */
	static joined(rest: RowColumns, length: number, items: readonly RequestItem[], at: number, replaced: ReadonlyMap<number, RequestItem>): RowColumns {
		const columns = new RowColumns(rest.strings, Math.max(64, 2 ** Math.ceil(Math.log2(items.length + length))));
		columns.copyRows(rest, 0, at);
		for (const item of items) {
			columns.push(item);
		}

		columns.copyRows(rest, at, length);
		for (const [position, item] of replaced) {
			columns.replace(position < at ? position : position + items.length, item);
		}

		return columns;
	}

	/** The position of the row that ended last among the first `length` (the first of equals, to the millisecond), or -1. */
	newestEnd(length: number): number {
		let newest = -1;
		let newestTime = -Infinity;
		for (let position = 0; position < length; position++) {
			const kept = this.kept.get(position);
			const time = kept === undefined ? Math.floor(this.times[(position * 3) + 2]! / 1000) : endTime(kept);
			if (time > newestTime) {
				newest = position;
				newestTime = time;
			}
		}

		return newest;
	}

	/** The summary strip's facts of rows `from` to `to` - 1, read off the columns without unpacking a row. */
	facts(from: number, to: number): RowFacts {
		const facts = emptyFacts(Math.max(0, to - from));
		for (let index = 0; index < facts.length; index++) {
			const position = from + index;
			const ended = this.times[(position * 3) + 2]!;
			// Microseconds to milliseconds as Date.parse reads the text: truncated (floored, before 1970).
			facts.times[index] = Math.floor((Number.isNaN(ended) ? this.times[position * 3]! : ended) / 1000);
			const code = this.codes[position]!;
			facts.statuses[index] = code < 0 ? Number.NaN : code;
			facts.durations[index] = this.durations[position]!;
		}

		for (const [position, item] of this.kept) {
			if (position >= from && position < to) {
				setFacts(facts, position - from, item);
			}
		}

		return facts;
	}

	/** Appends rows `start` to `end` - 1 of `source`, which shares these columns' strings. */
	private copyRows(source: RowColumns, start: number, end: number): void {
		const offset = this.count;
		const length = end - start;
		if (offset + length > this.capacity) {
			this.grow(Math.max(this.capacity * 2, 2 ** Math.ceil(Math.log2(offset + length))));
		}

		const copyColumn = <T extends Uint32Array | Float64Array | Uint8Array | Int16Array>(from: T, to: T, width: number): void => {
			to.set(from.subarray(start * width, end * width), offset * width);
		};

		copyColumn(source.ids, this.ids, 4);
		copyColumn(source.endpoints, this.endpoints, 1);
		copyColumn(source.runners, this.runners, 1);
		copyColumn(source.times, this.times, 3);
		copyColumn(source.digits, this.digits, 3);
		copyColumn(source.codes, this.codes, 1);
		copyColumn(source.durations, this.durations, 1);
		const isCopied = (position: number) => position >= start && position < end;
		for (const [position, item] of source.kept) {
			if (isCopied(position)) {
				this.kept.set(offset + position - start, item);
			}
		}

		const others = new Set<number>();
		for (const [id, position] of source.otherIds) {
			if (isCopied(position)) {
				this.otherIds.set(id, offset + position - start);
				others.add(position);
			}
		}

		this.count += length;
		for (let position = start; position < end; position++) {
			if (!others.has(position)) {
				this.index(offset + position - start);
			}
		}
	}

	/** Swaps the row at `position` for `item`, which has the same request id. */
	private replace(position: number, item: RequestItem): void {
		this.kept.delete(position);
		if (packId(item.request_id) === undefined || !this.pack(position, item)) {
			this.kept.set(position, item);
		}
	}

	private pack(position: number, item: RequestItem): boolean {
		const keys = Object.keys(item);
		if (keys.length !== fields.length || keys.some((key, index) => key !== fields[index])) {
			return false;
		}

		const code = item.status_code;
		if (code !== null && !(Number.isInteger(code) && code >= 0 && code <= 0x7F_FF)) {
			return false;
		}

		for (const [field, name] of timeFields.entries()) {
			const text = item[name];
			const packed: [number, number] | undefined = text === null ? [Number.NaN, 0] : packTime(text);
			if (packed === undefined) {
				return false;
			}

			this.times[(position * 3) + field] = packed[0];
			this.digits[(position * 3) + field] = packed[1];
		}

		this.endpoints[position] = this.stringIndex(item.endpoint_id);
		this.runners[position] = item.runner_id === null ? noString : this.stringIndex(item.runner_id);
		this.codes[position] = code ?? -1;
		this.durations[position] = item.duration ?? Number.NaN;
		return true;
	}

	private stringIndex(text: string): number {
		const {list, index} = this.strings;
		let found = index.get(text);
		if (found === undefined) {
			found = list.push(text) - 1;
			index.set(text, found);
		}

		return found;
	}

	private isId(position: number, words: readonly number[]): boolean {
		const start = position * 4;
		return this.ids[start] === words[0] && this.ids[start + 1] === words[1] && this.ids[start + 2] === words[2] && this.ids[start + 3] === words[3];
	}

	/** Enters the row at `position`, its id already in `ids`, in the id table. */
	private index(position: number): void {
		const mask = this.slots.length - 1;
		const start = position * 4;
		let slot = hashOf(this.ids[start]!, this.ids[start + 1]!, this.ids[start + 2]!, this.ids[start + 3]!) & mask;
		while (this.slots[slot] !== 0) {
			slot = (slot + 1) & mask;
		}

		this.slots[slot] = position + 1;
	}

	private grow(capacity: number): void {
		const grown = <T extends Uint32Array | Float64Array | Uint8Array | Int16Array>(array: T, width: number): T => {
			const next = new (array.constructor as new (length: number) => T)(capacity * width);
			next.set(array);
			return next;
		};

		this.ids = grown(this.ids, 4);
		this.endpoints = grown(this.endpoints, 1);
		this.runners = grown(this.runners, 1);
		this.times = grown(this.times, 3);
		this.digits = grown(this.digits, 3);
		this.codes = grown(this.codes, 1);
		this.durations = grown(this.durations, 1);
		this.capacity = capacity;
		// The id table stays at most half full.
		this.slots = new Int32Array(capacity * 2);
		const others = new Set(this.otherIds.values());
		for (let position = 0; position < this.count; position++) {
			if (!others.has(position)) {
				this.index(position);
			}
		}
	}
}

/** Mixes the id's four words (random bits, in a UUID) into a slot number. */
function hashOf(word0: number, word1: number, word2: number, word3: number): number {
	return Math.imul(word0 ^ word3, 0x9E_37_79_B1) ^ word1 ^ word2;
}
