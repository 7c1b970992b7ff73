/**
 * Breakdowns (`b`): the rows counted by endpoint, runner, status code or
 * error type, one line per group with its figures, a cursor, as the failure
 * groups view draws its groups. Every line is exactly `width` columns: the
 * label takes what the figures leave, cut with one ellipsis, and on narrow
 * terminals the failure count and then p50 make way for it.
 */
import {Fragment, memo} from 'react';
import {Box, Text} from 'ink';
import {countOf, formatRate, groupDigits} from '../../format/count.js';
import {formatSeconds} from '../../format/request.js';
import {fitWidth} from '../../terminal/fit-width.js';
import {sanitise} from '../../terminal/sanitise.js';
import {dimensionNames, dimensions, type BreakdownColumn, type BreakdownRow, type Dimension, type Narrowing} from '../../triage/breakdown.js';
import {breakdownChromeLines, describeWithin, type BreakdownSort} from '../../triage/breakdown-state.js';
import {cursorWindow, type GroupsCursor} from '../../triage/groups-cursor.js';
import {useTheme} from '../theme.js';

export type BreakdownViewProps = {
	/** The groups in the order shown (`sortBreakdown` by `sort`). */
	rows: readonly BreakdownRow[];
	dimension: Dimension;
	/** Marks its column's title with ▲ (ascending) or ▼ (descending). */
	sort: BreakdownSort;
	cursor: GroupsCursor;
	/** The groups the rows were narrowed to (`narrowTo`), said under the groups. Default: none. */
	within?: readonly Narrowing[];
	width: number;
	/** Lines available, the tabs, the column titles and the line under the groups included (at least 4 are used). */
	height: number;
	/** The view has the keys: its dimension's tab is drawn inverse. */
	isActive: boolean;
	/** A few words after the tabs, e.g. how much of the window the rows cover. Default: none. */
	note?: string;
};

type Figure = Exclude<BreakdownColumn, 'label'>;
type FigureColumn = {column: Figure; title: string; width: number};

// Wide enough for 1,000,000 and for each title with its sort mark.
const figureColumns: readonly FigureColumn[] = [
	{column: 'requests', title: 'requests', width: 9},
	{column: 'errors', title: 'errors', width: 9},
	{column: 'errorRate', title: 'error %', width: 8},
	{column: 'p50', title: 'p50', width: 7},
	{column: 'p95', title: 'p95', width: 7},
];
/**
 * Left out, in this order, while the label would get fewer columns than
 * `minLabelWidth`: the failures (their rate stays), p50 (p95 says more of
 * the slow end), then p95; never the column sorted by, which says why the
 * groups come in their order.
 */
const leftOutFirst: readonly Figure[] = ['errors', 'p50', 'p95'];
const minLabelWidth = 10;
/** The cursor mark before each group. */
const markerWidth = 2;

const groupNouns: Readonly<Record<Dimension, string>> = {endpoint: 'endpoint', runner: 'runner', status: 'status code', errorType: 'error type'};
const sortMarks = {ascending: '▲', descending: '▼'} as const;

type Layout = {labelWidth: number; columns: readonly FigureColumn[]};

function layoutFor(width: number, sorted: BreakdownColumn): Layout {
	const labelWidth = (columns: readonly FigureColumn[]) => width - markerWidth - columns.reduce((sum, column) => sum + column.width + 1, 0);
	let columns = figureColumns;
	for (const figure of leftOutFirst.filter(each => each !== sorted)) {
		if (labelWidth(columns) >= minLabelWidth) {
			break;
		}

		columns = columns.filter(column => column.column !== figure);
	}

	return {labelWidth: Math.max(1, labelWidth(columns)), columns};
}

function figureText(row: BreakdownRow, column: Figure): string {
	switch (column) {
		case 'requests':
		case 'errors': {
			return groupDigits(row[column]);
		}

		case 'errorRate': {
			return formatRate(row.errorRate);
		}

		case 'p50':
		case 'p95': {
			return formatSeconds(row[column]);
		}
	}
}

