/**
 * `falreq` and `falreq --demo`: the explorer. Here the pieces meet: stdin
 * is read and decoded into keys (one decoder, source/input/keys.ts), every
 * message goes through the one update function (source/model/update.ts),
 * effects run in source/runtime/effects.ts, and Ink draws the model on the
 * terminal's alternate screen, so that quitting, however it happens, gives
 * back the screen as it was.
 */
import process from 'node:process';
import React, {useEffect} from 'react';
import {render, useStdout} from 'ink';
import type {ApiClient} from './api/client.js';
import {validateFilters} from './api/query.js';
import {localZone} from './api/zone.js';
import type {Filters, RequestPage} from './api/types.js';
import {App} from './app.js';
import {bracketedPasteOff, bracketedPasteOn} from './input/keys.js';
import {readKeys} from './input/read-keys.js';
import type {Msg} from './model/messages.js';
import {initialModel, type Model} from './model/model.js';
import {start, update} from './model/update.js';
import {createEffectRunner, type LoginResult} from './runtime/effects.js';
import {createProgram} from './runtime/program.js';
import {copyText} from './terminal/clipboard.js';
import {diffingStdout} from './terminal/frame-writer.js';
import {handOverTerminal} from './terminal/hand-over.js';
import {watchTerminal} from './terminal/hang-up.js';
import {createTheme, type Theme} from './views/theme.js';

export type ExplorerDeps = {
	client: ApiClient;
	/** For a 401 inside the explorer: checks a typed key, stores it and returns a client using it; or a sentence why not. */
	login(key: string): Promise<LoginResult>;
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
	/** How long the cursor rests on a row before its payloads are fetched. Default 150 ms. */
	payloadDelayMs?: number;
};

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';
const signalCodes = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130} as const;

/** Errors of a terminal that has gone away: the SSH connection dropped, the tmux session was killed. */
function isHangUp(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO' || code === 'EBADF';
}

type RootProps = {
	model: Model;
	theme: Theme;
	/** Receives Ink's stdout write, which draws the whole frame again after it: the pager hand-over needs it. */
	onInkWrite: (write: (data: string) => void) => void;
};

function Root({model, theme, onInkWrite}: RootProps): React.JSX.Element {
	const {write} = useStdout();
	useEffect(() => {
		onInkWrite(write);
	}, [write]);
	return <App model={model} theme={theme} />;
}

/** Runs the explorer until the user quits; resolves to the exit code (0, or 128 + signal). */
export async function runExplorer(deps: ExplorerDeps): Promise<number> {
	const stdout = deps.stdout ?? process.stdout;
	const stdin = deps.stdin ?? process.stdin;
	const stderr = deps.stderr ?? process.stderr;
	const terminalWatch = watchTerminal();
	let code = 0;
	let isEnding = false;
	let instance: ReturnType<typeof render> | undefined;
	const end = (exitCode: number): void => {
		code = exitCode;
		isEnding = true;
		instance?.unmount();
	};

	let isRestored = false;
	const restore = (): void => {
		// Nothing can be written to a terminal that hung up, not even the sequences that restore it.
		if (!isRestored && !terminalWatch.isGone()) {
			isRestored = true;
			stdout.write(bracketedPasteOff + leaveAlternateScreen);
		}
	};

	function onCrash(error: unknown): void {
		if (isHangUp(error)) {
			end(signalCodes.SIGHUP);
			return;
		}

		instance?.unmount();
		restore();
		const message = error instanceof Error ? error.message : String(error);
		stderr.write(`falreq: the explorer stopped on an unexpected error: ${message}\n`);
		process.exit(1);
	}

	// Listened for from the very start: the terminal may hang up before the first frame. Left on after the
	// explorer ends, so that a write to a terminal that hung up meanwhile never becomes an uncaught error.
	stdin.on('error', onCrash);
	stdout.on('error', onCrash);
	// A terminal that hung up reads as the end of input: no key can come any more.
	stdin.once('end', () => {
		end(signalCodes.SIGHUP);
	});
	const handlers = Object.keys(signalCodes).map(name => {
		const signal = name as keyof typeof signalCodes;
		const handler = (): void => {
			end(signalCodes[signal]);
		};

		process.on(signal, handler);
		return () => process.off(signal, handler);
	});
	process.on('exit', restore);
	process.on('uncaughtException', onCrash);

	stdout.write(enterAlternateScreen + bracketedPasteOn);
	// FALREQ_FULL_REDRAW=1 draws every frame in full, as Ink does by itself: for a terminal that mishandles the diffs.
	const terminal = deps.env['FALREQ_FULL_REDRAW'] === '1' ? {stdout, dispose() {}} : diffingStdout(stdout);
	const theme = createTheme(deps.env);
	const size = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const startedAt = (deps.startedAt ?? deps.now()).getTime();
	let inkWrite: (data: string) => void = () => undefined;
	const element = (model: Model) => (
		<Root
			model={model}
			theme={theme}
			onInkWrite={write => {
				inkWrite = write;
			}}
		/>
	);

	const runner = createEffectRunner(
		{
			client: deps.client,
			login: deps.login,
			copy: async text => copyText(text, {env: deps.env, write: data => terminal.stdout.write(data)}),
			handOver: async run => handOverTerminal({stdin, stdout: terminal.stdout, write: inkWrite, isAlternateScreen: true}, run),
			env: deps.env,
			saveFilters: deps.saveFilters,
			quit() {
				end(0);
			},
		},
		msg => {
			program.dispatch(msg);
		},
	);
	const program = createProgram({
		start: start(
			initialModel({
				initialFilters: deps.initialFilters,
				firstPage: deps.firstPage,
				// The explorer starts in local time; u switches to UTC.
				validate: filters => validateFilters(filters, new Date(startedAt), localZone()),
				now: startedAt,
				size: size(),
				label: deps.label,
				canLogin: true,
				payloadDelayMs: deps.payloadDelayMs,
			}),
		),
		update,
		run: effect => {
			runner.run(effect);
		},
		draw(model) {
			instance?.rerender(element(model));
		},
		now: () => deps.now().getTime(),
	});

	instance = render(element(program.model), {
		stdin,
		// Not Ink 6.8's incrementalRendering, which draws a row low: see source/terminal/frame-writer.ts.
		stdout: terminal.stdout,
		stderr,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	// Ink draws the first frame within render().
	deps.afterFirstFrame?.();
	const dispatch = (...messages: Msg[]): void => {
		program.dispatch(...messages);
	};

	const onResize = (): void => {
		dispatch({type: 'resize', ...size()});
	};

	const stopReading = readKeys(stdin, keys => {
		dispatch(...keys.map(key => ({type: 'key', key}) as const));
	});
	stdout.on('resize', onResize);
	if (isEnding) {
		// A signal or a hang-up came before the first frame was up.
		instance.unmount();
	} else {
		program.start();
	}

	try {
		await instance.waitUntilExit();
	} catch (error) {
		// A component threw: Ink drew it on the alternate screen, which is about to go; say it in a sentence instead.
		throw new Error(`the explorer stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
	} finally {
		runner.dispose();
		stopReading();
		restore();
		terminal.dispose();
		for (const off of handlers) {
			off();
		}

		stdout.off('resize', onResize);
		process.off('exit', restore);
		process.off('uncaughtException', onCrash);
		terminalWatch.release();
	}

	return code;
}
