/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes, then fails with what was last seen. */
export async function waitFor<T>(check: () => T | undefined, describe: () => string, timeoutMs = 3000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms; last seen:\n${describe()}`);
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 5);
		});
	}
}

/** Waits until the last frame satisfies `predicate`, and returns it. */
export async function waitForFrame(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string> {
	return waitFor(
		() => {
			const frame = lastFrame() ?? '';
			return predicate(frame) ? frame : undefined;
		},
		() => lastFrame() ?? '(no frame)',
		timeoutMs,
	);
}
