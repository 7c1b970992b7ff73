// esbuild options shared by the CLI build and the benchmarks' baseline apps, so both are bundled alike.
export const bundleOptions = {
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	alias: {
		// Ink imports react-devtools-core only when DEV is set; never ship it.
		'react-devtools-core': new URL('empty.js', import.meta.url).pathname,
		// got reaches for http2-wrapper only with its `http2` option, which falreq never sets; loading it anyway
		// builds a TLS context and costs the first request about 25 ms.
		'http2-wrapper': new URL('empty.js', import.meta.url).pathname,
	},
	define: {'process.env.NODE_ENV': '"production"'},
	// Some dependencies are CommonJS and call require() at run time.
	banner: {
		js: "import {createRequire as __falreqCreateRequire} from 'node:module';const require=__falreqCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
};
