import React from 'react';
import {Text} from 'ink';
import {visibleField, type TextField} from '../input/text-field.js';
import {sanitise} from '../terminal/sanitise.js';
import {useTheme} from './theme.js';

export type TextFieldViewProps = {
	field: TextField;
	/** Columns the value may take; it scrolls around the cursor within them. */
	width: number;
	/** Shown for each character instead of it (a secret). Default: the text itself. */
	mask?: string;
	/** Shown, muted, after the cursor while the field is empty. Default: nothing. */
	placeholder?: string;
};

/** A text field being edited: the part around the cursor, with the cursor drawn inverse. */
export function TextFieldView({field, width, mask, placeholder}: TextFieldViewProps): React.JSX.Element {
	const theme = useTheme();
	if (field.value === '' && placeholder !== undefined && placeholder !== '') {
		// The cursor on the placeholder's first character, as shells and ink-text-input draw it.
		return (
			<Text wrap="truncate">
				<Text inverse>{placeholder[0]}</Text>
				<Text color={theme.color('muted')}>{placeholder.slice(1, Math.max(1, width))}</Text>
			</Text>
		);
	}

	const shown = visibleField(field, width, mask === undefined ? {} : {mask});
	const atCursor = [...shown.text.slice(shown.cursorIndex)][0];
	const before = shown.text.slice(0, shown.cursorIndex);
	const after = atCursor === undefined ? '' : shown.text.slice(shown.cursorIndex + atCursor.length);
	// Pasted text keeps no control characters (text-field.ts), but a value from the command line or the config may.
	return (
		<Text wrap="truncate">
			{sanitise(before)}
			<Text inverse>{atCursor === undefined ? ' ' : sanitise(atCursor)}</Text>
			{sanitise(after)}
		</Text>
	);
}
