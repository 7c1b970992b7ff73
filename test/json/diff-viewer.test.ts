import {describe, expect, test} from 'vitest';
import {textWidth} from '../../source/json/columns.js';
import {type DiffSegment, DiffViewer, type DiffViewerOptions, splitGutter} from '../../source/json/diff-viewer.js';

const left = {
	input: {prompt: 'a photo of a red fox in the snow', seed: 42, image_size: {width: 1024, height: 768}, steps: 28},
	output: {images: [{url: 'https://cdn.example/a.png', width: 1024}], has_nsfw: [false]},
};
const right = {
	input: {prompt: 'a photo of a blue fox in the snow', seed: 42, image_size: {width: 1024, height: 768}, guidance: 3.5},
	output: {images: [{url: 'https://cdn.example/b.png', width: 1024}], has_nsfw: [false]},
};

function diffOf(a: unknown, b: unknown, width = 80, height = 30, options: Partial<DiffViewerOptions> = {}): DiffViewer {
	const viewer = new DiffViewer(a, b, {leftTitle: 'req 1a2b (12:00:01)', rightTitle: 'req 3c4d (12:05:09)', ...options});
	viewer.resize(width, height);
	return viewer;
}

const text = (segments: DiffSegment[] | undefined): string => (segments ?? []).map(segment => segment.text).join('');

/** What the view draws, one string per line: the cursor line marked with '>'; split, left, gutter, right. */
function screen(viewer: DiffViewer): string[] {
	return viewer.window().map(line => {
		const shown = line.segments ? `${line.mark} ${text(line.segments)}` : `${text(line.left)} ${line.mark} ${text(line.right)}`;
		return ((line.isCursor ? '>' : ' ') + shown).trimEnd();
	});
}

function cursorLine(viewer: DiffViewer) {
	return viewer.window().find(line => line.isCursor)!;
}

