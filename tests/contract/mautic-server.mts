// A small in-memory Mautic 5.x stand-in on node:http, following ../../../shared/reference/mautic.md:
// §1 the API/Basic-auth switches (403 api_disabled / access_denied), Basic auth and the OAuth2
// client_credentials token endpoint with expiring bearer tokens; §2 id-keyed lists with string totals,
// start/limit paging, where[] filters, `errors[]` bodies, the 200-item batch cap, the per-hour rate
// limiter; §3 upsert by email on POST /contacts/new (201 new, 200 existing) with overwriteWithBlank
// false except on PUT; §4 DNC per channel; §5 the single-contact email send that IGNORES DNC, exactly
// like Mautic 5, and the SMS send that reports failures as HTTP 200 (one as a double-encoded string);
// §6 campaigns (creation rules, clone, membership) and segments; §7 email counters, stats tables and
// the contact timeline. Every email and SMS it "sends" is recorded in `sent`, so tests can count what
// reached a contact. Used by connector tests and the real-n8n suite, so it is plain HTTP (no nock).
// Shapes marked (unconfirmed) in the reference are modelled on the closest documented behaviour.
// Issue 13: every behaviour a connector depends on cites the real source it follows, read at
// mautic/mautic commit 24271492a838 (branch 5.x, app/release_metadata.json 5.1.0, 2024-10-24); tags
// 4.4.0–4.4.13 and 5.0.0–5.1.1 were compared where versions could differ (docs/real-servers.md).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { takeFault as takeSharedFault } from './faultQueue.mts';

export type Channel = 'email' | 'sms' | 'notification';

export interface DncRow {
	id: number;
	channel: Channel;
	reason: number;
	comments: string | null;
	channelId: number | null;
	dateAdded: string;
}

export interface StoredContact {
	id: number;
	/** Every field alias → value (null when unset), as `fields.all` shows it. */
	fields: Record<string, unknown>;
	tags: string[];
	points: number;
	doNotContact: DncRow[];
	ownerId: number | null;
	stage: { id: number; name: string } | null;
	dateAdded: string;
	dateModified: string;
	lastActive: string | null;
}

export interface StoredEmail {
	id: number;
	name: string;
	subject: string;
	emailType: 'template' | 'list';
	isPublished: boolean;
	lists: number[];
	customHtml: string | null;
	sentCount: number;
	readCount: number;
}

export interface StoredSms {
	id: number;
	name: string;
	message: string;
	smsType: string;
	isPublished: boolean;
	sentCount: number;
}

export interface StoredSegment {
	id: number;
	name: string;
	alias: string;
	isPublished: boolean;
	members: Set<number>;
}

export interface StoredCampaign {
	id: number;
	name: string;
	description: string | null;
	isPublished: boolean;
	lists: number[];
	forms: number[];
	events: Array<Record<string, unknown> & { id: number; parentId: number | null }>;
	canvasSettings: unknown;
	/** contact id → manually removed? */
	members: Map<number, boolean>;
}

export interface SentEmail {
	emailId: number;
	contactId: number;
	to: string;
	subject: string;
	/** Token keys as Mautic uses them (`{quote_number}`), values HTML-sanitised. */
	tokens: Record<string, string>;
	assetAttachments: number[];
	/** `transactional` for the single-contact API send (ignores DNC), `list` for segment sends. */
	kind: 'transactional' | 'list';
	/** True when the contact was on the email DNC list and the mail went out anyway (Mautic 5 behaviour). */
	ignoredDnc: boolean;
	at: string;
}

export interface SentSms {
	smsId: number;
	contactId: number;
	to: string;
	message: string;
	at: string;
}

export interface ActivityRow {
	event: string;
	eventId: string;
	eventLabel: string;
	eventType: string;
	timestamp: string;
	contactId: number;
	details: Record<string, unknown>;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query, percent-decoded. */
	path: string;
	/** Raw query parameters (PHP-style keys such as `where[0][col]` kept as they are). */
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	fault?: FaultKind;
}

export type FaultKind =
	| 'rate-limit' // 429 with Mautic's rate-limit body (nothing processed)
	| 'html-502' // 502 HTML page from a reverse proxy
	| 'unavailable' // 503 JSON errors[]
	| 'errors-200' // HTTP 200 whose body carries errors[] (as several endpoints do)
	| 'reset'; // the socket is destroyed without an answer

export interface FaultSpec {
	kind: FaultKind;
	times?: number;
	method?: string;
	path?: string | RegExp;
}

export interface MauticServerOptions {
	/** API enabled (Configuration → API Settings). Mautic's default is OFF; this server's is on. */
	apiEnabled?: boolean;
	/** HTTP basic auth enabled. Mautic's default is OFF; this server's is on. */
	basicAuthEnabled?: boolean;
	username?: string;
	password?: string;
	clientId?: string;
	clientSecret?: string;
	/** Access token lifetime; Mautic's default is 60 minutes. */
	tokenLifetimeSeconds?: number;
	/** An SMS transport (Twilio) is configured; default true. */
	smsTransport?: boolean;
	/** `default_pagelimit`, default 30. */
	defaultPageLimit?: number;
	/** `api_batch_max_limit`, default 200. */
	batchMaxLimit?: number;
	/** `api_rate_limiter_limit` calls per hour; 0 (default) = off. */
	rateLimitPerHour?: number;
	/** Custom contact field aliases that exist (unknown aliases are ignored, as Mautic does). */
	customFields?: string[];
	/**
	 * Milliseconds every request waits before it is handled (network and server time), so a
	 * read-then-write race between two clients has a real window (issue 14, H3). Default 0;
	 * `setDelay` changes it while running.
	 */
	delayMs?: number;
	port?: number;
}

export interface MauticState {
	readonly settings: {
		apiEnabled: boolean;
		basicAuthEnabled: boolean;
		smsTransport: boolean;
		rateLimitPerHour: number;
	};
	/** Server clock (ms); every write advances it by one second. */
	now(): number;
	/** Moves the server clock forward, e.g. past the token lifetime. */
	advance(ms: number): void;
	/** Makes every access token issued so far expired. */
	expireTokens(): void;
	/** How many tokens /oauth/v2/token has issued. */
	tokensIssued(): number;
	seedContact(fields: Record<string, unknown>, extra?: { tags?: string[]; dnc?: Array<{ channel: Channel; reason?: number; comments?: string }>; points?: number }): StoredContact;
	contact(id: number): StoredContact | undefined;
	contacts(): StoredContact[];
	createEmail(input: { name: string; subject: string; emailType?: 'template' | 'list'; isPublished?: boolean; lists?: number[] }): StoredEmail;
	email(id: number): StoredEmail | undefined;
	createSms(input: { name: string; message: string; isPublished?: boolean }): StoredSms;
	createSegment(input: { name: string; alias?: string; isPublished?: boolean }): StoredSegment;
	segment(id: number): StoredSegment | undefined;
	createCampaign(input: { name: string; description?: string; isPublished?: boolean; lists?: number[] }): StoredCampaign;
	campaign(id: number): StoredCampaign | undefined;
	/** Adds a timeline event (and the matching stats change for email.read). */
	addActivity(contactId: number, event: { event: string; timestamp?: string; label?: string; details?: Record<string, unknown> }): ActivityRow;
	/** A website visit (mtc.js or a landing page): a page.hit whose hit has no source. */
	recordPageVisit(contactId: number, visit: { url: string; title?: string; timestamp?: string }): ActivityRow;
	/** A click on a tracked link of email `emailId`: a page.hit whose hit has source 'email'. */
	recordClick(contactId: number, emailId: number, click: { url: string; timestamp?: string }): ActivityRow;
	/** Marks the contact's latest send of `emailId` as opened (email_stats + timeline + readCount). */
	recordOpen(contactId: number, emailId: number): void;
	statsRows(table: string): Array<Record<string, unknown>>;
}

export interface MauticServer {
	url: string;
	requests: RecordedRequest[];
	sent: { emails: SentEmail[]; sms: SentSms[] };
	state: MauticState;
	fault(spec: FaultSpec): void;
	/** Sets the delay before every request is handled (MauticServerOptions.delayMs). */
	setDelay(ms: number): void;
	stop(): Promise<void>;
}

const CORE_FIELDS = [
	'title',
	'firstname',
	'lastname',
	'company',
	'position',
	'email',
	'mobile',
	'phone',
	'fax',
	'address1',
	'address2',
	'city',
	'state',
	'zipcode',
	'country',
	'preferred_locale',
	'timezone',
	'last_active',
	'attribution_date',
	'attribution',
	'website',
];
const SOCIAL_FIELDS = ['facebook', 'instagram', 'linkedin', 'skype', 'twitter'];

/** mautic/mautic 5.1.0 FetchCommonApiController::notFound → flashes.ini mautic.core.error.notfound. */
const NOT_FOUND = 'Item was not found.';

/** mautic/mautic 5.1.0 CampaignBundle/Entity/Event.php: the properties with a setter that CampaignModel::setEvents calls. */
const EVENT_SETTERS = [
	'name',
	'description',
	'type',
	'eventType',
	'order',
	'properties',
	'triggerDate',
	'triggerInterval',
	'triggerIntervalUnit',
	'triggerHour',
	'triggerRestrictedStartHour',
	'triggerRestrictedStopHour',
	'triggerRestrictedDaysOfWeek',
	'triggerMode',
	'channel',
	'channelId',
] as const;

class MauticHttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly type: string | null = null,
		readonly details: unknown = [],
	) {
		super(message);
	}
}

/** A JSON object whose keys keep their order when serialised (PHP keeps insertion order; JS sorts integer keys). */
class Keyed {
	constructor(readonly entries: Array<[string | number, unknown]>) {}
}

