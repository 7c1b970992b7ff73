/** The emulator the scanner's tests walk: a fixed clock, 3,000 requests, faults and log cleared before each test. */
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {createClient, type ApiClient} from '../../source/api/client.js';
import type {Query} from '../../source/api/types.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {fixedNow} from '../emulator/helpers.js';

const hour = 3_600_000;

/** The last `hours` before the emulator's fixed now, over three endpoints. */
export function lastHours(hours: number, query: Partial<Query> = {}): Query {
	return {
		endpointIds: ['fal-ai/flux/dev', 'acme/upscaler', 'fal-ai/kling-video'],
		start: new Date(fixedNow.getTime() - (hours * hour)).toISOString(),
		end: fixedNow.toISOString(),
		...query,
	};
}

export type ScanEmulator = {readonly emulator: Emulator; readonly client: ApiClient};

/** Starts the emulator for the file's tests, and a client of it (retries 1 ms apart); read them once the tests run. */
export function useScanEmulator(): ScanEmulator {
	const started: {emulator?: Emulator; client?: ApiClient} = {};
	beforeAll(async () => {
		started.emulator = await startEmulator({now: () => fixedNow, requests: 3000});
		started.client = createClient({apiUrl: started.emulator.url, apiKey: demoKey, backoffMs: 1});
	});
	afterAll(async () => started.emulator?.close());
	beforeEach(() => {
		started.emulator!.setFaults({});
		started.emulator!.log.length = 0;
	});
	return {
		get emulator() {
			return started.emulator!;
		},
		get client() {
			return started.client!;
		},
	};
}
