// Authentication against the Mautic contract server: the API and Basic auth switches give errors that
// say what to change; OAuth2 client-credentials tokens are fetched once, cached, renewed before they
// run out, and renewed ONCE after a 401 with the call repeated ONCE; and no password, client secret
// or token ever reaches an error, however the server echoes it.
import { inspect } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MauticClient } from '../../../connectors/mautic';
import { fetchAdapter } from '../../../connectors/http';
import type { HttpAdapter } from '../../../connectors/http';
import { MAUTIC_DEFAULTS, apiRequests, failure, harness } from './support.mts';
import type { Harness } from './support.mts';

let h: Harness;

beforeEach(async () => {
	h = await harness();
});
afterEach(async () => {
	await h.server.stop();
});

const tokenRequests = (harness: Harness) => harness.server.requests.filter((r) => r.path === '/oauth/v2/token');

describe('disabled API and Basic auth (both off in a fresh Mautic)', () => {
	it.each([
		{ client: 'basic' as const, prefix: 'Mautic 403 api_disabled: API disabled.' },
		{ client: 'oauth' as const, prefix: 'Mautic OAuth2 token request failed: Mautic 403 api_disabled: API disabled.' },
	])('$client: 403 api_disabled names the setting to change', async ({ client, prefix }) => {
		h.server.state.settings.apiEnabled = false;
		const error = await failure(h[client]().whoAmI());
		expect(error).toMatchObject({ status: 403, code: 'api_disabled', retryable: false });
		expect(error.message.startsWith(prefix)).toBe(true);
		expect(error.message).toContain('Configuration → API Settings → API enabled');
	});

	it('Basic auth disabled: code basic_auth_disabled with the setting and the OAuth2 alternative', async () => {
		h.server.state.settings.basicAuthEnabled = false;
		const error = await failure(h.basic().getContact(1));
		expect(error).toMatchObject({ status: 403, code: 'basic_auth_disabled' });
		expect(error.message).toContain('Enable HTTP basic auth');
		expect(error.message).toContain('OAuth2 client-credentials');
	});

	it('a wrong password is a 401 that is not retried (Basic cannot be renewed)', async () => {
		const error = await failure(h.basic({}, 'wrong-password').whoAmI());
		expect(error).toMatchObject({ status: 401, code: 'access_denied', attempts: 1 });
		expect(apiRequests(h.server)).toHaveLength(1);
	});
});

