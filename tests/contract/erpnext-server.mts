// A small in-memory Frappe/ERPNext stand-in on node:http, following ../../../shared/reference/erpnext.md
// (§1 auth, §2 v1 routes and list parameters, §3 error bodies and status codes, §4 Custom Field, §6
// Lead/Comment, §7 PDF). Used by the connector tests and by the real-n8n suite, so it is a plain
// HTTP server (no nock). It records every request it receives, so tests can count writes, and has a
// fault hook that makes the next N matching requests fail the way Frappe or its proxy does.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { takeFault as takeSharedFault } from './faultQueue.mts';

export type Doc = Record<string, unknown> & { name: string };

export interface RecordedRequest {
	method: string;
	/** Path with `/api/v1/` folded into `/api/`, percent-decoded, no query. */
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	/** Set when the request was answered by an injected fault (nothing was processed). */
	fault?: FaultKind;
}

export type FaultKind =
	| 'rate-limit' // 429 TooManyRequestsError + Retry-After (site rate limiter)
	| 'rate-limit-417' // 417 RateLimitExceededError (@rate_limit decorator)
	| 'deadlock' // 500 QueryDeadlockError
	| 'html-502' // 502 HTML page from the reverse proxy
	| 'maintenance' // 503 SessionStopped
	| 'reset'; // the socket is destroyed without an answer

export interface FaultSpec {
	kind: FaultKind;
	/** How many matching requests fail; default 1. */
	times?: number;
	/** Only requests with this method. */
	method?: string;
	/** Only requests whose path starts with this string (or matches this RegExp). */
	path?: string | RegExp;
	/** For `rate-limit`: the Retry-After seconds; default 1. */
	retryAfterSeconds?: number;
}

export interface ErpNextServerOptions {
	apiKey?: string;
	apiSecret?: string;
	/** The user the key belongs to (answer of frappe.auth.get_logged_user). */
	user?: string;
	/** Roles of that user; Custom Field writes need System Manager, Comment inserts System/Website Manager. */
	roles?: string[];
	/** System Settings allow_error_traceback for a system user: adds `exception`/`exc` to error bodies. */
	allowTraceback?: boolean;
	/** CRM Settings allow_lead_duplication_based_on_emails. */
	allowLeadDuplicateEmails?: boolean;
	port?: number;
}

export interface ErpNextState {
	readonly settings: Required<Omit<ErpNextServerOptions, 'port' | 'apiKey' | 'apiSecret'>>;
	/** Inserts rows as they are (no validation), filling name and timestamps; returns the stored docs. */
	seed(doctype: string, rows: Array<Record<string, unknown>>): Doc[];
	all(doctype: string): Doc[];
	get(doctype: string, name: string): Doc | undefined;
}

export interface ErpNextServer {
	url: string;
	requests: RecordedRequest[];
	state: ErpNextState;
	fault(spec: FaultSpec): void;
	/** Requests that could have changed data: POST/PUT/PATCH/DELETE that reached the handlers. */
	writes(): RecordedRequest[];
	stop(): Promise<void>;
}

const KNOWN_DOCTYPES = new Set([
	'Lead',
	'Opportunity',
	'Quotation',
	'Sales Order',
	'Customer',
	'Contact',
	'Prospect',
	'Item',
	'Item Price',
	'Price List',
	'Sales Stage',
	'Custom Field',
	'Property Setter',
	'Comment',
	'Communication',
	'ToDo',
	'Webhook',
]);

const SERIES: Record<string, string> = {
	Lead: 'CRM-LEAD-.YYYY.-',
	Opportunity: 'CRM-OPP-.YYYY.-',
	Quotation: 'SAL-QTN-.YYYY.-',
	'Sales Order': 'SAL-ORD-.YYYY.-',
	Webhook: 'HOOK-.####',
};

/** Standard Lead columns (so a Custom Field cannot reuse them). */
const LEAD_FIELDS = ['lead_name', 'first_name', 'last_name', 'company_name', 'email_id', 'status', 'source', 'notes'];

