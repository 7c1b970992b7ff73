/**
 * The ids a listing has seen, grown a page at a time without copying what it
 * already holds. Copying a Set on every page made loading 100,000 rows
 * quadratic (28 s of reducer time) and left hundreds of MB of garbage behind.
 *
 * Each `with()` returns a new set and leaves the old one as it was (reducers
 * stay pure); the two share their layers. Layers of equal size are merged, as
 * in a binary counter, so an id is copied about log2(n) times and a lookup
 * asks about as many layers.
 */
export class IdSet implements ReadonlySet<string> {
	static readonly empty = new IdSet([], 0);

	private constructor(
		/** Never changed once made; the largest first. */
		private readonly layers: ReadonlyArray<ReadonlySet<string>>,
		readonly size: number,
	) {}

	/** The set itself when it is an IdSet already, else one layer holding a copy of `ids`. */
	static from(ids: ReadonlySet<string>): IdSet {
		return ids instanceof IdSet ? ids : IdSet.empty.with(ids);
	}

	/** A set holding these ids and `ids`. */
	with(ids: Iterable<string>): IdSet {
		let top = new Set<string>();
		for (const id of ids) {
			if (!this.has(id)) {
				top.add(id);
			}
		}

		if (top.size === 0) {
			return this;
		}

		const size = this.size + top.size;
		const layers = [...this.layers];
		while (layers.length > 0 && layers.at(-1)!.size <= top.size) {
			top = new Set([...layers.pop()!, ...top]);
		}

		layers.push(top);
		return new IdSet(layers, size);
	}

	has(id: string): boolean {
		return this.layers.some(layer => layer.has(id));
	}

	// Walking every id is rare (a follow merge): a flat copy serves it.
	private flat(): Set<string> {
		return new Set(this.layers.flatMap(layer => [...layer]));
	}

	forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
		for (const id of this.flat()) {
			callback.call(thisArg, id, id, this);
		}
	}

	entries(): SetIterator<[string, string]> {
		return this.flat().entries();
	}

	keys(): SetIterator<string> {
		return this.flat().keys();
	}

	values(): SetIterator<string> {
		return this.flat().values();
	}

	[Symbol.iterator](): SetIterator<string> {
		return this.values();
	}
}
