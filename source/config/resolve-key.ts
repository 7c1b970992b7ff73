import type {ConfigStore} from './store.js';

/** The key to use and where it came from. */
export type ResolvedKey = {key: string; source: 'env' | 'config'};

/** FAL_KEY wins over the stored key; the store is not read when FAL_KEY is set. */
export function resolveKey(env: NodeJS.ProcessEnv, store: Pick<ConfigStore, 'getKey'>): ResolvedKey | undefined {
	const fromEnv = env['FAL_KEY']?.trim();
	if (fromEnv) {
		return {key: fromEnv, source: 'env'};
	}

	const stored = store.getKey();
	return stored ? {key: stored, source: 'config'} : undefined;
}
