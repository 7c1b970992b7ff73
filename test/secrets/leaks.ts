/** Finding a secret in recorded output: as typed, or base64-encoded (as an OSC 52 clipboard write carries it). */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Base64 runs that any base64 text containing `secret` must contain: one per
 * alignment of the secret against base64's 3-byte groups, leaving out the
 * partial groups at either end, which depend on the neighbouring bytes.
 */
function base64Forms(secret: string): string[] {
	const bytes = Buffer.from(secret);
	return [0, 1, 2].map(skip => {
		const whole = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
		return whole.toString('base64');
	});
}

/** How `secret` shows in `text`: 'as is', 'base64-encoded', or undefined when it does not. */
export function findSecret(text: string, secret: string): string | undefined {
	if (text.includes(secret)) {
		return 'as is';
	}

	return base64Forms(secret).some(form => text.includes(form)) ? 'base64-encoded' : undefined;
}

/** Files under `directory` holding `secret`, each with how it shows. */
export function scanDirectory(directory: string, secret: string): {files: number; leaks: string[]} {
	const names = fs.readdirSync(directory);
	const leaks = names.flatMap(name => {
		const file = path.join(directory, name);
		const text = fs.readFileSync(file, 'utf8');
		const how = findSecret(text, secret);
		// The first line names the test and the command (record-output.ts).
		return how === undefined ? [] : [`${file} (${how}): ${text.split('\n', 1)[0]}`];
	});
	return {files: names.length, leaks};
}
