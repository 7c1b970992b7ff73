/**
 * The frame writer against a headless xterm: whatever Ink sends through it,
 * the screen must end up exactly as if every frame had been drawn in full.
 */
import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {diffingStdout, diffLines, FrameDiffer} from '../../source/terminal/frame-writer.js';

const cols = 40;
const rows = 12;

/** Ink's eraseLines(n), as ansi-escapes writes it. */
function inkErase(count: number): string {
	return count === 0 ? '' : `${'\u001B[2K\u001B[1A'.repeat(count - 1)}\u001B[2K\u001B[G`;
}

type Screen = {write(data: string): Promise<void>; cells(): string[]; text(): string[]; dispose(): void};

function screen(): Screen {
	// convertEol: a pseudo-terminal's line discipline turns \n into \r\n (ONLCR, kept in raw mode), and Ink relies on it.
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true, convertEol: true});
	return {
		write: data => new Promise(resolve => {
			terminal.write(data, resolve);
		}),
		// Every cell with its colours and inverse, so a stray style shows as well as a stray character.
		cells() {
			const buffer = terminal.buffer.active;
			const cell = buffer.getNullCell();
			return Array.from({length: rows}, (_, y) => {
				const line = buffer.getLine(y)!;
				let out = '';
				for (let x = 0; x < cols; x++) {
					line.getCell(x, cell);
					out += `${cell.getChars() || ' '}${cell.getFgColor()}/${cell.getBgColor()}/${cell.isInverse()};`;
				}

				return out;
			});
		},
		text: () => Array.from({length: rows}, (_, y) => terminal.buffer.active.getLine(y)!.translateToString(true)),
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

async function freshRender(lines: string[]): Promise<Screen> {
	const fresh = screen();
	await fresh.write(`\u001B[H${lines.join('\n')}`);
	return fresh;
}

describe('diffLines', () => {
	it('rewrites only the lines that changed and leaves the cursor under the frame', () => {
		expect(diffLines(['a', 'b', 'c'], ['a', 'B', 'c'])).toBe('\u001B[2HB\u001B[4H');
	});

	it('rewrites only the changed columns of a line, in their colours', () => {
		expect(diffLines(['list a   detail'], ['list b   detail'])).toBe('\u001B[1;6Hb\u001B[2H');
		expect(diffLines(['\u001B[31mab\u001B[39mcd'], ['\u001B[31maX\u001B[39mcd'])).toBe('\u001B[1;2H\u001B[31mX\u001B[0m\u001B[2H');
	});

	it('rewrites a line whole when a character may not take one column', () => {
		expect(diffLines(['a 漢 b'], ['a 漢 c'])).toBe('\u001B[1H\u001B[2Ka 漢 c\u001B[2H');
	});

	it('erases what a shorter frame no longer covers', () => {
		expect(diffLines(['a', 'b', 'c'], ['a'])).toBe('\u001B[2H\u001B[J');
	});

	it('writes nothing for the same frame', () => {
		expect(diffLines(['a', 'b'], ['a', 'b'])).toBe('');
	});
});

describe('FrameDiffer', () => {
	it('leaves the screen as full redraws would, after many frames of changing height, in fewer bytes', async () => {
		const frames = Array.from({length: 60}, (_, index) => frame(index % 5 === 0 ? index : 1, 4 + (index % 4 === 0 ? index % 7 : 6)));
		const differ = new FrameDiffer(() => rows);
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
		const differ = new FrameDiffer(() => rows);
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
		const differ = new FrameDiffer(() => rows);
		const [first, second, third] = inkWrites([frame(1, 8), frame(2, 8), frame(3, 8)]);
		differ.transform(first!);
		const osc52 = '\u001B]52;c;aGVsbG8=\u0007';
		expect(differ.transform(osc52)).toBe(osc52);
		expect(differ.transform(second!).startsWith('\u001B[2J')).toBe(false);
		expect(differ.transform('\u001B[?1049l')).toBe('\u001B[?1049l');
		expect(differ.transform(third!)).toContain('\u001B[2J');
	});

	it("draws Ink's erase, text, frame (useStdout().write) right", async () => {
		const differ = new FrameDiffer(() => rows);
		const shown = screen();
		const [first] = inkWrites([frame(1, 9)]);
		await shown.write(differ.transform(first!));
		for (const write of [inkErase(10), 'a note', frame(2, 5).join('\n') + '\n']) {
			await shown.write(differ.transform(write));
		}

		expect(shown.text().slice(0, 6)).toEqual([...frame(2, 5).map(line => line.replaceAll(/\u001B\[\d*m/g, '')), '']);
	});

	it('draws the frame after a resize in full', async () => {
		const differ = new FrameDiffer(() => rows);
		const [first, second] = inkWrites([frame(1, 8), frame(1, 8)]);
		differ.transform(first!);
		differ.invalidate();
		expect(differ.transform(second!)).toBe(`\u001B[H\u001B[2J${frame(1, 8).join('\n')}\n`);
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
