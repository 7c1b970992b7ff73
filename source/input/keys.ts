/**
 * The one decoder from stdin bytes to keys, after Bubble Tea's key.go: every
 * read is split into keys, escape sequences and bracketed pastes are
 * recognised whole, and whatever a read ends in the middle of waits for the
 * next read, so a burst of keys decodes the same however the terminal, SSH
 * or tmux cut it into reads.
 */

const namedKeys = [
	'enter', 'tab', 'escape', 'backspace', 'delete', 'insert',
	'up', 'down', 'left', 'right', 'home', 'end', 'pageUp', 'pageDown',
	'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12',
] as const;

export type KeyName = 'char' | (typeof namedKeys)[number] | 'paste' | 'unknown';

export type Key = {
	readonly name: KeyName;
	/** 'char': the character (one code point; a letter in lower/upper case as typed); 'paste': the pasted text; for Ctrl combinations the letter ('c' for Ctrl-C); '' otherwise. */
	readonly text: string;
	readonly ctrl: boolean;
	readonly alt: boolean;
	readonly shift: boolean;
	/** The bytes this key came from, for tests and debugging. An invalid UTF-8 byte shows as U+DC80 + byte (Python's surrogateescape). */
	readonly sequence: string;
};

export type KeyDecoder = {
	/** Decodes one read (Buffer or string). Returns every complete key, in order. Incomplete input at the end (a partial escape sequence, a lone trailing ESC, a split UTF-8 character, an unfinished bracketed paste) is kept for the next read. */
	feed(chunk: Buffer | string): Key[];
	/** Whether something is held back; the caller then calls flush() after a short timeout (an ESC key pressed alone arrives as a lone ESC). */
	readonly hasPending: boolean;
	/** Ends what is held back: a lone ESC is Escape, a partial sequence is 'unknown' (never typed as text), a paste without its end marker is a paste of what came. */
	flush(): Key[];
};

/** Written to the terminal on start and on exit: with it on, a paste arrives between markers and is never taken for keys. */
export const bracketedPasteOn = '\u001B[?2004h';
export const bracketedPasteOff = '\u001B[?2004l';

const escape = '\u001B';
const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

type Modifiers = {ctrl: boolean; alt: boolean; shift: boolean};
const noModifiers: Modifiers = {ctrl: false, alt: false, shift: false};

function makeKey(name: KeyName, modifiers: Modifiers, sequence: string, text = ''): Key {
	return {name, text, ctrl: modifiers.ctrl, alt: modifiers.alt, shift: modifiers.shift, sequence};
}

/** Shift is folded into an ASCII letter's case, and a Ctrl letter is lower case, so 'G' and Ctrl-c read the same from every terminal. */
function charKey(char: string, modifiers: Modifiers, sequence: string): Key {
	if (modifiers.ctrl) {
		return makeKey('char', modifiers, sequence, /^[A-Z]$/.test(char) ? char.toLowerCase() : char);
	}

	if (modifiers.shift && /^[a-z]$/.test(char)) {
		return makeKey('char', {...modifiers, shift: false}, sequence, char.toUpperCase());
	}

	return makeKey('char', modifiers, sequence, char);
}

function controlKey(code: number, sequence: string): Key {
	switch (code) {
		case 0x0D:
		case 0x0A: {
			return makeKey('enter', noModifiers, sequence);
		}

		case 0x09: {
			return makeKey('tab', noModifiers, sequence);
		}

		case 0x08:
		case 0x7F: {
			return makeKey('backspace', noModifiers, sequence);
		}

		case 0x00: {
			return makeKey('char', {...noModifiers, ctrl: true}, sequence, ' ');
		}

		default: {
			const text = code <= 0x1A ? String.fromCharCode(code + 0x60) : String.raw`\]^_`.charAt(code - 0x1C);
			return makeKey('char', {...noModifiers, ctrl: true}, sequence, text);
		}
	}
}

/** A CSI or SS3 modifier parameter ('5', or kitty's '5:2' with an event type); undefined for a key release or a Super/Hyper/Meta chord, which must not type text. */
function parseModifiers(parameter: string | undefined): Modifiers | undefined {
	if (parameter === undefined || parameter === '') {
		return noModifiers;
	}

	const [mask = '', event = '1'] = parameter.split(':');
	if (!/^\d+$/.test(mask) || (event !== '1' && event !== '2')) {
		return undefined;
	}

	const bits = Number(mask) - 1;
	if (bits < 0 || (bits & 0b11_1000) !== 0) {
		return undefined;
	}

	return {shift: (bits & 1) !== 0, alt: (bits & 2) !== 0, ctrl: (bits & 4) !== 0};
}

