/** Colours, switched off by NO_COLOR: every coloured thing also reads in words or symbols. */
import {createContext, useContext} from 'react';
import type {StatusClass} from '../format/request.js';

export type Theme = {
	isColor: boolean;
	/** A colour for Ink's `color` prop, or undefined to draw without one. */
	color(name: ColorName): string | undefined;
	status(statusClass: StatusClass): string | undefined;
};

export type ColorName = 'accent' | 'muted' | 'error' | 'warning' | 'good' | 'key' | 'string' | 'number' | 'literal';

const palette: Record<ColorName, string> = {
	accent: 'cyan',
	muted: 'gray',
	error: 'red',
	warning: 'yellow',
	good: 'green',
	key: 'blue',
	string: 'green',
	number: 'yellow',
	literal: 'magenta',
};

const statusPalette: Record<StatusClass, string> = {
	success: 'green',
	user_error: 'yellow',
	error: 'red',
	running: 'cyan',
	other: 'magenta',
};

/** See https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function createTheme(env: NodeJS.ProcessEnv): Theme {
	const isColor = (env['NO_COLOR'] ?? '') === '';
	return {
		isColor,
		color: name => (isColor ? palette[name] : undefined),
		status: statusClass => (isColor ? statusPalette[statusClass] : undefined),
	};
}

export const ThemeContext = createContext<Theme>(createTheme({}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
