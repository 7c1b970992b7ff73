import type {Payload} from '../../state/payload-cache.js';

/** Each part in words, telling apart absent (not stored, or deleted) and the JSON value null: 'input · output is null'. */
export function describeParts(payload: Payload): string {
	return (['input', 'output'] as const)
		.map(part => (!(part in payload) ? `no ${part} (not stored, or deleted)` : payload[part] === null ? `${part} is null` : part))
		.join(' · ');
}
