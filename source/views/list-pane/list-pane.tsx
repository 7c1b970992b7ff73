import React, {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {LoadError} from '../../state/feed.js';
import type {Rows} from '../../state/row-list.js';
import {listRowsFor} from '../../model/layout.js';
import {useTheme} from '../theme.js';
import {PaneTitle} from '../pane-title.js';
import {fitColumns, headerText, markerWidth} from './columns.js';
import {ListRow} from './list-row.js';

export type ListPaneProps = {
	rows: Rows;
	cursor: number;
	/** Index of the first visible row. */
	top: number;
	width: number;
	/** Lines the pane may use, title and header included. */
	height: number;
	isActive: boolean;
	/** Rows loaded and whether more exist, in words. */
	loadState: string;
	isLoading: boolean;
	error: LoadError | undefined;
	/** Whether a query has been sent at all. */
	hasQuery: boolean;
	/** Times in UTC instead of local time. Default false. */
	isUtc?: boolean;
	/** A line under the title saying what narrows the rows shown (a failure group, marks, a row filter). Default: none. */
	note?: string;
	/** Request ids marked with `m`. Default: none. */
	marks?: ReadonlyMap<string, unknown>;
	/** The loaded rows are narrowed (a group, marked only, a row filter): an empty list says so. Default false. */
	isNarrowed?: boolean;
};

function FooterRow({isLoading, error, isEmpty, hasQuery, isNarrowed}: Pick<ListPaneProps, 'isLoading' | 'error' | 'hasQuery' | 'isNarrowed'> & {isEmpty: boolean}): React.JSX.Element | null {
	const theme = useTheme();
	if (error !== undefined) {
		return <Text wrap="truncate" color={theme.color('error')}>  ✗ {error.isRetryable ? 'Loading stopped: r tries again.' : 'Loading stopped.'}</Text>;
	}

	if (isLoading) {
		return <Text wrap="truncate" color={theme.color('muted')}>  … loading {isEmpty ? 'requests' : 'more'}</Text>;
	}

	if (isEmpty) {
		const empty = isNarrowed ? 'No loaded row is left: Esc shows them again.' : hasQuery ? 'No requests match these filters.' : 'Type an endpoint id in the filters and press Enter.';
		return <Text wrap="truncate" color={theme.color('muted')}>  {empty}</Text>;
	}

	return null;
}

/** Only the rows inside the window are mounted, whatever is loaded. */
export const ListPane = memo(function ListPane(props: ListPaneProps): React.JSX.Element {
	const theme = useTheme();
	const isUtc = props.isUtc ?? false;
	const columns = useMemo(() => fitColumns(props.width, isUtc), [props.width, isUtc]);
	const visible = listRowsFor(props.height, props.note !== undefined);
	const shown = props.rows.slice(props.top, props.top + visible);
	const isAtEnd = props.top + shown.length >= props.rows.length;
	const hasFooter = isAtEnd && shown.length < visible && (props.isLoading || props.error !== undefined || props.rows.length === 0);
	return (
		<Box flexDirection="column" width={props.width} height={props.height} overflowY="hidden">
			<PaneTitle title="Requests" detail={props.loadState} isActive={props.isActive} width={props.width} />
			{props.note === undefined ? null : <Text wrap="truncate" color={theme.color('accent')}>{props.note}</Text>}
			<Text wrap="truncate" color={theme.color('muted')}>{' '.repeat(markerWidth)}{headerText(columns)}</Text>
			{shown.map((item, index) => (
				<ListRow key={item.request_id} item={item} columns={columns} isSelected={props.top + index === props.cursor} isMarked={props.marks?.has(item.request_id)} isUtc={isUtc} />
			))}
			{hasFooter ? <FooterRow isLoading={props.isLoading} error={props.error} isEmpty={props.rows.length === 0} hasQuery={props.hasQuery} isNarrowed={props.isNarrowed} /> : null}
		</Box>
	);
});
