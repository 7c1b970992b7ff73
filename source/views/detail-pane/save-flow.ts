/** What `s` saves: the parts of a request, their default file names and their JSON. */
import type {RequestItem} from '../../api/types.js';
import type {Payload} from '../../state/payload-cache.js';
import {partText, requestText} from '../../state/payload-text.js';

/** What can be saved: the input, the output, or the whole request with both. */
export type SavePart = 'input' | 'output' | 'request';

/** The key that picks each part in the 'choose' step. */
export const partKeys: Readonly<Record<string, SavePart>> = {i: 'input', o: 'output', r: 'request'};

/** `falreq-<request id>-<part>.json`, relative, so it lands in the current directory. */
export function defaultSaveName(requestId: string, part: SavePart): string {
	return `falreq-${requestId.replaceAll(/[^\w-]/g, '_')}-${part}.json`;
}

/** The JSON text to write for a part, as the API wrote it when known, or a sentence saying why there is none. */
export function saveText(part: SavePart, item: RequestItem, payload: Payload): {ok: true; text: string} | {ok: false; message: string} {
	const text = part === 'request' ? requestText(item, payload) : partText(payload, part);
	if (text === undefined) {
		return {ok: false, message: `This request has no ${part} to save: it was not stored, or it has been deleted.`};
	}

	return {ok: true, text};
}
