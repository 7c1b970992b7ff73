import {describe, expect, test} from 'vitest';
import {locate, linesAt} from '../../source/json/lines.js';
import {JsonDocument} from '../../source/json/tree.js';
import {JsonViewer} from '../../source/json/viewer.js';
import {screen, viewerOf, viewerOfText} from './helpers.js';

const payload = {
	images: [{url: 'https://cdn.example/a.png', width: 1024, content_type: 'image/png'}],
	prompt: 'a cat in a hat',
	seed: 42,
	has_nsfw: [false],
	timings: {inference: 1.25},
	nothing: null,
	empty: {},
	list: [],
};

describe('tree and lines', () => {
	test('shows the payload as coloured, indented JSON with commas', () => {
		const viewer = viewerOf(payload);
		expect(screen(viewer)).toEqual([
			'>{',
			'   "images": [',
			'     {',
			'       "url": "https://cdn.example/a.png",',
			'       "width": 1024,',
			'       "content_type": "image/png"',
			'     }',
			'   ],',
			'   "prompt": "a cat in a hat",',
			'   "seed": 42,',
			'   "has_nsfw": [',
			'     false',
			'   ],',
			'   "timings": {',
			'     "inference": 1.25',
			'   },',
			'   "nothing": null,',
			'   "empty": {},',
			'   "list": []',
			' }',
		]);
		const kinds = viewer.window()[3]!.segments.map(segment => segment.kind);
		expect(kinds).toEqual(['punct', 'key', 'punct', 'string', 'punct']);
	});

	test('lines(start, count) gives any window and nothing past the end', () => {
		const document = new JsonDocument(payload);
		expect(document.lineCount).toBe(20);
		const window = linesAt(document, 13, 3);
		expect(window.map(line => [line.node.key, line.part])).toEqual([
			['timings', 'open'],
			['inference', 'leaf'],
			['timings', 'close'],
		]);
		expect(locate(document, 19)?.part).toBe('close');
		expect(locate(document, 20)).toBeUndefined();
		expect(locate(document, -1)).toBeUndefined();
	});

	test('a large array is windowed without making a node per value', () => {
		const items = Array.from({length: 100_000}, (_, index) => ({id: index, tags: ['a', 'b']}));
		const viewer = viewerOf({items}, 60, 5);
		viewer.moveBy(1_000_000);
		expect(viewer.document.lineCount).toBe(100_000 * 7 + 4);
		expect(screen(viewer).at(-1)).toBe('>}');
		viewer.first();
		viewer.moveBy(7 * 50_000 + 2);
		expect(screen(viewer).join('\n')).toContain('"id": 50000,');
		// Only the root's and the array's children exist as nodes; the rest stays raw.
		const itemNode = viewer.cursorNode().parent!;
		expect(itemNode.children).toBeDefined();
		expect(viewer.document.childrenOf(viewer.document.root)[0]!.children![0]!.children).toBeUndefined();
	});

	test('depth 10,000 opens, scrolls to the end and folds without blowing the stack', () => {
		let deep: unknown = 'bottom';
		for (let index = 0; index < 10_000; index++) {
			deep = index % 2 === 0 ? [deep] : {level: deep};
		}

		const viewer = viewerOf(deep, 40, 10);
		expect(viewer.document.lineCount).toBe(20_001);
		viewer.last();
		expect(screen(viewer).at(-1)).toBe('>}');
		viewer.moveBy(-10_000);
		expect(viewer.path().length).toBeGreaterThan(10_000);
		viewer.collapse();
		viewer.foldToDepth(3);
		expect(viewer.document.lineCount).toBe(7);
		viewer.foldToDepth(Number.POSITIVE_INFINITY);
		expect(viewer.document.lineCount).toBe(20_001);
		// Indentation stops growing at half the width.
		expect(screen(viewer).every(line => line.length <= 40)).toBe(true);
	});
});

