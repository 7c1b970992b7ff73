/**
 * The explorer's root: which pane is active, the top-level key router, and
 * the wiring of state (feed, list window, filters, payloads) to the panes.
 */
import React, {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, useStdout} from 'ink';
import type {ApiClient} from './api/client.js';
import {validateFilters} from './api/query.js';
import type {Filters, Query, RequestItem, RequestPage, Status} from './api/types.js';
import {
	bindingFor,
	detailBindings,
	filterBindings,
	globalBindings,
	helpBindings,
	isClaimedBy,
	keyHints,
	listBindings,
	type DetailAction,
	type FilterAction,
	type GlobalAction,
	type HelpAction,
	type ListAction,
} from './keymap.js';
import type {Pane} from './keymap-types.js';
import {errorSearchPageLimit, findErrorRow} from './state/error-search.js';
import {fetchPage} from './state/feed-loader.js';
import {toLoadError} from './state/load-error.js';
import {describeLoad, feedReducer, initialFeed, isPrefetchDue, nextPageRequest} from './state/feed.js';
import {examinedFailures, failedRows} from './state/failure-outputs.js';
import {describeFilters, formReducer, formToFilters, startingForm, submitForm, valuesFromFilters, type FormState} from './state/filter-form.js';
import {initialWindow, listReducer, reanchor, type ListAction as WindowAction, type ListWindow} from './state/list-window.js';
import {PayloadCache} from './state/payload-cache.js';
import {createPayloadLoader, fetchPayloadWith, type PayloadStatus} from './state/payload-loader.js';
import {copyText, type CopyResult, describeCopy} from './terminal/clipboard.js';
import {sanitise} from './terminal/sanitise.js';
import {queryWindow, type TimeWindow} from './triage/buckets.js';
import {toCommandLine} from './triage/command-line.js';
import {groupFailures, type FailureGroup} from './triage/fingerprint.js';
import {describeFollow, fetchNewer, mergeNewer, unseenLabel} from './triage/follow.js';
import {applyQuickRange, cycleQuickRange} from './triage/time-ranges.js';
import {DetailPane} from './views/detail-pane/detail-pane.js';
import {FilterPane, filterPaneHeight} from './views/filter-pane/filter-pane.js';
import {HelpOverlay, maxHelpTop} from './views/help-overlay.js';
import {ListPane, listRowsFor} from './views/list-pane/list-pane.js';
import {LoginOverlay} from './views/login-overlay.js';
import {StatusBar, statusBarHeight, type StatusMessage} from './views/status-bar.js';
import {createTheme, ThemeContext} from './views/theme.js';
import {describeGroup} from './views/triage/describe-group.js';
import {GroupsView} from './views/triage/groups-view.js';
import {SummaryStrip, summaryStripHeight} from './views/triage/summary-strip.js';
import {useFailureOutputs} from './views/triage/use-failure-outputs.js';
import {useFollow, type PollResult} from './views/triage/use-follow.js';
import {useLatestInput, usePaneInput} from './views/use-pane-input.js';
import {useTerminalSize} from './views/use-terminal-size.js';

/** Copies text to the user's clipboard; the shape of source/terminal/clipboard.ts's copyText. */
export type CopyText = (text: string, options: {env: NodeJS.ProcessEnv; write: (data: string) => void}) => Promise<{method: 'osc52' | 'native' | 'file'; detail: string}>;

export type LoginResult = {ok: true; client: ApiClient} | {ok: false; message: string};

export type AppProps = {
	client: ApiClient;
	/** Checks and stores a typed key after a 401. Default: none, and a 401 is only reported. */
	login?: (key: string) => Promise<LoginResult>;
	/** The filters to start with; without an endpoint id the filter pane asks for one. */
	initialFilters: Filters | undefined;
	/** When the starting filters' relative times count from: their first page may already be on its way. Default: now(). */
	startedAt?: Date;
	/** The starting filters' first page, when it came before the explorer drew anything: the first frame shows its rows. */
	firstPage?: RequestPage;
	/** Remembers the filters of every query sent (may settle later). Default: nothing is remembered. */
	saveFilters?: (filters: Filters) => void | Promise<void>;
	now: () => Date;
	env: NodeJS.ProcessEnv;
	/** A word for the status bar, e.g. 'demo'. Default: none. */
	label?: string;
	/** The user asked to quit. */
	onQuit: () => void;
	/** Copies text for `y`, `Y`, `c` and `p`. Default: copyText of source/terminal/clipboard.ts. */
	copyText?: CopyText;
	/** The explorer draws on the alternate screen, which a pager or editor (`o` / `O`) is given back. Default true. */
	isAlternateScreen?: boolean;
	/** How long the cursor rests on a row before its payloads are fetched. Default 150 ms. */
	payloadDelayMs?: number;
	/** Upper bound of the payload cache. Default 64 MiB. */
	payloadCacheBytes?: number;
	/** Rows from the end at which the next page is asked for (at least a screenful). Default 50. */
	prefetchThreshold?: number;
};

