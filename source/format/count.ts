/**
 * A count with its thousands grouped, as toLocaleString('en-US') writes it
 * (12,345), without Intl: the first toLocaleString sets up ICU's number
 * formats, a few ms of the explorer's first frame.
 */
export function groupDigits(count: number): string {
	const digits = String(Math.trunc(Math.abs(count)));
	return `${count < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

export type CountOptions = {
	/** The noun for any count but one. Default: the singular with an s. */
	plural?: string;
	/** More may exist: `100+ rows`, always plural. Default false. */
	isAtLeast?: boolean;
};

/** A count and its noun, agreeing: `1 row`, `0 rows`, `12,345 rows`, `100+ rows`. */
export function countOf(count: number, singular: string, options: CountOptions = {}): string {
	const noun = count === 1 && !options.isAtLeast ? singular : (options.plural ?? `${singular}s`);
	return `${groupDigits(count)}${options.isAtLeast ? '+' : ''} ${noun}`;
}

/** A share (0..1) as a percentage with one decimal, `12.5%`; `-` when there is none (nothing it could be a share of). */
export function formatRate(rate: number | null | undefined): string {
	return rate === null || rate === undefined ? '-' : `${(rate * 100).toFixed(1)}%`;
}
