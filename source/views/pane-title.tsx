import React from 'react';
import {Text} from 'ink';
import {useTheme} from './theme.js';

export type PaneTitleProps = {
	title: string;
	/** Muted words after the title. */
	detail?: string;
	/** The active pane's title is drawn inverse, which reads without colour too. */
	isActive: boolean;
	width: number;
};

export function PaneTitle({title, detail, isActive, width}: PaneTitleProps): React.JSX.Element {
	const theme = useTheme();
	return (
		<Text wrap="truncate">
			<Text inverse={isActive} bold color={isActive ? undefined : theme.color('accent')}>{` ${title} `}</Text>
			{detail === undefined ? '' : <Text color={theme.color('muted')}>{` ${detail}`.slice(0, Math.max(0, width - title.length - 2))}</Text>}
		</Text>
	);
}
