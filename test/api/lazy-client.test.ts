import {afterAll, beforeAll, expect, it} from 'vitest';
import {lazyClient, withFirstAnswer} from '../../source/api/lazy-client.js';
import {demoKey, startEmulator, type Emulator} from '../../source/emulator/server.js';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({port: 0});
});
afterAll(async () => {
	await emulator.close();
});

const query = {endpointIds: ['fal-ai/flux/dev'], limit: 5};

it('answers like the client it loads on the first request', async () => {
	const client = lazyClient({apiUrl: emulator.url, apiKey: demoKey});
	const page = await client.listRequests(query);
	expect(page.items).toHaveLength(5);
});

it('says when the first request has been answered, failed ones included', async () => {
	const {client, firstAnswer} = withFirstAnswer(lazyClient({apiUrl: emulator.url, apiKey: 'fal_wrong_key_0000'}));
	let isAnswered = false;
	void firstAnswer.then(() => {
		isAnswered = true;
	});
	await expect(client.listRequests(query)).rejects.toMatchObject({kind: 'unauthorized'});
	await firstAnswer;
	expect(isAnswered).toBe(true);
});
