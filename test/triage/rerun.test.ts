import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import fc from 'fast-check';
import {afterAll, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {hostile} from '../../source/emulator/hostile.js';
import {isSafe} from '../../source/terminal/sanitise.js';
import {rerunCommand, rerunForms} from '../../source/triage/rerun.js';
import {writeCurlStandIn} from '../helpers/curl-stand-in.js';
import {isOnPath} from '../helpers/on-path.js';
import {secretKey} from '../helpers/secrets.js';
import {jsonText} from '../json/json-text.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-rerun-'));
/** A file that a command run from the input or the endpoint id would create. */
const marker = path.join(directory, 'pwned');

// The shells users paste into, those of them this machine has (sh always).
const shells = ['sh', 'bash', 'zsh'].filter(shell => isOnPath(shell));

// Without a real curl (CI needs nothing but Node and npm), the commands run against a stand-in that sends what curl would.
const binDirectory = path.join(directory, 'bin');
fs.mkdirSync(binDirectory);
const hasCurl = isOnPath('curl');
if (!hasCurl) {
	writeCurlStandIn(binDirectory);
}

const pathVariable = `${binDirectory}${path.delimiter}${process.env['PATH'] ?? ''}`;

type Ran = {code: number | null; stdout: string; stderr: string};

/** Runs a program to its end, `input` on its stdin. */
async function run(program: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Ran> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, args, {cwd: directory, env});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', code => {
			resolve({code, stdout, stderr});
		});
		// A program that stops reading early says why in its exit code and stderr.
		child.stdin.on('error', () => undefined);
		child.stdin.end(input);
	});
}

/**
 * The shell reads the command on stdin, as a paste: a command of several MB
 * would be past Linux's limit on one argument (128 KiB) with `sh -c`.
 */
async function runInShell(shell: string, command: string, env: NodeJS.ProcessEnv = {PATH: pathVariable, FAL_KEY: secretKey}): Promise<Ran> {
	return run(shell, ['-s'], env, `${command}\n`);
}

type Received = {method: string; url: string; headers: IncomingHttpHeaders; body: Buffer};

const received: Received[] = [];
const queueAnswer = '{"request_id":"5f1e8a2c-rerun","status":"IN_QUEUE"}';
const server = createServer((request, response) => {
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		received.push({method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks)});
		response.writeHead(200, {'content-type': 'application/json', 'content-length': queueAnswer.length}).end(queueAnswer);
	});
});
let queueUrl = '';

beforeAll(async () => {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	queueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise(resolve => server.close(resolve));
	fs.rmSync(directory, {recursive: true, force: true});
});

beforeEach(() => {
	received.length = 0;
	fs.rmSync(marker, {force: true});
});

/** Index of the first byte where the two differ, -1 when they are equal. */
function firstDifference(actual: Buffer, expected: Buffer): number {
	if (actual.equals(expected)) {
		return -1;
	}

	let index = 0;
	while (index < actual.length && actual[index] === expected[index]) {
		index++;
	}

	return index;
}

function expectOneRequest(endpointPath: string, inputText: string): void {
	expect(received).toHaveLength(1);
	const [request] = received;
	expect(request?.method).toBe('POST');
	expect(request?.url).toBe(endpointPath);
	expect(request?.headers.authorization).toBe(`Key ${secretKey}`);
	expect(request?.headers['content-type']).toBe('application/json');
	const expected = Buffer.from(inputText);
	expect(request?.body.length).toBe(expected.length);
	expect(firstDifference(request?.body ?? Buffer.alloc(0), expected)).toBe(-1);
}

// JSON texts as the API might write them (`notJson` below shows that the curl form sends any text).
const inputs: Array<{name: string; text: string}> = [
	{name: 'quotes', text: JSON.stringify({prompt: `it's a "cat" '' ''' "\\"`, negative_prompt: "'"})},
	{
		name: 'command substitution, backticks and variables',
		text: JSON.stringify({prompt: `$(touch ${marker}) \`touch ${marker}\` $FAL_KEY \${FAL_KEY} $((1+1)) ; touch ${marker} | & > x`}),
	},
	{name: 'backslashes and printf directives', text: JSON.stringify({prompt: String.raw`C:\new\table \101 \0551 \c %s %d %% %b \\`})},
	{name: 'newlines, tabs and CRs between tokens, escaped ones in strings', text: '{\r\n\t"prompt": "one\\ntwo\\r\\n\\tthree",\r\n\t"sizes": [1,\n2]\r\n}\r\n'},
	{name: 'unicode and emoji', text: '{"prompt":"café 東京 Привет 👨‍👩‍👧 🏳️‍🌈\u00A0end","escaped":"\\u00e9\\ud83d\\ude00"}'},
	{name: 'terminal controls, bidi overrides and lone surrogates from the emulator', text: JSON.stringify({[hostile('key ')]: hostile('a cat ')})},
	{name: 'numbers a float cannot hold', text: '{"seed":123456789012345678901234567890,"huge":1e999,"tiny":1E-400,"zero":-0.0,"exact":0.1}'},
	{name: 'an empty object', text: '{}'},
	{name: 'a bare negative number', text: '-1'},
	{name: 'a string, with spaces around it', text: '  "just a prompt"\n'},
	{name: 'null', text: 'null'},
	{name: '__proto__ keys, one spelt with escapes', text: '{"__proto__":{"admin":true},"a":{"\\u005f_proto__":[1]},"b":"__proto__"}'},
	{name: 'a 2 MB string', text: JSON.stringify({prompt: "it's 50% \\ é 👍 $(x) `y`\n".repeat(80_000)})},
];

