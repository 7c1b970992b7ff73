/** The whole explorer (decoder, update loop, effects, Ink) on fake streams against a fake client. */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {RequestPage} from '../../source/api/types.js';
import {fakeClient} from './fake-client.js';
import {keys, startExplorer, type ExplorerOptions, type ExplorerRun} from './harness.js';

const runs: ExplorerRun[] = [];

afterEach(async () => {
	for (const run of runs.splice(0)) {
		await run.stop();
	}
});

function start(options: Partial<ExplorerOptions> = {}, size = {columns: 80, rows: 24}) {
	const client = (options.client as ReturnType<typeof fakeClient> | undefined) ?? fakeClient();
	const run = startExplorer({
		client,
		initialFilters: {endpointIds: ['fal-ai/flux/dev']},
		now: () => new Date('2026-11-28T12:00:00Z'),
		size,
		...options,
	});
	runs.push(run);
	return {run, client};
}

/** The number of loaded rows the list title shows. */
function loaded(frame: string): number {
	return Number(/([\d,]+) rows/.exec(frame)?.[1]?.replaceAll(',', '') ?? 0);
}

function rowId(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Every line fits the width, and the frame is at most rows - 1 high. */
function expectFits(frame: string, columns: number, rows: number): void {
	const lines = frame.replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) {
		expect([...line].length, line).toBeLessThanOrEqual(columns);
	}
}

