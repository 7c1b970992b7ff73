// Pictures of the explorer for the README: runs the built CLI on the demo
// data in a pseudo-terminal, drives it with keys, and draws each screen to an
// SVG with its colours, read from a headless xterm cell by cell.
// `npm run screenshot` (builds first); writes docs/explorer.svg and docs/groups.svg.
// It waits for text rather than for time, so it keeps working as the screens
// change; a wait that runs out names what it waited for and shows the screen.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {spawn} from '@lydell/node-pty';
import xterm from '@xterm/headless';

const cols = 120;
const rows = 36;
const waitMs = 30_000;
/** Output this long without a byte: the screen has settled (the background scan, a payload, a redraw). */
const quietMs = 1500;
/** At most this long for the quiet, once the screen shows what it must. */
const settleMs = 10_000;

/** Each picture: the keys that lead to it from the previous one, and what must be on screen before it is taken. */
const shots = [
	{
		file: 'docs/explorer.svg',
		title: 'falreq --demo',
		keys: '',
		// Rows with their statuses, the summary strip's percentiles, and the selected request's payload.
		shows: [/\d{3} (ok|usr|ERR)/, /p50|errors/, /"input"|"output"/],
	},
	{
		file: 'docs/groups.svg',
		title: 'falreq --demo · failure groups (x)',
		keys: 'x',
		shows: [/failure groups/i],
	},
];

// Tango, as xterm.js and GNOME Terminal have it, on a dark background.
const palette = [
	'#2e3436', '#cc0000', '#4e9a06', '#c4a000', '#3465a4', '#75507b', '#06989a', '#d3d7cf',
	'#555753', '#ef2929', '#8ae234', '#fce94f', '#729fcf', '#ad7fa8', '#34e2e2', '#eeeeec',
];
const defaultForeground = '#e6e6e6';
const defaultBackground = '#1b1b1f';
const cellWidth = 8.4;
const cellHeight = 18;
const fontSize = 14;
const padding = 16;
const titleHeight = 28;

function hex(red, green, blue) {
	return `#${[red, green, blue].map(value => value.toString(16).padStart(2, '0')).join('')}`;
}

/** The 256-colour palette: 16 named colours, a 6x6x6 cube, 24 greys. */
function paletteColour(index) {
	if (index < 16) {
		return palette[index];
	}

	if (index < 232) {
		const levels = [0, 95, 135, 175, 215, 255];
		const cube = index - 16;
		return hex(levels[Math.floor(cube / 36)], levels[Math.floor(cube / 6) % 6], levels[cube % 6]);
	}

	const grey = 8 + ((index - 232) * 10);
	return hex(grey, grey, grey);
}

