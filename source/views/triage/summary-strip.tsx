/**
 * Two lines above the list: requests and errors per time bucket as a
 * sparkline, duration percentiles, error rates and how many rows they cover.
 */
import React, {memo, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {countOf, formatRate, groupDigits} from '../../format/count.js';
import {stripLines} from '../../model/layout.js';
import {formatSeconds} from '../../format/request.js';
import type {Rows} from '../../state/row-list.js';
import {RowSummary} from '../../state/row-summary.js';
import {pickBucketSize, type TimeWindow} from '../../triage/buckets.js';
import type {RowStats} from '../../triage/percentiles.js';
import {sparkline, sparklineColumns, type Sparkline} from '../../triage/sparkline.js';

export type SummaryStripProps = {
	/** The loaded rows for the current filters. */
	rows: Rows;
	/** Columns available; no line is longer. */
	width: number;
	/** The filter window the sparkline spans, resolved once per query (a fresh `new Date()` each render would recompute each render). */
	window: TimeWindow;
	isColor: boolean;
	/** Sparkline in ASCII only, for terminals without block glyphs. Default false. */
	isAscii?: boolean;
	/** Whether more pages exist beyond the loaded rows; the row count then ends in `+`. Default false. */
	hasMore?: boolean;
	/** The bar picked with `[` `]`, drawn inverse in both lines (read without colour too). Default: none. */
	pickedBar?: number;
};

const units: ReadonlyArray<[number, string]> = [
	[86_400_000, 'd'],
	[3_600_000, 'h'],
	[60_000, 'm'],
	[1000, 's'],
];

function formatSpan(ms: number): string {
	const [size, unit] = units.find(([size]) => ms % size === 0) ?? [1000, 's'];
	return `${ms / size}${unit}`;
}

type Figures = {stats: RowStats; spark: Sparkline; bucketSpan: number; columns: number};

function compute(summary: RowSummary, rows: Rows, window: TimeWindow, columns: number, isAscii: boolean): Figures {
	const span = window.end.getTime() - window.start.getTime();
	const {stats, buckets} = summary.update(rows, window, columns);
	return {
		stats,
		spark: sparkline(buckets, {isAscii}),
		bucketSpan: buckets.length > 0 ? pickBucketSize(span, columns) : 0,
		columns,
	};
}

/** A sparkline line with the picked bar inverse. */
function Bars({line, picked, colour}: {line: string; picked: number | undefined; colour: string | undefined}): React.JSX.Element {
	if (picked === undefined || picked >= line.length) {
		return <Text color={colour}>{line}</Text>;
	}

	// A blank bar is picked too: an underscore marks its place.
	const bar = line[picked] === ' ' ? '_' : line[picked];
	return (
		<Text color={colour}>
			{line.slice(0, picked)}
			<Text inverse>{bar}</Text>
			{line.slice(picked + 1)}
		</Text>
	);
}

function SummaryStripView({rows, width, window, isColor, isAscii = false, hasMore = false, pickedBar}: SummaryStripProps) {
	const columns = sparklineColumns(width);
	const start = window.start.getTime();
	const end = window.end.getTime();
	// Keyed on the rows' identity and length and the window's instants, so a cursor key that re-renders
	// the parent costs nothing here; a page appended to the feed's rows is counted alone.
	const [summary] = useState(() => new RowSummary());
	const {stats, spark, bucketSpan} = useMemo(
		() => compute(summary, rows, {start: new Date(start), end: new Date(end)}, columns, isAscii),
		[rows, rows.length, start, end, columns, isAscii],
	);
	const timed = stats.timed === stats.count ? '' : ` (${groupDigits(stats.timed)} timed)`;
	const durations = `p50 ${formatSeconds(stats.p50)}  p95 ${formatSeconds(stats.p95)}  p99 ${formatSeconds(stats.p99)}${timed}`;
	const perBar = bucketSpan > 0 ? ` · ${formatSpan(bucketSpan)}/bar` : '';
	const failures = `errors ${formatRate(stats.errorRate)} (5xx ${formatRate(stats.serverErrorRate)}) · ${countOf(stats.count, 'row', {isAtLeast: hasMore})}${perBar}`;
	const hasServerErrors = spark.hasServerErrors.some(Boolean);
	const errorColour = isColor ? (hasServerErrors ? 'red' : 'yellow') : undefined;
	const graph = (label: string, line: string, colour: string | undefined) =>
		columns > 0 ? (
			<>
				{label}
				<Bars line={line} picked={pickedBar} colour={colour} />{' '}
			</>
		) : null;
	return (
		<Box flexDirection="column" width={width} height={stripLines}>
			<Text wrap="truncate-end">
				{graph('req ', spark.requests, isColor ? 'cyan' : undefined)}
				{durations}
			</Text>
			<Text wrap="truncate-end">
				{graph('err ', spark.errors, errorColour)}
				{failures}
			</Text>
		</Box>
	);
}

/** The summary strip; re-renders only when its props change, and recomputes only when the rows or window do. */
export const SummaryStrip = memo(SummaryStripView);
