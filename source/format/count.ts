/**
 * A count with its thousands grouped, as toLocaleString('en-US') writes it
 * (12,345), without Intl: the first toLocaleString sets up ICU's number
 * formats, a few ms of the explorer's first frame.
 */
export function groupDigits(count: number): string {
	const digits = String(Math.trunc(Math.abs(count)));
	return `${count < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** "1 row", "2 rows", "1,204 rows": a count and its noun, plural unless one. */
export function countOf(count: number, noun: string): string {
	return `${groupDigits(count)} ${noun}${count === 1 ? '' : 's'}`;
}
