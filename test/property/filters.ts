/** Generators of filters as users type them: mostly plausible, often wrong, sometimes hostile. */
import fc from 'fast-check';
import {sortKeys, statuses, type Filters, type SortBy, type Status} from '../../source/api/types.js';
import {anyText} from './text.js';

const segment = fc.stringMatching(/^[\w.-]{1,12}$/);

/** An endpoint id of the form falreq accepts. */
export const validEndpointId = fc.oneof(
	fc.constantFrom('fal-ai/flux/dev', 'fal-ai/fast-sdxl', 'acme/upscaler', 'acme/upscaler/turbo'),
	fc.tuple(segment, fc.array(segment, {minLength: 1, maxLength: 3})).map(([owner, rest]) => [owner, ...rest].join('/')),
);

const endpointEntry = fc.oneof(
	{weight: 6, arbitrary: validEndpointId},
	{weight: 1, arbitrary: fc.array(validEndpointId, {maxLength: 4}).map(ids => ids.join(', '))},
	{weight: 1, arbitrary: anyText},
);

/** Times in every form parseTime knows, across the whole range a Date can hold, and text that is none of them. */
export const timeText = fc.oneof(
	{weight: 4, arbitrary: fc.tuple(fc.integer({min: 1, max: 60}), fc.constantFrom('m', 'h', 'd')).map(([count, unit]) => `${count}${unit}`)},
	{weight: 2, arbitrary: fc.date({min: new Date('2025-05-20T00:00:00Z'), max: new Date('2025-06-02T00:00:00Z'), noInvalidDate: true}).map(date => date.toISOString())},
	{weight: 1, arbitrary: fc.date({min: new Date('2025-05-20T00:00:00Z'), max: new Date('2025-06-02T00:00:00Z'), noInvalidDate: true}).map(date => date.toISOString().slice(0, 10))},
	{weight: 1, arbitrary: fc.date({min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true}).map(date => date.toISOString())},
	{weight: 1, arbitrary: fc.tuple(fc.nat({max: 999_999_999}), fc.constantFrom('s', 'm', 'h', 'd', 'w')).map(([count, unit]) => `${count}${unit}`)},
	{weight: 1, arbitrary: fc.constantFrom('now', '', ' ')},
	{weight: 1, arbitrary: anyText},
);

const uuid = fc.uuid();

export const filtersArbitrary: fc.Arbitrary<Filters> = fc.record(
	{
		endpointIds: fc.oneof(
			{weight: 8, arbitrary: fc.array(endpointEntry, {maxLength: 5})},
			{weight: 1, arbitrary: fc.array(validEndpointId, {minLength: 40, maxLength: 60})},
		),
		start: timeText,
		end: timeText,
		status: fc.oneof({weight: 8, arbitrary: fc.constantFrom(...statuses)}, {weight: 1, arbitrary: anyText}).map(value => value as Status),
		requestId: fc.oneof({weight: 8, arbitrary: uuid}, {weight: 1, arbitrary: uuid.map(id => ` ${id.toUpperCase()} `)}, {weight: 1, arbitrary: anyText}),
		sortBy: fc.oneof({weight: 8, arbitrary: fc.constantFrom(...sortKeys)}, {weight: 1, arbitrary: anyText}).map(value => value as SortBy),
		billing: fc.boolean(),
		limit: fc.oneof(
			{weight: 6, arbitrary: fc.integer({min: -5, max: 120})},
			{weight: 1, arbitrary: fc.double()},
			{weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 0.5)},
		),
	},
	{requiredKeys: ['endpointIds']},
);
