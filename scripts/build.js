// Bundles the CLI with esbuild: one ESM entry (dist/cli.js) plus chunks that
// are loaded on demand, so `--version`, `--help` and `list` never load Ink.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import {bundleOptions} from './bundle-options.js';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

await rm('dist', {recursive: true, force: true});
await build({
	...bundleOptions,
	entryPoints: ['source/cli.ts'],
	outdir: 'dist',
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	define: {...bundleOptions.define, FALREQ_VERSION: JSON.stringify(version)},
	banner: {js: `#!/usr/bin/env node\n${bundleOptions.banner.js}`},
});
await chmod('dist/cli.js', 0o755);
