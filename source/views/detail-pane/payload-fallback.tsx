/**
 * A plain payload viewer: pretty-printed, coloured, scrollable. It stands
 * in for the foldable JSON viewer and takes the same props, so swapping
 * one for the other touches only the import in detail-pane.tsx.
 */
import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {sanitise} from '../../terminal/sanitise.js';
import {useTheme, type ColorName} from '../theme.js';
import {usePaneInput} from '../use-pane-input.js';
import {payloadBindings, type PayloadAction} from './payload-keys.js';

export type PayloadFallbackProps = {
	value: unknown;
	width: number;
	height: number;
	isActive: boolean;
	/** Reports a short status sentence (unused by this viewer, kept for the same props as the JSON viewer). */
	onStatus?: (message: string) => void;
};

// One styled run for the key and one for the value at most, per line.
const linePattern = /^(\s*)("(?:[^"\\]|\\.)*":\s)?(.*)$/;

function valueColor(text: string): ColorName {
	if (text.startsWith('"')) {
		return 'string';
	}

	return /^-?\d/.test(text) ? 'number' : 'literal';
}

function PayloadLine({line, width}: {line: string; width: number}): React.JSX.Element {
	const theme = useTheme();
	// Cut before sanitising: a several-MB data URI is one line, and only its start is ever seen.
	const text = sanitise(line.slice(0, width + 1));
	const [, indent = '', key = '', rest = ''] = linePattern.exec(text) ?? [];
	const isStructural = /^[[\]{},]*$/.test(rest);
	return (
		<Text wrap="truncate">
			{indent}
			{key === '' ? '' : <Text color={theme.color('key')}>{key}</Text>}
			{isStructural ? rest : <Text color={theme.color(valueColor(rest))}>{rest}</Text>}
		</Text>
	);
}

export function PayloadFallback({value, width, height, isActive}: PayloadFallbackProps): React.JSX.Element {
	const lines = useMemo(() => (JSON.stringify(value, null, 2) ?? 'null').split('\n'), [value]);
	const [top, setTop] = useState(0);
	useEffect(() => {
		setTop(0);
	}, [value]);
	const maxTop = Math.max(0, lines.length - height);
	const scrollTo = (next: number): void => {
		setTop(Math.max(0, Math.min(maxTop, next)));
	};

	const moves: Record<PayloadAction, () => number> = {
		scrollDown: () => top + 1,
		scrollUp: () => top - 1,
		scrollPageDown: () => top + height,
		scrollPageUp: () => top - height,
		scrollTop: () => 0,
		scrollBottom: () => maxTop,
	};
	usePaneInput(payloadBindings, {isActive, onAction: action => scrollTo(moves[action]())});
	const shown = lines.slice(Math.min(top, maxTop), Math.min(top, maxTop) + height);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{shown.map((line, index) => (
				<PayloadLine key={top + index} line={line} width={width} />
			))}
		</Box>
	);
}
