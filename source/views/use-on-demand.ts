import {useEffect, useState} from 'react';

/** A module imported when a component first needs it rather than with the explorer. */
export type OnDemand<T> = {
	load(): Promise<T>;
	/** Once it has loaded: later components get it in their first render. */
	loaded: T | undefined;
};

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
	let loading: Promise<T> | undefined;
	const module: OnDemand<T> = {
		loaded: undefined,
		async load() {
			loading ??= importer().then(loaded => {
				module.loaded = loaded;
				return loaded;
			});
			return loading;
		},
	};
	return module;
}

/**
 * The module, loading it when the component mounts; undefined until it has
 * loaded. (React.lazy would do this too, but React holds back what a
 * Suspense boundary reveals by 300 ms.)
 */
export function useOnDemand<T>(module: OnDemand<T>): T | undefined {
	const [loaded, setLoaded] = useState<{module: T} | undefined>(module.loaded === undefined ? undefined : {module: module.loaded});
	useEffect(() => {
		if (loaded !== undefined) {
			return undefined;
		}

		let isMounted = true;
		void module.load().then(exports => {
			if (isMounted) {
				setLoaded({module: exports});
			}
		});
		return () => {
			isMounted = false;
		};
	}, [module]);
	return loaded?.module;
}
