/**
 * Keys that take the shown payload out of falreq: copy, open in a pager or
 * editor, save. They belong to the detail pane, beside the JSON viewer's own
 * keys (pane 'payload'), and clash with none of those.
 */
import type {Key} from 'ink';
import type {KeyBinding} from '../../keymap-types.js';

export type PayloadAction = 'copyPayload' | 'openPager' | 'openEditor' | 'savePayload';

const char = (letter: string) => (input: string, key: Key): boolean => !key.ctrl && !key.meta && input === letter;

export const payloadActionBindings: ReadonlyArray<KeyBinding<PayloadAction>> = [
	{action: 'copyPayload', pane: 'detail', keys: ['Y'], help: 'copy the payload JSON (input and output)', matches: char('Y')},
	{action: 'openPager', pane: 'detail', keys: ['o'], help: 'open the payload in $PAGER', matches: char('o')},
	{action: 'openEditor', pane: 'detail', keys: ['O'], help: 'open the payload in $EDITOR', matches: char('O')},
	{action: 'savePayload', pane: 'detail', keys: ['s'], help: 'save the input, output or request as JSON', matches: char('s')},
];
