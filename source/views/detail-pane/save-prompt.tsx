import React from 'react';
import {Box, Text} from 'ink';
import {saveLabel} from '../../model/layout.js';
import type {SaveFlow} from '../../model/model.js';
import {sanitise} from '../../terminal/sanitise.js';
import {TextFieldView} from '../text-field-view.js';
import {useTheme} from '../theme.js';

export type SavePromptProps = {
	flow: Exclude<SaveFlow, {step: 'closed'}>;
	width: number;
};

/** The one-line prompt of `s`, at the foot of the detail pane. */
export function SavePrompt({flow, width}: SavePromptProps): React.JSX.Element {
	const theme = useTheme();
	const label = (text: string) => <Text color={theme.color('accent')}>{text}</Text>;
	switch (flow.step) {
		case 'choose': {
			return <Text wrap="truncate">{label('Save which?')} i input · o output (Enter) · r whole request · Esc cancel</Text>;
		}

		case 'name': {
			const prompt = saveLabel(flow.part);
			return (
				<Box width={width} height={1} overflow="hidden">
					<Box flexShrink={0}>{label(prompt)}</Box>
					<TextFieldView field={flow.field} width={Math.max(1, width - prompt.length - 1)} />
				</Box>
			);
		}

		case 'confirm': {
			return <Text wrap="truncate-start">{label(`${sanitise(flow.path)} exists. Replace it?`)} y yes · n no</Text>;
		}
	}
}
