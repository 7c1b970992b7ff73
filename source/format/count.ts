/**
 * A count with its thousands grouped, as toLocaleString('en-US') writes it
 * (12,345), without Intl: the first toLocaleString sets up ICU's number
 * formats, a few ms of the explorer's first frame.
 */
export function groupDigits(count: number): string {
	const digits = String(Math.trunc(Math.abs(count)));
	return `${count < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}
