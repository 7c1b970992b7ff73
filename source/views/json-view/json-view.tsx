import React, {useMemo, useReducer, useRef} from 'react';
import {Box, Text, useStdout} from 'ink';
import type {Segment, SegmentKind} from '../../json/lines.js';
import type {JsonSource} from '../../json/source.js';
import {JsonViewer} from '../../json/viewer.js';
import {type CopyResult, copyText, describeCopy} from '../../terminal/clipboard.js';
import {sanitise} from '../../terminal/sanitise.js';
import {type ColorName, useTheme} from '../theme.js';
import type {JsonViewAction} from './keys.js';
import {type PromptEdit, useJsonViewInput} from './use-json-view-input.js';

export type JsonViewProps = {
	/** The payload; `undefined` = absent (not stored, or deleted), `null` = the JSON value null. Each is said in words. */
	value: unknown;
	/** The JSON text `value` was parsed from, when known: numbers are shown as written and `c` copies this text's values. Default: none. */
	source?: JsonSource;
	/** The box to fill exactly; no line wraps. */
	width: number;
	height: number;
	/** Only then does the view's input hook receive keys. */
	isActive: boolean;
	/** A message for the status bar, e.g. 'Copied the path .images[0].url (OSC 52).', 'match 3 of 12'. */
	onStatus?: (message: string) => void;
	/** Default true; false under NO_COLOR / TERM=dumb. */
	isColor?: boolean;
	/**
	 * True while the search prompt is open or a `z` waits for its digit: the
	 * explorer must then send every key to this view (as to a focused text input).
	 */
	onCaptureChange?: (isCapturing: boolean) => void;
	/** How `c` and `p` copy. Default: {@link copyText} with process.env, writing to Ink's stdout. */
	copy?: (text: string) => Promise<CopyResult>;
};

const colors: Record<SegmentKind, ColorName | undefined> = {
	key: 'key',
	string: 'string',
	number: 'number',
	boolean: 'literal',
	null: 'literal',
	punct: undefined,
	muted: 'muted',
};

function SegmentText({segment, isColor}: {segment: Segment; isColor: boolean}): React.JSX.Element {
	const theme = useTheme();
	const name = colors[segment.kind];
	const color = isColor && name ? theme.color(name) : undefined;
	if (segment.isMatch) {
		return (
			<Text underline bold color={isColor ? 'black' : undefined} backgroundColor={isColor ? 'yellow' : undefined}>
				{segment.text}
			</Text>
		);
	}

	return <Text color={color}>{segment.text}</Text>;
}

function Notice({text, isColor}: {text: string; isColor: boolean}): React.JSX.Element {
	const theme = useTheme();
	return (
		<Text color={isColor ? theme.color('muted') : undefined}>
			{text}
		</Text>
	);
}

