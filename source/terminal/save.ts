/** Save a payload's JSON text to a file the user named. */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type SaveOptions = {
	/** Replace an existing file. Default false: an existing file is left alone and reported as 'exists'. */
	overwrite?: boolean;
};

export type SaveResult = {ok: true; path: string} | {ok: false; reason: 'exists' | 'error'; message: string};

const reasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	ENOENT: 'the folder does not exist',
	ENOTDIR: 'a part of the path is not a folder',
	EISDIR: 'it is a folder',
	ENOSPC: 'the disk is full',
	EROFS: 'the file system is read-only',
};

/** `~/x` means the home folder; a relative path is taken from the current directory. */
export function resolveSavePath(file: string): string {
	const expanded = file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
	return path.resolve(expanded);
}

/** Write JSON `text` as it is, plus a newline; never replaces a file unless `overwrite` is true. */
export async function saveJson(text: string, file: string, options: SaveOptions = {}): Promise<SaveResult> {
	const target = resolveSavePath(file);
	try {
		// 'wx' fails if the file exists, atomically: no window between a check and the write.
		await fs.writeFile(target, `${text}\n`, {flag: options.overwrite ? 'w' : 'wx'});
		return {ok: true, path: target};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		if (code === 'EEXIST') {
			return {ok: false, reason: 'exists', message: `${target} already exists.`};
		}

		const why = reasons[code] ?? (error as Error).message;
		return {ok: false, reason: 'error', message: `Could not save to ${target}: ${why}.`};
	}
}
