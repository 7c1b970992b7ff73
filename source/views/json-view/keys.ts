/**
 * Keys of the payload viewer (pane 'payload'). The explorer spreads them into
 * its one keymap table; the viewer's input hook matches keys through these
 * same entries. None clashes with a global key.
 */
import type {Key} from 'ink';
import type {KeyBinding} from '../../keymap-types.js';

export type JsonViewAction =
	| 'down'
	| 'up'
	| 'pageDown'
	| 'pageUp'
	| 'halfPageDown'
	| 'halfPageUp'
	| 'first'
	| 'last'
	| 'toggle'
	| 'collapse'
	| 'expand'
	| 'collapseAll'
	| 'expandAll'
	| 'foldDepth'
	| 'parseString'
	| 'search'
	| 'nextMatch'
	| 'previousMatch'
	| 'copyValue'
	| 'copyPath';

type Matcher = (input: string, key: Key) => boolean;

const char =
	(...chars: string[]): Matcher =>
	(input, key) =>
		!key.ctrl && !key.meta && chars.includes(input);

function bind(action: JsonViewAction, keys: string[], help: string, matches: Matcher): KeyBinding<JsonViewAction> {
	return {action, pane: 'payload', keys, help, matches};
}

export const jsonViewBindings: Array<KeyBinding<JsonViewAction>> = [
	bind('down', ['j', '↓'], 'next line', (input, key) => key.downArrow || char('j')(input, key)),
	bind('up', ['k', '↑'], 'previous line', (input, key) => key.upArrow || char('k')(input, key)),
	bind('pageDown', ['PgDn'], 'page down', (_input, key) => key.pageDown),
	bind('pageUp', ['PgUp'], 'page up', (_input, key) => key.pageUp),
	bind('halfPageDown', ['Ctrl-d'], 'half a page down', (input, key) => key.ctrl && input === 'd'),
	bind('halfPageUp', ['Ctrl-u'], 'half a page up', (input, key) => key.ctrl && input === 'u'),
	bind('first', ['g'], 'first line', char('g')),
	bind('last', ['G'], 'last line', char('G')),
	bind('toggle', ['Enter', 'Space'], 'fold / unfold; wrap a long string', (input, key) => key.return || char(' ')(input, key)),
	bind('collapse', ['h', '←'], 'fold, or go to the parent', (input, key) => key.leftArrow || char('h')(input, key)),
	bind('expand', ['l', '→'], 'unfold, or go to the first child', (input, key) => key.rightArrow || char('l')(input, key)),
	bind('collapseAll', ['-'], 'fold everything', char('-')),
	bind('expandAll', ['+', '='], 'unfold everything', char('+', '=')),
	bind('foldDepth', ['z 1-9'], 'show only the first 1-9 levels', char('z')),
	bind('parseString', ['J'], 'show a string holding JSON as a tree (again: as the string)', char('J')),
	bind('search', ['/'], 'search keys and values', char('/')),
	bind('nextMatch', ['n'], 'next match', char('n')),
	bind('previousMatch', ['N'], 'previous match', char('N')),
	bind('copyValue', ['c'], 'copy the value under the cursor', char('c')),
	bind('copyPath', ['p'], 'copy its path (jq style)', char('p')),
];
