/**
 * A `curl` for machines that have none (CI needs nothing but Node and npm):
 * a node script that sends a request the way curl does for the flags falreq's
 * copied commands use, so the commands can still be run by a real shell.
 * Tests put it first on PATH only when the real curl is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {shellQuote} from '../../source/triage/command-line.js';

// Implements -X/--request, -H/--header, --data-binary @- (the body read whole from stdin), -s/-S and their
// long forms, and one URL; any other flag fails loudly rather than being ignored.
const script = String.raw`
const http = require('node:http');

function fail(message, code) {
	process.stderr.write('curl: ' + message + '\n');
	process.exit(code);
}

const args = process.argv.slice(2);
let method = 'GET';
let url;
let isBodyFromStdin = false;
const headers = {};
for (let index = 0; index < args.length; index++) {
	const arg = args[index];
	if (arg === '-X' || arg === '--request') {
		method = args[++index];
	} else if (arg === '-H' || arg === '--header') {
		const header = args[++index];
		const colon = header.indexOf(':');
		headers[header.slice(0, colon)] = header.slice(colon + 1).trimStart();
	} else if (arg === '--data-binary') {
		if (args[++index] !== '@-') {
			fail('the stand-in reads --data-binary only from stdin (@-)', 2);
		}

		isBodyFromStdin = true;
	} else if (/^-[sS]+$/.test(arg) || arg === '--silent' || arg === '--show-error') {
		// No progress meter to hide.
	} else if (arg.startsWith('-')) {
		fail('option ' + arg + ' is not implemented by the stand-in', 2);
	} else {
		url = arg;
	}
}

if (url === undefined) {
	fail('no URL specified', 2);
}

const chunks = [];
const send = () => {
	const body = Buffer.concat(chunks);
	if (isBodyFromStdin && headers['Content-Type'] === undefined) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}

	const request = http.request(url, {method, headers: {...headers, 'Content-Length': body.length}}, response => {
		response.pipe(process.stdout);
	});
	request.on('error', error => fail(error.message, 7));
	request.end(body);
};

if (isBodyFromStdin) {
	process.stdin.on('data', chunk => chunks.push(chunk));
	process.stdin.on('end', send);
} else {
	send();
}
`;

/** Writes the stand-in as `curl` into `directory` (a shell wrapper that runs this Node on the script). */
export function writeCurlStandIn(directory: string): void {
	const scriptPath = path.join(directory, 'curl-stand-in.cjs');
	fs.writeFileSync(scriptPath, script);
	fs.writeFileSync(path.join(directory, 'curl'), `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(scriptPath)} "$@"\n`, {mode: 0o755});
}
