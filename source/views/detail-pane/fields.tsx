import React from 'react';
import {Text} from 'ink';
import type {RequestItem} from '../../api/types.js';
import {useTheme} from '../theme.js';
import {fieldLines, type FieldOptions} from './field-lines.js';

export type FieldsProps = FieldOptions & {
	item: RequestItem;
	width: number;
};

/** The request's fields, every value whole, on as many lines as `width` needs (layoutOf counts them too). */
export function Fields({item, width, ...options}: FieldsProps): React.JSX.Element {
	const theme = useTheme();
	return (
		<>
			{fieldLines(item, options, width).map((line, row) => (
				// eslint-disable-next-line react/no-array-index-key -- lines have no identity beyond their place
				<Text key={row} wrap="truncate">
					{line.map((span, index) => (
						// eslint-disable-next-line react/no-array-index-key -- spans neither
						<Text key={index} color={span.tone === 'label' ? theme.color('muted') : span.tone === 'value' ? undefined : theme.status(span.tone)}>
							{span.text}
						</Text>
					))}
				</Text>
			))}
		</>
	);
}
