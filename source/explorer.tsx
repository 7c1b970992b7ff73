/**
 * `falreq` and `falreq --demo`: the explorer, drawn by Ink on the terminal's
 * alternate screen so that quitting, however it happens, gives back the
 * screen as it was.
 */
import process from 'node:process';
import React from 'react';
import {Box, render, useApp} from 'ink';
import type {ApiClient} from './api/client.js';
import type {Filters, RequestPage} from './api/types.js';
import {App, type AppProps} from './app.js';
import {diffingStdout} from './terminal/frame-writer.js';
import {isTooSmall, TooSmall} from './views/too-small.js';
import {useTerminalSize} from './views/use-terminal-size.js';

export type ExplorerDeps = {
	client: ApiClient;
	/** For a 401 inside the explorer: checks a typed key, stores it and returns a client using it; or a sentence why not. */
	login(key: string): Promise<{ok: true; client: ApiClient} | {ok: false; message: string}>;
	/** From command-line flags or the config; when undefined, the explorer asks for an endpoint id. */
	initialFilters?: Filters;
	/** When the starting filters' relative times count from: their first page may already be on its way. Default: now(). */
	startedAt?: Date;
	/** The starting filters' first page, when it has come already. */
	firstPage?: RequestPage;
	/** Called once the first frame is drawn: a moment to load what the keys to come need. */
	afterFirstFrame?: () => void;
	/** Remembers the last filters used. */
	saveFilters(filters: Filters): void | Promise<void>;
	now(): Date;
	env: NodeJS.ProcessEnv;
	/** Shown in the status bar, e.g. 'demo' when running on the built-in emulator. */
	label?: string;
	/** Default: process.stdin. */
	stdin?: NodeJS.ReadStream;
	/** Default: process.stdout. */
	stdout?: NodeJS.WriteStream;
	/** Default: process.stderr. */
	stderr?: NodeJS.WriteStream;
};

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';
const signalCodes = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130} as const;

function Root(props: Omit<AppProps, 'onQuit'>): React.JSX.Element {
	const {exit} = useApp();
	const size = useTerminalSize();
	const isHidden = isTooSmall(size);
	// Hidden rather than unmounted, so the loaded rows and the filters are still there once the window grows.
	return (
		<>
			{isHidden ? <TooSmall size={size} /> : null}
			<Box display={isHidden ? 'none' : 'flex'}>
				<App {...props} onQuit={() => exit()} />
			</Box>
		</>
	);
}

/** Runs the explorer until the user quits; resolves to the exit code (0, or 128 + signal). */
export async function runExplorer(deps: ExplorerDeps): Promise<number> {
	const stdout = deps.stdout ?? process.stdout;
	let code = 0;
	let isRestored = false;
	const restore = (): void => {
		if (!isRestored) {
			isRestored = true;
			stdout.write(leaveAlternateScreen);
		}
	};

	stdout.write(enterAlternateScreen);
	// FALREQ_FULL_REDRAW=1 draws every frame in full, as Ink does by itself: for a terminal that mishandles the diffs.
	const terminal = deps.env['FALREQ_FULL_REDRAW'] === '1' ? {stdout, dispose() {}} : diffingStdout(stdout);
	const instance = render(
		<Root
			client={deps.client}
			login={deps.login}
			initialFilters={deps.initialFilters}
			startedAt={deps.startedAt}
			firstPage={deps.firstPage}
			saveFilters={deps.saveFilters}
			now={deps.now}
			env={deps.env}
			label={deps.label}
		/>,
		{
			stdin: deps.stdin ?? process.stdin,
			// Not Ink 6.8's incrementalRendering, which draws a row low: see source/terminal/frame-writer.ts.
			stdout: terminal.stdout,
			stderr: deps.stderr ?? process.stderr,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	// Ink draws the first frame within render().
	deps.afterFirstFrame?.();

	const onSignal = (signal: keyof typeof signalCodes): void => {
		code = signalCodes[signal];
		instance.unmount();
	};

	const onCrash = (error: unknown): void => {
		instance.unmount();
		restore();
		const message = error instanceof Error ? error.message : String(error);
		(deps.stderr ?? process.stderr).write(`falreq: the explorer stopped on an unexpected error: ${message}\n`);
		process.exit(1);
	};

	const handlers = Object.keys(signalCodes).map(name => {
		const signal = name as keyof typeof signalCodes;
		const handler = (): void => {
			onSignal(signal);
		};

		process.on(signal, handler);
		return () => process.off(signal, handler);
	});
	process.on('exit', restore);
	process.on('uncaughtException', onCrash);
	try {
		await instance.waitUntilExit();
	} catch (error) {
		// A component threw: Ink drew it on the alternate screen, which is about to go; say it in a sentence instead.
		throw new Error(`the explorer stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
	} finally {
		restore();
		terminal.dispose();
		for (const off of handlers) {
			off();
		}

		process.off('exit', restore);
		process.off('uncaughtException', onCrash);
	}

	return code;
}