type MainPane = 'filter' | 'list' | 'detail' | 'groups';

type Ui = {
	pane: MainPane;
	overlay: 'none' | 'help' | 'login';
	/** Below 100 columns the detail pane takes the screen while open. */
	isDetailOpen: boolean;
	isUtc: boolean;
	helpTop: number;
	notice: string | undefined;
	/** `e` is loading further pages looking for an error row, up to this many pages loaded. */
	searchUntilPages: number | undefined;
	/** The user closed the login prompt; it stays closed until asked for again with `r`. */
	isLoginDismissed: boolean;
	/** The failure groups view (`x`) takes the list's place. */
	isGroupsOpen: boolean;
	/** The list shows only this failure group's rows (Enter in the groups view; Esc clears). */
	groupKey: string | undefined;
	/** Follow mode (`f`): newer requests are polled for and put on top. */
	isFollowing: boolean;
};

const wideColumns = 100;
/** How long after the first answer the starting filters are remembered: once its rows are surely on screen. */
const rememberDelayMs = 250;

const statusKeys: Record<'statusAll' | 'statusSuccess' | 'statusError' | 'statusUserError', Status | undefined> = {
	statusAll: undefined,
	statusSuccess: 'success',
	statusError: 'error',
	statusUserError: 'user_error',
};

function describeError(error: unknown): string {
	return sanitise(error instanceof Error ? error.message : String(error));
}

