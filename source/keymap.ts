/**
 * Every key falreq answers, in one table: the update function routes keys
 * through it, and the status bar and the help overlay describe it. A key is
 * decoded once (source/input/keys.ts) before anything here sees it.
 */
import type {Key} from './input/keys.js';

/**
 * Where a binding applies. 'global' keys work everywhere unless a pane's own
 * binding or a text field claims the key; 'typing' and 'choosing' are the
 * filter pane while a text field or the status list has the keyboard.
 */
export type Pane = 'global' | 'strip' | 'filter' | 'typing' | 'choosing' | 'list' | 'detail' | 'payload' | 'groups' | 'breakdown' | 'compare' | 'rowFilter' | 'rerun' | 'help';

export type KeyBinding<Action extends string = string> = {
	action: Action;
	pane: Pane;
	/** Keys as shown to the user, e.g. ['j', '↓'] or ['Ctrl-d']. */
	keys: readonly string[];
	/** A short phrase for the help overlay and the status bar. */
	help: string;
	matches(key: Key): boolean;
};

type Matcher = (key: Key) => boolean;

/** A printable character typed without Ctrl or Alt; `G` is 'G', whatever the terminal says of Shift. */
const char = (...chars: string[]): Matcher => key => key.name === 'char' && !key.ctrl && !key.alt && chars.includes(key.text);
const ctrl = (letter: string): Matcher => key => key.name === 'char' && key.ctrl && !key.alt && key.text === letter;
/** A named key (arrows, Enter, Esc…) without modifiers, or with Shift when asked. */
const named = (name: Key['name'], options: {shift?: boolean} = {}): Matcher => key => key.name === name && !key.ctrl && !key.alt && key.shift === (options.shift ?? false);
const either = (...matchers: Matcher[]): Matcher => key => matchers.some(matches => matches(key));

function bind<A extends string>(pane: Pane, action: A, keys: readonly string[], help: string, matches: Matcher): KeyBinding<A> {
	return {action, pane, keys, help, matches};
}

export type GlobalAction =
	| 'quit'
	| 'help'
	| 'nextPane'
	| 'previousPane'
	| 'focusFilter'
	| 'back'
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
	| 'copyCommand'
	| 'mark'
	| 'markedOnly'
	| 'nextMark'
	| 'previousMark'
	| 'compare'
	| 'rerun'
	| 'rowFilter'
	| 'zoom'
	| 'breakdown'
	| 'nextBar'
	| 'previousBar'
	| 'export';

