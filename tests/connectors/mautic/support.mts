// Shared setup for the Mautic connector tests: a contract server per test, clients on it with
// injected sleep/random (no real waits), and a helper that asserts a MauticError came out.
import { expect } from 'vitest';

import { MauticClient, MauticError } from '../../../connectors/mautic';
import type { MauticConnectOptions } from '../../../connectors/mautic';
import { MAUTIC_DEFAULTS, startMauticServer } from '../../contract/mautic-server.mts';
import type { MauticServer, MauticServerOptions } from '../../contract/mautic-server.mts';

export { MAUTIC_DEFAULTS };

export interface Harness {
	server: MauticServer;
	delays: number[];
	basic(overrides?: Partial<MauticConnectOptions>, password?: string): MauticClient;
	oauth(overrides?: Partial<MauticConnectOptions>, secret?: string): MauticClient;
}

export async function harness(options: MauticServerOptions = {}): Promise<Harness> {
	const server = await startMauticServer(options);
	const delays: number[] = [];
	const transport = {
		sleep: async (ms: number) => {
			delays.push(ms);
		},
		random: () => 0.5,
	};
	return {
		server,
		delays,
		basic: (overrides = {}, password = MAUTIC_DEFAULTS.password) =>
			MauticClient.connect({
				baseUrl: `${server.url}/`,
				auth: { type: 'basic', username: MAUTIC_DEFAULTS.username, password },
				transport,
				...overrides,
			}),
		oauth: (overrides = {}, secret = MAUTIC_DEFAULTS.clientSecret) =>
			MauticClient.connect({
				baseUrl: `${server.url}/api`,
				auth: { type: 'oauth2', clientId: MAUTIC_DEFAULTS.clientId, clientSecret: secret },
				transport,
				...overrides,
			}),
	};
}

export async function failure(promise: Promise<unknown>): Promise<MauticError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(MauticError);
	return error as MauticError;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of iterable) out.push(item);
	return out;
}

/** Requests that reached the API (not the token endpoint). */
export function apiRequests(server: MauticServer) {
	return server.requests.filter((r) => r.path.startsWith('/api/'));
}
