import fs from 'node:fs';
import path from 'node:path';

function wider(target: string, allowed: number): number | undefined {
	try {
		const mode = fs.statSync(target).mode & 0o777;
		return (mode & ~allowed) === 0 ? undefined : mode;
	} catch {
		// Missing means nothing to warn about; other failures surface when the file is used.
		return undefined;
	}
}

/**
 * A warning sentence when the config file is readable by more than its owner
 * (wider than 0600) or its directory wider than 0700; undefined when all is well.
 */
export function permissionWarning(file: string, platform: NodeJS.Platform = process.platform): string | undefined {
	// Windows has no POSIX modes; stat reports 0666 for every file.
	if (platform === 'win32') {
		return undefined;
	}

	const directory = path.dirname(file);
	const warnings: string[] = [];
	const directoryMode = wider(directory, 0o700);
	if (directoryMode !== undefined) {
		warnings.push(`Warning: the config directory ${directory} has mode ${directoryMode.toString(8)}, so other users may read it; run \`chmod 700 '${directory}'\`.`);
	}

	const fileMode = wider(file, 0o600);
	if (fileMode !== undefined) {
		warnings.push(`Warning: the config file ${file}, which may hold your API key, has mode ${fileMode.toString(8)}; run \`chmod 600 '${file}'\`.`);
	}

	return warnings.length > 0 ? warnings.join(' ') : undefined;
}
