/**
 * Where everything goes, from the model alone: the update function needs it
 * (a page move is a screenful of rows, a text field scrolls within its box)
 * and the views draw to it. The frame is one line shorter than the terminal
 * and no line wraps: on Ink 6 a frame as tall as the terminal clears the
 * screen on every render.
 */
import type {TextFormField} from '../state/filter-form.js';
import {fieldLines} from '../views/detail-pane/field-lines.js';
import {wrapWhole} from '../views/flow.js';
import {wrapWords} from '../views/wrap-words.js';
import {editingKeys, keymap, type Pane} from '../keymap.js';
import type {MainPane, Model} from './model.js';
import {isNarrowed} from './narrow.js';
import {statusMessage, type StatusMessage} from './status.js';

/** From this width the detail pane sits beside the list. */
export const wideColumns = 100;
/** The filter pane's title column. */
export const filterTitleWidth = 10;
/** The fields in three lines, then the window they come to. */
const filterFieldLines = 4;
/** Lines the open status list takes. */
export const statusListHeight = 4;
const maxProblemLines = 2;
const maxMessageLines = 2;
/** Lines the summary strip takes, and the request rows the list keeps at least before the strip gets room. */
export const stripLines = 2;
const minListRows = 6;
/** The login prompt's label before the masked key. */
export const loginLabel = 'Key: ';

/** The save prompt's label before the file name. */
export function saveLabel(part: string): string {
	return `Save the ${part} as `;
}

export const filterLabels: Record<TextFormField | 'status' | 'sortBy' | 'billing', string> = {
	endpoints: 'endpoint',
	start: 'start',
	end: 'end',
	status: 'status',
	requestId: 'request id',
	sortBy: 'sort',
	billing: 'billing',
};

export type Layout = {
	columns: number;
	frameHeight: number;
	isWide: boolean;
	/** What the main area shows: a view of its own, or the list and the request. */
	mainView: MainView;
	/** The pane `Z` gave the whole screen, if any. */
	zoomed: MainPane | undefined;
	isFilterShown: boolean;
	isListShown: boolean;
	isDetailShown: boolean;
	/** Below 100 columns an open request takes the screen; so does a zoomed one. */
	isDetailFullScreen: boolean;
	/** Lines of the `&` prompt and its problem, above the status bar. */
	promptHeight: number;
	message: StatusMessage;
	statusHeight: number;
	filterHeight: number;
	stripHeight: number;
	/** Lines for the list and the detail pane (or the groups view). */
	mainHeight: number;
	listWidth: number;
	detailWidth: number;
	/** Request rows the list shows at once. */
	visibleRows: number;
	/** The payload viewer's box: one column of it is the cursor gutter. */
	payloadWidth: number;
	payloadHeight: number;
};

/** The filter pane's problems, word-wrapped beside its title column. */
export function problemLines(problems: ReadonlyArray<{message: string}>, width: number): string[] {
	return problems.flatMap(problem => wrapWords(`✗ ${problem.message}`, Math.max(10, width - filterTitleWidth), maxProblemLines));
}

/** The status message's lines: up to two, so an error reads whole. */
export function messageLines(message: StatusMessage, width: number): string[] {
	return wrapWords(message.text, width, maxMessageLines);
}

/** Request rows the list shows once its title, its note (a group) and its column header are drawn. */
export function listRowsFor(height: number, hasNote: boolean): number {
	return Math.max(1, height - (hasNote ? 3 : 2));
}

/** Widths of the filter pane's three columns on the lines below the endpoint. */
export function filterColumns(width: number): [number, number, number] {
	const third = Math.floor((width - filterTitleWidth) / 3);
	return [third, third, width - filterTitleWidth - (2 * third)];
}

/** The width a text field's value gets in the filter pane: its box less its label. */
export function filterValueWidth(field: TextFormField, width: number): number {
	const [first, second, third] = filterColumns(width);
	const box = {endpoints: width - filterTitleWidth, start: first, end: second, requestId: third}[field];
	return Math.max(1, box - filterLabels[field].length - 2);
}

/** The `&` prompt's problem, word-wrapped under it. */
export function promptProblemLines(problem: string | undefined, width: number): string[] {
	return problem === undefined ? [] : wrapWords(`✗ ${problem}`, width, maxProblemLines);
}

/** The label before the `&` prompt's field. */
export const rowFilterLabel = '& ';

export type MainView = 'groups' | 'breakdown' | 'compare' | 'panes';

function mainViewOf(model: Model): MainView {
	if (model.groups.isOpen) {
		return 'groups';
	}

	if (model.compare !== undefined && model.pane === 'compare') {
		return 'compare';
	}

	return model.breakdown === undefined ? 'panes' : 'breakdown';
}

