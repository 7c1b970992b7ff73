import {setImmediate} from 'node:timers/promises';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {unseenLabel} from '../../../source/triage/follow.js';
import {useFollow, type PollResult, type Schedule} from '../../../source/views/triage/use-follow.js';
import {waitFor, waitForFrame} from './wait.js';

/** A timer the test runs by hand: it records each scheduled delay. */
function manualSchedule() {
	const pending: Array<{run: () => void; delayMs: number; isCancelled: boolean}> = [];
	const schedule: Schedule = (run, delayMs) => {
		const entry = {run, delayMs, isCancelled: false};
		pending.push(entry);
		return () => {
			entry.isCancelled = true;
		};
	};

	return {pending, schedule, delays: () => pending.map(entry => entry.delayMs)};
}

function Harness({isOn, poll, schedule}: {isOn: boolean; poll: (signal: AbortSignal) => Promise<PollResult>; schedule: Schedule}) {
	const {state} = useFollow({isOn, poll, schedule});
	return <Text>{`on=${state.isOn} failures=${state.failures} new=[${unseenLabel(state)}] error=[${state.error ?? ''}]`}</Text>;
}

describe('useFollow', () => {
	it('polls 5 s after it starts and then every 5 s, counting rows added out of sight', async () => {
		const timer = manualSchedule();
		const poll = vi.fn(async (): Promise<PollResult> => ({isOk: true, added: 2, isScrolledAway: true}));
		const {lastFrame} = render(<Harness isOn poll={poll} schedule={timer.schedule} />);
		await waitFor(() => (timer.pending.length === 1 ? true : undefined), () => lastFrame() ?? '');
		expect(poll).not.toHaveBeenCalled();
		timer.pending[0]!.run();
		await waitForFrame(lastFrame, frame => frame.includes('new=[2 new]'));
		timer.pending[1]!.run();
		await waitForFrame(lastFrame, frame => frame.includes('new=[4 new]'));
		expect(timer.delays()).toEqual([5000, 5000, 5000]);
		expect(poll).toHaveBeenCalledTimes(2);
	});

	it('backs off after failures, honours Retry-After, and resets on success', async () => {
		const timer = manualSchedule();
		const results: PollResult[] = [
			{isOk: false, message: 'The API is busy.'},
			{isOk: false, message: 'The API is busy.', retryAfterMs: 45_000},
			{isOk: false, message: 'The API is busy.'},
			{isOk: true, added: 0, isScrolledAway: false},
		];
		const poll = vi.fn(async () => results.shift()!);
		const {lastFrame} = render(<Harness isOn poll={poll} schedule={timer.schedule} />);
		for (let step = 1; step <= 4; step++) {
			// eslint-disable-next-line no-await-in-loop
			await waitFor(() => (timer.pending.length === step ? true : undefined), () => lastFrame() ?? '');
			timer.pending[step - 1]!.run();
		}

		await waitFor(() => (timer.pending.length === 5 ? true : undefined), () => lastFrame() ?? '');
		expect(timer.delays()).toEqual([5000, 10_000, 45_000, 40_000, 5000]);
		expect(lastFrame()).toContain('failures=0');
	});

	it('shows the last failure in words', async () => {
		const timer = manualSchedule();
		const poll = vi.fn(async (): Promise<PollResult> => {
			throw new Error('socket hang up');
		});
		const {lastFrame} = render(<Harness isOn poll={poll} schedule={timer.schedule} />);
		await waitFor(() => timer.pending[0], () => lastFrame() ?? '');
		timer.pending[0]!.run();
		await waitForFrame(lastFrame, frame => frame.includes('failures=1'));
		expect(lastFrame()).toContain('error=[Follow mode could not check for new requests; it will try again.]');
	});

	it('stops when turned off: the poll in flight is aborted and nothing more is scheduled', async () => {
		const timer = manualSchedule();
		let signal: AbortSignal | undefined;
		let finish: (result: PollResult) => void = () => undefined;
		const poll = vi.fn(
			async (given: AbortSignal) =>
				new Promise<PollResult>(resolve => {
					signal = given;
					finish = resolve;
				}),
		);
		const {lastFrame, rerender} = render(<Harness isOn poll={poll} schedule={timer.schedule} />);
		await waitFor(() => timer.pending[0], () => lastFrame() ?? '');
		timer.pending[0]!.run();
		await waitFor(() => signal, () => lastFrame() ?? '');
		rerender(<Harness isOn={false} poll={poll} schedule={timer.schedule} />);
		await waitForFrame(lastFrame, frame => frame.includes('on=false'));
		expect(signal?.aborted).toBe(true);
		finish({isOk: true, added: 3, isScrolledAway: true});
		// Let the late result's continuation run before checking it changed nothing.
		await setImmediate();
		expect(timer.pending).toHaveLength(1);
		expect(lastFrame()).toContain('new=[]');
	});
});
