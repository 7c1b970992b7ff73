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
			// string: "jjj" is three moves, "Gg" two. Longer mixed text is a paste and must not fire a string of commands.
			const keys = isText(input, key) && isKeyBurst(input) ? [...input] : [input];
			for (const each of keys) {
				if (latest.current.isActive) {
					latest.current.handler(each, key);
				}
			}
		},
		{isActive: true},
	);
}

/** The most keys of a typed burst read at once; longer mixed text is taken to be pasted. */
const burstKeys = 4;

function isKeyBurst(input: string): boolean {
	const [first, ...rest] = input;
	return rest.length > 0 && (rest.length < burstKeys || rest.every(character => character === first));
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
