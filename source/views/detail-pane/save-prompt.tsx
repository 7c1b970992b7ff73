import React from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {sanitise} from '../../terminal/sanitise.js';
import {useTheme} from '../theme.js';
import {useLatestInput} from '../use-pane-input.js';
import {partKeys, type SaveFlow, type SavePart} from './save-flow.js';

export type SavePromptProps = {
	flow: Exclude<SaveFlow, {step: 'closed'}>;
	width: number;
	/** A save is being written: keys wait. */
	isBusy: boolean;
	onChoose: (part: SavePart) => void;
	onNameChange: (name: string) => void;
	/** Enter in the file name. */
	onSubmit: () => void;
	/** y (true) or n / Esc (false) to replacing an existing file. */
	onConfirm: (isYes: boolean) => void;
	onCancel: () => void;
};

/** The one-line prompt of `s`, at the foot of the detail pane; it has the keyboard while open. */
export function SavePrompt(props: SavePromptProps): React.JSX.Element {
	const theme = useTheme();
	const {flow} = props;
	useLatestInput((input, key) => {
		if (flow.step === 'confirm') {
			if (input === 'y' || input === 'n' || key.escape) {
				props.onConfirm(input === 'y');
			}
		} else if (key.escape) {
			props.onCancel();
		} else if (flow.step === 'choose') {
			const part = key.return ? 'output' : partKeys[input];
			if (part !== undefined) {
				props.onChoose(part);
			}
		}
	}, !props.isBusy);

	const label = (text: string) => <Text color={theme.color('accent')}>{text}</Text>;
	return (
		<Box width={props.width} height={1} overflow="hidden">
			{flow.step === 'choose' ? (
				<Text wrap="truncate">{label('Save which?')} i input · o output (Enter) · r whole request · Esc cancel</Text>
			) : flow.step === 'name' ? (
				<>
					{/* The label keeps its width; a long file name is what gets clipped. */}
					<Box flexShrink={0}>
						<Text>{label(`Save the ${flow.part} as `)}</Text>
					</Box>
					<TextInput value={flow.name} focus={!props.isBusy} onChange={props.onNameChange} onSubmit={props.onSubmit} />
				</>
			) : (
				<Text wrap="truncate-start">{label(`${sanitise(flow.path)} exists. Replace it?`)} y yes · n no</Text>
			)}
		</Box>
	);
}
