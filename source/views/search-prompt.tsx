import React from 'react';
import {Box, Text} from 'ink';
import type {TextField} from '../input/text-field.js';
import {TextFieldView} from './text-field-view.js';

/** The `/` prompt under a JSON document (the payload viewer, the diff) while a search is typed. */
export function SearchPrompt({field, width}: {field: TextField; width: number}): React.JSX.Element {
	return (
		<Box height={1}>
			<Text>/</Text>
			<TextFieldView field={field} width={Math.max(1, width - 2)} />
		</Box>
	);
}
