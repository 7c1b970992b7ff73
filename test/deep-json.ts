/** JSON text nested deeper than V8's recursive JSON.stringify can go (the emulator serves one like it), compact. */
export function deeplyNestedText(depth = 20_000): string {
	let text = '"bottom"';
	for (let level = 0; level < depth; level++) {
		text = level % 2 ? `[${text}]` : `{"next":${text}}`;
	}

	return text;
}

/** The value of {@link deeplyNestedText}. */
export function deeplyNested(depth = 20_000): unknown {
	return JSON.parse(deeplyNestedText(depth));
}
