import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/** Whether an executable of this name is on PATH. */
export function isOnPath(name: string): boolean {
	return (process.env['PATH'] ?? '').split(path.delimiter).some(directory => {
		try {
			fs.accessSync(path.join(directory, name), fs.constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}
