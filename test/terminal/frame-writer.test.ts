/**
 * The frame writer against a headless xterm: whatever Ink sends through it,
 * the screen must end up exactly as if every frame had been drawn in full.
 */
import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {diffingStdout, diffLines, FrameDiffer} from '../../source/terminal/frame-writer.js';

const cols = 40;
const rows = 12;

/** Ink's eraseLines(n), as ansi-escapes writes it. */
function inkErase(count: number): string {
	return count === 0 ? '' : `${'\u001B[2K\u001B[1A'.repeat(count - 1)}\u001B[2K\u001B[G`;
}

type Screen = {write(data: string): Promise<void>; resize(width: number, height: number): void; cells(): string[]; text(): string[]; dispose(): void};

function screen(width = cols, height = rows): Screen {
	// convertEol: a pseudo-terminal's line discipline turns \n into \r\n (ONLCR, kept in raw mode), and Ink relies on it.
	const terminal = new xterm.Terminal({cols: width, rows: height, allowProposedApi: true, convertEol: true});
	// The alternate screen, as the explorer's: no scrollback, nothing pushed out of view by a resize. Not waited for: a
	// resize before the first write lands before the switch, as in an xterm.js shrunk before its alternate screen was first
	// used, which gives that screen a scrollback (xtermjs/xterm.js#6163).
	terminal.write('\u001B[?1049h');
	// From the top of the view, which such a scrollback moves down.
	const lines = (): Array<xterm.IBufferLine | undefined> => Array.from({length: terminal.rows}, (_, y) => terminal.buffer.active.getLine(terminal.buffer.active.viewportY + y));
	return {
		write: data => new Promise(resolve => {
			terminal.write(data, resolve);
		}),
		resize(newWidth, newHeight) {
			terminal.resize(newWidth, newHeight);
		},
		// Every cell with its width, colours and attributes, so a stray style shows as well as a stray character.
		cells() {
			const cell = terminal.buffer.active.getNullCell();
			return lines().map(line => {
				let out = '';
				for (let x = 0; x < terminal.cols; x++) {
					line!.getCell(x, cell);
					const attributes = [cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isInverse(), cell.isStrikethrough(), cell.isOverline()];
					out += `${cell.getChars() || ' '}${cell.getWidth()}${cell.getFgColor()}/${cell.getBgColor()}/${attributes.map(Number).join('')};`;
				}

				return out;
			});
		},
		text: () => lines().map(line => line!.translateToString(true)),
		dispose: () => {
			terminal.dispose();
		},
	};
}

/** A frame of `height` lines; each line's content and colour come from `seed`, some lines full width. */
function frame(seed: number, height: number): string[] {
	return Array.from({length: height}, (_, index) => {
		const value = (seed * 31 + index * 17) % 7;
		const text = `${index}:${'abcdefg'.slice(value)}`.padEnd(value === 3 ? cols : 10 + value, '.');
		return value % 2 === 0 ? `\u001B[3${value}m${text}\u001B[39m` : value === 5 ? `\u001B[7m${text}\u001B[27m` : text;
	});
}

/** What Ink 6 writes for a sequence of frames: erase the last frame's lines, write the new one and a newline. */
function inkWrites(frames: string[][]): string[] {
	return frames.map((lines, index) => inkErase(index === 0 ? 0 : frames[index - 1]!.length + 1) + lines.join('\n') + '\n');
}

async function freshRender(lines: string[], width = cols, height = rows): Promise<Screen> {
	const fresh = screen(width, height);
	await fresh.write(`\u001B[H${lines.join('\n')}`);
	return fresh;
}