export const globalBindings: ReadonlyArray<KeyBinding<GlobalAction>> = [
	bind('global', 'quit', ['q', 'Ctrl-c'], 'quit', either(char('q'), ctrl('c'))),
	bind('global', 'help', ['?'], 'help', char('?')),
	bind('global', 'nextPane', ['Tab'], 'next pane', named('tab')),
	bind('global', 'previousPane', ['Shift-Tab'], 'previous pane', named('tab', {shift: true})),
	bind('global', 'focusFilter', ['/'], 'edit the filters', char('/')),
	bind('global', 'back', ['Backspace'], 'back to the previous view (its filters and rows)', named('backspace')),
	bind('global', 'nextError', ['e'], 'next error row', char('e')),
	bind('global', 'previousError', ['E'], 'previous error row', char('E')),
	bind('global', 'statusAll', ['1'], 'show all statuses', char('1')),
	bind('global', 'statusSuccess', ['2'], 'show successes only', char('2')),
	bind('global', 'statusError', ['3'], 'show server errors only', char('3')),
	bind('global', 'statusUserError', ['4'], 'show user errors only', char('4')),
	bind('global', 'copyId', ['y'], 'copy the request id', char('y')),
	bind('global', 'toggleUtc', ['u'], 'times shown and typed in UTC / local', char('u')),
	bind('global', 'failureGroups', ['x'], 'failure groups of the loaded rows', char('x')),
	bind('global', 'toggleFollow', ['f'], 'follow new requests (on / off)', char('f')),
	bind('global', 'nextRange', ['t'], 'longer time range: 15m 1h 6h 24h 7d', char('t')),
	bind('global', 'previousRange', ['T'], 'shorter time range', char('T')),
	bind('global', 'copyCommand', ['C'], 'copy a command line for this view (its window in absolute times)', char('C')),
	bind('global', 'reload', ['r'], 'retry after an error / reload from the top (rows stay meanwhile)', char('r')),
	bind('global', 'mark', ['m'], 'mark / unmark the request', char('m')),
	bind('global', 'markedOnly', ['M'], 'show only marked requests (on / off)', char('M')),
	bind('global', 'nextMark', ["'"], 'next marked request', char("'")),
	bind('global', 'previousMark', ['"'], 'previous marked request', char('"')),
	bind('global', 'compare', ['D'], 'diff the payloads of the two marked requests, or of the marked and the selected', char('D')),
	bind('global', 'rerun', ['R'], 'copy a command that re-runs the request (curl, JavaScript, Python)', char('R')),
	bind('global', 'rowFilter', ['&'], 'filter the loaded rows: text, status:5xx, runner:8d46, duration>60s, endpoint:acme/*, msg:"oom", ! negates', char('&')),
	bind('global', 'zoom', ['Z'], 'zoom the focused pane to the whole screen, and back', char('Z')),
	bind('global', 'previousBar', ['['], 'pick a time bar of the summary strip, the one before', char('[')),
	bind('global', 'nextBar', [']'], 'pick a time bar of the summary strip, the one after', char(']')),
	bind('global', 'export', ['w'], 'write the rows shown to a file: JSON lines as the API sent them, or CSV', char('w')),
	bind('global', 'breakdown', ['b'], 'breakdowns of the loaded rows by endpoint, runner, status, error type', char('b')),
];

export type StripAction = 'narrow' | 'cancel';

/** While a bar of the summary strip is picked; the other keys act as before. */
export const stripBindings: ReadonlyArray<KeyBinding<StripAction>> = [
	bind('strip', 'narrow', ['Enter'], "narrow the window to the picked bar's time (Backspace widens again)", named('enter')),
	bind('strip', 'cancel', ['Esc'], 'put the pick away', named('escape')),
];

export type FilterAction = 'fieldDown' | 'fieldUp' | 'activate' | 'cancel';

export const filterBindings: ReadonlyArray<KeyBinding<FilterAction>> = [
	bind('filter', 'activate', ['Enter'], 'edit, choose or apply', named('enter')),
	bind('filter', 'cancel', ['Esc'], 'undo changes / leave', named('escape')),
	bind('filter', 'fieldDown', ['↓', 'j'], 'next field', either(named('down'), char('j'))),
	bind('filter', 'fieldUp', ['↑', 'k'], 'previous field', either(named('up'), char('k'))),
];

/** Keys of a text field being edited; the rest of its editing keys (source/input/text-field.ts) are listed in the help. */
export type TypingAction = 'submit' | 'cancel' | 'fieldDown' | 'fieldUp';

export const typingBindings: ReadonlyArray<KeyBinding<TypingAction>> = [
	bind('typing', 'submit', ['Enter'], 'apply the filters', named('enter')),
	bind('typing', 'cancel', ['Esc'], 'undo typing, leave the field', named('escape')),
	bind('typing', 'fieldDown', ['Tab', '↓'], 'next field', either(named('tab'), named('down'))),
	bind('typing', 'fieldUp', ['Shift-Tab', '↑'], 'previous field', either(named('tab', {shift: true}), named('up'))),
];

/** The line editor's keys, for the help and the hints; the text field handles them itself. */
export const editingKeys: ReadonlyArray<{keys: readonly string[]; help: string}> = [
	{keys: ['←', '→'], help: 'move'},
	{keys: ['Home', 'End', 'Ctrl-a', 'Ctrl-e'], help: 'start / end'},
	{keys: ['Ctrl-←', 'Ctrl-→'], help: 'word left / right'},
	{keys: ['Backspace', 'Delete'], help: 'delete'},
	{keys: ['Ctrl-u', 'Ctrl-k'], help: 'clear to start / end'},
	{keys: ['Ctrl-w'], help: 'delete word'},
];

