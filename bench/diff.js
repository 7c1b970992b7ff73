// The D view's figures, in this process on already parsed payloads (as the
// payload cache holds them): diffing two 2 MB payloads (data URIs that differ
// by a byte, a prompt by a word) and two objects of 10,000 keys, to the first
// window drawn and to the last line with all of it unfolded, beside opening
// the same two payloads in two payload viewers.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {bundleOptions} from '../scripts/bundle-options.js';
import {median, printTable, row} from './lib.js';

const runs = 7;
const columns = 140;
const rows = 40;
const round = value => Math.round(value * 10) / 10;

/** The diff viewer and the payload viewer, bundled from source: the CLI does not reach them from a command yet. */
async function loadViewers() {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'falreq-bench-diff-'));
	try {
		const source = name => new URL(`../source/json/${name}`, import.meta.url).pathname;
		await build({...bundleOptions, entryPoints: {diff: source('diff-viewer.ts'), viewer: source('viewer.ts')}, outdir: directory, splitting: true});
		const {DiffViewer} = await import(pathToFileURL(path.join(directory, 'diff.js')).href);
		const {JsonViewer} = await import(pathToFileURL(path.join(directory, 'viewer.js')).href);
		return {DiffViewer, JsonViewer};
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

/** A request's {input, output} of about 2 MB: two data URIs of 1 MB and a few fields. */
function largePayload(variant) {
	const uri = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAA'.repeat(43_000)}${variant}`;
	return {
		input: {prompt: `a photo of a ${variant ? 'blue' : 'red'} fox in the snow, golden hour, 35mm`, image_url: uri, seed: 42, num_inference_steps: 28},
		output: {images: [{url: uri, width: 2048, height: 2048, content_type: 'image/png'}], seed: 42, timings: {inference: 3.25 + variant}},
	};
}

/** 10,000 keys of small objects: one in a hundred differs, and every thousandth is on one side only. */
function manyKeys(variant) {
	const object = {};
	for (let index = 0; index < 10_000; index++) {
		const isOnOtherSideOnly = index > 0 && index % 1000 === 0 && (index % 2000 === 0) === (variant === 0);
		if (isOnOtherSideOnly) {
			continue;
		}

		object[`key_${index}`] = {index, label: `item ${index}`, score: index % 100 === 0 ? variant : index / 7};
	}

	return object;
}

function pairOf(make) {
	return [make(0), make(1)].map(value => {
		const text = JSON.stringify(value);
		return {value: JSON.parse(text), source: {text}};
	});
}

/** Milliseconds from the viewers' construction to their first window, and from there to the last line with everything unfolded. */
function timeViewers(open) {
	const started = performance.now();
	const viewers = open();
	for (const viewer of viewers) {
		viewer.resize(columns, rows);
		viewer.window();
	}

	const firstWindow = performance.now() - started;
	for (const viewer of viewers) {
		viewer.foldToDepth(Number.POSITIVE_INFINITY);
		viewer.last();
		viewer.window();
	}

	return {firstWindow, expanded: performance.now() - started - firstWindow};
}

export async function benchDiff() {
	const {DiffViewer, JsonViewer} = await loadViewers();
	const tableRows = [];
	for (const [name, make] of [
		['two 2 MB payloads', largePayload],
		['two objects of 10,000 keys', manyKeys],
	]) {
		const [left, right] = pairOf(make);
		const diffs = [];
		const views = [];
		for (let run = 0; run < runs; run++) {
			diffs.push(
				timeViewers(() => [new DiffViewer(left.value, right.value, {leftSource: left.source, rightSource: right.source, leftTitle: 'left', rightTitle: 'right'})]),
			);
			views.push(timeViewers(() => [left, right].map(side => new JsonViewer(side.value, {source: side.source}))));
		}

		tableRows.push(
			{...row(`${name}: diff to the first window, ms`, round(median(diffs.map(d => d.firstWindow))), round(median(views.map(v => v.firstWindow)))), goal: 'no freeze (well under 100 ms)'},
			{...row(`${name}: then expand all and go to the last line, ms`, round(median(diffs.map(d => d.expanded))), round(median(views.map(v => v.expanded))))},
		);
	}

	printTable(
		`diff viewer, in process at ${columns}x${rows} (median of ${runs}; baseline: the same two payloads opened in two payload viewers, their text given to both)`,
		tableRows,
	);
}
