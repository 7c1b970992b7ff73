import React, {useState} from 'react';
import {Text} from 'ink';
import {afterEach, expect, it} from 'vitest';
import {useLatestInput} from '../../source/views/use-pane-input.js';
import {renderSized, type Rendered} from './harness.js';

function Keys(): React.JSX.Element {
	const [seen, setSeen] = useState<string[]>([]);
	useLatestInput(input => {
		setSeen(previous => [...previous, input]);
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

it('leaves other text read at once (a paste) as one piece, so it fires no string of commands', async () => {
	shown = renderSized(<Keys />, {columns: 40, rows: 5});
	await shown.write('jq');
	await shown.waitForText('keys: jq.');
});
