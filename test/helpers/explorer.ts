/** What end-to-end tests of the explorer read off its screen, and what the emulator should have answered. */
import {expect} from 'vitest';
import type {RequestItem} from '../../source/api/types.js';
import type {Emulator, LoggedRequest} from '../../source/emulator/server.js';
import type {CliRun} from './pty.js';

/** Rows loaded, as the list's title says. */
export function loaded(screen: string): number {
	return Number(/([\d,]+) rows?,/.exec(screen)?.[1]?.replaceAll(',', '') ?? 0);
}

/** Whether the cursor mark is on the row right below the list's column titles. */
export function isCursorOnFirstRow(screen: string): boolean {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^\s+ended \((local|UTC)\)\s+endpoint/.test(line));
	return header !== -1 && lines[header + 1]?.startsWith('›') === true;
}

/** The request id (its first block, or all of it when the list is wide enough) of the row under the cursor. */
export function selectedId(screen: string): string | undefined {
	return screen.split('\n').find(line => line.startsWith('›'))?.match(/\b([\da-f]{8})(?:-[\da-f-]{27})?\s*$/)?.[1];
}

/** Request ids (or their first block) of the list rows on screen; `listWidth` leaves out a detail pane beside the list. */
export function visibleIds(screen: string, listWidth = Number.POSITIVE_INFINITY): string[] {
	return screen
		.split('\n')
		.flatMap(line => /^[› ][ *]\S.* (\d{3} \w+|… run) .* ([\da-f]{8}(?:-[\da-f-]{27})?)$/.exec(line.slice(0, listWidth).trimEnd())?.[2] ?? []);
}

/**
 * Nothing is loading, neither a page nor the payloads of the selected row,
 * and the list says where its paging stands: the screen stays as it is until
 * a key or a timer. Two runs of a scenario are compared on such screens.
 */
export function isSettled(screen: string): boolean {
	const isListSettled = /[\d,]+ rows?, (more available|all loaded)/.test(screen);
	// Below 100 columns an open request takes the whole screen.
	const isRequestAlone = screen.startsWith(' Request  ');
	return (isListSettled || isRequestAlone) && !screen.includes('loading');
}

/**
 * Loads at least `count` rows (all of them by default) with G, one page at a
 * time: G puts the cursor on the last row loaded, which asks for the next
 * page, and each page is waited for (with the payloads of the row G lands on,
 * when shown) before the next G, so what is asked for does not depend on how
 * fast pages come.
 */
export async function loadAtLeast(run: CliRun, count = Number.POSITIVE_INFINITY): Promise<void> {
	await run.waitFor(isSettled);
	while (loaded(run.screen()) < count && !run.screen().includes('all loaded')) {
		const before = loaded(run.screen());
		await run.write('G');
		await run.waitFor(screen => loaded(screen) > before && isSettled(screen));
	}

	if (count !== Number.POSITIVE_INFINITY) {
		expect(loaded(run.screen()), run.screen()).toBeGreaterThanOrEqual(count);
	}
}

/** The first list request (not a payload look-up) the emulator received since `from`: a feed's first page, with its query as sent. */
export function firstListRequest(emulator: Emulator, from = 0): LoggedRequest {
	const entry = emulator.log.slice(from).find(candidate => candidate.query['request_id'] === undefined);
	expect(entry, 'a list request').toBeDefined();
	return entry!;
}

const day = 86_400_000;

/**
 * What the emulator holds for a list query as logged: its endpoints within
 * its time bounds (as API.md says, by default from 24 hours before the end,
 * which is by default when asked: the data's anchor for the emulators of
 * `inBothModes`, whose clocks stand still there), in the API's order.
 */
export function expectedRows(emulator: Emulator, entry: LoggedRequest, askedAt = emulator.dataset.anchor.getTime()): RequestItem[] {
	const endpoints = entry.query['endpoint_id']!.flatMap(ids => ids.split(','));
	const end = entry.query['end'] === undefined ? askedAt : Date.parse(entry.query['end'][0]!);
	const start = entry.query['start'] === undefined ? end - day : Date.parse(entry.query['start'][0]!);
	const time = (row: RequestItem) => Date.parse(row.ended_at ?? row.sent_at);
	const rows = emulator.dataset.items().filter(row => endpoints.includes(row.endpoint_id) && time(row) >= start && time(row) < end);
	// The API's order: ended rows newest first, then the running ones by send time.
	const ended = rows.filter(row => row.ended_at !== null).sort((a, b) => time(b) - time(a));
	const running = rows.filter(row => row.ended_at === null).sort((a, b) => time(b) - time(a));
	return [...ended, ...running];
}
