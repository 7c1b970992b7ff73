import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {expect, it, vi} from 'vitest';
import {onDemand, useOnDemand, type OnDemand} from '../../source/views/use-on-demand.js';

function Shown({module}: {module: OnDemand<{word: string}>}): React.JSX.Element {
	const loaded = useOnDemand(module);
	return <Text>{loaded?.word ?? 'loading'}</Text>;
}

it('loads the module when first needed, once, and has it from the first frame afterwards', async () => {
	const importer = vi.fn(async () => ({word: 'viewer'}));
	const module = onDemand(importer);
	expect(importer).not.toHaveBeenCalled();
	const first = render(<Shown module={module} />);
	expect(first.frames[0]).toBe('loading');
	await vi.waitFor(() => {
		expect(first.lastFrame()).toBe('viewer');
	});
	const second = render(<Shown module={module} />);
	expect(second.frames).toEqual(['viewer']);
	expect(importer).toHaveBeenCalledTimes(1);
	first.unmount();
	second.unmount();
});
