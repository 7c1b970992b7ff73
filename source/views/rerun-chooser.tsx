import React from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import type {RequestItem} from '../api/types.js';
import {sanitise} from '../terminal/sanitise.js';
import {rerunCommand, rerunForms} from '../triage/rerun.js';
import {PaneTitle} from './pane-title.js';
import {useTheme} from './theme.js';

export type RerunChooserProps = {
	item: RequestItem;
	choice: number;
	/** The input to send, once fetched. */
	inputText: string | undefined;
	width: number;
	height: number;
};

const items = rerunForms.map((form, index) => ({key: form.form, label: `${index + 1} ${form.label}`, value: form.form}));

/** `R`: the forms of the re-run command, drawn by ink-select-input at the model's choice, and the chosen one as it will be copied. */
export function RerunChooser({item, choice, inputText, width, height}: RerunChooserProps): React.JSX.Element {
	const theme = useTheme();
	const form = rerunForms[choice]!;
	const previewHeight = Math.max(0, height - 3 - items.length);
	// The command may hold a payload of megabytes: only the lines that fit are split out and cleaned.
	const command = React.useMemo(() => (inputText === undefined ? '' : rerunCommand(form.form, item.endpoint_id, inputText)), [form.form, item.endpoint_id, inputText]);
	const preview = command.split('\n', previewHeight);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<PaneTitle title="Re-run" detail={sanitise(`${item.request_id} on ${item.endpoint_id}: Enter or 1-3 copies; the key stays in $FAL_KEY`)} isActive width={width} />
			{inputText === undefined ? (
				<Text wrap="truncate" color={theme.color('muted')}>… fetching the request&apos;s input (Esc cancels)</Text>
			) : (
				<>
					{/* Keyed, so that it starts at the model's choice; the keys are ours. */}
					<SelectInput key={choice} items={items} initialIndex={choice} isFocused={false} />
					<Text> </Text>
					{preview.map((line, index) => (
						// eslint-disable-next-line react/no-array-index-key -- lines of one text
						<Text key={index} wrap="truncate" color={theme.color('muted')}>{sanitise(line.slice(0, width * 2))}</Text>
					))}
				</>
			)}
		</Box>
	);
}
