import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {recordOutput} from '../setup/record-output.js';
import {cliPath} from './pty.js';

export type PipedRun = {code: number; stdout: string; stderr: string};

/**
 * Runs `node dist/cli.js ...args` with pipes (not a terminal), in a clean
 * environment with its own config directory, as a script would.
 */
export async function runPiped(args: string[], env: Record<string, string> = {}): Promise<PipedRun> {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-run-'));
	try {
		return await new Promise(resolve => {
			execFile(
				process.execPath,
				[cliPath, ...args],
				{env: {PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env}, maxBuffer: 256 * 1024 * 1024},
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					recordOutput('piped', ['falreq', ...args].join(' '), stdout + stderr);
					resolve({code, stdout, stderr});
				},
			);
		});
	} finally {
		fs.rmSync(home, {recursive: true, force: true});
	}
}
