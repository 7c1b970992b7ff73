/** Keys of the plain payload viewer; the foldable JSON viewer brings its own table to take this one's place. */
import type {KeyBinding} from '../../keymap-types.js';

export type PayloadAction = 'scrollDown' | 'scrollUp' | 'scrollPageDown' | 'scrollPageUp' | 'scrollTop' | 'scrollBottom';

export const payloadBindings: ReadonlyArray<KeyBinding<PayloadAction>> = [
	{action: 'scrollDown', pane: 'payload', keys: ['j', '↓'], help: 'scroll the payload', matches: (input, key) => key.downArrow || (input === 'j' && !key.ctrl)},
	{action: 'scrollUp', pane: 'payload', keys: ['k', '↑'], help: 'scroll the payload back', matches: (input, key) => key.upArrow || (input === 'k' && !key.ctrl)},
	{action: 'scrollPageDown', pane: 'payload', keys: ['PgDn', 'Ctrl-d'], help: 'payload page down', matches: (input, key) => key.pageDown || (key.ctrl && input === 'd')},
	{action: 'scrollPageUp', pane: 'payload', keys: ['PgUp', 'Ctrl-u'], help: 'payload page up', matches: (input, key) => key.pageUp || (key.ctrl && input === 'u')},
	{action: 'scrollTop', pane: 'payload', keys: ['g'], help: 'payload top', matches: (input, key) => input === 'g' && !key.ctrl},
	{action: 'scrollBottom', pane: 'payload', keys: ['G'], help: 'payload end', matches: (input, key) => input === 'G' && !key.ctrl},
];
