// `npm run bench`: every figure the issues name, each beside its baseline from the same run.
import {access} from 'node:fs/promises';
import {benchBreakdown} from './breakdown.js';
import {benchCli} from './cli.js';
import {benchDiff} from './diff.js';
import {benchExplorerBurst, benchExplorerMoves, benchExplorerScroll, benchExplorerStartup} from './explorer.js';
import {benchRowFilter} from './row-filter.js';
import {benchScan} from './scan.js';

console.log(`falreq bench on ${process.version}, ${new Date().toISOString()}`);
await benchCli();
await benchScan();
await benchExplorerStartup();
await benchExplorerMoves();
await benchExplorerBurst();
await benchExplorerScroll();
await benchRowFilter();
await benchBreakdown();
await benchDiff();

// The payload figures live in a module of their own, which may not be there yet.
const payloadModule = new URL('payload.js', import.meta.url);
const hasPayload = await access(payloadModule).then(() => true, () => false);
if (hasPayload) {
	const {benchPayload} = await import(payloadModule.href);
	if (typeof benchPayload === 'function') {
		await benchPayload();
	}
}
