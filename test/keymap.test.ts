import {describe, expect, it} from 'vitest';
import {keyOf} from '../source/input/keys.js';
import {bindingFor, globalBindings, hasAltBinding, keyHints, keymap, listBindings, payloadBindings} from '../source/keymap.js';

describe('keymap', () => {
	it('maps the documented keys to their actions', () => {
		expect(bindingFor(globalBindings, keyOf('q'))?.action).toBe('quit');
		expect(bindingFor(globalBindings, keyOf('ctrl-c'))?.action).toBe('quit');
		expect(bindingFor(globalBindings, keyOf('tab'))?.action).toBe('nextPane');
		expect(bindingFor(globalBindings, keyOf('shift-tab'))?.action).toBe('previousPane');
		expect(bindingFor(globalBindings, keyOf('E'))?.action).toBe('previousError');
		expect(bindingFor(globalBindings, keyOf('3'))?.action).toBe('statusError');
		expect(bindingFor(globalBindings, keyOf('backspace'))?.action).toBe('back');
		expect(bindingFor(listBindings, keyOf('j'))?.action).toBe('down');
		expect(bindingFor(listBindings, keyOf('down'))?.action).toBe('down');
		expect(bindingFor(listBindings, keyOf('ctrl-d'))?.action).toBe('pageDown');
		expect(bindingFor(listBindings, keyOf('G'))?.action).toBe('last');
		expect(bindingFor(listBindings, keyOf('ctrl-g'))).toBeUndefined();
		expect(bindingFor(listBindings, keyOf('alt-j'))).toBeUndefined();
	});

	it('has no two bindings of one pane on the same key', () => {
		const probes = [
			...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?-+=\'"&[]'.split(''),
			'enter', 'escape', 'tab', 'shift-tab', 'up', 'down', 'left', 'right', 'pageDown', 'pageUp', 'home', 'end', 'backspace', 'space', 'ctrl-d', 'ctrl-u',
		].map(spec => keyOf(spec));
		for (const key of probes) {
			const byPane = new Map<string, string[]>();
			for (const binding of keymap.filter(candidate => candidate.matches(key))) {
				byPane.set(binding.pane, [...(byPane.get(binding.pane) ?? []), binding.action]);
			}

			for (const [pane, actions] of byPane) {
				expect(actions, `${pane} ${JSON.stringify(key.sequence || key.text || key.name)}`).toHaveLength(1);
			}
		}
	});

	it('binds nothing to an Alt key, so ESC and a key read together are always Esc, then the key', () => {
		for (const spec of ['alt-q', 'alt-j', 'alt-escape', 'alt-up']) {
			expect(hasAltBinding(['global', 'list', 'detail', 'payload', 'filter', 'typing', 'groups', 'help'], keyOf(spec))).toBe(false);
		}
	});

	it('gives the payload viewer no key that the detail pane or the global table takes first', () => {
		const taken = new Set(['Tab', 'Shift-Tab', 'Esc', 'e', 'E', '1', '2', '3', '4', 'y', 'Y', 'o', 'O', 's', 'r', 'f', '?', 'q', 'x', 'u', 't', 'T', 'C', 'Backspace']);
		for (const binding of payloadBindings) {
			expect(binding.keys.filter(key => taken.has(key))).toEqual([]);
		}
	});

	it('gives every binding keys and a help phrase, and hints the active pane first', () => {
		for (const binding of keymap) {
			expect(binding.keys.length).toBeGreaterThan(0);
			expect(binding.help.length).toBeGreaterThan(0);
		}

		expect(keyHints(['list'])[0]).toBe('j/↓ move down');
		expect(keyHints(['list']).at(-1)).toBe('b breakdowns of the loaded rows by endpoint, runner, status, error type');
		expect(keyHints(['typing'], {isTyping: true})).toEqual(['Enter apply the filters', 'Esc undo typing, leave the field', 'Tab/↓ next field', 'Shift-Tab/↑ previous field']);
	});
});
