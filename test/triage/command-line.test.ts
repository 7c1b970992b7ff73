import {execFileSync} from 'node:child_process';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {shellQuote, toCommandLine} from '../../source/triage/command-line.js';

describe('toCommandLine', () => {
	it('reproduces the view with the flags a user would type', () => {
		expect(toCommandLine({endpointIds: ['fal-ai/flux/dev'], status: 'error', start: '6h', isQuickRange: true}, 'UTC')).toBe('falreq -e fal-ai/flux/dev --since 6h --status error');
	});

	it('writes every filter that differs from the default, and only those', () => {
		const line = toCommandLine({
			endpointIds: ['fal-ai/flux/dev', 'acme/app'],
			start: '2026-03-01T12:00:00Z',
			end: '2026-03-02',
			status: 'user_error',
			requestId: '7b3f1c9e-2d4a-4e8b-9f01-23456789abcd',
			sortBy: 'duration',
			limit: 100,
			billing: true,
		}, 'UTC');
		expect(line).toBe(
			'falreq -e fal-ai/flux/dev -e acme/app --start 2026-03-01T12:00:00Z --end 2026-03-02T00:00:00Z --status user_error --request-id 7b3f1c9e-2d4a-4e8b-9f01-23456789abcd --sort duration --limit 100 --billing',
		);
		expect(toCommandLine({endpointIds: ['a/b'], sortBy: 'ended_at', limit: 50, billing: false}, 'UTC')).toBe('falreq -e a/b');
	});

	it('writes a date or time typed without an offset with the offset of the zone it was read in, so the command means the same window anywhere', () => {
		expect(toCommandLine({endpointIds: ['a/b'], start: '2026-12-01', end: '2026-12-01 18:30'}, 'Asia/Kolkata')).toBe(
			'falreq -e a/b --start 2026-12-01T00:00:00+05:30 --end 2026-12-01T18:30:00+05:30',
		);
		expect(toCommandLine({endpointIds: ['a/b'], start: '2026-07-01T09:00', end: '2026-07-01T10:00-07:00'}, 'America/New_York')).toBe(
			'falreq -e a/b --start 2026-07-01T09:00:00-04:00 --end 2026-07-01T10:00-07:00',
		);
	});

	it('quotes values with spaces, quotes and $ so a shell passes them through unchanged', () => {
		expect(toCommandLine({endpointIds: ["it's $HOME/`x` a b"]}, 'UTC')).toBe(`falreq -e 'it'\\''s $HOME/\`x\` a b'`);
		expect(toCommandLine({endpointIds: ['-rf']}, 'UTC')).toBe('falreq --endpoint=-rf');
	});

	it('gives a real shell back exactly the values it was made of', () => {
		const awkward = ["it's", 'two words', '$HOME', '`id`', '"quoted"', 'back\\slash', '*', 'semi;colon', 'new\nline', ''];
		const line = toCommandLine({endpointIds: awkward, start: '6h'}, 'UTC');
		// `set --` makes the words the shell's arguments; printf shows each between markers.
		const printed = execFileSync('sh', ['-c', `set -- ${line}; for word in "$@"; do printf '<%s>' "$word"; done`], {encoding: 'utf8', env: {PATH: process.env['PATH']}});
		expect(printed).toBe(['falreq', ...awkward.flatMap(id => ['-e', id]), '--since', '6h'].map(word => `<${word}>`).join(''));
	});
});

describe('shellQuote', () => {
	it('leaves plain words alone and single-quotes the rest', () => {
		expect(shellQuote('fal-ai/flux-pro/v1.1')).toBe('fal-ai/flux-pro/v1.1');
		expect(shellQuote('')).toBe("''");
		expect(shellQuote('a;b|c&d')).toBe("'a;b|c&d'");
		expect(shellQuote('*')).toBe("'*'");
	});
});
