import React, {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {PaneTitle} from './pane-title.js';
import {useTheme} from './theme.js';

export type LoginOverlayProps = {
	width: number;
	/** Why the key is asked for, in words. */
	reason: string;
	/** Checks and stores the key; resolves to a sentence when it was refused, undefined when accepted. */
	onLogin: (key: string) => Promise<string | undefined>;
	onCancel: () => void;
};

/** Asks for an API key, masked, when the API refused the one in use (401). */
export function LoginOverlay({width, reason, onLogin, onCancel}: LoginOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const [value, setValue] = useState('');
	const [problem, setProblem] = useState<string | undefined>();
	const [isChecking, setChecking] = useState(false);
	useInput((_input, key) => {
		if (key.escape) {
			onCancel();
		}
	}, {isActive: !isChecking});

	const submit = (typed: string): void => {
		const key = typed.trim();
		if (key === '') {
			setProblem('Nothing was typed: paste your fal API key, then press Enter.');
			return;
		}

		setChecking(true);
		void onLogin(key).then(refusal => {
			if (refusal !== undefined) {
				setChecking(false);
				setValue('');
				setProblem(refusal);
			}
		});
	};

	return (
		<Box flexDirection="column" width={width}>
			<PaneTitle title="API key" detail="Enter checks and stores it · Esc cancels" isActive width={width} />
			<Text wrap="truncate" color={theme.color('error')}>{reason}</Text>
			<Box height={1} overflow="hidden">
				<Text>Key: </Text>
				<TextInput value={value} mask="•" focus={!isChecking} showCursor={!isChecking} onChange={setValue} onSubmit={submit} />
			</Box>
			<Text wrap="truncate" color={problem === undefined ? theme.color('muted') : theme.color('error')}>
				{isChecking ? '… checking the key' : problem ?? 'Paste the key from https://fal.ai/dashboard/keys; it is not shown.'}
			</Text>
		</Box>
	);
}
