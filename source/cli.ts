/**
 * Entry point. `--version` is answered before anything else is loaded, so
 * scripts that ask for it pay for Node alone; the rest lives in main.ts.
 */
import process from 'node:process';

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
	process.stdout.write(`${FALREQ_VERSION}\n`);
} else {
	const {run} = await import('./main.js');
	process.exitCode = await run();
}
