// A per-process cache of loaded catalogs (and past quotes) with a time-to-live, so a busy workflow does
// not re-read thousands of parts and rebuild the retrieval index on every execution. Safe in queue mode:
// each worker has its own copy, an entry is keyed by everything that determines its content (source,
// server, a fingerprint of the credential — never the secret itself — and the loader options), it
// holds nothing from the items being processed, and it expires. The clock is passed in (`nowMs`), so
// the TTL is testable; a clock that went backwards counts as expired. Concurrent misses share one load;
// a failed load is not kept.
import { createHash } from 'crypto';

interface Entry<T> {
	loadedAt: number;
	value: Promise<T>;
}

export interface CacheHit<T> {
	value: T;
	/** True when the value came from the cache (no load happened for this call). */
	cached: boolean;
	/** Clock time (ms) at which the value was loaded. */
	loadedAt: number;
}

export class TtlCache<T> {
	private readonly entries = new Map<string, Entry<T>>();

	constructor(private readonly maxEntries: number) {}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}

	/** The cached value of `key` when younger than `ttlMs` at `nowMs`, else a fresh `load()`. */
	async getOrLoad(
		key: string,
		ttlMs: number,
		nowMs: number,
		load: () => Promise<T>,
	): Promise<CacheHit<T>> {
		if (ttlMs > 0) {
			const entry = this.entries.get(key);
			const age = entry ? nowMs - entry.loadedAt : -1;
			if (entry && age >= 0 && age < ttlMs)
				return { value: await entry.value, cached: true, loadedAt: entry.loadedAt };
		}
		const value = load();
		if (ttlMs > 0) {
			const entry: Entry<T> = { loadedAt: nowMs, value };
			this.entries.delete(key);
			this.entries.set(key, entry);
			while (this.entries.size > this.maxEntries) {
				const oldest = this.entries.keys().next().value as string;
				this.entries.delete(oldest);
			}
			value.catch(() => {
				if (this.entries.get(key) === entry) this.entries.delete(key);
			});
		}
		return { value: await value, cached: false, loadedAt: nowMs };
	}
}

/** A short, one-way fingerprint of credential values for a cache key (the values never leave here). */
export function fingerprint(...values: ReadonlyArray<string | undefined>): string {
	return createHash('sha256')
		.update(JSON.stringify(values.map((v) => v ?? '')))
		.digest('hex')
		.slice(0, 16);
}
