/**
 * What reaches the update function: keys, resizes, answers, timers. Each
 * answer names what it answers (a feed generation, a request id), so one that
 * a newer request made stale is dropped.
 */
import type {RetryInfo} from '../api/client.js';
import type {Filters, Query, RequestItem, RequestPage} from '../api/types.js';
import type {Key} from '../input/keys.js';
import type {FailureFetch} from '../state/failure-outputs.js';
import type {LoadError} from '../state/feed.js';
import type {Payload} from '../state/payload-cache.js';
import type {Rows} from '../state/row-list.js';
import type {CopyResult} from '../terminal/clipboard.js';
import type {OpenResult} from '../terminal/hand-over.js';
import type {SaveResult} from '../terminal/save.js';
import type {ExportFormat} from '../triage/export.js';
import type {SavePart} from '../views/detail-pane/save-flow.js';
import type {PayloadsTask, Task} from './model.js';

export type Msg =
	| {type: 'key'; key: Key}
	| {type: 'resize'; columns: number; rows: number}
	| {type: 'pageLoaded'; generation: number; cursor: string | undefined; page: RequestPage}
	| {type: 'pageFailed'; generation: number; cursor: string | undefined; error: LoadError}
	/** A request of `task` is waiting to be tried again. */
	| {type: 'retrying'; task: Task; info: RetryInfo}
	/** The cursor rested: the selected request's payloads are being fetched. */
	| {type: 'payloadLoading'; requestId: string}
	| {type: 'payloadLoaded'; requestId: string; payload: Payload}
	| {type: 'payloadFailed'; requestId: string; error: LoadError}
	/** A page of failed rows' outputs; the fetch it answers is the one in flight, or it is dropped. */
	| {type: 'failuresPage'; fetch: FailureFetch; page: RequestPage}
	| {type: 'failuresDone'; fetch: FailureFetch}
	| {type: 'failuresFailed'; fetch: FailureFetch; message: string}
	/** Time for follow mode's next poll. */
	| {type: 'pollDue'; session: number}
	| {type: 'polled'; session: number; items: readonly RequestItem[]}
	| {type: 'pollFailed'; session: number; error: LoadError}
	/** A second has passed while a countdown is shown. */
	| {type: 'tick'}
	| {type: 'copied'; what: string; result: CopyResult}
	| {type: 'copyFailed'; what: string; message: string}
	| {type: 'handedBack'; command: 'pager' | 'editor'; result: OpenResult}
	| {type: 'saved'; part: SavePart; name: string; result: SaveResult}
	/** The key typed at the login prompt was checked: undefined when accepted and stored, else why not. */
	| {type: 'loginChecked'; refusal: string | undefined}
	| {type: 'rememberFailed'; message: string}
	/** The payloads a key asked for, in the order asked (`requestIds`). */
	| {type: 'payloadsFetched'; task: PayloadsTask; requestIds: readonly string[]; payloads: readonly Payload[]}
	| {type: 'payloadsFailed'; task: PayloadsTask; requestIds: readonly string[]; error: LoadError}
	/** A file of rows written (`w`), or why not; `exact` rows were the API's own text. */
	| {type: 'exported'; format: ExportFormat; count: number; exact: number; result: SaveResult};

/** Side effects update asks for; they run outside (source/runtime/effects.ts) and report back as messages. */
export type Effect =
	| {type: 'fetchPage'; generation: number; query: Query; cursor: string | undefined}
	/** The selected request changed (undefined: none shown): fetch its payloads once the cursor rests, unless they are at hand. */
	| {type: 'selectPayload'; item: RequestItem | undefined; delayMs: number}
	| {type: 'retryPayload'; item: RequestItem}
	/** Payloads of requests a key needs (`R`, `D`), from the cache where they are. */
	| {type: 'fetchPayloads'; task: PayloadsTask; items: readonly RequestItem[]}
	/** Writes `items` to a new file `name`, fetched again over `query`'s window for the API's own text of each. */
	| {type: 'export'; format: ExportFormat; query: Query; items: readonly RequestItem[]; name: string}
	/** Pages of one outputs fetch, `maxPages` at most. */
	| {type: 'fetchFailures'; fetch: FailureFetch; maxPages: number}
	| {type: 'schedulePoll'; session: number; delayMs: number}
	| {type: 'poll'; session: number; query: Query; rows: Rows}
	/** Stops a task; 'remember' drops filters waiting to be remembered. */
	| {type: 'cancel'; task: 'page' | 'failures' | 'poll' | 'remember' | PayloadsTask}
	/** One `tick` message after a second. */
	| {type: 'tick'}
	| {type: 'copy'; text: string; what: string}
	| {type: 'handOver'; command: 'pager' | 'editor'; text: string}
	| {type: 'save'; part: SavePart; name: string; text: string; isOverwrite: boolean}
	| {type: 'remember'; filters: Filters; delayMs: number}
	| {type: 'login'; key: string}
	/** A message to handle next, once this one's effects have run (Bubble Tea's command that returns a message). */
	| {type: 'send'; msg: Msg}
	| {type: 'quit'};
