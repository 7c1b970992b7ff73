/**
 * The API's order for rows the scanner finds out of order: newest end first,
 * running requests last (newest sent first), or longest first with the rows
 * without a duration last, in that same order. Rows are printed as soon as
 * their place is certain: by end time, once the scan has covered everything
 * newer; by duration only at the end, as the longest may be anywhere.
 */
import type {RequestItem, SortBy} from '../api/types.js';

type Entry<T> = {
	/** Microseconds since the epoch; NaN while running. */
	ended: number;
	sent: number;
	/** NaN when none. */
	duration: number;
	/** Order of arrival, so that rows the keys cannot tell apart keep it. */
	arrival: number;
	value: T;
};

/** Microseconds of an RFC 3339 time: Date.parse keeps milliseconds, the API may write microseconds. */
function microsOf(text: string | null): number {
	if (text === null) {
		return Number.NaN;
	}

	const beyond = /\.\d{3}(\d{1,3})/.exec(text)?.[1] ?? '';
	return (Date.parse(text) * 1000) + Number(beyond.padEnd(3, '0'));
}

/** Descending, NaN last; 0 when equal. */
function descending(a: number, b: number): number {
	return Number.isNaN(a) || Number.isNaN(b) ? Number(Number.isNaN(a)) - Number(Number.isNaN(b)) : b - a;
}

function byEnd<T>(a: Entry<T>, b: Entry<T>): number {
	return descending(a.ended, b.ended) || descending(a.sent, b.sent) || a.arrival - b.arrival;
}

function byDuration<T>(a: Entry<T>, b: Entry<T>): number {
	return descending(a.duration, b.duration) || byEnd(a, b);
}

/** A binary heap whose top is the entry that comes first. */
class Heap<T> {
	private readonly entries: Array<Entry<T>> = [];

	constructor(private readonly first: (a: Entry<T>, b: Entry<T>) => number) {}

	get size(): number {
		return this.entries.length;
	}

	peek(): Entry<T> | undefined {
		return this.entries[0];
	}

	push(entry: Entry<T>): void {
		const {entries} = this;
		entries.push(entry);
		for (let index = entries.length - 1; index > 0; ) {
			const parent = (index - 1) >> 1;
			if (this.first(entries[index]!, entries[parent]!) >= 0) {
				break;
			}

			[entries[index], entries[parent]] = [entries[parent]!, entries[index]!];
			index = parent;
		}
	}

	pop(): Entry<T> | undefined {
		const {entries} = this;
		const top = entries[0];
		const last = entries.pop();
		if (entries.length > 0 && last !== undefined) {
			entries[0] = last;
			for (let index = 0; ; ) {
				const left = (2 * index) + 1;
				const right = left + 1;
				let smallest = index;
				if (left < entries.length && this.first(entries[left]!, entries[smallest]!) < 0) {
					smallest = left;
				}

				if (right < entries.length && this.first(entries[right]!, entries[smallest]!) < 0) {
					smallest = right;
				}

				if (smallest === index) {
					break;
				}

				[entries[index], entries[smallest]] = [entries[smallest]!, entries[index]!];
				index = smallest;
			}
		}

		return top;
	}
}

/** Rows waiting for their place in the API's order; `T` is what is printed of each (a line, or the row itself). */
export class OrderedRows<T> {
	private readonly isByDuration: boolean;
	private readonly finished: Heap<T>;
	private readonly running: Heap<T>;
	private arrivals = 0;

	constructor(sortBy: SortBy | undefined) {
		this.isByDuration = sortBy === 'duration';
		this.finished = new Heap<T>(this.isByDuration ? byDuration : byEnd);
		this.running = new Heap<T>(byEnd);
	}

	/** Rows waiting. */
	get size(): number {
		return this.finished.size + this.running.size;
	}

	add(item: Pick<RequestItem, 'ended_at' | 'sent_at' | 'duration'>, value: T): void {
		const entry = {ended: microsOf(item.ended_at), sent: microsOf(item.sent_at), duration: item.duration ?? Number.NaN, arrival: this.arrivals++, value};
		// By duration, a running request's place is among the others without one.
		(Number.isNaN(entry.ended) && !this.isByDuration ? this.running : this.finished).push(entry);
	}

	/** The rows whose place is now certain, in order: by end time, those that ended at or after `completeFrom` (epoch ms); by duration, none. */
	settled(completeFrom: number): T[] {
		const values: T[] = [];
		while (!this.isByDuration && (this.finished.peek()?.ended ?? Number.NEGATIVE_INFINITY) >= completeFrom * 1000) {
			values.push(this.finished.pop()!.value);
		}

		return values;
	}

	/** Every row still waiting, in order: at the end of the scan, or what it found before it stopped. */
	rest(): T[] {
		const values: T[] = [];
		for (const heap of [this.finished, this.running]) {
			for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
				values.push(entry.value);
			}
		}

		return values;
	}
}
