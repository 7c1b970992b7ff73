import {useCallback, useEffect, useReducer, useRef} from 'react';
import {followIntervalMs, followOff, followReducer, pollDelay, type FollowState} from '../../triage/follow.js';

/** What one poll came to: rows merged, or a failure in words (with the server's Retry-After, if any). */
export type PollResult = {isOk: true; added: number; isScrolledAway: boolean} | {isOk: false; message: string; retryAfterMs?: number};

/** Runs `run` after `delayMs`; returns a function that cancels it. */
export type Schedule = (run: () => void, delayMs: number) => () => void;

const timerSchedule: Schedule = (run, delayMs) => {
	const timer = setTimeout(run, delayMs);
	return () => {
		clearTimeout(timer);
	};
};

export type UseFollowProps = {
	/** Whether follow mode is on; turning it off aborts the poll in flight and schedules no more. */
	isOn: boolean;
	/**
	 * One poll: fetch rows newer than the top row (`followQuery`), merge them
	 * (`mergeNewer`) and say how it went. The signal aborts when following stops.
	 */
	poll: (signal: AbortSignal) => Promise<PollResult>;
	/** Timer. Default: setTimeout. */
	schedule?: Schedule;
};

const unexpected = 'Follow mode could not check for new requests; it will try again.';

/**
 * Follow mode's timing: the first poll {@link followIntervalMs} after it is
 * turned on (so toggling it never costs a request), each next one
 * {@link pollDelay} after the previous settled, never two at once.
 */
export function useFollow({isOn, poll, schedule = timerSchedule}: UseFollowProps): {state: FollowState; markSeen: () => void} {
	const [state, dispatch] = useReducer(followReducer, followOff);
	// The latest callbacks, so a parent passing new closures each render does not restart the schedule.
	const latest = useRef({poll, schedule});
	latest.current = {poll, schedule};

	useEffect(() => {
		if (!isOn) {
			dispatch({type: 'stop'});
			return;
		}

		dispatch({type: 'start'});
		const controller = new AbortController();
		let failures = 0;
		let cancel: () => void = () => undefined;
		const run = async () => {
			const result = await latest.current.poll(controller.signal).catch((): PollResult => ({isOk: false, message: unexpected}));
			if (controller.signal.aborted) {
				return;
			}

			if (result.isOk) {
				failures = 0;
				dispatch({type: 'polled', added: result.added, isScrolledAway: result.isScrolledAway});
			} else {
				failures++;
				dispatch({type: 'failed', message: result.message});
			}

			cancel = latest.current.schedule(() => void run(), pollDelay(failures, result.isOk ? undefined : result.retryAfterMs));
		};

		cancel = latest.current.schedule(() => void run(), followIntervalMs);
		return () => {
			controller.abort();
			cancel();
		};
	}, [isOn]);

	const markSeen = useCallback(() => {
		dispatch({type: 'seen'});
	}, []);
	return {state, markSeen};
}
