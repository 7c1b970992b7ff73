/**
 * The payload viewer's keys, for both places a JSON document is read: the
 * detail pane (one request's payload) and the diff of `D` (two). Moves,
 * folds, `z` depth, search and copying work the same in both.
 */
import type {Key} from '../input/keys.js';
import {editField, textField, type TextField} from '../input/text-field.js';
import type {DiffViewer} from '../json/diff-viewer.js';
import {JsonViewer} from '../json/viewer.js';
import {bindingFor, payloadBindings, type PayloadAction} from '../keymap.js';
import {sanitise} from '../terminal/sanitise.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export type ViewerPlace = 'detail' | 'compare';

type ViewerState = {
	viewer: JsonViewer | DiffViewer | undefined;
	/** Goes up on every change of the viewer, which is changed in place. */
	version: number;
	search: TextField | undefined;
	isDepthPending: boolean;
};

type ViewerPatch = Partial<Omit<ViewerState, 'viewer'>>;

function stateOf(model: Model, place: ViewerPlace): ViewerState | undefined {
	return place === 'detail' ? model.detail : model.compare;
}

function withState(model: Model, place: ViewerPlace, patch: ViewerPatch): Model {
	if (place === 'detail') {
		return {...model, detail: {...model.detail, ...patch}};
	}

	return model.compare === undefined ? model : {...model, compare: {...model.compare, ...patch}};
}

/** The viewer changed in place: its version goes up so that it is drawn again; a message it gave is said. */
export function changedViewer(model: Model, place: ViewerPlace, message?: string): Model {
	const changed = withState(model, place, {version: (stateOf(model, place)?.version ?? 0) + 1});
	return message === undefined || message === '' ? changed : {...changed, notice: message};
}

/** The text `c` copies: in the diff, the value of the side the cursor is on. */
function copyValue(model: Model, viewer: JsonViewer | DiffViewer): Step {
	const what = `the value of ${sanitise(viewer.path())}`;
	if (viewer instanceof JsonViewer) {
		return step(model, {type: 'copy', text: viewer.valueText(), what});
	}

	// The right side's value, as the path is the right side's; the left one's where the right has none (removed).
	const right = viewer.valueText('right');
	const text = right ?? viewer.valueText('left');
	return text === undefined ? step(model) : step(model, {type: 'copy', text, what: `${what} (${right === undefined ? 'left' : 'right'})`});
}

function viewerAction(model: Model, place: ViewerPlace, viewer: JsonViewer | DiffViewer, action: PayloadAction): Step {
	switch (action) {
		case 'down':
		case 'up': {
			viewer.moveBy(action === 'down' ? 1 : -1);
			break;
		}

		case 'pageDown':
		case 'pageUp': {
			viewer.page(action === 'pageDown' ? 1 : -1);
			break;
		}

		case 'halfPageDown':
		case 'halfPageUp': {
			viewer.page(action === 'halfPageDown' ? 1 : -1, 0.5);
			break;
		}

		case 'first': {
			viewer.first();
			break;
		}

		case 'last': {
			viewer.last();
			break;
		}

		case 'toggle': {
			viewer.toggle();
			break;
		}

		case 'collapse': {
			viewer.collapse();
			break;
		}

		case 'expand': {
			viewer.expand();
			break;
		}

		case 'collapseAll':
		case 'expandAll': {
			return step(changedViewer(model, place, viewer.foldToDepth(action === 'collapseAll' ? 0 : Number.POSITIVE_INFINITY)));
		}

		case 'foldDepth': {
			return step({...withState(model, place, {isDepthPending: true}), notice: 'fold to depth: press 1-9'});
		}

		case 'parseString': {
			return viewer instanceof JsonViewer
				? step(changedViewer(model, place, viewer.toggleParsed()))
				: step({...model, notice: 'J works in the payload viewer; the diff compares the strings as they are.'});
		}

		case 'search': {
			return step(withState(model, place, {search: textField()}));
		}

		case 'nextMatch':
		case 'previousMatch': {
			return step(changedViewer(model, place, viewer.nextMatch(action === 'nextMatch' ? 1 : -1)));
		}

		case 'copyValue': {
			return copyValue(model, viewer);
		}

		case 'copyPath': {
			const path = viewer.path();
			return step(model, {type: 'copy', text: path, what: `the path ${sanitise(path)}`});
		}
	}

	return step(changedViewer(model, place));
}

/** A payload viewer key; undefined when the key is not one of its keys or there is nothing to view. */
export function onViewerKey(model: Model, place: ViewerPlace, key: Key): Step | undefined {
	const viewer = stateOf(model, place)?.viewer;
	const binding = bindingFor(payloadBindings, key);
	return viewer === undefined || binding === undefined ? undefined : viewerAction(model, place, viewer, binding.action);
}

function onSearchKey(model: Model, place: ViewerPlace, key: Key): Step {
	const {search, viewer} = stateOf(model, place) ?? {};
	if (search === undefined || viewer === undefined) {
		return step(model);
	}

	if (key.name === 'escape') {
		return step(withState(model, place, {search: undefined}));
	}

	if (key.name === 'enter') {
		const searched = withState(model, place, {search: undefined});
		return step(search.value === '' ? searched : changedViewer(searched, place, viewer.find(search.value)));
	}

	const {field} = editField(search, key);
	return step(field === search ? model : withState(model, place, {search: field}));
}

function onDepthKey(model: Model, place: ViewerPlace, key: Key): Step {
	const viewer = stateOf(model, place)?.viewer;
	const depth = key.name === 'char' && !key.ctrl && /^[1-9]$/.test(key.text) ? Number(key.text) : undefined;
	const done = withState(model, place, {isDepthPending: false});
	if (viewer === undefined || depth === undefined) {
		return step({...done, notice: 'fold to depth cancelled'});
	}

	return step(changedViewer(done, place, viewer.foldToDepth(depth)));
}

/** Whether the viewer's search prompt or `z` has every key. */
export function isViewerCapturing(model: Model, place: ViewerPlace): boolean {
	const state = stateOf(model, place);
	return state !== undefined && (state.search !== undefined || state.isDepthPending);
}

/** A key while the viewer's search prompt or `z` has the keyboard. */
export function onViewerPrompt(model: Model, place: ViewerPlace, key: Key): Step {
	return stateOf(model, place)?.search === undefined ? onDepthKey(model, place, key) : onSearchKey(model, place, key);
}
