// Per-host concurrency limit for the transport: at most `max` requests in flight to one host, the
// rest wait in FIFO order. Self-hosted ERPNext/InvenTree/Mautic instances are small; a workflow that
// fans out over hundreds of items must not open hundreds of sockets to them.

export class HostLimiter {
	private readonly active = new Map<string, number>();

	private readonly waiting = new Map<string, Array<() => void>>();

	constructor(readonly max: number) {
		if (!Number.isInteger(max) || max < 1) {
			throw new RangeError(`maxConcurrencyPerHost must be a positive integer, got ${max}`);
		}
	}

	/** Requests currently running against `host` (for tests and diagnostics). */
	inFlight(host: string): number {
		return this.active.get(host) ?? 0;
	}

	async run<T>(host: string, task: () => Promise<T>): Promise<T> {
		await this.acquire(host);
		try {
			return await task();
		} finally {
			this.release(host);
		}
	}

	private async acquire(host: string): Promise<void> {
		const running = this.active.get(host) ?? 0;
		if (running < this.max) {
			this.active.set(host, running + 1);
			return;
		}
		await new Promise<void>((resolve) => {
			const queue = this.waiting.get(host) ?? [];
			queue.push(resolve);
			this.waiting.set(host, queue);
		});
	}

	private release(host: string): void {
		const queue = this.waiting.get(host);
		const next = queue?.shift();
		if (next) {
			// The slot passes straight to the next waiter, so the active count stays the same.
			if (queue?.length === 0) this.waiting.delete(host);
			next();
			return;
		}
		const running = (this.active.get(host) ?? 1) - 1;
		if (running === 0) this.active.delete(host);
		else this.active.set(host, running);
	}
}
