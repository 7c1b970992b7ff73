// Bundles the CLI with esbuild: one ESM entry (dist/cli.js) plus chunks that
// are loaded on demand, so `--version`, `--help` and `list` never load Ink.
import {build} from 'esbuild';
import {rm, chmod, readFile} from 'node:fs/promises';

const {version} = JSON.parse(await readFile('package.json', 'utf8'));

await rm('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/cli.ts'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	// Ink imports react-devtools-core only when DEV is set; never ship it.
	alias: {'react-devtools-core': './scripts/empty.js'},
	define: {'process.env.NODE_ENV': '"production"', FALREQ_VERSION: JSON.stringify(version)},
	// Some dependencies are CommonJS and call require() at run time.
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __falreqCreateRequire} from 'node:module';const require=__falreqCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
