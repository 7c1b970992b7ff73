/**
 * Numbers as the API wrote them. JSON.parse turns each into a float, which
 * keeps the value of most (0.1, 1.0, 1e2) but not of a 30-digit integer,
 * 1e999 or 1e-400; and String() of the float may spell even an exact one
 * differently (-0.0, 1E2).
 */

type Decimal = {digits: string; exponent: number};

/** The decimal value of a JSON number (or String() of a float): significant digits and the power of ten of the last one. */
function decimalOf(literal: string): Decimal {
	const match = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal);
	const whole = match?.[1] ?? '';
	const fraction = match?.[2] ?? '';
	let digits = (whole + fraction).replace(/^0+/, '');
	let exponent = Number(match?.[3] ?? 0) - fraction.length;
	const trimmed = digits.replace(/0+$/, '');
	exponent += digits.length - trimmed.length;
	digits = trimmed;
	return {digits, exponent: digits === '' ? 0 : exponent};
}

/**
 * Whether a float holds the number exactly: its decimal value is that of the
 * float's shortest form. True for 0.1, 1.0, 1e2 and -0.0; false for
 * 123456789012345678901234567890, 1e999, -1e400 and 1e-400.
 */
export function isExactNumber(literal: string): boolean {
	const float = Number(literal);
	if (!Number.isFinite(float)) {
		return false;
	}

	const written = decimalOf(literal);
	const held = decimalOf(String(float));
	return written.digits === held.digits && written.exponent === held.exponent;
}

/** A few words after a number a float cannot hold, readable without colour; undefined for one it can. */
export function inexactNote(literal: string): string | undefined {
	if (isExactNumber(literal)) {
		return undefined;
	}

	const float = Number(literal);
	// Past the largest float, or so small that it becomes 0.
	return Number.isFinite(float) && float !== 0 ? 'not exact as a float' : 'beyond float range';
}

const zero = 0x30;
const nine = 0x39;
const minus = 0x2d;
const dot = 0x2e;

/**
 * True when String() surely spells the number token at `start` to `end` as
 * written, told from its characters alone: no exponent, at most 15
 * significant digits (a float gives those back unchanged), no leading or
 * trailing zero that String() would drop, not -0, and at least 1e-6 in size
 * (below, String() switches to an exponent). False when it may not:
 * 0.12345678901234568 is String()'s spelling, but only String() can tell.
 */
export function isSurelyCanonicalAt(text: string, start: number, end: number): boolean {
	let at = text.charCodeAt(start) === minus ? start + 1 : start;
	const wholeStart = at;
	while (at < end && text.charCodeAt(at) >= zero && text.charCodeAt(at) <= nine) {
		at++;
	}

	const wholeDigits = at - wholeStart;
	const isZeroWhole = wholeDigits === 1 && text.charCodeAt(wholeStart) === zero;
	if (wholeDigits === 0 || wholeDigits > 15 || (wholeDigits > 1 && text.charCodeAt(wholeStart) === zero)) {
		return false;
	}

	if (at === end) {
		// An integer: -0 is spelled 0.
		return !(isZeroWhole && wholeStart > start);
	}

	if (text.charCodeAt(at) !== dot || at + 1 === end || text.charCodeAt(end - 1) === zero) {
		return false;
	}

	let leadingZeros = 0;
	let digits = isZeroWhole ? 0 : wholeDigits;
	for (at++; at < end; at++) {
		const code = text.charCodeAt(at);
		if (code < zero || code > nine) {
			return false;
		}

		if (digits === 0 && code === zero) {
			leadingZeros++;
		} else {
			digits++;
		}
	}

	return digits <= 15 && leadingZeros < 6;
}
