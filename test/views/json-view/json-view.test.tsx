import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, test} from 'vitest';
import {textField} from '../../../source/input/text-field.js';
import {JsonViewer} from '../../../source/json/viewer.js';
import {JsonView, type JsonViewProps} from '../../../source/views/json-view/json-view.js';

const payload = {
	input: {prompt: 'a red fox', image_size: 'square_hd'},
	output: {detail: [{loc: ['body', 'prompt'], msg: 'Prompt too long'}]},
};

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

function lines(viewer: JsonViewer, props: Partial<JsonViewProps> = {}): string[] {
	const width = props.width ?? 40;
	const height = props.height ?? 8;
	viewer.resize(width - 1, height);
	const {lastFrame} = render(<JsonView viewer={viewer} version={0} width={width} height={height} search={undefined} isActive {...props} />);
	return (lastFrame() ?? '').replace(ansi, '').split('\n');
}

describe('JsonView', () => {
	test('fills its box exactly, one line per row, none wider than the width', () => {
		expect(lines(new JsonViewer(payload))).toEqual([
			'›{',
			'   "input": {',
			'     "prompt": "a red fox",',
			'     "image_size": "square_hd"',
			'   },',
			'   "output": {',
			'     "detail": [',
			'       {',
		]);
		expect(lines(new JsonViewer({long: 'x'.repeat(500)}), {width: 20, height: 3}).map(line => line.length)).toEqual([2, 20, 2]);
	});

	test('draws what the viewer says: a folded container as a preview, the cursor where it is', () => {
		const viewer = new JsonViewer(payload);
		viewer.resize(39, 8);
		viewer.moveBy(1);
		viewer.toggle();
		expect(lines(viewer)[1]).toBe('›  "input": {…} 2 keys,');
	});

	test('the search prompt takes a line under the tree, the text scrolled around its cursor', () => {
		const shown = lines(new JsonViewer(payload), {search: textField('Prompt too')});
		expect(shown).toHaveLength(9);
		expect(shown.at(-1)).toBe('/Prompt too');
	});
});