describe('diffLines', () => {
	it('rewrites only the lines that changed and leaves the cursor under the frame, the pen plain', () => {
		expect(diffLines(['a', 'b', 'c'], ['a', 'B', 'c'], cols)).toBe('\u001B[2HB\u001B[4H');
		expect(diffLines(['\u001B[31mab\u001B[39mcd'], ['\u001B[31maX\u001B[39mcd'], cols)).toBe('\u001B[A\u001B[31maX\u001B[m\n');
	});

	it('moves to the next change by the shortest way: relative moves, a line feed, or writing a short unchanged gap again', () => {
		expect(diffLines(['list a   detail'], ['list b   detail'], cols)).toBe('\u001B[1;6Hb\n');
		expect(diffLines(['row 12 fal-ai/flux/dev 200 ok 3.1s'], ['row 13 fal-ai/flux/dev 200 ok 4.2s'], cols)).toBe('\u001B[1;6H3\u001B[31G4.2\n');
		expect(diffLines(['ab1de2', 'xyz'], ['ab3de4', 'xyZ'], cols)).toBe('\u001B[1;3H3de4\nxyZ\n');
	});

	it('sends only the style attributes that change', () => {
		const row = (mark: string, status: string): string => `\u001B[7m${mark} status \u001B[32m${status}\u001B[39m\u001B[27m`;
		expect(diffLines([row('a', 'ok')], [row('b', 'OK')], cols)).toBe('\u001B[A\u001B[7mb\u001B[8C\u001B[32mOK\u001B[m\n');
	});

	it('clears the end of a line that got shorter with one erase, leaving cleared cells as a full redraw does', () => {
		expect(diffLines(['abcdefghij'], ['abc'], cols)).toBe('\u001B[1;4H\u001B[K\n');
		expect(diffLines(['abcd', 'x'], ['abX', 'x'], cols)).toBe('\u001B[1;3HX\u001B[K\u001B[3H');
	});

	it('scrolls the rows of a list that moved by one, up or down, then writes only the row scrolled in', async () => {
		const list = (top: number): string[] => ['header', ...Array.from({length: 8}, (_, index) => `row ${top + index} ${'x'.repeat(20)}`), 'footer'];
		expect(diffLines(list(0), list(1), cols)).toBe(`\u001B[2;9r\u001B[2H\u001B[M\u001B[r\u001B[9H${list(1)[8]}\n\n`);
		expect(diffLines(list(1), list(0), cols)).toBe(`\u001B[2;9r\u001B[2H\u001BM\u001B[r\n${list(0)[1]}\u001B[11H`);
		for (const [from, to] of [[0, 1], [1, 0]] as const) {
			const shown = await freshRender(list(from));
			await shown.write(`\n${diffLines(list(from), list(to), cols)}`);
			expect(shown.cells()).toEqual((await freshRender(list(to))).cells());
		}
	});

	it('rewrites a line whole when a character may not take one column', () => {
		expect(diffLines(['a 漢 b'], ['a 漢 c'], cols)).toBe('\u001B[A\u001B[2Ka 漢 c\u001B[m\n');
	});

	it('erases what a shorter frame no longer covers', () => {
		expect(diffLines(['a', 'b', 'c'], ['a'], cols)).toBe('\u001B[2H\u001B[J');
	});

	it('writes nothing for the same frame, and moves under a frame grown by blank lines', () => {
		expect(diffLines(['a', 'b'], ['a', 'b'], cols)).toBe('');
		expect(diffLines(['a'], ['a', ''], cols)).toBe('\n');
	});
});

