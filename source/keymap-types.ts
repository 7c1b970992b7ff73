import type {Key} from 'ink';

/** Where a binding applies. 'global' keys work in every pane except while a text input has focus. */
export type Pane = 'global' | 'filter' | 'list' | 'detail' | 'payload' | 'groups' | 'help';

/** One key binding: the single declaration read by the key router, the status bar and the help overlay. */
export type KeyBinding<Action extends string = string> = {
	action: Action;
	pane: Pane;
	/** Keys as shown to the user, e.g. ['j', '↓'] or ['Ctrl-d']. */
	keys: string[];
	/** A short phrase for the help overlay and the status bar. */
	help: string;
	matches(input: string, key: Key): boolean;
};