describe('layout', () => {
	test('below 120 columns, one column: old then new for a changed value, + added, - removed, unchanged subtrees folded with a count', () => {
		const viewer = diffOf(left, right, 80);
		expect(viewer.layout).toBe('unified');
		expect(viewer.summary()).toBe('2 changed, 1 added, 1 removed');
		expect(viewer.header()).toBe('- req 1a2b (12:00:01)  + req 3c4d (12:05:09)');
		expect(screen(viewer)).toEqual([
			'>  {',
			'     "input": {',
			' -     "prompt": "a photo of a red fox in the snow",',
			' +     "prompt": "a photo of a blue fox in the snow",',
			'       "seed": 42,',
			'       "image_size": {…} 2 keys unchanged,',
			' -     "steps": 28',
			' +     "guidance": 3.5',
			'     },',
			'     "output": {',
			'       "images": [',
			'         {',
			' -         "url": "https://cdn.example/a.png",',
			' +         "url": "https://cdn.example/b.png",',
			'           "width": 1024',
			'         }',
			'       ],',
			'       "has_nsfw": […] 1 item unchanged',
			'     }',
			'   }',
		]);
		expect(viewer.lineCount).toBe(20);
	});

	test('from 120 columns, side by side: both sides of what is the same, an added key on the right only, a removed one on the left only', () => {
		const viewer = diffOf(left, right, 140);
		expect(viewer.layout).toBe('split');
		const half = Math.floor((140 - splitGutter) / 2);
		expect(viewer.header()).toEqual({left: 'req 1a2b (12:00:01)'.padEnd(half), right: 'req 3c4d (12:05:09)'});
		expect(screen(viewer)).toEqual([
			'>{                                                                      {',
			'   "input": {                                                             "input": {',
			'     "prompt": "a photo of a red fox in the snow",                    ~     "prompt": "a photo of a blue fox in the snow",',
			'     "seed": 42,                                                            "seed": 42,',
			'     "image_size": {…} 2 keys unchanged,                                    "image_size": {…} 2 keys unchanged,',
			'     "steps": 28                                                      -',
			'                                                                      +     "guidance": 3.5',
			'   },                                                                     },',
			'   "output": {                                                            "output": {',
			'     "images": [                                                            "images": [',
			'       {                                                                      {',
			'         "url": "https://cdn.example/a.png",                          ~         "url": "https://cdn.example/b.png",',
			'         "width": 1024                                                          "width": 1024',
			'       }                                                                      }',
			'     ],                                                                     ],',
			'     "has_nsfw": […] 1 item unchanged                                       "has_nsfw": […] 1 item unchanged',
			'   }                                                                      }',
			' }                                                                      }',
		]);
		// Each half is filled to its width, so that the right one lines up.
		for (const line of viewer.window()) {
			expect(textWidth(text(line.left))).toBe(half);
			expect(textWidth(text(line.right))).toBe(half);
		}
	});

	test('the split starts where asked', () => {
		expect(diffOf(left, right, 119).layout).toBe('unified');
		expect(diffOf(left, right, 120).layout).toBe('split');
		expect(diffOf(left, right, 100, 10, {splitFrom: 100}).layout).toBe('split');
	});

	test('segments say what each part is: the mark for the line, words for a changed value, "fold" for a count', () => {
		const split = diffOf(left, right, 140);
		const prompt = split.window()[2]!;
		expect(prompt.mark).toBe('~');
		expect(prompt.left!.filter(segment => segment.kind === 'removedWord')).toEqual([{text: 'red', kind: 'removedWord'}]);
		expect(prompt.right!.filter(segment => segment.kind === 'addedWord')).toEqual([{text: 'blue', kind: 'addedWord'}]);
		expect(prompt.right!.map(segment => segment.kind)).toEqual(['punctuation', 'key', 'punctuation', 'changed', 'addedWord', 'changed', 'punctuation', 'plain']);
		expect(split.window()[11]!.right!.find(segment => segment.text.includes('b.png'))).toEqual({text: '"https://cdn.example/b.png"', kind: 'changed'});
		expect(split.window()[6]).toMatchObject({mark: '+', left: [{text: ' '.repeat(68), kind: 'plain'}]});
		expect(split.window()[6]!.right!.map(segment => segment.kind)).toEqual(['added', 'plain']);
		expect(split.window()[4]!.left!.map(segment => [segment.text, segment.kind])).toEqual([
			['    ', 'punctuation'],
			['"image_size"', 'key'],
			[': {…}', 'punctuation'],
			[' 2 keys unchanged', 'fold'],
			[',', 'punctuation'],
			[' '.repeat(68 - '    "image_size": {…} 2 keys unchanged,'.length), 'plain'],
		]);
		expect(split.window()[3]!.right!.map(segment => segment.kind)).toEqual(['punctuation', 'key', 'punctuation', 'number', 'punctuation', 'plain']);

		const unified = diffOf(left, right, 80);
		expect(unified.window()[2]!.segments).toEqual([
			{text: '    "prompt": "a photo of a ', kind: 'removed'},
			{text: 'red', kind: 'removedWord'},
			{text: ' fox in the snow",', kind: 'removed'},
		]);
		expect(unified.window()[3]!.segments!.map(segment => segment.kind)).toEqual(['added', 'addedWord', 'added']);
		expect(unified.window()[17]!.segments!.at(-1)).toEqual({text: ' 1 item unchanged', kind: 'fold'});
		expect(unified.window()[4]!.segments!.find(segment => segment.text === 'false')).toBeUndefined();
	});

	test('the lines of a small window, and nothing past the end', () => {
		const viewer = diffOf(left, right, 80, 5);
		expect(screen(viewer)).toHaveLength(5);
		viewer.last();
		expect(screen(viewer).at(-1)).toBe('>  }');
		expect(viewer.window().map(line => line.index)).toEqual([15, 16, 17, 18, 19]);
	});

	test('changing between split and one column keeps the cursor on its value', () => {
		const viewer = diffOf(left, right, 140, 30);
		viewer.moveBy(11);
		expect(viewer.path()).toBe('.output.images[0].url');
		viewer.resize(80, 30);
		expect(viewer.path()).toBe('.output.images[0].url');
		expect(cursorLine(viewer).mark).toBe('-');
		expect(viewer.cursor).toBe(12);
		viewer.resize(140, 30);
		expect(viewer.cursor).toBe(11);
	});
});

