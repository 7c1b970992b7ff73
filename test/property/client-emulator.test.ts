/** For random valid filters, the real client asks the emulator only what the API accepts: not one 400. */
import fc from 'fast-check';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {createClient} from '../../source/api/client.js';
import {validateFilters} from '../../source/api/query.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';
import {filtersArbitrary} from './filters.js';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({port: 0, requests: 1000});
});

afterAll(async () => {
	await emulator.close();
});

/** Filters on endpoints the demo key owns, so that every valid query must be answered 200. */
const ownedFilters = filtersArbitrary.map(filters => ({
	...filters,
	endpointIds: filters.endpointIds.map((entry, index) => `${index % 2 === 0 ? 'fal-ai' : 'acme'}/${entry.replaceAll(',', ' ')}`),
}));

test('every query the client sends for valid filters is answered 200', async () => {
	const client = createClient({apiUrl: emulator.url, apiKey: demoKey, retries: 0});
	let sent = 0;
	await fc.assert(
		fc.asyncProperty(ownedFilters, async filters => {
			// The emulator's clock is the real one, so the filters are checked against it too.
			const result = validateFilters(filters, new Date(), 'UTC');
			fc.pre(result.ok);
			const before = emulator.log.length;
			const page = await client.listRequests(result.ok ? result.query : {endpointIds: []}).catch((error: Error) => error.message);
			sent++;
			expect(emulator.log.slice(before).map(entry => `${entry.status} ${JSON.stringify(entry.query)}`)).toEqual([
				expect.stringMatching(/^200 /),
			]);
			expect(typeof page).toBe('object');
		}),
		{numRuns: 500, maxSkipsPerRun: 100},
	);
	expect(sent).toBe(500);
});
