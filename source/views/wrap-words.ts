/**
 * Word-wraps a sentence into at most `maxLines` lines of `width`, the last
 * one cut with an ellipsis. Ink would wrap for us, but then a pane's height
 * is no longer known before drawing, and the frame must stay within the terminal.
 */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (candidate.length <= width || line === '') {
			line = candidate;
			continue;
		}

		lines.push(line);
		line = word;
	}

	if (line !== '') {
		lines.push(line);
	}

	if (lines.length > maxLines) {
		const kept = lines.slice(0, maxLines);
		kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, Math.max(0, width - 1))}…`;
		return kept;
	}

	return lines.map(each => (each.length > width ? `${each.slice(0, Math.max(0, width - 1))}…` : each));
}
