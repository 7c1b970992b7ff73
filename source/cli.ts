/**
 * Entry point. `--version` is answered before anything else is loaded, so
 * scripts that ask for it pay for Node alone; the rest lives in main.ts.
 */
import process from 'node:process';
import v8 from 'node:v8';

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
	process.stdout.write(`${FALREQ_VERSION}\n`);
} else {
	// What falreq keeps alive is small (loaded rows are packed outside the heap), but V8 lets the heap grow to
	// four times that and more between full collections: 100 MB of garbage at 100,000 rows. Growing by half keeps
	// the peak near what is in use, at the price of more frequent full collections, mostly done concurrently.
	v8.setFlagsFromString('--heap-growing-percent=50');
	const {run} = await import('./main.js');
	process.exitCode = await run();
}
