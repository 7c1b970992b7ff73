import React, {useState} from 'react';
import {Text} from 'ink';
import {afterEach, expect, it} from 'vitest';
import {useLatestInput} from '../../source/views/use-pane-input.js';
import {renderSized, type Rendered} from './harness.js';

function Keys(): React.JSX.Element {
	const [seen, setSeen] = useState<string[]>([]);
	useLatestInput((input, key) => {
		setSeen(previous => [...previous, key.return ? 'Enter' : key.tab ? 'Tab' : input]);
	}, true);
	return <Text>keys: {seen.join(',')}.</Text>;
}

let shown: Rendered | undefined;
afterEach(() => {
	shown?.unmount();
});

it.each([
	['a run of one key (key repeat on a slow link) as that many presses', 'jjj', 'keys: j,j,j.'],
	['a few different keys (quick typing on a slow link) as presses in order', 'Gg', 'keys: G,g.'],
	['a key and Enter as the key, then Enter', 'g\r', 'keys: g,Enter.'],
	['longer mixed text (a paste) as one piece, so it fires no string of commands', '0b6f1d2e-4c8a', 'keys: 0b6f1d2e-4c8a.'],
])('takes %s, when read at once', async (_, typed, seen) => {
	shown = renderSized(<Keys />, {columns: 60, rows: 5});
	await shown.write(typed);
	await shown.waitForText(seen);
});
