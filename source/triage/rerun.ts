/**
 * A command that sends a request's input to its endpoint again on fal's queue
 * API, for the `R` key: a curl line to paste into a shell, or a script for
 * fal's JavaScript or Python client. The key is never in it: curl's shell and
 * both clients read it from FAL_KEY when the command runs.
 *
 * Everything put in comes from the server, so nothing is written raw that a
 * pasted line would act on (a CR runs what came before it, ESC starts a
 * sequence, DEL erases) or that would hide what it does (bidi overrides).
 */
import {unsafeCharacter} from '../terminal/sanitise.js';
import {isExactNumber} from '../json/numbers.js';
import {atomEnd, keyAt, skipSpace, stringEnd} from '../json/scan.js';
import {shellQuote} from './command-line.js';

export type RerunForm = 'curl' | 'javascript' | 'python';

/** The forms in the order offered, with a label for a select list. */
export const rerunForms: ReadonlyArray<{form: RerunForm; label: string}> = [
	{form: 'curl', label: 'curl'},
	{form: 'javascript', label: 'JavaScript (@fal-ai/client)'},
	{form: 'python', label: 'Python (fal_client)'},
];

export type RerunOptions = {
	/** Where the curl form sends the request (the scripts' clients choose their own). Default `https://queue.fal.run`. */
	queueUrl?: string;
};

/**
 * The command or script; inputText is the API's own JSON text of json_input (byte-exact, any JSON value).
 * The curl form sends those bytes as they are; the scripts embed the text as code, so for them it must be
 * JSON (a SyntaxError otherwise) and they send its value.
 */
export function rerunCommand(form: RerunForm, endpointId: string, inputText: string, options: RerunOptions = {}): string {
	switch (form) {
		case 'curl': {
			return curlCommand(endpointId, inputText, options.queueUrl ?? 'https://queue.fal.run');
		}

		case 'javascript': {
			return javascriptScript(endpointId, inputText);
		}

		case 'python': {
			return pythonScript(endpointId, inputText);
		}
	}
}

// The body is printf's format, not an argument to %s: only a format can spell a CR (\r) or an ESC (\033) without
// writing it, in any POSIX shell. printf is built into every one of them, so a body of megabytes meets no limit on
// the length of an argument.
const formatSpecial = new RegExp(String.raw`[\\%']|` + unsafeCharacter.source, 'g');

const formatEscapes: Readonly<Record<string, string>> = {
	'\\': '\\\\',
	'%': '%%',
	"'": `'\\''`,
	'\n': '\\n',
	'\t': '\\t',
	'\r': '\\r',
};

/** The text as a single-quoted printf format that prints its UTF-8 bytes exactly, on one line. */
function printfFormat(text: string): string {
	const format = text.replace(formatSpecial, char => formatEscapes[char] ?? octal(Buffer.from(char)));
	// A first '-' would be read as an option.
	return `'${format.startsWith('-') ? `\\055${format.slice(1)}` : format}'`;
}

function octal(bytes: Uint8Array): string {
	return Array.from(bytes, byte => `\\${byte.toString(8).padStart(3, '0')}`).join('');
}

// RFC 3986's unreserved characters: a server's endpoint id can add no query, fragment or host to the URL.
const unreserved = /^[\w.~-]$/;

function pathSegment(segment: string): string {
	return Array.from(Buffer.from(segment), byte => {
		const char = String.fromCharCode(byte);
		return unreserved.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}).join('');
}

function curlCommand(endpointId: string, inputText: string, queueUrl: string): string {
	const url = `${queueUrl.replace(/\/+$/, '')}/${endpointId.split('/').map(pathSegment).join('/')}`;
	// ${FAL_KEY:?…} stops the command before it sends anything when FAL_KEY is not set, instead of a 401.
	return (
		`printf ${printfFormat(inputText)} | curl -sS -X POST ${shellQuote(url)} ` +
		`-H "Authorization: Key \${FAL_KEY:?set it to your fal API key}" -H 'Content-Type: application/json' --data-binary @-`
	);
}

