// `npm run bench`: every figure the issues name, each beside its baseline from the same run.
import {benchCli} from './cli.js';

console.log(`falreq bench on ${process.version}, ${new Date().toISOString()}`);
await benchCli();
