import React from 'react';
import {Box, Text} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/** The smallest terminal the three panes fit in: below it rows would wrap and frames overlap. */
export const minimumSize: TerminalSize = {columns: 40, rows: 12};

export function isTooSmall(size: TerminalSize): boolean {
	return size.columns < minimumSize.columns || size.rows < minimumSize.rows;
}

export type TooSmallProps = {
	size: TerminalSize;
};

/** Said instead of the panes while the terminal is too small; one line shorter than the terminal, like every frame. */
export function TooSmall({size}: TooSmallProps): React.JSX.Element {
	return (
		<Box width={size.columns} height={Math.max(1, size.rows - 1)} overflow="hidden">
			<Text wrap="wrap">
				The terminal is too small ({size.columns}x{size.rows}): falreq needs at least {minimumSize.columns}x{minimumSize.rows}. Make the window larger, or press q to quit.
			</Text>
		</Box>
	);
}
