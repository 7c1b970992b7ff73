/** Drives the update function without Ink: a model with rows, keys typed as a terminal sends them, the effects asked for. */
import {validateFilters} from '../../source/api/query.js';
import {localZone} from '../../source/api/zone.js';
import type {Filters, RequestItem, RequestPage} from '../../source/api/types.js';
import {createKeyDecoder} from '../../source/input/keys.js';
import type {Effect, Msg} from '../../source/model/messages.js';
import {initialModel, type Model} from '../../source/model/model.js';
import {start, update} from '../../source/model/update.js';
import {fakeRow} from '../views/fake-client.js';

export const now = Date.parse('2026-11-28T12:00:00Z');

export type ModelSetup = {
	/** Rows of the first page (fakeRow numbering). Default 100. */
	rows?: number;
	/** Whether the API says more exist. Default true. */
	hasMore?: boolean;
	filters?: Filters;
	columns?: number;
	lines?: number;
};

export function pageOf(items: RequestItem[], nextCursor: string | null): RequestPage {
	return {items, next_cursor: nextCursor, has_more: nextCursor !== null};
}

export function rows(from: number, to: number): RequestItem[] {
	return Array.from({length: to - from}, (_, index) => fakeRow(from + index));
}

/** A started explorer: the filters applied and their first page in, as at start-up. */
export function explorer(setup: ModelSetup = {}): {model: Model; effects: readonly Effect[]} {
	const count = setup.rows ?? 100;
	const filters = 'filters' in setup ? setup.filters : {endpointIds: ['fal-ai/flux/dev']};
	const firstPage = filters === undefined ? undefined : pageOf(rows(0, count), (setup.hasMore ?? true) ? 'Mg==' : null);
	return start(
		initialModel({
			initialFilters: filters,
			firstPage,
			validate: filters => validateFilters(filters, new Date(now), localZone()),
			now,
			size: {columns: setup.columns ?? 80, rows: setup.lines ?? 24},
			canLogin: true,
			payloadDelayMs: 150,
		}),
	);
}

/**
 * Applies messages one by one, as the loop does (a message an effect sends is
 * handled at once); returns the last model and every other effect asked for, in order.
 */
export function apply(model: Model, ...messages: Msg[]): {model: Model; effects: Effect[]} {
	let current = model;
	const effects: Effect[] = [];
	for (const msg of messages) {
		const next = update(current, msg, now);
		current = next.model;
		for (const effect of next.effects) {
			if (effect.type === 'send') {
				const sent = apply(current, effect.msg);
				current = sent.model;
				effects.push(...sent.effects);
			} else {
				effects.push(effect);
			}
		}
	}

	return {model: current, effects};
}

/** The keys a terminal sends for `bytes`, decoded as the explorer decodes stdin. */
export function keysOf(bytes: string): Msg[] {
	const decoder = createKeyDecoder();
	return [...decoder.feed(bytes), ...decoder.flush()].map(key => ({type: 'key', key}) as const);
}

/** Types `bytes` (as one write: a burst), as the explorer reads them. */
export function type(model: Model, bytes: string): {model: Model; effects: Effect[]} {
	return apply(model, ...keysOf(bytes));
}

export const key = {
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	backspace: '\u007F',
	ctrlU: '\u0015',
	ctrlW: '\u0017',
	ctrlC: '\u0003',
	pgdn: '\u001B[6~',
} as const;

/** The effects of one type, with their fields. */
export function effectsOf<T extends Effect['type']>(effects: readonly Effect[], type: T): Array<Extract<Effect, {type: T}>> {
	return effects.filter((effect): effect is Extract<Effect, {type: T}> => effect.type === type);
}