export function App(props: AppProps): React.JSX.Element {
	const theme = useMemo(() => createTheme(props.env), [props.env]);
	const {columns, rows} = useTerminalSize();
	const {stdout} = useStdout();
	const [client, setClient] = useState(props.client);
	// The starting filters are applied in the first render, so the first frame already says their rows are coming.
	const [start] = useState(() => startingForm(props.initialFilters, filters => validateFilters(filters, props.startedAt ?? props.now())));
	const [form, setForm] = useState<FormState>(start.state);
	const [feed, dispatchFeed] = useReducer(feedReducer, start.query, query => initialFeed(query, query === undefined ? undefined : props.firstPage));
	const [window, setWindow] = useState<ListWindow>(initialWindow);
	const [payload, setPayload] = useState<PayloadStatus>({state: 'none'});
	const [isDetailCapturing, setDetailCapturing] = useState(false);
	const [ui, setUi] = useState<Ui>(() => ({
		pane: start.query === undefined ? 'filter' : 'list',
		overlay: 'none',
		isDetailOpen: false,
		isUtc: false,
		helpTop: 0,
		notice: undefined,
		searchUntilPages: undefined,
		isLoginDismissed: false,
		isGroupsOpen: false,
		groupKey: undefined,
		isFollowing: false,
	}));
	const [stripWindow, setStripWindow] = useState<TimeWindow>(() =>
		start.query === undefined ? {start: props.now(), end: props.now()} : queryWindow(start.query, props.startedAt ?? props.now()),
	);
	const update = (patch: Partial<Ui>): void => {
		setUi(previous => ({...previous, ...patch}));
	};

	const isUnauthorized = feed.error?.kind === 'unauthorized';

	// Layout: the frame is rows - 1 high so Ink never clears the screen on a full-height frame.
	const frameHeight = Math.max(4, rows - 1);
	const isWide = columns >= wideColumns;
	const isDetailShown = !ui.isGroupsOpen && (isWide || ui.isDetailOpen);
	const isDetailFullScreen = !isWide && ui.isDetailOpen && !ui.isGroupsOpen;

	// Failure groups: outputs of the loaded failed rows are fetched while the groups view is open.
	const isGroupsNeeded = ui.isGroupsOpen || ui.groupKey !== undefined;
	const failed = useMemo(() => (isGroupsNeeded ? failedRows(feed.rows) : []), [feed.rows, isGroupsNeeded]);
	const failures = useFailureOutputs({client, query: feed.query, rows: failed, isActive: ui.isGroupsOpen, cached: id => cache.get(id)});
	const triage = useMemo(() => {
		if (!isGroupsNeeded) {
			return {groups: [], failed: 0, examined: 0};
		}

		const examined = examinedFailures(failed, failures.outputs);
		return {groups: groupFailures(examined.rows), failed: examined.failed, examined: examined.rows.length};
	}, [failed, failures.version, isGroupsNeeded]);
	const activeGroup = triage.groups.find(group => group.key === ui.groupKey);
	const listRows = useMemo(() => {
		if (ui.groupKey === undefined) {
			return feed.rows;
		}

		return feed.rows.withIds(activeGroup?.requestIds ?? []);
	}, [feed.rows, ui.groupKey, activeGroup]);

	const follow = useFollow({isOn: ui.isFollowing, poll: async signal => pollNewer(signal)});
	useEffect(() => {
		if (window.top === 0) {
			follow.markSeen();
		}
	}, [window.top]);

	const message = statusMessage();
	const statusHeight = statusBarHeight(message, columns);
	const filterHeight = isDetailFullScreen ? 0 : filterPaneHeight(form, columns);
	const belowFilters = Math.max(3, frameHeight - statusHeight - filterHeight);
	const stripHeight = isDetailFullScreen || feed.query === undefined ? 0 : summaryStripHeight(belowFilters);
	const mainHeight = belowFilters - stripHeight;
	const listWidth = isWide ? Math.floor(columns * 0.55) : columns;
	const detailWidth = isWide ? columns - listWidth - 1 : columns;
	const groupNote = ui.groupKey === undefined ? undefined : `group (Esc to clear): ${activeGroup === undefined ? 'no rows left' : describeGroup(activeGroup)}`;
	const visibleRows = listRowsFor(mainHeight, groupNote !== undefined);
	const bounds = {count: listRows.length, height: visibleRows};

	// The cursor stays on its request when rows change under it: new ones on top, a group filter set or cleared.
	const [anchorRows, setAnchorRows] = useState(listRows);
	if (anchorRows !== listRows) {
		setAnchorRows(listRows);
		setWindow(reanchor(window, anchorRows, listRows, bounds));
	}

	const selected = listRows.at(window.cursor);
	const latest = useRef({feed, window, visibleRows, isFiltered: ui.groupKey !== undefined});
	latest.current = {feed, window, visibleRows, isFiltered: ui.groupKey !== undefined};

	const moveWindow = (action: WindowAction): void => {
		setWindow(previous => listReducer(previous, action, bounds));
	};

	useEffect(() => {
		moveWindow({type: 'fit'});
	}, [visibleRows]);

	// Fetching: one page at a time, ahead of the cursor, or further on while `e` searches.
	const controller = useRef<AbortController | undefined>(undefined);
	useEffect(() => {
		const request = nextPageRequest(feed);
		const isSearching = ui.searchUntilPages !== undefined;
		if (request !== undefined && (isSearching || isPrefetchDue(feed, window.cursor, {screenful: visibleRows, threshold: props.prefetchThreshold}))) {
			controller.current = fetchPage(client, feed, request.cursor, dispatchFeed);
		}
	}, [feed, window.cursor, visibleRows, ui.searchUntilPages, client]);
	useEffect(() => () => controller.current?.abort(), []);

	const applyQuery = (query: Query): void => {
		controller.current?.abort();
		dispatchFeed({type: 'reset', query});
		setWindow(initialWindow);
		setStripWindow(queryWindow(query, props.now()));
		// New filters end follow mode and any group filter: both were about the rows of the old ones.
		update({
			searchUntilPages: undefined,
			notice: ui.isFollowing ? 'Follow mode stopped: the filters changed (f follows again).' : undefined,
			isFollowing: false,
			groupKey: undefined,
			isGroupsOpen: false,
			pane: ui.pane === 'groups' ? 'list' : ui.pane,
		});
	};

	// One follow poll: rows newer than the top one go on top; the list's cursor stays on its request.
	const pollNewer = async (signal: AbortSignal): Promise<PollResult> => {
		const {feed: current, window: shown, visibleRows: height, isFiltered} = latest.current;
		if (current.query === undefined) {
			return {isOk: true, added: 0, isScrolledAway: false};
		}

		try {
			const items = await fetchNewer(client, current.query, current.rows, signal);
			const {added} = mergeNewer(current.rows, items, 0);
			dispatchFeed({type: 'prepended', generation: current.generation, items});
			if (added > 0) {
				setStripWindow(previous => ({start: previous.start, end: props.now()}));
			}

			const after = listReducer(shown, {type: 'prepend', count: added}, {count: current.rows.length + added, height});
			return {isOk: true, added, isScrolledAway: !isFiltered && after.top > 0};
		} catch (error) {
			return {isOk: false, message: toLoadError(error).message};
		}
	};

	const remember = (filters: Filters): void => {
		// Sync or async (the config may still be loading); either way a failure is said, not thrown.
		Promise.resolve()
			.then(() => props.saveFilters?.(filters))
			.catch((error: unknown) => {
				notify(`The filters could not be remembered for next time: ${describeError(error)}`);
			});
	};

	const submit = (state: FormState): void => {
		const result = submitForm(state, filters => validateFilters(filters, props.now()));
		setForm(result.state);
		if (result.query !== undefined && result.filters !== undefined) {
			applyQuery(result.query);
			remember(result.filters);
			setUi(previous => ({...previous, pane: previous.pane === 'filter' ? 'list' : previous.pane}));
		} else {
			update({pane: 'filter', isDetailOpen: false});
		}
	};

	// Remembering loads conf, a sixth of the start-up: the starting filters wait until their first answer has been
	// drawn (Ink draws at most every 33 ms), and are not remembered at all if the user has sent others meanwhile.
	const isStartHandled = useRef(start.filters === undefined);
	const startTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const rememberStart = (): void => {
		startTimer.current = undefined;
		if (latest.current.feed.generation === 0) {
			remember(start.filters!);
		}
	};

	useEffect(() => {
		if (!isStartHandled.current && feed.generation === 0 && (feed.pages > 0 || feed.error !== undefined)) {
			isStartHandled.current = true;
			startTimer.current = setTimeout(rememberStart, rememberDelayMs);
		}
	}, [feed.generation, feed.pages, feed.error]);
	// Quitting before then still remembers them.
	useEffect(
		() => () => {
			if (startTimer.current !== undefined) {
				clearTimeout(startTimer.current);
				rememberStart();
			}
		},
		[],
	);

	// Payloads: fetched for the selected row once the cursor rests, only while the detail pane is on screen.
	const cache = useMemo(() => new PayloadCache(props.payloadCacheBytes ?? 64 * 1024 * 1024), []);
	const loader = useMemo(
		() => createPayloadLoader({fetch: fetchPayloadWith(client), cache, delayMs: props.payloadDelayMs, onChange: setPayload}),
		[client],
	);
	useEffect(() => () => loader.dispose(), [loader]);
	useEffect(() => {
		loader.select(isDetailShown ? selected : undefined);
	}, [loader, isDetailShown, selected]);

	// `e` past the loaded rows: look again as each page arrives, within a bound, and say how it ended.
	useEffect(() => {
		if (ui.searchUntilPages === undefined) {
			return;
		}

		const found = findErrorRow(listRows, window.cursor, 1);
		if (found !== undefined) {
			moveWindow({type: 'to', index: found});
			update({searchUntilPages: undefined, notice: undefined});
		} else if (feed.error !== undefined) {
			update({searchUntilPages: undefined});
		} else if (!feed.hasMore) {
			update({searchUntilPages: undefined, notice: 'No error row below: every row is loaded.'});
		} else if (feed.pages >= ui.searchUntilPages && feed.inFlight === undefined) {
			update({searchUntilPages: undefined, notice: `No error row in the next ${errorSearchPageLimit} pages; press e to keep looking.`});
		}
	}, [feed, ui.searchUntilPages]);

	// A 401: ask for a key right here, once per failure.
	useEffect(() => {
		if (isUnauthorized && props.login !== undefined && !ui.isLoginDismissed && ui.overlay === 'none') {
			update({overlay: 'login'});
		}
	}, [isUnauthorized, ui.isLoginDismissed]);

	const login = async (key: string): Promise<string | undefined> => {
		const result = await props.login!(key).catch((error: unknown) => ({ok: false as const, message: describeError(error)}));
		if (!result.ok) {
			// The refusal comes from code that saw the key; make sure it cannot carry it to the screen.
			return sanitise(result.message.split(key).join('[your key]'));
		}

		setClient(result.client);
		dispatchFeed({type: 'retry'});
		update({overlay: 'none', isLoginDismissed: false, notice: 'Key accepted and stored.'});
		return undefined;
	};

	const notify = (notice: string): void => {
		update({notice});
	};

	const copyToClipboard = async (text: string): Promise<CopyResult> => (props.copyText ?? copyText)(text, {env: props.env, write: data => stdout.write(data)});

	const copy = (text: string, what: string): void => {
		copyToClipboard(text).then(
			result => {
				notify(sanitise(describeCopy(what, result)));
			},
			(error: unknown) => {
				notify(`Could not copy ${what}: ${describeError(error)}`);
			},
		);
	};

	const searchErrors = (direction: 1 | -1): void => {
		const found = findErrorRow(listRows, window.cursor, direction);
		if (found !== undefined) {
			moveWindow({type: 'to', index: found});
			update({notice: undefined});
		} else if (direction === 1 && feed.hasMore && feed.query !== undefined) {
			update({searchUntilPages: feed.pages + errorSearchPageLimit, notice: 'Searching for an error row…'});
		} else {
			notify(direction === 1 ? 'No error row below.' : 'No error row above.');
		}
	};

	const reload = (): void => {
		if (isUnauthorized && props.login !== undefined) {
			update({overlay: 'login', isLoginDismissed: false});
		} else if (feed.error !== undefined) {
			dispatchFeed({type: 'retry'});
		} else if (payload.state === 'failed' && ui.pane === 'detail') {
			loader.retry();
		} else if (feed.query !== undefined) {
			// Relative times ('6h') move on: validate again against the clock.
			submit({...form, values: form.applied});
		}
	};

	const panesInOrder = (): MainPane[] => (ui.isGroupsOpen ? ['filter', 'groups'] : isWide ? ['filter', 'list', 'detail'] : isDetailFullScreen ? ['detail'] : ['filter', 'list']);

	const cyclePane = (delta: 1 | -1): void => {
		const order = panesInOrder();
		const index = order.indexOf(ui.pane);
		update({pane: order[(index + delta + order.length) % order.length]!});
	};

	const onGlobal = (action: GlobalAction): void => {
		switch (action) {
			case 'quit': {
				props.onQuit();
				break;
			}

			case 'help': {
				update({overlay: 'help', helpTop: 0});
				break;
			}

			case 'nextPane':
			case 'previousPane': {
				cyclePane(action === 'nextPane' ? 1 : -1);
				break;
			}

			case 'focusFilter': {
				setForm(previous => formReducer(formReducer(previous, {type: 'select', field: 'endpoints'}), {type: 'activate'}));
				update({pane: 'filter', isDetailOpen: false});
				break;
			}

			case 'statusAll':
			case 'statusSuccess':
			case 'statusError':
			case 'statusUserError': {
				submit(formReducer({...form, values: form.applied}, {type: 'choose', status: statusKeys[action]}));
				break;
			}

			case 'nextError':
			case 'previousError': {
				searchErrors(action === 'nextError' ? 1 : -1);
				break;
			}

			case 'copyId': {
				if (selected === undefined) {
					notify('No request is selected.');
				} else {
					copy(selected.request_id, 'the request id');
				}

				break;
			}

			case 'reload': {
				reload();
				break;
			}

			default: {
				onTriage(action);
			}
		}
	};

	const onTriage = (action: Extract<GlobalAction, 'toggleUtc' | 'failureGroups' | 'toggleFollow' | 'nextRange' | 'previousRange' | 'copyCommand'>): void => {
		const filters = formToFilters(form.applied, form.limit);
		if (action === 'toggleUtc') {
			update({isUtc: !ui.isUtc});
		} else if (feed.query === undefined) {
			notify('Give an endpoint id in the filters first.');
		} else if (action === 'failureGroups') {
			update(ui.isGroupsOpen ? {isGroupsOpen: false, pane: 'list'} : {isGroupsOpen: true, pane: 'groups', isDetailOpen: false, notice: undefined});
		} else if (action === 'toggleFollow') {
			if (ui.isFollowing) {
				update({isFollowing: false, notice: 'Follow mode off.'});
			} else if (form.applied.sortBy === 'duration') {
				notify('Follow mode lists the newest first: set the sort back to end time (/ then the sort field) and press f again.');
			} else {
				update({isFollowing: true, notice: undefined});
			}
		} else if (action === 'copyCommand') {
			copy(toCommandLine(filters), `\`${toCommandLine(filters)}\``);
		} else {
			submit({...form, values: valuesFromFilters(applyQuickRange(filters, cycleQuickRange(filters, action === 'nextRange' ? 1 : -1)))});
		}
	};

	const onList = (action: ListAction): void => {
		if (action === 'clearGroup') {
			update({groupKey: undefined});
			return;
		}

		const moves: Record<Exclude<ListAction, 'open' | 'clearGroup'>, WindowAction> = {
			down: {type: 'move', delta: 1},
			up: {type: 'move', delta: -1},
			pageDown: {type: 'page', direction: 1},
			pageUp: {type: 'page', direction: -1},
			first: {type: 'first'},
			last: {type: 'last'},
		};
		if (action === 'open') {
			if (selected !== undefined) {
				update({pane: 'detail', isDetailOpen: true});
			}
		} else {
			moveWindow(moves[action]);
		}
	};

	const onDetail = (action: DetailAction): void => {
		switch (action) {
			case 'back': {
				update({pane: 'list', isDetailOpen: false});
				break;
			}
		}
	};

	const onFilter = (action: FilterAction): void => {
		if (form.isChoosing && action !== 'cancel') {
			return;
		}

		switch (action) {
			case 'fieldDown':
			case 'fieldUp': {
				setForm(formReducer(form, {type: 'step', delta: action === 'fieldDown' ? 1 : -1}));
				break;
			}

			case 'activate': {
				if (form.isEditing) {
					submit(form);
				} else if (form.selected === 'sortBy' || form.selected === 'billing') {
					submit(formReducer(form, {type: 'activate'}));
				} else {
					setForm(formReducer(form, {type: 'activate'}));
				}

				break;
			}

			case 'cancel': {
				if (form.isEditing || form.isChoosing || form.problems.length > 0) {
					setForm(formReducer(form, {type: 'cancel'}));
				} else if (feed.query !== undefined) {
					update({pane: 'list'});
				}

				break;
			}
		}
	};

	const onHelp = (action: HelpAction): void => {
		const limit = maxHelpTop(columns, frameHeight - statusHeight);
		if (action === 'closeHelp') {
			update({overlay: 'none'});
		} else {
			update({helpTop: Math.max(0, Math.min(limit, ui.helpTop + (action === 'helpDown' ? 1 : -1)))});
		}
	};

	// A prompt in the detail pane (search, `z`, save) has the keyboard as a text input would.
	const isTyping = (ui.pane === 'filter' && (form.isEditing || form.isChoosing)) || (ui.pane === 'detail' && isDetailCapturing);
	const activePanes: Pane[] = ui.overlay === 'help' ? ['help'] : ui.pane === 'detail' ? ['detail', 'payload'] : [ui.pane];
	const isPaneKeys = ui.overlay === 'none';
	usePaneInput(listBindings, {isActive: isPaneKeys && ui.pane === 'list', onAction: onList});
	usePaneInput(detailBindings, {isActive: isPaneKeys && ui.pane === 'detail' && !isDetailCapturing, onAction: onDetail});
	usePaneInput(filterBindings, {isActive: isPaneKeys && ui.pane === 'filter', isTyping: form.isEditing, onAction: onFilter});
	usePaneInput(helpBindings, {isActive: ui.overlay === 'help', onAction: onHelp});
	// The global router: it yields to the active pane's own keys, and to a text input for everything but Ctrl-c.
	useLatestInput((input, key) => {
		const isCtrlC = key.ctrl && input === 'c';
		if ((isTyping || ui.overlay !== 'none') && !isCtrlC) {
			return;
		}

		if (!isCtrlC && isClaimedBy(activePanes, input, key)) {
			return;
		}

		const binding = bindingFor(globalBindings, input, key);
		if (binding !== undefined) {
			onGlobal(binding.action);
		}
	}, true);

	function statusMessage(): StatusMessage {
		if (feed.error !== undefined) {
			const hint = isUnauthorized && props.login !== undefined ? ' Press r to enter a key.' : feed.error.isRetryable ? ' Press r to retry.' : '';
			return {text: `✗ ${feed.error.message}${hint}`, tone: 'error'};
		}

		if (ui.notice !== undefined) {
			return {text: ui.notice, tone: 'notice'};
		}

		const label = props.label === undefined ? '' : `[${props.label}] `;
		if (feed.query === undefined) {
			return {text: `${label}Type one or more endpoint ids (comma-separated) and press Enter.`, tone: 'plain'};
		}

		const following = describeFollow(follow.state);
		// Follow mode first: a long list of endpoints must not push it out of sight.
		return {text: `${label}${following === '' ? '' : `${following} · `}${describeFilters(form.applied)}${feed.lastDuplicates > 0 ? ` · ${feed.lastDuplicates} repeated rows dropped` : ''}`, tone: 'plain'};
	}

	const hints = ui.overlay === 'login'
		? ['Enter check and store the key', 'Esc cancel']
		: isTyping
			? [...(ui.pane === 'detail' ? ['Enter confirm', 'Esc cancel'] : keyHints(['filter'], {isTyping: true})), 'Ctrl-c quit']
			: keyHints(activePanes);

	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={columns} height={frameHeight} overflowY="hidden">
				{ui.overlay === 'help' ? (
					<HelpOverlay width={columns} height={frameHeight - statusHeight} top={ui.helpTop} />
				) : ui.overlay === 'login' ? (
					<Box height={frameHeight - statusHeight}>
						<LoginOverlay
							width={columns}
							reason={feed.error?.message ?? 'The API refused the key.'}
							onLogin={login}
							onCancel={() => {
								update({overlay: 'none', isLoginDismissed: true});
							}}
						/>
					</Box>
				) : (
					<>
						{isDetailFullScreen ? null : (
							<FilterPane
								form={form}
								width={columns}
								isActive={ui.pane === 'filter'}
								onChange={value => {
									setForm(previous => formReducer(previous, {type: 'change', value}));
								}}
								onChoose={status => {
									submit(formReducer(form, {type: 'choose', status}));
								}}
							/>
						)}
						{stripHeight === 0 ? null : (
							<SummaryStrip rows={feed.rows} width={columns} window={stripWindow} isColor={theme.isColor} hasMore={feed.hasMore} />
						)}
						{ui.isGroupsOpen ? (
							<GroupsView
								groups={triage.groups}
								width={columns}
								height={mainHeight}
								isActive={ui.pane === 'groups' && ui.overlay === 'none'}
								isUtc={ui.isUtc}
								now={stripWindow.end}
								note={failures.error ?? (failures.isLoading ? `fetching error outputs (${triage.examined} of ${triage.failed} failed rows read)…` : triage.examined < triage.failed ? `${triage.examined} of ${triage.failed} failed rows read` : undefined)}
								onOpen={(group: FailureGroup) => {
									setWindow(initialWindow);
									update({groupKey: group.key, isGroupsOpen: false, pane: 'list'});
								}}
								onClose={() => {
									update({isGroupsOpen: false, pane: 'list'});
								}}
							/>
						) : (
						<Box height={mainHeight}>
							{isDetailFullScreen ? null : (
								<ListPane
									rows={listRows}
									cursor={window.cursor}
									top={window.top}
									width={listWidth}
									height={mainHeight}
									isActive={ui.pane === 'list'}
									isUtc={ui.isUtc}
									note={groupNote}
									loadState={`${ui.groupKey === undefined ? '' : `${listRows.length} in group · `}${describeLoad(feed)}${follow.state.unseen > 0 ? ` · ↑ ${unseenLabel(follow.state)}` : ''}`}
									isLoading={feed.inFlight !== undefined || (feed.query !== undefined && feed.pages === 0 && feed.error === undefined)}
									error={feed.error}
									hasQuery={feed.query !== undefined}
								/>
							)}
							{isWide ? <Box width={1} /> : null}
							{isDetailShown ? (
								<DetailPane
									item={selected}
									payload={payload}
									width={detailWidth}
									height={mainHeight}
									isActive={ui.pane === 'detail'}
									isUtc={ui.isUtc}
									isBillingShown={form.applied.billing}
									onStatus={notify}
									onCaptureChange={setDetailCapturing}
									copy={copyToClipboard}
									env={props.env}
									isAlternateScreen={props.isAlternateScreen}
								/>
							) : null}
						</Box>
						)}
					</>
				)}
				<StatusBar message={message} hints={hints} width={columns} />
			</Box>
		</ThemeContext.Provider>
	);
}
