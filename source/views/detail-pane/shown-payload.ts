import type {Payload} from '../../state/payload-cache.js';

/** What the payload viewer shows: input and output side by side in one document; undefined when neither was stored. */
export function shownPayload(payload: Payload): Record<string, unknown> | undefined {
	const shown: Record<string, unknown> = {};
	if ('input' in payload) {
		shown['input'] = payload.input;
	}

	if ('output' in payload) {
		shown['output'] = payload.output;
	}

	return Object.keys(shown).length > 0 ? shown : undefined;
}
