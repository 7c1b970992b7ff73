import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {TextField} from '../../input/text-field.js';
import type {Segment, SegmentKind} from '../../json/lines.js';
import type {JsonViewer} from '../../json/viewer.js';
import {SearchPrompt} from '../search-prompt.js';
import {type ColorName, useTheme} from '../theme.js';

export type JsonViewProps = {
	/** The viewer, sized to this box by the update function. */
	viewer: JsonViewer;
	/** Changes whenever the viewer changed in place, so that the view draws again. */
	version: number;
	width: number;
	height: number;
	/** The search prompt's text while it is open. */
	search: TextField | undefined;
	isActive: boolean;
};

const colors: Record<SegmentKind, ColorName | undefined> = {
	key: 'key',
	string: 'string',
	number: 'number',
	boolean: 'literal',
	null: 'literal',
	punct: undefined,
	muted: 'muted',
};

function SegmentText({segment}: {segment: Segment}): React.JSX.Element {
	const theme = useTheme();
	const name = colors[segment.kind];
	if (segment.isMatch) {
		return (
			<Text underline bold color={theme.isColor ? 'black' : undefined} backgroundColor={theme.isColor ? 'yellow' : undefined}>
				{segment.text}
			</Text>
		);
	}

	return <Text color={name === undefined ? undefined : theme.color(name)}>{segment.text}</Text>;
}

/** A foldable, searchable JSON tree that draws only the lines in its box. */
export const JsonView = memo(function JsonView({viewer, width, height, search, isActive}: JsonViewProps): React.JSX.Element {
	const contentHeight = Math.max(1, height);
	return (
		<Box flexDirection="column" width={width} height={height + (search === undefined ? 0 : 1)} overflow="hidden">
			<Box flexDirection="column" height={contentHeight} overflow="hidden">
				{viewer.window().map(row => (
					<Text key={row.index} wrap="truncate-end" inverse={row.isCursor && isActive}>
						{row.isCursor ? '›' : ' '}
						{row.segments.map((segment, index) => (
							// eslint-disable-next-line react/no-array-index-key -- segments have no identity beyond their place
							<SegmentText key={index} segment={segment} />
						))}
					</Text>
				))}
			</Box>
			{search === undefined ? null : <SearchPrompt field={search} width={width} />}
		</Box>
	);
});
