import {describe, expect, it} from 'vitest';
import {cursorIndex, groupsCursorStart, moveGroupsCursor, visibleOffset} from '../../source/triage/groups-cursor.js';

const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('groups cursor', () => {
	it('moves within bounds and scrolls to keep the cursor visible', () => {
		let cursor = moveGroupsCursor(groupsCursorStart, 'down', keys, 3);
		expect(cursor).toEqual({key: 'b', offset: 0});
		cursor = moveGroupsCursor(cursor, 'pageDown', keys, 3);
		expect(cursor).toEqual({key: 'e', offset: 2});
		cursor = moveGroupsCursor(cursor, 'last', keys, 3);
		expect(cursor).toEqual({key: 'g', offset: 4});
		expect(moveGroupsCursor(cursor, 'down', keys, 3)).toEqual({key: 'g', offset: 4});
		expect(moveGroupsCursor(cursor, 'first', keys, 3)).toEqual({key: 'a', offset: 0});
		expect(moveGroupsCursor({key: 'b', offset: 0}, 'pageUp', keys, 3)).toEqual({key: 'a', offset: 0});
	});

	it('stays on the same group when the groups reorder, and falls back to the first when it is gone', () => {
		expect(cursorIndex({key: 'c', offset: 0}, ['c', 'a', 'b'])).toBe(0);
		expect(cursorIndex({key: 'z', offset: 0}, keys)).toBe(0);
		expect(moveGroupsCursor({key: 'c', offset: 0}, 'down', [], 3)).toEqual(groupsCursorStart);
	});

	it('never leaves blank rows below the last group when there are enough above', () => {
		expect(visibleOffset(5, 6, 3, 7)).toBe(4);
		expect(visibleOffset(5, 1, 3, 7)).toBe(1);
	});
});
