import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {fitColumns, headerText, markerWidth, rowParts} from '../../../source/views/list-pane/columns.js';
import {item} from '../../api/servers.js';

/** Columns the row takes on a terminal, where a wide character takes two. */
function rowWidth(parts: {before: string; status: string; after: string}): number {
	return markerWidth + stringWidth(parts.before + parts.status + parts.after);
}

describe('list rows', () => {
	const endpoints = ['acme/表示幅テスト', 'acme/表示幅テスト/with-a-route-long-enough-to-be-cut', 'acme/🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈', 'acme/e\u0301\u0301\u0301-combining', 'fal-ai/flux/dev'];

	it.each([120, 100, 80, 60, 40])('fill exactly %i columns, wide characters in the endpoint or not', width => {
		const columns = fitColumns(width);
		const header = markerWidth + stringWidth(headerText(columns));
		for (const endpoint_id of endpoints) {
			const parts = rowParts(item({endpoint_id}), columns);
			expect(rowWidth(parts), endpoint_id).toBe(header);
			expect(rowWidth(parts), endpoint_id).toBeLessThanOrEqual(width);
		}
	});

	it('cut a wide endpoint between characters, with an ellipsis, never through one', () => {
		const columns = fitColumns(80);
		const endpointWidth = columns.find(column => column.key === 'endpoint')!.width;
		const {before} = rowParts(item({endpoint_id: 'acme/表示幅テスト/with-a-route-long-enough-to-be-cut'}), columns);
		// The time cell (ASCII) and a space, then the endpoint cell and a space.
		const cell = before.slice(columns[0]!.width + 1, -1);
		expect(stringWidth(cell)).toBe(endpointWidth);
		expect(cell.trimEnd()).toMatch(/^acme\/表示幅テスト\/with-.*…$/);
		expect('acme/表示幅テスト/with-a-route-long-enough-to-be-cut'.startsWith(cell.trimEnd().slice(0, -1))).toBe(true);
	});
});

describe('the time column', () => {
	it('says in its title which zone the times are in, at every width', () => {
		expect([120, 80].map(width => fitColumns(width)[0]!.title)).toEqual(['ended (local)', 'ended (local)']);
		expect([120, 80].map(width => fitColumns(width, true)[0]!.title)).toEqual(['ended (UTC)', 'ended (UTC)']);
		const narrow = fitColumns(30);
		expect(narrow[0]!.width).toBe(8);
		expect([narrow[0]!.title, fitColumns(30, true)[0]!.title]).toEqual(['local', 'UTC']);
	});
});
