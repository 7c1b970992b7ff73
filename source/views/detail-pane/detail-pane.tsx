import React, {memo, useMemo, useRef, useState} from 'react';
import {Box, Text, useStdin, useStdout} from 'ink';
import type {RequestItem} from '../../api/types.js';
import type {PayloadStatus} from '../../state/payload-loader.js';
import {shownPayload, shownSource, shownText} from '../../state/payload-text.js';
import {type CopyResult, describeCopy} from '../../terminal/clipboard.js';
import {handOverTerminal, openInPager} from '../../terminal/hand-over.js';
import {sanitise} from '../../terminal/sanitise.js';
import {resolveSavePath, saveJson} from '../../terminal/save.js';
import {PaneTitle} from '../pane-title.js';
import {useTheme} from '../theme.js';
import {onDemand, useOnDemand} from '../use-on-demand.js';
import {usePaneInput} from '../use-pane-input.js';
import {fieldLines, Fields} from './fields.js';
import {payloadActionBindings, type PayloadAction} from './payload-action-keys.js';
import {defaultSaveName, saveText, type SaveFlow} from './save-flow.js';
import {SavePrompt} from './save-prompt.js';
import {describeParts} from './shown-payload.js';
import {useCaptureReport} from './use-capture-report.js';

export type DetailPaneProps = {
	item: RequestItem | undefined;
	payload: PayloadStatus;
	width: number;
	height: number;
	isActive: boolean;
	isUtc: boolean;
	isBillingShown: boolean;
	onStatus: (message: string) => void;
	/**
	 * True while a prompt in the pane (search, `z`, save) has the keyboard: the
	 * explorer must then leave every key to the pane. False comes once the key
	 * that closed the prompt has been handled. Default: not reported.
	 */
	onCaptureChange?: (isCapturing: boolean) => void;
	/** Copies text to the user's clipboard (`Y`, and `c` / `p` in the viewer). */
	copy: (text: string) => Promise<CopyResult>;
	/** PAGER, VISUAL, EDITOR and PATH for `o` / `O`. */
	env: NodeJS.ProcessEnv;
	/** The explorer draws on the alternate screen, which a pager or editor is given back. Default true. */
	isAlternateScreen?: boolean;
};

function PayloadState({payload}: {payload: PayloadStatus | undefined}): React.JSX.Element {
	const theme = useTheme();
	return payload?.state === 'failed' ? (
		<Text wrap="truncate" color={theme.color('error')}>✗ {payload.error.message}</Text>
	) : (
		<Text wrap="truncate" color={theme.color('muted')}>… loading the payloads</Text>
	);
}

