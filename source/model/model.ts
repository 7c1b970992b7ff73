/**
 * The explorer's one model: everything the screen shows and every key acts
 * on. It changes only in update.ts, one message at a time; the views draw
 * it and nothing else.
 */
import type {RetryInfo} from '../api/client.js';
import type {Filters, Query, RequestItem, RequestPage} from '../api/types.js';
import type {Key} from '../input/keys.js';
import type {TextField} from '../input/text-field.js';
import type {DiffViewer} from '../json/diff-viewer.js';
import type {JsonViewer} from '../json/viewer.js';
import {initialFeed, type FeedState} from '../state/feed.js';
import type {FailureFetch} from '../state/failure-outputs.js';
import {startingForm, type FormState, type FormValues, type Validation} from '../state/filter-form.js';
import {initialWindow, type ListWindow} from '../state/list-window.js';
import type {PayloadStatus} from '../state/payload-loader.js';
import type {Payload} from '../state/payload-cache.js';
import type {Rows} from '../state/row-list.js';
import {queryWindow, type TimeWindow} from '../triage/buckets.js';
import type {FailureGroup} from '../triage/fingerprint.js';
import {followOff, type FollowState} from '../triage/follow.js';
import {groupsCursorStart, type GroupsCursor} from '../triage/groups-cursor.js';
import type {RowFilter} from '../triage/row-filter.js';
import type {Narrowing} from '../triage/breakdown.js';
import type {BreakdownState} from '../triage/breakdown-state.js';
import type {SavePart} from '../views/detail-pane/save-flow.js';

export type MainPane = 'filter' | 'list' | 'detail' | 'groups' | 'compare' | 'breakdown';

export type Overlay =
	| {kind: 'none'}
	| {kind: 'help'; top: number}
	/** After a 401: a masked field for a new key. */
	| {kind: 'login'; field: TextField; problem: string | undefined; isChecking: boolean}
	/** `R`: the forms of a re-run command to choose from; `inputText` is undefined while the payload is fetched. */
	| {kind: 'rerun'; item: RequestItem; choice: number; inputText: string | undefined};

/**
 * The steps of `s`: choose what to save, name the file, confirm an overwrite.
 * What the flow says (`note`) lives in it, so that leaving the flow, in
 * whatever way, takes its words off the screen too.
 */
export type SaveFlow =
	| {step: 'closed'}
	| {step: 'choose'}
	/** `note`: why a name is asked for again (an overwrite refused, a write that failed). */
	| {step: 'name'; part: SavePart; field: TextField; note?: string}
	| {step: 'confirm'; part: SavePart; name: string; path: string};

export type DetailState = {
	/**
	 * The viewer of the payload shown. Its folds live in lazily made nodes,
	 * and copying them on every key would cost as much as the document, so
	 * update changes this one viewer in place and counts the changes in
	 * `version`, which the views redraw on.
	 */
	viewer: JsonViewer | undefined;
	/** Which request the viewer shows. */
	viewerFor: string | undefined;
	version: number;
	/** The viewer's search prompt, while open. */
	search: TextField | undefined;
	/** `z` was pressed: the next key is a depth 1-9, anything else cancels. */
	isDepthPending: boolean;
	save: SaveFlow;
	/** A file is being written: keys wait for it (`held`). */
	isSaving: boolean;
};

export type GroupsState = {
	isOpen: boolean;
	cursor: GroupsCursor;
	/** The list shows only this group's rows (Enter in the groups view; Esc clears). */
	key: string | undefined;
	/** Request id -> json_output of the failed rows read so far, for the current query. */
	outputs: ReadonlyMap<string, unknown>;
	/** The loaded failed rows, worked out again when the rows change while groups are needed. */
	failed: readonly RequestItem[];
	/** The rows `failed` was worked out from. */
	failedOf: Rows | undefined;
	/** Failure groups of the failed rows whose outputs are known, largest first. */
	list: readonly FailureGroup[];
	/** Failed rows whose outputs are known. */
	examined: number;
	/** Pages of outputs this opening may still fetch. */
	budget: number;
	/** The outputs fetch in flight. */
	fetching: FailureFetch | undefined;
	error: string | undefined;
};

