import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {bindingFor, globalBindings, isClaimedBy, keyHints, keymap, listBindings} from '../source/keymap.js';

const none: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({...none, ...flags});

describe('keymap', () => {
	it('maps the documented keys to their actions', () => {
		expect(bindingFor(globalBindings, 'q', none)?.action).toBe('quit');
		expect(bindingFor(globalBindings, 'c', key({ctrl: true}))?.action).toBe('quit');
		expect(bindingFor(globalBindings, '', key({tab: true}))?.action).toBe('nextPane');
		expect(bindingFor(globalBindings, '', key({tab: true, shift: true}))?.action).toBe('previousPane');
		expect(bindingFor(globalBindings, 'E', key({shift: true}))?.action).toBe('previousError');
		expect(bindingFor(globalBindings, '3', none)?.action).toBe('statusError');
		expect(bindingFor(listBindings, 'j', none)?.action).toBe('down');
		expect(bindingFor(listBindings, '', key({downArrow: true}))?.action).toBe('down');
		expect(bindingFor(listBindings, 'd', key({ctrl: true}))?.action).toBe('pageDown');
		expect(bindingFor(listBindings, 'G', key({shift: true}))?.action).toBe('last');
		expect(bindingFor(listBindings, 'g', key({ctrl: true}))).toBeUndefined();
	});

	it('has no two bindings of one pane on the same key', () => {
		const probes: Array<[string, Key]> = [
			...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?'.split('').map(char => [char, none] as [string, Key]),
			['', key({return: true})], ['', key({escape: true})], ['', key({tab: true})], ['', key({upArrow: true})],
			['', key({downArrow: true})], ['', key({pageDown: true})], ['', key({pageUp: true})], ['d', key({ctrl: true})], ['u', key({ctrl: true})],
		];
		for (const [input, flags] of probes) {
			const byPane = new Map<string, string[]>();
			for (const binding of keymap.filter(candidate => candidate.matches(input, flags))) {
				byPane.set(binding.pane, [...(byPane.get(binding.pane) ?? []), binding.action]);
			}

			for (const [pane, actions] of byPane) {
				expect(actions, `${pane} ${JSON.stringify(input)}`).toHaveLength(1);
			}
		}
	});

	it('lets a pane claim a key before the global router', () => {
		expect(isClaimedBy(['list'], 'j', none)).toBe(true);
		expect(isClaimedBy(['list'], 'q', none)).toBe(false);
		expect(isClaimedBy(['detail', 'payload'], '', key({escape: true}))).toBe(true);
	});

	it('gives every binding keys and a help phrase, and hints the active pane first', () => {
		for (const binding of keymap) {
			expect(binding.keys.length).toBeGreaterThan(0);
			expect(binding.help.length).toBeGreaterThan(0);
		}

		expect(keyHints(['list'])[0]).toBe('j/↓ move down');
		expect(keyHints(['list']).at(-1)).toBe('r retry after an error / reload from the top');
	});
});