export type ChoosingAction = 'down' | 'up' | 'choose' | 'pick' | 'cancel';

export const choosingBindings: ReadonlyArray<KeyBinding<ChoosingAction>> = [
	bind('choosing', 'pick', ['1-4'], 'choose by number and apply', char('1', '2', '3', '4')),
	bind('choosing', 'down', ['↓', 'j'], 'next status', either(named('down'), char('j'))),
	bind('choosing', 'up', ['↑', 'k'], 'previous status', either(named('up'), char('k'))),
	bind('choosing', 'choose', ['Enter'], 'choose and apply', named('enter')),
	bind('choosing', 'cancel', ['Esc'], 'keep the status', named('escape')),
];

export type ListAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open' | 'clear';

export const listBindings: ReadonlyArray<KeyBinding<ListAction>> = [
	bind('list', 'down', ['j', '↓'], 'move down', either(char('j'), named('down'))),
	bind('list', 'up', ['k', '↑'], 'move up', either(char('k'), named('up'))),
	bind('list', 'pageDown', ['PgDn', 'Ctrl-d'], 'page down', either(named('pageDown'), ctrl('d'))),
	bind('list', 'pageUp', ['PgUp', 'Ctrl-u'], 'page up', either(named('pageUp'), ctrl('u'))),
	bind('list', 'first', ['g', 'Home'], 'first row', either(char('g'), named('home'))),
	bind('list', 'last', ['G', 'End'], 'last loaded row', either(char('G'), named('end'))),
	bind('list', 'open', ['Enter'], 'open the request', named('enter')),
	bind('list', 'clear', ['Esc'], 'clear the row filter / marked only / group', named('escape')),
];

export type DetailAction = 'back' | 'copyPayload' | 'openPager' | 'openEditor' | 'savePayload';

export const detailBindings: ReadonlyArray<KeyBinding<DetailAction>> = [
	bind('detail', 'back', ['Esc'], 'back to the list', named('escape')),
	bind('detail', 'copyPayload', ['Y'], 'copy the payload JSON (input and output)', char('Y')),
	bind('detail', 'openPager', ['o'], 'open the payload in $PAGER', char('o')),
	bind('detail', 'openEditor', ['O'], 'open the payload in $EDITOR', char('O')),
	bind('detail', 'savePayload', ['s'], 'save the input, output or request as JSON', char('s')),
];

export type PayloadAction =
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

export const payloadBindings: ReadonlyArray<KeyBinding<PayloadAction>> = [
	bind('payload', 'down', ['j', '↓'], 'next line', either(char('j'), named('down'))),
	bind('payload', 'up', ['k', '↑'], 'previous line', either(char('k'), named('up'))),
	bind('payload', 'pageDown', ['PgDn'], 'page down', named('pageDown')),
	bind('payload', 'pageUp', ['PgUp'], 'page up', named('pageUp')),
	bind('payload', 'halfPageDown', ['Ctrl-d'], 'half a page down', ctrl('d')),
	bind('payload', 'halfPageUp', ['Ctrl-u'], 'half a page up', ctrl('u')),
	bind('payload', 'first', ['g', 'Home'], 'first line', either(char('g'), named('home'))),
	bind('payload', 'last', ['G', 'End'], 'last line', either(char('G'), named('end'))),
	bind('payload', 'toggle', ['Enter', 'Space'], 'fold / unfold; wrap a long string', either(named('enter'), char(' '))),
	bind('payload', 'collapse', ['h', '←'], 'fold, or go to the parent', either(char('h'), named('left'))),
	bind('payload', 'expand', ['l', '→'], 'unfold, or go to the first child', either(char('l'), named('right'))),
	bind('payload', 'collapseAll', ['-'], 'fold everything', char('-')),
	bind('payload', 'expandAll', ['+', '='], 'unfold everything', char('+', '=')),
	bind('payload', 'foldDepth', ['z 1-9'], 'show only the first 1-9 levels', char('z')),
	bind('payload', 'parseString', ['J'], 'show a string holding JSON as a tree (again: as the string)', char('J')),
	bind('payload', 'search', ['/'], 'search keys and values', char('/')),
	bind('payload', 'nextMatch', ['n'], 'next match', char('n')),
	bind('payload', 'previousMatch', ['N'], 'previous match', char('N')),
	bind('payload', 'copyValue', ['c'], 'copy the value under the cursor', char('c')),
	bind('payload', 'copyPath', ['p'], 'copy its path (jq style)', char('p')),
];

