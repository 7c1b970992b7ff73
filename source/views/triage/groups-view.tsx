/** The failure groups: one line per group, a cursor, Enter shows the group's requests, Esc closes. */
import {memo} from 'react';
import {Box, Text} from 'ink';
import {countOf, groupDigits} from '../../format/count.js';
import {formatStatus} from '../../format/request.js';
import {sanitise} from '../../terminal/sanitise.js';
import type {FailureGroup} from '../../triage/fingerprint.js';
import {groupsChromeLines} from '../../model/groups.js';
import {cursorWindow, type GroupsCursor} from '../../triage/groups-cursor.js';
import {formatShortTime} from '../../triage/time-ranges.js';

export type GroupsViewProps = {
	/** Largest first, as `groupFailures` sorts them. */
	groups: readonly FailureGroup[];
	width: number;
	/** Lines available, header and footer included (at least 3 are used). */
	height: number;
	cursor: GroupsCursor;
	/** Times in UTC instead of local time. Default false. */
	isUtc?: boolean;
	/** Today, for leaving the date out of today's times. */
	now: Date;
	/** A few words after the header, e.g. how many failed rows were read so far. Default: none. */
	note?: string;
};

type GroupRowProps = {group: FailureGroup; isSelected: boolean; endpointWidth: number; isUtc: boolean; today: number};

const GroupRow = memo(function GroupRow({group, isSelected, endpointWidth, isUtc, today}: GroupRowProps) {
	return (
		<Box height={1}>
			<Box width={2} flexShrink={0}>
				<Text bold={isSelected}>{isSelected ? '>' : ' '}</Text>
			</Box>
			<Box width={6} flexShrink={0} justifyContent="flex-end" marginRight={1}>
				<Text bold={isSelected}>{group.count}</Text>
			</Box>
			<Box width={8} flexShrink={0}>
				<Text bold={isSelected}>{formatStatus(group.statusCode)}</Text>
			</Box>
			<Box width={endpointWidth} flexShrink={0} marginRight={1}>
				<Text bold={isSelected} wrap="truncate-end">
					{sanitise(group.endpointId)}
				</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1} marginRight={1}>
				<Text bold={isSelected} wrap="truncate-end">
					{group.pattern === '' ? `(${group.fingerprint})` : sanitise(group.pattern)}
				</Text>
			</Box>
			<Box flexShrink={0}>
				<Text bold={isSelected}>{formatShortTime(group.lastSeen, {isUtc, now: new Date(today)})}</Text>
			</Box>
		</Box>
	);
});

/** The failure groups view; its cursor is the model's (source/model/groups.ts). */
export function GroupsView({groups, cursor, width, height, isUtc = false, now, note}: GroupsViewProps) {
	const today = now.getTime();
	const keys = groups.map(group => group.key);
	const listHeight = Math.max(1, height - groupsChromeLines);
	const {index, start: offset, end} = cursorWindow(cursor, keys, listHeight);
	const selected = groups[index];

	const failed = groups.reduce((sum, group) => sum + group.count, 0);
	const timeOptions = {isUtc, now: new Date(today)};
	const visible = groups.slice(offset, end);
	// Endpoint ids are ASCII in practice; anything wider is cut by the column's box.
	const longestEndpoint = Math.max(0, ...visible.map(group => sanitise(group.endpointId).length));
	const endpointWidth = Math.min(longestEndpoint, Math.max(10, Math.floor(width / 4)));
	const footer = selected
		? `first ${formatShortTime(selected.firstSeen, timeOptions)} · last ${formatShortTime(selected.lastSeen, timeOptions)} · ${sanitise(selected.example) || 'no message'}`
		: 'No failed requests among the loaded rows.';
	return (
		<Box flexDirection="column" width={width} height={Math.max(height, groupsChromeLines + 1)}>
			<Text wrap="truncate-end">
				Failure groups: {countOf(groups.length, 'group')}, {groupDigits(failed)} failed{note === undefined ? '' : ` (${note})`} · Enter shows requests · Esc back
			</Text>
			<Box flexDirection="column" height={listHeight}>
				{visible.map((group, position) => (
					<GroupRow
						key={group.key}
						group={group}
						isSelected={offset + position === index}
						endpointWidth={endpointWidth}
						isUtc={isUtc}
						today={today}
					/>
				))}
			</Box>
			<Text wrap="truncate-end">{footer}</Text>
		</Box>
	);
}