export function layoutOf(model: Model): Layout {
	const {columns, rows} = model.size;
	const frameHeight = Math.max(4, rows - 1);
	const isWide = columns >= wideColumns;
	const mainView = mainViewOf(model);
	// Z: the focused pane alone, as tmux zooms a pane; the filter pane is never zoomed.
	const zoomed = model.isZoomed && model.pane !== 'filter' ? model.pane : undefined;
	const isOwnView = mainView !== 'panes';
	const isDetailShown = !isOwnView && zoomed !== 'list' && (isWide || model.isDetailOpen || zoomed === 'detail');
	const isDetailFullScreen = isDetailShown && (zoomed === 'detail' || (!isWide && model.isDetailOpen));
	const isListShown = !isOwnView && !isDetailFullScreen;
	const message = statusMessage(model);
	const statusHeight = Math.max(1, messageLines(message, columns).length) + 1;
	const {form, rowFilterPrompt} = model;
	const isFilterShown = !isDetailFullScreen && zoomed === undefined;
	const filterHeight = isFilterShown ? filterFieldLines + (form.choosing === undefined ? 0 : statusListHeight) + problemLines(form.problems, columns).length : 0;
	const promptHeight = rowFilterPrompt === undefined ? 0 : 1 + promptProblemLines(rowFilterPrompt.problem, columns).length;
	const belowFilters = Math.max(3, frameHeight - statusHeight - filterHeight - promptHeight);
	const stripHeight = !isFilterShown || model.feed.query === undefined || belowFilters - stripLines - 2 < minListRows ? 0 : stripLines;
	const mainHeight = belowFilters - stripHeight;
	const isSideBySide = isListShown && isDetailShown;
	const listWidth = isSideBySide ? Math.floor(columns * 0.55) : columns;
	const detailWidth = isSideBySide ? columns - listWidth - 1 : columns;
	const {save, search} = model.detail;
	// The detail pane's fields take as many lines as their values need whole; without a request, one blank line.
	const shown = isDetailShown ? model.listRows.at(model.window.cursor) : undefined;
	const fieldsHeight = shown === undefined ? 1 : fieldLines(shown, {isUtc: model.isUtc, isBillingShown: model.form.applied.billing}, detailWidth).length;
	const payloadHeight = Math.max(1, mainHeight - 2 - fieldsHeight - (save.step === 'closed' ? 0 : 1) - (search === undefined ? 0 : 1));
	return {
		columns,
		frameHeight,
		isWide,
		zoomed,
		mainView,
		isFilterShown,
		isListShown,
		isDetailShown,
		isDetailFullScreen,
		promptHeight,
		message,
		statusHeight,
		filterHeight,
		stripHeight,
		mainHeight,
		listWidth,
		detailWidth,
		visibleRows: listRowsFor(mainHeight, isNarrowed(model)),
		payloadWidth: Math.max(1, detailWidth - 1),
		payloadHeight,
	};
}

export type HelpLine = {text: string; isHeading: boolean};

const paneNames: Record<Pane, string> = {
	global: 'Everywhere',
	strip: 'A time bar picked ([ ])',
	filter: 'Filters',
	typing: 'Typing in a filter field',
	choosing: 'Choosing a status',
	list: 'Request list',
	detail: 'Request detail',
	payload: 'Payload',
	groups: 'Groups',
	compare: 'Diff (D), and the payload keys',
	breakdown: 'Breakdowns (b)',
	rowFilter: 'Row filter (&)',
	rerun: 'Re-run command (R)',
	help: 'This help',
};

/** The keys' column of a help line; keys and what they do each wrap within their own column. */
const helpKeyWidth = 14;

/** Every binding in the keymap, grouped by pane, the line editor's keys under typing, on lines of `width` columns. */
export function helpLines(width: number): HelpLine[] {
	const panes = [...new Set(keymap.map(binding => binding.pane))];
	const entry = (keys: readonly string[], help: string): HelpLine[] => {
		const keyLines = wrapWhole(keys.join(' '), helpKeyWidth);
		const helpText = wrapWhole(help, width - helpKeyWidth - 3);
		return Array.from({length: Math.max(keyLines.length, helpText.length)}, (_, index) => ({
			text: `  ${(keyLines[index] ?? '').padEnd(helpKeyWidth)} ${helpText[index] ?? ''}`.trimEnd(),
			isHeading: false,
		}));
	};

	return panes.flatMap(pane => [
		{text: paneNames[pane], isHeading: true},
		...keymap.filter(binding => binding.pane === pane).flatMap(binding => entry(binding.keys, binding.help)),
		...(pane === 'typing' ? editingKeys.flatMap(each => entry(each.keys, each.help)) : []),
	]);
}

const helpColumnWidth = 56;

export type HelpLayout = {
	/** Every help line, wrapped within `columnWidth` (less a gutter when there are several columns). */
	lines: HelpLine[];
	columnWidth: number;
	/** Columns side by side, each `bodyHeight` lines, below the title. */
	count: number;
	bodyHeight: number;
	/** The largest scroll offset that still shows something new: the last line is then on screen. */
	maxTop: number;
};

/** The help in a box of `width` x `height`: as many columns as fit, each line wrapped within its column. */
export function helpLayout(width: number, height: number): HelpLayout {
	const bodyHeight = Math.max(1, height - 1);
	const fitting = Math.max(1, Math.floor(width / helpColumnWidth));
	const columnWidth = Math.floor(width / fitting);
	// Two columns stay blank at a column's right, so that a full line does not run into the next column's.
	const lines = helpLines(fitting === 1 ? columnWidth : columnWidth - 2);
	const count = Math.min(fitting, Math.ceil(lines.length / bodyHeight));
	return {lines, columnWidth, count, bodyHeight, maxTop: Math.max(0, lines.length - (bodyHeight * count))};
}

/** The help in the room the screen gives it: the frame less the status bar. */
export function helpLayoutIn(layout: Layout): HelpLayout {
	return helpLayout(layout.columns, layout.frameHeight - layout.statusHeight);
}
