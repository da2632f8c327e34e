// Groups items that concern the same lead or the same recipient, so they run one after another:
// the second item then sees the tag (or the in-run send log) the first one left, and a retried or
// duplicated item is skipped instead of racing the original. Different groups run concurrently.
export function groupByRecipient(
	entries: ReadonlyArray<{ index: number; keys: readonly string[] }>,
): number[][] {
	const parent = new Map<string, string>();
	const find = (key: string): string => {
		let root = key;
		while (parent.get(root) !== root) root = parent.get(root) as string;
		let node = key;
		while (node !== root) {
			const next = parent.get(node) as string;
			parent.set(node, root);
			node = next;
		}
		return root;
	};
	for (const entry of entries) {
		for (const key of entry.keys) if (!parent.has(key)) parent.set(key, key);
		const [first, ...rest] = entry.keys;
		for (const key of rest) {
			const a = find(first);
			const b = find(key);
			if (a !== b) parent.set(b, a);
		}
	}
	const groups = new Map<string, number[]>();
	for (const entry of entries) {
		const root = find(entry.keys[0]);
		const list = groups.get(root) ?? [];
		list.push(entry.index);
		groups.set(root, list);
	}
	return [...groups.values()];
}
