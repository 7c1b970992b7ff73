// Bundles the CLI with esbuild: one ESM entry (dist/cli.js) plus chunks that
// are loaded on demand, so `--version`, `--help` and `list` never load Ink.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {bundleOptions} from './bundle-options.js';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

/**
 * A plugin that hands `module`, where `isTaken({importer, resolved})` says so,
 * the file `replacement` instead. The build fails if it never does: a newer
 * dependency importing differently would otherwise silently lose it.
 */
function replaceImport(module, replacement, isTaken) {
	const file = path.resolve(replacement);
	const filter = new RegExp(`^${module.replaceAll('/', '\\/')}$`);
	return {
		name: `replace ${module}`,
		setup(build) {
			let isApplied = false;
			build.onResolve({filter}, async ({importer, resolveDir, kind, pluginData}) => {
				if (importer === file || pluginData === 'as is') {
					return undefined;
				}

				const {path: resolved} = await build.resolve(module, {resolveDir, kind, pluginData: 'as is'});
				if (!isTaken({importer, resolved})) {
					return undefined;
				}

				isApplied = true;
				return {path: file};
			});
			build.onEnd(() => {
				if (!isApplied) {
					throw new Error(`Nothing imports ${module} as scripts/build.js expects any more: see ${replacement}`);
				}
			});
		},
	};
}

// Ink's output stage (ink/build/output.js) gets the cached tokenizer.
const inkOutputCache = replaceImport('@alcalzone/ansi-tokenize', 'source/terminal/ansi-tokenize-cache.ts', ({importer}) =>
	importer.endsWith(path.join('node_modules', 'ink', 'build', 'output.js')));
// Ink's modules that measure text get the fast string-width; the older copy wrap-ansi has of its own is left alone.
const inkStringWidth = replaceImport('string-width', 'source/terminal/string-width-fast.ts', ({resolved}) =>
	resolved === path.resolve('node_modules/string-width/index.js'));

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
	plugins: [inkOutputCache, inkStringWidth, meowNormalizeOnDemand],
});
await chmod('dist/cli.js', 0o755);