describe('explorer app', () => {
	it('shows the first rows within the terminal, with loaded count and more available', async () => {
		const {run} = start();
		await run.waitForText(/\d+ rows, more available/);
		expect(run.frame()).toContain('fal-ai/flux/dev');
		expect(run.frame()).toMatch(/504 ERR/);
		expect(run.frame()).toContain(rowId(0).slice(0, 8));
		expectFits(run.frame(), 80, 24);
	});

	it('fetches the next pages ahead of the cursor with the API cursors, one at a time', async () => {
		const {run, client} = start();
		await run.waitForText(/\d+ rows/);
		for (let page = 0; page < 8; page++) {
			await run.write(keys.pgdn);
		}

		await run.waitFor(frame => loaded(frame) >= 150);
		const cursors = client.calls.map(call => call.query.cursor);
		expect(cursors.slice(0, 3)).toEqual([undefined, 'Mg==', 'Mw==']);
		expect(run.frame()).toContain('› ');
	});

	it('opens the selected request over the list at 80 columns and goes back with Esc', async () => {
		const {run} = start();
		await run.waitForText(/\d+ rows/);
		await run.write('j', keys.enter);
		await run.waitForText('a red fox number 1');
		expect(run.frame()).toContain(`Request  ${rowId(1)}`);
		expect(run.frame()).not.toContain('Filters');
		expectFits(run.frame(), 80, 24);
		await run.write(keys.esc);
		await run.waitForText('Filters');
	});

	it('shows the detail beside the list at 160 columns', async () => {
		const {run} = start({}, {columns: 160, rows: 50});
		await run.waitForText('a red fox number 0');
		expect(run.frame()).toContain('Requests');
		expectFits(run.frame(), 160, 50);
	});

	it('refuses invalid filter input in words and sends nothing', async () => {
		const {run, client} = start({initialFilters: undefined});
		await run.waitForText('Type one or more endpoint ids');
		await run.write('not an endpoint');
		await run.waitForText('not an endpoint');
		await run.write(keys.enter);
		await run.waitForText('is not an endpoint id');
		expect(client.calls).toHaveLength(0);
		expectFits(run.frame(), 80, 24);
	});

	it('asks for an endpoint, then lists it and remembers the filters', async () => {
		const saveFilters = vi.fn();
		const {run} = start({initialFilters: undefined, saveFilters});
		await run.waitForText('Type one or more endpoint ids');
		await run.write('fal-ai/flux/schnell');
		await run.waitForText('fal-ai/flux/schnell');
		await run.write(keys.enter);
		await run.waitForText(/\d+ rows/);
		expect(saveFilters).toHaveBeenCalledWith(expect.objectContaining({endpointIds: ['fal-ai/flux/schnell']}));
	});

	it('shows a first page that came before it started in its first frame, and asks only for the pages after it', async () => {
		const firstPage = await fakeClient().listRequests({endpointIds: ['fal-ai/flux/dev'], limit: 50});
		const {run, client} = start({firstPage});
		// The first frame drawn already has them.
		const first = run.stdout.frames.find(frame => frame.includes('Requests')) ?? '';
		expect(loaded(first)).toBe(50);
		expect(first).toContain(rowId(0).slice(0, 8));
		for (let page = 0; page < 3; page++) {
			await run.write(keys.pgdn);
		}

		await run.waitFor(frame => loaded(frame) >= 100);
		expect(client.calls.filter(call => call.query.requestId === undefined).map(call => call.query.cursor)[0]).toBe('Mg==');
	});

	it('remembers the starting filters once their first rows are in', async () => {
		const saveFilters = vi.fn();
		const {run} = start({saveFilters});
		await run.waitForText(/\d+ rows/);
		await expect.poll(() => saveFilters.mock.calls, {timeout: 2000}).toEqual([[expect.objectContaining({endpointIds: ['fal-ai/flux/dev']})]]);
	});

	it('remembers the starting filters when the user quits right after their first rows', async () => {
		const saveFilters = vi.fn();
		const {run} = start({saveFilters});
		await run.waitForText(/\d+ rows/);
		await run.write('q');
		await run.exited;
		expect(saveFilters).toHaveBeenCalledTimes(1);
	});

	it('does not remember the starting filters when the user sent others first', async () => {
		const saveFilters = vi.fn();
		const {run} = start({saveFilters});
		await run.waitForText(/\d+ rows/);
		// Key 3, server errors only, before the starting filters are remembered (a moment after their first rows).
		await run.write('3');
		await run.waitForText('· error');
		await expect.poll(() => saveFilters.mock.calls.length, {timeout: 2000}).toBe(1);
		expect(saveFilters).toHaveBeenCalledWith(expect.objectContaining({status: 'error'}));
		// Not a wait for anything: the starting filters must still not be remembered once their moment has passed.
		await new Promise(resolve => setTimeout(resolve, 400));
		expect(saveFilters).toHaveBeenCalledTimes(1);
	});

	it('keeps the rows when a page fails, says why, and retries with r', async () => {
		let isFailing = true;
		const client = fakeClient({
			intercept(call) {
				if (call.query.cursor === 'Mg==' && isFailing) {
					isFailing = false;
					return Promise.reject(Object.assign(new Error('The API is not answering (503); try again in a moment.'), {kind: 'server', isRetryable: true}));
				}

				return undefined;
			},
		});
		const {run} = start({client});
		await run.waitForText(/\d+ rows/);
		await run.write(keys.pgdn, keys.pgdn, keys.pgdn);
		await run.waitForText('The API is not answering (503)');
		expect(run.frame()).toContain('Press r to retry');
		expect(run.frame()).toContain('50 rows');
		await run.write('r');
		await run.waitForText('100 rows');
		expect(run.frame()).not.toContain('503');
	});

	it('drops a late answer for filters that were replaced', async () => {
		let release: (() => void) | undefined;
		const client = fakeClient({
			intercept(call, answer) {
				if (call.query.status === undefined && call.query.cursor === undefined) {
					return new Promise<RequestPage>(resolve => {
						release = () => {
							resolve(answer());
						};
					});
				}

				return undefined;
			},
		});
		const {run} = start({client});
		await run.waitFor(() => release !== undefined);
		await run.write('3');
		await run.waitForText(/error\n/);
		await run.waitForText(/\d+ rows/);
		expect(client.calls[0]!.signal?.aborted).toBe(true);
		release!();
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
		// Only server errors: the late answer with every status was not mixed in.
		expect(run.frame()).not.toContain('200 ok');
		expect(run.frame()).toContain('504 ERR');
	});

	it('shows under the filters the window sent, in the zone of the list: a request id after t is looked up over 90 days', async () => {
		const {run, client} = start();
		await run.waitForText(/\d+ rows/);
		await run.write('u');
		await run.waitFor(frame => frame.includes('last 24h (default): 11-27 12:00:00 → now (UTC)') && frame.includes('ended (UTC)'));
		await run.write('TT');
		await run.waitForText('last 1h: 11-28 11:00:00 → now (UTC)');
		await run.write(`/${keys.tab}${keys.tab}${keys.tab}${rowId(7)}${keys.enter}`);
		await run.waitFor(frame => frame.includes('last 90 days (request id lookup): 08-30 12:00:00 → now (UTC)') && frame.includes('start 90 days ago'));
		expect(client.calls.at(-1)?.query).toMatchObject({requestId: rowId(7), start: undefined});
		expectFits(run.frame(), 80, 24);
	});

	it('jumps to the next error row with e', async () => {
		const {run} = start();
		await run.waitForText(/\d+ rows/);
		await run.write('e');
		await run.waitFor(frame => frame.split('\n').some(line => line.startsWith('› ') && line.includes('504 ERR')));
	});

	it('lists every key in the help overlay and closes it with Esc', async () => {
		const {run} = start();
		await run.waitForText(/\d+ rows/);
		await run.write('?');
		await run.waitForText('copy the request id');
		expectFits(run.frame(), 80, 24);
		await run.write(keys.esc);
		await run.waitForText(/\d+ rows/);
	});

	it('copies the id of the row j moved to, read together with y, by OSC 52 over SSH', async () => {
		const {run} = start({env: {SSH_TTY: '/dev/pts/1'}});
		await run.waitForText(/\d+ rows/);
		await run.write('jy');
		await run.waitForText('Copied the request id');
		expect(run.stdout.written).toContain(`\u001B]52;c;${Buffer.from(rowId(1)).toString('base64')}\u0007`);
	});

	it('quits with q but types q into a filter being edited', async () => {
		const {run} = start();
		await run.waitForText(/\d+ rows/);
		await run.write('/');
		await run.waitForText('undo typing');
		await run.write('q');
		await run.waitForText('fal-ai/flux/devq');
		await run.write(keys.esc);
		// Esc undid what was typed and gave the keys back.
		await run.waitFor(frame => !frame.includes('devq'));
		await run.write('q');
		expect(await run.exited).toBe(0);
	});

	it('follows a resize without overflowing', async () => {
		const {run} = start({}, {columns: 160, rows: 50});
		await run.waitForText('a red fox number 0');
		run.resize(60, 15);
		// The frame drawn for the new size: the detail pane gone, the list 14 lines high.
		await run.waitFor(frame => !frame.includes('a red fox') && frame.includes('Requests') && frame.split('\n').length <= 14);
		expectFits(run.frame(), 60, 15);
	});
});

