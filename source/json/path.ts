/** jq-style paths: `.images[0].url`, `.["odd key"]`, `.payload | fromjson | .a`. */

import type {JsonNode} from './tree.js';

const plainKey = /^[A-Za-z_][A-Za-z\d_]*$/;

function step(key: string | number): string {
	if (typeof key === 'number') {
		return `[${key}]`;
	}

	return plainKey.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The jq path of a node. Crossing a string that is shown parsed adds
 * `| fromjson |`, so the path works in jq as is. Not sanitised: the caller
 * sanitises before display (copying gives the exact path).
 */
export function pathOf(node: JsonNode): string {
	const parts: string[] = [];
	let current = '';
	for (let child: JsonNode = node; child.parent; child = child.parent) {
		current = step(child.key!) + current;
		// A parsed node itself reads as its string; only what lies below it needs fromjson.
		if (child.parent.source !== undefined) {
			parts.push(current);
			current = '';
		}
	}

	parts.push(current);
	const segments = parts.reverse().map(part => (part.startsWith('[') ? `.${part}` : part || '.'));
	return segments.join(' | fromjson | ');
}
