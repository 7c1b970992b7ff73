import {useEffect, useRef} from 'react';

/**
 * Reports to the explorer whether the pane has the keyboard. Ink hands each
 * key to every listener in an order that changes with re-renders, so the
 * explorer's router may see a key after the prompt it closed: capturing is
 * reported at once, its end only after the current key has gone round
 * (`setImmediate`), so Esc closing a search does not also leave the pane.
 */
export function useCaptureReport(onCaptureChange: ((isCapturing: boolean) => void) | undefined): (isCapturing: boolean) => void {
	const latest = useRef(onCaptureChange);
	latest.current = onCaptureChange;
	const state = useRef({wanted: false, reported: false});
	const flush = (): void => {
		if (state.current.reported !== state.current.wanted) {
			state.current.reported = state.current.wanted;
			latest.current?.(state.current.wanted);
		}
	};

	// Unmounted mid-prompt (the request went away): the explorer must not stay captured.
	useEffect(
		() => () => {
			if (state.current.reported) {
				latest.current?.(false);
			}
		},
		[],
	);

	return isCapturing => {
		state.current.wanted = isCapturing;
		if (isCapturing) {
			flush();
		} else {
			setImmediate(flush);
		}
	};
}
