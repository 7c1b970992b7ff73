/**
 * Suite-wide secret check: every program the pty and pipe helpers spawn has
 * its raw output recorded in a fresh directory (record-output.ts); once all
 * suites are done, any trace of the secret test key in it fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {secretKey} from '../helpers/secrets.js';
import {scanDirectory} from '../secrets/leaks.js';
import {outputDirectoryVariable} from './record-output.js';

export default function setup(): () => void {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-outputs-'));
	// Set before any worker starts, so every test process inherits it.
	process.env[outputDirectoryVariable] = directory;
	return () => {
		const {files, leaks} = scanDirectory(directory, secretKey);
		if (leaks.length > 0) {
			// The directory is kept so the outputs can be read. Vitest only logs an
			// error thrown at teardown and still exits 0, so the exit code is set here.
			process.exitCode = 1;
			throw new Error(`The secret test key appeared in ${leaks.length} recorded output(s) of falreq:\n${leaks.join('\n')}`);
		}

		fs.rmSync(directory, {recursive: true, force: true});
		console.log(`Secret scan: the test key is in none of the ${files} recorded outputs of spawned programs.`);
	};
}
