import type {EndpointSpec} from './catalogue.js';
import {hostile} from './hostile.js';
import {Random} from './random.js';

type Json = Record<string, unknown>;

/** What is unusual about a row's payloads. */
export const payloadKinds = {
	normal: 0,
	/** `json_output` is JSON null. */
	nullOutput: 1,
	/** Both payloads deleted: the fields are absent even when expanded. */
	missing: 2,
	/** Terminal escape sequences, bidi overrides and lone surrogates in strings and keys. */
	hostile: 3,
	/** `json_input` nested 10,000 levels deep. */
	deep: 4,
	/** Payloads that a parse and a stringify would change: {@link exactInputMembers} and {@link exactOutputMembers}. */
	hugeNumbers: 5,
	/** A data URI of several MB in the input or the output. */
	largeInput: 6,
	largeOutput: 7,
} as const;
export type PayloadKind = (typeof payloadKinds)[keyof typeof payloadKinds];

/** A row's facts that decide its payloads. */
export type PayloadFacts = {
	spec: EndpointSpec;
	/** Null while running. */
	statusCode: number | null;
	/** Seeds the row's payload randomness. */
	seed: number;
	kind: PayloadKind;
	/** Length of the data URI for the large kinds. */
	dataUriBytes?: number;
};

/** Payloads as raw JSON text, as served; a field is absent when its payload is. */
export type PayloadTexts = {input?: string; output?: string};

export const deepNestingLevels = 10_000;

/**
 * Raw JSON members added to the input of the hugeNumbers row: an unsigned
 * 64-bit seed (beyond a float's integers) and 0.10 (String() says 0.1).
 */
export const exactInputMembers = '"max_seed":18446744073709551615,"strength":0.10';

/**
 * Raw JSON members added to the output of the hugeNumbers row, each of which
 * JSON.parse then JSON.stringify would write otherwise: numbers beyond float
 * range (1e999, -1e400) or precision (a 30-digit integer), spellings String()
 * changes (-0.0, 1.0, 1E2), integer-like keys after others (JSON.parse puts
 * them first), escapes in a string, and a key given twice (the last counts).
 */
export const exactOutputMembers =
	String.raw`"nsfw_score":1e999,"min_score":-1e400,"request_count":123456789012345678901234567890,` +
	String.raw`"offset":-0.0,"scale":1.0,"steps":1E2,"counts":{"b":1,"2":2,"1":3},` +
	String.raw`"caption":"caf\u00e9 \"au lait\" \/ \ud83d\ude00","tag":"first","tag":"last"`;

