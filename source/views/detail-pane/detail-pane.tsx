import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {RequestItem} from '../../api/types.js';
import type {DetailState} from '../../model/model.js';
import type {PayloadStatus} from '../../state/payload-loader.js';
import {sanitise} from '../../terminal/sanitise.js';
import {JsonView} from '../json-view/json-view.js';
import {PaneTitle} from '../pane-title.js';
import {useTheme} from '../theme.js';
import {Fields} from './fields.js';
import {SavePrompt} from './save-prompt.js';
import {shownPayload} from '../../state/payload-text.js';
import {describeParts} from './shown-payload.js';

export type DetailPaneProps = {
	item: RequestItem | undefined;
	payload: PayloadStatus;
	detail: DetailState;
	/** `detail.version`, so that a change inside the viewer draws again. */
	version: number;
	width: number;
	height: number;
	/** The payload viewer's box. */
	payloadHeight: number;
	isActive: boolean;
	isUtc: boolean;
	isBillingShown: boolean;
};

function PayloadState({payload}: {payload: PayloadStatus | undefined}): React.JSX.Element {
	const theme = useTheme();
	return payload?.state === 'failed' ? (
		<Text wrap="truncate" color={theme.color('error')}>✗ {payload.error.message} r tries again.</Text>
	) : (
		<Text wrap="truncate" color={theme.color('muted')}>… loading the payloads</Text>
	);
}

function Notice({text}: {text: string}): React.JSX.Element {
	const theme = useTheme();
	return <Text wrap="truncate" color={theme.color('muted')}>{text}</Text>;
}

/** The selected request: its fields, then its input and output as one foldable JSON tree. */
export const DetailPane = memo(function DetailPane(props: DetailPaneProps): React.JSX.Element {
	const {item, detail, width, height} = props;
	// A status about another request is an old one: this request's payloads are not here yet.
	const payload = props.payload.state !== 'none' && props.payload.requestId === item?.request_id ? props.payload : undefined;
	const ready = payload?.state === 'ready' ? payload.payload : undefined;
	const value = ready === undefined ? undefined : shownPayload(ready);
	let body: React.ReactNode;
	if (ready === undefined) {
		body = <PayloadState payload={payload} />;
	} else if (value === undefined || detail.viewer === undefined) {
		body = <Notice text="No payload: it was not stored, or it has been deleted." />;
	} else {
		body = <JsonView viewer={detail.viewer} version={props.version} width={width} height={props.payloadHeight} search={detail.search} isActive={props.isActive} />;
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<PaneTitle title="Request" detail={item === undefined ? 'none selected' : sanitise(item.request_id)} isActive={props.isActive} width={width} />
			{item === undefined ? (
				<Text wrap="truncate"> </Text>
			) : (
				<>
					<Fields item={item} width={width} isUtc={props.isUtc} isBillingShown={props.isBillingShown} />
					<PaneTitle title="Payload" detail={ready === undefined ? undefined : describeParts(ready)} isActive={false} width={width} />
					{body}
					{detail.save.step === 'closed' ? null : <SavePrompt flow={detail.save} width={width} />}
				</>
			)}
		</Box>
	);
});
