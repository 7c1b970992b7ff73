import process from 'node:process';
import React, {useEffect, useState} from 'react';
import {Box, render, Text} from 'ink';
import type {ConfigStore} from '../config/store.js';
import type {Key} from '../input/keys.js';
import {readKeys} from '../input/read-keys.js';
import {editField, textField, type TextField} from '../input/text-field.js';
import {loginLabel} from '../model/layout.js';
import {sanitise} from '../terminal/sanitise.js';
import {TextFieldView} from '../views/text-field-view.js';

/** The verdict of one cheap API call made with the candidate key. */
export type KeyVerdict = {ok: true} | {ok: false; message: string};

export type LoginDeps = {
	store: Pick<ConfigStore, 'path' | 'setKey' | 'permissionWarning'>;
	verifyKey: (key: string) => Promise<KeyVerdict>;
	/** Default: process.stdin. */
	stdin?: NodeJS.ReadStream;
	/** Default: process.stdout. */
	stdout?: NodeJS.WriteStream;
	/** Where the not-a-terminal refusal goes. Default: process.stderr. */
	stderr?: NodeJS.WriteStream;
	/** Read for FAL_KEY, which would override the stored key. Default: process.env. */
	env?: NodeJS.ProcessEnv;
};

/** Where the prompt stands: the masked field (and why the last key was refused), a check in flight, or how it ended. */
export type LoginState =
	| {phase: 'typing'; field: TextField; problem?: string}
	| {phase: 'checking'; key: string}
	| {phase: 'stored'; notes: string[]}
	| {phase: 'cancelled'}
	| {phase: 'failed'; message: string};

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function Spinner(): React.JSX.Element {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setFrame(previous => (previous + 1) % spinnerFrames.length);
		}, 80);
		return () => {
			clearInterval(timer);
		};
	}, []);
	return <Text color="cyan">{spinnerFrames[frame]}</Text>;
}

// A message about a key comes from code that saw the key; make sure it cannot carry it to the screen.
function scrub(message: string, key: string): string {
	return sanitise(message.split(key).join('[your key]'));
}

export function isFinished(state: LoginState): boolean {
	return state.phase === 'stored' || state.phase === 'cancelled' || state.phase === 'failed';
}

/**
 * One key against the prompt's state, in order: a key and Enter read
 * together are typed, then submitted. While a key is being checked, only
 * Esc and Ctrl-C count; the rest would be typed into a field that is gone.
 */
export function loginKey(state: LoginState, key: Key): LoginState {
	if (key.name === 'escape' || (key.name === 'char' && key.ctrl && key.text === 'c')) {
		return isFinished(state) ? state : {phase: 'cancelled'};
	}

	if (state.phase !== 'typing') {
		return state;
	}

	if (key.name === 'enter') {
		const typed = state.field.value.trim();
		return typed === '' ? {...state, problem: 'Nothing was typed: paste your fal API key, then press Enter.'} : {phase: 'checking', key: typed};
	}

	const {field} = editField(state.field, key);
	return field === state.field ? state : {...state, field};
}

function LoginView({state, storePath, width}: {state: LoginState; storePath: string; width: number}): React.JSX.Element {
	switch (state.phase) {
		case 'stored': {
			return (
				<Box flexDirection="column">
					<Text color="green">✔ Key checked and stored in {storePath}</Text>
					{state.notes.map(note => (
						<Text key={note} color="yellow">
							{note}
						</Text>
					))}
				</Box>
			);
		}

		case 'cancelled': {
			return <Text>Cancelled; no key was stored.</Text>;
		}

		case 'failed': {
			return <Text color="red">{state.message}</Text>;
		}

		case 'checking': {
			return (
				<Box flexDirection="column">
					<Text>Paste your fal API key (from https://fal.ai/dashboard/keys); it will not be shown.</Text>
					<Text>{loginLabel}{'•'.repeat(Math.min(state.key.length, width - loginLabel.length - 1))}</Text>
					<Text>
						<Spinner /> Checking the key…
					</Text>
				</Box>
			);
		}

		case 'typing': {
			return (
				<Box flexDirection="column">
					<Text>Paste your fal API key (from https://fal.ai/dashboard/keys); it will not be shown.</Text>
					<Box>
						<Text>{loginLabel}</Text>
						<TextFieldView field={state.field} width={Math.max(1, width - loginLabel.length - 1)} mask="•" />
					</Box>
					<Text color={state.problem ? 'red' : 'gray'}>{state.problem ?? 'Enter to check and store it, Esc to cancel.'}</Text>
				</Box>
			);
		}
	}
}

/**
 * `falreq login`: asks for the key with a masked field, checks it with one
 * API call and stores it. Exit code 0 when stored, 1 when cancelled or the
 * store failed, 2 when not run in a terminal.
 */
export async function runLogin(deps: LoginDeps): Promise<number> {
	const stdin = deps.stdin ?? process.stdin;
	const stdout = deps.stdout ?? process.stdout;
	const stderr = deps.stderr ?? process.stderr;
	if (!stdin.isTTY || !stdout.isTTY) {
		stderr.write('falreq login needs a terminal; set FAL_KEY instead.\n');
		return 2;
	}

	const isEnvKeySet = Boolean((deps.env ?? process.env)['FAL_KEY']?.trim());
	let state: LoginState = {phase: 'typing', field: textField()};
	const width = (): number => stdout.columns || 80;
	const instance = render(<LoginView state={state} storePath={deps.store.path} width={width()} />, {stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: false});
	async function check(key: string): Promise<LoginState> {
		let verdict: KeyVerdict;
		try {
			verdict = await deps.verifyKey(key);
		} catch (error) {
			verdict = {ok: false, message: `The key could not be checked: ${error instanceof Error ? error.message : String(error)}`};
		}

		if (!verdict.ok) {
			return {phase: 'typing', field: textField(), problem: `${scrub(verdict.message, key)} Try again, or press Esc to cancel.`};
		}

		try {
			deps.store.setKey(key);
		} catch (error) {
			return {phase: 'failed', message: scrub(error instanceof Error ? error.message : String(error), key)};
		}

		const notes = [deps.store.permissionWarning(), isEnvKeySet ? 'FAL_KEY is set in this environment and wins over the stored key; unset it to use the stored one.' : undefined];
		return {phase: 'stored', notes: notes.filter(note => note !== undefined)};
	}

	const show = (next: LoginState): void => {
		const wasChecking = state.phase === 'checking';
		state = next;
		instance.rerender(<LoginView state={state} storePath={deps.store.path} width={width()} />);
		if (isFinished(state)) {
			instance.unmount();
		} else if (state.phase === 'checking' && !wasChecking) {
			const {key} = state;
			void check(key).then(verdict => {
				// A check still in flight when the user cancels must not count afterwards.
				if (state.phase === 'checking' && state.key === key) {
					show(verdict);
				}
			});
		}
	};

	const onKeys = (keys: Key[]): void => {
		let next = state;
		for (const key of keys) {
			next = loginKey(next, key);
		}

		show(next);
	};

	const stop = readKeys(stdin, onKeys);
	try {
		await instance.waitUntilExit();
	} finally {
		stop();
	}

	return exitCode(state);
}

function exitCode(state: LoginState): number {
	return state.phase === 'stored' ? 0 : 1;
}