/** `CSI 1;5A`, `SS3 A`: the final letter names the key. */
const letterKeys = new Map<string, KeyName>([
	['A', 'up'], ['B', 'down'], ['C', 'right'], ['D', 'left'], ['H', 'home'], ['F', 'end'],
	['P', 'f1'], ['Q', 'f2'], ['R', 'f3'], ['S', 'f4'],
]);

/** `CSI n ~`, covering the vt220, xterm and rxvt numbers for Home and End. */
const tildeKeys = new Map<string, KeyName>([
	['1', 'home'], ['7', 'home'], ['4', 'end'], ['8', 'end'],
	['2', 'insert'], ['3', 'delete'], ['5', 'pageUp'], ['6', 'pageDown'],
	['11', 'f1'], ['12', 'f2'], ['13', 'f3'], ['14', 'f4'], ['15', 'f5'],
	['17', 'f6'], ['18', 'f7'], ['19', 'f8'], ['20', 'f9'], ['21', 'f10'], ['23', 'f11'], ['24', 'f12'],
]);

/** The application keypad (`SS3 p` is 0, `SS3 M` Enter), which a terminal left in that mode by another program sends for its keypad. */
const keypadChars = new Map<string, string>([
	['j', '*'], ['k', '+'], ['l', ','], ['m', '-'], ['n', '.'], ['o', '/'], ['X', '='],
	...[...'pqrstuvwxy'].map((letter, digit): [string, string] => [letter, String(digit)]),
]);

/** Linux console F1–F5: `CSI [ A` … `CSI [ E`. */
const linuxFunctionKeys = new Map<string, KeyName>([['A', 'f1'], ['B', 'f2'], ['C', 'f3'], ['D', 'f4'], ['E', 'f5']]);

/** A code point from kitty's `CSI cp ; mods u` or xterm's modifyOtherKeys `CSI 27 ; mods ; cp ~`. */
function codePointKey(codePoint: number, modifiers: Modifiers, sequence: string): Key {
	switch (codePoint) {
		case 13: {
			return makeKey('enter', modifiers, sequence);
		}

		case 9: {
			return makeKey('tab', modifiers, sequence);
		}

		case 27: {
			return makeKey('escape', modifiers, sequence);
		}

		case 8:
		case 127: {
			return makeKey('backspace', modifiers, sequence);
		}

		default: {
			// Kitty puts its functional keys (keypad, media, F13+) in the private use area.
			const isPrintable = codePoint >= 0x20 && !(codePoint >= 0x7F && codePoint <= 0x9F)
				&& !(codePoint >= 0xD8_00 && codePoint <= 0xDF_FF) && !(codePoint >= 0xE0_00 && codePoint <= 0xF8_FF) && codePoint <= 0x10_FF_FF;
			return isPrintable ? charKey(String.fromCodePoint(codePoint), modifiers, sequence) : makeKey('unknown', noModifiers, sequence);
		}
	}
}

function csiKey(parameters: string, intermediates: string, final: string, sequence: string): Key {
	const unknown = makeKey('unknown', noModifiers, sequence);
	// Private parameters (`<` mouse, `?` reports) and intermediates are never keys.
	if (intermediates !== '' || /^[<=>?]/.test(parameters)) {
		return unknown;
	}

	const fields = parameters === '' ? [] : parameters.split(';');
	const [first = '', second, third] = fields;
	const letterKey = final === 'Z' ? 'tab' : letterKeys.get(final);
	if (letterKey !== undefined) {
		const modifiers = (first === '' || first === '1') && fields.length <= 2 ? parseModifiers(second) : undefined;
		if (modifiers === undefined) {
			return unknown;
		}

		return makeKey(letterKey, final === 'Z' ? {...modifiers, shift: true} : modifiers, sequence);
	}

	if (final === '~') {
		if (first === '27' && fields.length === 3) {
			const modifiers = parseModifiers(second);
			return modifiers === undefined || !/^\d+$/.test(third ?? '') ? unknown : codePointKey(Number(third), modifiers, sequence);
		}

		const name = tildeKeys.get(first);
		const modifiers = fields.length <= 2 ? parseModifiers(second) : undefined;
		return name === undefined || modifiers === undefined ? unknown : makeKey(name, modifiers, sequence);
	}

	if (final === 'u') {
		// Kitty: `cp[:shifted[:base]] ; mods[:event] ; text`; only the key and its modifiers matter here.
		const codePoint = first.split(':')[0] ?? '';
		const modifiers = parseModifiers(second);
		return modifiers === undefined || !/^\d+$/.test(codePoint) ? unknown : codePointKey(Number(codePoint), modifiers, sequence);
	}

	return unknown;
}

