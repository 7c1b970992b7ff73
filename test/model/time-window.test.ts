/** The window a key or a typed filter comes to: quick ranges, request id lookups, and times typed without a zone. */
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Model} from '../../source/model/model.js';
import {effectsOf, explorer, key, now, type} from './harness.js';

const requestId = '7b3f1c9e-2d4a-4e8b-9f01-23456789abcd';
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Types a request id into its field (Tab steps through the text fields from the endpoint) and applies it. */
function lookUp(model: Model, id = requestId) {
	return type(model, `/${key.tab}${key.tab}${key.tab}${id}${key.enter}`);
}

/** The command `C` copies. */
function copied(model: Model): string | undefined {
	return effectsOf(type(model, 'C').effects, 'copy')[0]?.text;
}

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

describe('a request id lookup', () => {
	it('after a quick range searches the API\'s 90 days: no start is sent, the start field is emptied, and C copies no --since', () => {
		const ranged = type(explorer().model, 'TT').model;
		expect(ranged.form.applied.start).toBe('1h');
		const {model} = lookUp(ranged);
		expect(model.feed.query).toMatchObject({requestId, start: undefined, end: undefined});
		expect(model.form.applied).toMatchObject({requestId, start: ''});
		expect(copied(model)).toBe(`falreq -e fal-ai/flux/dev --request-id ${requestId}`);
	});

	it('keeps a start the user typed', () => {
		const typed = explorer({filters: {endpointIds: ['fal-ai/flux/dev'], start: '1h'}}).model;
		const {model} = lookUp(typed);
		expect(model.feed.query).toMatchObject({requestId, start: new Date(now - hourMs).toISOString()});
		expect(copied(model)).toBe(`falreq -e fal-ai/flux/dev --since 1h --request-id ${requestId}`);
	});

	it('keeps a quick range picked during the lookup', () => {
		const {model} = lookUp(explorer().model);
		const ranged = type(model, 't').model;
		expect(ranged.form.applied).toMatchObject({requestId, start: '15m'});
		expect(ranged.feed.query?.start).toBe(new Date(now - (hourMs / 4)).toISOString());
	});

	it('also leaves out a quick range remembered from an earlier run', () => {
		const remembered = explorer({filters: {endpointIds: ['fal-ai/flux/dev'], start: '6h', isQuickRange: true}}).model;
		expect(lookUp(remembered).model.feed.query?.start).toBeUndefined();
	});
});

describe('times typed without a zone', () => {
	const saved = process.env['TZ'];
	beforeAll(() => {
		process.env['TZ'] = 'Asia/Kolkata';
	});
	afterAll(() => {
		if (saved === undefined) {
			delete process.env['TZ'];
		} else {
			process.env['TZ'] = saved;
		}
	});

	const filters = {endpointIds: ['fal-ai/flux/dev'], start: '2026-11-27', end: '2026-11-28 06:00'};

	it('are read in local time, and C writes them with its offset', () => {
		const {model} = explorer({filters});
		expect(model.feed.query).toMatchObject({start: '2026-11-26T18:30:00.000Z', end: '2026-11-28T00:30:00.000Z'});
		expect(copied(model)).toBe('falreq -e fal-ai/flux/dev --start 2026-11-27T00:00:00+05:30 --end 2026-11-28T06:00:00+05:30');
	});

	it('are read in UTC once u shows times in UTC: the window moves, its rows are asked for again', () => {
		const {model, effects} = type(explorer({filters}).model, 'u');
		expect(model.isUtc).toBe(true);
		expect(model.feed.query).toMatchObject({start: '2026-11-27T00:00:00.000Z', end: '2026-11-28T06:00:00.000Z'});
		expect(effectsOf(effects, 'fetchPage')).toHaveLength(1);
		expect(model.notice).toBe('The window is read in UTC now, as the times are shown.');
		expect(copied(model)).toBe('falreq -e fal-ai/flux/dev --start 2026-11-27T00:00:00Z --end 2026-11-28T06:00:00Z');
		expect(type(model, 'u').model.feed.query).toMatchObject({start: '2026-11-26T18:30:00.000Z'});
	});

	it('leave u a switch of the times shown only, when the window has none', () => {
		const {model, effects} = type(explorer({filters: {endpointIds: ['fal-ai/flux/dev'], start: '6h'}}).model, 'u');
		expect(model.isUtc).toBe(true);
		expect(effectsOf(effects, 'fetchPage')).toHaveLength(0);
	});
});
