/**
 * Runs the effects the update function asks for and reports back as
 * messages: requests (each abortable, and aborted when one of the same task
 * replaces it), timers, the clipboard, the pager, files, the config. Nothing
 * here decides anything the user sees; the messages do, through update.
 */
import type {ApiClient, RetryInfo} from '../api/client.js';
import type {Filters, RequestItem} from '../api/types.js';
import {isAbort, toLoadError} from '../state/load-error.js';
import {PayloadCache, type Payload} from '../state/payload-cache.js';
import {fetchPayloadWith, payloadOf} from '../state/payload-loader.js';
import type {CopyResult} from '../terminal/clipboard.js';
import {openInPager, type OpenResult} from '../terminal/hand-over.js';
import {sanitise} from '../terminal/sanitise.js';
import {saveJson} from '../terminal/save.js';
import {scanWindow} from '../api/scan/scanner.js';
import {exportText} from '../triage/export.js';
import {fetchNewer} from '../triage/follow.js';
import type {Effect, Msg} from '../model/messages.js';
import type {Task} from '../model/model.js';

export type LoginResult = {ok: true; client: ApiClient} | {ok: false; message: string};

export type EffectDeps = {
	client: ApiClient;
	/** Checks and stores a key typed after a 401, and returns a client using it. Default: none. */
	login?: (key: string) => Promise<LoginResult>;
	/** Copies text for `y`, `Y`, `c`, `p` and `C`. */
	copy: (text: string) => Promise<CopyResult>;
	/** Gives the terminal to `run` (a pager or an editor) and takes it back. */
	handOver: (run: () => Promise<OpenResult>) => Promise<OpenResult>;
	env: NodeJS.ProcessEnv;
	/** Remembers the filters of a query sent. Default: nothing is remembered. */
	saveFilters?: (filters: Filters) => void | Promise<void>;
	quit: () => void;
	/** Upper bound of the payload cache. Default 64 MiB. */
	payloadCacheBytes?: number;
};

export type EffectRunner = {
	run(effect: Effect): void;
	/** Stops everything in flight; filters waiting to be remembered are remembered now. */
	dispose(): void;
};

type Running = {controller?: AbortController; timer?: NodeJS.Timeout};

function describeError(error: unknown): string {
	return sanitise(error instanceof Error ? error.message : String(error));
}

