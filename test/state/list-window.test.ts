import {describe, expect, it} from 'vitest';
import {initialWindow, listReducer, type ListBounds, type ListWindow} from '../../source/state/list-window.js';

const bounds: ListBounds = {count: 100, height: 10};

function run(actions: Parameters<typeof listReducer>[1][], start: ListWindow = initialWindow, given = bounds): ListWindow {
	return actions.reduce((window, action) => listReducer(window, action, given), start);
}

describe('list window', () => {
	it('scrolls only when the cursor leaves the window', () => {
		expect(run(Array.from({length: 9}, () => ({type: 'move', delta: 1}) as const))).toEqual({cursor: 9, top: 0});
		expect(run(Array.from({length: 10}, () => ({type: 'move', delta: 1}) as const))).toEqual({cursor: 10, top: 1});
		expect(run([{type: 'to', index: 50}, {type: 'move', delta: -1}])).toEqual({cursor: 49, top: 41});
	});

	it('pages by the height, and stops at both ends', () => {
		expect(run([{type: 'page', direction: 1}])).toEqual({cursor: 10, top: 10});
		expect(run([{type: 'last'}, {type: 'page', direction: 1}])).toEqual({cursor: 99, top: 90});
		expect(run([{type: 'page', direction: -1}])).toEqual({cursor: 0, top: 0});
		expect(run([{type: 'last'}, {type: 'first'}])).toEqual({cursor: 0, top: 0});
		expect(run([{type: 'move', delta: -5}])).toEqual({cursor: 0, top: 0});
	});

	it('keeps the cursor on screen when the pane shrinks, and copes with no rows', () => {
		const moved = run([{type: 'to', index: 30}]);
		expect(listReducer(moved, {type: 'fit'}, {count: 100, height: 4})).toEqual({cursor: 30, top: 27});
		expect(run([{type: 'move', delta: 3}], initialWindow, {count: 0, height: 10})).toEqual(initialWindow);
	});
});
