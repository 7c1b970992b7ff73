/**
 * The config file could not be read or written. The message is a sentence
 * naming the file and what to do; it never quotes the file's contents, which
 * may hold the key.
 */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';

	constructor(
		message: string,
		/** The config file concerned. */
		readonly path: string,
		/** 'corrupt': the file is not valid falreq config; 'io': the file system refused. */
		readonly kind: 'corrupt' | 'io',
	) {
		super(message);
	}
}
