import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {runPiped} from './helpers/run.js';

test('the README shows the same usage as falreq --help (npm run readme)', async () => {
	const help = await runPiped(['--help']);
	expect(help.code).toBe(0);
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	expect(readme).toContain(help.stdout.trim());
	expect(readme).toContain('npm install && npm run demo');
	expect(readme).toContain('npm test');
});
