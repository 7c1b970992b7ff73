/** Seeded randomness: every figure in the emulator's data comes from here, so a seed replays the same history. */

/** A 32-bit hash of two integers (murmur3's finaliser over a combination of both). */
export function hash32(a: number, b: number): number {
	let x = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
	x ^= x >>> 16;
	x = Math.imul(x, 0x85ebca6b);
	x ^= x >>> 13;
	x = Math.imul(x, 0xc2b2ae35);
	x ^= x >>> 16;
	return x >>> 0;
}

/** A small generator (mulberry32) with the helpers the data generators need. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** A float in [min, max). */
	between(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor((max - min + 1) * this.next());
	}

	/** Log-uniform in [min, max): many small values, a few large ones. */
	logBetween(min: number, max: number): number {
		return min * (max / min) ** this.next();
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}

	/** An index into `weights`, chosen in proportion to them. */
	weighted(weights: readonly number[]): number {
		const total = weights.reduce((sum, weight) => sum + weight, 0);
		let left = this.next() * total;
		for (const [index, weight] of weights.entries()) {
			left -= weight;
			if (left < 0) {
				return index;
			}
		}

		return weights.length - 1;
	}

	/** Lower-case hex digits. */
	hex(length: number): string {
		let text = '';
		while (text.length < length) {
			text += Math.floor(this.next() * 4_294_967_296).toString(16).padStart(8, '0');
		}

		return text.slice(0, length);
	}
}