function toJson(value: unknown): string {
	if (value instanceof Keyed) {
		return `{${value.entries.map(([k, v]) => `${JSON.stringify(String(k))}:${toJson(v)}`).join(',')}}`;
	}
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
	if (value && typeof value === 'object') {
		const parts = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`);
		return `{${parts.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** mautic/mautic 5.1.0 FetchCommonApiController::returnError: `{errors: [{code, message, details, type}]}`, type null unless given. */
function errorBody(status: number, message: string, type: string | null = null, details: unknown = []): Record<string, unknown> {
	return { errors: [{ code: status, message, details, type }] };
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** `2026-11-20T10:00:00+00:00` (DateTime in API output). */
function isoStamp(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

/** `2026-11-20 10:00:00` (database columns in stats tables). */
function dbStamp(ms: number): string {
	return isoStamp(ms).slice(0, 19).replace('T', ' ');
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Mautic's InputHelper::html as the e-mail send API applies it to token values (mautic/mautic 5.1.0+215
 * @24271492 app/bundles/CoreBundle/Helper/InputHelper.php html(); EmailApiController::sendLeadAction runs
 * it on every token value). It is a sanitiser, not an escaper:
 * - a value with non-ASCII characters is cleaned as 'raw' (returned unfiltered) and then rawurldecode()d
 *   (`$hasUnicode = strlen($value) != strlen(iconv('UTF-8', 'Windows-1252', $value))`; `clean($value,
 *   $hasUnicode ? 'raw' : 'html')`; `rawurldecode`). Modelled for every non-ASCII value: for characters
 *   Windows-1252 lacks, iconv's failure also makes the lengths differ unless the error handler throws;
 * - otherwise joomla/filter 1.4.4 InputFilter in blacklist mode (tagsMethod 1, attrMethod 1, xssAuto 1):
 *   blocked tags are dropped (the tag, not its content; Joomla's blockedTags plus Mautic's tagBlacklist),
 *   event attributes (`on…`), blocked attributes and javascript:/vbscript: values are dropped, and every
 *   other tag is rebuilt with double-quoted attributes (`<img src=x>` → `<img src="x" />`). Links, images
 *   and `{contactfield=…}` text survive, entities are not decoded, line breaks stay;
 * - a bare `<script>…</script>` pair (no attributes) is base64-protected before the filter and restored.
 */
const BLOCKED_TAGS = new Set([
	'applet', 'body', 'bgsound', 'base', 'basefont', 'canvas', 'embed', 'frame', 'frameset', 'head', 'html', 'id', 'iframe',
	'ilayer', 'layer', 'link', 'meta', 'name', 'object', 'script', 'style', 'title', 'xml',
]);
const BLOCKED_ATTRIBUTES = new Set(['action', 'background', 'codebase', 'dynsrc', 'formaction', 'lowsrc']);

function sanitise(text: string): string {
	// eslint-disable-next-line no-control-regex
	if (/[^\x00-\x7f]/.test(text)) {
		try {
			return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'));
		} catch {
			return text;
		}
	}
	const scripts: string[] = [];
	let value = text.replace(/<script>([\s\S]*?)<\/script>/gi, (whole) => `\u0000${scripts.push(whole) - 1}\u0000`);
	value = value.replace(/<(\/?)([^\s<>/]+)([^<>]*)>/g, (_whole, close: string, name: string, rest: string) => {
		if (!/^[a-z][a-z0-9]*$/i.test(name) || BLOCKED_TAGS.has(name.toLowerCase())) return '';
		if (close) return `</${name}>`;
		const attributes: string[] = [];
		for (const m of rest.matchAll(/([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
			const attr = m[1].toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
			if (attr === '' || BLOCKED_ATTRIBUTES.has(attr) || attr.startsWith('on')) continue;
			if (m[2] === undefined) continue;
			const val = m[2].replace(/^["']|["']$/g, '').replace(/&#/g, '').replace(/[\r\n"]/g, '').trim();
			if (/(?:java|vb|live)script:|behaviour:|mocha:/i.test(val) || (attr === 'style' && /expression/i.test(val))) continue;
			attributes.push(val === '' ? `${attr}=""` : `${attr}="${val}"`);
		}
		const closes = new RegExp(`</${name}`, 'i').test(value);
		return `<${name}${attributes.map((a) => ` ${a}`).join('')}${closes ? '>' : ' />'}`;
	});
	// eslint-disable-next-line no-control-regex
	return value.replace(/\u0000(\d+)\u0000/g, (_w, i: string) => scripts[Number(i)]);
}

/** Parses PHP-style keys (`where[0][col]=email`) into nested objects/arrays, as PHP's query parser does. */
export function phpQuery(params: URLSearchParams): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [rawKey, value] of params) {
		const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
		if (!match) {
			root[rawKey] = value;
			continue;
		}
		const keys = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
		let node: Record<string, unknown> = root;
		keys.forEach((key, i) => {
			const last = i === keys.length - 1;
			if (key === '') {
				// `x[]=a&x[]=b`: append
				const list = node as unknown as unknown[];
				if (last) list.push(value);
				return;
			}
			if (last) {
				node[key] = value;
				return;
			}
			const nextIsAppend = keys[i + 1] === '';
			if (node[key] === undefined || typeof node[key] !== 'object') node[key] = nextIsAppend ? [] : {};
			node = node[key] as Record<string, unknown>;
		});
	}
	return root;
}

function likeMatch(value: unknown, pattern: string): boolean {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 'is').test(value === null || value === undefined ? '' : String(value));
}

/** MySQL's default collation compares strings case-insensitively. */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === null || a === undefined) return b === null || b === undefined || b === '';
	const na = Number(a);
	const nb = Number(b);
	if (typeof a === 'number' && !Number.isNaN(nb)) return na === nb;
	return String(a).toLowerCase() === String(b).toLowerCase();
}

function compare(a: unknown, b: unknown): number {
	const na = Number(a);
	const nb = Number(b);
	if (a !== null && b !== null && a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	const sa = a === null || a === undefined ? '' : String(a);
	const sb = b === null || b === undefined ? '' : String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

type WhereCondition = { col: string; expr: string; val: unknown };

function whereConditions(raw: unknown): WhereCondition[] {
	if (!raw || typeof raw !== 'object') return [];
	return Object.values(raw as Record<string, unknown>).map((entry) => {
		const e = (entry ?? {}) as Record<string, unknown>;
		if (typeof e.col !== 'string' || typeof e.expr !== 'string') {
			throw new MauticHttpError(400, 'Invalid where condition: col and expr are required');
		}
		return { col: e.col.replace(/^[a-z]+\./, ''), expr: e.expr, val: e.val };
	});
}

function matchesWhere(row: Record<string, unknown>, c: WhereCondition): boolean {
	const v = row[c.col];
	const list = () => (Array.isArray(c.val) ? c.val : String(c.val ?? '').split(',')).map((x) => String(x).trim());
	switch (c.expr) {
		case 'eq':
			return sameValue(v, c.val);
		case 'neq':
			return !sameValue(v, c.val);
		case 'like':
			return likeMatch(v, String(c.val ?? ''));
		case 'notLike':
			return !likeMatch(v, String(c.val ?? ''));
		case 'in':
			return list().some((x) => sameValue(v, x));
		case 'notIn':
			return !list().some((x) => sameValue(v, x));
		case 'gt':
			return compare(v, c.val) > 0;
		case 'gte':
			return compare(v, c.val) >= 0;
		case 'lt':
			return compare(v, c.val) < 0;
		case 'lte':
			return compare(v, c.val) <= 0;
		case 'isNull':
			return v === null || v === undefined;
		case 'isNotNull':
			return v !== null && v !== undefined;
		default:
			throw new MauticHttpError(400, `Unknown expression ${c.expr}`);
	}
}

function pageParams(query: Record<string, unknown>, defaultLimit: number): { start: number; limit: number } {
	const start = Math.max(0, Number(query.start ?? 0) || 0);
	const limitRaw = query.limit;
	const limit = limitRaw === undefined || limitRaw === '' ? defaultLimit : Math.max(0, Number(limitRaw) || 0);
	return { start, limit };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	const type = req.headers['content-type'] ?? '';
	if (type.includes('application/x-www-form-urlencoded')) return phpQuery(new URLSearchParams(text));
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

type Answer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

export async function startMauticServer(options: MauticServerOptions = {}): Promise<MauticServer> {
	const username = options.username ?? 'api-user';
	const password = options.password ?? 'api-password';
	const clientId = options.clientId ?? '1_client-id-abc';
	const clientSecret = options.clientSecret ?? 'client-secret-xyz';
	const tokenLifetimeMs = (options.tokenLifetimeSeconds ?? 3600) * 1000;
	const defaultPageLimit = options.defaultPageLimit ?? 30;
	const batchMax = options.batchMaxLimit ?? 200;
	const customFields = options.customFields ?? ['quote_value', 'quote_number'];
	const knownFields = new Set([...CORE_FIELDS, ...SOCIAL_FIELDS, ...customFields]);
	const settings = {
		apiEnabled: options.apiEnabled ?? true,
		basicAuthEnabled: options.basicAuthEnabled ?? true,
		smsTransport: options.smsTransport ?? true,
		rateLimitPerHour: options.rateLimitPerHour ?? 0,
	};

	let clock = Date.UTC(2026, 10, 20, 10, 0, 0);
	const tick = () => (clock += 1000);
	const ids = { contact: 0, dnc: 0, email: 0, sms: 0, segment: 0, campaign: 0, event: 0, stat: 0, activity: 0, tag: 0 };
	const contacts = new Map<number, StoredContact>();
	const emails = new Map<number, StoredEmail>();
	const smses = new Map<number, StoredSms>();
	const segments = new Map<number, StoredSegment>();
	const campaigns = new Map<number, StoredCampaign>();
	const tagIds = new Map<string, number>();
	const tokens = new Map<string, number>();
	const stats: Record<string, Array<Record<string, unknown>>> = { email_stats: [], sms_message_stats: [], page_hits: [] };
	const activity: ActivityRow[] = [];
	const requests: RecordedRequest[] = [];
	const sent = { emails: [] as SentEmail[], sms: [] as SentSms[] };
	const faults: Array<FaultSpec & { left: number }> = [];
	let tokensIssued = 0;
	let apiCalls = 0;
	let rateWindowReset: number | undefined;

	// ---- contacts ------------------------------------------------------------------------------

	function tagId(tag: string): number {
		let id = tagIds.get(tag);
		if (id === undefined) {
			id = ++ids.tag;
			tagIds.set(tag, id);
		}
		return id;
	}

	function blankFields(): Record<string, unknown> {
		return Object.fromEntries([...knownFields].map((alias) => [alias, null]));
	}

	function newContact(): StoredContact {
		const stamp = isoStamp(tick());
		const contact: StoredContact = {
			id: ++ids.contact,
			fields: blankFields(),
			tags: [],
			points: 0,
			doNotContact: [],
			ownerId: null,
			stage: null,
			dateAdded: stamp,
			dateModified: stamp,
			lastActive: null,
		};
		contacts.set(contact.id, contact);
		return contact;
	}

	function modifyTags(contact: StoredContact, raw: unknown): void {
		const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
		for (const entry of list.map((t) => t.trim()).filter(Boolean)) {
			if (entry.startsWith('-')) contact.tags = contact.tags.filter((t) => t !== entry.slice(1));
			else if (!contact.tags.includes(entry)) {
				tagId(entry);
				contact.tags.push(entry);
			}
		}
	}

	function addDnc(contact: StoredContact, channel: Channel, reason: number, comments: string | null, channelId: number | null): void {
		const existing = contact.doNotContact.find((d) => d.channel === channel);
		if (existing) {
			existing.reason = reason;
			existing.comments = comments;
			existing.channelId = channelId;
			return;
		}
		contact.doNotContact.push({ id: ++ids.dnc, channel, reason, comments, channelId, dateAdded: isoStamp(tick()) });
	}

	function validEmail(value: unknown): boolean {
		return typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim());
	}

	/** Applies a create/edit body: fields by alias (unknown ones ignored), tags, owner, stage, DNC. */
	/**
	 * mautic/mautic 5.1.0 CustomFieldsApiControllerTrait::setCustomFieldValues: for POST (/contacts/new,
	 * batch/new) and PATCH every value that is_numeric and whose (int) is 0 is dropped ("we have to
	 * assume 0 was not meant to overwrite an existing value"), so 0, "0", "0.00" and also 0.5 or -0.3
	 * never reach the contact; a false boolean (a 0 in the form) goes the same way. PUT keeps them.
	 */
	function droppedOnPostOrPatch(value: unknown): boolean {
		if (value === false) return true;
		if (typeof value === 'number') return Number.isFinite(value) && Math.trunc(value) === 0;
		if (typeof value === 'string' && /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(value)) return Math.trunc(Number(value)) === 0;
		return false;
	}

	function applyBody(contact: StoredContact, body: Record<string, unknown>, overwriteWithBlank: boolean, postOrPatch = false): void {
		if (body.email !== undefined && !isBlank(body.email) && !validEmail(body.email)) {
			throw new MauticHttpError(400, 'email: A valid email is required.', null, { email: ['A valid email is required.'] });
		}
		for (const [alias, value] of Object.entries(body)) {
			if (!knownFields.has(alias)) continue;
			if (postOrPatch && droppedOnPostOrPatch(value)) continue;
			if (isBlank(value)) {
				if (overwriteWithBlank) contact.fields[alias] = null;
				continue;
			}
			contact.fields[alias] = typeof value === 'string' ? value.trim() : value;
		}
		if (body.tags !== undefined) modifyTags(contact, body.tags);
		if (body.owner !== undefined && body.owner !== null && body.owner !== '') contact.ownerId = Number(body.owner);
		if (body.stage !== undefined && body.stage !== null && body.stage !== '') {
			contact.stage = typeof body.stage === 'number' ? { id: body.stage, name: `Stage ${body.stage}` } : { id: 1, name: String(body.stage) };
		}
		if (Array.isArray(body.doNotContact)) {
			for (const entry of body.doNotContact as Array<Record<string, unknown>>) {
				addDnc(contact, (entry.channel as Channel) ?? 'email', Number(entry.reason ?? 3), (entry.comments as string) ?? null, null);
			}
		}
		contact.dateModified = isoStamp(tick());
	}

	function findByEmail(email: unknown): StoredContact | undefined {
		if (isBlank(email)) return undefined;
		const wanted = String(email).trim().toLowerCase();
		return [...contacts.values()].find((c) => typeof c.fields.email === 'string' && c.fields.email.toLowerCase() === wanted);
	}

	/** POST /contacts/new semantics: dedupe on email → 200 update, else 201 create. */
	function upsert(body: unknown): { contact: StoredContact; status: 200 | 201 } {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MauticHttpError(400, 'Request body must be an object.');
		const record = body as Record<string, unknown>;
		const overwrite = record.overwriteWithBlank === true || record.overwriteWithBlank === 'true' || record.overwriteWithBlank === 1;
		if (record.email !== undefined && !isBlank(record.email) && !validEmail(record.email)) {
			throw new MauticHttpError(400, 'email: A valid email is required.', null, { email: ['A valid email is required.'] });
		}
		const existing = findByEmail(record.email);
		const contact = existing ?? newContact();
		applyBody(contact, record, overwrite, true);
		return { contact, status: existing ? 200 : 201 };
	}

	/**
	 * A contact as the API returns it: mautic/mautic 5.1.0 Lead::loadApiMetadata (id, points, color,
	 * fields, lastActive, owner, ipAddresses, tags, utmtags, stage, dateIdentified, doNotContact,
	 * frequencyRules) with `fields` grouped by field group plus `all` (alias → value), as
	 * CustomFieldsApiControllerTrait::preSerializeEntity sets them (`$fields['all'] = getProfileFields()`).
	 */
	function serialiseContact(contact: StoredContact): Record<string, unknown> {
		const group = (aliases: string[]) =>
			new Keyed(
				aliases.map((alias) => [alias, { id: String(aliases.indexOf(alias) + 1), label: alias, alias, type: 'text', group: 'core', value: contact.fields[alias] ?? null }]),
			);
		return {
			id: contact.id,
			points: contact.points,
			color: null,
			fields: {
				core: group([...CORE_FIELDS, ...customFields]),
				social: group(SOCIAL_FIELDS),
				// PHP serialises empty associative arrays as [].
				personal: [],
				professional: [],
				all: { id: contact.id, ...contact.fields, points: contact.points },
			},
			lastActive: contact.lastActive,
			owner: contact.ownerId === null ? null : { id: contact.ownerId, firstName: 'Sales', lastName: 'Rep' },
			ipAddresses: [],
			tags: contact.tags.map((tag) => ({ id: tagId(tag), tag })),
			utmtags: [],
			stage: contact.stage,
			dateIdentified: contact.dateAdded,
			doNotContact: contact.doNotContact.map((d) => ({ ...d })),
			frequencyRules: [],
			dateAdded: contact.dateAdded,
			dateModified: contact.dateModified,
		};
	}

	function getContact(id: string | number): StoredContact {
		const contact = contacts.get(Number(id));
		if (!contact) throw new MauticHttpError(404, NOT_FOUND);
		return contact;
	}

	/**
	 * Mautic search syntax (subset): `email:x` (a LIKE %x% match, §3 pitfall 9), `ids:1,2`, `tag:x`,
	 * `segment:alias`, free text. mautic/mautic 5.1.0 LeadRepository::addSearchCommandWhereClause:
	 * `email:` is `$likeExpr('l.email', …)`, `segment:` (searchcommand.list) a lead_lists_leads subquery.
	 */
	function matchesSearch(contact: StoredContact, search: string): boolean {
		const term = search.trim();
		if (term === '') return true;
		const command = /^(email|ids|tag|segment):(.*)$/i.exec(term);
		if (!command) {
			const needle = term.toLowerCase();
			return ['firstname', 'lastname', 'email', 'company'].some((f) => String(contact.fields[f] ?? '').toLowerCase().includes(needle));
		}
		const [, name, value] = command;
		switch (name.toLowerCase()) {
			case 'email':
				return String(contact.fields.email ?? '').toLowerCase().includes(value.toLowerCase());
			case 'ids':
				return value.split(',').map((v) => Number(v.trim())).includes(contact.id);
			case 'tag':
				return contact.tags.includes(value);
			case 'segment': {
				const segment = [...segments.values()].find((s) => s.alias === value);
				return segment !== undefined && segment.members.has(contact.id);
			}
			default:
				return false;
		}
	}

	/**
	 * GET /contacts: mautic/mautic 5.1.0 FetchCommonApiController::getEntitiesAction (start, limit =
	 * default_pagelimit, search, orderBy, orderByDir, where[] via getWhereFromRequest) answers
	 * `{total, contacts}`; EntityResultHelper::getArray keeps the repository's id keys (an object keyed
	 * by id, `{}` when empty through ArrayObject); `total` is the paginator count.
	 */
	function listContacts(query: Record<string, unknown>): Answer {
		const { start, limit } = pageParams(query, defaultPageLimit);
		const where = whereConditions(query.where);
		const search = typeof query.search === 'string' ? query.search : '';
		const orderBy = typeof query.orderBy === 'string' && query.orderBy !== '' ? query.orderBy.replace(/^[a-z]+\./, '') : 'id';
		const desc = String(query.orderByDir ?? 'ASC').toUpperCase() === 'DESC';
		let rows = [...contacts.values()].filter((c) => matchesSearch(c, search));
		rows = rows.filter((c) => where.every((cond) => matchesWhere({ id: c.id, ...c.fields }, cond)));
		rows.sort((a, b) => {
			const va = orderBy === 'id' ? a.id : a.fields[orderBy];
			const vb = orderBy === 'id' ? b.id : b.fields[orderBy];
			const c = compare(va, vb) || a.id - b.id;
			return desc ? -c : c;
		});
		const page = limit === 0 ? rows.slice(start) : rows.slice(start, start + limit);
		// §2: `total` may be a string; the list is keyed by id, `{}` when empty.
		return { status: 200, body: { total: String(rows.length), contacts: new Keyed(page.map((c) => [c.id, serialiseContact(c)])) } };
	}

	/**
	 * POST /contacts/batch/new: mautic/mautic 5.1.0 CommonApiController::newEntitiesAction answers 201
	 * `{contacts, statusCodes, errors?}` with per-item codes (200 existing, 201 new, the error's code);
	 * validateBatchPayload refuses more than api_batch_max_limit (200) items through returnError, whose
	 * default status is 500.
	 */
	function batchNew(body: unknown): Answer {
		if (!Array.isArray(body)) throw new MauticHttpError(400, 'Request body must be a list.');
		if (body.length > batchMax) throw new MauticHttpError(500, `A max of ${batchMax} entities are supported at a time.`);
		const saved: Array<[number, unknown]> = [];
		const statusCodes: number[] = [];
		const errors: Array<[number, unknown]> = [];
		body.forEach((item, index) => {
			try {
				const { contact, status } = upsert(item);
				saved.push([index, serialiseContact(contact)]);
				statusCodes.push(status);
			} catch (error) {
				const e = error instanceof MauticHttpError ? error : new MauticHttpError(500, String(error));
				statusCodes.push(e.status);
				errors.push([index, { code: e.status, message: e.message, details: e.details, type: e.type }]);
			}
		});
		// PHP keeps the indexes of what was saved: a list without gaps, an index-keyed object with them.
		const contactsOut = errors.length === 0 ? saved.map(([, c]) => c) : new Keyed(saved);
		return {
			status: 201,
			body: { contacts: contactsOut, statusCodes, ...(errors.length > 0 && { errors: new Keyed(errors) }) },
		};
	}

	function adjustPoints(contact: StoredContact, op: string, delta: number): void {
		switch (op) {
			case 'plus':
				contact.points += delta;
				break;
			case 'minus':
				contact.points -= delta;
				break;
			case 'times':
				contact.points *= delta;
				break;
			case 'divide':
				if (delta === 0) throw new MauticHttpError(400, 'Cannot divide by zero.');
				contact.points = Math.floor(contact.points / delta);
				break;
			default:
				throw new MauticHttpError(400, `Unknown operator ${op}`);
		}
		contact.dateModified = isoStamp(tick());
	}

	// ---- activity and stats --------------------------------------------------------------------

	/** mautic/mautic 5.1.0 en_US messages.ini names of the timeline types (the API's `eventType`). */
	const EVENT_TYPE_NAMES: Record<string, string> = {
		'email.sent': 'Email sent',
		'email.read': 'Email read',
		'email.failed': 'Email failed',
		'email.replied': 'Email replied',
		'page.hit': 'Page hit',
		'form.submitted': 'Form submitted',
	};

	/**
	 * A timeline event as GET /contacts/{id}/activity returns it. `details` is in the API's form: the
	 * listener's `extra`, renamed by LeadTimelineEvent::addEvent when not for the UI timeline (5.1.0;
	 * prepareDetailsForAPI camel-cases only the top-level keys). A page.hit without details is an
	 * email-link click of the contact's latest email (`hit.source` 'email'); use `recordPageVisit` for a
	 * website visit.
	 */
	function addActivity(contactId: number, event: { event: string; timestamp?: string; label?: string; details?: Record<string, unknown> }): ActivityRow {
		const timestamp = event.timestamp ?? isoStamp(tick());
		let details = event.details;
		if (details === undefined && event.event === 'page.hit') {
			const latest = [...stats.email_stats].reverse().find((s) => s.lead_id === contactId);
			details = { hit: pageHit(contactId, { url: 'https://example.com/quote', urlTitle: event.label ?? null, timestamp, source: 'email', sourceId: latest ? Number(latest.email_id) : null }) };
		}
		const row: ActivityRow = {
			event: event.event,
			eventId: `${event.event}${++ids.activity}`,
			eventLabel: event.label ?? event.event,
			eventType: EVENT_TYPE_NAMES[event.event] ?? event.event,
			timestamp,
			contactId,
			details: details ?? {},
		};
		activity.push(row);
		return row;
	}

	/**
	 * A page_hits row and the `hit` a page.hit timeline event carries. mautic/mautic 5.1.0
	 * PageBundle HitRepository::getLeadHits selects hitId, page_id, source, source_id AS sourceId, url,
	 * urlTitle, dateHit…; PageModel::processPageHit sets source/sourceId from the clickthrough: an
	 * email's tracked link has channel ['email' => emailId] (TrackableModel::generateTrackableUrl), a
	 * website visit (mtc.js, landing page) has none.
	 */
	function pageHit(contactId: number, hit: { url: string; urlTitle: string | null; timestamp: string; source: string | null; sourceId: number | null }): Record<string, unknown> {
		const id = ++ids.stat;
		stats.page_hits.push({
			id,
			lead_id: contactId,
			date_hit: dbStamp(Date.parse(hit.timestamp)),
			url: hit.url,
			url_title: hit.urlTitle,
			source: hit.source,
			source_id: hit.sourceId,
			email_id: hit.source === 'email' ? hit.sourceId : null,
			code: 200,
		});
		return { hitId: String(id), page_id: null, dateHit: hit.timestamp, dateLeft: null, referer: null, source: hit.source, sourceId: hit.sourceId === null ? null : String(hit.sourceId), url: hit.url, urlTitle: hit.urlTitle, query: [] };
	}

	/**
	 * GET /contacts/{id}/activity, mautic/mautic 5.1.0 LeadApiController::getAllActivityAction →
	 * LeadModel::getEngagements(…, forTimeline false) → LeadTimelineEvent. Each type's listener gets
	 * start = (page-1)·limit and limit (getEventLimit), so a page holds up to `limit` events PER TYPE;
	 * filters[dateFrom]/[dateTo] bound every type's query (TimelineTrait::getTimelineResults); `total`
	 * is the sum of the types' totals and maxPages = ceil(largest type total / limit) (getMaxPage).
	 * email.replied never calls addToCounter, so its "total" is only the events on this page
	 * (getEventCounter's BC branch). getEvents merges the types, sorts by timestamp and reverses for DESC.
	 * Same in 4.4.0 and 5.0.0.
	 */
	function activityPage(contact: StoredContact, query: Record<string, unknown>): Answer {
		const filters = (query.filters ?? {}) as Record<string, unknown>;
		const listOf = (value: unknown): string[] =>
			Array.isArray(value) ? (value as string[]) : value && typeof value === 'object' ? Object.values(value as Record<string, string>) : [];
		const include = listOf(filters.includeEvents);
		const exclude = listOf(filters.excludeEvents);
		const limit = Math.max(1, Number(query.limit ?? 25) || 25);
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		const start = page <= 1 ? 0 : (page - 1) * limit;
		const order = (query.order ?? {}) as Record<string, string>;
		const desc = String(order['1'] ?? 'DESC').toUpperCase() === 'DESC';
		const from = typeof filters.dateFrom === 'string' && filters.dateFrom !== '' ? Date.parse(filters.dateFrom) : undefined;
		const to = typeof filters.dateTo === 'string' && filters.dateTo !== '' ? Date.parse(filters.dateTo) : undefined;
		const types = [...new Set([...Object.keys(EVENT_TYPE_NAMES), ...activity.map((a) => a.event)])].filter(
			(type) => !exclude.includes(type) && (include.length === 0 || include.includes(type)),
		);
		const totals: Record<string, number> = {};
		const pageEvents: ActivityRow[] = [];
		for (const type of types) {
			const rows = activity
				.filter((a) => a.contactId === contact.id && a.event === type)
				.filter((a) => (from === undefined || Date.parse(a.timestamp) >= from) && (to === undefined || Date.parse(a.timestamp) <= to))
				.sort((a, b) => (Date.parse(a.timestamp) - Date.parse(b.timestamp)) * (desc ? -1 : 1));
			const slice = rows.slice(start, start + limit);
			totals[type] = type === 'email.replied' ? slice.length : rows.length;
			pageEvents.push(...slice);
		}
		pageEvents.sort((a, b) => (Date.parse(a.timestamp) < Date.parse(b.timestamp) ? -1 : 1));
		if (desc) pageEvents.reverse();
		const largest = Math.max(0, ...Object.values(totals));
		return {
			status: 200,
			body: {
				events: pageEvents.map(({ contactId, ...rest }) => ({ ...rest, contactId: String(contactId) })),
				filters: { search: filters.search ?? '', includeEvents: include, excludeEvents: exclude },
				order: ['timestamp', desc ? 'DESC' : 'ASC'],
				types: EVENT_TYPE_NAMES,
				total: Object.values(totals).reduce((sum, n) => sum + n, 0),
				page,
				limit,
				maxPages: largest > 0 ? Math.ceil(largest / limit) : 1,
			},
		};
	}

	/**
	 * GET /stats/{table}: mautic/mautic 5.1.0 StatsApiController::listAction (start, limit 100, where[],
	 * order[]) answers `{total, stats}`; a table no subscriber serves (or one the user may not see) is
	 * no error but 200 `{availableTables, tableColumns}`.
	 */
	function statsPage(table: string, query: Record<string, unknown>): Answer {
		const rows = stats[table];
		if (!rows) {
			return {
				status: 200,
				body: {
					availableTables: Object.keys(stats),
					tableColumns: Object.fromEntries(Object.entries(stats).map(([t, r]) => [t, r[0] ? Object.keys(r[0]) : []])),
				},
			};
		}
		const { start, limit } = pageParams(query, 100);
		const where = whereConditions(query.where);
		const order = query.order && typeof query.order === 'object' ? Object.values(query.order as Record<string, Record<string, string>>) : [];
		const matched = rows
			.filter((r) => where.every((c) => matchesWhere(r, c)))
			.sort((a, b) => {
				for (const o of order) {
					const c = compare(a[o.col], b[o.col]);
					if (c !== 0) return String(o.dir ?? 'ASC').toUpperCase() === 'DESC' ? -c : c;
				}
				return 0;
			});
		return { status: 200, body: { total: matched.length, stats: limit === 0 ? matched.slice(start) : matched.slice(start, start + limit) } };
	}

	// ---- sending -------------------------------------------------------------------------------

	function serialiseEmail(email: StoredEmail): Record<string, unknown> {
		return {
			id: email.id,
			name: email.name,
			subject: email.subject,
			emailType: email.emailType,
			isPublished: email.isPublished,
			customHtml: email.customHtml,
			lists: email.lists.map((id) => ({ id, name: segments.get(id)?.name ?? null })),
			sentCount: email.sentCount,
			readCount: email.readCount,
			variantSentCount: email.sentCount,
			variantReadCount: email.readCount,
		};
	}

	function deliverEmail(email: StoredEmail, contact: StoredContact, kind: SentEmail['kind'], tokensIn: Record<string, string>, attachments: number[]): void {
		const at = tick();
		sent.emails.push({
			emailId: email.id,
			contactId: contact.id,
			to: String(contact.fields.email),
			subject: email.subject,
			tokens: tokensIn,
			assetAttachments: attachments,
			kind,
			ignoredDnc: contact.doNotContact.some((d) => d.channel === 'email' && d.reason !== 0),
			at: isoStamp(at),
		});
		email.sentCount += 1;
		stats.email_stats.push({
			id: ++ids.stat,
			email_id: email.id,
			lead_id: contact.id,
			list_id: null,
			ip_id: null,
			email_address: contact.fields.email,
			date_sent: dbStamp(at),
			is_read: 0,
			is_failed: 0,
			viewed_in_browser: 0,
			date_read: null,
			tracking_hash: `hash${ids.stat}`,
			retry_count: 0,
			source: kind === 'list' ? 'email' : 'api',
			source_id: null,
			open_count: 0,
			last_opened: null,
			open_details: [],
		});
		addActivity(contact.id, { event: 'email.sent', timestamp: isoStamp(at), label: email.name, details: emailEventDetails(stats.email_stats[stats.email_stats.length - 1], email, 'sent') });
	}

	/**
	 * `details` of an email.sent/read/failed event: mautic/mautic 5.1.0 EmailBundle LeadSubscriber::
	 * addEmailEvents puts `extra: {stat, type}` with the StatRepository::getLeadStats columns (nested
	 * keys stay as selected: email_id, dateSent, dateRead, idHash, …).
	 */
	function emailEventDetails(stat: Record<string, unknown>, email: StoredEmail | undefined, type: 'sent' | 'read' | 'failed'): Record<string, unknown> {
		return {
			stat: {
				email_id: stat.email_id,
				id: stat.id,
				dateRead: stat.date_read ? `${String(stat.date_read).replace(' ', 'T')}+00:00` : null,
				dateSent: `${String(stat.date_sent).replace(' ', 'T')}+00:00`,
				subject: email?.subject ?? null,
				email_name: email?.name ?? null,
				isRead: stat.is_read,
				isFailed: stat.is_failed,
				idHash: stat.tracking_hash,
				storedSubject: email?.subject ?? null,
			},
			type,
		};
	}

	/**
	 * POST /emails/{id}/contact/{cid}/send: mautic/mautic 5.1.0 EmailApiController::sendLeadAction —
	 * checkLeadAccess(edit), tokens wrapped in braces and InputHelper::html-cleaned, sendEmail with
	 * source ['api', 0], ignoreDNC true and email_type transactional; answers 200 {success: bool} or
	 * {success: false, failed: [...]} (same in 4.4.0).
	 */
	function sendEmailToContact(emailId: string, contactId: string, body: unknown): Answer {
		const email = emails.get(Number(emailId));
		if (!email) throw new MauticHttpError(404, NOT_FOUND);
		const contact = getContact(contactId);
		const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
		const tokensIn: Record<string, string> = {};
		for (const [key, value] of Object.entries((record.tokens ?? {}) as Record<string, unknown>)) {
			const name = key.startsWith('{') ? key : `{${key}}`;
			tokensIn[name] = sanitise(String(value));
		}
		const attachments = Array.isArray(record.assetAttachments) ? record.assetAttachments.map(Number) : [];
		if (isBlank(contact.fields.email)) {
			return { status: 200, body: { success: false, failed: [`Contact ${contact.id} has no email address.`] } };
		}
		// No DNC check here: Mautic 5 sends API single-contact emails with ignoreDNC.
		deliverEmail(email, contact, 'transactional', tokensIn, attachments);
		return { status: 200, body: { success: true } };
	}

	/**
	 * POST /emails/{id}/send: mautic/mautic 5.1.0 EmailApiController::sendAction — 404 for a missing or
	 * unpublished email, EmailModel::sendEmailToLists (segment emails only, DNC and resends respected),
	 * 200 {success: 1, sentCount, failedRecipients}.
	 */
	function sendSegmentEmail(emailId: string, body: unknown): Answer {
		const email = emails.get(Number(emailId));
		if (!email || !email.isPublished) throw new MauticHttpError(404, NOT_FOUND);
		if (email.emailType !== 'list') throw new MauticHttpError(400, 'Only segment emails can be sent to segments.');
		const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
		const lists = Array.isArray(record.lists) ? record.lists.map(Number).filter((id) => email.lists.includes(id)) : email.lists;
		const limit = record.limit === undefined ? Infinity : Number(record.limit);
		let sentCount = 0;
		const members = new Set<number>();
		for (const id of lists) for (const member of segments.get(id)?.members ?? []) members.add(member);
		for (const id of [...members].sort((a, b) => a - b)) {
			if (sentCount >= limit) break;
			const contact = contacts.get(id);
			if (!contact || isBlank(contact.fields.email)) continue;
			if (contact.doNotContact.some((d) => d.channel === 'email' && d.reason !== 0)) continue;
			if (sent.emails.some((s) => s.emailId === email.id && s.contactId === id)) continue;
			deliverEmail(email, contact, 'list', {}, []);
			sentCount += 1;
		}
		return { status: 200, body: { success: 1, sentCount, failedRecipients: 0 } };
	}

	/**
	 * /smses/{id}/contact/{cid}/send: mautic/mautic 5.1.0 SmsApiController::sendAction — without an
	 * enabled transport a JsonResponse of json_encode(...) (a JSON string holding JSON); a missing SMS is
	 * 404; a contact that is missing or not editable is accessDenied (403); otherwise 200 {success,
	 * status (translated), result, errors: [{message: status key}]} whatever happened.
	 */
	function sendSms(smsId: string, contactId: string): Answer {
		if (!settings.smsTransport) {
			// SmsApiController::sendAction returns a JSON string that itself holds JSON.
			return { status: 200, raw: JSON.stringify(JSON.stringify({ error: { message: 'SMS transport is disabled.', code: 417 } })) };
		}
		const sms = smses.get(Number(smsId));
		if (!sms) throw new MauticHttpError(404, NOT_FOUND);
		if (!contacts.has(Number(contactId))) throw new MauticHttpError(403, 'You do not have access to the requested area/action.');
		const contact = getContact(contactId);
		const fail = (status: string, message: string): Answer => ({
			status: 200,
			body: { success: false, status, result: { sent: false, status }, errors: [{ message }] },
		});
		if (!sms.isPublished) return fail('SMS is unpublished', 'The text message is not published.');
		if (contact.doNotContact.some((d) => d.channel === 'sms' && d.reason !== 0)) {
			return fail('Contact is not contactable', 'mautic.sms.campaign.failed.not_contactable');
		}
		const number = !isBlank(contact.fields.mobile) ? contact.fields.mobile : contact.fields.phone;
		if (isBlank(number)) return fail('Contact has no phone number', 'mautic.sms.campaign.failed.missing_number');
		const at = tick();
		sent.sms.push({ smsId: sms.id, contactId: contact.id, to: String(number), message: sms.message, at: isoStamp(at) });
		sms.sentCount += 1;
		stats.sms_message_stats.push({ id: ++ids.stat, sms_id: sms.id, lead_id: contact.id, date_sent: dbStamp(at), tracking_hash: `sms${ids.stat}` });
		return { status: 200, body: { success: true, status: 'Delivered', result: { sent: true, status: 'Delivered' } } };
	}

	// ---- campaigns and segments ----------------------------------------------------------------

	// mautic/mautic 5.1.0 Campaign::loadApiMetadata (campaignDetails: events, forms, lists,
	// canvasSettings, allowRestart) + FormEntity publishDetails (isPublished); Event::loadApiMetadata
	// (parent and children at depth 1). `events` comes out as a JSON list:
	// CampaignApiControllerFunctionalTest::testCreateNewCampaign reads `['campaign']['events'][0]`.
	function serialiseCampaign(campaign: StoredCampaign): Record<string, unknown> {
		return {
			id: campaign.id,
			name: campaign.name,
			description: campaign.description,
			isPublished: campaign.isPublished,
			allowRestart: false,
			lists: campaign.lists.map((id) => ({ id, name: segments.get(id)?.name ?? null })),
			forms: campaign.forms.map((id) => ({ id })),
			events: campaign.events.map((e) => {
				const { parentId, tempId: _tempId, ...rest } = e;
				const children = campaign.events.filter((other) => other.parentId === e.id).map((other) => ({ id: other.id, name: other.name ?? null }));
				return { ...rest, parent: parentId === null ? null : { id: parentId }, children };
			}),
			canvasSettings: campaign.canvasSettings,
		};
	}

	/** POST /campaigns/new (mautic.md §6 and CampaignModel::setEvents). */
	function createCampaignFromApi(body: unknown): StoredCampaign {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MauticHttpError(400, 'Request body must be an object.');
		const b = body as Record<string, unknown>;
		const events = Array.isArray(b.events) ? (b.events as Array<Record<string, unknown>>) : [];
		const lists = Array.isArray(b.lists) ? (b.lists as Array<{ id: unknown }>).map((l) => Number(l.id)) : [];
		const forms = Array.isArray(b.forms) ? (b.forms as Array<{ id: unknown }>).map((f) => Number(f.id)) : [];
		// mautic/mautic 5.1.0 CampaignApiController::preSaveEntity: POST/PUT without events, or without
		// lists and forms, is a 400 with the validators.ini message (returnError: details [], type null).
		if (typeof b.name !== 'string' || b.name.trim() === '') throw new MauticHttpError(400, 'name: A name is required.', null, { name: ['A name is required.'] });
		if (events.length === 0) throw new MauticHttpError(400, 'At least one event is required. Use the Launch Campaign Builder button to add one.');
		if (lists.length === 0 && forms.length === 0) throw new MauticHttpError(400, 'At least one contact source is required. Use the Launch Campaign Builder button to add one.');
		const campaign: StoredCampaign = {
			id: ++ids.campaign,
			name: String(b.name),
			description: typeof b.description === 'string' ? b.description : null,
			// mautic/mautic 5.1.0 FetchCommonApiController::getEntityDefaultProperties merges the entity's
			// defaults (FormEntity $isPublished = true) into the request before the form is submitted, so a
			// campaign created without isPublished is published (the functional test triggers its events).
			isPublished: b.isPublished === undefined ? true : b.isPublished === true || b.isPublished === 1 || b.isPublished === '1',
			lists,
			forms,
			events: [],
			canvasSettings: null,
			members: new Map(),
		};
		// mautic/mautic 5.1.0 CampaignApiController::preSaveEntity builds events only when both `events` and
		// `canvasSettings` are sent; CampaignModel::setEvents skips `id` and `parent` (a temp id starting
		// with `new` becomes tempId) and takes parents from canvasSettings.connections (a `leadsource`
		// anchor or a lists/forms source means a root event); setCanvasSettings swaps temp ids for real ids.
		const canvas = b.canvasSettings as { nodes?: Array<Record<string, unknown>>; connections?: Array<{ sourceId: string; targetId: string }> } | undefined;
		if (canvas && Array.isArray(canvas.connections)) {
			const idMap = new Map<string, number>();
			for (const event of events) {
				const tempId = String(event.id ?? '');
				if (!tempId.startsWith('new')) continue;
				idMap.set(tempId, ++ids.event);
			}
			const parentOf = new Map<string, { source: string; anchor: string | undefined }>();
			for (const c of canvas.connections as Array<{ sourceId: string; targetId: string; anchors?: { source?: string } }>) {
				if (c.sourceId === 'lists' || c.sourceId === 'forms' || c.anchors?.source === 'leadsource') continue;
				parentOf.set(c.targetId, { source: c.sourceId, anchor: c.anchors?.source });
			}
			for (const event of events) {
				const tempId = String(event.id ?? '');
				const id = idMap.get(tempId);
				if (id === undefined) continue;
				const parent = parentOf.get(tempId);
				const parentId = parent !== undefined ? (idMap.get(parent.source) ?? null) : null;
				// Only what Event has a setter for is kept (`set`.ucfirst(key)); decisionPath comes from the
				// connection's yes/no anchor.
				const stored: Record<string, unknown> & { id: number; parentId: number | null } = { id, tempId, parentId };
				for (const key of EVENT_SETTERS) if (event[key] !== undefined) stored[key] = event[key];
				stored.decisionPath = parent && (parent.anchor === 'yes' || parent.anchor === 'no') ? parent.anchor : null;
				campaign.events.push(stored);
			}
			campaign.events.sort((x, y) => Number(x.order ?? 0) - Number(y.order ?? 0));
			const rename = (value: string) => (idMap.has(value) ? String(idMap.get(value)) : value);
			campaign.canvasSettings = {
				nodes: (canvas.nodes ?? []).map((n) => ({ ...n, id: rename(String(n.id)) })),
				connections: canvas.connections.map((c) => ({ ...c, sourceId: rename(c.sourceId), targetId: rename(c.targetId) })),
			};
		}
		campaigns.set(campaign.id, campaign);
		return campaign;
	}

	function getCampaign(id: string): StoredCampaign {
		const campaign = campaigns.get(Number(id));
		if (!campaign) throw new MauticHttpError(404, NOT_FOUND);
		return campaign;
	}

	function getSegment(id: string): StoredSegment {
		const segment = segments.get(Number(id));
		if (!segment) throw new MauticHttpError(404, NOT_FOUND);
		return segment;
	}

	function serialiseSegment(segment: StoredSegment): Record<string, unknown> {
		return { id: segment.id, name: segment.name, alias: segment.alias, isPublished: segment.isPublished };
	}

	// ---- the lists behind the editor's dropdowns (issue 16) ------------------------------------
	// Read at mautic/mautic commit 24271492a838 (5.x, 5.1.0), all under app/bundles/.

	type CatalogKind = 'emails' | 'smses' | 'campaigns' | 'segments';

	/**
	 * The columns of each repository's catch-all search (addCatchAllWhereClause): EmailRepository name,
	 * subject; SmsRepository has none of its own, so CommonRepository's (the entity's `name`);
	 * CampaignRepository name, description; LeadListRepository name, alias.
	 */
	const CATALOG_SEARCH: Record<CatalogKind, string[]> = {
		emails: ['name', 'subject'],
		smses: ['name'],
		campaigns: ['name', 'description'],
		segments: ['name', 'alias'],
	};

	/**
	 * A row in the entity's List serializer group, which `minimal=1` selects: Email/Sms/Campaign/LeadList
	 * ::loadApiMetadata addListProperties (id, name; email subject, language, category; sms message;
	 * campaign description; segment publicName, alias, description) plus FormEntity's publishDetails
	 * list properties (isPublished). SmsApiController sets no serializer groups, so its rows are whole
	 * either way; without `minimal` the other lists answer their Details groups (the single-entity shapes).
	 */
	function catalogRow(kind: CatalogKind, id: number, minimal: boolean): Record<string, unknown> {
		switch (kind) {
			case 'emails': {
				const email = emails.get(id) as StoredEmail;
				return minimal ? { id, name: email.name, subject: email.subject, language: 'en', category: null, isPublished: email.isPublished } : serialiseEmail(email);
			}
			case 'smses': {
				const sms = smses.get(id) as StoredSms;
				return { id, name: sms.name, message: sms.message, language: 'en', category: null, isPublished: sms.isPublished, smsType: sms.smsType, sentCount: sms.sentCount };
			}
			case 'campaigns': {
				const campaign = campaigns.get(id) as StoredCampaign;
				return minimal ? { id, name: campaign.name, category: null, description: campaign.description, isPublished: campaign.isPublished } : serialiseCampaign(campaign);
			}
			case 'segments': {
				const segment = segments.get(id) as StoredSegment;
				return { id, name: segment.name, publicName: segment.name, alias: segment.alias, description: null, category: null, isPublished: segment.isPublished };
			}
		}
	}

	/**
	 * CoreBundle/Helper/SearchStringHelper::parseSearchString splits the search on spaces (a "quoted
	 * phrase" stays one term) and CommonRepository::parseSearchFilters ANDs the terms; a plain term is
	 * addStandardCatchAllWhereClause: a LIKE '%term%' on the columns (ORed), the term used as given when
	 * it holds a `%` itself; MySQL's default collation compares case-insensitively. Of the search
	 * commands, addStandardSearchCommandWhereClause's is:published / is:unpublished are modelled.
	 */
	function matchesCatalogSearch(row: Record<string, unknown>, columns: string[], search: string): boolean {
		const terms = [...search.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).filter((t) => t !== '' && !/^(and|or)$/i.test(t));
		return terms.every((term) => {
			const lower = term.toLowerCase();
			if (lower === 'is:published') return row.isPublished === true;
			if (lower === 'is:unpublished') return row.isPublished !== true;
			const pattern = term.includes('%') ? term : `%${term}%`;
			const regex = new RegExp(`^${pattern.split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\_]/g, (c) => (c === '_' ? '.' : `\\${c}`))).join('.*')}$`, 'is');
			return columns.some((column) => regex.test(String(row[column] ?? '')));
		});
	}

	/**
	 * GET /emails, /smses, /campaigns, /segments: ApiBundle/Controller/FetchCommonApiController::
	 * getEntitiesAction — `published` adds isPublished = true to the forced filters; `minimal` swaps
	 * serializerGroups[0] "…Details" for "…List"; start (0) and limit (default_pagelimit) go to
	 * CommonRepository::buildLimiterClauses (no limit, i.e. 0 or empty, means every row); `orderBy` is
	 * comma-separated columns, each prefixed with the table alias (addAliasIfNotPresent) and ordered in
	 * the one `orderByDir` (buildOrderByClause); without it the repository's getDefaultOrder: name ASC for
	 * emails, text messages and segments, none for campaigns (database order, here id). The answer is
	 * `{total, <emails|smses|campaigns|lists>}` with `total` the Paginator's count (an int) and the list
	 * keyed by id: Email/Sms/Campaign repositories select `from(…, alias, alias.id)`, as does
	 * CommonRepository::getEntities for LeadList (ListApiController names the key `lists`), and
	 * EntityResultHelper::getArray keeps the keys. EmailApiController::getEntitiesAction lists only
	 * parent emails (variantParent IS NULL; this fake has no A/B variants). Deleted campaigns are left out
	 * (CampaignRepository::getEntities: deleted IS NULL; this fake removes them).
	 */
	function listCatalog(kind: CatalogKind, query: Record<string, unknown>): Answer {
		const ids = kind === 'emails' ? [...emails.keys()] : kind === 'smses' ? [...smses.keys()] : kind === 'campaigns' ? [...campaigns.keys()] : [...segments.keys()];
		const { start, limit } = pageParams(query, defaultPageLimit);
		const truthyParam = (v: unknown) => v !== undefined && v !== '' && v !== '0' && v !== 0 && v !== 'false';
		const minimal = truthyParam(query.minimal);
		const search = typeof query.search === 'string' ? query.search : '';
		const full = ids.map((id) => catalogRow(kind, id, false));
		let rows = full.filter((row) => (!truthyParam(query.published) || row.isPublished === true) && matchesCatalogSearch(row, CATALOG_SEARCH[kind], search));
		const orderBy = typeof query.orderBy === 'string' && query.orderBy.trim() !== '' ? query.orderBy.split(',').map((c) => c.trim().replace(/^[a-z]+\./, '')) : kind === 'campaigns' ? ['id'] : ['name'];
		const desc = String(query.orderByDir ?? 'ASC').toUpperCase() === 'DESC';
		const collate = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
		rows = [...rows].sort((a, b) => {
			for (const column of orderBy) {
				const c = compare(collate(a[column]), collate(b[column]));
				if (c !== 0) return desc ? -c : c;
			}
			return 0;
		});
		const page = limit === 0 ? rows.slice(start) : rows.slice(start, start + limit);
		const key = kind === 'segments' ? 'lists' : kind;
		return { status: 200, body: { total: rows.length, [key]: new Keyed(page.map((row) => [Number(row.id), catalogRow(kind, Number(row.id), minimal)])) } };
	}

	// ---- auth ----------------------------------------------------------------------------------

	/**
	 * An OAuth2 refusal after mautic/mautic 5.1.0 ApiSubscriber::onKernelResponse rewrote the server's
	 * `{error, error_description}` for /oauth and /api requests into `{errors:[{message, code, type}]}`
	 * (no `details`); ApiBundle/Tests/Functional/Oauth2Test.php asserts these exact bodies. Same
	 * rewrite in 4.4.0.
	 */
	function oauthError(status: number, type: string, message: string): Answer {
		return { status, body: { errors: [{ message, code: status, type }] } };
	}

	function issueToken(body: Record<string, unknown>): Answer {
		const grant = String(body.grant_type ?? '');
		if (grant !== 'client_credentials') {
			return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type parameter or parameter missing');
		}
		if (body.client_id !== clientId || body.client_secret !== clientSecret) {
			return oauthError(400, 'invalid_client', 'The client credentials are invalid');
		}
		tokensIssued += 1;
		const token = `tok${tokensIssued}_${Buffer.from(`${clientId}:${tokensIssued}`).toString('hex')}`;
		tokens.set(token, clock + tokenLifetimeMs);
		return { status: 200, body: { access_token: token, expires_in: tokenLifetimeMs / 1000, token_type: 'bearer', scope: null } };
	}

	/**
	 * Returns an error answer when the request may not reach the API, undefined when it may.
	 * mautic/mautic 5.1.0 ApiSubscriber::onKernelRequest: API disabled → 403 api_disabled; Basic auth
	 * while api_enable_basic_auth is off → 403 access_denied; onKernelResponse rewrites the security
	 * layer's `access_denied` into errors[{message, code, type: access_denied}] (wrong Basic credentials)
	 * and OAuth errors as in `oauthError`.
	 */
	function authenticate(headers: http.IncomingHttpHeaders): Answer | undefined {
		const header = headers.authorization ?? '';
		const [scheme, value = ''] = header.split(' ');
		if (scheme.toLowerCase() === 'basic') {
			if (!settings.basicAuthEnabled) {
				return { status: 403, body: errorBody(403, "Basic Auth disabled. Enable it in the API settings of Mautic's Configuration.", 'access_denied') };
			}
			if (Buffer.from(value, 'base64').toString('utf8') === `${username}:${password}`) return undefined;
			return { status: 401, body: errorBody(401, 'API authorization denied.', 'access_denied') };
		}
		if (scheme.toLowerCase() === 'bearer') {
			const expiresAt = tokens.get(value);
			if (expiresAt === undefined) return oauthError(401, 'invalid_grant', 'The access token provided is invalid.');
			if (clock >= expiresAt) return oauthError(401, 'invalid_grant', 'The access token provided has expired.');
			return undefined;
		}
		return { status: 401, body: errorBody(401, 'API authorization denied.', 'access_denied') };
	}

	// ---- routing -------------------------------------------------------------------------------

	async function route(method: string, segs: string[], query: Record<string, unknown>, body: unknown, auth: 'basic' | 'bearer'): Promise<Answer> {
		const [a, b, c, d, e] = segs;
		const post = method === 'POST';
		const ok = (payload: unknown, status = 200): Answer => ({ status, body: payload });
		const bodyObject = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;

		// mautic/mautic 5.1.0 UserApiController::getSelfAction serialises the token's user as it is.
		// With a client_credentials token there is no user: AuthenticationListener::assignRoleFromToken
		// builds a pseudo `new User()` without id, first name = the client's name, last name = "[<client
		// id>]", username = that full name, role = the client's role (same in 4.4.0).
		if (a === 'users' && b === 'self' && segs.length === 2 && method === 'GET') {
			if (auth === 'bearer') {
				const name = `n8n lead-to-close [${clientId.split('_')[0]}]`;
				return ok({ username: name, firstName: 'n8n lead-to-close', lastName: `[${clientId.split('_')[0]}]`, email: null, role: { id: 1, name: 'Administrator', isAdmin: true } });
			}
			return ok({ id: 1, username, email: 'api@example.com', firstName: 'API', lastName: 'User', role: { id: 1, name: 'Administrator', isAdmin: true } });
		}

		if (a === 'contacts') {
			if (segs.length === 1 && method === 'GET') return listContacts(query);
			// mautic/mautic 5.1.0 CommonApiController::newEntityAction → LeadApiController::getNewEntity
			// (checkForDuplicateContact by the unique identifier, email) → processForm: 200 when the
			// contact existed, 201 when new; LeadApiController::preSaveEntity → setCustomFieldValues with
			// overwriteWithBlank false for POST/PATCH (blank values leave a field alone).
			if (b === 'new' && segs.length === 2 && post) {
				const { contact, status } = upsert(body);
				return ok({ contact: serialiseContact(contact) }, status);
			}
			if (b === 'batch' && c === 'new' && segs.length === 3 && post) return batchNew(body);
			if (b !== undefined && /^\d+$/.test(b)) {
				if (segs.length === 2 && method === 'GET') return ok({ contact: serialiseContact(getContact(b)) });
				// mautic/mautic 5.1.0 CommonApiController::editEntityAction: PATCH on a missing id is 404;
				// PUT on a missing id creates the contact (201); PUT's overwriteWithBlank defaults to true.
				// Tags in the body go through LeadModel::modifyTags (`-tag` removes, others are added).
				if (c === 'edit' && segs.length === 3 && method === 'PATCH') {
					const contact = getContact(b);
					applyBody(contact, bodyObject, bodyObject.overwriteWithBlank === true, true);
					return ok({ contact: serialiseContact(contact) });
				}
				if (c === 'edit' && segs.length === 3 && method === 'PUT') {
					// PUT creates when the id does not exist, and overwriteWithBlank defaults to true.
					const existing = contacts.get(Number(b));
					const contact = existing ?? newContact();
					applyBody(contact, bodyObject, bodyObject.overwriteWithBlank !== false);
					return ok({ contact: serialiseContact(contact) }, existing ? 200 : 201);
				}
				if (c === 'delete' && segs.length === 3 && method === 'DELETE') {
					const contact = getContact(b);
					contacts.delete(contact.id);
					return ok({ contact: serialiseContact(contact) });
				}
				// mautic/mautic 5.1.0 PointApiController::adjustPointsAction (route
				// /contacts/{leadId}/points/{operator}/{delta}): checkLeadAccess, Lead::adjustPoints, 200 {success: 1}.
				if (c === 'points' && segs.length === 5 && post) {
					const contact = getContact(b);
					adjustPoints(contact, d, Number(e));
					return ok({ success: 1 });
				}
				// mautic/mautic 5.1.0 LeadApiController::addDncAction: reason defaults to 3 (manual), 0 is a
				// 400 "Invalid reason code given", answers {contact}; removeDncAction answers {recordFound, contact}.
				if (c === 'dnc' && segs.length === 5 && post) {
					const contact = getContact(b);
					const channel = d as Channel;
					if (!['email', 'sms', 'notification'].includes(channel)) throw new MauticHttpError(400, `Unknown channel ${channel}`);
					if (e === 'add') {
						const reason = bodyObject.reason === undefined ? 3 : Number(bodyObject.reason);
						if (![1, 2, 3].includes(reason)) throw new MauticHttpError(400, 'Invalid reason code given');
						addDnc(contact, channel, reason, typeof bodyObject.comments === 'string' ? bodyObject.comments : null, bodyObject.channelId === undefined ? null : Number(bodyObject.channelId));
						return ok({ contact: serialiseContact(contact) });
					}
					if (e === 'remove') {
						const before = contact.doNotContact.length;
						contact.doNotContact = contact.doNotContact.filter((row) => row.channel !== channel);
						return ok({ recordFound: contact.doNotContact.length !== before, contact: serialiseContact(contact) });
					}
				}
				if (c === 'activity' && segs.length === 3 && method === 'GET') return activityPage(getContact(b), query);
				if (c === 'segments' && segs.length === 3 && method === 'GET') {
					const contact = getContact(b);
					const lists = [...segments.values()].filter((s) => s.members.has(contact.id));
					return ok({ total: lists.length, lists: new Keyed(lists.map((s) => [s.id, serialiseSegment(s)])) });
				}
				if (c === 'campaigns' && segs.length === 3 && method === 'GET') {
					const contact = getContact(b);
					const list = [...campaigns.values()].filter((cp) => cp.members.get(contact.id) === false);
					return ok({ total: list.length, campaigns: new Keyed(list.map((cp) => [cp.id, { id: cp.id, name: cp.name }])) });
				}
			}
		}

		if (a === 'emails') {
			// Used by tests only (email creation), not by the connector.
			if (b === 'new' && segs.length === 2 && post) {
				const details: Record<string, string[]> = {};
				if (typeof bodyObject.name !== 'string' || bodyObject.name === '') details.name = ['A name is required.'];
				if (typeof bodyObject.subject !== 'string' || bodyObject.subject === '') details.subject = ['A subject is required.'];
				else if (bodyObject.subject.length > 190) details.subject = ['This value is too long. It should have 190 characters or less.'];
				const type = bodyObject.emailType === 'list' ? 'list' : 'template';
				const lists = Array.isArray(bodyObject.lists) ? bodyObject.lists.map((l) => Number(typeof l === 'object' && l ? (l as { id: unknown }).id : l)) : [];
				if (type === 'list' && lists.length === 0) details.lists = ['At least one segment is required.'];
				if (Object.keys(details).length > 0) {
					throw new MauticHttpError(400, Object.entries(details).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; '), null, details);
				}
				const email = state.createEmail({ name: String(bodyObject.name), subject: String(bodyObject.subject), emailType: type, isPublished: bodyObject.isPublished !== false, lists });
				return ok({ email: serialiseEmail(email) }, 201);
			}
			if (b !== undefined && /^\d+$/.test(b)) {
				// mautic/mautic 5.1.0 EmailApiController (standard entity GET /emails/{id}): {email} with the
				// counters sentCount, readCount, variantSentCount, variantReadCount (Email::loadApiMetadata).
				if (segs.length === 2 && method === 'GET') {
					const email = emails.get(Number(b));
					if (!email) throw new MauticHttpError(404, NOT_FOUND);
					return ok({ email: serialiseEmail(email) });
				}
				if (c === 'contact' && e === 'send' && segs.length === 5 && post) return sendEmailToContact(b, d, body);
				if (c === 'send' && segs.length === 3 && post) return sendSegmentEmail(b, body);
			}
		}

		if (a === 'smses') {
			if (b === 'new' && segs.length === 2 && post) {
				if (typeof bodyObject.name !== 'string' || typeof bodyObject.message !== 'string') {
					throw new MauticHttpError(400, 'name: A name is required.; message: A message is required.', null, { name: ['A name is required.'], message: ['A message is required.'] });
				}
				const sms = state.createSms({ name: bodyObject.name, message: bodyObject.message, isPublished: bodyObject.isPublished === true });
				return ok({ sms: { ...sms } }, 201);
			}
			// The route has no method restriction (the docs use GET).
			if (b !== undefined && /^\d+$/.test(b) && c === 'contact' && e === 'send' && segs.length === 5) return sendSms(b, d);
		}

		if (a === 'campaigns') {
			if (b === 'new' && segs.length === 2 && post) return ok({ campaign: serialiseCampaign(createCampaignFromApi(body)) }, 201);
			if (b === 'clone' && segs.length === 3 && post) {
				// mautic/mautic 5.1.0 (24271492) CampaignApiController::cloneCampaignAction: `clone $original`,
				// saveEntity, HTTP 200. Campaign::__clone empties leads, events, lists and forms;
				// FormEntity::__clone unpublishes. canvasSettings (a plain array column) is kept, so it still
				// names the original's events. Same code in 4.4.0 to 5.1.1.
				const source = getCampaign(c);
				const copy: StoredCampaign = {
					...source,
					id: ++ids.campaign,
					isPublished: false,
					events: [],
					lists: [],
					forms: [],
					canvasSettings: structuredClone(source.canvasSettings),
					members: new Map(),
				};
				campaigns.set(copy.id, copy);
				return ok({ campaign: serialiseCampaign(copy) }, 200);
			}
			if (b === 'events' && c === 'contact' && segs.length === 4 && method === 'GET') {
				getContact(d);
				return ok({ total: 0, events: [] });
			}
			if (b !== undefined && /^\d+$/.test(b)) {
				if (segs.length === 2 && method === 'GET') return ok({ campaign: serialiseCampaign(getCampaign(b)) });
				// mautic/mautic 5.1.0 CoreSubscriber standard_entity route DELETE /{id}/delete →
				// CommonApiController::deleteEntityAction: 200 with the entity; CampaignModel::deleteEntity
				// marks it deleted (it is no longer found).
				if (c === 'delete' && segs.length === 3 && method === 'DELETE') {
					const campaign = getCampaign(b);
					campaigns.delete(campaign.id);
					return ok({ campaign: serialiseCampaign(campaign) });
				}
				// mautic/mautic 5.1.0 CampaignApiController::addLeadAction/removeLeadAction: 404 for a missing
				// campaign or contact, MembershipManager add/remove (remove flags manually_removed), 200 {success: 1}.
				if (c === 'contact' && segs.length === 5 && post && (e === 'add' || e === 'remove')) {
					const campaign = getCampaign(b);
					const contact = getContact(d);
					campaign.members.set(contact.id, e === 'remove');
					return ok({ success: 1 });
				}
				// mautic/mautic 5.1.0 CampaignApiController::getContactsAction forwards to the stats list of
				// campaign_leads with manually_removed = 0 (this fake lists every membership row).
				if (c === 'contacts' && segs.length === 3 && method === 'GET') {
					const campaign = getCampaign(b);
					const rows = [...campaign.members.entries()].map(([leadId, removed]) => ({ lead_id: String(leadId), manually_removed: removed ? '1' : '0', manually_added: '1' }));
					return ok({ total: String(rows.length), contacts: rows });
				}
			}
		}

		// Standard entity lists (FetchCommonApiController::getEntitiesAction): see listCatalog.
		if ((a === 'emails' || a === 'smses' || a === 'campaigns' || a === 'segments') && segs.length === 1 && method === 'GET') return listCatalog(a, query);

		if (a === 'segments') {
			if (b === 'new' && segs.length === 2 && post) {
				if (typeof bodyObject.name !== 'string' || bodyObject.name === '') throw new MauticHttpError(400, 'name: A name is required.', null, { name: ['A name is required.'] });
				const segment = state.createSegment({ name: bodyObject.name, alias: typeof bodyObject.alias === 'string' ? bodyObject.alias : undefined });
				return ok({ list: serialiseSegment(segment) }, 201);
			}
			if (b !== undefined && /^\d+$/.test(b)) {
				if (segs.length === 2 && method === 'GET') return ok({ list: serialiseSegment(getSegment(b)) });
				// mautic/mautic 5.1.0 ListApiController::addLeadAction/removeLeadAction: 404 for a missing
				// segment, checkLeadAccess for the contact, 200 {success: 1}.
				if (c === 'contact' && segs.length === 5 && post && (e === 'add' || e === 'remove')) {
					const segment = getSegment(b);
					const contact = getContact(d);
					if (e === 'add') segment.members.add(contact.id);
					else segment.members.delete(contact.id);
					return ok({ success: 1 });
				}
				// mautic/mautic 5.1.0 ListApiController::addLeadsAction: 400 without `ids`; per id,
				// checkLeadAccess(id, 'edit') (404 or 403 for a contact that is missing or not the user's
				// to edit) → `{success: false}`, else added; always 200 `{success: 1, details: {id: {success}}}`.
				if (c === 'contacts' && d === 'add' && segs.length === 4 && post) {
					if (!Array.isArray(bodyObject.ids)) throw new MauticHttpError(400, 'This is a bad request.');
					const segment = getSegment(b);
					const idsIn = bodyObject.ids.map(Number);
					const detailsOut: Array<[number, unknown]> = [];
					for (const id of idsIn) {
						const exists = contacts.has(id);
						if (exists) segment.members.add(id);
						detailsOut.push([id, { success: exists }]);
					}
					return ok({ success: 1, details: new Keyed(detailsOut) });
				}
			}
		}

		if (a === 'stats') {
			if (segs.length === 1 && method === 'GET') {
				return ok({
					availableTables: Object.keys(stats),
					tableColumns: Object.fromEntries(Object.entries(stats).map(([t, rows]) => [t, rows[0] ? Object.keys(rows[0]) : []])),
				});
			}
			if (segs.length === 2 && method === 'GET') return statsPage(b, query);
		}

		throw new MauticHttpError(404, 'Requested URL not found: /api/' + segs.join('/'));
	}

	function takeFault(method: string, path: string) {
		return takeSharedFault(faults, method, path);
	}

	/** The noxlogic rate limiter's refusal (see the limiter in the request handler). */
	function rateLimited(limit: number, resetAt: number): Answer {
		return {
			status: 429,
			raw: `{ "errors": [ { "code": 429, "message": "You exceeded the rate limit of ${limit} API calls per hour.", "details": [] } ]}`,
			headers: { 'Content-Type': 'text/html; charset=UTF-8', 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) },
		};
	}

	function faultAnswer(spec: FaultSpec): Answer {
		switch (spec.kind) {
			case 'rate-limit':
				return rateLimited(100, Math.floor(clock / 1000) + 3600);
			case 'html-502':
				return {
					status: 502,
					raw: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n',
					headers: { 'Content-Type': 'text/html' },
				};
			case 'unavailable':
				return { status: 503, body: errorBody(503, 'Service temporarily unavailable.') };
			case 'errors-200':
				return { status: 200, body: errorBody(500, 'An unexpected error occurred while saving.', 'unexpected_error') };
			case 'reset':
				return { status: 0 };
		}
	}

	/** mautic/mautic 5.1.0 FetchCommonApiController::view adds the Mautic-Version header to API answers. */
	function send(res: http.ServerResponse, answer: Answer): void {
		const headers: Record<string, string> = { 'Mautic-Version': '5.1.0', ...answer.headers };
		const payload = answer.raw ?? toJson(answer.body ?? {});
		if (!headers['Content-Type']) headers['Content-Type'] = 'application/json';
		res.writeHead(answer.status, headers);
		res.end(payload);
	}

	let delayMs = options.delayMs ?? 0;
	const server = http.createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = decodeURIComponent(url.pathname.replace(/\/+$/, '')) || '/';
			const method = (req.method ?? 'GET').toUpperCase();
			const body = await readBody(req);
			const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers: req.headers, body, status: 0 };
			requests.push(record);
			const answerWith = (answer: Answer) => {
				record.status = answer.status;
				send(res, answer);
			};

			const spec = takeFault(method, path);
			if (spec) {
				record.fault = spec.kind;
				if (spec.kind === 'reset') {
					req.socket.destroy();
					return;
				}
				answerWith(faultAnswer(spec));
				return;
			}
			if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

			const isApi = path.startsWith('/api/');
			const isOauth = path.startsWith('/oauth/v2/');
			if (!isApi && !isOauth) {
				answerWith({ status: 404, raw: '<!DOCTYPE html><html><head><title>404 Not Found | Mautic</title></head><body>Not found</body></html>', headers: { 'Content-Type': 'text/html; charset=UTF-8' } });
				return;
			}
			if (!settings.apiEnabled) {
				answerWith({
					status: 403,
					body: errorBody(403, "API disabled. You need to enable the API in the API settings of Mautic's Configuration.", 'api_disabled'),
				});
				return;
			}
			if (isOauth) {
				if (path === '/oauth/v2/token' && (method === 'POST' || method === 'GET')) {
					const params = method === 'GET' ? Object.fromEntries(url.searchParams) : ((body ?? {}) as Record<string, unknown>);
					answerWith(issueToken(params));
					return;
				}
				answerWith({ status: 404, body: errorBody(404, NOT_FOUND) });
				return;
			}
			const refusal = authenticate(req.headers);
			if (refusal) {
				answerWith(refusal);
				return;
			}
			// mautic/mautic 5.1.0 app/config/config.php: noxlogic_rate_limit on path /api, `limit` =
			// api_rate_limiter_limit per `period` 3600 s, display_headers. The bundle's
			// RateLimitAnnotationListener counts the call, resets the window once its reset time has
			// passed, and over the limit answers `new Response(rate_response_message, 429)` (JSON text,
			// no JSON content type, no Retry-After); HeaderModificationListener adds X-RateLimit-Limit,
			// -Remaining and -Reset (a Unix time) to every limited response.
			let limitHeaders: Record<string, string> = {};
			if (settings.rateLimitPerHour > 0) {
				const nowSeconds = Math.floor(clock / 1000);
				if (rateWindowReset === undefined || nowSeconds >= rateWindowReset) {
					rateWindowReset = nowSeconds + 3600;
					apiCalls = 0;
				}
				apiCalls += 1;
				if (apiCalls > settings.rateLimitPerHour) {
					answerWith(rateLimited(settings.rateLimitPerHour, rateWindowReset));
					return;
				}
				limitHeaders = {
					'X-RateLimit-Limit': String(settings.rateLimitPerHour),
					'X-RateLimit-Remaining': String(Math.max(0, settings.rateLimitPerHour - apiCalls)),
					'X-RateLimit-Reset': String(rateWindowReset),
				};
			}
			try {
				const segs = path.split('/').slice(2);
				const scheme = (req.headers.authorization ?? '').split(' ')[0].toLowerCase() === 'bearer' ? 'bearer' : 'basic';
				const answer = await route(method, segs, phpQuery(url.searchParams), body, scheme);
				answerWith({ ...answer, headers: { ...limitHeaders, ...answer.headers } });
			} catch (error) {
				const e = error instanceof MauticHttpError ? error : new MauticHttpError(500, `Internal error: ${String(error)}`);
				answerWith({ status: e.status, body: errorBody(e.status, e.message, e.type, e.details), headers: limitHeaders });
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const state: MauticState = {
		settings,
		now: () => clock,
		advance: (ms) => {
			clock += ms;
		},
		expireTokens: () => {
			for (const token of tokens.keys()) tokens.set(token, clock);
		},
		tokensIssued: () => tokensIssued,
		seedContact: (fields, extra = {}) => {
			const contact = newContact();
			applyBody(contact, { ...fields, ...(extra.tags && { tags: extra.tags }) }, false);
			contact.points = extra.points ?? 0;
			for (const entry of extra.dnc ?? []) addDnc(contact, entry.channel, entry.reason ?? 3, entry.comments ?? null, null);
			return contact;
		},
		contact: (id) => contacts.get(id),
		contacts: () => [...contacts.values()],
		createEmail: (input) => {
			const email: StoredEmail = {
				id: ++ids.email,
				name: input.name,
				subject: input.subject,
				emailType: input.emailType ?? 'template',
				isPublished: input.isPublished ?? true,
				lists: input.lists ?? [],
				customHtml: null,
				sentCount: 0,
				readCount: 0,
			};
			emails.set(email.id, email);
			return email;
		},
		email: (id) => emails.get(id),
		createSms: (input) => {
			const sms: StoredSms = { id: ++ids.sms, name: input.name, message: input.message, smsType: 'template', isPublished: input.isPublished ?? true, sentCount: 0 };
			smses.set(sms.id, sms);
			return sms;
		},
		createSegment: (input) => {
			const segment: StoredSegment = {
				id: ++ids.segment,
				name: input.name,
				alias: input.alias ?? input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
				isPublished: input.isPublished ?? true,
				members: new Set(),
			};
			segments.set(segment.id, segment);
			return segment;
		},
		segment: (id) => segments.get(id),
		createCampaign: (input) => {
			const campaign: StoredCampaign = {
				id: ++ids.campaign,
				name: input.name,
				description: input.description ?? null,
				isPublished: input.isPublished ?? true,
				lists: input.lists ?? [],
				forms: [],
				events: [],
				canvasSettings: null,
				members: new Map(),
			};
			campaigns.set(campaign.id, campaign);
			return campaign;
		},
		campaign: (id) => campaigns.get(id),
		addActivity,
		recordPageVisit: (contactId, visit) =>
			addActivity(contactId, {
				event: 'page.hit',
				timestamp: visit.timestamp,
				label: visit.title ?? visit.url,
				details: { hit: pageHit(contactId, { url: visit.url, urlTitle: visit.title ?? null, timestamp: visit.timestamp ?? isoStamp(tick()), source: null, sourceId: null }) },
			}),
		recordClick: (contactId, emailId, click) =>
			addActivity(contactId, {
				event: 'page.hit',
				timestamp: click.timestamp,
				label: click.url,
				details: { hit: pageHit(contactId, { url: click.url, urlTitle: null, timestamp: click.timestamp ?? isoStamp(tick()), source: 'email', sourceId: emailId }) },
			}),
		recordOpen: (contactId, emailId) => {
			const stat = [...stats.email_stats].reverse().find((s) => s.lead_id === contactId && s.email_id === emailId);
			if (!stat) throw new Error(`no send of email ${emailId} to contact ${contactId}`);
			const at = tick();
			stat.is_read = 1;
			stat.open_count = Number(stat.open_count) + 1;
			stat.date_read = stat.date_read ?? dbStamp(at);
			stat.last_opened = dbStamp(at);
			const email = emails.get(emailId);
			if (email && stat.open_count === 1) email.readCount += 1;
			addActivity(contactId, { event: 'email.read', timestamp: isoStamp(at), label: email?.name, details: emailEventDetails(stat, email, 'read') });
		},
		statsRows: (table) => stats[table] ?? [],
	};

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		sent,
		state,
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		setDelay: (ms) => {
			delayMs = ms;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The credentials the server accepts by default. */
export const MAUTIC_DEFAULTS = {
	username: 'api-user',
	password: 'api-password',
	clientId: '1_client-id-abc',
	clientSecret: 'client-secret-xyz',
} as const;
