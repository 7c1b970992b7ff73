/**
 * A two-row sparkline: the top row is requests per bucket, the row under it is
 * errors (4xx and 5xx) per bucket. Errors stand out by position, not by colour,
 * so they read the same with NO_COLOR or on TERM=dumb; any bucket with at least
 * one error gets a visible mark however small its share.
 */
import type {Bucket} from './buckets.js';

export type SparklineOptions = {
	/** Use only printable ASCII, for terminals without Unicode block glyphs. Default false. */
	isAscii?: boolean;
};

export type Sparkline = {
	/** One glyph per bucket, height proportional to its requests (scaled to the busiest bucket). */
	requests: string;
	/** One glyph per bucket, height proportional to its errors (scaled to the worst bucket); a space where none. */
	errors: string;
	/** Which buckets hold 5xx errors, for callers that colour them. */
	hasServerErrors: boolean[];
};

/** The `req ` and `err ` labels before the bars. */
const labelWidth = 4;
// Room kept for the figures. The sparkline's width depends only on the strip's width and the
// window, never on the figures, so its buckets stay put as pages load.
const figuresWidth = 46;
const minColumns = 8;
const maxColumns = 120;

/** Sparkline columns for a strip `width` wide; 0 when too narrow to be worth drawing. */
export function sparklineColumns(width: number): number {
	const columns = Math.min(maxColumns, width - labelWidth - 1 - figuresWidth);
	return columns < minColumns ? 0 : columns;
}

const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const asciiLevels = ['.', ':', '-', '=', '+', '*', '#', '@'];

function row(values: readonly number[], levels: readonly string[]): string {
	const peak = Math.max(0, ...values);
	// Ceil, not round: a bucket with one request out of thousands still shows its lowest mark.
	return values.map(value => (value > 0 ? levels[Math.ceil((value / peak) * levels.length) - 1] : ' ')).join('');
}

/** The sparkline of the buckets, one column each. */
export function sparkline(buckets: readonly Bucket[], options: SparklineOptions = {}): Sparkline {
	const levels = options.isAscii ? asciiLevels : blocks;
	return {
		requests: row(
			buckets.map(bucket => bucket.count),
			levels,
		),
		errors: row(
			buckets.map(bucket => bucket.errors + bucket.userErrors),
			levels,
		),
		hasServerErrors: buckets.map(bucket => bucket.errors > 0),
	};
}