describe('folding', () => {
	test('Enter folds a container into a preview with its count, and unfolds it', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(1);
		viewer.toggle();
		expect(screen(viewer).slice(0, 3)).toEqual([' {', '>  "images": […] 1 item,', '   "prompt": "a cat in a hat",']);
		viewer.toggle();
		expect(screen(viewer)[2]).toBe('     {');
	});

	test('previews count keys and items and give sizes from 1 KB', () => {
		const viewer = viewerOf({small: {a: 1, b: 2}, big: Array.from({length: 300}, () => 'xxxxx')});
		viewer.foldToDepth(1);
		expect(screen(viewer)).toEqual(['>{', '   "small": {…} 2 keys,', '   "big": […] 300 items, 2.4 KB', ' }']);
	});

	test('collapse all, expand all and depth 1-9 keep the cursor on what it was on, or on the fold hiding it', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(3);
		expect(viewer.path()).toBe('.images[0].url');
		expect(viewer.foldToDepth(2)).toBe('folded to depth 2');
		expect(screen(viewer)[2]).toBe('>    {…} 3 keys');
		expect(viewer.foldToDepth(0)).toBe('collapsed all');
		expect(screen(viewer)).toEqual(['>{…} 8 keys']);
		expect(viewer.foldToDepth(Number.POSITIVE_INFINITY)).toBe('expanded all');
		expect(viewer.document.lineCount).toBe(20);
		expect(viewer.cursor).toBe(0);
	});

	test('h folds or goes to the parent; l unfolds or goes to the first child', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(13);
		expect(viewer.path()).toBe('.timings');
		viewer.expand();
		expect(viewer.path()).toBe('.timings.inference');
		viewer.collapse();
		expect(viewer.path()).toBe('.timings');
		viewer.collapse();
		expect(screen(viewer)[13]).toBe('>  "timings": {…} 1 key,');
		viewer.expand();
		expect(screen(viewer)[14]).toBe('     "inference": 1.25');
	});

	test('a close line folds its container and the cursor moves to it', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(7);
		expect(screen(viewer)[7]).toBe('>  ],');
		viewer.toggle();
		expect(screen(viewer)[1]).toBe('>  "images": […] 1 item,');
	});
});

describe('strings', () => {
	test('a long string is cut to the width with an ellipsis, and Enter wraps it whole', () => {
		const text = 'word '.repeat(30).trim();
		const viewer = viewerOf({prompt: text}, 40, 10);
		viewer.moveBy(1);
		expect(screen(viewer)[1]).toBe('>  "prompt": "word word word word word …"');
		viewer.toggle();
		const lines = screen(viewer);
		expect(lines.length).toBe(7);
		expect(lines.every(line => line.length <= 41)).toBe(true);
		const joined = lines
			.slice(1, -1)
			.map((line, index) => line.slice(index === 0 ? 3 : 5))
			.join('');
		expect(joined).toBe(`"prompt": "${text}"`);
		viewer.toggle();
		expect(viewer.document.lineCount).toBe(3);
	});

	test('a cut string followed by a comma ends with one ellipsis, inside its quotes', () => {
		const viewer = viewerOf({prompt: 'word '.repeat(30), seed: 1}, 40, 10);
		expect(screen(viewer)[1]).toBe('   "prompt": "word word word word word…",');
	});

	test('strings over 1 KB (data URIs, base64) start collapsed with their size and a prefix', () => {
		const uri = `data:image/png;base64,${'iVBORw0KGgo'.repeat(200)}`;
		const viewer = viewerOf({image: uri}, 60, 10);
		expect(screen(viewer)[1]).toMatch(/^ {3}"image": "data:image\/png;base64,iVBORw0KGgo.*…" 2\.2 KB$/);
	});

	test('a string holding JSON opens as a tree, and J again shows the string', () => {
		const viewer = viewerOf({detail: '{"loc":["body","prompt"],"msg":"field required"}'});
		viewer.moveBy(1);
		expect(viewer.toggleParsed()).toBe('string opened as JSON');
		expect(screen(viewer)).toEqual([
			' {',
			'>  "detail": { parsed from a string',
			'     "loc": [',
			'       "body",',
			'       "prompt"',
			'     ],',
			'     "msg": "field required"',
			'   }',
			' }',
		]);
		viewer.moveBy(3);
		expect(viewer.path()).toBe('.detail | fromjson | .loc[1]');
		expect(viewer.toggleParsed()).toBe('shown as a string again');
		expect(viewer.document.lineCount).toBe(3);
		expect(viewerOf({a: 'not json'}).toggleParsed()).toBe('only a string holding JSON can be opened as a tree');
	});

	test('numbers beyond the float range are shown as such', () => {
		const viewer = viewerOf(JSON.parse('{"huge": 1e999, "tiny": -1e999}'));
		expect(screen(viewer).slice(1, 3)).toEqual(['   "huge": Infinity (beyond float range),', '   "tiny": -Infinity (beyond float range)']);
	});
});

