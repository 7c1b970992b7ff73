import {useInput} from 'ink';
import {type JsonViewAction, jsonViewBindings} from './keys.js';

/** An edit of the search prompt's text. */
export type PromptEdit = {type: 'type'; text: string} | {type: 'erase'} | {type: 'submit'} | {type: 'cancel'};

export type JsonViewInputOptions = {
	/** Only the active view listens. */
	isActive: boolean;
	/**
	 * Read at each key, not at render: `prompt` defined = the search prompt is
	 * open and every key edits it; `isDepthPending` = `z` was pressed, the next
	 * key is a depth 1-9 and anything else cancels.
	 */
	mode: {readonly current: {prompt?: string; isDepthPending: boolean}};
	onAction: (action: JsonViewAction) => void;
	/** A depth after `z`, or undefined when another key cancelled it. */
	onDepth: (depth: number | undefined) => void;
	onPromptEdit: (edit: PromptEdit) => void;
};

// Pasted text may hold newlines or escapes; the prompt keeps printable characters only.
const unprintable = /[\u0000-\u001F\u007F-\u009F]/g;

/** The viewer's one `useInput`: the prompt first, then a pending `z`, then the key table. */
export function useJsonViewInput(options: JsonViewInputOptions): void {
	useInput(
		(input, key) => {
			if (options.mode.current.prompt !== undefined) {
				if (key.escape) {
					options.onPromptEdit({type: 'cancel'});
				} else if (key.return) {
					options.onPromptEdit({type: 'submit'});
				} else if (key.backspace || key.delete) {
					options.onPromptEdit({type: 'erase'});
				} else if (!key.ctrl && !key.meta && input) {
					const text = input.replace(unprintable, '');
					if (text) {
						options.onPromptEdit({type: 'type', text});
					}
				}

				return;
			}

			if (options.mode.current.isDepthPending) {
				options.onDepth(/^[1-9]$/.test(input) ? Number(input) : undefined);
				return;
			}

			const binding = jsonViewBindings.find(entry => entry.matches(input, key));
			if (binding) {
				options.onAction(binding.action);
			}
		},
		{isActive: options.isActive},
	);
}