class FrappeError extends Error {
	constructor(
		readonly status: number,
		readonly excType: string,
		message: string,
		readonly title = 'Message',
	) {
		super(message);
	}
}

/** `_server_messages`: a JSON string of a list of JSON strings (double-encoded), as Frappe sends it. */
export function encodeServerMessages(messages: Array<{ message: string; title?: string; indicator?: string }>): string {
	return JSON.stringify(
		messages.map((m, i) =>
			JSON.stringify({
				message: m.message,
				title: m.title ?? 'Message',
				indicator: m.indicator ?? 'red',
				raise_exception: 1,
				__frappe_exc_id: `exc-${i}`,
			}),
		),
	);
}

function errorBody(error: FrappeError, allowTraceback: boolean): Record<string, unknown> {
	const body: Record<string, unknown> = { exc_type: error.excType };
	if (error.message) {
		body._server_messages = encodeServerMessages([{ message: error.message, title: error.title }]);
	}
	if (allowTraceback) {
		const line = `frappe.exceptions.${error.excType}: ${error.message.replace(/<[^>]*>/g, '')}`;
		body.exception = line;
		body.exc = JSON.stringify([`Traceback (most recent call last):\n  File "apps/frappe/frappe/app.py", line 114, in application\n${line}\n`]);
	}
	return body;
}

function htmlPage(title: string, message: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><div class="page-card"><h2>${title}</h2><p>${message}</p></div></body></html>`;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function frappeTimestamp(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad((ms % 1000) * 1000, 6)}`;
}

function parseJsonParam(value: string | undefined, what: string): unknown {
	if (value === undefined || value === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw new FrappeError(417, 'ValidationError', `Invalid JSON in ${what}`);
	}
}

type Condition = { field: string; op: string; value: unknown };

function toConditions(raw: unknown): Condition[] {
	if (raw === undefined || raw === null) return [];
	if (Array.isArray(raw)) {
		return raw.map((entry) => {
			if (!Array.isArray(entry)) throw new FrappeError(417, 'ValidationError', 'Filter must be a list');
			const parts = entry.length === 4 ? entry.slice(1) : entry;
			if (parts.length === 2) return { field: String(parts[0]), op: '=', value: parts[1] };
			return { field: String(parts[0]), op: String(parts[1]).toLowerCase(), value: parts[2] };
		});
	}
	if (typeof raw === 'object') {
		return Object.entries(raw as Record<string, unknown>).map(([field, value]) =>
			Array.isArray(value)
				? { field, op: String(value[0]).toLowerCase(), value: value[1] }
				: { field, op: '=', value },
		);
	}
	throw new FrappeError(417, 'ValidationError', 'Invalid filters');
}

function likeToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 'is');
}

