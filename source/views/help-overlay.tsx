import React from 'react';
import {Box, Text} from 'ink';
import {helpColumns, helpLines} from '../model/layout.js';
import {PaneTitle} from './pane-title.js';
import {useTheme} from './theme.js';

export type HelpOverlayProps = {
	width: number;
	height: number;
	/** First help line shown, for scrolling on short terminals. */
	top: number;
};

/** Every key, in as many columns as fit, scrolled by `top` when even that is too tall. */
export function HelpOverlay({width, height, top}: HelpOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const lines = helpLines();
	const {count, bodyHeight} = helpColumns(width, height, lines.length);
	const shown = lines.slice(top, top + (bodyHeight * count));
	const columns = Array.from({length: count}, (_, index) => shown.slice(index * bodyHeight, (index + 1) * bodyHeight));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<PaneTitle title="Keys" detail="Esc or ? closes · j/k scroll" isActive width={width} />
			<Box>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={Math.floor(width / count)}>
						{column.map(line => (
							<Text key={line.text} wrap="truncate" bold={line.isHeading} color={line.isHeading ? theme.color('accent') : undefined}>{line.text}</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}
