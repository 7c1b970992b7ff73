import React, {memo} from 'react';
import {Text} from 'ink';
import type {RequestItem} from '../../api/types.js';
import {statusClass} from '../../format/request.js';
import {useTheme} from '../theme.js';
import {rowParts, type Column} from './columns.js';

export type ListRowProps = {
	item: RequestItem;
	columns: readonly Column[];
	isSelected: boolean;
	/** Marked with `m`: a star beside the cursor's place. Default false. */
	isMarked?: boolean;
	/** Times in UTC instead of local time. Default false. */
	isUtc?: boolean;
};

/** One request. Memoised: a cursor move re-renders only the two rows whose selection changed. */
export const ListRow = memo(function ListRow({item, columns, isSelected, isMarked = false, isUtc = false}: ListRowProps): React.JSX.Element {
	const theme = useTheme();
	const {before, status, after} = rowParts(item, columns, isUtc);
	// Two styled runs per row at most: the status colour, and inverse for the cursor.
	return (
		<Text wrap="truncate" inverse={isSelected}>
			{isSelected ? '›' : ' '}
			{isMarked ? '*' : ' '}
			{before}
			<Text color={theme.status(statusClass(item.status_code))}>{status}</Text>
			{after}
		</Text>
	);
});