export type GroupsAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'first' | 'last' | 'open' | 'close';

export const groupsBindings: ReadonlyArray<KeyBinding<GroupsAction>> = [
	bind('groups', 'down', ['j', '↓'], 'next group', either(char('j'), named('down'))),
	bind('groups', 'up', ['k', '↑'], 'previous group', either(char('k'), named('up'))),
	bind('groups', 'pageDown', ['PgDn', 'Ctrl-d'], 'page down', either(named('pageDown'), ctrl('d'))),
	bind('groups', 'pageUp', ['PgUp', 'Ctrl-u'], 'page up', either(named('pageUp'), ctrl('u'))),
	bind('groups', 'first', ['g', 'Home'], 'first group', either(char('g'), named('home'))),
	bind('groups', 'last', ['G', 'End'], 'last group', either(char('G'), named('end'))),
	bind('groups', 'open', ['Enter'], "show the group's requests", named('enter')),
	bind('groups', 'close', ['Esc'], 'close the groups', named('escape')),
];

export type BreakdownAction = GroupsAction | 'nextDimension' | 'previousDimension' | 'byEndpoint' | 'byRunner' | 'byStatus' | 'byErrorType' | 'sortNext' | 'sortReverse';

export const breakdownBindings: ReadonlyArray<KeyBinding<BreakdownAction>> = [
	bind('breakdown', 'down', ['j', '↓'], 'next group', either(char('j'), named('down'))),
	bind('breakdown', 'up', ['k', '↑'], 'previous group', either(char('k'), named('up'))),
	bind('breakdown', 'pageDown', ['PgDn', 'Ctrl-d'], 'page down', either(named('pageDown'), ctrl('d'))),
	bind('breakdown', 'pageUp', ['PgUp', 'Ctrl-u'], 'page up', either(named('pageUp'), ctrl('u'))),
	bind('breakdown', 'first', ['g', 'Home'], 'first group', either(char('g'), named('home'))),
	bind('breakdown', 'last', ['G', 'End'], 'last group', either(char('G'), named('end'))),
	bind('breakdown', 'nextDimension', ['→', 'l'], 'the same rows by the next dimension', either(named('right'), char('l'))),
	bind('breakdown', 'previousDimension', ['←', 'h'], 'the same rows by the previous dimension', either(named('left'), char('h'))),
	bind('breakdown', 'byEndpoint', ['1'], "the group's rows by endpoint", char('1')),
	bind('breakdown', 'byRunner', ['2'], "the group's rows by runner", char('2')),
	bind('breakdown', 'byStatus', ['3'], "the group's rows by status", char('3')),
	bind('breakdown', 'byErrorType', ['4'], "the group's rows by error type", char('4')),
	bind('breakdown', 'sortNext', ['s'], 'sort by the next column', char('s')),
	bind('breakdown', 'sortReverse', ['S'], 'reverse the sort', char('S')),
	bind('breakdown', 'open', ['Enter'], "list the group's requests", named('enter')),
	bind('breakdown', 'close', ['Esc'], 'back out of the last 1-4, or close', named('escape')),
];