describe('moves and folds', () => {
	test('the cursor moves by lines and pages, to the first and last line, and the window follows', () => {
		const viewer = diffOf(left, right, 80, 6);
		viewer.moveBy(2);
		expect(viewer.path()).toBe('.input.prompt');
		viewer.moveBy(1);
		expect(viewer.path()).toBe('.input.prompt');
		expect(cursorLine(viewer).mark).toBe('+');
		viewer.page(1);
		expect(viewer.cursor).toBe(9);
		expect(viewer.path()).toBe('.output');
		expect(viewer.top).toBeGreaterThan(0);
		viewer.page(-1, 0.5);
		expect(viewer.cursor).toBe(6);
		viewer.moveBy(100);
		expect(viewer.cursor).toBe(19);
		expect(screen(viewer).at(-1)).toBe('>  }');
		viewer.first();
		expect([viewer.cursor, viewer.top]).toEqual([0, 0]);
		viewer.moveBy(-5);
		expect(viewer.cursor).toBe(0);
	});

	test('Enter unfolds an unchanged subtree one level at a time and folds it again', () => {
		const nested = {a: {deep: {x: 1}, y: 2}, b: 1};
		const viewer = diffOf(nested, {...nested, b: 2}, 80);
		expect(screen(viewer)).toEqual(['>  {', '     "a": {…} 2 keys unchanged,', ' -   "b": 1', ' +   "b": 2', '   }']);
		viewer.moveBy(1);
		viewer.toggle();
		expect(screen(viewer)).toEqual([
			'   {',
			'>    "a": {',
			'       "deep": {…} 1 key unchanged,',
			'       "y": 2',
			'     },',
			' -   "b": 1',
			' +   "b": 2',
			'   }',
		]);
		viewer.moveBy(3);
		expect(viewer.path()).toBe('.a');
		viewer.toggle();
		expect(screen(viewer)[1]).toBe('>    "a": {…} 2 keys unchanged,');
	});

	test('h folds what is open or goes to the parent; l unfolds or goes to the first child', () => {
		const viewer = diffOf(left, right, 80);
		viewer.moveBy(1);
		viewer.collapse();
		expect(screen(viewer)[1]).toBe('>~   "input": {…} 4 keys (1 changed, 1 added, 1 removed),');
		viewer.expand();
		expect(screen(viewer)[2]).toBe(' -     "prompt": "a photo of a red fox in the snow",');
		viewer.expand();
		expect(viewer.path()).toBe('.input.prompt');
		viewer.moveBy(3);
		expect(viewer.path()).toBe('.input.image_size');
		viewer.expand();
		expect(screen(viewer)[5]).toBe('>      "image_size": {');
		viewer.expand();
		expect(viewer.path()).toBe('.input.image_size.width');
		viewer.collapse();
		expect(viewer.path()).toBe('.input.image_size');
		viewer.collapse();
		expect(screen(viewer)[5]).toBe('>      "image_size": {…} 2 keys unchanged,');
		viewer.collapse();
		expect(viewer.path()).toBe('.input');
		viewer.collapse();
		expect(screen(viewer)[1]).toMatch(/^>~ {3}"input": \{…\}/);
		viewer.collapse();
		expect(viewer.path()).toBe('.');
	});

	test('fold to a depth, collapse all and expand all, what differs or not', () => {
		const viewer = diffOf(left, right, 80);
		viewer.moveBy(12);
		expect(viewer.path()).toBe('.output.images[0].url');
		expect(viewer.foldToDepth(1)).toBe('folded to depth 1');
		expect(screen(viewer)).toEqual([
			'   {',
			' ~   "input": {…} 4 keys (1 changed, 1 added, 1 removed),',
			'>~   "output": {…} 2 keys (1 changed)',
			'   }',
		]);
		expect(viewer.foldToDepth(0)).toBe('collapsed all');
		expect(screen(viewer)).toEqual(['>~ {…} 2 keys (2 changed, 1 added, 1 removed)']);
		expect(viewer.foldToDepth(Number.POSITIVE_INFINITY)).toBe('expanded all');
		expect(viewer.lineCount).toBe(25);
		expect(screen(viewer)).toContain('         "height": 768');
	});
});

