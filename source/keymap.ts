/**
 * Every key falreq answers: one table read by the key router (each pane's
 * input hook), the status bar and the help overlay.
 */
import type {Key} from 'ink';
import type {KeyBinding, Pane} from './keymap-types.js';
import {groupsViewBindings} from './views/triage/groups-bindings.js';
import {payloadActionBindings} from './views/detail-pane/payload-action-keys.js';
import {jsonViewBindings} from './views/json-view/keys.js';

export type GlobalAction =
	| 'quit'
	| 'help'
	| 'nextPane'
	| 'previousPane'
	| 'focusFilter'
	| 'statusAll'
	| 'statusSuccess'
	| 'statusError'
	| 'statusUserError'
	| 'nextError'
	| 'previousError'
	| 'copyId'
	| 'reload'
	| 'toggleUtc'
	| 'failureGroups'
	| 'toggleFollow'
	| 'nextRange'
	| 'previousRange'
	| 'copyCommand';
export type ListAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open' | 'clearGroup';
export type DetailAction = 'back';
export type FilterAction = 'fieldDown' | 'fieldUp' | 'activate' | 'cancel';
export type HelpAction = 'closeHelp' | 'helpDown' | 'helpUp';
export type Action = GlobalAction | ListAction | DetailAction | FilterAction | HelpAction;

type Matcher = KeyBinding['matches'];

const plain = (key: Key): boolean => !key.ctrl && !key.meta;
/** A printable character; Ink reports `G` as input 'G' with shift, so the character alone decides. */
const char = (...chars: string[]): Matcher => (input, key) => plain(key) && chars.includes(input);
const ctrl = (letter: string): Matcher => (input, key) => key.ctrl && input === letter;
const either = (...matchers: Matcher[]): Matcher => (input, key) => matchers.some(matches => matches(input, key));
const flag = (name: 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape'): Matcher => (_input, key) => key[name];

function bind<A extends Action>(pane: Pane, action: A, keys: string[], help: string, matches: Matcher): KeyBinding<A> {
	return {action, pane, keys, help, matches};
}

export const globalBindings: ReadonlyArray<KeyBinding<GlobalAction>> = [
	bind('global', 'quit', ['q', 'Ctrl-c'], 'quit', either(char('q'), ctrl('c'))),
	bind('global', 'help', ['?'], 'help', char('?')),
	bind('global', 'nextPane', ['Tab'], 'next pane', (_input, key) => key.tab && !key.shift),
	bind('global', 'previousPane', ['Shift-Tab'], 'previous pane', (_input, key) => key.tab && key.shift),
	bind('global', 'focusFilter', ['/'], 'edit the filters', char('/')),
	bind('global', 'nextError', ['e'], 'next error row', char('e')),
	bind('global', 'previousError', ['E'], 'previous error row', char('E')),
	bind('global', 'statusAll', ['1'], 'show all statuses', char('1')),
	bind('global', 'statusSuccess', ['2'], 'show successes only', char('2')),
	bind('global', 'statusError', ['3'], 'show server errors only', char('3')),
	bind('global', 'statusUserError', ['4'], 'show user errors only', char('4')),
	bind('global', 'copyId', ['y'], 'copy the request id', char('y')),
	bind('global', 'toggleUtc', ['u'], 'times in UTC / local', char('u')),
	bind('global', 'failureGroups', ['x'], 'failure groups of the loaded rows', char('x')),
	bind('global', 'toggleFollow', ['f'], 'follow new requests (on / off)', char('f')),
	bind('global', 'nextRange', ['t'], 'quick time range: 15m 1h 6h 24h 7d', char('t')),
	bind('global', 'previousRange', ['T'], 'quick time range, backwards', char('T')),
	bind('global', 'copyCommand', ['C'], 'copy a command line for this view', char('C')),
	bind('global', 'reload', ['r'], 'retry after an error / reload from the top', char('r')),
];

export const listBindings: ReadonlyArray<KeyBinding<ListAction>> = [
	bind('list', 'down', ['j', '↓'], 'move down', either(char('j'), flag('downArrow'))),
	bind('list', 'up', ['k', '↑'], 'move up', either(char('k'), flag('upArrow'))),
	bind('list', 'pageDown', ['PgDn', 'Ctrl-d'], 'page down', either(flag('pageDown'), ctrl('d'))),
	bind('list', 'pageUp', ['PgUp', 'Ctrl-u'], 'page up', either(flag('pageUp'), ctrl('u'))),
	bind('list', 'first', ['g'], 'first row', char('g')),
	bind('list', 'last', ['G'], 'last loaded row', char('G')),
	bind('list', 'open', ['Enter'], 'open the request', flag('return')),
	bind('list', 'clearGroup', ['Esc'], 'clear the group filter', flag('escape')),
];

export const detailBindings: ReadonlyArray<KeyBinding<DetailAction>> = [
	bind('detail', 'back', ['Esc'], 'back to the list', flag('escape')),
];

export const filterBindings: ReadonlyArray<KeyBinding<FilterAction>> = [
	bind('filter', 'activate', ['Enter'], 'edit, choose or apply', flag('return')),
	bind('filter', 'cancel', ['Esc'], 'undo typing / leave', flag('escape')),
	bind('filter', 'fieldDown', ['↓', 'j'], 'next field', either(flag('downArrow'), char('j'))),
	bind('filter', 'fieldUp', ['↑', 'k'], 'previous field', either(flag('upArrow'), char('k'))),
];

export const helpBindings: ReadonlyArray<KeyBinding<HelpAction>> = [
	bind('help', 'closeHelp', ['Esc', '?', 'q'], 'close the help', either(flag('escape'), char('?', 'q'))),
	bind('help', 'helpDown', ['j', '↓'], 'scroll the help', either(char('j'), flag('downArrow'))),
	bind('help', 'helpUp', ['k', '↑'], 'scroll the help back', either(char('k'), flag('upArrow'))),
];

/** The whole table, in the order the help overlay lists it. */
export const keymap: readonly KeyBinding[] = [
	...globalBindings,
	...filterBindings,
	...listBindings,
	...detailBindings,
	...payloadActionBindings,
	...jsonViewBindings,
	...groupsViewBindings,
	...helpBindings,
];

/** The binding of `pane` a key press means, if any. */
export function bindingFor<A extends string>(bindings: ReadonlyArray<KeyBinding<A>>, input: string, key: Key): KeyBinding<A> | undefined {
	return bindings.find(binding => binding.matches(input, key));
}

/** Bindings of one pane, from the table. */
export function bindingsOf(pane: Pane): readonly KeyBinding[] {
	return keymap.filter(binding => binding.pane === pane);
}

/**
 * Whether a pane's own binding claims this key, so the global router leaves it
 * alone: in the list `j` moves; `Esc` in the detail pane goes back.
 */
export function isClaimedBy(panes: readonly Pane[], input: string, key: Key): boolean {
	return keymap.some(binding => panes.includes(binding.pane) && binding.matches(input, key));
}

/** `j/↓ move down` pieces for the status bar: the active panes' keys, then the global ones unless a text input has them. */
export function keyHints(panes: readonly Pane[], options: {isTyping?: boolean} = {}): string[] {
	const shown = options.isTyping ? panes : [...panes, 'global' as const];
	return shown.flatMap(pane => bindingsOf(pane).map(binding => `${binding.keys.join('/')} ${binding.help}`));
}