// The payload viewer and its JSON engine load once the pane is up: the explorer's first frame has no payload to show.
const payloadViewer = onDemand(async () => import('../json-view/json-view.js'));

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The selected request: its fields, then its input and output as one foldable JSON tree. */
export const DetailPane = memo(function DetailPane(props: DetailPaneProps): React.JSX.Element {
	const {item, width, height, onStatus} = props;
	const theme = useTheme();
	const {stdin} = useStdin();
	const {stdout, write} = useStdout();
	// A status about another request is an old one: this request's payloads are not here yet.
	const payload = props.payload.state !== 'none' && props.payload.requestId === item?.request_id ? props.payload : undefined;
	const ready = payload?.state === 'ready' ? payload.payload : undefined;
	const viewer = useOnDemand(payloadViewer);
	// The same object while the payload is the same, so the viewer keeps its folds and scroll position across renders.
	const value = useMemo(() => (ready === undefined ? undefined : shownPayload(ready)), [ready]);
	const source = useMemo(() => (ready === undefined ? undefined : shownSource(ready)), [ready]);
	const [flow, setFlow] = useState<SaveFlow>({step: 'closed'});
	const [isBusy, setBusy] = useState(false);
	// Refs for the report, read within a key's handling; state for this pane's own keys, read at render.
	const isViewCapturing = useRef(false);
	const isFlowOpen = useRef(false);
	const [isViewPrompting, setViewPrompting] = useState(false);
	const reportCapture = useCaptureReport(props.onCaptureChange);
	const isCapturing = isViewPrompting || flow.step !== 'closed';

	const changeFlow = (next: SaveFlow): void => {
		isFlowOpen.current = next.step !== 'closed';
		setFlow(next);
		reportCapture(isViewCapturing.current || isFlowOpen.current);
	};

	const onViewCapture = (isOn: boolean): void => {
		isViewCapturing.current = isOn;
		setViewPrompting(isOn);
		reportCapture(isOn || isFlowOpen.current);
	};

	// Keys wait while a save or a pager runs: they belong to nobody until it is done.
	const busy = async (work: () => Promise<void>): Promise<void> => {
		setBusy(true);
		try {
			await work();
		} finally {
			setBusy(false);
		}
	};

	const open = (command: 'pager' | 'editor', json: string): void => {
		const terminal = {stdin, stdout, write, isAlternateScreen: props.isAlternateScreen ?? true};
		void busy(async () => {
			const result = await handOverTerminal(terminal, async () => openInPager(json, {env: props.env, command})).catch(
				(error: unknown) => ({ok: false as const, message: `Could not open the ${command}: ${describeError(error)}.`}),
			);
			onStatus(result.ok ? `Back from the ${command}.` : sanitise(result.message));
		});
	};

	const save = (name: string, isOverwrite: boolean): void => {
		if (flow.step === 'closed' || flow.step === 'choose' || item === undefined || ready === undefined) {
			return;
		}

		const {part} = flow;
		const chosen = saveText(part, item, ready);
		if (!chosen.ok) {
			changeFlow({step: 'closed'});
			onStatus(chosen.message);
			return;
		}

		void busy(async () => {
			const result = await saveJson(chosen.text, name, {overwrite: isOverwrite});
			if (result.ok) {
				changeFlow({step: 'closed'});
				onStatus(sanitise(`Saved the ${part === 'request' ? 'whole request' : part} to ${result.path}.`));
			} else if (result.reason === 'exists') {
				changeFlow({step: 'confirm', part, name, path: resolveSavePath(name)});
			} else {
				// Back to the name, so another can be typed.
				changeFlow({step: 'name', part, name});
				onStatus(sanitise(result.message));
			}
		});
	};

	const onAction = (action: PayloadAction): void => {
		if (item === undefined || ready === undefined || value === undefined) {
			onStatus(ready === undefined ? 'No payload is shown yet.' : 'This request has no stored payload to take out.');
			return;
		}

		switch (action) {
			case 'copyPayload': {
				props.copy(shownText(ready)).then(
					result => {
						onStatus(sanitise(describeCopy('the payload JSON', result)));
					},
					(error: unknown) => {
						onStatus(sanitise(`Could not copy the payload JSON: ${describeError(error)}`));
					},
				);
				break;
			}

			case 'openPager':
			case 'openEditor': {
				open(action === 'openPager' ? 'pager' : 'editor', shownText(ready));
				break;
			}

			case 'savePayload': {
				changeFlow({step: 'choose'});
				break;
			}
		}
	};

	usePaneInput(payloadActionBindings, {isActive: props.isActive && !isCapturing && !isBusy, onAction});

	const isPromptShown = flow.step !== 'closed';
	const payloadHeight = Math.max(1, height - 2 - fieldLines - (isPromptShown ? 1 : 0));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<PaneTitle title="Request" detail={item === undefined ? 'none selected' : sanitise(item.request_id)} isActive={props.isActive} width={width} />
			{item === undefined ? (
				<Text wrap="truncate"> </Text>
			) : (
				<>
					<Fields item={item} isUtc={props.isUtc} isBillingShown={props.isBillingShown} />
					<PaneTitle title="Payload" detail={ready === undefined ? undefined : describeParts(ready)} isActive={false} width={width} />
					{ready === undefined || viewer === undefined ? (
						<PayloadState payload={payload} />
					) : (
						<viewer.JsonView
							value={value}
							source={source}
							width={width}
							height={payloadHeight}
							isActive={props.isActive && !isPromptShown && !isBusy}
							isColor={theme.isColor}
							copy={props.copy}
							onStatus={onStatus}
							onCaptureChange={onViewCapture}
						/>
					)}
					{flow.step === 'closed' ? null : (
						<SavePrompt
							flow={flow}
							width={width}
							isBusy={isBusy}
							onChoose={part => {
								changeFlow({step: 'name', part, name: defaultSaveName(item.request_id, part)});
							}}
							onNameChange={name => {
								if (flow.step === 'name') {
									changeFlow({...flow, name});
								}
							}}
							onSubmit={() => {
								save(flow.step === 'name' ? flow.name : '', false);
							}}
							onConfirm={isYes => {
								if (flow.step === 'confirm') {
									if (isYes) {
										save(flow.name, true);
									} else {
										changeFlow({step: 'name', part: flow.part, name: flow.name});
										onStatus('Not replaced. Type another name, or Esc to cancel.');
									}
								}
							}}
							onCancel={() => {
								changeFlow({step: 'closed'});
							}}
						/>
					)}
				</>
			)}
		</Box>
	);
});
