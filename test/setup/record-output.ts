/**
 * Every spawned program's raw output, kept for the suite-wide secret scan
 * (global.ts). Recording happens only when the global setup has named a
 * directory, so a helper used outside vitest's full run writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {expect} from 'vitest';

/** The environment variable naming the directory outputs are recorded in. */
export const outputDirectoryVariable = 'FALREQ_TEST_OUTPUT_DIR';

let count = 0;

/** Which test is running, for the scan's report; empty outside a test. */
function currentTest(): string {
	try {
		const {testPath, currentTestName} = expect.getState();
		return `${testPath ?? '?'} > ${currentTestName ?? '?'}`;
	} catch {
		return '';
	}
}

/** Writes one run's output to a file of its own: a header line naming the test and command, then the bytes as received. */
export function recordOutput(kind: 'pty' | 'piped', command: string, output: string): void {
	const directory = process.env[outputDirectoryVariable];
	if (!directory) {
		return;
	}

	count++;
	const file = path.join(directory, `${process.pid}-${count}-${kind}.log`);
	fs.writeFileSync(file, `# ${currentTest()}: ${command}\n${output}`);
}