const userErrors: Record<number, ReadonlyArray<{loc: string[]; msg: string; type: string}>> = {
	400: [
		{loc: ['body', 'image_url'], msg: 'Could not load the image from the URL: the file is not a valid image', type: 'image_load_error'},
		{loc: ['body', 'prompt'], msg: 'The prompt was flagged by the content checker', type: 'content_policy_violation'},
	],
	422: [
		{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'},
		{loc: ['body', 'num_inference_steps'], msg: 'Input should be less than or equal to 50', type: 'less_than_equal'},
		{
			loc: ['body', 'image_size'],
			msg: "Input should be 'square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3' or 'landscape_16_9'",
			type: 'enum',
		},
		{loc: ['body', 'image_url'], msg: 'Failed to download the file. Please check if the URL is accessible', type: 'file_download_error'},
	],
};

function errorOutput(random: Random, spec: EndpointSpec, statusCode: number): Json {
	const userError = userErrors[statusCode];
	if (userError) {
		return {detail: [random.pick(userError)]};
	}

	switch (statusCode) {
		case 503: {
			return {detail: 'No runner became available to process the request', error_type: 'runner_scheduling_failure'};
		}

		case 504: {
			return {detail: `Request timed out after ${spec.timeout} seconds`, error_type: 'request_timeout'};
		}

		default: {
			return random.chance(0.7)
				? {detail: 'The runner disconnected while processing the request', error_type: 'runner_disconnected'}
				: {detail: 'CUDA out of memory. Tried to allocate 2.00 GiB', error_type: 'internal_error'};
		}
	}
}

function makeHostile(input: Json, output: Json | null): void {
	input['prompt'] = hostile('a cat on a windowsill ');
	input[hostile('\u001B[31mnote')] = hostile('see ');
	if (output && 'detail' in output) {
		output['detail'] = Array.isArray(output['detail'])
			? [{loc: ['body', 'prompt'], msg: hostile('Invalid prompt: '), type: 'value_error'}]
			: hostile('Runner crashed: ');
	} else if (output) {
		output['prompt'] = input['prompt'];
	}
}

// The data URI is built apart and spliced into the serialised text, so
// multi-megabyte strings are never escaped or copied by JSON.stringify.
const dataUriMarker = '@@falreq-data-uri@@';

let block: string | undefined;

const dataUriPrefix = 'data:image/png;base64,';

/** The length a data URI really gets for a wished size: its base64 part must be whole quads. */
export function dataUriLength(bytes: number): number {
	return dataUriPrefix.length + Math.floor((bytes - dataUriPrefix.length) / 4) * 4;
}

function dataUri(bytes: number): string {
	if (!block) {
		const random = new Random(0x0da7_a000);
		const raw = Buffer.alloc(48 * 1024, 0);
		raw.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		for (let index = 8; index < raw.length; index++) {
			raw[index] = Math.floor(random.next() * 256);
		}

		block = raw.toString('base64');
	}

	const length = dataUriLength(bytes) - dataUriPrefix.length;
	return dataUriPrefix + block.repeat(Math.floor(length / block.length)) + block.slice(0, length % block.length);
}

function largeInto(payload: Json): void {
	if (Array.isArray(payload['images'])) {
		(payload['images'] as Json[])[0]!['url'] = dataUriMarker;
	} else if (payload['image']) {
		(payload['image'] as Json)['url'] = dataUriMarker;
	} else {
		payload['image_url'] = dataUriMarker;
	}
}

/** A row's payloads, generated on demand from its seed (nothing is kept between calls). */
export function payloadTexts(facts: PayloadFacts): PayloadTexts {
	const {spec, statusCode, kind} = facts;
	if (kind === payloadKinds.missing) {
		return {};
	}

	const random = new Random(facts.seed);
	const input = spec.input(random);
	let output: Json | null = null;
	if (statusCode !== null && kind !== payloadKinds.nullOutput) {
		output = statusCode < 300 ? spec.output(random, input) : errorOutput(random, spec, statusCode);
	}

	switch (kind) {
		case payloadKinds.hostile: {
			makeHostile(input, output);
			break;
		}

		case payloadKinds.largeInput: {
			largeInto(input);
			break;
		}

		case payloadKinds.largeOutput: {
			if (output) {
				largeInto(output);
			}

			break;
		}

		default:
	}

	let inputText = JSON.stringify(input);
	let outputText = JSON.stringify(output);
	if (kind === payloadKinds.deep) {
		inputText = `${inputText.slice(0, -1)},"metadata":${'['.repeat(deepNestingLevels)}"bottom"${']'.repeat(deepNestingLevels)}}`;
	}

	if (kind === payloadKinds.hugeNumbers && output) {
		inputText = `${inputText.slice(0, -1)},${exactInputMembers}}`;
		outputText = `${outputText.slice(0, -1)},${exactOutputMembers}}`;
	}

	if (facts.dataUriBytes !== undefined) {
		const uri = dataUri(facts.dataUriBytes);
		const marker = JSON.stringify(dataUriMarker);
		inputText = inputText.replace(marker, () => `"${uri}"`);
		outputText = outputText.replace(marker, () => `"${uri}"`);
	}

	return {input: inputText, output: outputText};
}
