import process from 'node:process';
import React, {useEffect, useRef, useState} from 'react';
import {Box, render, Text, useApp, useInput} from 'ink';
import TextInput from 'ink-text-input';
import type {ConfigStore} from '../config/store.js';
import {sanitise} from '../terminal/sanitise.js';

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

type Phase =
	| {name: 'typing'; problem?: string}
	| {name: 'checking'}
	| {name: 'stored'; notes: string[]}
	| {name: 'cancelled'}
	| {name: 'failed'; message: string};

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

type LoginPromptProps = {
	store: LoginDeps['store'];
	verifyKey: LoginDeps['verifyKey'];
	isEnvKeySet: boolean;
	/** Called once with the exit code, just before the app exits. */
	onDone: (code: number) => void;
};

function LoginPrompt({store, verifyKey, isEnvKeySet, onDone}: LoginPromptProps): React.JSX.Element {
	const {exit} = useApp();
	const [value, setValue] = useState('');
	const [phase, setPhase] = useState<Phase>({name: 'typing'});
	// A check still in flight when the user cancels must not store the key afterwards.
	const isCancelled = useRef(false);
	const isFinished = phase.name === 'stored' || phase.name === 'cancelled' || phase.name === 'failed';

	useEffect(() => {
		if (isFinished) {
			onDone(phase.name === 'stored' ? 0 : 1);
			exit();
		}
		// Only a change of phase can finish the prompt.
	}, [phase]);

	useInput(
		(input, key) => {
			if (key.escape || (key.ctrl && input === 'c')) {
				isCancelled.current = true;
				setPhase({name: 'cancelled'});
			}
		},
		{isActive: !isFinished},
	);

	async function check(key: string): Promise<void> {
		let verdict: KeyVerdict;
		try {
			verdict = await verifyKey(key);
		} catch (error) {
			verdict = {ok: false, message: `The key could not be checked: ${error instanceof Error ? error.message : String(error)}`};
		}

		if (isCancelled.current) {
			return;
		}

		if (!verdict.ok) {
			setValue('');
			setPhase({name: 'typing', problem: `${scrub(verdict.message, key)} Try again, or press Esc to cancel.`});
			return;
		}

		try {
			store.setKey(key);
		} catch (error) {
			setPhase({name: 'failed', message: scrub(error instanceof Error ? error.message : String(error), key)});
			return;
		}

		const notes = [store.permissionWarning(), isEnvKeySet ? 'FAL_KEY is set in this environment and wins over the stored key; unset it to use the stored one.' : undefined];
		setPhase({name: 'stored', notes: notes.filter(note => note !== undefined)});
	}

	function submit(typed: string): void {
		const key = typed.trim();
		if (key.length === 0) {
			setPhase({name: 'typing', problem: 'Nothing was typed: paste your fal API key, then press Enter.'});
			return;
		}

		setPhase({name: 'checking'});
		void check(key);
	}

	switch (phase.name) {
		case 'stored': {
			return (
				<Box flexDirection="column">
					<Text color="green">✔ Key checked and stored in {store.path}</Text>
					{phase.notes.map(note => (
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
			return <Text color="red">{phase.message}</Text>;
		}

		default: {
			const isChecking = phase.name === 'checking';
			return (
				<Box flexDirection="column">
					<Text>Paste your fal API key (from https://fal.ai/dashboard/keys); it will not be shown.</Text>
					<Box>
						<Text>Key: </Text>
						<TextInput value={value} mask="•" focus={!isChecking} showCursor={!isChecking} onChange={setValue} onSubmit={submit} />
					</Box>
					{isChecking ? (
						<Text>
							<Spinner /> Checking the key…
						</Text>
					) : (
						<Text color={phase.problem ? 'red' : 'gray'}>{phase.problem ?? 'Enter to check and store it, Esc to cancel.'}</Text>
					)}
				</Box>
			);
		}
	}
}

/**
 * `falreq login`: asks for the key with a masked input, checks it with one
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

	let code = 1;
	const instance = render(
		<LoginPrompt
			store={deps.store}
			verifyKey={deps.verifyKey}
			isEnvKeySet={Boolean((deps.env ?? process.env)['FAL_KEY']?.trim())}
			onDone={result => {
				code = result;
			}}
		/>,
		{stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: false},
	);
	await instance.waitUntilExit();
	return code;
}