/** A cell's colour as drawn; bold brightens the first eight, as xterm.js does by default. */
function colourOf(cell, isForeground) {
	if (isForeground ? cell.isFgDefault() : cell.isBgDefault()) {
		return isForeground ? defaultForeground : defaultBackground;
	}

	const value = isForeground ? cell.getFgColor() : cell.getBgColor();
	if (isForeground ? cell.isFgRGB() : cell.isBgRGB()) {
		return hex((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
	}

	return paletteColour(isForeground && cell.isBold() && value < 8 ? value + 8 : value);
}

function escapeXml(text) {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** One screen line as runs of cells that look alike: {column, width, text, style}. */
function runsOf(line) {
	const runs = [];
	const cell = line.getCell(0);
	for (let column = 0; column < cols; column++) {
		line.getCell(column, cell);
		const width = cell.getWidth();
		if (width === 0) {
			// The right half of a wide character: drawn with its left half.
			continue;
		}

		let foreground = colourOf(cell, true);
		let background = colourOf(cell, false);
		if (cell.isInverse()) {
			[foreground, background] = [background, foreground];
		}

		const style = {
			foreground,
			background,
			isBold: Boolean(cell.isBold()),
			isDim: Boolean(cell.isDim()),
			isItalic: Boolean(cell.isItalic()),
			isUnderline: Boolean(cell.isUnderline()),
		};
		const text = cell.getChars() || ' ';
		const last = runs.at(-1);
		if (last && last.column + last.width === column && JSON.stringify(last.style) === JSON.stringify(style)) {
			last.text += text;
			last.width += width;
		} else {
			runs.push({column, width, text, style});
		}
	}

	return runs;
}

/** The screen as an SVG picture of a terminal window. */
function toSvg(terminal, title) {
	const width = (cols * cellWidth) + (2 * padding);
	const height = (rows * cellHeight) + (2 * padding) + titleHeight;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="${fontSize}">`,
		`<rect width="${width}" height="${height}" rx="8" fill="${defaultBackground}"/>`,
		...['#ff5f56', '#ffbd2e', '#27c93f'].map((colour, index) => `<circle cx="${padding + 6 + (index * 20)}" cy="${titleHeight / 2 + 4}" r="6" fill="${colour}"/>`),
		`<text x="${width / 2}" y="${titleHeight / 2 + 8}" fill="#8a8a8f" text-anchor="middle">${escapeXml(title)}</text>`,
		`<g transform="translate(${padding} ${padding + titleHeight})" xml:space="preserve">`,
	];
	const buffer = terminal.buffer.active;
	for (let row = 0; row < rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		if (!line) {
			continue;
		}

		const y = row * cellHeight;
		for (const {column, width: runWidth, text, style} of runsOf(line)) {
			const x = (column * cellWidth).toFixed(1);
			const runPixels = (runWidth * cellWidth).toFixed(1);
			if (style.background !== defaultBackground) {
				parts.push(`<rect x="${x}" y="${y}" width="${runPixels}" height="${cellHeight}" fill="${style.background}"/>`);
			}

			if (text.trim() === '') {
				continue;
			}

			const attributes = [
				`x="${x}"`,
				`y="${(y + (cellHeight * 0.75)).toFixed(1)}"`,
				`fill="${style.foreground}"`,
				// Fonts differ in advance width; the run is stretched to its cells so columns line up.
				`textLength="${runPixels}"`,
				'lengthAdjust="spacingAndGlyphs"',
				style.isBold ? 'font-weight="bold"' : '',
				style.isItalic ? 'font-style="italic"' : '',
				style.isDim ? 'opacity="0.6"' : '',
				style.isUnderline ? 'text-decoration="underline"' : '',
			].filter(Boolean);
			parts.push(`<text ${attributes.join(' ')}>${escapeXml(text)}</text>`);
		}
	}

	parts.push('</g>', '</svg>', '');
	return parts.join('\n');
}

function screenText(terminal) {
	const buffer = terminal.buffer.active;
	return Array.from({length: rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').join('\n');
}

function fail(message, terminal) {
	process.stderr.write(`screenshot: ${message}\nThe screen was:\n${screenText(terminal)}\n`);
	cleanUp();
	process.exit(1);
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'falreq-screenshot-'));
const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
// CI unset: Ink draws only the last frame under CI, and chalk drops colour when CI is set at all.
const child = spawn(process.execPath, ['dist/cli.js', '--demo'], {
	name: 'xterm-256color',
	cols,
	rows,
	env: {PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), TERM: 'xterm-256color', LANG: 'C.UTF-8'},
});
let lastOutputAt = Date.now();
let exited;
child.onData(data => {
	lastOutputAt = Date.now();
	terminal.write(data);
});
child.onExit(({exitCode}) => {
	exited = exitCode;
});

function pause(ms) {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/**
 * Resolves once every pattern is on screen (failing the script after waitMs),
 * and then once the output has been quiet for quietMs, or after settleMs if
 * something on screen keeps moving (a spinner, a clock).
 */
async function settle(patterns, what) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		// An empty write resolves once xterm has parsed everything before it.
		await new Promise(resolve => {
			terminal.write('', resolve);
		});
		const screen = screenText(terminal);
		if (exited !== undefined) {
			fail(`falreq exited (code ${exited}) before the screen showed ${what}.`, terminal);
		}

		const missing = patterns.filter(pattern => !pattern.test(screen));
		if (missing.length === 0) {
			break;
		}

		if (Date.now() > deadline) {
			fail(`the screen did not show ${missing.join(', ')} within ${waitMs / 1000} s, waiting for ${what}.`, terminal);
		}

		await pause(100);
	}

	const settled = Date.now() + settleMs;
	while (Date.now() - lastOutputAt < quietMs && Date.now() < settled) {
		await pause(100);
	}

	await new Promise(resolve => {
		terminal.write('', resolve);
	});
}

/** Whether the explorer has put its terminal in raw mode, so keys are keys (Ink does so after its first frame). */
function isRaw() {
	try {
		return /(^|\s)-icanon(\s|$)/.test(execFileSync('stty', ['-F', child.ptsName, '-a'], {encoding: 'utf8'}));
	} catch {
		return true;
	}
}

function cleanUp() {
	if (exited === undefined) {
		child.kill('SIGKILL');
	}

	terminal.dispose();
	fs.rmSync(home, {recursive: true, force: true});
}

fs.mkdirSync('docs', {recursive: true});
for (const shot of shots) {
	if (shot.keys) {
		if (!isRaw()) {
			fail('the explorer never put the terminal in raw mode, so keys would not reach it.', terminal);
		}

		child.write(shot.keys);
	}

	await settle(shot.shows, `${shot.file} (${shot.shows.join(', ')})`);
	fs.writeFileSync(shot.file, toSvg(terminal, shot.title));
	console.log(`screenshot: wrote ${shot.file}`);
}

child.write('q');
await new Promise(resolve => {
	const timer = setTimeout(resolve, 5000);
	child.onExit(() => {
		clearTimeout(timer);
		resolve();
	});
});
cleanUp();