const notJson = {name: 'text that is not JSON, with raw terminal controls', text: '\u001B[2J\u001B]0;pwned\u0007\r\n\u007F\u009B31m \u0001 not json'};

describe('rerunForms', () => {
	it('offers curl, then the JavaScript and Python clients', () => {
		expect(rerunForms).toEqual([
			{form: 'curl', label: 'curl'},
			{form: 'javascript', label: 'JavaScript (@fal-ai/client)'},
			{form: 'python', label: 'Python (fal_client)'},
		]);
	});
});

describe('rerunCommand', () => {
	const input = '{"prompt":"a cat","seed":42}';

	it('writes curl as one line for the queue API, the key left to the shell', () => {
		expect(rerunCommand('curl', 'fal-ai/flux/dev', input)).toBe(
			`printf '{"prompt":"a cat","seed":42}' | curl -sS -X POST https://queue.fal.run/fal-ai/flux/dev ` +
				`-H "Authorization: Key \${FAL_KEY:?set it to your fal API key}" -H 'Content-Type: application/json' --data-binary @-`,
		);
	});

	it('writes a script for @fal-ai/client', () => {
		expect(rerunCommand('javascript', 'fal-ai/flux/dev', input)).toBe(
			[
				"// Sends the request's input to its endpoint again and prints the result.",
				'// Needs `npm install @fal-ai/client`, which reads the API key from the FAL_KEY environment variable.',
				'// Save as rerun.mjs (top-level await needs a module) and run `node rerun.mjs`.',
				"import {fal} from '@fal-ai/client';",
				'',
				'const result = await fal.subscribe("fal-ai/flux/dev", {input: {"prompt":"a cat","seed":42}});',
				'console.log(JSON.stringify(result.data, null, 2));',
				'',
			].join('\n'),
		);
	});

	it('writes a script for fal_client', () => {
		expect(rerunCommand('python', 'fal-ai/flux/dev', input)).toBe(
			[
				"# Sends the request's input to its endpoint again and prints the result.",
				'# Needs `pip install fal-client`, which reads the API key from the FAL_KEY environment variable.',
				'import json',
				'',
				'import fal_client',
				'',
				'result = fal_client.subscribe("fal-ai/flux/dev", arguments=json.loads(r"""',
				'{"prompt":"a cat","seed":42}',
				'"""))',
				'print(result)',
				'',
			].join('\n'),
		);
	});

	it('says in the scripts when a number will be sent changed: any past a float in JavaScript, only non-integers in Python', () => {
		const note = (form: 'javascript' | 'python', text: string) => rerunCommand(form, 'a/b', text).includes('Some numbers in the input');
		expect(note('javascript', '{"seed":123456789012345678901234567890}')).toBe(true);
		expect(note('javascript', '[1e999]')).toBe(true);
		expect(note('javascript', '{"a":0.1,"b":1.0,"c":1E2,"d":-0,"e":"123456789012345678901234567890"}')).toBe(false);
		expect(note('python', '{"seed":123456789012345678901234567890}')).toBe(false);
		expect(note('python', '{"a":[1e-400]}')).toBe(true);
	});

	it('never holds the key, even when FAL_KEY is set where it is built', () => {
		vi.stubEnv('FAL_KEY', secretKey);
		try {
			for (const {form} of rerunForms) {
				for (const {text} of inputs) {
					expect(rerunCommand(form, 'fal-ai/flux/dev', text)).not.toContain(secretKey);
				}
			}
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it('writes no character that a terminal would act on when pasted, nor a bidi override', () => {
		for (const {text} of inputs) {
			expect(isSafe(rerunCommand('curl', 'fal-ai/flux/dev', text))).toBe(true);
			for (const form of ['javascript', 'python'] as const) {
				expect(rerunCommand(form, 'fal-ai/flux/dev', text).split('\n').every(line => isSafe(line))).toBe(true);
			}
		}

		expect(isSafe(rerunCommand('curl', hostile('acme/app'), notJson.text))).toBe(true);
	});

	it('refuses to make a script of text that is not JSON, which would be run as code', () => {
		expect(() => rerunCommand('javascript', 'a/b', '{"a":1}); process.exit(1); ({')).toThrow(SyntaxError);
		expect(() => rerunCommand('python', 'a/b', '1\n"""))\nimport os\n')).toThrow(SyntaxError);
	});
});

const hostileIds = [
	`acme/app; touch ${marker}`,
	`acme/$(touch ${marker})/x`,
	`acme/\`touch ${marker}\``,
	`acme/app'"\n\u001B[2J\r touch ${marker}`,
	'acme/app?query=1#fragment',
	'acme/é 😀\u202E/~.x',
];

describe.each(shells)(`the curl command run by %s${hasCurl ? '' : ', with the curl stand-in (no curl on PATH)'}`, shell => {
	it.each([...inputs, notJson])('sends $name byte for byte to the endpoint, the key from FAL_KEY', async ({text}) => {
		const command = rerunCommand('curl', 'fal-ai/flux/dev', text, {queueUrl});
		const result = await runInShell(shell, command);
		expect(result).toEqual({code: 0, stdout: queueAnswer, stderr: ''});
		expectOneRequest('/fal-ai/flux/dev', text);
		expect(fs.existsSync(marker)).toBe(false);
	});

	it('sends to the endpoint a server named, and runs nothing in its id', async () => {
		for (const endpointId of hostileIds) {
			received.length = 0;
			const result = await runInShell(shell, rerunCommand('curl', endpointId, '{"prompt":"a cat"}', {queueUrl}));
			expect(result).toEqual({code: 0, stdout: queueAnswer, stderr: ''});
			expect(received).toHaveLength(1);
			expect(decodeURIComponent(received[0]?.url ?? '')).toBe(`/${endpointId}`);
		}

		expect(fs.existsSync(marker)).toBe(false);
	});

	it('sends nothing and says so when FAL_KEY is not set', async () => {
		const result = await runInShell(shell, rerunCommand('curl', 'fal-ai/flux/dev', '{"prompt":"a cat"}', {queueUrl}), {PATH: pathVariable});
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('FAL_KEY: set it to your fal API key');
		expect(received).toEqual([]);
	});

	it('sends any JSON text byte for byte (100 generated texts, one command each)', async () => {
		const texts = fc.sample(jsonText, {numRuns: 100, seed: 20_261_202});
		const script = texts.map(text => rerunCommand('curl', 'fal-ai/flux/dev', text, {queueUrl})).join('\n');
		const result = await runInShell(shell, script);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(received.map(request => request.body.toString())).toEqual(texts);
		expect(received.map((request, index) => firstDifference(request.body, Buffer.from(texts[index]!)))).toEqual(texts.map(() => -1));
	});
});

type Case = {endpointId: string; text: string};

let caseCount = 0;

/** Lines that tell apart what the scripts of the batch printed. */
const separator = '--- next ---';

// A stand-in for @fal-ai/client that gives back what it was asked to send: the script prints it.
const javascriptDirectory = path.join(directory, 'javascript');
fs.mkdirSync(path.join(javascriptDirectory, 'node_modules', '@fal-ai', 'client'), {recursive: true});
fs.writeFileSync(
	path.join(javascriptDirectory, 'node_modules', '@fal-ai', 'client', 'package.json'),
	JSON.stringify({name: '@fal-ai/client', type: 'module', exports: './index.js'}),
);
fs.writeFileSync(
	path.join(javascriptDirectory, 'node_modules', '@fal-ai', 'client', 'index.js'),
	'export const fal = {async subscribe(endpointId, {input}) { return {data: {endpointId, input}}; }};\n',
);
fs.writeFileSync(
	path.join(javascriptDirectory, 'run.mjs'),
	`for (const file of process.argv.slice(2)) {\n\tawait import(\`./\${file}\`);\n\tconsole.log(${JSON.stringify(separator)});\n}\n`,
);

/** Runs each case's script in one node, each with its own module; what each printed, and what it should have printed. */
async function runJavaScript(cases: Case[]): Promise<{printed: string[]; expected: string[]}> {
	const files = cases.map(({endpointId, text}) => {
		const file = `case-${++caseCount}.mjs`;
		fs.writeFileSync(path.join(javascriptDirectory, file), rerunCommand('javascript', endpointId, text));
		return file;
	});
	const result = await run(process.execPath, [path.join(javascriptDirectory, 'run.mjs'), ...files], {PATH: pathVariable, FAL_KEY: secretKey});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	expect(result.stdout).not.toContain(secretKey);
	return {
		printed: result.stdout.split(`${separator}\n`).slice(0, -1),
		expected: cases.map(({endpointId, text}) => `${JSON.stringify({endpointId, input: JSON.parse(text) as unknown}, null, 2)}\n`),
	};
}

describe('the JavaScript script, run by node against a stand-in @fal-ai/client', () => {
	it.each(inputs)('sends the value of $name', async ({text}) => {
		const {printed, expected} = await runJavaScript([{endpointId: 'fal-ai/flux/dev', text}]);
		expect(printed).toEqual(expected);
	});

	it('sends to the endpoint a server named', async () => {
		const {printed, expected} = await runJavaScript(hostileIds.map(endpointId => ({endpointId, text: '{}'})));
		expect(printed).toEqual(expected);
		expect(fs.existsSync(marker)).toBe(false);
	});

	it('sends the value of any JSON text (100 generated texts)', async () => {
		const texts = fc.sample(jsonText, {numRuns: 100, seed: 20_261_202});
		const {printed, expected} = await runJavaScript(texts.map(text => ({endpointId: 'fal-ai/flux/dev', text})));
		expect(printed).toEqual(expected);
	});
});

// A stand-in for fal_client that gives back what it was asked to send, as JSON text; the script prints it. The runner
// then prints the same for the value Python's json makes of the input, so the two lines must be equal.
const pythonDirectory = path.join(directory, 'python');
fs.mkdirSync(pythonDirectory);
fs.writeFileSync(path.join(pythonDirectory, 'fal_client.py'), 'import json\n\n\ndef subscribe(application, arguments):\n    return json.dumps([application, arguments])\n');
fs.writeFileSync(
	path.join(pythonDirectory, 'run.py'),
	[
		'import json',
		'import runpy',
		'import sys',
		'',
		'for name in sys.argv[1:]:',
		"    runpy.run_path(name + '.py')",
		"    with open(name + '.json', encoding='utf-8', newline='') as case:",
		'        endpoint_id, text = json.load(case)',
		'    print(json.dumps([endpoint_id, json.loads(text)]))',
		`    print(${JSON.stringify(separator)})`,
		'',
	].join('\n'),
);

async function runPython(cases: Case[]): Promise<Array<{printed: string; expected: string}>> {
	const names = cases.map(({endpointId, text}) => {
		const name = path.join(pythonDirectory, `case_${++caseCount}`);
		fs.writeFileSync(`${name}.py`, rerunCommand('python', endpointId, text));
		fs.writeFileSync(`${name}.json`, JSON.stringify([endpointId, text]));
		return name;
	});
	// -W error: a string escape Python only warns about would fail the run.
	const result = await run('python3', ['-W', 'error', path.join(pythonDirectory, 'run.py'), ...names], {
		PATH: pathVariable,
		PYTHONPATH: pythonDirectory,
		PYTHONDONTWRITEBYTECODE: '1',
		FAL_KEY: secretKey,
	});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	expect(result.stdout).not.toContain(secretKey);
	return result.stdout
		.split(`${separator}\n`)
		.slice(0, -1)
		.map(output => {
			const [printed = '', expected = ''] = output.split('\n');
			return {printed, expected};
		});
}

// Only where python3 is: a machine with nothing but Node and npm has no Python to paste the script into either.
if (isOnPath('python3')) {
	describe('the Python script, run by python3 against a stand-in fal_client', () => {
		it.each(inputs)('sends the value of $name', async ({text}) => {
			const [outcome] = await runPython([{endpointId: 'fal-ai/flux/dev', text}]);
			expect(outcome?.printed).toBe(outcome?.expected);
			expect(outcome?.printed).not.toBe('');
		});

		it('sends to the endpoint a server named', async () => {
			const outcomes = await runPython(hostileIds.map(endpointId => ({endpointId, text: '{}'})));
			expect(outcomes).toHaveLength(hostileIds.length);
			for (const {printed, expected} of outcomes) {
				expect(printed).toBe(expected);
			}

			expect(fs.existsSync(marker)).toBe(false);
		});

		it('sends the value of any JSON text (100 generated texts)', async () => {
			const texts = fc.sample(jsonText, {numRuns: 100, seed: 20_261_202});
			const outcomes = await runPython(texts.map(text => ({endpointId: 'fal-ai/flux/dev', text})));
			expect(outcomes).toHaveLength(texts.length);
			for (const {printed, expected} of outcomes) {
				expect(printed).toBe(expected);
			}
		});
	});
}
