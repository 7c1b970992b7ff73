/**
 * string-width as Ink measures text, with one more fast path. The CLI's
 * bundle gives it to the modules of Ink that measure (see scripts/ink-plugins.js).
 *
 * string-width measures anything beyond printable ASCII with Intl.Segmenter
 * and Unicode-property regular expressions: their first use cost about 30 ms
 * of falreq's start-up, and each call tens of microseconds after, for a
 * frame with a few hundred such strings. falreq's own characters beyond
 * ASCII (separators, ellipses, arrows, bars, the spinner) are each one
 * column wide in narrow mode and never join another character into a
 * cluster, so text made of them and printable ASCII is as wide as it is
 * long. Anything else goes to string-width
 * (test/terminal/string-width-fast.test.ts checks they agree).
 */
import stringWidth from 'string-width';

const oneColumn = String.raw`\u0020-\u007E\u00B7\u00D7\u00B1\u2022\u2026\u203A\u2190-\u2193\u2264\u2500\u2502\u2581-\u2588\u2800-\u28FF`;
/** Printable ASCII and the one-column characters falreq draws (· × ± • … › ← ↑ → ↓ ≤ ─ │ ▁–█, braille), in colours or not. */
const oneColumnText = new RegExp(String.raw`^(?:\u001B\[[\d;]*m|[${oneColumn}])*$`);
const colours = /\u001B\[[\d;]*m/g;

type Options = Parameters<typeof stringWidth>[1];

export default function fastStringWidth(text: string, options?: Options): number {
	// In wide mode the ambiguous ones among them (all but › and braille) take two columns; counted escapes take some too.
	if (typeof text === 'string' && options?.ambiguousIsNarrow !== false && options?.countAnsiEscapeCodes !== true && oneColumnText.test(text)) {
		return text.includes('\u001B') ? text.replaceAll(colours, '').length : text.length;
	}

	return stringWidth(text, options);
}
