// The modules of Ink that falreq's bundle replaces with faster ones of its own.
// The benchmarks bundle their baseline Ink apps with them too, so that a
// comparison with Ink measures what falreq adds, not what these take away.
import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The string-width falreq itself depends on, as a real path: the same however node_modules is linked or hoisted. */
const stringWidth = realpathSync(fileURLToPath(import.meta.resolve('string-width')));

/**
 * A plugin that hands `module`, where `isTaken({importer, resolved})` says so,
 * the file `replacement` instead. The build fails if it never does: a newer
 * dependency importing differently would otherwise silently lose it.
 */
function replaceImport(module, replacement, isTaken) {
	const file = path.join(root, replacement);
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
					throw new Error(`Nothing imports ${module} as scripts/ink-plugins.js expects any more: see ${replacement}`);
				}
			});
		},
	};
}

export const inkPlugins = [
	// Ink's output stage (ink/build/output.js) gets the cached tokenizer.
	replaceImport('@alcalzone/ansi-tokenize', 'source/terminal/ansi-tokenize-cache.ts', ({importer}) =>
		importer.endsWith(path.join('node_modules', 'ink', 'build', 'output.js'))),
	// Ink's modules that measure text get the fast string-width; the older copy wrap-ansi has of its own is left alone.
	replaceImport('string-width', 'source/terminal/string-width-fast.ts', ({resolved}) => realpathSync(resolved) === stringWidth),
];