function compare(a: unknown, b: unknown): number {
	const na = Number(a);
	const nb = Number(b);
	if (a !== '' && b !== '' && a !== null && b !== null && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	const sa = a === undefined || a === null ? '' : String(a);
	const sb = b === undefined || b === null ? '' : String(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function matches(doc: Doc, c: Condition): boolean {
	const v = doc[c.field];
	switch (c.op) {
		case '=':
			return compare(v, c.value) === 0;
		case '!=':
			return compare(v, c.value) !== 0;
		case '<':
			return compare(v, c.value) < 0;
		case '>':
			return compare(v, c.value) > 0;
		case '<=':
			return compare(v, c.value) <= 0;
		case '>=':
			return compare(v, c.value) >= 0;
		case 'like':
			return likeToRegExp(String(c.value)).test(String(v ?? ''));
		case 'not like':
			return !likeToRegExp(String(c.value)).test(String(v ?? ''));
		case 'in':
		case 'not in': {
			const list = Array.isArray(c.value) ? c.value : String(c.value).split(',').map((s) => s.trim());
			const found = list.some((x) => compare(v, x) === 0);
			return c.op === 'in' ? found : !found;
		}
		case 'is':
			return c.value === 'set' ? v !== undefined && v !== null && v !== '' : v === undefined || v === null || v === '';
		default:
			throw new FrappeError(417, 'ValidationError', `Operator must be one of =, !=, >, <, >=, <=, like, not like, in, not in, is (got ${c.op})`);
	}
}

function cleanField(field: string): string {
	return field.replace(/`/g, '').replace(/^tab[^.]*\./, '').trim();
}

function sortDocs(docs: Doc[], orderBy: string): Doc[] {
	const keys = orderBy
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [field, dir] = part.split(/\s+/);
			return { field: cleanField(field), desc: (dir ?? 'asc').toLowerCase() === 'desc' };
		});
	return [...docs].sort((a, b) => {
		for (const key of keys) {
			const c = compare(a[key.field], b[key.field]);
			if (c !== 0) return key.desc ? -c : c;
		}
		return 0;
	});
}

function pick(doc: Doc, fields: string[]): Record<string, unknown> {
	if (fields.includes('*')) {
		return Object.fromEntries(Object.entries(doc).filter(([, v]) => !Array.isArray(v)));
	}
	return Object.fromEntries(fields.map((f) => cleanField(f)).map((f) => [f, doc[f] ?? null]));
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	const type = req.headers['content-type'] ?? '';
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export async function startErpNextServer(options: ErpNextServerOptions = {}): Promise<ErpNextServer> {
	const apiKey = options.apiKey ?? 'test-api-key';
	const apiSecret = options.apiSecret ?? 'test-api-secret';
	const settings = {
		user: options.user ?? 'automation@example.com',
		roles: options.roles ?? ['System Manager', 'Sales User'],
		allowTraceback: options.allowTraceback ?? false,
		allowLeadDuplicateEmails: options.allowLeadDuplicateEmails ?? false,
	};
	const docs = new Map<string, Map<string, Doc>>();
	const counters = new Map<string, number>();
	const requests: RecordedRequest[] = [];
	const faults: Array<FaultSpec & { left: number }> = [];
	let tick = 0;
	const clockStart = Date.UTC(2026, 0, 5, 9, 0, 0);
	const now = () => clockStart + (tick += 1) * 1000;

	const table = (doctype: string) => {
		let t = docs.get(doctype);
		if (!t) {
			t = new Map();
			docs.set(doctype, t);
		}
		return t;
	};

	function nextName(doctype: string, doc: Record<string, unknown>, at: number): string {
		if (doctype === 'Custom Field') return `${String(doc.dt)}-${String(doc.fieldname)}`;
		if (doctype === 'Item' && doc.item_code) return String(doc.item_code);
		if (doctype === 'Customer' && doc.customer_name) return String(doc.customer_name);
		if (typeof doc.name === 'string' && doc.name !== '') return doc.name;
		const series = SERIES[doctype];
		const n = (counters.get(doctype) ?? 0) + 1;
		counters.set(doctype, n);
		if (series) {
			const year = String(new Date(at).getUTCFullYear());
			const hashes = /#+/.exec(series)?.[0].length ?? 5;
			return series.replace('.YYYY.', year).replace(/\.?#+$/, '') + pad(n, series.includes('#') ? hashes : 5);
		}
		return createHash('sha1').update(`${doctype}:${n}`).digest('hex').slice(0, 10);
	}

	function store(doctype: string, input: Record<string, unknown>): Doc {
		const at = now();
		const stamp = frappeTimestamp(at);
		const name = nextName(doctype, input, at);
		const doc: Doc = {
			...input,
			name,
			owner: settings.user,
			creation: stamp,
			modified: stamp,
			modified_by: settings.user,
			docstatus: typeof input.docstatus === 'number' ? input.docstatus : 0,
			idx: 0,
			doctype,
		};
		for (const [key, value] of Object.entries(doc)) {
			if (Array.isArray(value)) doc[key] = value.map((row, i) => childRow(row, doc, key, i, stamp));
		}
		table(doctype).set(name, doc);
		return doc;
	}

	function childRow(row: unknown, parent: Doc, field: string, i: number, stamp: string): unknown {
		if (!row || typeof row !== 'object') return row;
		const r = row as Record<string, unknown>;
		return {
			...r,
			name: r.name ?? createHash('sha1').update(`${parent.name}:${field}:${i}:${stamp}`).digest('hex').slice(0, 10),
			parent: parent.name,
			parentfield: field,
			parenttype: parent.doctype,
			idx: i + 1,
		};
	}

	function requireDoctype(doctype: string): void {
		if (!KNOWN_DOCTYPES.has(doctype)) throw new FrappeError(404, 'DoesNotExistError', `DocType ${doctype} not found`, 'Not Found');
	}

	function requireRole(doctype: string, roles: string[]): void {
		if (!roles.some((r) => settings.roles.includes(r))) {
			throw new FrappeError(403, 'PermissionError', `Insufficient Permission for ${doctype}`, 'Not Permitted');
		}
	}

	function getDoc(doctype: string, name: string): Doc {
		requireDoctype(doctype);
		const doc = table(doctype).get(name);
		if (!doc) throw new FrappeError(404, 'DoesNotExistError', `${doctype} ${name} not found`, 'Not Found');
		return doc;
	}

	function validateInsert(doctype: string, input: Record<string, unknown>): Record<string, unknown> {
		const doc = { ...input };
		delete doc.doctype;
		if (doctype === 'Lead') {
			const person = [doc.first_name, doc.last_name].filter(Boolean).join(' ');
			doc.lead_name = doc.lead_name || person || doc.company_name || (typeof doc.email_id === 'string' ? doc.email_id.split('@')[0] : '');
			if (!doc.lead_name) {
				throw new FrappeError(417, 'ValidationError', "A Lead requires either a person's name or an organization's name");
			}
			if (doc.email_id !== undefined && doc.email_id !== '') {
				const email = String(doc.email_id);
				if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
					throw new FrappeError(417, 'InvalidEmailAddressError', `${email} is not a valid Email Address`, 'Invalid Email Address');
				}
				const clash = [...table('Lead').values()].find((l) => String(l.email_id ?? '').toLowerCase() === email.toLowerCase());
				if (clash && !settings.allowLeadDuplicateEmails) {
					throw new FrappeError(
						409,
						'DuplicateEntryError',
						`Email Address must be unique, it is already used in <strong><a href="/app/lead/${clash.name}">${clash.name}</a></strong>`,
					);
				}
			}
			doc.status = doc.status ?? 'Lead';
			doc.qualification_status = doc.qualification_status ?? 'Unqualified';
		}
		if (doctype === 'Custom Field') {
			requireRole('Custom Field', ['System Manager', 'Administrator']);
			if (!doc.dt) throw new FrappeError(417, 'MandatoryError', 'Error: Value missing for Custom Field: Document');
			if (!doc.label && !doc.fieldname) throw new FrappeError(417, 'MandatoryError', 'Error: Value missing for Custom Field: Label');
			if (!doc.fieldname) {
				doc.fieldname = `custom_${String(doc.label).toLowerCase().replace(/\s+/g, '_').replace(/[^a-z0-9_]/g, '')}`;
			}
			doc.fieldname = String(doc.fieldname).toLowerCase();
			doc.fieldtype = doc.fieldtype ?? 'Data';
			const existing = [...table('Custom Field').values()].some((f) => f.dt === doc.dt && f.fieldname === doc.fieldname);
			const standard = doc.dt === 'Lead' && LEAD_FIELDS.includes(String(doc.fieldname));
			if (existing || standard) {
				throw new FrappeError(417, 'ValidationError', `A field with the name <strong>${String(doc.fieldname)}</strong> already exists in ${String(doc.dt)}`);
			}
		}
		if (doctype === 'Comment') {
			requireRole('Comment', ['System Manager', 'Website Manager']);
			doc.comment_type = doc.comment_type ?? 'Comment';
		}
		if (doctype !== 'Custom Field' && typeof doc.name === 'string' && table(doctype).has(doc.name)) {
			throw new FrappeError(409, 'DuplicateEntryError', `${doctype} ${doc.name} already exists`);
		}
		if (doctype === 'Item' && doc.item_code && table('Item').has(String(doc.item_code))) {
			throw new FrappeError(409, 'DuplicateEntryError', `Item ${String(doc.item_code)} already exists`);
		}
		return doc;
	}

	function insert(doctype: string, input: unknown): Doc {
		requireDoctype(doctype);
		if (!input || typeof input !== 'object' || Array.isArray(input)) {
			throw new FrappeError(417, 'ValidationError', 'Invalid request body');
		}
		return store(doctype, validateInsert(doctype, input as Record<string, unknown>));
	}

	function update(doctype: string, name: string, patch: unknown): Doc {
		const doc = getDoc(doctype, name);
		if (doctype === 'Custom Field') requireRole('Custom Field', ['System Manager', 'Administrator']);
		if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
			throw new FrappeError(417, 'ValidationError', 'Invalid request body');
		}
		const changes = { ...(patch as Record<string, unknown>) };
		if (changes.modified !== undefined && changes.modified !== doc.modified) {
			throw new FrappeError(
				417,
				'TimestampMismatchError',
				`Error: Document has been modified after you have opened it (${String(changes.modified)}, ${String(doc.modified)}). Please refresh to get the latest document.`,
			);
		}
		for (const key of ['name', 'doctype', 'owner', 'creation', 'modified', 'modified_by']) delete changes[key];
		if (doc.docstatus === 1 && !(Object.keys(changes).length === 1 && changes.docstatus === 2)) {
			throw new FrappeError(417, 'UpdateAfterSubmitError', 'Not allowed to change fields after submission');
		}
		const stamp = frappeTimestamp(now());
		const next: Doc = { ...doc, ...changes, name: doc.name, modified: stamp, modified_by: settings.user };
		for (const [key, value] of Object.entries(changes)) {
			if (Array.isArray(value)) next[key] = value.map((row, i) => childRow(row, next, key, i, stamp));
		}
		table(doctype).set(name, next);
		return next;
	}

	function list(doctype: string, params: Record<string, unknown>): Array<Record<string, unknown>> {
		requireDoctype(doctype);
		const fieldsRaw = params.fields;
		const fields = (typeof fieldsRaw === 'string' ? parseJsonParam(fieldsRaw, 'fields') : fieldsRaw) as string[] | undefined;
		const filtersRaw = params.filters;
		const filters = toConditions(typeof filtersRaw === 'string' ? parseJsonParam(filtersRaw, 'filters') : filtersRaw);
		const orRaw = params.or_filters;
		const orFilters = toConditions(typeof orRaw === 'string' ? parseJsonParam(orRaw, 'or_filters') : orRaw);
		const orderBy = typeof params.order_by === 'string' && params.order_by !== '' ? params.order_by : 'modified desc';
		const start = Number(params.limit_start ?? params.start ?? 0);
		const lengthParam = params.limit_page_length ?? params.limit;
		const length = lengthParam === undefined || lengthParam === '' ? 20 : Number(lengthParam);
		let rows = [...table(doctype).values()].filter((d) => filters.every((c) => matches(d, c)));
		if (orFilters.length > 0) rows = rows.filter((d) => orFilters.some((c) => matches(d, c)));
		rows = sortDocs(rows, orderBy);
		const page = length === 0 ? rows.slice(start) : rows.slice(start, start + length);
		return page.map((d) => pick(d, fields && fields.length > 0 ? fields : ['name']));
	}

	function pdf(doctype: string, name: string, format: string): Buffer {
		const doc = getDoc(doctype, name);
		const text = [
			'%PDF-1.4',
			`% ${doctype} ${doc.name} format=${format}`,
			'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
			'2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
			'trailer << /Root 1 0 R >>',
			'%%EOF',
			'',
		].join('\n');
		return Buffer.from(text, 'latin1');
	}

	type Answer = { status: number; body: unknown; headers?: Record<string, string> };

	function callMethod(method: string, verb: string, args: Record<string, unknown>): Answer {
		const post = (fn: () => unknown): Answer => {
			if (verb !== 'POST' && verb !== 'PUT') throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
			return { status: 200, body: { message: fn() } };
		};
		switch (method) {
			case 'frappe.auth.get_logged_user':
				return { status: 200, body: { message: settings.user } };
			case 'frappe.ping':
				return { status: 200, body: { message: 'pong' } };
			case 'frappe.client.get_list':
				return { status: 200, body: { message: list(String(args.doctype), args) } };
			case 'frappe.client.get_count': {
				const rows = list(String(args.doctype), { ...args, fields: '["name"]', limit_page_length: 0 });
				return { status: 200, body: { message: rows.length } };
			}
			case 'frappe.client.insert':
				return post(() => {
					const doc = (typeof args.doc === 'string' ? JSON.parse(args.doc) : args.doc) as Record<string, unknown>;
					return insert(String(doc.doctype), doc);
				});
			case 'frappe.desk.form.utils.add_comment':
				return post(() =>
					store('Comment', {
						comment_type: 'Comment',
						reference_doctype: args.reference_doctype,
						reference_name: args.reference_name,
						content: args.content,
						comment_email: args.comment_email,
						comment_by: args.comment_by,
					}),
				);
			case 'frappe.utils.print_format.download_pdf': {
				const name = String(args.name);
				return {
					status: 200,
					body: pdf(String(args.doctype), name, String(args.format ?? 'Standard')),
					headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${name}.pdf"` },
				};
			}
			default:
				throw new FrappeError(404, 'DoesNotExistError', `Failed to get method for command ${method}`, 'Not Found');
		}
	}

	function runDocMethod(doctype: string, name: string, args: Record<string, unknown>): Answer {
		const doc = getDoc(doctype, name);
		const method = String(args.run_method);
		if (doctype === 'Lead' && method === 'add_note') {
			const notes = Array.isArray(doc.notes) ? doc.notes : [];
			update(doctype, name, {
				notes: [...notes, { note: args.note, added_by: settings.user, added_on: frappeTimestamp(now()) }],
			});
			return { status: 200, body: {} };
		}
		throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
	}

	function authorised(header: string | undefined): boolean {
		if (!header) return false;
		const parts = header.split(' ');
		if (parts.length !== 2) return false;
		const [scheme, value] = parts;
		if (scheme.toLowerCase() === 'token') return value === `${apiKey}:${apiSecret}`;
		if (scheme.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8') === `${apiKey}:${apiSecret}`;
		return false;
	}

	async function route(method: string, segments: string[], query: Record<string, string>, body: unknown, headers: http.IncomingHttpHeaders): Promise<Answer> {
		if (!authorised(headers.authorization)) {
			throw new FrappeError(401, 'AuthenticationError', 'Invalid authentication credentials', 'Not Permitted');
		}
		const args = { ...query, ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}) };
		if (segments[0] !== 'api') throw new FrappeError(404, 'DoesNotExistError', 'Page not found', 'Not Found');
		if (segments[1] === 'method' && segments.length === 3) return callMethod(segments[2], method, args);
		if (segments[1] === 'resource' && segments.length === 3) {
			const doctype = segments[2];
			if (method === 'GET') return { status: 200, body: { data: list(doctype, query) } };
			if (method === 'POST') return { status: 200, body: { data: insert(doctype, body) } };
		}
		if (segments[1] === 'resource' && segments.length === 4) {
			const [, , doctype, name] = segments;
			if (method === 'GET') return { status: 200, body: { data: getDoc(doctype, name) } };
			if (method === 'PUT') return { status: 200, body: { data: update(doctype, name, body) } };
			if (method === 'DELETE') {
				getDoc(doctype, name);
				table(doctype).delete(name);
				return { status: 202, body: { data: 'ok' } };
			}
			if (method === 'POST' && args.run_method) return runDocMethod(doctype, name, args);
		}
		throw new FrappeError(404, 'DoesNotExistError', 'Page not found', 'Not Found');
	}

	function takeFault(method: string, path: string) {
		return takeSharedFault(faults, method, path);
	}

	function faultAnswer(spec: FaultSpec): Answer {
		switch (spec.kind) {
			case 'rate-limit': {
				const seconds = spec.retryAfterSeconds ?? 1;
				return {
					status: 429,
					body: { exc_type: 'TooManyRequestsError', _server_messages: encodeServerMessages([{ message: 'Too Many Requests', title: 'Too Many Requests' }]) },
					headers: {
						'Retry-After': String(seconds),
						'X-RateLimit-Limit': '600000000',
						'X-RateLimit-Remaining': '0',
						'X-RateLimit-Reset': String(seconds),
					},
				};
			}
			case 'rate-limit-417':
				return {
					status: 417,
					body: {
						exc_type: 'RateLimitExceededError',
						_server_messages: encodeServerMessages([{ message: 'You hit the rate limit because of too many requests. Please try after sometime.' }]),
					},
				};
			case 'deadlock':
				return {
					status: 500,
					body: {
						exc_type: 'QueryDeadlockError',
						...(settings.allowTraceback && {
							exception: "frappe.exceptions.QueryDeadlockError: (1213, 'Deadlock found when trying to get lock; try restarting transaction')",
						}),
					},
				};
			case 'html-502':
				return {
					status: 502,
					body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n',
					headers: { 'Content-Type': 'text/html' },
				};
			case 'maintenance':
				return {
					status: 503,
					body: { exc_type: 'SessionStopped', _server_messages: encodeServerMessages([{ message: 'Session Stopped', title: 'Maintenance' }]) },
				};
			case 'reset':
				return { status: 0, body: undefined };
		}
	}

	function wantsJson(path: string, accept: string | undefined): boolean {
		const a = accept ?? '';
		return a.includes('application/json') || (path.startsWith('/api/') && !a.startsWith('text'));
	}

	function send(res: http.ServerResponse, answer: Answer): void {
		const headers = { ...answer.headers };
		let payload: string | Buffer;
		if (Buffer.isBuffer(answer.body)) payload = answer.body;
		else if (typeof answer.body === 'string') payload = answer.body;
		else {
			payload = JSON.stringify(answer.body ?? {});
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
		}
		res.writeHead(answer.status, headers);
		res.end(payload);
	}

	const server = http.createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const rawPath = url.pathname.replace(/^\/api\/v1\//, '/api/');
			const segments = rawPath.replace(/\/+$/, '').split('/').slice(1).map(safeDecode);
			const path = `/${segments.join('/')}`;
			const method = (req.method ?? 'GET').toUpperCase();
			const query = Object.fromEntries(url.searchParams);
			const body = await readBody(req);
			const record: RecordedRequest = { method, path, query, headers: req.headers, body, status: 0 };
			requests.push(record);

			const spec = takeFault(method, path);
			if (spec) {
				record.fault = spec.kind;
				if (spec.kind === 'reset') {
					req.socket.destroy();
					return;
				}
				const answer = faultAnswer(spec);
				record.status = answer.status;
				send(res, answer);
				return;
			}
			let answer: Answer;
			try {
				answer = await route(method, segments, query, body, req.headers);
			} catch (error) {
				const e = error instanceof FrappeError ? error : new FrappeError(500, 'Exception', String(error));
				answer = wantsJson(path, req.headers.accept)
					? { status: e.status, body: errorBody(e, settings.allowTraceback) }
					: { status: e.status, body: htmlPage(e.title, e.message), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
			}
			record.status = answer.status;
			send(res, answer);
		})();
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const state: ErpNextState = {
		settings,
		seed: (doctype, rows) => rows.map((row) => store(doctype, row)),
		all: (doctype) => [...table(doctype).values()],
		get: (doctype, name) => table(doctype).get(name),
	};

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		state,
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		writes: () => requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.fault === undefined),
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The brief's name for the same thing. */
export const start = startErpNextServer;
