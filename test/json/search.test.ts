import {describe, expect, test} from 'vitest';
import {search} from '../../source/json/search.js';
import {JsonDocument} from '../../source/json/tree.js';
import {screen, viewerOf} from './helpers.js';

const payload = {
	input: {prompt: 'A red fox', image_url: 'https://cdn.example/fox.png'},
	output: {detail: [{loc: ['body', 'prompt'], msg: 'Prompt too long', type: 'value_error'}]},
	fox_count: 3,
};

describe('search', () => {
	test('finds keys and values in document order, case-insensitive unless the query has a capital', () => {
		const document = new JsonDocument(payload);
		expect(search(document, 'prompt').matches).toEqual([
			{indices: [0, 0], where: 'key'},
			{indices: [1, 0, 0, 0, 1], where: 'value'},
			{indices: [1, 0, 0, 1], where: 'value'},
		]);
		expect(search(document, 'Prompt').matches).toEqual([{indices: [1, 0, 0, 1], where: 'value'}]);
		expect(search(document, 'fox').matches.map(match => match.where)).toEqual(['value', 'value', 'key']);
		expect(search(document, '3').matches).toEqual([{indices: [2], where: 'value'}]);
		expect(search(document, 'nowhere').matches).toEqual([]);
		expect(search(document, '[(.*').matches).toEqual([]);
	});

	test('stops at the limit and says so', () => {
		const document = new JsonDocument(Array.from({length: 50}, () => 'x'));
		expect(search(document, 'x', {limit: 10})).toMatchObject({isCapped: true, matches: {length: 10}});
	});

	test('n and N move between matches with a count, wrapping around', () => {
		const viewer = viewerOf(payload);
		expect(viewer.find('prompt')).toBe('match 1 of 3');
		expect(viewer.path()).toBe('.input.prompt');
		expect(viewer.nextMatch(1)).toBe('match 2 of 3');
		expect(viewer.path()).toBe('.output.detail[0].loc[1]');
		expect(viewer.nextMatch(1)).toBe('match 3 of 3');
		expect(viewer.nextMatch(1)).toBe('match 1 of 3');
		expect(viewer.nextMatch(-1)).toBe('match 3 of 3');
		expect(viewer.path()).toBe('.output.detail[0].msg');
		expect(viewer.find('nowhere')).toBe('no match for "nowhere"');
		expect(viewer.nextMatch(1)).toBe('no search yet: press / to search');
	});

	test('a match inside folded nodes unfolds them and is highlighted', () => {
		const viewer = viewerOf(payload);
		viewer.foldToDepth(0);
		expect(screen(viewer)).toEqual(['>{…} 3 keys']);
		expect(viewer.find('too long')).toBe('match 1 of 1');
		expect(screen(viewer)).toContain('>        "msg": "Prompt too long",');
		const row = viewer.window().find(line => line.isCursor)!;
		expect(row.segments.filter(segment => segment.isMatch).map(segment => segment.text)).toEqual(['"Prompt too long"']);
		// Only the path to the match opened.
		expect(screen(viewer)).toContain('   "input": {…} 2 keys,');
	});

	test('the first match is the one at or after the cursor', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(6);
		expect(viewer.path()).toBe('.output.detail');
		expect(viewer.find('prompt')).toBe('match 2 of 3');
	});

	test('strings opened as JSON are searched as trees', () => {
		const viewer = viewerOf({body: '{"error": {"code": "quota"}}'});
		viewer.moveBy(1);
		viewer.toggleParsed();
		viewer.first();
		expect(viewer.find('quota')).toBe('match 1 of 1');
		expect(viewer.path()).toBe('.body | fromjson | .error.code');
	});
});