/** A query's view, as Backspace brings it back: its filters, its rows, the cursor and its failure groups. */
export type View = {
	applied: FormValues;
	feed: FeedState;
	window: ListWindow;
	stripWindow: TimeWindow;
	groups: GroupsState;
};

/** A request waiting to be tried again, said in the status bar with a countdown. */
export type RetryNotice = {task: Task; info: RetryInfo; until: number};

/** Work that runs outside the model and reports back; starting one aborts the one of the same name. */
export type Task = 'page' | 'payload' | 'failures' | 'poll' | 'export' | PayloadsTask;

/** Payloads fetched for a key rather than for the detail pane: `R` needs one, `D` two. */
export type PayloadsTask = 'rerun' | 'compare';

/** One side of `D`: a request and, once fetched, its payload. */
export type CompareSide = {item: RequestItem; payload: Payload | undefined};

/** `D`: two requests' payloads, diffed once both are in. */
export type CompareState = {
	left: CompareSide;
	right: CompareSide;
	/** Like the detail pane's viewer, changed in place and counted in `version`. */
	viewer: DiffViewer | undefined;
	version: number;
	search: TextField | undefined;
	isDepthPending: boolean;
	/** Why the payloads could not be fetched. */
	error: string | undefined;
};

/** The `&` prompt: the expression being typed, and why the last one given was refused. */
export type RowFilterPrompt = {field: TextField; problem: string | undefined};

export type ModelConfig = {
	/** A word for the status bar, e.g. 'demo'. */
	label: string | undefined;
	/** A 401 opens a prompt for a new key. */
	canLogin: boolean;
	/** How long the cursor rests on a row before its payloads are fetched. */
	payloadDelayMs: number;
	/** Rows from the end at which the next page is asked for (at least a screenful). */
	prefetchThreshold: number;
};

export type Model = {
	config: ModelConfig;
	/** The time of the message being handled (ms since the epoch): what "now" means to update and views. */
	clock: number;
	size: {columns: number; rows: number};
	pane: MainPane;
	overlay: Overlay;
	/** Below 100 columns the detail pane takes the screen while open. */
	isDetailOpen: boolean;
	isUtc: boolean;
	notice: string | undefined;
	form: FormState;
	feed: FeedState;
	window: ListWindow;
	/** The rows the list moves over: the feed's, or a failure group's. */
	listRows: Rows;
	/**
	 * Rows the cursor was moved past the last loaded one while more are on
	 * their way: 200 j read together go as far as 200 j typed one by one,
	 * which the pages loading in between let through.
	 */
	cursorAhead: number;
	/** The window the summary strip spans, resolved when its query was sent. */
	stripWindow: TimeWindow;
	/** Earlier views, the latest last. */
	history: readonly View[];
	payload: PayloadStatus;
	detail: DetailState;
	follow: FollowState;
	/** Goes up each time follow mode starts or stops: a poll of an earlier session is dropped. */
	followSession: number;
	groups: GroupsState;
	/** `e` is loading further pages looking for an error row, up to this many pages loaded. */
	errorSearchUntil: number | undefined;
	retry: RetryNotice | undefined;
	/** Keys that came while a file was written or a key checked, handled in order once it is done. */
	held: readonly Key[];
	/** A pager or editor has the terminal. */
	isHandedOver: boolean;
	/** The user closed the login prompt; it stays closed until asked for again with `r`. */
	isLoginDismissed: boolean;
	/** The starting filters, remembered once their first answer is in (loading the config costs start-up time). */
	pendingStart: Filters | undefined;
	/** The request whose payloads the detail pane wants: the selected one while the pane is on screen. */
	payloadFor: RequestItem | undefined;
	/** Marked rows (`m`) by request id, in the order marked; kept across queries, so requests of two views can be compared. */
	marks: ReadonlyMap<string, RequestItem>;
	/** `M`: the list shows only marked rows. */
	isMarkedOnly: boolean;
	/** `&`: the list shows only the loaded rows this expression matches. */
	rowFilter: RowFilter | undefined;
	rowFilterPrompt: RowFilterPrompt | undefined;
	/** `Z`: the focused pane has the whole screen. */
	isZoomed: boolean;
	/** `D`: the payload diff, while open. */
	compare: CompareState | undefined;
	/** `w` was pressed: the next key picks the file's format, anything else cancels. */
	isExportPending: boolean;
	/** A file of rows is being written (the rows fetched again as the API sent them). */
	isExporting: boolean;
	/** The bar of the summary strip picked with `[` `]`, by its index among the strip's bars. */
	stripBar: number | undefined;
	/** `b`: the breakdowns view, while open. */
	breakdown: BreakdownState | undefined;
	/** The list shows only this breakdown group's rows (Enter in `b`; Esc clears). */
	breakdownGroup: readonly Narrowing[] | undefined;
};