/** A foldable, searchable JSON tree that draws only the lines in its box. */
export function JsonView(props: JsonViewProps): React.JSX.Element {
	const {value, source, width, height, isActive, onStatus, onCaptureChange} = props;
	const isColor = props.isColor ?? true;
	const {stdout} = useStdout();
	const viewer = useMemo(() => new JsonViewer(value, {source}), [value, source]);
	const [, redraw] = useReducer((count: number) => count + 1, 0);
	// Kept in a ref, not state: keys arriving in one chunk (a paste, a fast
	// typist over SSH) are handled before React renders again.
	const mode = useRef<{prompt?: string; isDepthPending: boolean}>({isDepthPending: false});
	const {prompt} = mode.current;
	const copy = props.copy ?? (async (text: string) => copyText(text, {env: process.env, write: data => stdout.write(data)}));

	const setMode = (next: {prompt?: string; isDepthPending: boolean}): void => {
		const wasCapturing = mode.current.prompt !== undefined || mode.current.isDepthPending;
		mode.current = next;
		const isCapturing = next.prompt !== undefined || next.isDepthPending;
		if (isCapturing !== wasCapturing) {
			onCaptureChange?.(isCapturing);
		}

		redraw();
	};

	const contentHeight = Math.max(1, height - (prompt === undefined ? 0 : 1));
	// One column is the cursor gutter.
	viewer.resize(width - 1, contentHeight);

	const status = (message: string | undefined): void => {
		if (message) {
			onStatus?.(message);
		}
	};

	const copyOut = (text: string, what: string): void => {
		copy(text).then(
			result => {
				status(sanitise(describeCopy(what, result)));
			},
			(error: unknown) => {
				status(sanitise(`Could not copy ${what}: ${error instanceof Error ? error.message : String(error)}.`));
			},
		);
	};

	const onAction = (action: JsonViewAction): void => {
		switch (action) {
			case 'down': {
				viewer.moveBy(1);
				break;
			}

			case 'up': {
				viewer.moveBy(-1);
				break;
			}

			case 'pageDown':
			case 'pageUp': {
				viewer.page(action === 'pageDown' ? 1 : -1);
				break;
			}

			case 'halfPageDown':
			case 'halfPageUp': {
				viewer.page(action === 'halfPageDown' ? 1 : -1, 0.5);
				break;
			}

			case 'first': {
				viewer.first();
				break;
			}

			case 'last': {
				viewer.last();
				break;
			}

			case 'toggle': {
				viewer.toggle();
				break;
			}

			case 'collapse': {
				viewer.collapse();
				break;
			}

			case 'expand': {
				viewer.expand();
				break;
			}

			case 'collapseAll': {
				status(viewer.foldToDepth(0));
				break;
			}

			case 'expandAll': {
				status(viewer.foldToDepth(Number.POSITIVE_INFINITY));
				break;
			}

			case 'foldDepth': {
				setMode({isDepthPending: true});
				status('fold to depth: press 1-9');
				return;
			}

			case 'parseString': {
				status(viewer.toggleParsed());
				break;
			}

			case 'search': {
				setMode({prompt: '', isDepthPending: false});
				return;
			}

			case 'nextMatch':
			case 'previousMatch': {
				status(viewer.nextMatch(action === 'nextMatch' ? 1 : -1));
				break;
			}

			case 'copyValue': {
				copyOut(viewer.valueText(), `the value of ${viewer.path()}`);
				return;
			}

			case 'copyPath': {
				const path = viewer.path();
				copyOut(path, `the path ${path}`);
				return;
			}
		}

		redraw();
	};

	const onDepth = (depth: number | undefined): void => {
		status(depth === undefined ? 'fold to depth cancelled' : viewer.foldToDepth(depth));
		setMode({isDepthPending: false});
	};

	const onPromptEdit = (edit: PromptEdit): void => {
		const text = mode.current.prompt ?? '';
		switch (edit.type) {
			case 'type': {
				setMode({prompt: text + edit.text, isDepthPending: false});
				break;
			}

			case 'erase': {
				setMode({prompt: text.slice(0, -1), isDepthPending: false});
				break;
			}

			case 'cancel': {
				setMode({isDepthPending: false});
				break;
			}

			case 'submit': {
				if (text) {
					status(viewer.find(text));
				}

				setMode({isDepthPending: false});
				break;
			}
		}
	};

	useJsonViewInput({isActive: isActive && value !== undefined, mode, onAction, onDepth, onPromptEdit});

	let body: React.ReactNode;
	if (value === undefined) {
		body = <Notice text="No payload: it was not stored, or it has been deleted." isColor={isColor} />;
	} else if (value === null) {
		body = <Notice text="null (the payload is the JSON value null)" isColor={isColor} />;
	} else {
		body = viewer.window().map(row => (
			<Text key={row.index} wrap="truncate-end" inverse={row.isCursor && isActive}>
				{row.isCursor ? '›' : ' '}
				{row.segments.map((segment, index) => (
					// eslint-disable-next-line react/no-array-index-key -- segments have no identity beyond their place
					<SegmentText key={index} segment={segment} isColor={isColor} />
				))}
			</Text>
		));
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Box flexDirection="column" height={contentHeight} overflow="hidden">
				{body}
			</Box>
			{prompt === undefined ? null : (
				<Text wrap="truncate-start">
					/{sanitise(prompt)}
					<Text inverse> </Text>
				</Text>
			)}
		</Box>
	);
}
