/** validateFilters and toSearchParams over generated filters: nothing throws, nothing invalid is sent, every refusal is a sentence about a field. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {splitEndpointIds, toSearchParams, validateFilters} from '../../source/api/query.js';
import type {Filters} from '../../source/api/types.js';
import {contractProblems} from './contract.js';
import {filtersArbitrary} from './filters.js';
import {sentenceProblem} from './text.js';

const now = new Date('2025-06-01T12:00:00.000Z');

/** How each field is named in words, so a user knows which input a problem is about. */
const fieldWords: Record<keyof Filters, RegExp> = {
	endpointIds: /endpoint/i,
	start: /\bstart\b/i,
	isQuickRange: /\bstart\b/i,
	end: /\bend\b/i,
	status: /\bstatus\b/i,
	requestId: /\brequest id\b/i,
	sortBy: /\bsort\b/i,
	billing: /\bbilling\b/i,
	limit: /\bpage size\b/i,
};

describe('validateFilters', () => {
	test('never throws; a query it passes obeys the API contract, a refusal is a sentence naming its field', () => {
		let accepted = 0;
		fc.assert(
			fc.property(filtersArbitrary, fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'), (filters, zone) => {
				const result = validateFilters(filters, now, zone);
				if (result.ok) {
					accepted++;
					expect(contractProblems(toSearchParams(result.query), now.getTime()).join('; '), JSON.stringify(filters)).toBe('');
					expect(result.query.endpointIds).toEqual(splitEndpointIds(filters.endpointIds));
				} else {
					expect(result.problems.length).toBeGreaterThan(0);
					for (const {field, message} of result.problems) {
						expect(sentenceProblem(message), message).toBeUndefined();
						expect(message, field).toMatch(fieldWords[field]);
					}
				}
			}),
			{numRuns: 5000},
		);
		// The generator must reach both outcomes often, or the property says little.
		expect(accepted).toBeGreaterThan(250);
		expect(accepted).toBeLessThan(4500);
	});
});

describe('splitEndpointIds', () => {
	test('gives trimmed, non-empty, comma-free ids, each once, whatever the entries', () => {
		fc.assert(
			fc.property(fc.array(fc.string({maxLength: 30}), {maxLength: 10}), entries => {
				const ids = splitEndpointIds(entries);
				expect(new Set(ids).size).toBe(ids.length);
				for (const id of ids) {
					expect(id).toBe(id.trim());
					expect(id).not.toBe('');
					expect(id).not.toContain(',');
				}
			}),
			{numRuns: 2000},
		);
	});
});