/** A parsed key, or the start of a bracketed paste, and where the input after it begins. */
type Parsed = {key: Key | 'pasteStart'; end: number};

/** The end of `count` code points from `index`, or undefined when the text ends first. */
function codePointsEnd(text: string, index: number, count: number): number | undefined {
	let end = index;
	for (let taken = 0; taken < count; taken++) {
		const code = text.codePointAt(end);
		if (code === undefined) {
			return undefined;
		}

		end += code > 0xFF_FF ? 2 : 1;
	}

	return end;
}

/**
 * Parses one key at `index`. Returns undefined when the text ends before the
 * key does, unless `isFinal`: then the unfinished rest is taken as it is.
 * It never decides anything because the text ends, so a key read whole and
 * one cut across reads decode alike. `isAltAllowed` is false for the key
 * after an ESC: one ESC makes Alt, so ESC ESC ESC is Alt-Escape, Escape.
 */
function parseKey(text: string, index: number, isFinal: boolean, isAltAllowed: boolean): Parsed | undefined {
	const code = text.codePointAt(index);
	if (code === undefined) {
		return undefined;
	}

	if (code === 0x1B) {
		return parseEscape(text, index, isFinal, isAltAllowed);
	}

	const end = index + (code > 0xFF_FF ? 2 : 1);
	const sequence = text.slice(index, end);
	if (code < 0x20 || code === 0x7F) {
		return {key: controlKey(code, sequence), end};
	}

	if (code >= 0xD8_00 && code <= 0xDB_FF && end === text.length && !isFinal) {
		return undefined;
	}

	// C1 controls, lone surrogates and escaped invalid bytes are never text.
	if ((code >= 0x80 && code <= 0x9F) || (code >= 0xD8_00 && code <= 0xDF_FF)) {
		return {key: makeKey('unknown', noModifiers, sequence), end};
	}

	return {key: charKey(sequence, noModifiers, sequence), end};
}

function parseEscape(text: string, index: number, isFinal: boolean, isAltAllowed: boolean): Parsed | undefined {
	const next = text[index + 1];
	if (next === undefined) {
		return isFinal ? {key: makeKey('escape', noModifiers, escape), end: index + 1} : undefined;
	}

	if (next === '[') {
		return parseCsi(text, index, isFinal);
	}

	if (next === 'O') {
		return parseSs3(text, index, isFinal);
	}

	const lone = {key: makeKey('escape', noModifiers, escape), end: index + 1};
	if (!isAltAllowed) {
		return lone;
	}

	// A terminal sends Alt-x as ESC x; ESC before a paste or a sequence that is no key is an Escape of its own.
	const inner = parseKey(text, index + 1, isFinal, false);
	if (inner === undefined) {
		return undefined;
	}

	if (inner.key === 'pasteStart' || inner.key.name === 'unknown') {
		return lone;
	}

	return {key: {...inner.key, alt: true, sequence: escape + inner.key.sequence}, end: inner.end};
}

const isParameterByte = (char: string): boolean => char >= '0' && char <= '?';
const isIntermediateByte = (char: string): boolean => char >= ' ' && char <= '/';
const isFinalByte = (char: string): boolean => char >= '@' && char <= '~';

function parseCsi(text: string, index: number, isFinal: boolean): Parsed | undefined {
	let end = index + 2;
	while (end < text.length && isParameterByte(text.charAt(end))) {
		end++;
	}

	const parametersEnd = end;
	while (end < text.length && isIntermediateByte(text.charAt(end))) {
		end++;
	}

	const final = text[end];
	if (final === undefined) {
		return isFinal ? {key: makeKey('unknown', noModifiers, text.slice(index)), end: text.length} : undefined;
	}

	// Cut short by a byte no CSI may hold: what came is no key, and the byte starts the next one.
	if (!isFinalByte(final)) {
		return {key: makeKey('unknown', noModifiers, text.slice(index, end)), end};
	}

	const parameters = text.slice(index + 2, parametersEnd);
	const intermediates = text.slice(parametersEnd, end);
	const sequence = text.slice(index, end + 1);
	if (sequence === pasteStart) {
		return {key: 'pasteStart', end: end + 1};
	}

	if (parameters === '' && intermediates === '' && (final === 'M' || final === '[')) {
		return parseTrailing(text, index, end + 1, final, isFinal);
	}

	return {key: csiKey(parameters, intermediates, final, sequence), end: end + 1};
}

