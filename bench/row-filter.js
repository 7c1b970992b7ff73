// The `&` filter's figure: each of a dozen filters over 100,000 loaded rows
// (a RowList, as the explorer holds them), in this process, beside unpacking
// every row once, which a filter over row objects would pay before testing any.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, printTable, round, time} from './lib.js';
import {loadSource, syntheticRows} from './rows.js';

const rowCount = 100_000;
const runs = 15;
const goalMs = 100;
const filters = [
	'status:5xx',
	'!status:2xx',
	'status:503',
	'runner:8d46',
	'endpoint:acme/*',
	'duration>60s',
	'duration<=500ms !status:error',
	'id:3f',
	'msg:"out of memory"',
	'timeout',
	'8d46',
	'"out of memory"',
	'!endpoint:fal-ai/flux/* !msg:timeout',
	'status:5xx runner:8d46 duration>60s "out of memory"',
];

/** 100,000 rows as the API sends them, about 10 % failed (their outputs known), a few running; and those outputs. */
function dataset() {
	const outputs = new Map();
	const rows = [];
	for (const {row, output} of syntheticRows(rowCount)) {
		rows.push(row);
		if (output !== undefined) {
			outputs.set(row.request_id, output);
		}
	}

	return {rows, outputs};
}

export async function benchRowFilter() {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'falreq-bench-'));
	try {
		const {RowList, filterRows, messagesOf, parseRowFilter} = await loadSource(directory, 'row-filter', "export * from './source/triage/row-filter.ts'; export {RowList} from './source/state/row-list.ts';");
		const {rows, outputs} = dataset();
		const list = RowList.from(rows);
		const messages = messagesOf(outputs);
		const parsed = filters.map(text => {
			const result = parseRowFilter(text);
			if (!result.ok) {
				throw new Error(`${text}: ${result.problem}`);
			}

			return result.filter;
		});
		const unpack = () => {
			let count = 0;
			for (const _ of list.values()) {
				count++;
			}

			return count;
		};

		// One pass of everything first, so that no figure carries the compiler's first look at the code.
		unpack();
		for (const filter of parsed) {
			filterRows(list, filter, messages);
		}

		const times = parsed.map(() => []);
		const matched = parsed.map(filter => filterRows(list, filter, messages).length);
		const baseline = [];
		for (let run = 0; run < runs; run++) {
			baseline.push(time(unpack).ms);
			for (const [index, filter] of parsed.entries()) {
				times[index].push(time(() => filterRows(list, filter, messages)).ms);
			}
		}

		const base = round(median(baseline));
		printTable(
			`& filter over ${rowCount.toLocaleString('en-US')} loaded rows, ${messages.size.toLocaleString('en-US')} error messages known: ms, median / max of ${runs} (baseline: unpacking every row once)`,
			filters.map((text, index) => {
				const middle = round(median(times[index]));
				return {
					name: `${text} (${matched[index].toLocaleString('en-US')} rows)`,
					value: `${middle} / ${round(Math.max(...times[index]))}`,
					baseline: base,
					ratio: `${(middle / base).toFixed(2)}x`,
					goal: `< ${goalMs}`,
				};
			}),
		);
		const {ms} = time(() => messagesOf(outputs));
		console.log(`\nmessagesOf over ${outputs.size.toLocaleString('en-US')} outputs: ${round(ms)} ms`);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}
