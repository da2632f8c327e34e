// The Mautic contract server itself must behave as mautic.md describes Mautic 5, or every test built
// on it proves nothing. Raw fetch, no client code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MAUTIC_DEFAULTS, phpQuery, startMauticServer } from './mautic-server.mts';
import type { MauticServer, MauticServerOptions } from './mautic-server.mts';

const BASIC = `Basic ${Buffer.from(`${MAUTIC_DEFAULTS.username}:${MAUTIC_DEFAULTS.password}`).toString('base64')}`;
let server: MauticServer;

async function boot(options: MauticServerOptions = {}) {
	server = await startMauticServer(options);
}

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
	const { auth, ...rest } = init;
	const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
	if (auth !== null) headers.Authorization = auth ?? BASIC;
	if (rest.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${server.url}${path}`, { ...rest, headers });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// HTML
	}
	return { status: response.status, headers: response.headers, body, text };
}

const post = (body: unknown, extra: RequestInit = {}): RequestInit => ({ method: 'POST', body: JSON.stringify(body), ...extra });

beforeEach(async () => {
	await boot();
});
afterEach(async () => {
	await server.stop();
});

describe('§1 switches and authentication', () => {
	it('API disabled → 403 api_disabled for the API and the token endpoint', async () => {
		await server.stop();
		await boot({ apiEnabled: false });
		for (const path of ['/api/users/self', '/oauth/v2/token']) {
			const r = await call(path, { method: path.startsWith('/oauth') ? 'POST' : 'GET' });
			expect(r.status).toBe(403);
			expect(r.body).toEqual({
				errors: [{ code: 403, message: "API disabled. You need to enable the API in the API settings of Mautic's Configuration.", details: [], type: 'api_disabled' }],
			});
		}
	});

	it('Basic auth disabled → 403 access_denied "Basic Auth disabled…"', async () => {
		server.state.settings.basicAuthEnabled = false;
		const r = await call('/api/users/self');
		expect(r.status).toBe(403);
		expect(r.body).toMatchObject({ errors: [{ type: 'access_denied', message: expect.stringMatching(/^Basic Auth disabled/) }] });
	});

	it.each([
		{ name: 'no header', auth: null },
		{ name: 'wrong password', auth: `Basic ${Buffer.from('api-user:nope').toString('base64')}` },
		{ name: 'unknown bearer token', auth: 'Bearer not-a-token' },
	])('$name → 401 with errors[]', async ({ auth }) => {
		const r = await call('/api/users/self', { auth });
		expect(r.status).toBe(401);
		expect((r.body as { errors: unknown[] }).errors).toHaveLength(1);
	});

	it('Basic credentials reach the API; every answer carries Mautic-Version', async () => {
		const r = await call('/api/users/self');
		expect(r).toMatchObject({ status: 200, body: { username: 'api-user' } });
		expect(r.headers.get('mautic-version')).toBe('5.1.0');
	});

	it('client_credentials: 400 invalid_client for a wrong secret, a bearer token otherwise, 401 once it expired', async () => {
		const form = (secret: string) =>
			new URLSearchParams({ grant_type: 'client_credentials', client_id: MAUTIC_DEFAULTS.clientId, client_secret: secret }).toString();
		const formInit = (secret: string): RequestInit & { auth: null } => ({
			method: 'POST',
			body: form(secret),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			auth: null,
		});
		const bad = await call('/oauth/v2/token', formInit('wrong'));
		// Oauth2Test::testAuthWithInvalidCredentials asserts this exact body.
		expect(bad).toEqual(expect.objectContaining({ status: 400, body: { errors: [{ message: 'The client credentials are invalid', code: 400, type: 'invalid_client' }] } }));
		const good = await call('/oauth/v2/token', formInit(MAUTIC_DEFAULTS.clientSecret));
		expect(good.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		const token = (good.body as { access_token: string }).access_token;
		expect((await call('/api/users/self', { auth: `Bearer ${token}` })).status).toBe(200);
		server.state.advance(3600 * 1000);
		const expired = await call('/api/users/self', { auth: `Bearer ${token}` });
		expect(expired).toMatchObject({ status: 401, body: { errors: [{ type: 'invalid_grant', message: 'The access token provided has expired.' }] } });
		expect(server.state.tokensIssued()).toBe(1);
	});
});

describe('§2/§3 contacts', () => {
	it('POST /contacts/new upserts by email: 201 then 200, same id; blanks do not clear unless overwriteWithBlank', async () => {
		const first = await call('/api/contacts/new', post({ email: 'ada@example.com', firstname: 'Ada', company: 'ACME' }));
		expect(first.status).toBe(201);
		const id = (first.body as { contact: { id: number } }).contact.id;
		const again = await call('/api/contacts/new', post({ email: 'ADA@example.com', firstname: '', company: 'ACME GmbH' }));
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ contact: { id, fields: { all: { firstname: 'Ada', company: 'ACME GmbH' } } } });
		const blanking = await call('/api/contacts/new', post({ email: 'ada@example.com', firstname: '', overwriteWithBlank: true }));
		expect(blanking.body).toMatchObject({ contact: { id, fields: { all: { firstname: null, company: 'ACME GmbH' } } } });
	});

	it('unknown field aliases are ignored; custom ones must exist', async () => {
		const r = await call('/api/contacts/new', post({ email: 'x@example.com', quote_value: '1234.50', no_such_field: 'x' }));
		const all = (r.body as { contact: { fields: { all: Record<string, unknown> } } }).contact.fields.all;
		expect(all.quote_value).toBe('1234.50');
		expect('no_such_field' in all).toBe(false);
	});

	it('an invalid email is a 400 with field details', async () => {
		const r = await call('/api/contacts/new', post({ email: 'not-an-email' }));
		expect(r).toMatchObject({ status: 400, body: { errors: [{ code: 400, details: { email: ['A valid email is required.'] } }] } });
	});

	it('PATCH on a missing id is 404 "Item was not found."; PUT creates it', async () => {
		const patch = await call('/api/contacts/99/edit', { method: 'PATCH', body: JSON.stringify({ firstname: 'X' }) });
		expect(patch).toMatchObject({ status: 404, body: { errors: [{ code: 404, message: 'Item was not found.', details: [], type: null }] } });
		const put = await call('/api/contacts/99/edit', { method: 'PUT', body: JSON.stringify({ email: 'put@example.com' }) });
		expect(put.status).toBe(201);
	});

	it('lists are objects keyed by id in the requested order, `{}` when empty, total as a string', async () => {
		const empty = await call('/api/contacts');
		expect(empty.text).toBe('{"total":"0","contacts":{}}');
		for (const name of ['a', 'b', 'c']) server.state.seedContact({ email: `${name}@example.com` });
		const desc = await call('/api/contacts?orderBy=id&orderByDir=DESC&limit=2');
		expect(desc.text).toMatch(/^\{"total":"3","contacts":\{"3":\{.*\},"2":\{.*\}\}\}$/);
		const second = await call('/api/contacts?orderBy=id&orderByDir=DESC&start=2&limit=2');
		expect(Object.keys((second.body as { contacts: object }).contacts)).toEqual(['1']);
		expect(server.requests.at(-1)?.query).toMatchObject({ start: '2', limit: '2' });
	});

	it('default page is 30 rows', async () => {
		for (let i = 0; i < 35; i++) server.state.seedContact({ email: `c${i}@example.com` });
		const r = await call('/api/contacts');
		expect(Object.keys((r.body as { contacts: object }).contacts)).toHaveLength(30);
	});

	it('search=email: is a LIKE match; where[] eq is exact', async () => {
		server.state.seedContact({ email: 'ada@example.com' });
		server.state.seedContact({ email: 'nada@example.com' });
		const like = await call('/api/contacts?search=email:ada@example.com');
		expect((like.body as { total: string }).total).toBe('2');
		const exact = await call('/api/contacts?where[0][col]=email&where[0][expr]=eq&where[0][val]=ADA@example.com');
		expect((exact.body as { total: string }).total).toBe('1');
	});

	it('batches: over 200 items is refused (returnError defaults to 500); item errors are keyed by index with statusCodes', async () => {
		const tooMany = await call('/api/contacts/batch/new', post(Array.from({ length: 201 }, (_, i) => ({ email: `b${i}@example.com` }))));
		expect(tooMany).toMatchObject({ status: 500, body: { errors: [{ message: 'A max of 200 entities are supported at a time.' }] } });
		server.state.seedContact({ email: 'old@example.com' });
		const mixed = await call('/api/contacts/batch/new', post([{ email: 'new@example.com' }, { email: 'broken' }, { email: 'old@example.com' }]));
		expect(mixed.body).toMatchObject({ statusCodes: [201, 400, 200], errors: { 1: { code: 400 } } });
		expect(Object.keys((mixed.body as { contacts: object }).contacts)).toEqual(['0', '2']);
	});

	it('tags: a leading "-" removes, others are kept', async () => {
		const c = server.state.seedContact({ email: 't@example.com' }, { tags: ['cold', 'lead'] });
		const r = await call(`/api/contacts/${c.id}/edit`, { method: 'PATCH', body: JSON.stringify({ tags: ['-cold', 'quote-sent'] }) });
		expect((r.body as { contact: { tags: Array<{ tag: string }> } }).contact.tags.map((t) => t.tag)).toEqual(['lead', 'quote-sent']);
	});

	it('points: plus/minus/times/divide → {"success":1}', async () => {
		const c = server.state.seedContact({ email: 'p@example.com' }, { points: 10 });
		expect((await call(`/api/contacts/${c.id}/points/plus/5`, post({ eventName: 'Quote accepted' }))).body).toEqual({ success: 1 });
		await call(`/api/contacts/${c.id}/points/times/2`, { method: 'POST' });
		expect(server.state.contact(c.id)?.points).toBe(30);
	});
});

describe('§4 do-not-contact and §5 sending', () => {
	it('DNC per channel; reason 0 is refused; remove reports recordFound', async () => {
		const c = server.state.seedContact({ email: 'd@example.com', mobile: '+4915112345678' });
		const zero = await call(`/api/contacts/${c.id}/dnc/email/add`, post({ reason: 0 }));
		expect(zero).toMatchObject({ status: 400, body: { errors: [{ message: 'Invalid reason code given' }] } });
		const added = await call(`/api/contacts/${c.id}/dnc/sms/add`, post({ reason: 1, comments: 'STOP by SMS' }));
		expect(added.body).toMatchObject({ contact: { doNotContact: [{ channel: 'sms', reason: 1, comments: 'STOP by SMS' }] } });
		expect((await call(`/api/contacts/${c.id}/dnc/email/remove`, { method: 'POST' })).body).toMatchObject({ recordFound: false });
		expect((await call(`/api/contacts/${c.id}/dnc/sms/remove`, { method: 'POST' })).body).toMatchObject({ recordFound: true, contact: { doNotContact: [] } });
	});

	it('the single-contact email send ignores email DNC (Mautic 5) and records the send', async () => {
		const c = server.state.seedContact({ email: 'optout@example.com' }, { dnc: [{ channel: 'email', reason: 1 }] });
		const email = server.state.createEmail({ name: 'Quote', subject: 'Your quote' });
		const r = await call(`/api/emails/${email.id}/contact/${c.id}/send`, post({ tokens: { quote_number: 'Q-1042', total: '<b>€1,234.50</b>' }, assetAttachments: [5] }));
		expect(r).toMatchObject({ status: 200, body: { success: true } });
		expect(server.sent.emails).toEqual([
			// InputHelper::html is a sanitiser, not an escaper: a value with non-ASCII characters is not filtered at all.
			expect.objectContaining({ contactId: c.id, tokens: { '{quote_number}': 'Q-1042', '{total}': '<b>€1,234.50</b>' }, assetAttachments: [5], ignoredDnc: true, kind: 'transactional' }),
		]);
		expect(server.state.email(email.id)?.sentCount).toBe(1);
	});

	it('cleans token values like InputHelper::html: links and token syntax survive, event handlers and scripts URLs do not', async () => {
		const c = server.state.seedContact({ email: 'tokens@example.com' });
		const email = server.state.createEmail({ name: 'Quote', subject: 'Your quote' });
		const tokens = {
			anchor: '<a href="https://evil.example/login">Click</a><img src=x onerror=alert(1)>',
			js: '<a href="javascript:alert(1)" title="t">x</a><iframe src="https://evil.example"></iframe>',
			token: '{contactfield=email}\r\n{unsubscribe_url}',
			escaped: '&lt;b&gt;',
			unicode: 'Müller %3Cb%3E',
		};
		await call(`/api/emails/${email.id}/contact/${c.id}/send`, post({ tokens }));
		expect(server.sent.emails.at(-1)?.tokens).toEqual({
			'{anchor}': '<a href="https://evil.example/login">Click</a><img src="x" />',
			'{js}': '<a title="t">x</a>',
			'{token}': '{contactfield=email}\r\n{unsubscribe_url}',
			'{escaped}': '&lt;b&gt;',
			'{unicode}': 'Müller <b>',
		});
	});

	it('a segment email respects DNC and skips resends', async () => {
		const segment = server.state.createSegment({ name: 'Hot' });
		const ok = server.state.seedContact({ email: 'ok@example.com' });
		const out = server.state.seedContact({ email: 'out@example.com' }, { dnc: [{ channel: 'email', reason: 1 }] });
		segment.members.add(ok.id).add(out.id);
		const email = server.state.createEmail({ name: 'News', subject: 'News', emailType: 'list', lists: [segment.id] });
		expect((await call(`/api/emails/${email.id}/send`, { method: 'POST' })).body).toEqual({ success: 1, sentCount: 1, failedRecipients: 0 });
		expect((await call(`/api/emails/${email.id}/send`, { method: 'POST' })).body).toMatchObject({ sentCount: 0 });
		expect(server.sent.emails.map((s) => s.contactId)).toEqual([ok.id]);
	});

	it('SMS: HTTP 200 for success, DNC and no number; a double-encoded string without a transport', async () => {
		const sms = server.state.createSms({ name: 'Reminder', message: 'Your quote expires soon' });
		const ok = server.state.seedContact({ email: 's1@example.com', phone: '+49301234567' });
		const dnc = server.state.seedContact({ email: 's2@example.com', mobile: '+4915100000000' }, { dnc: [{ channel: 'sms', reason: 1 }] });
		const none = server.state.seedContact({ email: 's3@example.com' });
		expect((await call(`/api/smses/${sms.id}/contact/${ok.id}/send`)).body).toMatchObject({ success: true });
		const blocked = await call(`/api/smses/${sms.id}/contact/${dnc.id}/send`);
		expect(blocked).toMatchObject({ status: 200, body: { success: false, errors: [{ message: expect.stringContaining('not_contactable') }] } });
		expect((await call(`/api/smses/${sms.id}/contact/${none.id}/send`)).body).toMatchObject({ success: false });
		expect(server.sent.sms).toEqual([expect.objectContaining({ contactId: ok.id, to: '+49301234567' })]);

		server.state.settings.smsTransport = false;
		const off = await call(`/api/smses/${sms.id}/contact/${ok.id}/send`);
		expect(off.status).toBe(200);
		expect(off.text).toBe('"{\\"error\\":{\\"message\\":\\"SMS transport is disabled.\\",\\"code\\":417}}"');
		expect(JSON.parse(off.body as string)).toEqual({ error: { message: 'SMS transport is disabled.', code: 417 } });
	});
});

describe('§6 campaigns and segments', () => {
	const events = [
		{ id: 'new1', name: 'D0', type: 'email.send', eventType: 'action', order: 1, properties: { email: 1, email_type: 'marketing' }, triggerMode: 'immediate' },
		{ id: 'new2', name: 'D2', type: 'email.send', eventType: 'action', order: 2, properties: { email: 2 }, triggerMode: 'interval', triggerInterval: 2, triggerIntervalUnit: 'd', parent: 'ignored' },
	];
	const canvasSettings = {
		nodes: [{ id: 'lists' }, { id: 'new1' }, { id: 'new2' }],
		connections: [
			{ sourceId: 'lists', targetId: 'new1', anchors: { source: 'leadsource', target: 'top' } },
			{ sourceId: 'new1', targetId: 'new2', anchors: { source: 'bottom', target: 'top' } },
		],
	};

	it('needs events and lists/forms (400); builds events only with canvasSettings, parents from connections', async () => {
		const noSource = await call('/api/campaigns/new', post({ name: 'X', events }));
		expect(noSource.status).toBe(400);
		expect(noSource.body).toMatchObject({ errors: [{ code: 400, message: /At least one contact source is required/ }] });
		// Published unless told otherwise (the entity default is merged into the request).
		const noCanvas = await call('/api/campaigns/new', post({ name: 'X', events, lists: [{ id: 1 }] }));
		expect(noCanvas.body).toMatchObject({ campaign: { events: [], isPublished: true } });
		const built = await call('/api/campaigns/new', post({ name: 'Y', events, lists: [{ id: 1 }], canvasSettings, isPublished: false }));
		expect(built.body).toMatchObject({ campaign: { isPublished: false } });
		const stored = (built.body as { campaign: { events: Array<{ id: number; parent: { id: number } | null }> } }).campaign.events;
		expect(stored).toHaveLength(2);
		expect(stored[0].parent).toBeNull();
		expect(stored[1].parent).toEqual({ id: stored[0].id });
	});

	it('clone answers 200 with an unpublished copy without events, segments or forms; membership add/remove flags manually_removed', async () => {
		const campaign = server.state.createCampaign({ name: 'Template', lists: [1] });
		campaign.events.push({ id: 77, parentId: null, name: 'D0', type: 'email.send', eventType: 'action', properties: { email: 1 } });
		const c = server.state.seedContact({ email: 'm@example.com' });
		const clone = await call(`/api/campaigns/clone/${campaign.id}`, { method: 'POST' });
		expect(clone.status).toBe(200);
		expect(clone.body).toMatchObject({ campaign: { id: campaign.id + 1, name: 'Template', isPublished: false, events: [], lists: [], forms: [] } });
		expect((await call(`/api/campaigns/${campaign.id}/contact/${c.id}/add`, { method: 'POST' })).body).toEqual({ success: 1 });
		await call(`/api/campaigns/${campaign.id}/contact/${c.id}/remove`, { method: 'POST' });
		expect(server.state.campaign(campaign.id)?.members.get(c.id)).toBe(true);
	});
});

describe('§2 the lists behind the dropdowns (GET /emails, /smses, /campaigns, /segments)', () => {
	function seedCatalog() {
		const st = server.state;
		st.createEmail({ name: 'Quote follow-up D2', subject: 'Your quotation' });
		st.createEmail({ name: 'newsletter', subject: 'Monthly news', emailType: 'list', lists: [] });
		st.createEmail({ name: 'Angebot Erinnerung', subject: 'Quote reminder', isPublished: false });
		st.createSms({ name: 'Quote reminder SMS', message: 'Your quotation is waiting.' });
		st.createSms({ name: 'Draft SMS', message: 'Not yet', isPublished: false });
		st.createCampaign({ name: 'Quote follow-up', description: 'Five steps after the quote' });
		st.createCampaign({ name: 'Template: nurture', description: 'copy me', isPublished: false });
		st.createSegment({ name: 'Hot leads', alias: 'hot-leads' });
		st.createSegment({ name: 'Archive', alias: 'old-quote-leads', isPublished: false });
	}
	const ids = (body: unknown, key: string) => Object.values((body as Record<string, Record<string, { id: number }>>)[key]).map((row) => row.id);
	const names = (body: unknown, key: string) => Object.values((body as Record<string, Record<string, { name: string }>>)[key]).map((row) => row.name);

	it('answers {total, <list>} keyed by id with an int total, default order name ASC (campaigns: id)', async () => {
		seedCatalog();
		const emails = await call('/api/emails');
		expect(emails.status).toBe(200);
		expect((emails.body as { total: unknown }).total).toBe(3);
		expect(Object.keys((emails.body as { emails: object }).emails)).toEqual(['1', '2', '3']);
		// Keyed by id in the JSON text, in the server's order (name ASC, case-insensitive).
		expect(emails.text.indexOf('"3":')).toBeLessThan(emails.text.indexOf('"2":'));
		expect(emails.text.indexOf('"2":')).toBeLessThan(emails.text.indexOf('"1":'));
		const segments = await call('/api/segments');
		expect(segments.body).toMatchObject({ total: 2, lists: { '1': { name: 'Hot leads', alias: 'hot-leads' }, '2': { name: 'Archive' } } });
		const campaigns = await call('/api/campaigns');
		expect(names(campaigns.body, 'campaigns')).toEqual(['Quote follow-up', 'Template: nurture']);
		const smses = await call('/api/smses');
		expect(ids(smses.body, 'smses')).toEqual([1, 2]);
	});

	it('search is a case-insensitive LIKE on the repository\'s columns, terms ANDed; % is a wildcard', async () => {
		seedCatalog();
		// EmailRepository: name or subject.
		expect(names((await call('/api/emails?search=QUOTE')).body, 'emails').sort()).toEqual(['Angebot Erinnerung', 'Quote follow-up D2']);
		expect(names((await call('/api/emails?search=quote%20d2')).body, 'emails')).toEqual(['Quote follow-up D2']);
		expect(names((await call(`/api/emails?search=${encodeURIComponent('"follow-up d2"')}`)).body, 'emails')).toEqual(['Quote follow-up D2']);
		expect(names((await call(`/api/emails?search=${encodeURIComponent('Quote%D2')}`)).body, 'emails')).toEqual(['Quote follow-up D2']);
		// CampaignRepository: name or description; LeadListRepository: name or alias; SMS: name only.
		expect(names((await call('/api/campaigns?search=copy')).body, 'campaigns')).toEqual(['Template: nurture']);
		expect(names((await call('/api/segments?search=quote')).body, 'lists')).toEqual(['Archive']);
		expect((await call('/api/smses?search=waiting')).body).toMatchObject({ total: 0 });
		expect(names((await call('/api/campaigns?search=is:unpublished')).body, 'campaigns')).toEqual(['Template: nurture']);
	});

	it('published=1 keeps isPublished rows; minimal=1 answers the List serializer group', async () => {
		seedCatalog();
		expect(names((await call('/api/emails?published=1')).body, 'emails').sort()).toEqual(['Quote follow-up D2', 'newsletter']);
		expect(names((await call('/api/smses?published=1')).body, 'smses')).toEqual(['Quote reminder SMS']);
		const full = (await call('/api/emails?search=D2')).body as { emails: Record<string, Record<string, unknown>> };
		expect(full.emails['1']).toHaveProperty('emailType', 'template');
		const minimal = (await call('/api/emails?search=D2&minimal=1')).body as { emails: Record<string, Record<string, unknown>> };
		expect(minimal.emails['1']).toEqual({ id: 1, name: 'Quote follow-up D2', subject: 'Your quotation', language: 'en', category: null, isPublished: true });
		const campaign = (await call('/api/campaigns?minimal=1')).body as { campaigns: Record<string, Record<string, unknown>> };
		expect(campaign.campaigns['1']).not.toHaveProperty('events');
		expect((await call('/api/campaigns')).body).toMatchObject({ campaigns: { '1': { events: [] } } });
	});

	it('start/limit page (limit defaults to default_pagelimit, 0 means all); orderBy takes columns with or without the alias', async () => {
		for (let i = 1; i <= 35; i++) server.state.createEmail({ name: `Mail ${String(i).padStart(2, '0')}`, subject: 's' });
		expect(ids((await call('/api/emails')).body, 'emails')).toHaveLength(30);
		const page = (await call('/api/emails?start=30&limit=10')).body as { total: number };
		expect(page.total).toBe(35);
		expect(ids(page, 'emails')).toEqual([31, 32, 33, 34, 35]);
		expect(ids((await call('/api/emails?limit=0')).body, 'emails')).toHaveLength(35);
		server.state.createEmail({ name: 'Mail 01', subject: 'same name' });
		const ordered = await call('/api/emails?orderBy=e.name,id&orderByDir=DESC&limit=3');
		expect(names(ordered.body, 'emails')).toEqual(expect.arrayContaining(['Mail 35', 'Mail 34', 'Mail 33']));
		expect(ordered.text.indexOf('"35":')).toBeLessThan(ordered.text.indexOf('"34":'));
		const tie = await call('/api/emails?orderBy=name,id&orderByDir=ASC&limit=2');
		expect(ids(tie.body, 'emails').sort((a, b) => a - b)).toEqual([1, 36]);
		expect(tie.text.indexOf('"1":')).toBeLessThan(tie.text.indexOf('"36":'));
	});
});

describe('§7 stats, faults and helpers', () => {
	it('stats tables page with start/limit/total and where[]', async () => {
		const c = server.state.seedContact({ email: 'st@example.com' });
		const email = server.state.createEmail({ name: 'Q', subject: 'Q' });
		for (let i = 0; i < 3; i++) await call(`/api/emails/${email.id}/contact/${c.id}/send`, { method: 'POST' });
		server.state.recordOpen(c.id, email.id);
		const r = await call(`/api/stats/email_stats?where[0][col]=lead_id&where[0][expr]=eq&where[0][val]=${c.id}&order[0][col]=id&order[0][dir]=DESC&limit=2`);
		expect(r.body).toMatchObject({ total: 3, stats: [{ is_read: 1 }, { is_read: 0 }] });
		expect(server.state.email(email.id)?.readCount).toBe(1);
	});

	it('errors-200 answers HTTP 200 with errors[]; faults are recorded', async () => {
		server.fault({ kind: 'errors-200', path: '/api/users/self' });
		const r = await call('/api/users/self');
		expect(r).toMatchObject({ status: 200, body: { errors: [{ type: 'unexpected_error' }] } });
		expect(server.requests.at(-1)?.fault).toBe('errors-200');
	});

	it('phpQuery reads nested and appended keys', () => {
		expect(phpQuery(new URLSearchParams('where[0][col]=email&a[]=1&a[]=2&filters[includeEvents][]=email.read'))).toEqual({
			where: { 0: { col: 'email' } },
			a: ['1', '2'],
			filters: { includeEvents: ['email.read'] },
		});
	});
});