describe('differences', () => {
	test('nextChange goes from difference to difference, a changed pair of lines as one, and say where they are', () => {
		const viewer = diffOf(left, right, 80);
		const visited: string[] = [];
		for (let step = 0; step < 4; step++) {
			visited.push(`${viewer.nextChange(1)} ${viewer.path()}`);
		}

		expect(visited).toEqual([
			'difference 1 of 4 .input.prompt',
			'difference 2 of 4 .input.steps',
			'difference 3 of 4 .input.guidance',
			'difference 4 of 4 .output.images[0].url',
		]);
		expect(viewer.nextChange(1)).toBe('no difference below');
		expect(viewer.path()).toBe('.output.images[0].url');
		expect(viewer.nextChange(-1)).toBe('difference 3 of 4');
		expect(viewer.nextChange(-1)).toBe('difference 2 of 4');
		viewer.first();
		expect(viewer.nextChange(-1)).toBe('no difference above');
		expect(diffOf(left, structuredClone(left)).nextChange(1)).toBe('no differences');
	});

	test('a folded difference is one stop, counted from the first difference it holds', () => {
		const viewer = diffOf(left, right, 140);
		viewer.moveBy(1);
		viewer.toggle();
		expect(viewer.nextChange(1)).toBe('difference 4 of 4');
		expect(viewer.nextChange(-1)).toBe('difference 1 of 4');
		expect(screen(viewer)[1]).toMatch(/^>~? *"input": \{…\} 4 keys \(1 changed, 1 added, 1 removed\), +~ +"input"/);
	});
});

describe('search', () => {
	test('finds keys and values on both sides, a line found on both as one match, and unfolds what hides it', () => {
		const viewer = diffOf(left, right, 80);
		expect(viewer.find('1024')).toBe('match 1 of 2');
		expect(viewer.query).toBe('1024');
		expect(viewer.path()).toBe('.input.image_size.width');
		expect(screen(viewer).slice(5, 9)).toEqual(['       "image_size": {', '>        "width": 1024,', '         "height": 768', '       },']);
		expect(cursorLine(viewer).segments!.filter(segment => segment.isMatch)).toEqual([{text: '1024', kind: 'number', isMatch: true}]);
		expect(viewer.nextMatch(1)).toBe('match 2 of 2');
		expect(viewer.path()).toBe('.output.images[0].width');
		expect(viewer.nextMatch(1)).toBe('match 1 of 2');
	});

	test('a match on one side only: a removed key, a changed word', () => {
		const viewer = diffOf(left, right, 140);
		expect(viewer.find('steps')).toBe('match 1 of 1');
		expect(viewer.path()).toBe('.input.steps');
		expect(cursorLine(viewer).left!.filter(segment => segment.isMatch)).toEqual([{text: '"steps"', kind: 'removed', isMatch: true}]);
		expect(viewer.find('red fox')).toBe('match 1 of 1');
		expect(viewer.path()).toBe('.input.prompt');
		expect(cursorLine(viewer).left!.some(segment => segment.isMatch)).toBe(true);
		expect(cursorLine(viewer).right!.some(segment => segment.isMatch)).toBe(false);
		// On both sides, the same line: one match.
		expect(viewer.find('fox')).toBe('match 1 of 1');
	});

	test('the first match is the one at or after the cursor; no match, no search', () => {
		const viewer = diffOf(left, right, 80);
		viewer.moveBy(9);
		expect(viewer.find('width')).toBe('match 2 of 2');
		expect(viewer.path()).toBe('.output.images[0].width');
		expect(viewer.find('nowhere')).toBe('no match for "nowhere"');
		expect(viewer.query).toBeUndefined();
		expect(viewer.nextMatch(1)).toBe('no search yet: press / to search');
	});
});