export type CompareAction = 'close' | 'nextChange' | 'previousChange';

/** The diff of `D`; the payload viewer's keys work in it too. */
export const compareBindings: ReadonlyArray<KeyBinding<CompareAction>> = [
	bind('compare', 'close', ['Esc'], 'close the diff', named('escape')),
	bind('compare', 'nextChange', [']'], 'next difference', char(']')),
	bind('compare', 'previousChange', ['['], 'previous difference', char('[')),
];

export type RowFilterAction = 'apply' | 'cancel';

export const rowFilterBindings: ReadonlyArray<KeyBinding<RowFilterAction>> = [
	bind('rowFilter', 'apply', ['Enter'], 'filter the rows (empty: show all)', named('enter')),
	bind('rowFilter', 'cancel', ['Esc'], 'leave the filter as it was', named('escape')),
];

export type RerunAction = 'pick' | 'down' | 'up' | 'copy' | 'cancel';

export const rerunBindings: ReadonlyArray<KeyBinding<RerunAction>> = [
	bind('rerun', 'pick', ['1-3'], 'copy that form', char('1', '2', '3')),
	bind('rerun', 'down', ['j', '↓'], 'next form', either(char('j'), named('down'))),
	bind('rerun', 'up', ['k', '↑'], 'previous form', either(char('k'), named('up'))),
	bind('rerun', 'copy', ['Enter'], 'copy the command', named('enter')),
	bind('rerun', 'cancel', ['Esc'], 'close without copying', named('escape')),
];

export type HelpAction = 'closeHelp' | 'helpDown' | 'helpUp';

export const helpBindings: ReadonlyArray<KeyBinding<HelpAction>> = [
	bind('help', 'closeHelp', ['Esc', '?', 'q'], 'close the help', either(named('escape'), char('?', 'q'))),
	bind('help', 'helpDown', ['j', '↓'], 'scroll the help', either(char('j'), named('down'))),
	bind('help', 'helpUp', ['k', '↑'], 'scroll the help back', either(char('k'), named('up'))),
];

/** The whole table, in the order the help overlay lists it. */
export const keymap: readonly KeyBinding[] = [
	...globalBindings,
	...stripBindings,
	...filterBindings,
	...typingBindings,
	...choosingBindings,
	...listBindings,
	...detailBindings,
	...payloadBindings,
	...groupsBindings,
	...breakdownBindings,
	...compareBindings,
	...rowFilterBindings,
	...rerunBindings,
	...helpBindings,
];

/** The binding a key means among `bindings`, if any. */
export function bindingFor<A extends string>(bindings: ReadonlyArray<KeyBinding<A>>, key: Key): KeyBinding<A> | undefined {
	return bindings.find(binding => binding.matches(key));
}

/** Bindings of one pane, from the table. */
export function bindingsOf(pane: Pane): readonly KeyBinding[] {
	return keymap.filter(binding => binding.pane === pane);
}

/** Whether any binding of `panes` takes this key as an Alt key: none does, so ESC + key is always Esc, then the key. */
export function hasAltBinding(panes: readonly Pane[], key: Key): boolean {
	return key.alt && keymap.some(binding => panes.includes(binding.pane) && binding.matches(key));
}

export type HintOptions = {
	/** A text field or list has the keyboard: the global keys do not apply. Default false. */
	isTyping?: boolean;
	/** Leaves out bindings that do nothing now. Default: all are shown. */
	isUseful?: (binding: KeyBinding) => boolean;
};

/** `j/↓ move down` pieces for the status bar: the given panes' keys, then the global ones unless `isTyping`. */
export function keyHints(panes: readonly Pane[], options: HintOptions = {}): string[] {
	const shown = options.isTyping ? panes : [...panes, 'global' as const];
	const isUseful = options.isUseful ?? (() => true);
	return shown.flatMap(pane => bindingsOf(pane).filter(binding => isUseful(binding)).map(binding => `${binding.keys.join('/')} ${binding.help}`));
}
