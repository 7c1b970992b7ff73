/** Tests that set TZ put it back afterwards: the next test file in the worker reads the zone it found. */
import {afterEach} from 'vitest';

export function restoreTimeZoneAfterEach(): void {
	const saved = process.env['TZ'];
	afterEach(() => {
		if (saved === undefined) {
			delete process.env['TZ'];
		} else {
			process.env['TZ'] = saved;
		}
	});
}
