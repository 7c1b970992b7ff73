import {JsonViewer} from '../../source/json/viewer.js';

/** What the viewer shows, one string per line, the cursor line marked with '>'. */
export function screen(viewer: JsonViewer): string[] {
	return viewer.window().map(row => (row.isCursor ? '>' : ' ') + row.segments.map(segment => segment.text).join(''));
}

export function viewerOf(value: unknown, width = 60, height = 30): JsonViewer {
	const viewer = new JsonViewer(value);
	viewer.resize(width, height);
	return viewer;
}

/** A viewer on JSON text as the API wrote it: the value JSON.parse makes of it, and the text beside. */
export function viewerOfText(text: string, width = 60, height = 30): JsonViewer {
	const viewer = new JsonViewer(JSON.parse(text), {source: {text}});
	viewer.resize(width, height);
	return viewer;
}
