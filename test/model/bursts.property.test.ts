/**
 * Random keys over every pane, handled one message at a time and as one
 * burst (decoded from one write, cut into random reads), give the same model,
 * with effects answered as they would be by a world that answers at once.
 */
import fc from 'fast-check';
import {expect, test} from 'vitest';
import type {Query, RequestPage} from '../../source/api/types.js';
import {createKeyDecoder} from '../../source/input/keys.js';
import type {Effect, Msg} from '../../source/model/messages.js';
import type {Model} from '../../source/model/model.js';
import {update} from '../../source/model/update.js';
import {createProgram, type Program} from '../../source/runtime/program.js';
import {fakeClient} from '../views/fake-client.js';
import {explorer, now} from './harness.js';

/** The page the fake history has for a query, at once. */
function pageFor(query: Query): RequestPage {
	const answers: RequestPage[] = [];
	fakeClient({
		total: 300,
		intercept(_call, answer) {
			answers.push(answer());
			return undefined;
		},
	}).listRequests(query);
	return answers[0]!;
}

/** Answers every effect at once, as a fast and healthy world would. */
function answer(effect: Effect, dispatch: (msg: Msg) => void): void {
	switch (effect.type) {
		case 'fetchPage': {
			const query = effect.cursor === undefined ? effect.query : {...effect.query, cursor: effect.cursor};
			dispatch({type: 'pageLoaded', generation: effect.generation, cursor: effect.cursor, page: pageFor(query)});
			break;
		}

		case 'selectPayload': {
			if (effect.item !== undefined) {
				dispatch({type: 'payloadLoaded', requestId: effect.item.request_id, payload: {input: {prompt: effect.item.request_id, list: [1, 2, {deep: [3]}]}, output: {images: []}}});
			}

			break;
		}

		case 'save': {
			dispatch({type: 'saved', part: effect.part, name: effect.name, result: {ok: true, path: `/tmp/${effect.name}`}});
			break;
		}

		case 'copy': {
			dispatch({type: 'copied', what: effect.what, result: {method: 'osc52', detail: 'OSC 52'}});
			break;
		}

		case 'handOver': {
			dispatch({type: 'handedBack', command: effect.command, result: {ok: true}});
			break;
		}

		case 'login': {
			dispatch({type: 'loginChecked', refusal: undefined});
			break;
		}

		case 'send': {
			dispatch(effect.msg);
			break;
		}

		case 'fetchFailures': {
			dispatch({type: 'failuresPage', fetch: effect.fetch, page: pageFor({...effect.fetch.query, cursor: undefined})});
			dispatch({type: 'failuresDone', fetch: effect.fetch});
			break;
		}

		default:
	}
}

function program(size: {columns: number; rows: number}): Program {
	const started = explorer({columns: size.columns, lines: size.rows});
	const created: Program = createProgram({
		start: started,
		update,
		run(effect) {
			answer(effect, msg => {
				created.dispatch(msg);
			});
		},
		draw() {},
		now: () => now,
	});
	created.start();
	return created;
}

/** What a user could tell apart: everything but object identities. */
function snapshot(model: Model): unknown {
	const {viewer} = model.detail;
	return {
		...model,
		feed: {...model.feed, rows: model.feed.rows.slice().map(row => row.request_id), cursors: [...model.feed.cursors]},
		listRows: model.listRows.slice().map(row => row.request_id),
		history: model.history.map(view => ({...view, feed: view.feed.rows.length, groups: view.groups.key})),
		groups: {...model.groups, outputs: [...model.groups.outputs.keys()], failed: model.groups.failed.length, failedOf: undefined, fetching: model.groups.fetching?.ids},
		detail: {...model.detail, viewer: viewer === undefined ? undefined : {cursor: viewer.cursor, top: viewer.top, query: viewer.query, lines: viewer.window().map(line => line.segments.map(segment => segment.text).join(''))}},
	};
}

const keys = fc.constantFrom(
	'j', 'k', 'G', 'g', 'e', 'E', 'u', 'x', 'f', 'y', 'Y', 'r', 's', 'i', 'o', 'O', 'c', 'p', 'n', 'N', 'z', '3', '1', '-', '+', 'J', 'h', 'l', '?', '/', 'a', '6', 'h', '.',
	'\r', '\u001B', '\t', '\u001B[Z', '\u007F', '\u0015', '\u0017', '\u0004', '\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u001B[6~', '\u001B[5~',
	'\u001B[200~pasted,acme/x\r\u001B[201~', '\u001Bq',
);

test('keys handled one at a time and in one burst give the same model', () => {
	fc.assert(
		fc.property(
			// Esc then [ or O read together is the start of an escape sequence (ESC O j is the keypad's *) on any
			// terminal: typed that fast, no program can tell them apart, so such scripts are not generated.
			fc.array(keys, {minLength: 1, maxLength: 40}).filter(typed => !typed.some((each, index) => each === '\u001B' && /^[O[]/.test(typed[index + 1] ?? ''))),
			fc.array(fc.nat(), {maxLength: 6}),
			fc.constantFrom({columns: 80, rows: 24}, {columns: 120, rows: 40}),
			(typed, cuts, size) => {
				const bytes = typed.join('');
				const paced = program(size);
				const decoder = createKeyDecoder();
				for (const each of typed) {
					for (const key of [...decoder.feed(each), ...decoder.flush()]) {
						paced.dispatch({type: 'key', key});
					}
				}

				const burst = program(size);
				const reads = [...new Set(cuts.map(cut => cut % (bytes.length + 1)))].sort((a, b) => a - b);
				const burstDecoder = createKeyDecoder();
				const decoded = [];
				let from = 0;
				for (const to of [...reads, bytes.length]) {
					decoded.push(...burstDecoder.feed(bytes.slice(from, to)));
					from = to;
				}

				decoded.push(...burstDecoder.flush());
				burst.dispatch(...decoded.map(key => ({type: 'key', key}) as const));
				expect(snapshot(burst.model)).toEqual(snapshot(paced.model));
			},
		),
		{numRuns: 300},
	);
});