/**
 * The two CSIs with characters after their final byte: the X10 mouse report
 * `CSI M` and its three raw bytes, which must not be typed, and the Linux
 * console's F1–F5, `CSI [ A` … `CSI [ E`.
 */
function parseTrailing(text: string, index: number, start: number, final: 'M' | '[', isFinal: boolean): Parsed | undefined {
	const end = codePointsEnd(text, start, final === 'M' ? 3 : 1);
	if (end === undefined) {
		return isFinal ? {key: makeKey('unknown', noModifiers, text.slice(index)), end: text.length} : undefined;
	}

	if (final === 'M') {
		return {key: makeKey('unknown', noModifiers, text.slice(index, end)), end};
	}

	const name = linuxFunctionKeys.get(text.slice(start, end));
	return name === undefined
		? {key: makeKey('unknown', noModifiers, text.slice(index, start)), end: start}
		: {key: makeKey(name, noModifiers, text.slice(index, end)), end};
}

function parseSs3(text: string, index: number, isFinal: boolean): Parsed | undefined {
	let end = index + 2;
	while (end < text.length && /\d/.test(text.charAt(end))) {
		end++;
	}

	const final = text[end];
	if (final === undefined) {
		return isFinal ? {key: makeKey('unknown', noModifiers, text.slice(index)), end: text.length} : undefined;
	}

	if (!isFinalByte(final)) {
		return {key: makeKey('unknown', noModifiers, text.slice(index, end)), end};
	}

	const sequence = text.slice(index, end + 1);
	// Old xterms put the modifier between SS3 and the letter (`SS3 5 P`).
	const modifiers = parseModifiers(text.slice(index + 2, end));
	const name = final === 'M' ? 'enter' : letterKeys.get(final);
	const keypadChar = keypadChars.get(final);
	if (modifiers === undefined || (name === undefined && keypadChar === undefined)) {
		return {key: makeKey('unknown', noModifiers, sequence), end: end + 1};
	}

	return {key: name === undefined ? charKey(keypadChar ?? '', modifiers, sequence) : makeKey(name, modifiers, sequence), end: end + 1};
}

/** How many bytes the UTF-8 character at `index` takes: 0 when it is invalid, -1 when the bytes end first. */
function utf8Length(bytes: Uint8Array, index: number): number {
	const lead = bytes[index] ?? 0;
	if (lead < 0x80) {
		return 1;
	}

	// The allowed range of the second byte excludes overlong forms, surrogates and code points past U+10FFFF.
	const [length, low, high]
		= lead >= 0xC2 && lead <= 0xDF ? [2, 0x80, 0xBF]
			: lead === 0xE0 ? [3, 0xA0, 0xBF]
				: lead === 0xED ? [3, 0x80, 0x9F]
					: lead >= 0xE1 && lead <= 0xEF ? [3, 0x80, 0xBF]
						: lead === 0xF0 ? [4, 0x90, 0xBF]
							: lead >= 0xF1 && lead <= 0xF3 ? [4, 0x80, 0xBF]
								: lead === 0xF4 ? [4, 0x80, 0x8F]
									: [0, 0, 0];
	for (let offset = 1; offset < length; offset++) {
		const byte = bytes[index + offset];
		if (byte === undefined) {
			return -1;
		}

		if (offset === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xBF) {
			return 0;
		}
	}

	return length;
}

/**
 * Decodes UTF-8 up to a character the bytes end inside (kept as `rest`,
 * unless `isFinal`). Each invalid byte becomes U+DC80 + byte, a lone
 * surrogate no valid UTF-8 decodes to, so it is one 'unknown' key and
 * never merges with its neighbours into one U+FFFD.
 */
