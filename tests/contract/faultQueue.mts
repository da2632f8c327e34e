// The fault hook all contract servers share: a queue of armed faults, each limited to a method and a
// path prefix (or pattern), that answers the next N matching requests instead of the real handler.
export interface ArmedFault {
	/** Requests this fault still answers. */
	left: number;
	method?: string;
	path?: string | RegExp;
}

/** The first armed fault matching the request, with one use consumed; undefined when none matches. */
export function takeFault<T extends ArmedFault>(faults: T[], method: string, path: string): T | undefined {
	const spec = faults.find(
		(f) =>
			f.left > 0 &&
			(f.method === undefined || f.method.toUpperCase() === method) &&
			(f.path === undefined || (typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path))),
	);
	if (!spec) return undefined;
	spec.left -= 1;
	return spec;
}