/**
 * JSON text with the same value and nothing unsafe in it. In JSON the only
 * unsafe characters allowed outside strings are TAB, CR and LF, and inside
 * strings all C0 controls must be escaped: so TAB and CR are whitespace
 * between tokens and become spaces (LF is kept, a line break is harmless),
 * and the rest can only be inside strings, where a \u escape is read alike
 * by JSON, JavaScript and Python.
 */
function pasteSafe(json: string): string {
	return json.replace(new RegExp(unsafeCharacter.source, 'g'), char => {
		if (char === '\n') {
			return char;
		}

		return char === '\t' || char === '\r' ? ' ' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
	});
}

const quote = 0x22;
const colon = 0x3a;
const minus = 0x2d;

type ScriptInput = {text: string; hasInexactNumber: boolean};

/**
 * The input for a script: the API's text, made safe to paste, and whether a
 * number in it is one a float does not hold exactly (both clients send
 * floats; Python keeps integers exact). In JavaScript a `__proto__` key would
 * set the object literal's prototype, so it becomes a computed key, which
 * makes a member, as JSON.parse does.
 */
function scriptInput(inputText: string, language: 'javascript' | 'python'): ScriptInput {
	// The text becomes code: only JSON may go in. The scan below relies on it.
	JSON.parse(inputText);
	const parts: string[] = [];
	let copied = 0;
	let hasInexactNumber = false;
	for (let at = 0; at < inputText.length; ) {
		const code = inputText.charCodeAt(at);
		if (code === quote) {
			const end = stringEnd(inputText, at);
			if (language === 'javascript' && inputText.charCodeAt(skipSpace(inputText, end)) === colon && keyAt(inputText, at, end) === '__proto__') {
				parts.push(inputText.slice(copied, at), `[${inputText.slice(at, end)}]`);
				copied = end;
			}

			at = end;
		} else if (code === minus || (code >= 0x30 && code <= 0x39)) {
			const end = atomEnd(inputText, at);
			const number = inputText.slice(at, end);
			const isFloat = language === 'javascript' || /[.eE]/.test(number);
			hasInexactNumber ||= isFloat && !isExactNumber(number);
			at = end;
		} else {
			at++;
		}
	}

	parts.push(inputText.slice(copied));
	return {text: pasteSafe(parts.join('')), hasInexactNumber};
}

/** A string literal that JavaScript and Python both read as the value. */
function stringLiteral(value: string): string {
	return pasteSafe(JSON.stringify(value));
}

function javascriptScript(endpointId: string, inputText: string): string {
	const input = scriptInput(inputText, 'javascript');
	return [
		"// Sends the request's input to its endpoint again and prints the result.",
		'// Needs `npm install @fal-ai/client`, which reads the API key from the FAL_KEY environment variable.',
		'// Save as rerun.mjs (top-level await needs a module) and run `node rerun.mjs`.',
		...(input.hasInexactNumber
			? ['// Some numbers in the input are past what a JavaScript number holds exactly: they are sent rounded (or null when out of range).']
			: []),
		"import {fal} from '@fal-ai/client';",
		'',
		`const result = await fal.subscribe(${stringLiteral(endpointId)}, {input: ${input.text}});`,
		'console.log(JSON.stringify(result.data, null, 2));',
		'',
	].join('\n');
}

function pythonScript(endpointId: string, inputText: string): string {
	const input = scriptInput(inputText, 'python');
	// A raw string hands json.loads the text as it is. It cannot end early: in JSON text every quote inside a
	// string is escaped, so three in a row never occur, and the newlines keep a closing quote of the text apart
	// from the literal's.
	return [
		"# Sends the request's input to its endpoint again and prints the result.",
		'# Needs `pip install fal-client`, which reads the API key from the FAL_KEY environment variable.',
		...(input.hasInexactNumber
			? ['# Some numbers in the input are past what a Python float holds exactly: they are sent rounded (or refused when out of range).']
			: []),
		'import json',
		'',
		'import fal_client',
		'',
		`result = fal_client.subscribe(${stringLiteral(endpointId)}, arguments=json.loads(r"""`,
		input.text,
		'"""))',
		'print(result)',
		'',
	].join('\n');
}
