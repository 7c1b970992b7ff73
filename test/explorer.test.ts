import {setImmediate as turn} from 'node:timers/promises';
import {expect, it, vi} from 'vitest';
import type {ApiClient} from '../source/api/client.js';

// Ink draws only the last frame when CI is set, and reads CI as it loads: it is loaded below, after this.
vi.stubEnv('CI', 'false');
const {runExplorer} = await import('../source/explorer.js');
const {FakeStdin, FakeStdout} = await import('./views/harness.js');

it('calls afterFirstFrame once, with the first frame already on the screen', async () => {
	const stdout = new FakeStdout(100, 30);
	const stdin = new FakeStdin();
	const shownThen: string[] = [];
	const neverAnswers: ApiClient = {listRequests: async () => new Promise(() => undefined)};
	const running = runExplorer({
		client: neverAnswers,
		login: async () => ({ok: false, message: 'no'}),
		initialFilters: {endpointIds: ['fal-ai/flux/dev']},
		saveFilters() {},
		now: () => new Date(),
		env: {},
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
		afterFirstFrame() {
			shownThen.push(stdout.written);
		},
	});
	try {
		expect(shownThen).toHaveLength(1);
		expect(shownThen[0]).toContain('Requests');
	} finally {
		// Ink listens for keys from the effects after the first render.
		await turn();
		stdin.write('q');
		expect(await running).toBe(0);
	}
});
