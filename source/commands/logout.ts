import process from 'node:process';
import {ConfigError} from '../config/config-error.js';
import type {ConfigStore} from '../config/store.js';

export type LogoutDeps = {
	store: Pick<ConfigStore, 'path' | 'deleteKey' | 'erase'>;
	stdout: Pick<NodeJS.WritableStream, 'write'>;
	/** Read for FAL_KEY, which still authenticates after logout. Default: process.env. */
	env?: NodeJS.ProcessEnv;
};

function forget(store: LogoutDeps['store']): string {
	try {
		return store.deleteKey() ? `Removed the stored key from ${store.path}.` : `No key was stored in ${store.path}.`;
	} catch (error) {
		// A corrupt file cannot be edited, only removed; logout is the advertised way out of it.
		if (!(error instanceof ConfigError) || error.kind !== 'corrupt') {
			throw error;
		}

		store.erase();
		return `The config file ${store.path} was damaged, so it was removed along with any key in it.`;
	}
}

/** `falreq logout`: forgets the stored key. File-system failures throw a ConfigError (a sentence). */
export async function runLogout(deps: LogoutDeps): Promise<number> {
	const lines = [forget(deps.store)];
	if ((deps.env ?? process.env)['FAL_KEY']?.trim()) {
		lines.push('FAL_KEY is still set in this environment, so falreq will keep using that key; unset it to log out completely.');
	}

	deps.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}
