import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Pseudo-terminal runs are CPU-bound on a 2-core machine.
		maxWorkers: 2,
		// On a loaded 2-core machine a pseudo-terminal run now and then misses a key press (not yet explained);
		// one more try keeps CI honest about real failures, which fail twice.
		retry: 1,
		// Records every spawned program's output and fails the run if the secret test key is in any of it.
		globalSetup: ['test/setup/global.ts'],
	},
});
