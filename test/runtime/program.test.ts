import {describe, expect, it} from 'vitest';
import type {Effect, Msg} from '../../source/model/messages.js';
import type {Model} from '../../source/model/model.js';
import {update} from '../../source/model/update.js';
import {createProgram} from '../../source/runtime/program.js';
import {fakeRow} from '../views/fake-client.js';
import {explorer, keysOf, now} from '../model/harness.js';

function program(answer: (effect: Effect, dispatch: (msg: Msg) => void) => void = () => undefined) {
	const drawn: Model[] = [];
	const created = createProgram({
		start: explorer({columns: 120, lines: 40}),
		update,
		run(effect) {
			const dispatch = (msg: Msg): void => {
				created.dispatch(msg);
			};

			// A message an effect sends is the runner's own business (source/runtime/effects.ts), as here.
			if (effect.type === 'send') {
				dispatch(effect.msg);
			} else {
				answer(effect, dispatch);
			}
		},
		draw(model) {
			drawn.push(model);
		},
		now: () => now,
	});
	created.start();
	return {program: created, drawn};
}

describe('the loop', () => {
	it('draws once for a burst of keys handled together', () => {
		const {program: loop, drawn} = program();
		loop.dispatch(...keysOf('jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj'));
		expect(drawn).toHaveLength(1);
		expect(drawn[0]!.window.cursor).toBe(30);
	});

	it('draws nothing for a message that changes nothing', () => {
		const {program: loop, drawn} = program();
		loop.dispatch({type: 'pageLoaded', generation: 99, cursor: undefined, page: {items: [], next_cursor: null, has_more: false}});
		loop.dispatch(...keysOf('k'));
		expect(drawn).toHaveLength(0);
	});

	it('handles an effect\'s immediate answer before the next key waiting, as if the keys came one by one', () => {
		// A payload in the cache answers at once: Y then finds it, in the same burst as the j that selected its row.
		const copies: string[] = [];
		const {program: loop} = program((effect, dispatch) => {
			if (effect.type === 'selectPayload' && effect.item !== undefined) {
				dispatch({type: 'payloadLoaded', requestId: effect.item.request_id, payload: {input: {row: effect.item.request_id}}});
			} else if (effect.type === 'copy') {
				copies.push(effect.text);
			}
		});
		loop.dispatch(...keysOf('j\tY'));
		expect(copies).toEqual([JSON.stringify({input: {row: fakeRow(1).request_id}}, null, 2)]);
		expect(loop.model.notice).toBeUndefined();
	});

	it('replays keys held while a file was written one by one, each after what the one before set off', () => {
		const copies: string[] = [];
		const {program: loop} = program((effect, dispatch) => {
			if (effect.type === 'selectPayload' && effect.item !== undefined) {
				dispatch({type: 'payloadLoaded', requestId: effect.item.request_id, payload: {input: {row: effect.item.request_id}, output: {}}});
			} else if (effect.type === 'copy') {
				copies.push(effect.text);
			}
		});
		// Saving the output: the keys after the name's Enter wait, then go back to the list, down a row, into its payload, and copy it.
		loop.dispatch(...keysOf('\ts\r\r\u001Bj\tY'));
		expect(loop.model.detail.isSaving).toBe(true);
		expect(loop.model.held.map(key => key.name)).toEqual(['escape', 'char', 'tab', 'char']);
		loop.dispatch({type: 'saved', part: 'output', name: 'x.json', result: {ok: true, path: '/tmp/x.json'}});
		expect(loop.model.held).toHaveLength(0);
		expect(copies).toEqual([JSON.stringify({input: {row: fakeRow(1).request_id}, output: {}}, null, 2)]);
	});
});
