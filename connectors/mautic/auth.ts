// Who holds the OAuth2 token and how it is renewed (mautic.md §1: client_credentials grant, 60-minute
// access tokens, `Authorization: Bearer`). Two holders, one rule for the client: on a 401, renew once
// and repeat the call once.
// - Outside n8n the client exchanges client id/secret at /oauth/v2/token itself and keeps the token in
//   memory until a minute before `expires_in` runs out (`ClientCredentialsAuth`).
// - Inside n8n the credential holds the token (preAuthentication + a hidden expirable field, see
//   credentials/LeadToCloseMauticApi.credentials.ts), so it is shared by every execution. n8n renews it
//   only when an authenticated request THROWS a 401, which our adapter never lets happen
//   (ignoreHttpStatusErrors); `n8nTokenRefresher` therefore sends one probe that may throw, so n8n
//   renews and stores the token, and the client then repeats its call with the stored token.
import type { IHttpRequestOptions } from 'n8n-workflow';

import { MauticError } from '../http';
import type { N8nHttpContext } from '../http';

/** The client exchanges these for tokens itself (outside n8n). */
export interface MauticClientCredentials {
	clientId: string;
	clientSecret: string;
}

/** Someone else (n8n's credential) applies the token; `refresh` makes it obtain a new one. */
export interface MauticTokenRefresh {
	refresh: () => Promise<void>;
}

export type MauticOAuthOptions = MauticClientCredentials | MauticTokenRefresh;

export interface IssuedToken {
	accessToken: string;
	/** Seconds; Mautic's default lifetime is 3600. */
	expiresIn?: number;
}

/** How the client authenticates each call; `generation` changes whenever the token does. */
export interface AuthStrategy {
	readonly refreshable: boolean;
	authorization(): Promise<{ header?: string; generation: number }>;
	/** Renews the token unless it already changed since `generation` (another call renewed it). */
	refresh(generation: number): Promise<void>;
}

/** The adapter authenticates (Basic auth, or n8n applying a credential without renewal). */
export class AdapterAuth implements AuthStrategy {
	readonly refreshable = false;

	async authorization(): Promise<{ header?: string; generation: number }> {
		return { generation: 0 };
	}

	async refresh(): Promise<void> {
		// Nothing to renew: the adapter's credentials are fixed.
	}
}

/** The adapter applies a token that `hook` renews (n8n credential). */
export class HookAuth implements AuthStrategy {
	readonly refreshable = true;

	private generation = 0;

	private pending?: Promise<void>;

	constructor(private readonly hook: () => Promise<void>) {}

	async authorization(): Promise<{ header?: string; generation: number }> {
		return { generation: this.generation };
	}

	async refresh(generation: number): Promise<void> {
		if (generation !== this.generation) return;
		this.pending ??= (async () => {
			try {
				await this.hook();
				this.generation += 1;
			} finally {
				this.pending = undefined;
			}
		})();
		await this.pending;
	}
}

/** Renew this long before the announced expiry (or after half the lifetime for short-lived tokens). */
const EXPIRY_MARGIN_MS = 60_000;

/** Tokens fetched by the client itself with the client_credentials grant, cached in memory. */
export class ClientCredentialsAuth implements AuthStrategy {
	readonly refreshable = true;

	private token?: string;

	private expiresAt = 0;

	private generation = 0;

	private pending?: Promise<void>;

	constructor(
		private readonly issue: () => Promise<IssuedToken>,
		private readonly now: () => number,
		/** Told about every new token, so it can be redacted from errors. */
		private readonly onToken: (token: string) => void,
	) {}

	async authorization(): Promise<{ header?: string; generation: number }> {
		if (this.token === undefined || this.now() >= this.expiresAt) await this.obtain();
		return { header: `Bearer ${this.token as string}`, generation: this.generation };
	}

	async refresh(generation: number): Promise<void> {
		if (generation !== this.generation) return;
		this.token = undefined;
		await this.obtain();
	}

	private async obtain(): Promise<void> {
		this.pending ??= (async () => {
			try {
				const issued = await this.issue();
				const lifetimeMs = (issued.expiresIn ?? 3600) * 1000;
				this.onToken(issued.accessToken);
				this.token = issued.accessToken;
				this.expiresAt = this.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
				this.generation += 1;
			} finally {
				this.pending = undefined;
			}
		})();
		await this.pending;
	}
}

export function isClientCredentials(
	options: MauticOAuthOptions,
): options is MauticClientCredentials {
	return 'clientId' in options;
}

function statusOf(error: unknown): number | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const record = error as { httpCode?: unknown; response?: { status?: unknown }; status?: unknown };
	const raw = record.httpCode ?? record.response?.status ?? record.status;
	const status = Number(raw);
	return Number.isInteger(status) && status > 0 ? status : undefined;
}

/**
 * The renewal hook for a client running inside n8n with an OAuth2 credential: one GET
 * /api/users/self through `httpRequestWithAuthentication` WITHOUT ignoring HTTP errors, so that n8n
 * sees the 401, runs the credential's preAuthentication, stores the new token and resends. The error
 * n8n throws may hold the request config, so only its status is kept.
 */
export function n8nTokenRefresher(
	context: N8nHttpContext,
	credentialType: string,
	baseUrl: string,
): () => Promise<void> {
	return async () => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: `${baseUrl}/api/users/self`,
			headers: { Accept: 'application/json' },
			json: true,
		};
		let failure: unknown;
		try {
			await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options);
			return;
		} catch (error) {
			failure = error;
		}
		const status = statusOf(failure);
		throw new MauticError({
			kind: 'http',
			status,
			code: 'token_refresh_failed',
			message: `Mautic refused the OAuth2 token and n8n could not obtain a working one${
				status ? ` (status ${status})` : ''
			}: check the Client ID and Client Secret of the Mautic credential`,
		});
	};
}
