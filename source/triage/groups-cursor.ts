/**
 * The cursor of the failure groups list, and of the breakdowns'. It holds
 * the selected group's key, not an index, so it stays on the same group when
 * more rows load and the groups reorder.
 */
export type GroupsMove = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last';

export type GroupsCursor = {
	/** The selected group's key; undefined selects the first group. */
	key?: string;
	/** Index of the first visible group. */
	offset: number;
};

export const groupsCursorStart: GroupsCursor = {offset: 0};

/** The selected index among `keys`: the group with the cursor's key, else the first. */
export function cursorIndex(cursor: GroupsCursor, keys: readonly string[]): number {
	return cursor.key === undefined ? 0 : Math.max(0, keys.indexOf(cursor.key));
}

/** The first visible index, moved as little as possible so that `index` is on screen among `height` rows. */
export function visibleOffset(offset: number, index: number, height: number, total: number): number {
	const rows = Math.max(1, height);
	const lowest = Math.max(0, Math.min(offset, total - rows));
	if (index < lowest) {
		return index;
	}

	return index >= lowest + rows ? index - rows + 1 : lowest;
}

/** What a view of the groups draws, `height` lines tall: the selected index and the groups in view, from `start` to `end` - 1. */
export function cursorWindow(cursor: GroupsCursor, keys: readonly string[], height: number): {index: number; start: number; end: number} {
	const index = cursorIndex(cursor, keys);
	const start = visibleOffset(cursor.offset, index, height, keys.length);
	return {index, start, end: Math.min(keys.length, start + Math.max(1, height))};
}

const steps: Record<GroupsMove, (index: number, page: number, last: number) => number> = {
	down: index => index + 1,
	up: index => index - 1,
	pageDown: (index, page) => index + page,
	pageUp: (index, page) => index - page,
	first: () => 0,
	last: (_index, _page, last) => last,
};

/** The cursor after a move among `keys`, with `height` rows visible. */
export function moveGroupsCursor(cursor: GroupsCursor, move: GroupsMove, keys: readonly string[], height: number): GroupsCursor {
	if (keys.length === 0) {
		return groupsCursorStart;
	}

	const last = keys.length - 1;
	const index = Math.min(last, Math.max(0, steps[move](cursorIndex(cursor, keys), Math.max(1, height), last)));
	return {key: keys[index], offset: visibleOffset(cursor.offset, index, height, keys.length)};
}
