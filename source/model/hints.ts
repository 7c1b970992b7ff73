/**
 * The status bar's hints: the keys that would do something now, read off the
 * keymap, so they always say what a key does in this state. A key that would
 * only say why not (nothing selected, nothing to go back to) is left out: the
 * bar has room for few, and those few should each be worth a press.
 */
import {editingKeys, keyHints, type KeyBinding} from '../keymap.js';
import {helpLayoutIn, type Layout} from './layout.js';
import {compareTargets} from './compare.js';
import type {Model} from './model.js';
import {isNarrowed} from './narrow.js';
import {activePanes} from './status.js';

const quitHint = 'Ctrl-c quit';
const editingHints = editingKeys.map(entry => `${entry.keys.join('/')} ${entry.help}`);

/** Global keys that act on the query's rows: without a query they only ask for one. */
const queryActions = new Set(['statusAll', 'statusSuccess', 'statusError', 'statusUserError', 'nextError', 'previousError', 'failureGroups', 'toggleFollow', 'nextRange', 'previousRange', 'copyCommand']);

/** Whether pressing the binding's key now would do something. */
function isUseful(model: Model, layout: Layout, binding: KeyBinding): boolean {
	const {feed, groups, detail, overlay, listRows} = model;
	switch (binding.pane) {
		case 'global': {
			switch (binding.action) {
				case 'back': {
					return model.history.length > 0;
				}

				case 'copyId':
				case 'mark':
				case 'rerun': {
					return listRows.at(model.window.cursor) !== undefined;
				}

				case 'markedOnly':
				case 'nextMark':
				case 'previousMark': {
					return model.marks.size > 0;
				}

				case 'compare': {
					return compareTargets(model).ok;
				}

				case 'zoom': {
					return model.pane !== 'filter';
				}

				case 'reload': {
					return feed.query !== undefined || feed.error !== undefined;
				}

				case 'nextPane':
				case 'previousPane': {
					return !layout.isDetailFullScreen;
				}

				default: {
					return !queryActions.has(binding.action) || feed.query !== undefined;
				}
			}
		}

		case 'list': {
			switch (binding.action) {
				case 'clear': {
					return isNarrowed(model);
				}

				case 'open': {
					return listRows.at(model.window.cursor) !== undefined;
				}

				default: {
					return listRows.length > 1;
				}
			}
		}

		case 'detail': {
			return binding.action === 'back' || detail.viewer !== undefined;
		}

		case 'payload': {
			const viewer = model.pane === 'compare' ? model.compare?.viewer : detail.viewer;
			const isSearchStep = binding.action === 'nextMatch' || binding.action === 'previousMatch';
			return viewer !== undefined && (!isSearchStep || viewer.query !== undefined) && (binding.action !== 'parseString' || model.pane !== 'compare');
		}

		case 'compare': {
			return binding.action === 'close' || model.compare?.viewer !== undefined;
		}

		case 'groups': {
			switch (binding.action) {
				case 'close': {
					return true;
				}

				case 'open': {
					return groups.list.length > 0;
				}

				default: {
					return groups.list.length > 1;
				}
			}
		}

		case 'help': {
			const top = overlay.kind === 'help' ? overlay.top : 0;
			if (binding.action === 'helpDown') {
				return top < helpLayoutIn(layout).maxTop;
			}

			return binding.action !== 'helpUp' || top > 0;
		}

		default: {
			return true;
		}
	}
}

/** The `key does` pieces for the status bar, most relevant first. */
export function statusHints(model: Model, layout: Layout): string[] {
	const {overlay, detail, form} = model;
	const isUsefulNow = (binding: KeyBinding) => isUseful(model, layout, binding);
	if (overlay.kind === 'login') {
		return ['Enter check and store the key', 'Esc cancel', ...editingHints];
	}

	if (overlay.kind === 'help') {
		// The help has every key but Ctrl-c: q and ? close it, and the other global keys do nothing there.
		return [...keyHints(['help'], {isTyping: true, isUseful: isUsefulNow}), quitHint];
	}

	if (overlay.kind === 'rerun') {
		return overlay.inputText === undefined ? ['Esc cancel', quitHint] : [...keyHints(['rerun'], {isTyping: true}), quitHint];
	}

	if (model.isExportPending) {
		return ['j/Enter JSON lines', 'c CSV', 'any other key cancels'];
	}

	if (model.rowFilterPrompt !== undefined) {
		return [...keyHints(['rowFilter'], {isTyping: true}), ...editingHints, quitHint];
	}

	if (model.pane === 'detail') {
		switch (detail.save.step) {
			case 'choose': {
				return ['i input', 'o output (Enter)', 'r whole request', 'Esc cancel'];
			}

			case 'name': {
				return ['Enter save', 'Esc cancel', ...editingHints, quitHint];
			}

			case 'confirm': {
				return ['y replace the file', 'n or Esc type another name'];
			}

			default:
		}
	}

	const viewer = model.pane === 'detail' ? detail : model.pane === 'compare' ? model.compare : undefined;
	if (viewer?.search !== undefined) {
		return ['Enter search', 'Esc cancel', ...editingHints, quitHint];
	}

	if (viewer?.isDepthPending) {
		return ['1-9 fold to that depth', 'any other key cancels'];
	}

	if (model.pane === 'filter' && (form.edit !== undefined || form.choosing !== undefined)) {
		return [...keyHints(activePanes(model), {isTyping: true}), ...(form.edit === undefined ? [] : editingHints), quitHint];
	}

	return keyHints(activePanes(model), {isUseful: isUsefulNow});
}
