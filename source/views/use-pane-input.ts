import {useRef} from 'react';
import {useInput, type Key} from 'ink';
import {bindingFor} from '../keymap.js';
import type {KeyBinding} from '../keymap-types.js';

/**
 * Ink's useInput, calling the handler of the latest render. Ink swaps
 * handlers, and attaches a hook that becomes active, in an effect, which may
 * run after the next key has arrived: a fast typist's second key would meet
 * the first key's stale state, or no listener at all. So the listener stays
 * attached and whether it acts is read from the latest render.
 */
export function useLatestInput(handler: (input: string, key: Key) => void, isActive: boolean): void {
	const latest = useRef({handler, isActive});
	latest.current = {handler, isActive};
	useInput(
		(input, key) => {
			// Ink 6 hands keys read together (key repeat, or quick typing on a busy process or a slow link) over as one
			// string: "jjj" is three moves, "Gg" two, "g⏎" a move and Enter. Longer mixed text is a paste and must
			// not fire a string of commands.
			const keys: Array<[string, Key]> = isText(input, key) && isKeyBurst(input) ? [...input].map(each => [each, keyOf(each, key)]) : [[input, key]];
			for (const [each, eachKey] of keys) {
				if (latest.current.isActive) {
					latest.current.handler(each, eachKey);
				}
			}
		},
		{isActive: true},
	);
}

/** The most keys of a typed burst read at once; longer mixed text is taken to be pasted. */
const burstKeys = 4;
/** What a burst may hold: printable ASCII, Enter, Tab and Backspace (escape sequences are never split). */
const burstCharacters = /^[\u0020-\u007E\r\t\u007F]+$/;

function isKeyBurst(input: string): boolean {
	const [first, ...rest] = input;
	return rest.length > 0 && burstCharacters.test(input) && (rest.length < burstKeys || rest.every(character => character === first));
}

/** The key one character of a burst stands for, as Ink reports it when read alone. */
function keyOf(character: string, burst: Key): Key {
	const plain: Key = {...burst, return: false, tab: false, delete: false};
	switch (character) {
		case '\r': {
			return {...plain, return: true};
		}

		case '\t': {
			return {...plain, tab: true};
		}

		case '\u007F': {
			return {...plain, delete: true};
		}

		default: {
			return plain;
		}
	}
}

/** A key that types text into an input: printable, no modifier, not Enter, Tab or Esc (Ink reports Enter as input '\r'). */
export function isText(input: string, key: Key): boolean {
	return input.length > 0 && !key.ctrl && !key.meta && !key.return && !key.tab && !key.escape && !key.backspace && !key.delete;
}

export type PaneInputOptions<A extends string> = {
	/** Only the active pane listens; the app decides which one that is. */
	isActive: boolean;
	onAction: (action: A) => void;
	/** A text input has the keyboard: printable keys are its text, not commands. Default false. */
	isTyping?: boolean;
};

/** The one input hook of a pane: a key press becomes that pane's action from the keymap, or nothing. */
export function usePaneInput<A extends string>(bindings: ReadonlyArray<KeyBinding<A>>, options: PaneInputOptions<A>): void {
	useLatestInput((input, key) => {
		if (options.isTyping && isText(input, key)) {
			return;
		}

		const binding = bindingFor(bindings, input, key);
		if (binding !== undefined) {
			options.onAction(binding.action);
		}
	}, options.isActive);
}