describe('FrameDiffer', () => {
	it('leaves the screen as full redraws would, after many frames of changing height, in fewer bytes', async () => {
		const frames = Array.from({length: 60}, (_, index) => frame(index % 5 === 0 ? index : 1, 4 + (index % 4 === 0 ? index % 7 : 6)));
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		const diffed = screen();
		let diffedBytes = 0;
		let fullBytes = 0;
		for (const write of inkWrites(frames)) {
			const sent = differ.transform(write);
			diffedBytes += sent.length;
			fullBytes += write.length;
			await diffed.write(sent);
		}

		const fresh = await freshRender(frames.at(-1)!);
		expect(diffed.cells()).toEqual(fresh.cells());
		expect(diffedBytes).toBeLessThan(fullBytes * 0.6);
	});

	it('keeps a pane beside a scrolling list as it is, in far fewer bytes than whole lines', async () => {
		const detail = ['\u001B[1mRequest\u001B[22m 1234', 'status \u001B[32m200 ok\u001B[39m', 'sent 10:00'];
		const frameAt = (top: number): string[] => Array.from({length: 10}, (_, index) => {
			const row = `${index + top === 3 ? '\u001B[7m› ' : '  '}row ${index + top}${index + top === 3 ? '\u001B[27m' : ''}`.padEnd(20);
			return `${row}${detail[index] ?? ''}`;
		});
		const frames = Array.from({length: 8}, (_, top) => frameAt(top));
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		const diffed = screen();
		let diffedBytes = 0;
		for (const [index, write] of inkWrites(frames).entries()) {
			const sent = differ.transform(write);
			// The first frame is drawn in full either way.
			diffedBytes += index === 0 ? 0 : sent.length;
			await diffed.write(sent);
		}

		const fresh = await freshRender(frames.at(-1)!);
		expect(diffed.cells()).toEqual(fresh.cells());
		const wholeLines = frames.slice(1).reduce((sum, lines) => sum + lines.join('').length, 0);
		expect(diffedBytes).toBeLessThan(wholeLines * 0.6);
	});

	it('lets clipboard escapes through without redrawing, and redraws in full after anything else', async () => {
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		const [first, second, third] = inkWrites([frame(1, 8), frame(2, 8), frame(3, 8)]);
		differ.transform(first!);
		const osc52 = '\u001B]52;c;aGVsbG8=\u0007';
		expect(differ.transform(osc52)).toBe(osc52);
		expect(differ.transform(second!).startsWith('\u001B[2J')).toBe(false);
		expect(differ.transform('\u001B[?1049l')).toBe('\u001B[?1049l');
		expect(differ.transform(third!)).toContain('\u001B[2J');
	});

	it("draws Ink's erase, text, frame (useStdout().write) right", async () => {
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		const shown = screen();
		const [first] = inkWrites([frame(1, 9)]);
		await shown.write(differ.transform(first!));
		for (const write of [inkErase(10), 'a note', frame(2, 5).join('\n') + '\n']) {
			await shown.write(differ.transform(write));
		}

		expect(shown.text().slice(0, 6)).toEqual([...frame(2, 5).map(line => line.replaceAll(/\u001B\[\d*m/g, '')), '']);
	});

	it('skips frames drawn for the old size after a resize, and draws the first that fits in full', () => {
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		differ.transform(inkWrites([frame(1, 8)])[0]!);
		differ.resized();
		const tooTall = frame(1, rows).join('\n') + '\n';
		const tooWide = 'x'.repeat(cols + 1) + '\n';
		expect(differ.transform(tooTall)).toBe('');
		expect(differ.transform(tooWide)).toBe('');
		expect(differ.transform(frame(1, 8).join('\n') + '\n')).toBe(`\u001B[m\u001B[H\u001B[2J${frame(1, 8).join('\n')}\n\u001B[m`);
	});

	it('draws the frame after a resize in full', async () => {
		const differ = new FrameDiffer(() => ({rows, columns: cols}));
		const [first, second] = inkWrites([frame(1, 8), frame(1, 8)]);
		differ.transform(first!);
		differ.invalidate();
		expect(differ.transform(second!)).toBe(`\u001B[m\u001B[H\u001B[2J${frame(1, 8).join('\n')}\n\u001B[m`);
	});
});

/** A run of text in one style, as the app's components write it: opened, then closed one of the ways chalk or Ink close it. */
type Segment = {open: string[]; units: string[]; close: 'reset' | 'short reset' | 'closers' | 'none'};

// One-column characters, a wide one and a combining sequence; SGR parameters the cells know and one they do not (53).
const units = ['a', 'b', ' ', '-', '›', '█', '…', 'é', '漢', 'e\u0301'];
const parameters = ['1', '2', '3', '4', '7', '9', '22', '27', '31', '39', '92', '38;5;208', '44', '49', '48;2;10;20;30', '53'];
const closers: Record<string, string> = {1: '22', 2: '22', 3: '23', 4: '24', 7: '27', 9: '29', 53: '55'};
const sizes: ReadonlyArray<readonly [number, number]> = [[cols, rows], [30, 8], [52, 14]];

const segmentArbitrary: fc.Arbitrary<Segment> = fc.record({
	open: fc.subarray(parameters, {maxLength: 3}),
	units: fc.array(fc.constantFrom(...units), {maxLength: 12}),
	close: fc.constantFrom('reset', 'short reset', 'closers', 'none'),
});
const lineArbitrary = fc.array(segmentArbitrary, {maxLength: 5});

type Step =
	| {kind: 'frame'; lines: number[]}
	| {kind: 'shift'; by: number; line: number}
	| {kind: 'edit'; line: number; segment: number; unit: number; text: string}
	| {kind: 'resize'; size: number};

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
	fc.record({kind: fc.constant('frame' as const), lines: fc.array(fc.nat(), {minLength: 1, maxLength: rows + 2})}),
	fc.record({kind: fc.constant('shift' as const), by: fc.constantFrom(-2, -1, 1, 2), line: fc.nat()}),
	fc.record({kind: fc.constant('edit' as const), line: fc.nat(), segment: fc.nat(), unit: fc.nat(), text: fc.constantFrom(...units)}),
	fc.record({kind: fc.constant('resize' as const), size: fc.nat({max: sizes.length - 1})}),
);

/** A line as Ink would write it, cut to `width` columns; ends with the pen plain. */
function render(line: Segment[], width: number): string {
	let output = '';
	let used = 0;
	for (const {open, units: text, close} of line) {
		output += open.length === 0 ? '' : `\u001B[${open.join(';')}m`;
		for (const unit of text) {
			used += unit === '漢' ? 2 : 1;
			if (used > width) {
				return `${output}\u001B[0m`;
			}

			output += unit;
		}

		const closing = {reset: '\u001B[0m', 'short reset': '\u001B[m', closers: open.map(code => `\u001B[${closers[code] ?? (code.startsWith('4') ? '49' : '39')}m`).join(''), none: ''};
		output += closing[close];
	}

	return `${output}\u001B[0m`;
}