describe('paths and values', () => {
	test('the path under the cursor, and each side\'s value to copy, undefined where a side lacks it', () => {
		const viewer = diffOf(left, right, 140);
		expect(viewer.path()).toBe('.');
		viewer.moveBy(2);
		expect(viewer.path()).toBe('.input.prompt');
		expect(viewer.valueText('left')).toBe('a photo of a red fox in the snow');
		expect(viewer.valueText('right')).toBe('a photo of a blue fox in the snow');
		viewer.moveBy(3);
		expect([viewer.path(), viewer.valueText('left'), viewer.valueText('right')]).toEqual(['.input.steps', '28', undefined]);
		viewer.moveBy(1);
		expect([viewer.path(), viewer.valueText('left'), viewer.valueText('right')]).toEqual(['.input.guidance', undefined, '3.5']);
		viewer.moveBy(-2);
		expect(viewer.valueText('left')).toBe('{\n  "width": 1024,\n  "height": 768\n}');
		viewer.moveBy(-3);
		expect(JSON.parse(viewer.valueText('right')!)).toEqual(right.input);
	});

	test('numbers compared, shown and copied as the API wrote them', () => {
		const leftText = '{"seed": 123456789012345678901234567890, "scale": 1.0, "steps": 28}';
		const rightText = '{"seed": 123456789012345678901234567891, "scale": 1, "steps": 28}';
		const viewer = diffOf(JSON.parse(leftText), JSON.parse(rightText), 80, 10, {leftSource: {text: leftText}, rightSource: {text: rightText}});
		expect(viewer.summary()).toBe('2 changed');
		expect(screen(viewer)).toEqual([
			'>  {',
			' -   "seed": 123456789012345678901234567890 (not exact as a float),',
			' +   "seed": 123456789012345678901234567891 (not exact as a float),',
			' -   "scale": 1.0,',
			' +   "scale": 1,',
			'     "steps": 28',
			'   }',
		]);
		viewer.moveBy(1);
		expect([viewer.valueText('left'), viewer.valueText('right')]).toEqual(['123456789012345678901234567890', '123456789012345678901234567891']);
		viewer.first();
		expect(viewer.valueText('left')).toBe('{\n  "seed": 123456789012345678901234567890,\n  "scale": 1.0,\n  "steps": 28\n}');
	});

	test('a value that changed type shows removed, then added; each side copies its own', () => {
		const viewer = diffOf({a: {x: 1, y: 2}, b: 1}, {a: 'now a string', b: 1}, 140);
		expect(viewer.summary()).toBe('1 changed');
		expect(screen(viewer).map(line => line.replaceAll(/ {2,}/g, ' | '))).toEqual(['>{ | {', ' | "a": { | -', ' | "x": 1, | -', ' | "y": 2 | -', ' | }, | -', ' | + | "a": "now a string",', ' | "b": 1 | "b": 1', ' } | }']);
		viewer.moveBy(1);
		expect([viewer.valueText('left'), viewer.valueText('right')]).toEqual(['{\n  "x": 1,\n  "y": 2\n}', 'now a string']);
		viewer.moveBy(1);
		expect([viewer.path(), viewer.valueText('left'), viewer.valueText('right')]).toEqual(['.a.x', '1', undefined]);
		viewer.first();
		expect(viewer.nextChange(1)).toBe('difference 1 of 1');
		expect(viewer.nextChange(1)).toBe('no difference below');
	});

	test('a request without a payload against one with: all of it added; nothing against nothing', () => {
		const viewer = diffOf(undefined, {output: {ok: true}}, 80);
		expect(viewer.summary()).toBe('1 added');
		expect(screen(viewer)).toEqual(['>+ {', ' +   "output": {', ' +     "ok": true', ' +   }', ' + }']);
		expect(viewer.valueText('left')).toBeUndefined();
		const empty = diffOf(undefined, undefined, 80);
		expect([empty.summary(), empty.lineCount, empty.window(), empty.path(), empty.valueText('right')]).toEqual(['no differences', 0, [], '.', undefined]);
	});

	test('equal payloads: no differences, the top level open, the rest folded', () => {
		const viewer = diffOf(left, structuredClone(left), 80);
		expect(viewer.summary()).toBe('no differences');
		expect(screen(viewer)).toEqual(['>  {', '     "input": {…} 4 keys unchanged,', '     "output": {…} 2 keys unchanged', '   }']);
	});
});

