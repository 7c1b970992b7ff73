import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {messageLines} from '../model/layout.js';
import type {StatusMessage} from '../model/status.js';
import {useTheme} from './theme.js';

export type StatusBarProps = {
	message: StatusMessage;
	/** `key does` pieces, most relevant first; as many as fit are shown. */
	hints: readonly string[];
	width: number;
};

function fitHints(hints: readonly string[], width: number): string {
	let line = '';
	for (const hint of hints) {
		const next = line === '' ? hint : `${line}  ${hint}`;
		if (next.length > width) {
			break;
		}

		line = next;
	}

	return line;
}

export const StatusBar = memo(function StatusBar({message, hints, width}: StatusBarProps): React.JSX.Element {
	const theme = useTheme();
	const lines = messageLines(message, width);
	const color = message.tone === 'error' ? theme.color('error') : message.tone === 'notice' ? theme.color('warning') : undefined;
	return (
		<Box flexDirection="column" width={width}>
			{(lines.length > 0 ? lines : ['']).map((line, index) => (
				<Text key={index} wrap="truncate" color={color}>{line}</Text>
			))}
			<Text wrap="truncate" color={theme.color('muted')}>{fitHints(hints, width)}</Text>
		</Box>
	);
});
