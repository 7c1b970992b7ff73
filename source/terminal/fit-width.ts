/**
 * Text fitted to a number of terminal columns, for tables and list rows. A
 * length in UTF-16 code units is not a width: an East Asian character or an
 * emoji takes two columns and a combining mark none, so a row padded or cut
 * by .length overflows its pane.
 */
import stringWidth from './string-width-fast.js';

let graphemes: Intl.Segmenter | undefined;

/** The longest prefix of whole characters (grapheme clusters) of `text` that takes at most `width` columns. */
function cut(text: string, width: number): string {
	if (/^[\u0020-\u007E]*$/.test(text)) {
		return text.slice(0, width);
	}

	// Made on first need: Intl costs start-up time, and most cells are ASCII.
	graphemes ??= new Intl.Segmenter();
	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		used += stringWidth(segment);
		if (used > width) {
			break;
		}

		kept += segment;
	}

	return kept;
}

/** `text` cut with an ellipsis or padded to exactly `width` columns, as the terminal counts them: a wide character takes two. */
export function fitWidth(text: string, width: number, isRightAligned = false): string {
	const textWidth = stringWidth(text);
	const shown = textWidth <= width ? text : width <= 1 ? cut(text, width) : `${cut(text, width - 1)}…`;
	const padding = ' '.repeat(width - (shown === text ? textWidth : stringWidth(shown)));
	return isRightAligned ? padding + shown : shown + padding;
}
