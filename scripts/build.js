// Bundles the CLI with esbuild: one ESM entry (dist/cli.js) plus chunks that
// are loaded on demand, so `--version`, `--help` and `list` never load Ink.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import {bundleOptions} from './bundle-options.js';
import {inkPlugins} from './ink-plugins.js';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

/**
 * meow's bundled dependencies set up normalize-package-data as they load, and
 * its licence tables cost a sixth of loading main. meow only calls it for a
 * package it reads itself, and falreq hands meow its name and version: load it
 * on that first call instead. The build fails if meow stops matching.
 */
const meowNormalizeOnDemand = {
	name: 'meow: normalize-package-data on demand',
	setup(build) {
		const eager = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
		const onDemand = 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);';
		build.onLoad({filter: /[\\/]node_modules[\\/]meow[\\/]build[\\/]dependencies\.js$/}, async ({path: file}) => {
			const source = await readFile(file, 'utf8');
			if (!source.includes(eager)) {
				throw new Error(`meow no longer sets up normalize-package-data as scripts/build.js expects (${file})`);
			}

			return {contents: source.replace(eager, onDemand), loader: 'js'};
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
	plugins: [...inkPlugins, meowNormalizeOnDemand],
});
await chmod('dist/cli.js', 0o755);
