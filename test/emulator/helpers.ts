import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type {RequestItem, RequestPage} from '../../source/api/types.js';
import {demoKey, startEmulator, type Emulator, type EmulatorOptions} from '../../source/emulator/server.js';

/** A fixed clock, so every run sees the same data. */
export const fixedNow = new Date('2025-06-01T12:00:00Z');
export const hour = 3_600_000;

/** A small emulator on a fixed clock: quick to start, same data every time. */
export async function emulatorFor(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({now: () => fixedNow, requests: 5000, ...options});
}

export type Reply = {status: number; headers: Headers; text: string; body: unknown};

/** GET the list endpoint with a query (a string or name/value pairs) and, by default, the demo key. */
export async function list(
	emulator: Emulator,
	query: string | Array<[string, string]>,
	key: string | null = demoKey,
	scheme = 'Key',
): Promise<Reply> {
	const search = typeof query === 'string' ? query : new URLSearchParams(query).toString();
	const response = await fetch(`${emulator.url}/serverless/requests/by-endpoint?${search}`, {
		headers: key === null ? {} : {authorization: `${scheme} ${key}`},
	});
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}

	return {status: response.status, headers: response.headers, text, body};
}

export function page(reply: Reply): RequestPage {
	return reply.body as RequestPage;
}

/** Query pairs asking for every endpoint in the data. */
export function allEndpoints(emulator: Emulator): Array<[string, string]> {
	return emulator.dataset.endpoints.map((id) => ['endpoint_id', id]);
}

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;
const openapi = JSON.parse(readFileSync(new URL('openapi.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({strict: false, allErrors: true});
addFormats(ajv);
ajv.addSchema(openapi, 'openapi');

function validator(name: string) {
	const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
	if (!validate) {
		throw new Error(`No schema ${name} in the OpenAPI excerpt`);
	}

	return (value: unknown): string[] => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}

/** Schema errors of a body against the OpenAPI excerpt (empty when valid). */
export const pageErrors = validator('RequestPage');
export const errorErrors = validator('Error');

/** Epoch ms of an RFC 3339 time, microseconds kept as the fraction (Date.parse drops them). */
export function timeOf(text: string): number {
	const micros = /\.\d{3}(\d{3})Z$/.exec(text);
	return Date.parse(text) + (micros ? Number(micros[1]) / 1000 : 0);
}

/** The time the API's bounds apply to: ended_at, or sent_at while running. */
export function boundTime(item: RequestItem): number {
	return timeOf(item.ended_at ?? item.sent_at);
}

export function statusClassOf(code: number | null): string | undefined {
	if (code === null) {
		return undefined;
	}

	return code >= 500 ? 'error' : code >= 400 ? 'user_error' : 'success';
}

/** Every page of a query, following next_cursor; fails on a page that breaks the contract. */
export async function allPages(emulator: Emulator, query: Array<[string, string]>): Promise<RequestPage[]> {
	const pages: RequestPage[] = [];
	let cursor: string | null = null;
	do {
		const reply = await list(emulator, cursor === null ? query : [...query, ['cursor', cursor]]);
		if (reply.status !== 200 || pageErrors(reply.body).length > 0) {
			throw new Error(`Page ${pages.length + 1} broke the contract: ${reply.status} ${reply.text.slice(0, 200)}`);
		}

		pages.push(page(reply));
		cursor = page(reply).next_cursor;
	} while (cursor !== null && pages.length < 1000);
	return pages;
}