/** One line: the label, then each figure right-aligned in its column, `width` columns in all. */
function lineText(label: string, figures: (column: FigureColumn) => string, {labelWidth, columns}: Layout): string {
	return fitWidth(label, labelWidth) + columns.map(column => ` ${fitWidth(figures(column), column.width, true)}`).join('');
}

type GroupLineProps = {row: BreakdownRow; width: number; sorted: BreakdownColumn; isSelected: boolean};

const GroupLine = memo(function GroupLine({row, width, sorted, isSelected}: GroupLineProps) {
	const text = lineText(sanitise(row.label), column => figureText(row, column.column), layoutFor(width, sorted));
	return (
		<Text bold={isSelected} wrap="truncate">
			{isSelected ? '> ' : '  '}
			{text}
		</Text>
	);
});

type TabsProps = {dimension: Dimension; isActive: boolean; note: string | undefined; width: number};

const tabsPrefix = 'Breakdown by ';

/**
 * The dimensions, the one shown in brackets (and inverse while the view has
 * the keys): readable without colour. Below some 54 columns the words
 * before them go and they are spaced closer, so that all four show at 40.
 */
function Tabs({dimension, isActive, note, width}: TabsProps) {
	const theme = useTheme();
	const names = dimensions.map(each => (each === dimension ? `[${dimensionNames[each]}]` : dimensionNames[each]));
	const isRoomy = tabsPrefix.length + names.join(' · ').length <= width;
	return (
		<Text wrap="truncate-end">
			{isRoomy ? tabsPrefix : ''}
			{dimensions.map((each, position) => (
				<Fragment key={each}>
					{position === 0 ? '' : isRoomy ? ' · ' : ' '}
					{each === dimension ? (
						<Text bold inverse={isActive} color={isActive ? undefined : theme.color('accent')}>
							{names[position]}
						</Text>
					) : (
						<Text color={theme.color('muted')}>{names[position]}</Text>
					)}
				</Fragment>
			))}
			{note === undefined ? '' : ` (${note})`}
		</Text>
	);
}

/** The breakdowns view; its state is source/triage/breakdown-state.ts's. */
export function BreakdownView({rows, dimension, sort, cursor, within = [], width, height, isActive, note}: BreakdownViewProps) {
	const layout = layoutFor(width, sort.column);
	const listHeight = Math.max(1, height - breakdownChromeLines);
	const {index, start, end} = cursorWindow(cursor, rows.map(row => row.key), listHeight);
	const title = (column: BreakdownColumn, name: string, gap: string) => (sort.column === column ? `${name}${gap}${sortMarks[sort.direction]}` : name);
	const header = lineText(title('label', dimensionNames[dimension], ' '), column => title(column.column, column.title, ''), layout);

	const noun = dimension === 'errorType' ? 'failed request' : 'request';
	const total = rows.reduce((sum, row) => sum + row.requests, 0);
	const scope = within.length === 0 ? '' : ` within ${sanitise(describeWithin(within))}`;
	const footer = rows.length === 0 ? `No ${noun}s${scope}.` : `${countOf(rows.length, groupNouns[dimension])}, ${countOf(total, noun)}${scope}`;
	return (
		<Box flexDirection="column" width={width} height={Math.max(height, breakdownChromeLines + 1)}>
			<Tabs dimension={dimension} isActive={isActive} note={note} width={width} />
			<Text wrap="truncate">{' '.repeat(markerWidth)}{header}</Text>
			<Box flexDirection="column" height={listHeight}>
				{rows.slice(start, end).map((row, position) => (
					<GroupLine key={row.key} row={row} width={width} sorted={sort.column} isSelected={start + position === index} />
				))}
			</Box>
			<Text wrap="truncate-end">{footer}</Text>
		</Box>
	);
}