describe('nothing cut without a way to see it whole', () => {
	const runner = '8d46cd12-c0ef-4b5a-9a0e-1234567890ab';
	/** Rows with a long runner id and units as the API gives them, and a payload taller than the pane. */
	function detailed() {
		return fakeClient({
			async intercept(call, answer) {
				const page = answer();
				const isOne = call.query.requestId !== undefined;
				const items = page.items.map(item => ({
					...item,
					runner_id: runner,
					billable_units: 0.4058,
					...(isOne ? {json_input: {prompt: 'a red fox', steps: Array.from({length: 40}, (_, index) => index)}, json_output: {images: []}} : {}),
				}));
				return {...page, items};
			},
		});
	}

	it.each([
		{columns: 80, rows: 24, open: keys.enter},
		{columns: 120, rows: 40, open: '\t'},
	])('shows the runner id and the units whole at $columns x $rows, and the payload\'s last line above the status bar', async ({columns, rows, open}) => {
		const {run} = start({client: detailed(), initialFilters: {endpointIds: ['fal-ai/flux/dev'], billing: true}}, {columns, rows});
		await run.waitForText(/\d+ rows/);
		await run.write(open);
		await run.waitForText('"prompt": "a red fox"');
		expect(run.frame()).toContain(`runner ${runner}`);
		expect(run.frame()).toContain('units 0.4058');
		expectFits(run.frame(), columns, rows);
		// The last line of the payload is drawn, not clipped: the pane's lines were counted right.
		await run.write('G');
		await run.waitFor(frame => frame.split('\n').some(line => /›}$/.test(line)));
		expectFits(run.frame(), columns, rows);
	});

	/** The help's entries on screen, column by column, each with its continuation lines joined: `J show a string…`. */
	function helpEntries(frame: string, columnWidth: number): string[] {
		const lines = frame.split('\n').slice(1, -2);
		const entries: string[] = [];
		for (let left = 0; left < lines[0]!.length || left === 0; left += columnWidth) {
			for (const line of lines.map(each => each.slice(left, left + columnWidth).trimEnd())) {
				if (line.startsWith(' '.repeat(17)) && entries.length > 0) {
					entries[entries.length - 1] += ` ${line.trim()}`;
				} else {
					entries.push(line.trim().replaceAll(/ {2,}/g, ' '));
				}
			}
		}

		return entries;
	}

	it.each([
		{columns: 80, rows: 24, columnWidth: 80, toLongest: 20},
		{columns: 120, rows: 40, columnWidth: 60, toLongest: 0},
	])('wraps the help\'s long lines within their column at $columns x $rows, and j scrolls to the last one', async ({columns, rows, columnWidth, toLongest}) => {
		const {run} = start({}, {columns, rows});
		await run.waitForText(/\d+ rows/);
		await run.write('?', 'j'.repeat(toLongest));
		await run.waitForText('meanwhile)');
		expect(run.frame()).not.toContain('…');
		expect(helpEntries(run.frame(), columnWidth)).toContain('r retry after an error / reload from the top (rows stay meanwhile)');
		expectFits(run.frame(), columns, rows);
		await run.write('j'.repeat(200));
		// The help's last line, on the last line above the status bar.
		await run.waitFor(frame => /k ↑ +scroll the help back$/.test(frame.split('\n').at(-3)!.trimEnd()));
		if (columnWidth < 80) {
			expect(helpEntries(run.frame(), columnWidth)).toContain('J show a string holding JSON as a tree (again: as the string)');
		}

		expect(run.frame()).not.toContain('…');
		expectFits(run.frame(), columns, rows);
	});
});
