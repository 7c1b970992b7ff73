import React from 'react';
import {Box, Text} from 'ink';
import {helpLayout} from '../model/layout.js';
import {PaneTitle} from './pane-title.js';
import {useTheme} from './theme.js';

export type HelpOverlayProps = {
	width: number;
	height: number;
	/** First help line shown, for scrolling on short terminals. */
	top: number;
};

/** Every key, in as many columns as fit, each line wrapped within its column, scrolled by `top` when even that is too tall. */
export function HelpOverlay({width, height, top}: HelpOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const {lines, columnWidth, count, bodyHeight} = helpLayout(width, height);
	const columns = Array.from({length: count}, (_, index) => top + (index * bodyHeight));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<PaneTitle title="Keys" detail="Esc or ? closes · j/k scroll" isActive width={width} />
			<Box>
				{columns.map((first, column) => (
					// eslint-disable-next-line react/no-array-index-key -- columns neither
					<Box key={column} flexDirection="column" width={columnWidth}>
						{lines.slice(first, first + bodyHeight).map((line, index) => (
							// eslint-disable-next-line react/no-array-index-key -- a line's place is its identity: continuation lines may read alike
							<Text key={first + index} wrap="truncate" bold={line.isHeading} color={line.isHeading ? theme.color('accent') : undefined}>{line.text}</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}
