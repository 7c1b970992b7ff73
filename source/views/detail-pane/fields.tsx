import React from 'react';
import {Text} from 'ink';
import type {RequestItem} from '../../api/types.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds, statusClass} from '../../format/request.js';
import {sanitise} from '../../terminal/sanitise.js';
import {useTheme} from '../theme.js';

export type FieldsProps = {
	item: RequestItem;
	isUtc: boolean;
	/** Billable units were asked for, so show them (null: not counted yet). */
	isBillingShown: boolean;
};

function Label({children}: {children: string}): React.JSX.Element {
	const theme = useTheme();
	return <Text color={theme.color('muted')}>{children}</Text>;
}

/** The request's fields, four lines (fieldLines in model/layout.ts), each cut at the pane's edge. */
export function Fields({item, isUtc, isBillingShown}: FieldsProps): React.JSX.Element {
	const theme = useTheme();
	const time = (iso: string | null) => formatTime(iso, {isUtc});
	const units = item.billable_units === undefined || item.billable_units === null ? 'not counted yet' : String(item.billable_units);
	return (
		<>
			<Text wrap="truncate">
				<Label>endpoint </Label>{sanitise(item.endpoint_id)}  <Label>runner </Label>{item.runner_id === null ? 'none' : sanitise(item.runner_id)}
			</Text>
			<Text wrap="truncate">
				<Label>status </Label>
				<Text color={theme.status(statusClass(item.status_code))}>{formatStatus(item.status_code)}</Text>
				{'  '}<Label>duration </Label>{formatSeconds(item.duration)}
				{'  '}<Label>queue </Label>{formatSeconds(queueSeconds(item))}
				{isBillingShown ? <>{'  '}<Label>units </Label>{units}</> : ''}
			</Text>
			<Text wrap="truncate">
				<Label>sent </Label>{time(item.sent_at)}  <Label>started </Label>{time(item.started_at)}
			</Text>
			<Text wrap="truncate">
				<Label>ended </Label>{item.ended_at === null ? 'still running' : time(item.ended_at)}  <Label>{isUtc ? '(UTC; u: local time)' : '(local time; u: UTC)'}</Label>
			</Text>
		</>
	);
}