describe('OAuth2 client credentials', () => {
	it('fetches one token (form-encoded) and reuses it for every call', async () => {
		const client = h.oauth();
		// client_credentials: Mautic answers a pseudo user named after the API client, without an id.
		const user = await client.whoAmI();
		expect(user).toMatchObject({ id: null, isApiClient: true, username: expect.stringMatching(/^n8n lead-to-close \[1\]$/) });
		await client.getEmail(h.server.state.createEmail({ name: 'Q', subject: 'Q' }).id);
		expect(tokenRequests(h)).toHaveLength(1);
		expect(tokenRequests(h)[0]).toMatchObject({
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: { grant_type: 'client_credentials', client_id: MAUTIC_DEFAULTS.clientId, client_secret: MAUTIC_DEFAULTS.clientSecret },
		});
		const bearers = apiRequests(h.server).map((r) => r.headers.authorization);
		expect(bearers).toHaveLength(2);
		expect(bearers.every((b) => b?.startsWith('Bearer tok1_'))).toBe(true);
		expect(await h.basic().whoAmI()).toMatchObject({ id: 1, username: 'api-user', isApiClient: false });
	});

	it('an expired token is renewed once and the call repeated once', async () => {
		const client = h.oauth();
		await client.whoAmI();
		h.server.state.expireTokens();
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		expect((await client.getContact(c.id)).id).toBe(c.id);

		expect(h.server.state.tokensIssued()).toBe(2);
		expect(apiRequests(h.server).map((r) => [r.path, r.status])).toEqual([
			['/api/users/self', 200],
			[`/api/contacts/${c.id}`, 401],
			[`/api/contacts/${c.id}`, 200],
		]);
		expect(h.delays).toEqual([]);
	});

	it('a POST refused with 401 is repeated after renewal and sends exactly once', async () => {
		const client = h.oauth();
		const c = h.server.state.seedContact({ email: 'a@example.com' });
		const email = h.server.state.createEmail({ name: 'Q', subject: 'Q' });
		await client.whoAmI();
		h.server.state.expireTokens();
		await client.sendEmail(email.id, c.id, { tokens: { quote_number: 'Q-7' } });
		expect(h.server.sent.emails).toHaveLength(1);
	});

	it('parallel calls after expiry share one renewal', async () => {
		const client = h.oauth();
		for (let i = 0; i < 5; i++) h.server.state.seedContact({ email: `p${i}@example.com` });
		await client.whoAmI();
		h.server.state.expireTokens();
		const contacts = await Promise.all([1, 2, 3, 4, 5].map((id) => client.getContact(id)));
		expect(contacts.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
		expect(h.server.state.tokensIssued()).toBe(2);
	});

	it('renews before expires_in runs out, without a 401 (injected clock)', async () => {
		let now = 1_000_000;
		const client = h.oauth({ transport: { now: () => now, sleep: async () => {}, random: () => 0.5 } });
		await client.whoAmI();
		now += 3540 * 1000 - 1; // 59 min: still good
		await client.whoAmI();
		now += 2; // inside the last minute: renew first
		await client.whoAmI();
		expect(h.server.state.tokensIssued()).toBe(2);
		expect(apiRequests(h.server).every((r) => r.status === 200)).toBe(true);
	});

	it('gives up after ONE renewal when the API keeps refusing', async () => {
		// Every API answer is a 401, as if the client's role lost API access right after each renewal.
		const alwaysExpired: HttpAdapter = {
			async send(request) {
				const response = await fetchAdapter().send(request);
				if (new URL(request.url).pathname.startsWith('/api/')) {
					return { status: 401, headers: {}, body: { errors: [{ code: 401, message: 'The access token provided has expired.', type: 'invalid_grant' }] } };
				}
				return response;
			},
		};
		const client = new MauticClient({
			baseUrl: h.server.url,
			adapter: alwaysExpired,
			oauth: { clientId: MAUTIC_DEFAULTS.clientId, clientSecret: MAUTIC_DEFAULTS.clientSecret },
			transport: { sleep: async () => {}, random: () => 0.5 },
		});
		const error = await failure(client.getContact(1));
		expect(error).toMatchObject({ status: 401, code: 'invalid_grant' });
		expect(error.message).toContain('refused again after renewing the OAuth2 token');
		expect(h.server.requests.map((r) => r.path)).toEqual(['/oauth/v2/token', '/api/contacts/1', '/oauth/v2/token', '/api/contacts/1']);
	});

	it('a wrong client secret: invalid_client with the hint, no API call', async () => {
		const error = await failure(h.oauth({}, 'not-the-secret').whoAmI());
		expect(error).toMatchObject({ status: 400, code: 'invalid_client' });
		expect(error.message).toMatch(/^Mautic OAuth2 token request failed: Mautic 400 invalid_client: The client credentials are invalid \(the OAuth2 client was refused/);
		expect(apiRequests(h.server)).toHaveLength(0);
	});

	it('a refresh hook (n8n credential) is called once on 401, then the call is repeated', async () => {
		let token = 'stale-token';
		let refreshes = 0;
		const issue = async () => {
			const r = await fetch(`${h.server.url}/oauth/v2/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'client_credentials', client_id: MAUTIC_DEFAULTS.clientId, client_secret: MAUTIC_DEFAULTS.clientSecret }).toString(),
			});
			return ((await r.json()) as { access_token: string }).access_token;
		};
		const client = new MauticClient({
			baseUrl: h.server.url,
			// Like n8n applying the credential: the adapter adds whatever token the credential holds now.
			adapter: fetchAdapter({ headers: () => ({ Authorization: `Bearer ${token}` }) }),
			oauth: {
				refresh: async () => {
					refreshes += 1;
					token = await issue();
				},
			},
		});
		expect((await client.whoAmI()).username).toBe('n8n lead-to-close [1]');
		expect(refreshes).toBe(1);
		await client.whoAmI();
		expect(refreshes).toBe(1);
	});
});

describe('secrets never reach an error', () => {
	/** Echoes every credential the request carried back inside the error body, like a careless proxy. */
	function echoing(inner: HttpAdapter, authorization?: string): HttpAdapter {
		return {
			async send(original) {
				// With `authorization`, the adapter applies it (as n8n applies a credential).
				const request = authorization ? { ...original, headers: { ...original.headers, Authorization: authorization } } : original;
				const response = await inner.send(request);
				if (response.status < 400) return response;
				const echoed = `auth=${request.headers?.Authorization ?? ''} body=${typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {})}`;
				return {
					...response,
					body: { errors: [{ code: response.status, message: `Denied for ${echoed}`, type: 'access_denied', details: { header: [echoed] } }] },
				};
			},
		};
	}

	function assertClean(error: unknown, secrets: string[]) {
		const text = `${String(error)} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
		for (const secret of secrets) {
			expect(text).not.toContain(secret);
			expect(text).not.toContain(encodeURIComponent(secret));
		}
		expect(text).toContain('[redacted]');
	}

	it('Basic: the password and the base64 credentials are redacted', async () => {
		const password = 'S3cret-pa55word!';
		const base64 = Buffer.from(`api-user:${password}`).toString('base64');
		const client = MauticClient.connect({ baseUrl: h.server.url, auth: { type: 'basic', username: 'api-user', password } });
		const error = await failure(client.whoAmI());
		expect(error.status).toBe(401);
		const echo = new MauticClient({
			baseUrl: h.server.url,
			adapter: echoing(fetchAdapter(), `Basic ${base64}`),
			secrets: [password, base64],
		});
		const echoed = await failure(echo.whoAmI());
		assertClean(echoed, [password, base64]);
		expect(echoed.details?.messages?.join(' ')).toContain('[redacted]');
	});

	it('OAuth2: the client secret in the token request and the tokens obtained later are redacted', async () => {
		const badSecret = 'client-secret-that-is-wrong';
		const adapter = echoing(fetchAdapter());
		const wrong = new MauticClient({ baseUrl: h.server.url, adapter, oauth: { clientId: MAUTIC_DEFAULTS.clientId, clientSecret: badSecret } });
		assertClean(await failure(wrong.whoAmI()), [badSecret]);

		// A good token that the API then refuses: the echoed Bearer token must not survive either.
		const client = new MauticClient({
			baseUrl: h.server.url,
			adapter,
			oauth: { clientId: MAUTIC_DEFAULTS.clientId, clientSecret: MAUTIC_DEFAULTS.clientSecret },
			transport: { sleep: async () => {}, random: () => 0.5 },
		});
		await client.whoAmI();
		h.server.fault({ kind: 'unavailable', path: '/api/contacts', times: 4 });
		const error = await failure(client.getContact(1));
		const issued = (h.server.requests.find((r) => r.path === '/api/users/self')?.headers.authorization ?? '').slice('Bearer '.length);
		expect(issued.length).toBeGreaterThan(8);
		assertClean(error, [issued, MAUTIC_DEFAULTS.clientSecret]);
	});

	it('network errors carry no credentials either', async () => {
		await h.server.stop();
		const client = MauticClient.connect({
			baseUrl: 'http://api-user:S3cret-pa55word@127.0.0.1:1',
			auth: { type: 'basic', username: 'api-user', password: 'S3cret-pa55word' },
			transport: { sleep: async () => {}, random: () => 0.5, maxAttempts: 2 },
		});
		const error = await failure(client.whoAmI());
		expect(error.kind).toBe('network');
		assertClean(error, ['S3cret-pa55word']);
		h = await harness();
	});
});
