/** Where the JSON text of a shown value is, so that what is copied and drawn is the API's own. */

/**
 * The text a value was parsed from: whole, or, for an object put together
 * from parts parsed apart (a payload's input and output), each member's
 * text by key. Keeping the parts apart spares copying megabytes into one string.
 */
export type JsonSource = {readonly text: string} | {readonly members: Readonly<Record<string, string>>};

/** The whole text of a source; for members, compact: `{"input":…,"output":…}`. */
export function sourceText(source: JsonSource): string {
	if ('text' in source) {
		return source.text;
	}

	let text = '';
	for (const [key, member] of Object.entries(source.members)) {
		// Concatenated, not joined: each part is copied once, when the text is first read.
		text += `${text === '' ? '{' : ','}${JSON.stringify(key)}:` + member;
	}

	return text === '' ? '{}' : `${text}}`;
}
