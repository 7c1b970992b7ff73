// Bundles the CLI with esbuild: one ESM entry (dist/cli.js) plus chunks that
// are loaded on demand, so `--version`, `--help` and `list` never load Ink.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {bundleOptions} from './bundle-options.js';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

/** Ink's output stage (ink/build/output.js) gets the cached tokenizer of source/terminal/ansi-tokenize-cache.ts. */
const inkOutputCache = {
	name: 'ink-output-cache',
	setup(build) {
		const inkOutput = path.join('node_modules', 'ink', 'build', 'output.js');
		let isApplied = false;
		build.onResolve({filter: /^@alcalzone\/ansi-tokenize$/}, ({importer}) => {
			if (!importer.endsWith(inkOutput)) {
				return undefined;
			}

			isApplied = true;
			return {path: path.resolve('source/terminal/ansi-tokenize-cache.ts')};
		});
		// A newer Ink that imports differently would silently lose the cache: fail the build instead.
		build.onEnd(() => {
			if (!isApplied) {
				throw new Error(`${inkOutput} no longer imports @alcalzone/ansi-tokenize: see scripts/build.js`);
			}
		});
	},
};

/** Ink's modules that measure text get the string-width of source/terminal/string-width-fast.ts; the copy wrap-ansi has of its own is left alone. */
const inkStringWidth = {
	name: 'ink-string-width',
	setup(build) {
		const wrapper = path.resolve('source/terminal/string-width-fast.ts');
		const shared = path.resolve('node_modules/string-width/index.js');
		let isApplied = false;
		build.onResolve({filter: /^string-width$/}, async ({importer, resolveDir, kind, pluginData}) => {
			if (importer === wrapper || pluginData === 'as is') {
				return undefined;
			}

			const {path: resolved} = await build.resolve('string-width', {resolveDir, kind, pluginData: 'as is'});
			if (resolved !== shared) {
				return undefined;
			}

			isApplied = true;
			return {path: wrapper};
		});
		build.onEnd(() => {
			if (!isApplied) {
				throw new Error('Ink no longer imports string-width as scripts/build.js expects');
			}
		});
	},
};

await rm('dist', {recursive: true, force: true});
await build({
	...bundleOptions,
	entryPoints: ['source/cli.ts'],
	outdir: 'dist',
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	define: {...bundleOptions.define, FALREQ_VERSION: JSON.stringify(version)},
	banner: {js: `#!/usr/bin/env node\n${bundleOptions.banner.js}`},
	plugins: [inkOutputCache, inkStringWidth],
});
await chmod('dist/cli.js', 0o755);
