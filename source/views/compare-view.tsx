import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {DiffSegment, DiffSegmentKind, DiffWindowLine} from '../json/diff-viewer.js';
import {compareChromeLines, sideTitle} from '../model/compare.js';
import type {CompareState} from '../model/model.js';
import {sanitise} from '../terminal/sanitise.js';
import {PaneTitle} from './pane-title.js';
import {SearchPrompt} from './search-prompt.js';
import {type ColorName, useTheme} from './theme.js';

export type CompareViewProps = {
	compare: CompareState;
	/** Changes whenever the diff viewer changed in place, so that the view draws again. */
	version: number;
	width: number;
	height: number;
	isActive: boolean;
};

const colors: Record<DiffSegmentKind, ColorName | undefined> = {
	plain: undefined,
	key: 'key',
	punctuation: undefined,
	string: 'string',
	number: 'number',
	literal: 'literal',
	added: 'good',
	removed: 'error',
	changed: 'warning',
	addedWord: 'good',
	removedWord: 'error',
	fold: 'muted',
};

const markColors: Record<DiffWindowLine['mark'], ColorName | undefined> = {' ': undefined, '+': 'good', '-': 'error', '~': 'warning'};

function SegmentText({segment}: {segment: DiffSegment}): React.JSX.Element {
	const theme = useTheme();
	const name = colors[segment.kind];
	// Changed words are underlined as well as coloured, so that they stand out with NO_COLOR too.
	const isWord = segment.kind === 'addedWord' || segment.kind === 'removedWord';
	if (segment.isMatch) {
		return (
			<Text underline bold color={theme.isColor ? 'black' : undefined} backgroundColor={theme.isColor ? 'yellow' : undefined}>
				{segment.text}
			</Text>
		);
	}

	return <Text underline={isWord} bold={isWord} color={name === undefined ? undefined : theme.color(name)}>{segment.text}</Text>;
}

function Segments({segments}: {segments: readonly DiffSegment[]}): React.JSX.Element {
	return (
		<>
			{segments.map((segment, index) => (
				// eslint-disable-next-line react/no-array-index-key -- segments have no identity beyond their place
				<SegmentText key={index} segment={segment} />
			))}
		</>
	);
}

/** One line of the diff: the cursor, then both halves around the mark (side by side), or the mark and the line (unified). */
function DiffLine({line, isActive}: {line: DiffWindowLine; isActive: boolean}): React.JSX.Element {
	const theme = useTheme();
	const markColor = markColors[line.mark];
	const mark = <Text bold color={markColor === undefined ? undefined : theme.color(markColor)}>{line.mark}</Text>;
	return (
		<Text wrap="truncate-end" inverse={line.isCursor && isActive}>
			{line.isCursor ? '›' : ' '}
			{line.segments === undefined ? (
				<>
					<Segments segments={line.left ?? []} />
					{' '}
					{mark}
					{' '}
					<Segments segments={line.right ?? []} />
				</>
			) : (
				<>
					{mark}
					{' '}
					<Segments segments={line.segments} />
				</>
			)}
		</Text>
	);
}

/** `D`: two requests' payloads as a structural diff, side by side from 120 columns, unified below. */
export const CompareView = memo(function CompareView({compare, width, height, isActive}: CompareViewProps): React.JSX.Element {
	const theme = useTheme();
	const {viewer, search, error} = compare;
	const state = error ?? (viewer === undefined ? 'fetching both payloads…' : viewer.summary());
	const header = viewer?.header();
	const bodyHeight = Math.max(1, height - compareChromeLines - (search === undefined ? 0 : 1));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<PaneTitle title="Diff" detail={`${state} · Esc closes`} isActive={isActive} width={width} />
			<Text wrap="truncate" color={theme.color('muted')}>
				{header === undefined
					? sanitise(`- ${sideTitle(compare.left.item)}  + ${sideTitle(compare.right.item)}`)
					: typeof header === 'string' ? ` ${header}` : ` ${header.left} │ ${header.right}`}
			</Text>
			{error === undefined ? null : <Text wrap="truncate" color={theme.color('error')}>✗ {error}</Text>}
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{viewer?.window().map(line => <DiffLine key={line.index} line={line} isActive={isActive} />)}
			</Box>
			{search === undefined ? null : <SearchPrompt field={search} width={width} />}
		</Box>
	);
});
