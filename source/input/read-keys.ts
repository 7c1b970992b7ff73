/**
 * Reads a terminal's keys: raw mode on, every read decoded into keys
 * (source/input/keys.ts) and handed over together, so a burst is handled as
 * one batch, in order.
 */
import {createKeyDecoder, type Key} from './keys.js';

/**
 * How long a lone ESC waits for the rest of an escape sequence: an arrow key
 * split across two reads must not become Esc, [ and A. Esc typed alone is
 * Esc after this; typed with the next key, it is Esc then that key at once.
 */
export const escapeDelayMs = 25;

/** Starts reading; returns the function that stops (raw mode off, stdin paused). */
export function readKeys(stdin: NodeJS.ReadStream, onKeys: (keys: Key[]) => void): () => void {
	const decoder = createKeyDecoder();
	let flushTimer: NodeJS.Timeout | undefined;
	const hand = (keys: Key[]): void => {
		if (keys.length > 0) {
			onKeys(keys);
		}
	};

	const onData = (chunk: Buffer | string): void => {
		clearTimeout(flushTimer);
		hand(decoder.feed(chunk));
		if (decoder.hasPending) {
			flushTimer = setTimeout(() => {
				hand(decoder.flush());
			}, escapeDelayMs);
		}
	};

	if (stdin.isTTY) {
		stdin.setRawMode(true);
	}

	stdin.on('data', onData);
	return () => {
		clearTimeout(flushTimer);
		stdin.off('data', onData);
		if (stdin.isTTY) {
			try {
				stdin.setRawMode(false);
			} catch {
				// A terminal that hung up has no mode left to set back (EIO).
			}
		}

		stdin.pause();
	};
}
