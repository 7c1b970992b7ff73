/** Keys of the failure groups view: the table its input hook and the help overlay both read. */
import type {KeyBinding} from '../../keymap-types.js';
import type {GroupsMove} from '../../triage/groups-cursor.js';

export type GroupsAction = GroupsMove | 'open' | 'close';

export const groupsViewBindings: Array<KeyBinding<GroupsAction>> = [
	{action: 'down', pane: 'groups', keys: ['j', '↓'], help: 'next group', matches: (input, key) => key.downArrow || (input === 'j' && !key.ctrl)},
	{action: 'up', pane: 'groups', keys: ['k', '↑'], help: 'previous group', matches: (input, key) => key.upArrow || (input === 'k' && !key.ctrl)},
	{action: 'pageDown', pane: 'groups', keys: ['PgDn', 'Ctrl-d'], help: 'page down', matches: (input, key) => key.pageDown || (key.ctrl && input === 'd')},
	{action: 'pageUp', pane: 'groups', keys: ['PgUp', 'Ctrl-u'], help: 'page up', matches: (input, key) => key.pageUp || (key.ctrl && input === 'u')},
	{action: 'first', pane: 'groups', keys: ['g', 'Home'], help: 'first group', matches: (input, key) => key.home || (input === 'g' && !key.ctrl)},
	{action: 'last', pane: 'groups', keys: ['G', 'End'], help: 'last group', matches: (input, key) => key.end || (input === 'G' && !key.ctrl)},
	{action: 'open', pane: 'groups', keys: ['Enter'], help: "show the group's requests", matches: (_input, key) => key.return},
	{action: 'close', pane: 'groups', keys: ['Esc'], help: 'close the groups', matches: (_input, key) => key.escape},
];
