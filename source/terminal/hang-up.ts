/**
 * A terminal that hangs up (the SSH connection drops, the tmux session is
 * killed) is a normal way for the explorer to end. But Node 20, as it exits,
 * restores the terminal settings it found at start on every stdio descriptor
 * that was a terminal, and aborts with an assertion and a native stack trace
 * when that fails, as it does on a hung-up terminal (EIO). It skips a
 * descriptor that has been closed: so the gone terminal's are closed first.
 */
import fs from 'node:fs';
import tty from 'node:tty';

const stdio = [0, 1, 2] as const;

export type TerminalWatch = {
	/** Whether a descriptor that was a terminal at start is one no more: the terminal hung up. */
	isGone(): boolean;
	/** Closes the descriptors of the terminal that hung up, so that Node's exit leaves them alone. */
	release(): void;
};

export function watchTerminal(): TerminalWatch {
	const wasTerminal = stdio.filter(fd => tty.isatty(fd));
	// On a hung-up terminal tcgetattr fails with EIO, so isatty says false for it.
	const gone = () => wasTerminal.filter(fd => !tty.isatty(fd));
	return {
		isGone: () => gone().length > 0,
		release() {
			for (const fd of gone()) {
				try {
					fs.closeSync(fd);
				} catch {
					// Already closed: nothing for Node to restore.
				}
			}
		},
	};
}