describe('the API\'s own text', () => {
	const text = String.raw`{"n":123456789012345678901234567890,"inf":1e999,"neg":-1e400,"z":-0.0,"one":1.0,"tenth":0.1,"hundred":1e2,"b":1,"2":2,"1":3,"e":"caf\u00e9","d":"x","d":{"k":1.50}}`;

	test('numbers are shown as written, those a float cannot hold marked in words, keys in the order sent', () => {
		expect(screen(viewerOfText(text, 80))).toEqual([
			'>{',
			'   "n": 123456789012345678901234567890 (not exact as a float),',
			'   "inf": 1e999 (beyond float range),',
			'   "neg": -1e400 (beyond float range),',
			'   "z": -0.0,',
			'   "one": 1.0,',
			'   "tenth": 0.1,',
			'   "hundred": 1e2,',
			'   "b": 1,',
			'   "2": 2,',
			'   "1": 3,',
			'   "e": "café",',
			'   "d": {',
			'     "k": 1.50',
			'   }',
			' }',
		]);
	});

	test('c copies the value as written: a number\'s literal, a container\'s text re-indented, a string\'s content', () => {
		const viewer = viewerOfText(text, 80);
		viewer.moveBy(1);
		expect(viewer.valueText()).toBe('123456789012345678901234567890');
		viewer.moveBy(1);
		expect(viewer.valueText()).toBe('1e999');
		viewer.moveBy(2);
		expect(viewer.valueText()).toBe('-0.0');
		viewer.moveBy(5);
		expect([viewer.path(), viewer.valueText()]).toEqual(['.["2"]', '2']);
		viewer.moveBy(2);
		expect(viewer.valueText()).toBe('café');
		// A key given twice: the value shown is the last, and so is its text.
		viewer.moveBy(1);
		expect(viewer.valueText()).toBe('{\n  "k": 1.50\n}');
		viewer.first();
		expect(viewer.valueText()).toBe(String.raw`{
  "n": 123456789012345678901234567890,
  "inf": 1e999,
  "neg": -1e400,
  "z": -0.0,
  "one": 1.0,
  "tenth": 0.1,
  "hundred": 1e2,
  "b": 1,
  "2": 2,
  "1": 3,
  "e": "caf\u00e9",
  "d": "x",
  "d": {
    "k": 1.50
  }
}`);
	});

	test('search finds a number by its literal', () => {
		const viewer = viewerOfText(text, 80);
		expect(viewer.find('123456789012345678901234567890')).toBe('match 1 of 1');
		expect(viewer.path()).toBe('.n');
		expect(viewer.find('-0.0')).toBe('match 1 of 1');
		expect(viewer.path()).toBe('.z');
	});

	test('a string opened as JSON shows and copies its own text\'s numbers, with or without the document\'s text', () => {
		const inner = '{"seed": 18446744073709551615, "list": [1.0, 2]}';
		for (const viewer of [viewerOfText(JSON.stringify({detail: inner}), 80), viewerOf({detail: inner}, 80)]) {
			viewer.moveBy(1);
			expect(viewer.toggleParsed()).toBe('string opened as JSON');
			expect(screen(viewer).slice(2, 4)).toEqual(['     "seed": 18446744073709551615 (not exact as a float),', '     "list": [']);
			expect(screen(viewer)[4]).toBe('       1.0,');
			expect(viewer.valueText()).toBe('{\n  "seed": 18446744073709551615,\n  "list": [\n    1.0,\n    2\n  ]\n}');
			viewer.moveBy(1);
			expect(viewer.valueText()).toBe('18446744073709551615');
			viewer.moveBy(2);
			expect(viewer.valueText()).toBe('1.0');
		}

		const root = viewerOfText(JSON.stringify('1e999'));
		expect(root.toggleParsed()).toBe('string opened as JSON');
		expect(screen(root)).toEqual(['>1e999 (beyond float range) parsed from a string']);
		expect(root.valueText()).toBe('1e999');
	});

	test('a root number keeps its literal; a document without text falls back to the parsed values', () => {
		expect(screen(viewerOfText(' 1E400 '))).toEqual(['>1E400 (beyond float range)']);
		expect(viewerOfText(' 1E400 ').valueText()).toBe('1E400');
		const parsedOnly = viewerOf(JSON.parse(text) as unknown, 80);
		parsedOnly.moveBy(3);
		expect(screen(parsedOnly)[3]).toBe('>  "n": 1.2345678901234568e+29,');
		expect(parsedOnly.valueText()).toBe('1.2345678901234568e+29');
	});

	test('a root made of parts parsed apart (a payload\'s input and output) takes each part\'s own text', () => {
		const input = '{"seed": 18446744073709551615, "b": 1, "1": 2}';
		const viewer = new JsonViewer({input: JSON.parse(input) as unknown, output: Number.POSITIVE_INFINITY}, {source: {members: {input, output: '1e999'}}});
		viewer.resize(80, 20);
		expect(screen(viewer)).toEqual([
			'>{',
			'   "input": {',
			'     "seed": 18446744073709551615 (not exact as a float),',
			'     "b": 1,',
			'     "1": 2',
			'   },',
			'   "output": 1e999 (beyond float range)',
			' }',
		]);
		expect(viewer.valueText()).toBe('{\n  "input": {\n    "seed": 18446744073709551615,\n    "b": 1,\n    "1": 2\n  },\n  "output": 1e999\n}');
		viewer.moveBy(1);
		expect(viewer.valueText()).toBe('{\n  "seed": 18446744073709551615,\n  "b": 1,\n  "1": 2\n}');
		viewer.moveBy(1);
		expect(viewer.valueText()).toBe('18446744073709551615');
		viewer.moveBy(2);
		expect(viewer.path()).toBe('.input["1"]');
		viewer.last();
		viewer.moveBy(-1);
		expect(viewer.valueText()).toBe('1e999');
	});

	test('a literal never reaches the screen with a control character', () => {
		// Not JSON a parser would accept; the viewer trusts its text no more than the parser's word.
		const viewer = new JsonViewer([1], {source: {text: '[1\u001B[2J]'}});
		viewer.resize(40, 5);
		expect(screen(viewer).join('\n')).not.toContain('\u001B');
	});
});

