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
	/** This run's own emulator, with the same data as the other run's, and its own log and faults. */
	emulator: Emulator;
};

export type BothModesOptions = {
	/** Options of both emulators. Default: the emulator's defaults, with the secret test key let in as the demo key is. */
	emulator?: Omit<EmulatorOptions, 'port' | 'now'>;
	/** Masks what legitimately differs between two screens drawn at slightly different times. Default: `maskSparklines`. */
	normalise?: (screen: string) => string;
};

/**
 * The summary strip's sparklines (the lines starting `req ` and `err `) put
 * rows in time buckets that move with the clock, so two runs a moment apart
 * may draw them a bar apart; the figures after them must still agree.
 */
export function maskSparklines(screen: string): string {
	return screen.replaceAll(/^(req|err) .*? (?=p50 |errors )/gm, '$1 ~ ');
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
 * Emulators that hold the same rows to the millisecond: their data is laid
 * out back from the first reading of their clock, which is made the same.
 */
async function twinEmulators(options: BothModesOptions['emulator']): Promise<Emulator[]> {
	const anchor = Date.now();
	const clock = (): (() => Date) => {
		let isRead = false;
		return () => {
			const now = isRead ? new Date() : new Date(anchor);
			isRead = true;
			return now;
		};
	};

	const keys = {[demoKey]: ['fal-ai', 'acme'], [secretKey]: ['fal-ai', 'acme']};
	return Promise.all(typings.map(async () => startEmulator({keys, ...options, port: 0, now: clock()})));
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
		const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [`Typed ${typings[index]}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`] : []));
		if (failures.length > 0) {
			throw new Error(failures.join('\n\n'));
		}

		const normalise = options.normalise ?? maskSparklines;
		const [paced, burst] = results.map(result => normalise((result as PromiseFulfilledResult<string>).value));
		expect(burst, 'the screen after the keys typed in one write, against the one after the keys typed one by one').toBe(paced);
		const [pacedRequests, burstRequests] = emulators.map(emulator => emulator.log.map(describeRequest).sort());
		expect(burstRequests, 'the requests sent with the keys typed in one write, against those typed one by one').toEqual(pacedRequests);
	} finally {
		await Promise.all(emulators.map(async emulator => emulator.close()));
	}
}