function decodeUtf8(bytes: Buffer, isFinal: boolean): {text: string; rest: Buffer} {
	let text = '';
	let runStart = 0;
	let index = 0;
	while (index < bytes.length) {
		const length = utf8Length(bytes, index);
		if (length > 0) {
			index += length;
			continue;
		}

		if (length < 0 && !isFinal) {
			break;
		}

		text += bytes.toString('utf8', runStart, index) + String.fromCharCode(0xDC_00 + (bytes[index] ?? 0));
		index++;
		runStart = index;
	}

	text += bytes.toString('utf8', runStart, index);
	return {text, rest: Buffer.from(bytes.subarray(index))};
}

const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function pasteKey(content: string, isEnded: boolean): Key {
	return makeKey('paste', noModifiers, pasteStart + content + (isEnded ? pasteEnd : ''), content.replaceAll(loneSurrogates, '\uFFFD'));
}

export function createKeyDecoder(): KeyDecoder {
	/** Bytes of a UTF-8 character the last read ended inside. */
	let bytes: Buffer = Buffer.alloc(0);
	/** Decoded text not yet taken as keys: the start of an unfinished key. */
	let text = '';
	/** The text of a bracketed paste whose end marker has not come yet. */
	let paste: string | undefined;

	function drain(isFinal: boolean): Key[] {
		const keys: Key[] = [];
		let index = 0;
		for (;;) {
			if (paste !== undefined) {
				// The end marker may straddle two reads: look again at the last few characters.
				const from = Math.max(0, paste.length - (pasteEnd.length - 1));
				paste += text.slice(index);
				text = '';
				index = 0;
				const at = paste.indexOf(pasteEnd, from);
				if (at === -1) {
					if (isFinal) {
						keys.push(pasteKey(paste, false));
						paste = undefined;
					}

					break;
				}

				keys.push(pasteKey(paste.slice(0, at), true));
				text = paste.slice(at + pasteEnd.length);
				paste = undefined;
				continue;
			}

			const parsed = parseKey(text, index, isFinal, true);
			if (parsed === undefined) {
				break;
			}

			index = parsed.end;
			if (parsed.key === 'pasteStart') {
				paste = '';
			} else {
				keys.push(parsed.key);
			}
		}

		text = text.slice(index);
		return keys;
	}

	return {
		feed(chunk) {
			if (typeof chunk === 'string') {
				// A string after bytes that ended inside a character: those bytes are invalid.
				text += decodeUtf8(bytes, true).text + chunk;
				bytes = Buffer.alloc(0);
			} else {
				const decoded = decodeUtf8(bytes.length === 0 ? chunk : Buffer.concat([bytes, chunk]), false);
				text += decoded.text;
				bytes = decoded.rest;
			}

			return drain(false);
		},
		get hasPending() {
			return bytes.length > 0 || text !== '' || paste !== undefined;
		},
		flush() {
			text += decodeUtf8(bytes, true).text;
			bytes = Buffer.alloc(0);
			return drain(true);
		},
	};
}

/**
 * The update function's rule for an Alt key with no Alt binding: Escape,
 * then the key without Alt (`Esc q` typed fast arrives as Alt-q). The
 * Escape's sequence is '': the key keeps all the bytes.
 */
export function splitAlt(key: Key): Key[] {
	if (!key.alt) {
		return [key];
	}

	return [makeKey('escape', noModifiers, ''), {...key, alt: false}];
}

const modifierPrefix = /^(ctrl|alt|shift)-(.+)$/su;

/**
 * A key by name, for tests and the keymap: 'j', 'G', 'ctrl-u', 'alt-b',
 * 'shift-tab', 'ctrl-left', 'pageDown', 'f5', 'space', 'ctrl-space'.
 * Its sequence is '' (it names a key, not bytes). Throws on a name that is
 * no key, a mistake in the program rather than in its input.
 */
export function keyOf(spec: string): Key {
	const modifiers = {...noModifiers};
	let rest = spec;
	for (let match = modifierPrefix.exec(rest); match !== null; match = modifierPrefix.exec(rest)) {
		const [, modifier = '', remainder = ''] = match;
		modifiers[modifier as keyof Modifiers] = true;
		rest = remainder;
	}

	if ([...rest].length === 1 || rest === 'space') {
		const char = rest === 'space' ? ' ' : rest;
		if (/[\p{Cc}\p{Cs}]/u.test(char)) {
			throw new Error(`Not a key: ${JSON.stringify(spec)}`);
		}

		return charKey(char, modifiers, '');
	}

	const name = namedKeys.find(name => name === rest);
	if (name === undefined) {
		throw new Error(`Not a key: ${JSON.stringify(spec)}`);
	}

	return makeKey(name, modifiers, '');
}
