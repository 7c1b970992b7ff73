// The breakdowns' figure (b): 1,000,000 loaded rows (a RowList, as the explorer holds them)
// broken down by each dimension, narrowed, listed and sorted, in this process, beside a plain
// breakdown of the same rows unpacked into objects, as one that read rows instead of columns would.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {median, printTable, round, time} from './lib.js';
import {loadSource, syntheticRows} from './rows.js';

const rowCount = 1_000_000;
const runs = 9;
// The baseline takes seconds a run.
const baselineRuns = 3;
const goalMs = 500;

/** A breakdown by endpoint over row objects: a Map of groups, each group's durations in an array, sorted. */
function plainBreakdown(list) {
	const groups = new Map();
	for (const row of list.values()) {
		let group = groups.get(row.endpoint_id);
		if (group === undefined) {
			group = {requests: 0, finished: 0, errors: 0, durations: []};
			groups.set(row.endpoint_id, group);
		}

		group.requests++;
		if (row.status_code !== null) {
			group.finished++;
			group.errors += row.status_code >= 400 && row.status_code < 600 ? 1 : 0;
		}

		if (row.duration !== null) {
			group.durations.push(row.duration);
		}
	}

	for (const group of groups.values()) {
		group.durations.sort((a, b) => a - b);
	}

	return groups;
}

export async function benchBreakdown() {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'falreq-bench-'));
	try {
		const {RowList, breakdown, dimensions, errorTypesOf, rowsWithin, sortBreakdown} = await loadSource(
			directory,
			'breakdown',
			"export * from './source/triage/breakdown.ts'; export {RowList} from './source/state/row-list.ts';",
		);
		const outputs = new Map();
		const list = RowList.from((function * () {
			for (const {row, output} of syntheticRows(rowCount)) {
				if (output !== undefined) {
					outputs.set(row.request_id, output);
				}

				yield row;
			}
		})());
		const typing = time(() => errorTypesOf(outputs));
		const errorTypes = typing.result;
		const disconnected = [{dimension: 'errorType', key: '=runner_disconnected', label: 'runner_disconnected'}];
		const [largest] = breakdown(list, 'endpoint', {errorTypes});
		const runners = breakdown(list, 'runner', {errorTypes});
		const figures = [
			...dimensions.map(dimension => ({name: `by ${dimension}`, unit: 'groups', work: () => breakdown(list, dimension, {errorTypes})})),
			{name: 'runner_disconnected by runner', unit: 'groups', work: () => breakdown(list, 'runner', {errorTypes, within: disconnected})},
			{name: `rows of ${largest.label} (Enter)`, unit: 'rows', work: () => rowsWithin(list, [{dimension: 'endpoint', key: largest.key, label: largest.label}], errorTypes)},
			{name: 'runners sorted by p95', unit: 'groups', work: () => sortBreakdown(runners, 'p95', 'descending')},
		];

		// One pass of everything first, so that no figure carries the compiler's first look at the code.
		for (const {work} of figures) {
			work();
		}

		const sizes = figures.map(({work}) => work().length);
		const times = figures.map(() => []);
		for (let run = 0; run < runs; run++) {
			for (const [index, {work}] of figures.entries()) {
				times[index].push(time(work).ms);
			}
		}

		const baseline = Array.from({length: baselineRuns}, () => time(() => plainBreakdown(list)).ms);
		const base = round(median(baseline));
		printTable(
			`breakdowns of ${rowCount.toLocaleString('en-US')} loaded rows, ${errorTypes.size.toLocaleString('en-US')} error types known: ms, median / max of ${runs} (baseline: by endpoint over the rows unpacked into objects, median of ${baselineRuns})`,
			figures.map(({name, unit}, index) => {
				const middle = round(median(times[index]));
				return {
					name: `${name} (${sizes[index].toLocaleString('en-US')} ${unit})`,
					value: `${middle} / ${round(Math.max(...times[index]))}`,
					baseline: base,
					ratio: `${(middle / base).toFixed(2)}x`,
					goal: `< ${goalMs}`,
				};
			}),
		);
		console.log(`\nerrorTypesOf over ${outputs.size.toLocaleString('en-US')} outputs: ${round(typing.ms)} ms (once per set of outputs read)`);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}
