import {expect, test} from 'vitest';
import {formatJson} from '../../source/json/format.js';

test('JSON nested 10,000 deep is printed too, past where JSON.stringify gives up', () => {
	let deep: unknown = 1;
	for (let index = 0; index < 10_000; index++) {
		deep = [deep];
	}

	const text = formatJson(deep);
	expect(text.split('[').length - 1).toBe(10_000);
	expect(text.replaceAll(/\s/g, '')).toBe(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
});
