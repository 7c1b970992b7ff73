import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Pseudo-terminal runs are CPU-bound on a 2-core machine.
		maxWorkers: 2,
		// A test that passes only on a second try has found a bug, in the product or in the test.
		retry: 0,
		// Ink draws only the last frame when it thinks it runs in CI: the explorer run in-process by the
		// component tests must draw every frame, as it does for a user, also when CI runs this suite.
		env: {CI: 'false'},
		// Records every spawned program's output and fails the run if the secret test key is in any of it.
		globalSetup: ['test/setup/global.ts'],
	},
});
