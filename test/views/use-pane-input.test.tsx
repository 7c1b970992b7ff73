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

it('takes a run of one key read at once (key repeat on a slow link) as that many presses', async () => {
	shown = renderSized(<Keys />, {columns: 40, rows: 5});
	await shown.write('jjj');
	await shown.waitForText('keys: j,j,j.');
});

it('takes a few different keys read at once (quick typing on a slow link) as presses in order', async () => {
	shown = renderSized(<Keys />, {columns: 40, rows: 5});
	await shown.write('Gg');
	await shown.waitForText('keys: G,g.');
});

it('takes a key and Enter read at once as the key, then Enter', async () => {
	shown = renderSized(<Keys />, {columns: 40, rows: 5});
	await shown.write('g\r');
	await shown.waitForText('keys: g,Enter.');
});

it('leaves longer mixed text read at once (a paste) as one piece, so it fires no string of commands', async () => {
	shown = renderSized(<Keys />, {columns: 60, rows: 5});
	await shown.write('0b6f1d2e-4c8a');
	await shown.waitForText('keys: 0b6f1d2e-4c8a.');
});