describe('paths and values', () => {
	test('jq paths quote keys that are not identifiers', () => {
		const viewer = viewerOf({'odd key': {'a.b': [{'': 1, x_1: 2}]}});
		viewer.moveBy(4);
		expect(viewer.path()).toBe('.["odd key"]["a.b"][0][""]');
		viewer.moveBy(1);
		expect(viewer.path()).toBe('.["odd key"]["a.b"][0].x_1');
		viewer.first();
		expect(viewer.path()).toBe('.');
	});

	test('the value under the cursor copies raw for strings and as JSON otherwise', () => {
		const viewer = viewerOf(payload);
		viewer.moveBy(3);
		expect(viewer.valueText()).toBe('https://cdn.example/a.png');
		viewer.moveBy(-1);
		expect(JSON.parse(viewer.valueText())).toEqual(payload.images[0]);
	});
});

describe('sanitising', () => {
	test('keys and values never reach the screen with control characters or bidi overrides', () => {
		const hostile = {'\u001B]0;pwned\u0007key': '\u001B[2J\u001B]52;c;ZXZpbA==\u0007\u202Eevil\u009B31m'};
		const lines = screen(viewerOf(hostile, 120, 5));
		expect(lines[1]).toBe('   "\\e]0;pwned\\x07key": "\\e[2J\\e]52;c;ZXZpbA==\\x07\\u202eevil\\x9b31m"');
		// eslint-disable-next-line no-control-regex
		expect(lines.join('').match(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)).toBeNull();
	});

	test('no line is wider than the box, whatever the content', () => {
		const wide = {'中文キー': '中文'.repeat(100), emoji: '😀'.repeat(100)};
		const viewer = viewerOf(wide, 30, 5);
		for (const row of viewer.window()) {
			const width = row.segments.reduce((sum, segment) => sum + [...segment.text].reduce((w, char) => w + (char.codePointAt(0)! > 0x2e80 ? 2 : 1), 0), 0);
			expect(width).toBeLessThanOrEqual(30);
		}
	});
});
