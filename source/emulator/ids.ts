import {hash32} from './random.js';

// Request ids are computed from the row index, not stored: the first 32 bits
// are a keyed bijection of the index, so an id decodes back to its row without
// a lookup table, and the rest is hash noise so ids look like any UUIDv4.

const multiplierA = 0x7f_eb_35_2d;
const multiplierB = 0x84_6c_a6_8b;

function inverseOf(odd: number): number {
	// Newton's iteration doubles the correct low bits each step: 5 steps cover 32.
	let inverse = odd;
	for (let step = 0; step < 5; step++) {
		inverse = Math.imul(inverse, 2 - Math.imul(odd, inverse));
	}

	return inverse >>> 0;
}

const inverseA = inverseOf(multiplierA);
const inverseB = inverseOf(multiplierB);

function scramble(value: number, key: number): number {
	let x = (value ^ key) >>> 0;
	x = Math.imul(x ^ (x >>> 16), multiplierA) >>> 0;
	x = Math.imul(x ^ (x >>> 15), multiplierB) >>> 0;
	return (x ^ (x >>> 16)) >>> 0;
}

function unscramble(value: number, key: number): number {
	let x = (value ^ (value >>> 16)) >>> 0;
	x = Math.imul(x, inverseB) >>> 0;
	x = (x ^ (x >>> 15) ^ (x >>> 30)) >>> 0;
	x = Math.imul(x, inverseA) >>> 0;
	x = (x ^ (x >>> 16)) >>> 0;
	return (x ^ key) >>> 0;
}

function hex8(value: number): string {
	return value.toString(16).padStart(8, '0');
}

/** A UUIDv4-shaped id for `index` under `salt`; the same pair always gives the same id. */
export function uuidFor(salt: number, index: number): string {
	const head = hex8(scramble(index, salt));
	const b = hex8(hash32(salt ^ 0x51ed_270b, index));
	const c = hex8(hash32(salt ^ 0x2c1b_3c6d, index));
	const d = hex8(hash32(salt ^ 0x297a_2d39, index));
	const variant = '89ab'[Number.parseInt(c[0]!, 16) & 3]!;
	return `${head}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** The index an id was made from, or undefined when `uuidFor` would not give back this exact id. */
export function indexOfUuid(salt: number, id: string, size: number): number | undefined {
	const index = unscramble(Number.parseInt(id.slice(0, 8), 16), salt);
	return index < size && uuidFor(salt, index) === id.toLowerCase() ? index : undefined;
}
