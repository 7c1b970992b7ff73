import os from 'node:os';
import path from 'node:path';

/**
 * The directory that holds falreq's config file: `$XDG_CONFIG_HOME/falreq`
 * (or `~/.config/falreq`) on Linux and other Unixes, the platform's config
 * directory elsewhere. conf would add a `-nodejs` suffix; we do not, so the
 * path is the one the README documents.
 */
export function configDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
	const home = env['HOME'] || os.homedir();
	if (platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', 'falreq');
	}

	if (platform === 'win32') {
		return path.join(env['APPDATA'] || path.join(home, 'AppData', 'Roaming'), 'falreq', 'Config');
	}

	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
	const xdg = env['XDG_CONFIG_HOME'];
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
	return path.join(base, 'falreq');
}
