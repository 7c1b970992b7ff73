import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {CopyResult} from '../../../source/terminal/clipboard.js';
import {JsonView, type JsonViewProps} from '../../../source/views/json-view/json-view.js';
import {jsonViewBindings} from '../../../source/views/json-view/keys.js';

const payload = {
	input: {prompt: 'a red fox', image_size: 'square_hd'},
	output: {detail: [{loc: ['body', 'prompt'], msg: 'Prompt too long'}]},
};

type Harness = {
	frame(): string;
	lines(): string[];
	press(...keys: string[]): Promise<void>;
	waitFor(predicate: (frame: string) => boolean): Promise<void>;
	statuses: string[];
	captures: boolean[];
	copied: string[];
	unmount(): void;
};

let mounted: Harness | undefined;
afterEach(() => {
	mounted?.unmount();
	mounted = undefined;
});

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

function mount(props: Partial<JsonViewProps> = {}): Harness {
	const statuses: string[] = [];
	const captures: boolean[] = [];
	const copied: string[] = [];
	const copy = async (text: string): Promise<CopyResult> => {
		copied.push(text);
		return {method: 'osc52', detail: 'OSC 52'};
	};

	const instance = render(
		<JsonView
			value={payload}
			width={40}
			height={8}
			isActive
			isColor={false}
			copy={copy}
			onStatus={message => statuses.push(message)}
			onCaptureChange={isCapturing => captures.push(isCapturing)}
			{...props}
		/>,
	);
	const frame = (): string => (instance.lastFrame() ?? '').replace(ansi, '');
	const turn = async () =>
		new Promise(resolve => {
			setImmediate(resolve);
		});
	mounted = {
		frame,
		lines: () => frame().split('\n'),
		async press(...keys) {
			for (const key of keys) {
				await turn();
				instance.stdin.write(key);
				await turn();
			}
		},
		async waitFor(predicate) {
			const deadline = Date.now() + 3000;
			while (!predicate(frame())) {
				if (Date.now() > deadline) {
					throw new Error(`Timed out; last frame:\n${frame()}`);
				}

				await turn();
			}
		},
		statuses,
		captures,
		copied,
		unmount: instance.unmount,
	};
	return mounted;
}

describe('JsonView', () => {
	test('fills its box exactly, one line per row, none wider than the width', () => {
		const view = mount();
		expect(view.lines()).toEqual([
			'›{',
			'   "input": {',
			'     "prompt": "a red fox",',
			'     "image_size": "square_hd"',
			'   },',
			'   "output": {',
			'     "detail": [',
			'       {',
		]);
		const wide = mount({value: {long: 'x'.repeat(500)}, width: 20, height: 3});
		expect(wide.lines().map(line => line.length)).toEqual([2, 20, 2]);
	});

	test('j moves the cursor, Enter folds into a preview, G goes to the end', async () => {
		const view = mount();
		await view.press('j', '\r');
		await view.waitFor(frame => frame.includes('›  "input": {…} 2 keys,'));
		await view.press('G');
		await view.waitFor(frame => frame.split('\n').at(-1) === '›}');
		expect(view.lines()).toHaveLength(8);
	});

	test('/ searches inside the view, unfolding the match, and n says which match', async () => {
		const view = mount();
		await view.press('-');
		await view.waitFor(frame => frame.startsWith('›{…} 2 keys'));
		expect(view.statuses).toEqual(['collapsed all']);
		await view.press('/');
		await view.waitFor(() => view.captures.length === 1);
		expect(view.captures).toEqual([true]);
		await view.press('t', 'o', 'o', '\r');
		await view.waitFor(frame => frame.includes('›        "msg": "Prompt too long"'));
		expect(view.statuses.at(-1)).toBe('match 1 of 1');
		expect(view.captures).toEqual([true, false]);
		await view.press('n');
		await view.waitFor(() => view.statuses.length === 3);
		expect(view.statuses.at(-1)).toBe('match 1 of 1');
	});

	test('Esc leaves the search prompt; keys typed in it are text, not commands', async () => {
		const view = mount();
		await view.press('/', 'G', 'q');
		await view.waitFor(frame => frame.includes('/Gq'));
		expect(view.lines()[0]).toBe('›{');
		await view.press('\u007F', '\u001B');
		await view.waitFor(frame => !frame.includes('/G'));
		expect(view.captures).toEqual([true, false]);
		expect(view.statuses).toEqual([]);
	});

	test('z then a digit folds to that depth; + unfolds everything', async () => {
		const view = mount();
		await view.press('z', '1');
		await view.waitFor(frame => frame.includes('"input": {…} 2 keys,'));
		expect(view.statuses).toEqual(['fold to depth: press 1-9', 'folded to depth 1']);
		expect(view.captures).toEqual([true, false]);
		await view.press('+');
		await view.waitFor(frame => frame.includes('"prompt": "a red fox",'));
	});

	test('c copies the value under the cursor and p its path, and the status says how', async () => {
		const view = mount();
		await view.press('j', 'j', 'c');
		await view.waitFor(() => view.statuses.length === 1);
		expect(view.copied).toEqual(['a red fox']);
		expect(view.statuses).toEqual(['Copied the value of .input.prompt (OSC 52).']);
		await view.press('p');
		await view.waitFor(() => view.statuses.length === 2);
		expect(view.copied.at(-1)).toBe('.input.prompt');
		expect(view.statuses.at(-1)).toBe('Copied the path .input.prompt (OSC 52).');
	});

	test('absent and null payloads are told apart in words', () => {
		const words = (view: Harness): string => view.frame().replaceAll(/\s+/g, ' ').trim();
		expect(words(mount({value: undefined}))).toBe('No payload: it was not stored, or it has been deleted.');
		expect(words(mount({value: null}))).toBe('null (the payload is the JSON value null)');
	});

	test('an inactive view ignores keys', async () => {
		const view = mount({isActive: false});
		await view.press('j', '-');
		expect(view.lines()[1]).toBe('   "input": {');
		expect(view.statuses).toEqual([]);
	});

	test('every binding is for the payload pane, has help, and no key clashes with a global one', () => {
		const globalKeys = new Set(['Tab', 'Shift-Tab', 'Esc', 'e', 'E', '1', '2', '3', '4', 'y', 'Y', 'o', 'O', 's', 'r', 'f', '?', 'q']);
		for (const binding of jsonViewBindings) {
			expect(binding.pane).toBe('payload');
			expect(binding.help.length).toBeGreaterThan(5);
			expect(binding.keys.filter(key => globalKeys.has(key))).toEqual([]);
		}
	});
});
