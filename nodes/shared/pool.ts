// Runs an async function over items with at most `limit` in flight, keeping results in input order.
// Nodes use it so a batch of thousands of items makes bounded, concurrent API calls instead of
// strictly sequential ones (the transport additionally caps concurrency per host).
export async function mapPool<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}
