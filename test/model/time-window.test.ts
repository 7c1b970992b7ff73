/** The window a key or a typed filter comes to. */
import {describe, expect, it} from 'vitest';
import {explorer, now, type} from './harness.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

describe('t and T', () => {
	it('step from the default 24h to 7d, and back through 6h, 1h and 15m round to 7d', () => {
		const starts: Array<string | undefined> = [];
		let {model} = explorer();
		for (const typed of 'tTTTTT') {
			model = type(model, typed).model;
			starts.push(model.feed.query?.start);
		}

		expect(starts).toEqual([7 * dayMs, dayMs, 6 * hourMs, hourMs, hourMs / 4, 7 * dayMs].map(age => new Date(now - age).toISOString()));
	});

	it('step from a window of another length to the ranges either side of it', () => {
		const {model} = explorer({filters: {endpointIds: ['fal-ai/flux/dev'], start: '2h'}});
		expect(type(model, 't').model.form.applied.start).toBe('6h');
		expect(type(model, 'T').model.form.applied.start).toBe('1h');
	});
});
