import React from 'react';
import {Box, Text} from 'ink';
import type {TextField} from '../input/text-field.js';
import {loginLabel} from '../model/layout.js';
import {PaneTitle} from './pane-title.js';
import {TextFieldView} from './text-field-view.js';
import {useTheme} from './theme.js';

export type LoginOverlayProps = {
	width: number;
	/** Why the key is asked for, in words. */
	reason: string;
	field: TextField;
	/** Why the last key typed was refused. */
	problem: string | undefined;
	isChecking: boolean;
};

/** Asks for an API key, masked, when the API refused the one in use (401). */
export function LoginOverlay({width, reason, field, problem, isChecking}: LoginOverlayProps): React.JSX.Element {
	const theme = useTheme();
	return (
		<Box flexDirection="column" width={width}>
			<PaneTitle title="API key" detail="Enter checks and stores it · Esc cancels" isActive width={width} />
			<Text wrap="truncate" color={theme.color('error')}>{reason}</Text>
			<Box height={1} overflow="hidden">
				<Text>{loginLabel}</Text>
				<TextFieldView field={field} width={Math.max(1, width - loginLabel.length - 1)} mask="•" />
			</Box>
			<Text wrap="truncate" color={problem === undefined ? theme.color('muted') : theme.color('error')}>
				{isChecking ? '… checking the key' : problem ?? 'Paste the key from https://fal.ai/dashboard/keys; it is not shown.'}
			</Text>
		</Box>
	);
}
