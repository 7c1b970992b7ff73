/**
 * The text falreq hands out for a payload (copied with `Y`, opened with `o`
 * and `O`, saved with `s`): the API's own, re-indented, so that
 * 123456789012345678901234567890, 1e999, -0.0, "\u00e9" and the order of keys
 * survive. Payloads kept without their text (carried by a list page) are
 * written from their values.
 */
import type {RequestItem} from '../api/types.js';
import {formatJson, reindentJson} from '../json/format.js';
import {type JsonSource, sourceText} from '../json/source.js';
import type {Payload} from './payload-cache.js';

/** The parts of a payload, in the order they are shown. */
const parts = ['input', 'output'] as const;

/** What the payload viewer shows: input and output side by side in one document; undefined when neither was stored. */
export function shownPayload(payload: Payload): Record<string, unknown> | undefined {
	const shown: Record<string, unknown> = {};
	for (const part of parts) {
		if (part in payload) {
			shown[part] = payload[part];
		}
	}

	return Object.keys(shown).length > 0 ? shown : undefined;
}

/**
 * Where the API's text of {@link shownPayload} is: each part's own, for the
 * viewer to be given beside the value. Undefined when the payload came
 * without its text, or when neither part was stored.
 */
export function shownSource(payload: Payload): JsonSource | undefined {
	const {source} = payload;
	const members: Record<string, string> = {};
	for (const part of parts) {
		const text = source?.[part];
		if (text !== undefined) {
			members[part] = text;
		}
	}

	return Object.keys(members).length > 0 ? {members} : undefined;
}

/** {@link shownPayload} as pretty JSON text, as the API wrote it when known; '' when neither part was stored. */
export function shownText(payload: Payload): string {
	const source = shownSource(payload);
	return source === undefined ? formatJson(shownPayload(payload)) : reindentJson(sourceText(source));
}

/** One part as pretty JSON text; undefined when it was not stored. */
export function partText(payload: Payload, part: 'input' | 'output'): string | undefined {
	if (!(part in payload)) {
		return undefined;
	}

	const text = payload.source?.[part];
	return text === undefined ? formatJson(payload[part]) : reindentJson(text);
}

/** The whole request with its payloads, as the API names them, as pretty JSON text. */
export function requestText(item: RequestItem, payload: Payload): string {
	if (payload.source !== undefined) {
		return reindentJson(payload.source.item);
	}

	const {input, output} = payload;
	return formatJson({...item, ...('input' in payload ? {json_input: input} : {}), ...('output' in payload ? {json_output: output} : {})});
}
