/**
 * Every end-to-end key script runs twice: typed paced (each key its own
 * write) and as one write (a burst, as keys arrive over SSH). The product
 * promises that keys act the same however they are read, so both runs must
 * end on the same screen, having sent the same requests.
 */
import {expect} from 'vitest';
import {demoKey, startEmulator, type Emulator, type EmulatorOptions, type LoggedRequest} from '../../source/emulator/server.js';
import {typings, type Typing} from './pty.js';
import {secretKey} from './secrets.js';

export type ModeRun = {
	/** How this run types its key scripts: pass it to `CliRun.type`. */
	mode: Typing;
	/** This run's own emulator, with the same data and clock as the other run's, and its own log and faults. */
	emulator: Emulator;
};

export type BothModesOptions = {
	/** Options of both emulators. Default: the emulator's defaults, with the secret test key let in as the demo key is. */
	emulator?: Omit<EmulatorOptions, 'port' | 'now'>;
	/** Masks what legitimately differs between two screens drawn at slightly different times. Default: `maskSparklines` and `maskWindowStart`. */
	normalise?: (screen: string) => string;
	/** Which of the requests received are compared. Default: all of them. */
	isCompared?: (entry: LoggedRequest) => boolean;
};

/**
 * The summary strip's sparklines (the lines starting `req ` and `err `) put
 * rows in time buckets that move with the clock, so two runs a moment apart
 * may draw them a bar apart; the figures after them must still agree.
 */
export function maskSparklines(screen: string): string {
	return screen.replaceAll(/^(req|err) .*? (?=p50 |errors )/gm, '$1 ~ ');
}

/** The start of the filter pane's window when it counts back from now: two runs a moment apart start it a second or so apart. */
export function maskWindowStart(screen: string): string {
	return screen.replaceAll(/(?:\d{4}-)?\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?= → now )/g, '~');
}

/**
 * Masks `text` wherever the screen shows it, even wrapped over lines: a
 * sentence naming a file in a run's own temporary directory. The directories
 * of the two runs must be as long (as `mkdtemp` makes them), so that the
 * sentence wraps at the same places in both.
 */
export function maskText(screen: string, text: string): string {
	const pattern = new RegExp([...text].map(character => character.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\n?'), 'g');
	return screen.replaceAll(pattern, found => found.replaceAll(/[^\n]/g, '#'));
}

/** A request as two runs are compared on: its path and query, without the time bounds, which move with the clock. */
export function describeRequest(entry: LoggedRequest): string {
	const query = Object.entries(entry.query)
		.filter(([name]) => name !== 'start' && name !== 'end')
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, values]) => `${name}=${values.join(',')}`);
	return `${entry.path}?${query.join('&')}`;
}

/**
 * Two emulators that answer alike: their clocks stand still at one instant,
 * so the data laid out back from it, the rows that arrive later and the
 * default time bounds are the same in both, however far apart in time the
 * two runs send the same request.
 */
async function twinEmulators(options: BothModesOptions['emulator']): Promise<Emulator[]> {
	const anchor = new Date();
	const keys = {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']};
	return Promise.all(typings.map(async () => startEmulator({keys, ...options, port: 0, now: () => anchor})));
}

/**
 * Runs `scenario` once per typing mode, both at once, each against its own
 * emulator (the same data), and expects the screens the scenario returns to
 * match and the emulators to have received the same requests (in any order:
 * a payload and a page fetched side by side may arrive either way round).
 * End each scenario on a settled screen, with nothing loading.
 */
export async function inBothModes(scenario: (run: ModeRun) => Promise<string>, options: BothModesOptions = {}): Promise<void> {
	const emulators = await twinEmulators(options.emulator);
	try {
		const results = await Promise.allSettled(typings.map(async (mode, index) => scenario({mode, emulator: emulators[index]!})));
		const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [{mode: typings[index]!, error: result.reason as unknown}] : []));
		if (failures.length > 0) {
			// The first failure, its diff kept, named by its mode; the other's message after it.
			const [first, ...others] = failures.map(({mode, error}) => (error instanceof Error ? Object.assign(error, {message: `Typed ${mode}: ${error.message}`}) : new Error(`Typed ${mode}: ${String(error)}`)));
			first!.message = [first!.message, ...others.map(error => error.message)].join('\n\n');
			throw first!;
		}

		const normalise = options.normalise ?? ((screen: string) => maskWindowStart(maskSparklines(screen)));
		const [paced, burst] = results.map(result => normalise((result as PromiseFulfilledResult<string>).value));
		expect(burst, 'the screen after the keys typed in one write, against the one after the keys typed one by one').toBe(paced);
		const isCompared = options.isCompared ?? (() => true);
		const [pacedRequests, burstRequests] = emulators.map(emulator => emulator.log.filter(entry => isCompared(entry)).map(describeRequest).sort());
		expect(burstRequests, 'the requests sent with the keys typed in one write, against those typed one by one').toEqual(pacedRequests);
	} finally {
		await Promise.all(emulators.map(async emulator => emulator.close()));
	}
}
