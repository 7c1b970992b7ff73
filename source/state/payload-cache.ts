/** Payloads fetched by request id, kept for a while: least recently used first out, bounded by size. */
import type {ItemSource} from '../api/types.js';
import {jsonBytes} from '../json/preview.js';

/** One request's payloads. A field absent here was absent in the answer (payload storage off, or deleted). */
export type Payload = {
	input?: unknown;
	output?: unknown;
	/**
	 * The API's own text of the item and of these payloads, which is what is
	 * copied, saved and shown. Absent for payloads a list page carried.
	 */
	source?: ItemSource;
};

type Entry = {payload: Payload; bytes: number};

/**
 * The size a payload is charged: its JSON text, which is what it costs to
 * hold and draw, and the item's text when kept besides. Safe on any nesting
 * depth. A kept text is counted in UTF-16 units, about its bytes, which
 * costs nothing where measuring UTF-8 would read through megabytes.
 */
export function payloadBytes(payload: Payload): number {
	const {source} = payload;
	if (source === undefined) {
		const size = (value: unknown) => (value === undefined ? 0 : jsonBytes(value));
		return size(payload.input) + size(payload.output);
	}

	return source.item.length + (source.input?.length ?? 0) + (source.output?.length ?? 0);
}

export class PayloadCache {
	private readonly entries = new Map<string, Entry>();
	private total = 0;

	/** @param maxBytes Upper bound on the bytes held. A payload bigger than this alone is not kept. */
	constructor(readonly maxBytes: number) {}

	get bytes(): number {
		return this.total;
	}

	get size(): number {
		return this.entries.size;
	}

	get(requestId: string): Payload | undefined {
		const entry = this.entries.get(requestId);
		if (entry === undefined) {
			return undefined;
		}

		// Map order is insertion order: re-inserting marks it most recently used.
		this.entries.delete(requestId);
		this.entries.set(requestId, entry);
		return entry.payload;
	}

	set(requestId: string, payload: Payload, bytes = payloadBytes(payload)): void {
		this.delete(requestId);
		if (bytes > this.maxBytes) {
			return;
		}

		this.entries.set(requestId, {payload, bytes});
		this.total += bytes;
		for (const [id, entry] of this.entries) {
			if (this.total <= this.maxBytes) {
				break;
			}

			this.entries.delete(id);
			this.total -= entry.bytes;
		}
	}

	delete(requestId: string): void {
		const entry = this.entries.get(requestId);
		if (entry !== undefined) {
			this.entries.delete(requestId);
			this.total -= entry.bytes;
		}
	}
}
