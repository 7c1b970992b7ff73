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

/** Each part in words, telling apart absent (not stored, or deleted) and the JSON value null: 'input · output is null'. */
export function describeParts(payload: Payload): string {
	return (['input', 'output'] as const)
		.map(part => (!(part in payload) ? `no ${part} (not stored, or deleted)` : payload[part] === null ? `${part} is null` : part))
		.join(' · ');
}
