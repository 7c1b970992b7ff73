import React, {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {RequestItem} from '../../api/types.js';
import type {PayloadStatus} from '../../state/payload-loader.js';
import {sanitise} from '../../terminal/sanitise.js';
import {PaneTitle} from '../pane-title.js';
import {useTheme} from '../theme.js';
import {fieldLines, Fields} from './fields.js';
import {PayloadFallback as PayloadView} from './payload-fallback.js';
import {shownPayload} from './shown-payload.js';

export type DetailPaneProps = {
	item: RequestItem | undefined;
	payload: PayloadStatus;
	width: number;
	height: number;
	isActive: boolean;
	isUtc: boolean;
	isBillingShown: boolean;
	onStatus: (message: string) => void;
};

function PayloadState({payload}: {payload: PayloadStatus | undefined}): React.JSX.Element {
	const theme = useTheme();
	switch (payload?.state) {
		case 'failed': {
			return <Text wrap="truncate" color={theme.color('error')}>✗ {payload.error.message}</Text>;
		}

		case 'ready': {
			return <Text wrap="truncate" color={theme.color('muted')}>No input or output was stored for this request.</Text>;
		}

		default: {
			return <Text wrap="truncate" color={theme.color('muted')}>… loading the payloads</Text>;
		}
	}
}

/** The selected request: its fields, then its input and output JSON. */
export const DetailPane = memo(function DetailPane(props: DetailPaneProps): React.JSX.Element {
	const {item, width, height} = props;
	// A status about another request is an old one: this request's payloads are not here yet.
	const payload = props.payload.state !== 'none' && props.payload.requestId === item?.request_id ? props.payload : undefined;
	// The same object while the payload is the same, so the viewer keeps its scroll position across renders.
	const value = useMemo(() => (payload?.state === 'ready' ? shownPayload(payload.payload) : undefined), [payload]);
	const payloadHeight = Math.max(1, height - 2 - fieldLines);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<PaneTitle title="Request" detail={item === undefined ? 'none selected' : sanitise(item.request_id)} isActive={props.isActive} width={width} />
			{item === undefined ? (
				<Text wrap="truncate"> </Text>
			) : (
				<>
					<Fields item={item} isUtc={props.isUtc} isBillingShown={props.isBillingShown} />
					<PaneTitle title="Payload" detail={value === undefined ? undefined : 'input and output JSON'} isActive={false} width={width} />
					{value === undefined ? (
						<PayloadState payload={payload} />
					) : (
						<PayloadView value={value} width={width} height={payloadHeight} isActive={props.isActive} onStatus={props.onStatus} />
					)}
				</>
			)}
		</Box>
	);
});
