import React from 'react';
import {Box, Text} from 'ink';
import {promptProblemLines, rowFilterLabel} from '../model/layout.js';
import type {RowFilterPrompt} from '../model/model.js';
import {TextFieldView} from './text-field-view.js';
import {useTheme} from './theme.js';

/** The `&` prompt above the status bar, as less draws its own, with why an expression was refused under it. */
export function RowFilterPromptView({prompt, width}: {prompt: RowFilterPrompt; width: number}): React.JSX.Element {
	const theme = useTheme();
	return (
		<Box flexDirection="column" width={width}>
			<Box height={1} overflow="hidden">
				<Text bold color={theme.color('accent')}>{rowFilterLabel}</Text>
				<TextFieldView field={prompt.field} width={Math.max(1, width - rowFilterLabel.length - 1)} placeholder='text status:5xx runner:8d46 duration>60s endpoint:acme/* msg:"…" !negates' />
			</Box>
			{promptProblemLines(prompt.problem, width).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- wrapped lines have no identity of their own
				<Text key={index} wrap="truncate" color={theme.color('error')}>{line}</Text>
			))}
		</Box>
	);
}