/** Plays `steps` on frames made of `pool`'s lines as the app would, through a differ to a screen, and compares that screen with a fresh render of the last frame. */
async function expectFreshAfter(pool: Segment[][], steps: Step[]): Promise<void> {
	let [width, height] = sizes[0]!;
	const differ = new FrameDiffer(() => ({rows: height, columns: width}));
	const diffed = screen();
	let frame: Segment[][] = [[]];
	let shown: string[] | undefined;
	const draw = async (): Promise<void> => {
		const lines = frame.slice(0, height - 1).map(line => render(line, width));
		await diffed.write(differ.transform(inkErase(shown === undefined ? 0 : shown.length + 1) + lines.join('\n') + '\n'));
		shown = lines;
	};

	try {
		for (const step of steps) {
			if (step.kind === 'resize') {
				[width, height] = sizes[step.size]!;
				diffed.resize(width, height);
				differ.invalidate();
				shown = undefined;
				continue;
			}

			if (step.kind === 'frame') {
				frame = step.lines.map(index => pool[index % pool.length]!);
			} else if (step.kind === 'shift') {
				const fresh = pool[step.line % pool.length]!;
				frame = step.by > 0 ? [...frame.slice(step.by), ...Array.from({length: step.by}, () => fresh)] : [...Array.from({length: -step.by}, () => fresh), ...frame.slice(0, step.by)];
			} else {
				frame = frame.map((line, index) => index === step.line % frame.length
					? line.map((segment, at) => at === step.segment % line.length && segment.units.length > 0
						? {...segment, units: segment.units.map((unit, position) => position === step.unit % segment.units.length ? step.text : unit)}
						: segment)
					: line);
			}

			await draw();
		}

		// Ink draws again for the new size.
		if (shown === undefined) {
			await draw();
		}

		const fresh = await freshRender(shown!, width, height);
		expect(diffed.cells()).toEqual(fresh.cells());
		fresh.dispose();
	} finally {
		diffed.dispose();
	}
}

describe('FrameDiffer on random frames', () => {
	it('leaves the screen as a fresh render of the last frame: any styles, wide characters, shifted lines and resizes', async () => {
		await fc.assert(fc.asyncProperty(fc.array(lineArbitrary, {minLength: 1, maxLength: 8}), fc.array(stepArbitrary, {minLength: 1, maxLength: 12}), expectFreshAfter), {numRuns: 200});
	});
});

describe('FrameDiffer on frames the property found', () => {
	it('a line shifted up after a resize leaves no character of the old frame behind, also in an xterm.js shrunk before its alternate screen was first used', async () => {
		// The first resize lands before the screen's switch to the alternate screen.
		const pool: Segment[][] = [[{open: [], units: ['漢'], close: 'reset'}], [{open: [], units: ['a', '…', '›', 'a', 'a'], close: 'reset'}], []];
		await expectFreshAfter(pool, [
			{kind: 'resize', size: 1},
			{kind: 'shift', by: -2, line: 0},
			{kind: 'edit', line: 0, segment: 0, unit: 0, text: 'a'},
			{kind: 'shift', by: 1, line: 54_282_376},
			{kind: 'resize', size: 0},
			{kind: 'edit', line: 0, segment: 0, unit: 0, text: 'a'},
			{kind: 'shift', by: 1, line: 217_444_382},
			{kind: 'shift', by: -2, line: 0},
		]);
	});
});

describe('diffingStdout', () => {
	class FakeTty extends EventEmitter {
		readonly isTTY = true;
		columns = cols;
		rows = rows;
		readonly written: string[] = [];
		write(data: string): boolean {
			this.written.push(data);
			return true;
		}
	}

	it('passes on everything but write, and follows resizes until disposed', () => {
		const real = new FakeTty();
		const {stdout, dispose} = diffingStdout(real as unknown as NodeJS.WriteStream);
		expect(stdout.columns).toBe(cols);
		expect(stdout.isTTY).toBe(true);
		const [first, second] = inkWrites([frame(1, 8), frame(2, 8)]);
		stdout.write(first!);
		real.emit('resize');
		stdout.write(second!);
		expect(real.written[1]).toContain('\u001B[2J');
		dispose();
		expect(real.listenerCount('resize')).toBe(0);
	});
});
