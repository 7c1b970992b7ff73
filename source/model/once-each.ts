/**
 * `compute`, worked out once per object: the model replaces what it holds
 * rather than changing it, so an object seen before gives the same answer.
 * Kept weakly, so that an object the model let go is not held for it.
 */
export function onceEach<K extends object, V>(compute: (key: K) => V): (key: K) => V {
	const answers = new WeakMap<K, V>();
	return key => {
		if (!answers.has(key)) {
			answers.set(key, compute(key));
		}

		return answers.get(key)!;
	};
}