export function createEffectRunner(deps: EffectDeps, dispatch: (msg: Msg) => void): EffectRunner {
	let {client} = deps;
	const cache = new PayloadCache(deps.payloadCacheBytes ?? 64 * 1024 * 1024);
	const tasks = new Map<Task | 'tick', Running>();
	const remembering = new Set<{timer: NodeJS.Timeout; run: () => void}>();

	function stop(task: Task | 'tick'): void {
		const running = tasks.get(task);
		running?.controller?.abort();
		clearTimeout(running?.timer);
		tasks.delete(task);
	}

	/** Starts `task` afresh: whatever ran under its name is aborted. */
	function begin(task: Task): AbortSignal {
		stop(task);
		const controller = new AbortController();
		tasks.set(task, {controller});
		return controller.signal;
	}

	function later(task: Task | 'tick', delayMs: number, run: () => void): void {
		stop(task);
		tasks.set(task, {timer: setTimeout(run, delayMs)});
	}

	/** The client, with its waits to retry said as messages of `task`. */
	function reporting(task: Task): Pick<ApiClient, 'listRequests'> {
		return {
			listRequests: async (query, options) =>
				client.listRequests(query, {
					...options,
					onRetry(info: RetryInfo) {
						dispatch({type: 'retrying', task, info});
					},
				}),
		};
	}

	/** Settles a request's promise into messages, unless it was aborted: an abort is our own doing and never shown. */
	function report<T>(signal: AbortSignal, work: Promise<T>, onDone: (value: T) => Msg, onFail: (error: unknown) => Msg): void {
		work.then(
			value => {
				if (!signal.aborted) {
					dispatch(onDone(value));
				}
			},
			(error: unknown) => {
				if (!isAbort(error, signal)) {
					dispatch(onFail(error));
				}
			},
		);
	}

	/** A request's payloads: from the cache or the row when at hand, else fetched and kept. */
	async function fetchPayload(task: Task, item: RequestItem, signal: AbortSignal): Promise<Payload> {
		const known = cache.get(item.request_id) ?? payloadOf(item);
		if (known !== undefined) {
			return known;
		}

		const payload = await fetchPayloadWith(reporting(task))(item, signal);
		cache.set(item.request_id, payload);
		return payload;
	}

	function loadPayload(item: RequestItem): void {
		const signal = begin('payload');
		const requestId = item.request_id;
		dispatch({type: 'payloadLoading', requestId});
		report(
			signal,
			fetchPayload('payload', item, signal),
			payload => ({type: 'payloadLoaded', requestId, payload}),
			error => ({type: 'payloadFailed', requestId, error: toLoadError(error)}),
		);
	}

	function remember(filters: Filters, delayMs: number): void {
		const entry = {
			timer: setTimeout(() => {
				entry.run();
			}, delayMs),
			run() {
				clearTimeout(entry.timer);
				remembering.delete(entry);
				// Sync or async (the config may still be loading); either way a failure is said, not thrown.
				Promise.resolve()
					.then(() => deps.saveFilters?.(filters))
					.catch((error: unknown) => {
						dispatch({type: 'rememberFailed', message: describeError(error)});
					});
			},
		};
		remembering.add(entry);
	}

	function run(effect: Effect): void {
		switch (effect.type) {
			case 'fetchPage': {
				const signal = begin('page');
				const {generation, cursor} = effect;
				const query = cursor === undefined ? effect.query : {...effect.query, cursor};
				report(
					signal,
					reporting('page').listRequests(query, {signal}),
					page => ({type: 'pageLoaded', generation, cursor, page}),
					error => ({type: 'pageFailed', generation, cursor, error: toLoadError(error)}),
				);
				break;
			}

			case 'selectPayload': {
				stop('payload');
				const {item} = effect;
				if (item === undefined) {
					break;
				}

				// A row fetched with expand=payloads for some other reason already carries them.
				const known = cache.get(item.request_id) ?? payloadOf(item);
				if (known === undefined) {
					// Nothing is said while waiting: a cursor moving row by row costs no request and no frame.
					later('payload', effect.delayMs, () => {
						loadPayload(item);
					});
				} else {
					dispatch({type: 'payloadLoaded', requestId: item.request_id, payload: known});
				}

				break;
			}

			case 'retryPayload': {
				loadPayload(effect.item);
				break;
			}

			case 'export': {
				const signal = begin('export');
				const {format, items, name} = effect;
				const wanted = new Set(items.map(item => item.request_id));
				const sources = new Map<string, string>();
				const write = async (): Promise<Msg> => {
					// The rows shown were kept as values: the window is walked again for each one's own text.
					await scanWindow(client, effect.query, {
						signal,
						isSourceKept: true,
						onBatch(batch) {
							for (const [index, item] of batch.items.entries()) {
								const source = batch.sources?.[index];
								if (wanted.has(item.request_id) && source !== undefined) {
									sources.set(item.request_id, source.item);
								}
							}
						},
					});
					const result = await saveJson(exportText(format, items, sources), name);
					return {type: 'exported', format, count: items.length, exact: sources.size, result};
				};

				report(signal, write(), msg => msg, error => ({type: 'exported', format, count: items.length, exact: 0, result: {ok: false, reason: 'error', message: describeError(error)}}));
				break;
			}

			case 'fetchPayloads': {
				const {task, items} = effect;
				const signal = begin(task);
				const requestIds = items.map(item => item.request_id);
				report(
					signal,
					Promise.all(items.map(async item => fetchPayload(task, item, signal))),
					payloads => ({type: 'payloadsFetched', task, requestIds, payloads}),
					error => ({type: 'payloadsFailed', task, requestIds, error: toLoadError(error)}),
				);
				break;
			}

			case 'fetchFailures': {
				const signal = begin('failures');
				const {fetch, maxPages} = effect;
				const failures = reporting('failures');
				const walk = async (): Promise<void> => {
					let cursor: string | undefined;
					for (let pages = 0; pages < maxPages; pages++) {
						// eslint-disable-next-line no-await-in-loop -- pages follow one another by cursor
						const page = await failures.listRequests(cursor === undefined ? fetch.query : {...fetch.query, cursor}, {signal});
						if (signal.aborted) {
							return;
						}

						dispatch({type: 'failuresPage', fetch, page});
						cursor = page.next_cursor ?? undefined;
						if (cursor === undefined) {
							return;
						}
					}
				};

				report(signal, walk(), () => ({type: 'failuresDone', fetch}), error => ({type: 'failuresFailed', fetch, message: toLoadError(error).message}));
				break;
			}

			case 'schedulePoll': {
				const {session} = effect;
				later('poll', effect.delayMs, () => {
					dispatch({type: 'pollDue', session});
				});
				break;
			}

			case 'poll': {
				const signal = begin('poll');
				const {session} = effect;
				report(
					signal,
					fetchNewer(reporting('poll'), effect.query, effect.rows, signal),
					items => ({type: 'polled', session, items}),
					error => ({type: 'pollFailed', session, error: toLoadError(error)}),
				);
				break;
			}

			case 'cancel': {
				if (effect.task === 'remember') {
					for (const entry of remembering) {
						clearTimeout(entry.timer);
					}

					remembering.clear();
				} else {
					stop(effect.task);
				}

				break;
			}

			case 'tick': {
				later('tick', 1000, () => {
					dispatch({type: 'tick'});
				});
				break;
			}

			case 'copy': {
				const {what} = effect;
				deps.copy(effect.text).then(
					result => {
						dispatch({type: 'copied', what, result});
					},
					(error: unknown) => {
						dispatch({type: 'copyFailed', what, message: describeError(error)});
					},
				);
				break;
			}

			case 'handOver': {
				const {command, text} = effect;
				deps
					.handOver(async () => openInPager(text, {env: deps.env, command}))
					.catch((error: unknown): OpenResult => ({ok: false, message: `Could not open the ${command}: ${describeError(error)}.`}))
					.then(result => {
						dispatch({type: 'handedBack', command, result});
					});
				break;
			}

			case 'save': {
				const {part, name} = effect;
				void saveJson(effect.text, name, {overwrite: effect.isOverwrite}).then(result => {
					dispatch({type: 'saved', part, name, result});
				});
				break;
			}

			case 'remember': {
				remember(effect.filters, effect.delayMs);
				break;
			}

			case 'login': {
				const {key} = effect;
				const check = deps.login?.(key) ?? Promise.resolve<LoginResult>({ok: false, message: 'A key cannot be entered here.'});
				check
					.catch((error: unknown): LoginResult => ({ok: false, message: describeError(error)}))
					.then(result => {
						if (result.ok) {
							client = result.client;
							dispatch({type: 'loginChecked', refusal: undefined});
						} else {
							// The refusal comes from code that saw the key; make sure it cannot carry it to the screen.
							dispatch({type: 'loginChecked', refusal: sanitise(result.message.split(key).join('[your key]'))});
						}
					});
				break;
			}

			case 'send': {
				dispatch(effect.msg);
				break;
			}

			case 'quit': {
				deps.quit();
				break;
			}
		}
	}

	return {
		run,
		dispose() {
			for (const task of [...tasks.keys()]) {
				stop(task);
			}

			for (const entry of [...remembering]) {
				entry.run();
			}
		},
	};
}