describe('strings', () => {
	const long = 'The quick brown fox jumps over the lazy dog while the cat watches from the window sill in the warm afternoon sun';
	const changed = long.replace('lazy', 'sleepy').replace('warm', 'cold');

	test('a long string is cut to the width with one ellipsis; Enter wraps both sides, the changed words marked', () => {
		const viewer = diffOf({p: long}, {p: changed}, 60);
		expect(screen(viewer)).toEqual(['>  {', ' -   "p": "The quick brown fox jumps over the lazy dog while…', ' +   "p": "The quick brown fox jumps over the sleepy dog whi…', '   }']);
		viewer.moveBy(1);
		viewer.toggle();
		expect(screen(viewer)).toEqual([
			'   {',
			'>-   "p": "The quick brown fox jumps over the lazy dog whil',
			' -     e the cat watches from the window sill in the warm a',
			' -     fternoon sun"',
			' +   "p": "The quick brown fox jumps over the sleepy dog wh',
			' +     ile the cat watches from the window sill in the cold',
			' +      afternoon sun"',
			'   }',
		]);
		expect(viewer.window()[2]!.segments!.filter(segment => segment.kind === 'removedWord')).toEqual([{text: 'warm', kind: 'removedWord'}]);
		viewer.resize(140, 20);
		expect(screen(viewer).slice(1, 3).map(line => line.replaceAll(/ {2,}/g, ' | '))).toEqual([
			'> | "p": "The quick brown fox jumps over the lazy dog while the cat | ~ | "p": "The quick brown fox jumps over the sleepy dog while the ca',
			' | watches from the window sill in the warm afternoon sun" | ~ | t watches from the window sill in the cold afternoon sun"',
		]);
		viewer.collapse();
		expect(viewer.lineCount).toBe(3);
	});

	test('keys and values never reach the screen with control characters; no line is wider than its box', () => {
		const hostile = {'\u001B]0;pwned\u0007key': 'a\u001B[2J b c d \u202Eevil', wide: '中文'.repeat(80), emoji: '😀'.repeat(80)};
		const other = {'\u001B]0;pwned\u0007key': 'a\u001B[2J b c e \u202Eevil', wide: '中文'.repeat(81), emoji: '😀'.repeat(81)};
		for (const width of [20, 41, 80, 119, 120, 121, 160]) {
			const viewer = diffOf(hostile, other, width);
			viewer.foldToDepth(Number.POSITIVE_INFINITY);
			for (const line of viewer.window()) {
				const drawn = line.segments ? `${line.mark} ${text(line.segments)}` : `${text(line.left)} ${line.mark} ${text(line.right)}`;
				expect(textWidth(drawn), drawn).toBeLessThanOrEqual(width);
				// eslint-disable-next-line no-control-regex
				expect(drawn.match(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)).toBeNull();
			}
		}

		expect(screen(diffOf(hostile, other, 80))[1]).toBe(' -   "\\e]0;pwned\\x07key": "a\\e[2J b c d \\u202eevil",');
		expect(diffOf(hostile, other, 80, 5, {leftTitle: 'evil\u001B[2J'}).header()).toBe('- evil\\e[2J  + req 3c4d (12:05:09)');
	});
});

describe('size and depth', () => {
	test('a 5 MB pair with 2 MB data URIs and 10,000 images diffs, folds what is unchanged and finds its differences', () => {
		const payload = (variant: number) => {
			const uri = `data:image/png;base64,${'iVBORw0KGgo'.repeat(230_000)}${variant}`;
			const images = Array.from({length: 10_000}, (_, index) => ({url: `https://cdn.example/${index}.png`, seed: index === 5000 ? -variant : index}));
			return {input: {prompt: `a cat, take ${variant}`, image_url: uri, mask_url: uri}, output: {images, timings: {inference: 1.5}}};
		};

		const leftText = JSON.stringify(payload(1));
		const rightText = JSON.stringify(payload(2));
		expect(leftText.length).toBeGreaterThan(5_000_000);
		const viewer = diffOf(JSON.parse(leftText), JSON.parse(rightText), 140, 20, {leftSource: {text: leftText}, rightSource: {text: rightText}});
		expect(viewer.summary()).toBe('4 changed');
		const lines = screen(viewer);
		expect(lines[3]).toMatch(/^ {5}"image_url": "data:image\/png;base64,iVBORw0KGgo.*… 2\.5 MB, +~ {5}"image_url"/);
		expect(lines.filter(line => line.includes('{…} 2 keys unchanged'))).toHaveLength(20 - 8);
		expect(viewer.lineCount).toBe(10_000 + 15);
		for (let step = 0; step < 4; step++) {
			viewer.nextChange(1);
		}

		expect(viewer.path()).toBe('.output.images[5000].seed');
		expect(viewer.valueText('left')).toBe('-1');
	});

	test('nesting 10,000 deep: the difference at the bottom is reached, and all of it folds', () => {
		let a: unknown = 'bottom';
		let b: unknown = 'top';
		for (let index = 0; index < 10_000; index++) {
			a = index % 2 === 0 ? [a] : {level: a};
			b = index % 2 === 0 ? [b] : {level: b};
		}

		const viewer = diffOf(a, b, 80, 8);
		expect(viewer.lineCount).toBe(20_002);
		expect(viewer.nextChange(1)).toBe('difference 1 of 1');
		expect(viewer.path().length).toBeGreaterThan(10_000);
		expect(screen(viewer).filter(line => line.startsWith('>'))[0]).toMatch(/^>- +"bottom"$/);
		viewer.foldToDepth(0);
		expect(viewer.lineCount).toBe(1);
	});
});
