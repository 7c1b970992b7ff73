/**
 * Strings that would take over a terminal if printed raw: the emulator puts
 * them in a few payloads, and in its own messages under the `hostile` fault,
 * so the client's sanitising is exercised end to end.
 */
export const hostileStrings = {
	clearScreen: '\u001B[2J\u001B[H',
	/** OSC 52: writes "pwned" to the clipboard. */
	clipboard: '\u001B]52;c;cHduZWQ=\u0007',
	/** OSC 0: retitles the window. */
	title: '\u001B]0;pwned\u0007',
	/** OSC 8: a hyperlink whose text hides its target. */
	link: '\u001B]8;;https://evil.example/\u0007harmless.png\u001B]8;;\u0007',
	/** DCS, terminated by ST. */
	dcs: '\u001BP1$tpwned\u001B\\',
	/** U+202E right-to-left override: "gnp.exe" shows as "exe.png". */
	bidi: '\u202Egnp.exe',
	/** Lone surrogates, which no UTF-8 encoder can write as they are. */
	loneSurrogates: '\uD800x\uDFFF',
	/** C0 and C1 controls, the C1 CSI (0x9B) among them. */
	controls: '\u0000\u0007\b\r\u007F\u009B31m',
} as const;

/** All of them in one string, after `prefix`. */
export function hostile(prefix: string): string {
	return prefix + Object.values(hostileStrings).join(' ');
}

/** A message that ends in hostile sequences (for the `hostile` fault). */
export function hostileMessage(message: string): string {
	return `${message} ${hostileStrings.clearScreen}${hostileStrings.title}${hostileStrings.clipboard}${hostileStrings.bidi}`;
}
