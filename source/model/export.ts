/**
 * `w`: the rows the list shows (narrowed or not) written to a new file, as
 * JSON lines in the API's own text or as CSV. The next key after `w` picks
 * the format, as `z` then a digit folds the payload.
 */
import type {Key} from '../input/keys.js';
import {countOf} from '../format/count.js';
import {sanitise} from '../terminal/sanitise.js';
import type {SaveResult} from '../terminal/save.js';
import {exportFormatNames, exportName, type ExportFormat} from '../triage/export.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export function askExport(model: Model): Step {
	// Another write would abort this one (one task of a name at a time), leaving the user a half-written file and no word of it.
	if (model.isExporting) {
		return step({...model, notice: 'A file is still being written: w again once it is done.'});
	}

	const count = model.listRows.length;
	if (count === 0) {
		return step({...model, notice: 'No rows are shown to write.'});
	}

	return step({...model, isExportPending: true, notice: `Write the ${countOf(count, 'request')} shown as: j JSON lines (Enter), c CSV; any other key cancels.`});
}

export function onExportKey(model: Model, key: Key): Step {
	const pressed = key.name === 'enter' ? 'j' : key.name === 'char' && !key.ctrl ? key.text : undefined;
	const format: ExportFormat | undefined = pressed === 'j' ? 'jsonl' : pressed === 'c' ? 'csv' : undefined;
	const query = model.feed.query;
	if (format === undefined || query === undefined) {
		return step({...model, isExportPending: false, notice: 'Nothing written.'});
	}

	const items = model.listRows.slice();
	const name = exportName(format, new Date(model.clock));
	return step(
		{...model, isExportPending: false, isExporting: true, notice: `Writing ${countOf(items.length, 'request')} as ${exportFormatNames[format]}: fetching them again as the API sent them…`},
		{type: 'export', format, query, items, name},
	);
}

export function onExported(model: Model, format: ExportFormat, count: number, exact: number, result: SaveResult): Step {
	if (!result.ok) {
		return step({...model, isExporting: false, notice: sanitise(result.message)});
	}

	const how = format === 'csv' ? '' : exact === count ? ', each as the API sent it' : `; ${countOf(count - exact, 'row')} not found again in the window, written from its values`;
	return step({...model, isExporting: false, notice: sanitise(`Wrote ${countOf(count, 'request')} to ${result.path} as ${exportFormatNames[format]}${how}.`)});
}
