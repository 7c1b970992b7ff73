/**
 * Styles against a headless xterm: the short SGR change between any two
 * styles must leave the pen exactly as writing the second one afresh.
 */
import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cellsOf, restyle} from '../../source/terminal/line-cells.js';

const parameters = ['1', '2', '3', '4', '5', '7', '8', '9', '31', '92', '38;5;208', '38;2;1;2;3', '44', '103', '48;5;17'];

function styleOf(codes: string[]) {
	return cellsOf(`\u001B[${codes.join(';')}mx`)![0]!.style;
}

async function penAfter(terminal: xterm.Terminal, sequence: string): Promise<string> {
	await new Promise<void>(resolve => {
		terminal.write(`\u001B[H${sequence}y\u001B[0m`, resolve);
	});
	const cell = terminal.buffer.active.getLine(0)!.getCell(1)!;
	return [cell.getFgColorMode(), cell.getFgColor(), cell.getBgColorMode(), cell.getBgColor(), cell.isBold(), cell.isDim(), cell.isItalic(), cell.isUnderline(), cell.isBlink(), cell.isInverse(), cell.isInvisible(), cell.isStrikethrough()].join();
}

describe('restyle', () => {
	it('turns any style into any other, as a fresh SGR would', async () => {
		const terminal = new xterm.Terminal({cols: 10, rows: 2, allowProposedApi: true});
		const styles = fc.subarray(parameters, {maxLength: 4});
		await fc.assert(fc.asyncProperty(styles, styles, async (from, to) => {
			const change = restyle(styleOf(from), styleOf(to));
			expect(await penAfter(terminal, `\u001B[0m\u001B[${from.join(';')}mx${change}`)).toBe(await penAfter(terminal, `\u001B[0mx\u001B[${to.join(';')}m`));
		}), {numRuns: 400, examples: [[['1', '2'], ['2']], [['1', '2', '31'], ['1']], [['7', '44'], []]]});
		terminal.dispose();
	});

	it('sends only what changes, or a reset when shorter', () => {
		expect(restyle(styleOf(['7']), styleOf(['7', '31']))).toBe('\u001B[31m');
		expect(restyle(styleOf(['7', '31']), styleOf(['7']))).toBe('\u001B[39m');
		expect(restyle(styleOf(['1', '4', '7', '31']), styleOf(['92']))).toBe('\u001B[0;92m');
		expect(restyle(styleOf(['31']), styleOf([]))).toBe('\u001B[m');
		expect(restyle(styleOf(['31']), styleOf(['31']))).toBe('');
		expect(restyle(undefined, styleOf(['31']))).toBe('\u001B[0;31m');
	});
});
