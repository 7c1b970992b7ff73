import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {errorAnswer, jsonAnswer, replacementAnswer, type Answer} from './answers.js';
import {statusClasses, Store, type Dataset} from './dataset.js';
import {FaultState, type Faults, type Spoiler} from './faults.js';
import {hostileMessage} from './hostile.js';
import {uuidFor} from './ids.js';
import {cursorFor, parsePageQuery, QueryError} from './query.js';

export type {Dataset, LargePayload, SpecialRows} from './dataset.js';
export type {Faults, ServerErrorBody, ServerErrorStatus} from './faults.js';

/** The key the emulator accepts by default; it owns the `fal-ai` and `acme` endpoints. */
export const demoKey = 'fal_demo_key_0000';

export type EmulatorOptions = {
	/** Port on 127.0.0.1 (the only address it binds). Default 0: a free port. */
	port?: number;
	/** Seed of the data. Default 42; the same seed and the same start time give the same data. */
	seed?: number;
	/** The clock. Default () => new Date(); the data's history ends at its time when started. */
	now?: () => Date;
	/** API key -> owners (first segment of endpoint ids) it may read. Default {[demoKey]: ['fal-ai', 'acme']}. */
	keys?: Record<string, string[]>;
	/** Rows in the data, spread over 7 days. Default 20,000; at least 100. */
	requests?: number;
	/** Misbehaviour. Default none. */
	faults?: Faults;
};

/** One request the emulator received. The API key is never recorded. */
export type LoggedRequest = {
	path: string;
	query: Record<string, string[]>;
	/** Status answered; 0 while the answer is pending. */
	status: number;
	/** Whether the request carried a key the emulator knows. */
	authorized: boolean;
	/** When it arrived (ms since the epoch, the real clock): how far apart retries came. */
	at: number;
};

export type Emulator = {
	/** The client's prefix URL: `http://127.0.0.1:PORT/v1`. */
	url: string;
	port: number;
	/** Replaces the active misbehaviour. */
	setFaults(faults: Faults): void;
	/** `count` new requests arrive now, on top of the ended_at order. */
	addRequests(count: number): void;
	/** Every request received, in order. */
	log: LoggedRequest[];
	dataset: Dataset;
	close(): Promise<void>;
};

const listPath = '/v1/serverless/requests/by-endpoint';
const errorIdSalt = 0x3e_ee_1d_5a;

function queryRecord(params: URLSearchParams): Record<string, string[]> {
	const record: Record<string, string[]> = {};
	for (const [name, value] of params) {
		(record[name] ??= []).push(value);
	}

	return record;
}

function deliver(response: ServerResponse, answer: Answer, spoiler: Spoiler | undefined): void {
	const body = Buffer.from(answer.body);
	if (spoiler === 'truncate') {
		const cut = body.subarray(0, Math.floor(body.length / 2));
		response.writeHead(answer.status, {...answer.headers, 'content-length': cut.length}).end(cut);
		return;
	}

	response.writeHead(answer.status, {...answer.headers, 'content-length': body.length});
	if (spoiler === 'drop') {
		// The promised length never arrives: the client sees a connection reset mid-body.
		response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
		return;
	}

	response.end(body);
}

/** Starts the local emulator of GET /v1/serverless/requests/by-endpoint on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const now = options.now ?? (() => new Date());
	const store = new Store({seed: options.seed ?? 42, anchor: now().getTime(), requests: options.requests ?? 20_000});
	const keys = new Map(Object.entries(options.keys ?? {[demoKey]: ['fal-ai', 'acme']}));
	const faults = new FaultState(options.faults ?? {});
	const log: LoggedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	let served = 0;

	function ownersOf(request: IncomingMessage): string[] | undefined {
		const match = /^Key (.+)$/.exec(request.headers.authorization ?? '');
		return match ? keys.get(match[1]!) : undefined;
	}

	function listAnswer(params: URLSearchParams, owners: string[] | undefined, errorOptions: {requestId: string; isHostile: boolean}): Answer {
		if (!owners) {
			return errorAnswer(401, 'authorization_error', "Missing or unknown API key: send it as 'Authorization: Key <your key>'.", errorOptions);
		}

		const query = parsePageQuery(params, now().getTime());
		const foreign = query.endpointIds.find((id) => !owners.includes(id.split('/')[0]!));
		if (foreign !== undefined) {
			return errorAnswer(403, 'authorization_error', `This key does not own endpoint '${foreign}'.`, errorOptions);
		}

		const endpoints = store.endpointMask(query.endpointIds);
		const statusClass = query.status && statusClasses[query.status];
		if (query.hasCursor) {
			store.add(faults.takeNewRequests(), now().getTime(), {endpoints, statusClass});
		}

		const {rows, hasMore} = store.select({
			endpoints,
			start: query.start,
			end: query.end,
			statusClass,
			requestId: query.requestId,
			sortBy: query.sortBy,
			offset: (query.page - 1) * query.limit,
			limit: query.limit,
		});
		const expand = {payloads: query.expand.has('payloads'), billing: query.expand.has('billing')};
		const suffix = errorOptions.isHostile ? hostileMessage('') : '';
		const items = rows.map((row) => store.itemText(row, expand, suffix)).join(',');
		const nextCursor = hasMore ? `"${cursorFor(query.page + 1)}"` : 'null';
		return jsonAnswer(200, `{"items":[${items}],"next_cursor":${nextCursor},"has_more":${hasMore}}`);
	}

	/** The answer and how it is delivered: a fault either replaces the answer or spoils its delivery, never both. */
	function answer(request: IncomingMessage, url: URL, owners: string[] | undefined): [Answer, Spoiler | undefined] {
		const errorOptions = {requestId: uuidFor(errorIdSalt, served++), isHostile: faults.takeHostile()};
		const replacement = faults.takeReplacement();
		if (replacement) {
			return [replacementAnswer(replacement, errorOptions), undefined];
		}

		const spoiler = faults.takeSpoiler();
		if (url.pathname !== listPath || request.method !== 'GET') {
			const message = `There is no ${request.method} ${url.pathname}; this API serves GET ${listPath}.`;
			return [errorAnswer(404, 'not_found', message, errorOptions), spoiler];
		}

		try {
			return [listAnswer(url.searchParams, owners, errorOptions), spoiler];
		} catch (error) {
			const isInvalid = error instanceof QueryError;
			const message = isInvalid ? error.message : `The emulator failed: ${String(error)}`;
			return [errorAnswer(isInvalid ? 400 : 500, isInvalid ? 'validation_error' : 'server_error', message, errorOptions), spoiler];
		}
	}

	const server = createServer((request, response) => {
		request.resume();
		const url = new URL(`http://127.0.0.1${request.url ?? '/'}`);
		const owners = ownersOf(request);
		const entry: LoggedRequest = {path: url.pathname, query: queryRecord(url.searchParams), status: 0, authorized: owners !== undefined, at: Date.now()};
		log.push(entry);
		const respond = () => {
			const [result, spoiler] = answer(request, url, owners);
			entry.status = result.status;
			if (!response.destroyed) {
				deliver(response, result, spoiler);
			}
		};

		if (faults.latencyMs > 0) {
			const timer = setTimeout(() => {
				timers.delete(timer);
				respond();
			}, faults.latencyMs);
			timers.add(timer);
		} else {
			respond();
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}/v1`,
		port,
		setFaults: (next) => faults.replace(next),
		addRequests: (count) => store.add(count, now().getTime()),
		log,
		dataset: store,
		async close() {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}
