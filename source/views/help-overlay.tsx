import React from 'react';
import {Box, Text} from 'ink';
import {keymap} from '../keymap.js';
import type {Pane} from '../keymap-types.js';
import {PaneTitle} from './pane-title.js';
import {useTheme} from './theme.js';

export type HelpOverlayProps = {
	width: number;
	height: number;
	/** First help line shown, for scrolling on short terminals. */
	top: number;
};

const paneNames: Record<Pane, string> = {
	global: 'Everywhere',
	filter: 'Filters',
	list: 'Request list',
	detail: 'Request detail',
	payload: 'Payload',
	groups: 'Groups',
	help: 'This help',
};

type HelpLine = {text: string; isHeading: boolean};

/** Every binding in the keymap, grouped by pane. */
export function helpLines(): HelpLine[] {
	const panes = [...new Set(keymap.map(binding => binding.pane))];
	return panes.flatMap(pane => [
		{text: paneNames[pane], isHeading: true},
		...keymap.filter(binding => binding.pane === pane).map(binding => ({text: `  ${binding.keys.join(' ').padEnd(14)} ${binding.help}`, isHeading: false})),
	]);
}

const columnWidth = 56;

/** The help, in as many columns as fit, scrolled by `top` when even that is too tall. */
export function HelpOverlay({width, height, top}: HelpOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const lines = helpLines();
	const bodyHeight = Math.max(1, height - 1);
	const columnCount = Math.max(1, Math.min(Math.floor(width / columnWidth), Math.ceil(lines.length / bodyHeight)));
	const shown = lines.slice(top, top + (bodyHeight * columnCount));
	const columns = Array.from({length: columnCount}, (_, index) => shown.slice(index * bodyHeight, (index + 1) * bodyHeight));
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<PaneTitle title="Keys" detail="Esc or ? closes · j/k scroll" isActive width={width} />
			<Box>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={Math.floor(width / columnCount)}>
						{column.map(line => (
							<Text key={line.text} wrap="truncate" bold={line.isHeading} color={line.isHeading ? theme.color('accent') : undefined}>{line.text}</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}

/** The largest useful scroll offset for the help at this size. */
export function maxHelpTop(width: number, height: number): number {
	const bodyHeight = Math.max(1, height - 1);
	const columnCount = Math.max(1, Math.floor(width / columnWidth));
	return Math.max(0, helpLines().length - (bodyHeight * columnCount));
}