export type ModelOptions = {
	/** The filters to start with; without an endpoint id the filter pane asks for one. */
	initialFilters: Filters | undefined;
	/** The starting filters' first page, when it came before the explorer started. */
	firstPage?: RequestPage;
	validate: (filters: Filters) => Validation;
	now: number;
	size: {columns: number; rows: number};
	label?: string;
	canLogin?: boolean;
	payloadDelayMs?: number;
	prefetchThreshold?: number;
};

export const closedDetail: DetailState = {
	viewer: undefined,
	viewerFor: undefined,
	version: 0,
	search: undefined,
	isDepthPending: false,
	save: {step: 'closed'},
	isSaving: false,
};

/** Failure groups before anything is known of them; `maxPages` is the first opening's budget. */
export function emptyGroups(budget: number): GroupsState {
	return {
		isOpen: false,
		cursor: groupsCursorStart,
		key: undefined,
		outputs: new Map(),
		failed: [],
		failedOf: undefined,
		list: [],
		examined: 0,
		budget,
		fetching: undefined,
		error: undefined,
	};
}

export function stripWindowOf(query: Query | undefined, now: number): TimeWindow {
	return query === undefined ? {start: new Date(now), end: new Date(now)} : queryWindow(query, new Date(now));
}

export function initialModel(options: ModelOptions): Model {
	// The starting filters are applied at once, so the first frame already says their rows are coming.
	const start = startingForm(options.initialFilters, options.validate);
	const firstPage = start.query === undefined || options.firstPage === undefined ? undefined : {page: options.firstPage, at: options.now};
	const feed = initialFeed(start.query, firstPage);
	return {
		config: {
			label: options.label,
			canLogin: options.canLogin ?? false,
			payloadDelayMs: options.payloadDelayMs ?? 150,
			prefetchThreshold: options.prefetchThreshold ?? 50,
		},
		clock: options.now,
		size: options.size,
		pane: start.query === undefined ? 'filter' : 'list',
		overlay: {kind: 'none'},
		isDetailOpen: false,
		isUtc: false,
		notice: undefined,
		form: start.state,
		feed,
		window: initialWindow,
		listRows: feed.rows,
		cursorAhead: 0,
		stripWindow: stripWindowOf(start.query, options.now),
		history: [],
		payload: {state: 'none'},
		detail: closedDetail,
		follow: followOff,
		followSession: 0,
		groups: emptyGroups(0),
		errorSearchUntil: undefined,
		retry: undefined,
		held: [],
		isHandedOver: false,
		isLoginDismissed: false,
		pendingStart: start.filters,
		payloadFor: undefined,
		marks: new Map(),
		isMarkedOnly: false,
		rowFilter: undefined,
		rowFilterPrompt: undefined,
		isZoomed: false,
		compare: undefined,
		isExportPending: false,
		isExporting: false,
		stripBar: undefined,
		breakdown: undefined,
		breakdownGroup: undefined,
	};
}
