/**
 * Hostile server text through every formatter that puts it on a terminal:
 * the list table, JSON lines, the sanitiser, and the client's error sentences.
 * Nothing a terminal would act on (ESC, C1, BEL, bidi controls, broken
 * surrogates) may come out raw.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createClient} from '../../source/api/client.js';
import type {RequestItem} from '../../source/api/types.js';
import {formatTable} from '../../source/commands/list-table.js';
import {sourceJsonLine, toJsonLine} from '../../source/format/json-line.js';
import {sanitise} from '../../source/terminal/sanitise.js';
import {anyText, firstUnsafe, hostileCorpus} from './text.js';

const corpus = Object.entries(hostileCorpus);
// A zero-width no-break space inside a JSON string does nothing to a terminal; the sanitiser escapes it, JSON lines need not.
const jsonAllowed = '\uFEFF';
const hugeNumbers = [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e308 * 10, -Infinity, Number.NaN, 2 ** 53 + 1];

function item(text: string, number = 1.5): RequestItem {
	return {
		request_id: text,
		endpoint_id: `fal-ai/${text}`,
		sent_at: text,
		started_at: text,
		ended_at: text,
		status_code: Number.isInteger(number) ? number : 500,
		duration: number,
		runner_id: text,
		json_input: {[text]: text, nested: [text, {deeper: text}]},
		json_output: text,
	};
}

describe('sanitise', () => {
	test.each(corpus)('%s comes out inert, and sanitising again changes nothing', (_name, text) => {
		const shown = sanitise(text);
		expect(firstUnsafe(shown)).toBeUndefined();
		expect(sanitise(shown)).toBe(shown);
	});

	test('any text comes out inert', () => {
		fc.assert(
			fc.property(anyText, text => {
				expect(firstUnsafe(sanitise(text))).toBeUndefined();
			}),
			{numRuns: 5000},
		);
	});
});

describe('the list table and JSON lines', () => {
	test.each(corpus)('%s in every field: the table and the JSON line are inert, and the line reads back as sent', (_name, text) => {
		const rows = [item(text), item('ok')];
		expect(firstUnsafe(formatTable(rows), '\n')).toBeUndefined();
		const line = toJsonLine(rows[0]);
		expect(firstUnsafe(line, jsonAllowed)).toBeUndefined();
		expect(JSON.parse(line)).toEqual(rows[0]);
		// The API's own text of the item, as --all prints it, laid out on several lines as a server may send it.
		const sourceLine = sourceJsonLine(JSON.stringify(rows[0], undefined, '\t').replaceAll('\n', '\r\n'));
		expect(firstUnsafe(sourceLine, jsonAllowed)).toBeUndefined();
		expect(sourceLine).not.toMatch(/[\r\n]/);
		expect(JSON.parse(sourceLine)).toEqual(rows[0]);
	});

	test.each(hugeNumbers)('the number %d as status and duration is shown without breaking the table or the line', number => {
		const row = item('x', number);
		const table = formatTable([row]);
		expect(table.split('\n')).toHaveLength(3);
		expect(JSON.parse(toJsonLine(row))).toEqual({...row, duration: Number.isFinite(number) ? number : null, status_code: row.status_code});
	});

	test('random rows: the table and JSON lines stay inert', () => {
		fc.assert(
			fc.property(anyText, fc.oneof(fc.double(), fc.integer()), (text, number) => {
				const row = item(text, number);
				expect(firstUnsafe(formatTable([row]), '\n')).toBeUndefined();
				expect(firstUnsafe(toJsonLine(row), jsonAllowed)).toBeUndefined();
				expect(firstUnsafe(sourceJsonLine(JSON.stringify(row)), jsonAllowed)).toBeUndefined();
			}),
			{numRuns: 2000},
		);
	});
});

describe('error sentences built from what a server said', () => {
	let server: Server;
	let apiUrl: string;
	let answer = {status: 200, type: 'application/json', body: ''};

	beforeAll(async () => {
		server = createServer((request, response) => {
			request.resume();
			response.writeHead(answer.status, {'content-type': answer.type}).end(answer.body);
		});
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise(resolve => {
			server.close(resolve);
		});
	});

	async function failure(status: number, body: string, type = 'application/json'): Promise<string> {
		answer = {status, type, body};
		const client = createClient({apiUrl, apiKey: 'k', retries: 0});
		const error = await client.listRequests({endpointIds: ['fal-ai/flux/dev']}).then(
			() => new Error('answered'),
			(error: Error) => error,
		);
		return error.message;
	}

	test.each(corpus)('%s from the server: every error sentence is inert and short', async (_name, text) => {
		const messages = [
			await failure(403, JSON.stringify({detail: `User is locked. Reason: ${text}`})),
			await failure(403, JSON.stringify({detail: text})),
			await failure(400, JSON.stringify({error: {type: 'validation_error', message: text}})),
			await failure(422, JSON.stringify({detail: [{loc: ['query'], msg: text, type: 'value_error'}]})),
			await failure(500, JSON.stringify({error: {type: 'server_error', message: text}})),
			await failure(502, `<html><head><title>502 ${text}</title></head></html>`, 'text/html'),
			await failure(200, `{"items":[{"request_id":${JSON.stringify(text)},"endpoint_id":"a/b","sent_at":"x","started_at":"x","duration":1e400}],"next_cursor":null,"has_more":false}`),
		];
		expect(messages[0]).toMatch(/account is locked/);
		for (const message of messages) {
			expect(message).toMatch(/^The (API|key)/);
			expect(firstUnsafe(message), message.slice(0, 200)).toBeUndefined();
			expect(message.length).toBeLessThan(2000);
		}
	});
});
