import {expect, it} from 'vitest';
import {IdSet} from '../../source/api/id-set.js';

it('grows page by page, leaving every earlier set as it was', () => {
	const sets = [IdSet.empty];
	for (let page = 0; page < 50; page++) {
		sets.push(sets.at(-1)!.with(Array.from({length: 10}, (_, index) => `${page}-${index}`)));
	}

	expect(sets[50]!.size).toBe(500);
	expect(sets[50]!.has('0-0') && sets[50]!.has('49-9')).toBe(true);
	expect(sets[20]!.size).toBe(200);
	expect(sets[20]!.has('19-9')).toBe(true);
	expect(sets[20]!.has('20-0')).toBe(false);
	expect(new Set(sets[20]).size).toBe(200);
});

it('counts an id once, however often it is added', () => {
	const set = IdSet.empty.with(['a', 'b']).with(['b', 'c', 'c']);
	expect(set.size).toBe(3);
	expect([...set].sort()).toEqual(['a', 'b', 'c']);
	expect(set.with(['a'])).toBe(set);
});

it('takes a plain set in', () => {
	const set = IdSet.from(new Set(['x']));
	expect(set.has('x')).toBe(true);
	expect(IdSet.from(set)).toBe(set);
});
