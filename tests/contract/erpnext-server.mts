// A small in-memory Frappe/ERPNext stand-in on node:http, following ../../../shared/reference/erpnext.md
// (§1 auth, §2 v1 routes and list parameters, §3 error bodies and status codes, §4 Custom Field, §6
// Lead/Comment, §7 PDF). Used by the connector tests and by the real-n8n suite, so it is a plain
// HTTP server (no nock). It records every request it receives, so tests can count writes, and has a
// fault hook that makes the next N matching requests fail the way Frappe or its proxy does.
//
// The generic REST surface (auth, v1 routes, paging, filters, error bodies, PUT/DELETE, timestamps)
// cites the frappe/frappe files it follows, read at these commits (one stored version each; the
// cited behaviour is the same in the v14/v15/develop copies compared): frappe/api/v1.py @ 0407622,
// frappe/api/__init__.py @ 11ba0ef, frappe/handler.py @ 9640e43, frappe/app.py @ 9a42420,
// frappe/auth.py @ 408b481, frappe/exceptions.py @ 3d6f6d1, frappe/utils/response.py @ 4c5106c,
// frappe/model/db_query.py @ b6d5607, frappe/desk/form/assign_to.py @ a32bc62, frappe/utils/data.py
// get_filter and frappe/model/document.py check_if_latest. docs/real-servers.md lists what differed.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { applyDiscount, formatMinorUnits, minorUnitExponent, multiplyMinorUnits, toMinorUnits } from '../../core/money.ts';
import { takeFault as takeSharedFault } from './faultQueue.mts';
import {
	CRM_DEFAULTS,
	CRM_DEFAULT_LAYOUTS,
	CRM_DOCTYPES,
	CRM_DOCTYPE_FIELDS,
	CRM_INDUSTRIES,
	CRM_LEAD_LINKS,
	CRM_LEAD_SOURCES,
	CRM_LEAD_STATUSES,
	CRM_NAMING,
	CRM_ROLE_PERMISSIONS,
	CRM_TRACK_CHANGES,
	CrmValidationError,
	checkMandatory,
	leadActivities,
	validateCrmLead,
	type VersionRow,
} from './frappe-crm-app.mts';
import { CRM_DEAL_DATA_FIELDS_LAYOUT, CRM_DEAL_STATUSES, validateCrmDeal } from './frappe-crm-app.mts';
import { checkDealProducts, frappeVersions, quotationToCrmDeal } from './frappe-crm-app.mts';
import { OUTREACH_DOCTYPES, OUTREACH_ROLE_PERMISSIONS, communicationActivities, communicationTouches } from './frappe-crm-app.mts';
import { crmTaskAfterInsert, validateCrmTaskSelects } from './frappe-crm-app.mts';

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
	/**
	 * For `rate-limit`: seconds left in the rate-limit window, sent as Retry-After and
	 * X-RateLimit-Reset (frappe/frappe v15 frappe/rate_limiter.py RateLimiter.respond sends
	 * `Retry-After = self.reset`, the remaining window); default 1, a window about to reset.
	 */
	retryAfterSeconds?: number;
}

export interface ErpNextServerOptions {
	apiKey?: string;
	apiSecret?: string;
	/** The user the key belongs to (answer of frappe.auth.get_logged_user). */
	user?: string;
	/**
	 * Roles of that user. Role permissions (read included) are enforced per doctype as the real
	 * DocType JSONs grant them (ROLE_PERMISSIONS below), and list queries apply Frappe's permission
	 * query conditions (Communication, ToDo).
	 */
	roles?: string[];
	/**
	 * System Settings `time_zone` (answer of frappe.client.get_time_zone); `creation`/`modified`
	 * are stamped as naive datetimes in it. Default UTC.
	 */
	timeZone?: string;
	/** System Settings allow_error_traceback for a system user: adds `exception`/`exc` to error bodies. */
	allowTraceback?: boolean;
	/**
	 * The site clock's start (epoch ms), for a test whose runs assess the deals at a fixed Reference Date
	 * and compare it with what the site stamps (`modified`); each stamp advances it by a second. Default
	 * 2026-01-05 09:00 UTC.
	 */
	clockStart?: number;
	/** CRM Settings allow_lead_duplication_based_on_emails. */
	allowLeadDuplicateEmails?: boolean;
	/**
	 * Which ERPNext release's Lead columns the list API answers with (LEAD_COLUMNS); default v15. On
	 * v16 (develop) `source` is gone and `utm_source`/`utm_medium`/`utm_campaign` exist instead.
	 */
	leadLayout?: LeadLayout;
	/**
	 * Link validation of a Quotation on insert (frappe/frappe frappe/model/document.py _validate_links
	 * + base_document.py get_invalid_links): company, party_name, selling_price_list and every item's
	 * item_code (Item) and uom (UOM) must exist, else 417 LinkValidationError "Could not find Row #1:
	 * Item Code: INV-12, …". Real ERPNext always does this, so it is on by default: a test that inserts
	 * a Quotation seeds what the site would have (tests/nodes/support/quoteFixtures.mts mirrorCatalog,
	 * seedLeads). `false` (only for tests of the fake itself) assumes every Item and UOM a Quotation or
	 * an Item/UOM lookup names exists (assumedRecords). Default true.
	 */
	validateLinks?: boolean;
	/** Default currency of a Company that has no Company record here (Company.default_currency). Default EUR. */
	companyCurrency?: string;
	/**
	 * Selling Settings `selling_price_list`, the default a Quotation without one gets; '' = a site with
	 * no default (the insert then fails MandatoryError). Default "Standard Selling".
	 */
	sellingPriceList?: string;
	/**
	 * Milliseconds every request waits before it is handled (network and server time), so a
	 * read-then-write race between two clients has a real window (issue 14, H3). Default 0;
	 * `setDelay` changes it while running.
	 */
	delayMs?: number;
	/**
	 * The Frappe apps installed on the site; default ['erpnext']. 'crm' adds the Frappe CRM app
	 * (github.com/frappe/crm, tests/contract/frappe-crm-app.mts): its doctypes (CRM Lead, CRM Deal, CRM
	 * Organization, FCRM Note, CRM Task, CRM Call Log, CRM Fields Layout and the masters), the records
	 * its after_install creates, its validation, Version rows for its tracked doctypes and its whitelisted
	 * activity and fields-layout methods (docs/decisions/0028). Without 'erpnext' the ERPNext doctypes
	 * (Lead, Quotation, Item …) do not exist; Frappe's own (Custom Field, Comment, Contact …) always do.
	 */
	apps?: Array<'erpnext' | 'crm'>;
	/**
	 * ERPNext's `__version__` as frappe.utils.change_log.get_versions answers it (Quote Generator,
	 * issue 18: a Quotation to a CRM Deal needs a develop/v16 ERPNext). Default "15.64.1".
	 */
	erpnextVersion?: string;
	port?: number;
}

export interface ErpNextState {
	readonly settings: Required<Omit<ErpNextServerOptions, 'port' | 'apiKey' | 'apiSecret' | 'delayMs' | 'apps' | 'clockStart'>>;
	/** Inserts rows as they are (no validation), filling name and timestamps; returns the stored docs. */
	seed(doctype: string, rows: Array<Record<string, unknown>>): Doc[];
	all(doctype: string): Doc[];
	get(doctype: string, name: string): Doc | undefined;
	/**
	 * Changes fields of a stored document the way frappe/frappe v15 frappe/model/document.py
	 * `Document.db_set` does: no validation, no submit check, `modified`/`modified_by` stamped anew
	 * (update_modified defaults to True). Raises no webhook by itself: tests/support/
	 * frappeWebhookSender.mts decides what Frappe would send for the transition.
	 */
	dbSet(doctype: string, name: string, changes: Record<string, unknown>): Doc;
}

export interface ErpNextServer {
	url: string;
	requests: RecordedRequest[];
	state: ErpNextState;
	fault(spec: FaultSpec): void;
	/**
	 * Sets the delay before every request is handled (ErpNextServerOptions.delayMs); with `only`, before
	 * the requests whose path starts with that string (or matches that RegExp), the others unchanged.
	 * A test seam for network and server time, not a Frappe behaviour: Frappe answers each request when
	 * its handler is done, and nothing a connector reads depends on the delay (answers are unchanged).
	 */
	setDelay(ms: number, only?: string | RegExp): void;
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
	// E6/E7: the records a Quotation links to or is computed from (see quotationOnInsert).
	'UOM',
	'Company',
	'Currency Exchange',
	'Pricing Rule',
]);

// Naming series of the doctypes' autoname/naming_series (frappe/erpnext lead.json, opportunity.json,
// quotation.json, sales_order.json; frappe/frappe webhook.json "HOOK-.####"); frappe/model/naming.py
// make_autoname adds ".#####" (five digits) when a series has no hashes: CRM-LEAD-2026-00001.
const SERIES: Record<string, string> = {
	Lead: 'CRM-LEAD-.YYYY.-',
	Opportunity: 'CRM-OPP-.YYYY.-',
	Quotation: 'SAL-QTN-.YYYY.-',
	'Sales Order': 'SAL-ORD-.YYYY.-',
	Webhook: 'HOOK-.####',
};

/** Frappe's own doctypes among KNOWN_DOCTYPES: they exist on a site without ERPNext (apps: ['crm']). */
const FRAPPE_DOCTYPES = new Set(['Contact', 'Custom Field', 'Property Setter', 'Comment', 'Communication', 'ToDo', 'Webhook', 'Currency Exchange']);

/** Standard Lead columns (so a Custom Field cannot reuse them). */
const LEAD_FIELDS = ['lead_name', 'first_name', 'last_name', 'company_name', 'email_id', 'status', 'source', 'notes'];

type PermType = 'read' | 'write' | 'create' | 'delete';

/**
 * Role permissions per doctype, read included: a doctype listed here refuses every role not named
 * for the permission type with 403 PermissionError (frappe/frappe v15 frappe/model/db_query.py
 * build_match_conditions → "No permission to read"; frappe/permissions.py has_permission for
 * get/insert/update/delete). Doctypes not listed are open to every role in this fake.
 */
const ROLE_PERMISSIONS: Record<string, Partial<Record<PermType, string[]>>> = {
	// frappe/frappe frappe/custom/doctype/custom_field/custom_field.json @ 01f9303cc0f1: Administrator
	// and System Manager only, read included.
	'Custom Field': Object.fromEntries((['read', 'write', 'create', 'delete'] as const).map((p) => [p, ['System Manager', 'Administrator']])),
	// frappe/frappe frappe/core/doctype/comment/comment.json @ 1fc7e9bac224: System Manager and
	// Website Manager only, read included.
	Comment: Object.fromEntries((['read', 'write', 'create', 'delete'] as const).map((p) => [p, ['System Manager', 'Website Manager']])),
	// frappe/erpnext erpnext/crm/doctype/{lead,opportunity}/*.json and
	// erpnext/selling/doctype/quotation/quotation.json: the Sales roles (System Manager too on Lead).
	Lead: { read: ['Sales User', 'Sales Manager', 'System Manager'], write: ['Sales User', 'Sales Manager', 'System Manager'], create: ['Sales User', 'Sales Manager', 'System Manager'], delete: ['Sales Manager', 'System Manager'] },
	Opportunity: { read: ['Sales User', 'Sales Manager', 'System Manager'], write: ['Sales User', 'Sales Manager', 'System Manager'], create: ['Sales User', 'Sales Manager', 'System Manager'], delete: ['Sales Manager', 'System Manager'] },
	Quotation: { read: ['Sales User', 'Sales Manager', 'System Manager'], write: ['Sales User', 'Sales Manager', 'System Manager'], create: ['Sales User', 'Sales Manager', 'System Manager'], delete: ['Sales Manager', 'System Manager'] },
};

export type LeadLayout = 'v14' | 'v15' | 'v16';

/**
 * The value columns of a Lead per ERPNext release, i.e. what the list API can return. `notes` is a
 * Table (CRM Note) and never a column. frappe/erpnext version-15 erpnext/crm/doctype/lead/lead.py
 * (auto-generated type block): `source: DF.Link`, `campaign_name`, `notes: DF.Table[CRMNote]`;
 * develop (v16): `utm_source`, `utm_medium`, `utm_campaign`, `utm_content` instead of `source` and
 * `campaign_name`. v14 (version-14 lead.json) has the v15 columns this package reads (source, notes as
 * CRM Note table).
 */
const LEAD_V15_COLUMNS = [
	'annual_revenue', 'blog_subscriber', 'campaign_name', 'city', 'company', 'company_name', 'country', 'customer', 'disabled',
	'email_id', 'fax', 'first_name', 'gender', 'image', 'industry', 'job_title', 'language', 'last_name', 'lead_name', 'lead_owner',
	'market_segment', 'middle_name', 'mobile_no', 'naming_series', 'no_of_employees', 'phone', 'phone_ext', 'qualification_status',
	'qualified_by', 'qualified_on', 'request_type', 'salutation', 'source', 'state', 'status', 'territory', 'title', 'type',
	'unsubscribed', 'website', 'whatsapp_no',
];
const LEAD_COLUMNS: Record<LeadLayout, readonly string[]> = {
	v14: LEAD_V15_COLUMNS,
	v15: LEAD_V15_COLUMNS,
	v16: [...LEAD_V15_COLUMNS.filter((c) => c !== 'source' && c !== 'campaign_name'), 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content'],
};

// frappe/frappe frappe/model/__init__.py default_fields + optional_fields: columns every doctype has.
const STANDARD_COLUMNS = ['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus', 'idx', '_user_tags', '_comments', '_assign', '_liked_by', '_seen'];

/**
 * UOMs a new site has: frappe/erpnext erpnext/setup/setup_wizard/operations/install_fixtures.py
 * add_uom_data inserts every `uom_name` of erpnext/setup/setup_wizard/data/uom_data.json (@ 974c17d3);
 * the ones a quote can plausibly use.
 */
export const STANDARD_UOMS = [
	'Unit', 'Box', 'Nos', 'Pair', 'Set', 'Meter', 'Centimeter', 'Millimeter', 'Kilometer', 'Foot', 'Inch', 'Yard', 'Square Meter',
	'Square Foot', 'Cubic Meter', 'Gram', 'Kg', 'Milligram', 'Tonne', 'Pound', 'Ounce', 'Litre', 'Millilitre', 'Gallon Liquid (US)',
	'Hour', 'Day', 'Minute', 'Second', 'Week', 'Percent',
];

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

/**
 * `_server_messages`: a JSON string of a list of JSON strings (double-encoded), as Frappe sends it
 * (frappe/utils/response.py make_logs: json.dumps([cstr(d) for d in message_log]), each entry the
 * JSON of one msgprint: message, title, indicator, raise_exception, __frappe_exc_id).
 */
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

// frappe/app.py handle_exception → frappe/utils/response.py report_error: status = the exception's
// http_status_code (frappe/exceptions.py: ValidationError 417 and its subclasses, AuthenticationError
// 401, PermissionError 403, DoesNotExistError 404, NameError/DuplicateEntryError 409, CSRFTokenError
// 400, TooManyRequestsError 429, SessionStopped 503, anything else 500); v1 body = exc_type (the class
// name) + _server_messages when something was msgprinted (frappe.throw does; a bare `raise` such as
// auth.py's AuthenticationError does not) + `exception` (last traceback line) and `exc` only when
// System Settings allow_error_traceback is on.
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

// frappe/frappe v15 frappe/utils/data.py now_datetime: naive datetimes are wall-clock time in the
// System Settings time zone (convert_utc_to_system_timezone), never UTC unless the site is on UTC.
export function frappeTimestamp(ms: number, zone = 'UTC'): string {
	const d = DateTime.fromMillis(ms, { zone });
	return `${d.toFormat('yyyy-MM-dd HH:mm:ss')}.${pad((ms % 1000) * 1000, 6)}`;
}

// `fields` (frappe/api/v1.py document_list) and `filters`/`or_filters` (frappe/model/db_query.py
// parse_args) go through json.loads; a JSONDecodeError is no Frappe exception, so it is a 500 with
// exc_type JSONDecodeError (frappe/app.py handle_exception: http_status_code defaults to 500).
function parseJsonParam(value: string | undefined, what: string): unknown {
	if (value === undefined || value === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw new FrappeError(500, 'JSONDecodeError', `Expecting value: line 1 column 1 (char 0) (${what})`);
	}
}

type Condition = { field: string; op: string; value: unknown };

function toConditions(raw: unknown): Condition[] {
	if (raw === undefined || raw === null) return [];
	if (Array.isArray(raw)) {
		return raw.map((entry) => {
			// frappe/utils/data.py get_filter: [field, op, value] or [doctype, field, op, value] (longer
			// lists are cut to 4); any other length is 417 "Filter must have 4 values"; an empty operator is "=".
			if (!Array.isArray(entry)) throw new FrappeError(417, 'ValidationError', 'Filter must be a tuple or list (in a list)');
			if (entry.length < 3) {
				throw new FrappeError(417, 'ValidationError', `Filter must have 4 values (doctype, fieldname, operator, value): ${JSON.stringify(entry)}`);
			}
			const parts = entry.length >= 4 ? entry.slice(1, 4) : entry;
			return { field: String(parts[0]), op: String(parts[1] || '=').toLowerCase(), value: parts[2] };
		});
	}
	// frappe/utils/data.py make_filter_tuple: {field: value} is "=", {field: [op, value]} keeps the op.
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

// frappe/frappe frappe/model/db_query.py prepare_filter_condition: `>`/`<` on `modified`/`creation`
// pass the value as given and MariaDB compares it with the DATETIME(6) column; `>=`/`<=` format it as a
// datetime. Frappe's naive "YYYY-MM-DD HH:MM:SS.ffffff" strings are fixed-width, so comparing them as
// strings (as here) orders them exactly like the database does (the catch-up poll relies on it).
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
		// frappe/model/db_query.py prepare_filter_condition: "is" "set"/"not set" compares ifnull(col, '')
		// with ''; "in" takes a list or a comma-separated string; "between" takes [from, to], inclusive.
		case 'is':
			return c.value === 'set' ? v !== undefined && v !== null && v !== '' : v === undefined || v === null || v === '';
		case 'between': {
			const [from, to] = Array.isArray(c.value) ? c.value : [c.value, c.value];
			return compare(v, from) >= 0 && compare(v, to) <= 0;
		}
		default:
			// frappe/utils/data.py get_filter (valid_operators; this fake leaves out the tree and date-range ones).
			throw new FrappeError(417, 'ValidationError', `Operator must be one of =, !=, >, <, >=, <=, like, not like, in, not in, is, between (got ${c.op})`);
	}
}

function cleanField(field: string): string {
	return field.replace(/`/g, '').replace(/^tab[^.]*\./, '').trim();
}

// frappe/frappe frappe/model/db_query.py (v13-v15) `order_by` is used as the SQL ORDER BY, several
// "field dir" terms separated by commas (the ERPNext Trigger's catch-up poll sends
// "modified asc, name asc"); the list API's default is the doctype's sort field, `modified desc`.
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

/**
 * The row the list API answers for `fields`. frappe/frappe frappe/model/db_query.py
 * DatabaseQuery.apply_fieldlevel_read_permissions (@ 0ad615e848ac) removes, silently, every requested
 * field that is not a permitted column (`remove_field(i)`); frappe/model/__init__.py
 * get_permitted_fields takes them from meta.get_valid_columns(), which has no Table fields. So a child
 * table (Lead `notes`) or a field the doctype does not have (v16 Lead `source`) is simply absent from
 * the row. `columns` is the doctype's value columns when the fake knows them (Lead), else only
 * table-valued fields are dropped.
 */
function pick(doc: Doc, fields: string[], columns?: ReadonlySet<string>): Record<string, unknown> {
	const isColumn = (f: string) => !Array.isArray(doc[f]) && (columns === undefined || columns.has(f));
	if (fields.includes('*')) {
		return Object.fromEntries(Object.entries(doc).filter(([f]) => isColumn(f)));
	}
	return Object.fromEntries(
		fields
			.map((f) => cleanField(f))
			.filter(isColumn)
			.map((f) => [f, doc[f] ?? null]),
	);
}

// frappe/app.py make_form_dict: a JSON body becomes form_dict on its own (the query string is then not
// merged in), otherwise query args and form fields are. route() below merges query and body always;
// the connector never sends both, so the difference is not exercised.
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
		leadLayout: options.leadLayout ?? ('v15' as LeadLayout),
		validateLinks: options.validateLinks ?? true,
		companyCurrency: options.companyCurrency ?? 'EUR',
		sellingPriceList: options.sellingPriceList ?? 'Standard Selling',
		timeZone: options.timeZone ?? 'UTC',
		erpnextVersion: options.erpnextVersion ?? '15.64.1',
	};
	const apps = new Set(options.apps ?? ['erpnext']);
	const erpnextApp = apps.has('erpnext');
	const crmApp = apps.has('crm');
	const docs = new Map<string, Map<string, Doc>>();
	const counters = new Map<string, number>();
	const requests: RecordedRequest[] = [];
	const faults: Array<FaultSpec & { left: number }> = [];
	let tick = 0;
	const clockStart = options.clockStart ?? Date.UTC(2026, 0, 5, 9, 0, 0);
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
		const crmNaming = crmApp ? CRM_NAMING[doctype] : undefined;
		if (crmNaming && 'field' in crmNaming && doc[crmNaming.field]) return String(doc[crmNaming.field]);
		if (crmNaming && 'format' in crmNaming) return crmNaming.format(doc);
		const series = SERIES[doctype] ?? (crmNaming && 'series' in crmNaming ? crmNaming.series : undefined);
		// With Frappe CRM installed, ERPNext's Lead and CRM Lead share the naming series CRM-LEAD-.YYYY.-:
		// frappe/model/naming.py keeps one counter per series prefix (tabSeries), not per doctype.
		const counterKey = crmApp && series ? `series:${series}` : doctype;
		const n = (counters.get(counterKey) ?? 0) + 1;
		counters.set(counterKey, n);
		if (crmNaming && 'autoincrement' in crmNaming) return String(n);
		if (series) {
			const year = String(new Date(at).getUTCFullYear());
			const hashes = /#+/.exec(series)?.[0].length ?? 5;
			return series.replace('.YYYY.', year).replace(/\.?#+$/, '') + pad(n, series.includes('#') ? hashes : 5);
		}
		return createHash('sha1').update(`${doctype}:${n}`).digest('hex').slice(0, 10);
	}

	// frappe/model/document.py insert → set_new_name, set_user_and_timestamp: owner/modified_by are the
	// session user, creation = modified, docstatus 0, child rows get parent/parentfield/parenttype/idx.
	function store(doctype: string, input: Record<string, unknown>): Doc {
		const at = now();
		const stamp = frappeTimestamp(at, settings.timeZone);
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

	/**
	 * frappe/frappe v15 frappe/core/doctype/comment/comment.py update_comment_in_doc: a Comment of type
	 * "Comment" is cached in the reference document's `_comments` column as JSON
	 * {comment: content[:97] + "..." when longer than 100, by, name}, the last 100 kept
	 * (update_comments_in_parent). Other comment types (Info, Edit, …) are not cached.
	 */
	function cacheComment(comment: Doc): void {
		if (comment.comment_type !== 'Comment') return;
		const parent = table(String(comment.reference_doctype)).get(String(comment.reference_name));
		if (!parent || typeof comment.content !== 'string' || comment.content === '') return;
		let cached: Array<Record<string, unknown>> = [];
		try {
			cached = JSON.parse(typeof parent._comments === 'string' ? parent._comments : '[]') as Array<Record<string, unknown>>;
		} catch {
			cached = [];
		}
		const content = comment.content;
		cached.push({
			comment: content.length > 100 ? `${content.slice(0, 97)}...` : content,
			by: comment.comment_email ?? comment.owner,
			name: comment.name,
		});
		parent._comments = JSON.stringify(cached.slice(-100));
	}

	/** The meta of a doctype as getdoctype sends it: standard fields we know plus its Custom Fields. */
	function meta(doctype: string): Record<string, unknown> {
		const crmFields = crmApp ? CRM_DOCTYPE_FIELDS[doctype] : undefined;
		const standard = crmFields
			? crmFields.map(([fieldname, fieldtype, label, options, reqd]) => ({ fieldname, fieldtype, label, options: options ?? null, reqd: reqd ?? 0, parent: doctype }))
			: doctype === 'Lead' ? LEAD_FIELDS.map((fieldname) => ({ fieldname, fieldtype: 'Data' })) : [];
		const custom = [...table('Custom Field').values()]
			.filter((f) => f.dt === doctype)
			.map((f) => {
				const { name: _n, dt: _dt, insert_after: _ia, owner: _o, creation: _c, modified: _m, modified_by: _mb, doctype: _d, idx: _i, docstatus: _s, ...field } = f;
				return { ...field, is_custom_field: 1, parent: doctype };
			});
		return { doctype: 'DocType', name: doctype, fields: [...standard, ...custom] };
	}

	/** A Lead's value columns on this site's layout plus its Custom Fields; undefined for other doctypes. */
	function listColumns(doctype: string): ReadonlySet<string> | undefined {
		if (doctype !== 'Lead') return undefined;
		const custom = [...table('Custom Field').values()].filter((f) => f.dt === 'Lead').map((f) => String(f.fieldname));
		return new Set([...STANDARD_COLUMNS, ...LEAD_COLUMNS[settings.leadLayout], ...custom]);
	}

	/** The stored name a Link value points to (MariaDB compares names case-insensitively), if any. */
	function linkTarget(doctype: string, value: unknown): string | undefined {
		if (typeof value !== 'string' || value === '') return undefined;
		const t = table(doctype);
		if (t.has(value)) return value;
		const lower = value.toLowerCase();
		return [...t.keys()].find((k) => k.toLowerCase() === lower);
	}

	/**
	 * frappe/erpnext erpnext/setup/utils.py get_exchange_rate: the newest Currency Exchange record on or
	 * before the date for from → to (for_selling when the record has the flag). The real function then
	 * asks the exchange-rate API of Currency Exchange Settings; this fake is a site where that API is off
	 * or unreachable, so no record means no rate.
	 */
	function exchangeRate(from: string, to: string, date: string): string | undefined {
		const rows = [...table('Currency Exchange').values()]
			.filter((r) => r.from_currency === from && r.to_currency === to && String(r.date ?? '') <= date && Number(r.for_selling ?? 1) === 1)
			.sort((a, b) => (String(a.date) < String(b.date) ? 1 : String(a.date) > String(b.date) ? -1 : 0));
		const rate = rows[0]?.exchange_rate;
		return rate === undefined || rate === null || Number(rate) === 0 ? undefined : String(rate);
	}

	/**
	 * The selling Pricing Rule of one item row: frappe/erpnext erpnext/accounts/doctype/pricing_rule/
	 * utils.py get_pricing_rules (apply_on "Item Code", selling, not disabled, company and currency when
	 * set on the rule, valid_from/valid_upto, min_qty/max_qty) and filter_pricing_rules (the highest
	 * priority wins). Only Item Code rules with a Discount Percentage or a Rate are modelled.
	 */
	function pricingRuleFor(row: Record<string, unknown>, quotation: Record<string, unknown>): Doc | undefined {
		const date = String(quotation.transaction_date ?? '');
		const qty = Number(row.qty ?? 0);
		const candidates = [...table('Pricing Rule').values()].filter((r) => {
			const codes = Array.isArray(r.items) ? (r.items as Array<Record<string, unknown>>).map((i) => i.item_code) : [r.item_code];
			return (
				(r.apply_on ?? 'Item Code') === 'Item Code' &&
				codes.includes(row.item_code) &&
				Number(r.selling ?? 0) === 1 &&
				Number(r.disable ?? 0) === 0 &&
				(!r.company || r.company === quotation.company) &&
				(!r.currency || r.currency === quotation.currency) &&
				(!r.valid_from || String(r.valid_from) <= date) &&
				(!r.valid_upto || String(r.valid_upto) >= date) &&
				qty >= Number(r.min_qty ?? 0) &&
				(!Number(r.max_qty ?? 0) || qty <= Number(r.max_qty))
			);
		});
		return candidates.sort((a, b) => Number(b.priority ?? 0) - Number(a.priority ?? 0))[0];
	}

	function discounted(priceListMinor: number, pct: unknown): number {
		const p = Number(pct ?? 0);
		if (!p) return priceListMinor;
		try {
			return applyDiscount(priceListMinor, p).net;
		} catch {
			return Math.round(priceListMinor * (1 - p / 100));
		}
	}

	/**
	 * What ERPNext does to a Quotation between the POST and the stored document, for the fields this
	 * package reads back (E6, E7):
	 * - Links (when `validateLinks`): frappe/frappe frappe/model/document.py _validate_links, run first
	 *   in insert(), collects base_document.py get_invalid_links of the parent ("Company: X", "Party: X",
	 *   "Price List: X") and of every child ("Row #1: Item Code: X", "Row #1: UOM: m") and throws
	 *   LinkValidationError (417) "Could not find …".
	 * - Price list: frappe/erpnext erpnext/controllers/selling_controller.py set_missing_lead_customer_details
	 *   (a Customer's default_price_list via erpnext/accounts/party.py set_price_list) else the Selling
	 *   Settings default; quotation.json has selling_price_list reqd → MandatoryError
	 *   "Error: Value missing for Quotation: Price List" (frappe/model/base_document.py _validate_mandatory).
	 * - Currency: erpnext/controllers/accounts_controller.py set_price_list_currency: a rate of 1 for the
	 *   company currency, else the sent conversion_rate, else get_exchange_rate; validate_conversion_rate
	 *   (same file) throws "Exchange Rate is mandatory. Maybe Currency Exchange record is not created for
	 *   USD to EUR." when none.
	 * - Pricing rules, unless ignore_pricing_rule: accounts_controller.py apply_pricing_rule_on_items
	 *   overwrites discount_percentage (or price_list_rate for a Rate rule) and recomputes rate.
	 * - Totals: erpnext/controllers/taxes_and_totals.py calculate_item_values keeps a non-zero rate, derives
	 *   a zero one from price_list_rate and discount_percentage (100 % → 0), amount = rate × qty;
	 *   calculate_net_total sums net_total; no taxes are modelled (grand_total = net_total); base_* ×
	 *   conversion_rate. Amounts are computed in integer minor units and answered as JSON numbers.
	 */
	function quotationOnInsert(doc: Record<string, unknown>): void {
		// Copies: the recorded request body must stay what the client sent.
		const rows = Array.isArray(doc.items) ? (doc.items as Array<Record<string, unknown>>).map((row) => ({ ...row })) : [];
		if (Array.isArray(doc.items)) doc.items = rows;
		if (settings.validateLinks) {
			const invalid: string[] = [];
			const check = (doctype: string, value: unknown, label: string) => {
				if (value !== undefined && value !== null && value !== '' && !linkTarget(doctype, value)) invalid.push(`${label}: ${String(value)}`);
			};
			check('Company', doc.company, 'Company');
			if (doc.quotation_to === 'Lead' || doc.quotation_to === 'Customer') check(doc.quotation_to, doc.party_name, 'Party');
			if (crmApp) {
				const deal = quotationToCrmDeal(doc, table('CRM Deal').get(String(doc.party_name)));
				if (deal) invalid.push(deal);
			}
			check('Price List', doc.selling_price_list, 'Price List');
			rows.forEach((row, i) => {
				check('Item', row.item_code, `Row #${i + 1}: Item Code`);
				check('UOM', row.uom, `Row #${i + 1}: UOM`);
			});
			if (invalid.length > 0) throw new FrappeError(417, 'LinkValidationError', `Could not find ${invalid.join(', ')}`);
		}
		if (!doc.selling_price_list) {
			const customer = doc.quotation_to === 'Customer' ? table('Customer').get(String(doc.party_name)) : undefined;
			const fallback = (typeof customer?.default_price_list === 'string' && customer.default_price_list) || settings.sellingPriceList;
			if (!fallback) throw new FrappeError(417, 'MandatoryError', 'Error: Value missing for Quotation: Price List');
			doc.selling_price_list = fallback;
		}
		const company = table('Company').get(String(doc.company ?? ''));
		const companyCurrency = typeof company?.default_currency === 'string' && company.default_currency ? company.default_currency : settings.companyCurrency;
		const priceList = table('Price List').get(String(doc.selling_price_list));
		const plCurrency = typeof priceList?.currency === 'string' && priceList.currency ? priceList.currency : companyCurrency;
		const date = String(doc.transaction_date ?? '9999-12-31');
		doc.price_list_currency = plCurrency;
		if (plCurrency === companyCurrency) doc.plc_conversion_rate = 1;
		else if (!Number(doc.plc_conversion_rate)) doc.plc_conversion_rate = Number(exchangeRate(plCurrency, companyCurrency, date) ?? 0);
		const currency = typeof doc.currency === 'string' && doc.currency ? doc.currency : plCurrency;
		doc.currency = currency;
		if (currency === companyCurrency) doc.conversion_rate = 1;
		else if (!Number(doc.conversion_rate)) doc.conversion_rate = Number(exchangeRate(currency, companyCurrency, date) ?? 0);
		if (!Number(doc.conversion_rate)) {
			throw new FrappeError(417, 'ValidationError', `Exchange Rate is mandatory. Maybe Currency Exchange record is not created for ${currency} to ${companyCurrency}.`);
		}
		if (!Number(doc.plc_conversion_rate)) {
			throw new FrappeError(417, 'ValidationError', `Price List Exchange Rate is mandatory. Maybe Currency Exchange record is not created for ${plCurrency} to ${companyCurrency}.`);
		}
		const minor = (value: unknown) => toMinorUnits(String(value ?? 0), currency, { rounding: 'half-even' });
		const major = (value: number) => Number(formatMinorUnits(value, currency));
		const toBase = (value: number) => Number((major(value) * Number(doc.conversion_rate)).toFixed(minorUnitExponent(companyCurrency)));
		const ignoreRules = Number(doc.ignore_pricing_rule ?? 0) === 1;
		let net = 0;
		for (const row of rows) {
			let rate = minor(row.rate);
			if (!ignoreRules) {
				const rule = pricingRuleFor(row, doc);
				if (rule) {
					row.pricing_rules = rule.name;
					if (rule.rate_or_discount === 'Rate') {
						row.price_list_rate = Number(rule.rate ?? 0);
						row.discount_percentage = 0;
					} else {
						row.discount_percentage = Number(rule.discount_percentage ?? 0);
					}
					rate = discounted(minor(row.price_list_rate), row.discount_percentage);
				}
			}
			if (Number(row.discount_percentage ?? 0) === 100) rate = 0;
			else if (rate === 0 && Number(row.price_list_rate ?? 0)) rate = discounted(minor(row.price_list_rate), row.discount_percentage);
			const amount = multiplyMinorUnits(rate, String(row.qty ?? 0));
			Object.assign(row, { rate: major(rate), net_rate: major(rate), amount: major(amount), net_amount: major(amount), base_rate: toBase(rate), base_amount: toBase(amount) });
			net += amount;
		}
		Object.assign(doc, { total: major(net), net_total: major(net), grand_total: major(net), base_total: toBase(net), base_net_total: toBase(net), base_grand_total: toBase(net) });
	}

	/**
	 * Without `validateLinks` the fake is the legacy site older tests assume, where every Item and UOM a
	 * Quotation names exists: a list of Items by `item_code`/`name` `in` […] or of UOMs by `name` `in` […]
	 * answers the named ones it does not store as well (no stock_uom). With `validateLinks` (the real
	 * behaviour) only stored records exist.
	 */
	function assumedRecords(doctype: string, filters: Condition[]): Doc[] {
		if (settings.validateLinks || (doctype !== 'Item' && doctype !== 'UOM')) return [];
		const names = filters.filter((c) => c.op === 'in' && (c.field === 'name' || (doctype === 'Item' && c.field === 'item_code')) && Array.isArray(c.value)).flatMap((c) => c.value as unknown[]);
		return names
			.filter((n): n is string => typeof n === 'string' && n !== '' && !linkTarget(doctype, n))
			.map((name) => ({ name, doctype, ...(doctype === 'Item' ? { item_code: name, item_name: name, is_sales_item: 1, disabled: 0 } : { uom_name: name, enabled: 1 }) }));
	}

	/** What a new site has (ERPNext's setup wizard), set up before the first request: not recorded, no clock tick. */
	function seedStandardRecords(): void {
		const stamp = frappeTimestamp(clockStart);
		const base = { owner: 'Administrator', creation: stamp, modified: stamp, modified_by: 'Administrator', docstatus: 0, idx: 0 };
		for (const uom of STANDARD_UOMS) table('UOM').set(uom, { ...base, name: uom, doctype: 'UOM', uom_name: uom, enabled: 1 });
		// frappe/erpnext erpnext/setup/setup_wizard/operations/install_fixtures.py install_defaults: the
		// "Standard Buying" and "Standard Selling" Price Lists in the company currency.
		for (const [name, selling] of [['Standard Selling', 1], ['Standard Buying', 0]] as const) {
			table('Price List').set(name, { ...base, name, doctype: 'Price List', price_list_name: name, currency: settings.companyCurrency, selling, buying: 1 - selling, enabled: 1 });
		}
	}

	// ---- The Frappe CRM app (apps: ['crm']); facts from frappe/crm @ 8b7dfdde (tests/contract/frappe-crm-app.mts) ----

	/** crm/install.py after_install (see CRM_LEAD_STATUSES): set up before the first request, not recorded, no clock tick. */
	function seedCrmRecords(): void {
		const stamp = frappeTimestamp(clockStart);
		const base = { owner: 'Administrator', creation: stamp, modified: stamp, modified_by: 'Administrator', docstatus: 0, idx: 0 };
		for (const s of CRM_LEAD_STATUSES) table('CRM Lead Status').set(s.lead_status, { ...base, name: s.lead_status, doctype: 'CRM Lead Status', ...s });
		for (const industry of CRM_INDUSTRIES) table('CRM Industry').set(industry, { ...base, name: industry, doctype: 'CRM Industry', industry });
		for (const source of CRM_LEAD_SOURCES) table('CRM Lead Source').set(source, { ...base, name: source, doctype: 'CRM Lead Source', source_name: source });
		for (const l of CRM_DEFAULT_LAYOUTS) {
			const name = `${l.dt}-${l.type}`;
			table('CRM Fields Layout').set(name, { ...base, name, doctype: 'CRM Fields Layout', ...l });
		}
		// Deal Monitor (issue 18): add_default_deal_statuses and the "CRM Deal-Data Fields" layout.
		for (const d of CRM_DEAL_STATUSES) table('CRM Deal Status').set(d.deal_status, { ...base, name: d.deal_status, doctype: 'CRM Deal Status', ...d });
		const dealData = `${CRM_DEAL_DATA_FIELDS_LAYOUT.dt}-${CRM_DEAL_DATA_FIELDS_LAYOUT.type}`;
		table('CRM Fields Layout').set(dealData, { ...base, name: dealData, doctype: 'CRM Fields Layout', ...CRM_DEAL_DATA_FIELDS_LAYOUT });
	}

	function crmCheck(check: () => void): void {
		try {
			check();
		} catch (error) {
			crmError(error);
		}
	}

	function crmError(error: unknown): never {
		if (error instanceof CrmValidationError) throw new FrappeError(error.status, error.excType, error.message, error.title);
		throw error;
	}

	/**
	 * A CRM doctype's save (insert and update): the JSON's field defaults on insert, CRM Lead's validate
	 * (validateCrmLead), the mandatory fields, and on CRM Lead the Link fields status/source/industry/
	 * territory (frappe/frappe frappe/model/document.py _validate_links + base_document.py
	 * get_invalid_links: 417 LinkValidationError "Could not find {label}: {value}") when validateLinks is on.
	 */
	function crmOnValidate(doctype: string, doc: Record<string, unknown>, isNew: boolean, before?: Doc): void {
		if (isNew) for (const [field, value] of Object.entries(CRM_DEFAULTS[doctype] ?? {})) if (doc[field] === undefined) doc[field] = value;
		// Deal Monitor (issue 18): CRM Deal validate (validateCrmDeal: default status, status change log, probability).
		if (doctype === 'CRM Deal') validateCrmDeal(doc, isNew ? undefined : before, table('CRM Deal Status'), frappeTimestamp(now(), settings.timeZone), settings.user);
		try {
			if (doctype === 'CRM Lead') validateCrmLead(doc, isNew, new Set(table('CRM Lead Status').keys()));
			checkMandatory(doctype, doc);
			if (doctype === 'CRM Deal') checkDealProducts(doc.products, (code) => table('CRM Product').has(code));
		} catch (error) {
			crmError(error);
		}
		if (doctype === 'CRM Lead' && settings.validateLinks) {
			const labels = new Map(CRM_DOCTYPE_FIELDS['CRM Lead'].map(([f, , label]) => [f, label]));
			const missing = Object.entries(CRM_LEAD_LINKS)
				.filter(([field, target]) => doc[field] !== undefined && doc[field] !== null && doc[field] !== '' && !linkTarget(target, doc[field]))
				.map(([field]) => `${labels.get(field)}: ${String(doc[field])}`);
			if (missing.length > 0) throw new FrappeError(417, 'LinkValidationError', `Could not find ${missing.join(', ')}`);
		}
	}

	/** The meta's field order: standard fields (field_order) with each Custom Field after its insert_after. */
	function crmFieldOrder(doctype: string): Array<{ fieldname: string; label: string; fieldtype: string }> {
		const fields = (CRM_DOCTYPE_FIELDS[doctype] ?? []).map(([fieldname, fieldtype, label]) => ({ fieldname, fieldtype, label }));
		for (const f of [...table('Custom Field').values()].filter((c) => c.dt === doctype)) {
			const entry = { fieldname: String(f.fieldname), fieldtype: String(f.fieldtype ?? 'Data'), label: String(f.label ?? '') };
			const at = fields.findIndex((x) => x.fieldname === f.insert_after);
			if (at < 0) fields.push(entry);
			else fields.splice(at + 1, 0, entry);
		}
		return fields;
	}

	/**
	 * frappe/frappe frappe/model/document.py save_version for a `track_changes` doctype: after a save that
	 * changed something, a Version {ref_doctype, docname, data} whose data.changed lists [field, old, new]
	 * in meta order, value fields only (frappe/core/doctype/version/version.py get_diff). No Version on insert.
	 */
	function saveVersion(doctype: string, before: Doc, after: Doc): void {
		const skip = new Set(['Section Break', 'Column Break', 'Tab Break', 'Table', 'HTML', 'Button']);
		const changed = crmFieldOrder(doctype)
			.filter((f) => !skip.has(f.fieldtype) && (before[f.fieldname] ?? null) !== (after[f.fieldname] ?? null) && String(before[f.fieldname] ?? '') !== String(after[f.fieldname] ?? ''))
			.map((f) => [f.fieldname, before[f.fieldname] ?? null, after[f.fieldname] ?? null]);
		if (changed.length === 0) return;
		store('Version', { ref_doctype: doctype, docname: after.name, data: JSON.stringify({ added: [], changed, removed: [], row_changed: [], data_import: null, updater_reference: null }) });
	}

	/**
	 * crm/hooks.py doc_events Comment after_insert → crm/utils/__init__.py on_comment_insert: a Comment of
	 * type "Comment" on a CRM Lead or CRM Deal sets the record's `modified` to now (update_modified=False,
	 * so modified_by stays) when FCRM Settings update_timestamp_on_new_communication is on (its default, 1;
	 * fcrm_settings.json). Real Frappe does it in a background job; here at once.
	 */
	function crmOnCommentInsert(comment: Doc): void {
		const refType = String(comment.reference_doctype ?? '');
		if (comment.comment_type !== 'Comment' || (refType !== 'CRM Lead' && refType !== 'CRM Deal')) return;
		const parent = table(refType).get(String(comment.reference_name ?? ''));
		if (parent) parent.modified = frappeTimestamp(now(), settings.timeZone);
	}

	/** The whitelisted Frappe CRM methods this fake serves; undefined for any other method. */
	function crmMethod(method: string, verb: string, args: Record<string, unknown>): Answer | undefined {
		switch (method) {
			// crm/api/activities.py get_activities(name): a CRM Deal's or a CRM Lead's activity (404 "Document
			// not found" otherwise; 403 "Not permitted" without read on it), answered as [activities, calls,
			// notes, tasks, attachments]. notes/tasks are FCRM Note/CRM Task rows whose reference_docname is
			// the record (get_linked_notes, get_linked_tasks), calls the CRM Call Log rows; attachments are
			// not mirrored (always []).
			case 'crm.api.activities.get_activities': {
				const name = String(args.name ?? '');
				const doctype = table('CRM Deal').has(name) ? 'CRM Deal' : table('CRM Lead').has(name) ? 'CRM Lead' : undefined;
				if (!doctype) throw new FrappeError(404, 'DoesNotExistError', 'Document not found', 'Not Found');
				if (!(CRM_ROLE_PERMISSIONS[doctype].read ?? []).some((r) => settings.roles.includes(r))) throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
				const record = getDoc(doctype, name);
				const byCreation = (a: Doc, b: Doc) => (String(a.creation) < String(b.creation) ? -1 : 1);
				const versions = [...table('Version').values()].filter((v) => v.ref_doctype === doctype && v.docname === name).sort(byCreation) as unknown as VersionRow[];
				const comments = [...table('Comment').values()].filter((c) => c.reference_doctype === doctype && c.reference_name === name && c.comment_type === 'Comment');
				const labels = new Map(crmFieldOrder(doctype).map((f) => [f.fieldname, f.label]));
				const linked = (dt: string, fields: string[]) =>
					[...table(dt).values()].filter((r) => r.reference_docname === name).map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
				const notes = linked('FCRM Note', ['name', 'title', 'content', 'owner', 'modified', 'creation']);
				const tasks = linked('CRM Task', ['name', 'title', 'description', 'assigned_to', 'due_date', 'priority', 'status', 'modified', 'creation']);
				const calls = linked('CRM Call Log', ['name', 'caller', 'receiver', 'from', 'to', 'duration', 'start_time', 'end_time', 'status', 'type', 'recording_url', 'creation', 'note']);
				// Outreach (issue 18): the record's Communications as `communication` activities.
				const communications = communicationActivities([...table('Communication').values()].filter((c) => c.reference_doctype === doctype && c.reference_name === name), doctype === 'CRM Lead');
				return { status: 200, body: { message: [leadActivities(record, versions, comments, labels, doctype === 'CRM Lead', communications), calls, notes, tasks, []] } };
			}
			// crm/fcrm/doctype/crm_fields_layout/crm_fields_layout.py get_sidepanel_sections(doctype): [] without a
			// "Side Panel" layout; else its sections with each field name that is a value field of the meta
			// replaced by the field (get_field_obj adds a placeholder, a read-only tooltip and Select options as
			// {label, value}); names not in the meta stay as they are.
			case 'crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections': {
				const doctype = String(args.doctype ?? '');
				const layout = table('CRM Fields Layout').get(`${doctype}-Side Panel`);
				if (!layout || !layout.layout) return { status: 200, body: { message: [] } };
				const custom = [...table('Custom Field').values()].filter((f) => f.dt === doctype);
				const metaFields = new Map<string, Record<string, unknown>>([
					...(CRM_DOCTYPE_FIELDS[doctype] ?? []).map(([fieldname, fieldtype, label, options, reqd]) => [fieldname, { fieldname, fieldtype, label, options: options ?? null, reqd: reqd ?? 0, read_only: 0 }] as [string, Record<string, unknown>]),
					...custom.map((f) => [String(f.fieldname), { fieldname: f.fieldname, fieldtype: f.fieldtype, label: f.label, options: f.options ?? null, reqd: f.reqd ?? 0, read_only: f.read_only ?? 0 }] as [string, Record<string, unknown>]),
				]);
				const sections = JSON.parse(String(layout.layout)) as Array<{ name?: string; label?: string; columns?: Array<{ fields?: unknown[] }> }>;
				for (const section of sections) {
					section.name = section.name || section.label;
					for (const column of section.columns ?? []) {
						column.fields = (column.fields ?? []).map((f) => {
							const field = typeof f === 'string' ? metaFields.get(f) : undefined;
							if (!field || ['Tab Break', 'Section Break', 'Column Break'].includes(String(field.fieldtype))) return f;
							const out: Record<string, unknown> = { ...field, placeholder: `${field.fieldtype === 'Link' || field.fieldtype === 'Select' ? 'Select' : 'Add'} ${String(field.label)}...` };
							if (field.fieldtype === 'Select' && typeof field.options === 'string') out.options = field.options.split('\n').map((o) => ({ label: o, value: o }));
							if (Number(field.read_only)) out.tooltip = 'This field is read only and cannot be edited.';
							return out;
						});
					}
				}
				return { status: 200, body: { message: sections } };
			}
			// crm_fields_layout.py get_fields_layout(doctype, type): the {doctype}-{type} layout, or for any type
			// but Required Fields the default one built from the meta when it has none (get_default_layout: a
			// tab per Tab Break, a section per Section Break, every value field); sections not inside tabs are
			// wrapped as [{name: "first_tab", sections}]; each field name the meta knows becomes the field.
			// (The default layout here is one tab, one section, one column: the fake keeps no breaks.)
			case 'crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_fields_layout': {
				const doctype = String(args.doctype ?? '');
				const type = String(args.type ?? '');
				const stored = table('CRM Fields Layout').get(`${doctype}-${type}`);
				const meta = crmFieldOrder(doctype).filter((f) => !['Tab Break', 'Section Break', 'Column Break'].includes(f.fieldtype));
				let tabs = (stored?.layout ? JSON.parse(String(stored.layout)) : []) as unknown[];
				if (tabs.length === 0 && type !== 'Required Fields') tabs = [{ name: 'tab_1', sections: [{ name: 'section_1', columns: [{ name: 'column_1', fields: meta.map((f) => f.fieldname) }] }] }];
				const hasTabs = tabs.some((t) => !!t && typeof t === 'object' && 'sections' in t);
				const shaped = (hasTabs ? tabs : [{ name: 'first_tab', sections: tabs }]) as Array<{ sections: Array<{ columns?: Array<{ fields?: unknown[] }> }> }>;
				const byName = new Map(meta.map((f) => [f.fieldname, f]));
				for (const tab of shaped) for (const section of tab.sections) for (const column of section.columns ?? []) column.fields = (column.fields ?? []).map((f) => (typeof f === 'string' && byName.has(f) ? { ...byName.get(f) } : f));
				return { status: 200, body: { message: shaped } };
			}
			// crm_fields_layout.py save_fields_layout(doctype, type, layout): 403 "Not permitted to modify fields
			// layout" without write on CRM Fields Layout (Sales User may only read it); creates or updates the
			// {doctype}-{type} layout and answers its layout. It writes, so only POST commits (handler.py).
			case 'crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.save_fields_layout': {
				if (verb !== 'POST' && verb !== 'PUT') throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
				if (!(CRM_ROLE_PERMISSIONS['CRM Fields Layout'].write ?? []).some((r) => settings.roles.includes(r))) {
					throw new FrappeError(403, 'PermissionError', 'Not permitted to modify fields layout', 'Not Permitted');
				}
				const dt = String(args.doctype ?? '');
				const type = String(args.type ?? '');
				const layout = typeof args.layout === 'string' ? args.layout : JSON.stringify(args.layout ?? null);
				const name = `${dt}-${type}`;
				const doc = table('CRM Fields Layout').has(name) ? update('CRM Fields Layout', name, { layout }) : insert('CRM Fields Layout', { dt, type, layout });
				return { status: 200, body: { message: doc.layout } };
			}
			default:
				return undefined;
		}
	}

	function requireDoctype(doctype: string): void {
		const known = (KNOWN_DOCTYPES.has(doctype) && (erpnextApp || FRAPPE_DOCTYPES.has(doctype))) || (crmApp && (CRM_DOCTYPES.has(doctype) || doctype === 'Version' || OUTREACH_DOCTYPES.has(doctype)));
		if (!known) throw new FrappeError(404, 'DoesNotExistError', `DocType ${doctype} not found`, 'Not Found');
	}

	function requireRole(doctype: string, roles: string[]): void {
		if (!roles.some((r) => settings.roles.includes(r))) {
			throw new FrappeError(403, 'PermissionError', `Insufficient Permission for ${doctype}`, 'Not Permitted');
		}
	}

	function checkPermission(doctype: string, ptype: PermType): void {
		const allowed = (ROLE_PERMISSIONS[doctype] ?? (crmApp ? (CRM_ROLE_PERMISSIONS[doctype] ?? OUTREACH_ROLE_PERMISSIONS[doctype]) : undefined))?.[ptype];
		if (allowed && !allowed.some((r) => settings.roles.includes(r))) {
			const verb = ptype === 'read' ? 'read' : ptype;
			throw new FrappeError(403, 'PermissionError', `No permission to ${verb} ${doctype}`, 'Not Permitted');
		}
	}

	/**
	 * Permission query conditions a list applies silently for this user (no error, fewer rows).
	 * frappe/frappe v15 frappe/core/doctype/communication/communication.py
	 * get_permission_query_conditions_for_communication: without System Manager or Super Email User
	 * (and with no User Email account) only `communication_medium != 'Email'` rows come back.
	 * frappe/frappe v15 frappe/desk/doctype/todo/todo.py get_permission_query_conditions: without a
	 * non-automatic role that has ToDo permission (System Manager) only ToDos allocated to or assigned
	 * by the user. (Event's conditions live in tests/nodes/support/dealErpNext.mts, which serves Event.)
	 */
	function visibleTo(doctype: string): (doc: Doc) => boolean {
		const roles = settings.roles;
		if (doctype === 'Communication' && !roles.includes('System Manager') && !roles.includes('Super Email User')) {
			return (doc) => doc.communication_medium !== 'Email';
		}
		if (doctype === 'ToDo' && !roles.includes('System Manager')) {
			return (doc) => doc.allocated_to === settings.user || doc.assigned_by === settings.user;
		}
		return () => true;
	}

	// frappe/model/document.py load_from_db: a missing document is frappe.throw("{doctype} {name} not found",
	// DoesNotExistError) → 404; an unknown doctype fails in frappe.get_meta with "DocType … not found" (404).
	function getDoc(doctype: string, name: string): Doc {
		requireDoctype(doctype);
		const doc = table(doctype).get(name);
		if (!doc) throw new FrappeError(404, 'DoesNotExistError', `${doctype} ${name} not found`, 'Not Found');
		return doc;
	}

	function validateInsert(doctype: string, input: Record<string, unknown>): Record<string, unknown> {
		const doc = { ...input };
		// frappe/api/v1.py create_doc: the body's `doctype` is dropped, the URL's is used.
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
			const standard =
				(doc.dt === 'Lead' && LEAD_FIELDS.includes(String(doc.fieldname))) ||
				(crmApp && (CRM_DOCTYPE_FIELDS[String(doc.dt)] ?? []).some(([fieldname]) => fieldname === doc.fieldname));
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
		if (doctype === 'Quotation') quotationOnInsert(doc);
		if (crmApp && CRM_DOCTYPES.has(doctype)) crmOnValidate(doctype, doc, true);
		// Desk approval on Frappe CRM (issue 19): CRM Task selects (frappe-crm-app.mts validateCrmTaskSelects).
		if (crmApp && doctype === 'CRM Task') crmCheck(() => validateCrmTaskSelects(doc));
		checkUnique(doctype, doc);
		return doc;
	}

	/**
	 * Custom Fields with `unique` set: the Custom Field's updatedb alters the table with `ADD UNIQUE
	 * INDEX IF NOT EXISTS` on the column (frappe/frappe frappe/database/mariadb/schema.py @071e2695
	 * MariaDBTable.alter), in the utf8mb4_unicode_ci collation, so values clash case-insensitively. A blank value is
	 * stored as NULL, which the index lets repeat (frappe/model/base_document.py get_valid_dict: "unique
	 * empty field should be set to None"). A second row with the same value is refused by the database,
	 * and frappe/model/base_document.py db_insert / db_update turn the IntegrityError into
	 * show_unique_validation_message: msgprint "{label} must be unique" (MariaDB) and raise
	 * UniqueValidationError, a ValidationError, so HTTP 417 (frappe/exceptions.py); only a clash of the
	 * primary key `name` is DuplicateEntryError (409). Read at frappe/frappe develop base_document.py
	 * (the same code in v14/v15).
	 */
	function checkUnique(doctype: string, doc: Record<string, unknown>, self?: string): void {
		const unique = [...table('Custom Field').values()].filter((f) => f.dt === doctype && Number(f.unique ?? 0) === 1);
		for (const field of unique) {
			const fieldname = String(field.fieldname);
			const value = doc[fieldname];
			if (value === undefined) continue;
			if (value === null || String(value).trim() === '') {
				doc[fieldname] = null;
				continue;
			}
			const folded = String(value).toLowerCase();
			const clash = [...table(doctype).values()].some((other) => other.name !== self && other[fieldname] !== null && other[fieldname] !== undefined && String(other[fieldname]).toLowerCase() === folded);
			if (clash) throw new FrappeError(417, 'UniqueValidationError', `${String(field.label ?? fieldname)} must be unique`);
		}
	}

	function insert(doctype: string, input: unknown): Doc {
		requireDoctype(doctype);
		checkPermission(doctype, 'create');
		if (!input || typeof input !== 'object' || Array.isArray(input)) {
			throw new FrappeError(417, 'ValidationError', 'Invalid request body');
		}
		const doc = store(doctype, validateInsert(doctype, input as Record<string, unknown>));
		if (doctype === 'Comment') cacheComment(doc);
		if (doctype === 'Comment' && crmApp) crmOnCommentInsert(doc);
		// Desk approval on Frappe CRM (issue 19): crm_task.py after_insert assigns, the ToDo hook notifies.
		if (doctype === 'CRM Task' && crmApp) for (const [dt, row] of crmTaskAfterInsert(doc, settings.user, frappeTimestamp(now(), settings.timeZone).slice(0, 10))) store(dt, row);
		if (doctype === 'Communication' && crmApp) {
			const touched = communicationTouches(doc);
			const parent = touched ? table(touched.doctype).get(touched.name) : undefined;
			if (parent) parent.modified = frappeTimestamp(now(), settings.timeZone);
		}
		return doc;
	}

	function update(doctype: string, name: string, patch: unknown): Doc {
		const doc = getDoc(doctype, name);
		checkPermission(doctype, 'write');
		if (doctype === 'Custom Field') requireRole('Custom Field', ['System Manager', 'Administrator']);
		if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
			throw new FrappeError(417, 'ValidationError', 'Invalid request body');
		}
		const changes = { ...(patch as Record<string, unknown>) };
		// frappe/api/v1.py update_doc: doc.update(body) then doc.save(); frappe/model/document.py
		// check_if_latest compares the stored `modified` with the one the body carries (none sent = the
		// stored one, so no check) and msgprints "(stored, sent)" with TimestampMismatchError (417).
		if (changes.modified !== undefined && changes.modified !== doc.modified) {
			throw new FrappeError(
				417,
				'TimestampMismatchError',
				`Error: Document has been modified after you have opened it (${String(doc.modified)}, ${String(changes.modified)}). Please refresh to get the latest document.`,
			);
		}
		for (const key of ['name', 'doctype', 'owner', 'creation', 'modified', 'modified_by']) delete changes[key];
		// frappe/model/document.py save → set_user_and_timestamp: every save stamps `modified` anew (below).
		if (doc.docstatus === 1 && !(Object.keys(changes).length === 1 && changes.docstatus === 2)) {
			throw new FrappeError(417, 'UpdateAfterSubmitError', 'Not allowed to change fields after submission');
		}
		checkUnique(doctype, changes, name);
		if (doctype === 'Custom Field' && Number(changes.unique ?? 0) === 1 && Number(doc.unique ?? 0) !== 1) {
			// frappe/frappe frappe/database/mariadb/schema.py @071e2695 MariaDBTable.alter: the ADD UNIQUE
			// INDEX fails with DUP_ENTRY on existing duplicates, and frappe.throw says so (417).
			const fieldname = String(doc.fieldname);
			const values = [...table(String(doc.dt)).values()].map((d) => d[fieldname]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '').map((v) => String(v).toLowerCase());
			if (new Set(values).size !== values.length) {
				throw new FrappeError(417, 'ValidationError', `${fieldname} field cannot be set as unique in tab${String(doc.dt)}, as there are non-unique existing values`);
			}
		}
		const stamp = frappeTimestamp(now(), settings.timeZone);
		const next: Doc = { ...doc, ...changes, name: doc.name, modified: stamp, modified_by: settings.user };
		for (const [key, value] of Object.entries(changes)) {
			if (Array.isArray(value)) next[key] = value.map((row, i) => childRow(row, next, key, i, stamp));
		}
		if (crmApp && CRM_DOCTYPES.has(doctype)) crmOnValidate(doctype, next, false, doc);
		if (crmApp && doctype === 'CRM Task') crmCheck(() => validateCrmTaskSelects(next));
		table(doctype).set(name, next);
		if (crmApp && CRM_TRACK_CHANGES.has(doctype)) saveVersion(doctype, doc, next);
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
		// frappe/api/v1.py document_list: limit_page_length defaults to `limit or limit_page_length or 20`;
		// frappe/model/db_query.py execute: limit_page_length 0 means no LIMIT (every row), limit_start is
		// the offset. There is no total in the answer, so clients page until a short page.
		const start = Number(params.limit_start ?? params.start ?? 0);
		const lengthParam = params.limit_page_length ?? params.limit;
		const length = lengthParam === undefined || lengthParam === '' ? 20 : Number(lengthParam);
		checkPermission(doctype, 'read');
		const visible = visibleTo(doctype);
		let rows = [...table(doctype).values(), ...assumedRecords(doctype, filters)].filter((d) => visible(d) && filters.every((c) => matches(d, c)));
		if (orFilters.length > 0) rows = rows.filter((d) => orFilters.some((c) => matches(d, c)));
		rows = sortDocs(rows, orderBy);
		const page = length === 0 ? rows.slice(start) : rows.slice(start, start + length);
		return page.map((d) => pick(d, fields && fields.length > 0 ? fields : ['name'], listColumns(doctype)));
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

	// --- Desk approvals (issue 19) ---
	// frappe/frappe frappe/desk/form/assign_to.py `add` @ a32bc623 (the same facts as the Deal Monitor's
	// front in tests/nodes/support/dealErpNext.mts): whitelisted; `assign_to` is a JSON list of users; the
	// caller needs read permission on the document; a user who already has an Open ToDo on the document
	// is skipped (a msgprint only); each new ToDo is inserted with ignore_permissions: status Open,
	// priority default Medium, date default today, assigned_by the session user, description as given;
	// the document's `_assign` lists the users; the answer (`get`) is the document's open ToDos as
	// {owner, name}. Frappe sanitises a ToDo description (Text Editor) on save, keeping ordinary markup
	// and text such as `[ltc-approval …]`; the fake stores it as given.
	// A Quotation is rejected in the desk only after it was submitted: erpnext/selling/doctype/quotation/
	// quotation.js (frappe/erpnext @ 2713876d, version-15 line) shows "Declare Lost" and Cancel only for
	// docstatus 1; quotation.py `declare_enquiry_lost(lost_reasons_list, competitors, detailed_reason)`
	// db_sets status "Lost" (and order_lost_reason), appends the lost_reasons rows ({lost_reason}) and
	// saves (tests/support/frappeWebhookSender.mts QUOTATION_TRANSITIONS.declareLost).
	function deskApprovalMethod(method: string, verb: string, args: Record<string, unknown>): Answer | undefined {
		if (method !== 'frappe.desk.form.assign_to.add') return undefined;
		if (verb !== 'POST' && verb !== 'PUT') throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
		const doctype = String(args.doctype ?? '');
		const name = String(args.name ?? '');
		requireDoctype(doctype);
		checkPermission(doctype, 'read');
		const doc = getDoc(doctype, name);
		const users = (typeof args.assign_to === 'string' ? JSON.parse(args.assign_to) : args.assign_to) as unknown;
		if (!Array.isArray(users)) throw new FrappeError(417, 'ValidationError', 'assign_to must be a list of users');
		const open = () => [...table('ToDo').values()].filter((t) => t.reference_type === doctype && t.reference_name === name && t.status === 'Open');
		for (const user of users.map(String)) {
			if (open().some((t) => t.allocated_to === user)) continue;
			store('ToDo', {
				status: 'Open',
				allocated_to: user,
				reference_type: doctype,
				reference_name: name,
				description: args.description ?? `Assignment for ${doctype} ${name}`,
				date: args.date ?? frappeTimestamp(now(), settings.timeZone).slice(0, 10),
				priority: args.priority ?? 'Medium',
				assigned_by: settings.user,
			});
		}
		doc._assign = JSON.stringify([...new Set(open().map((t) => String(t.allocated_to)))]);
		return { status: 200, body: { message: open().map((t) => ({ owner: t.allocated_to, name: t.name })) } };
	}
	// --- end of desk approvals ---

	function callMethod(method: string, verb: string, args: Record<string, unknown>): Answer {
		// frappe/handler.py handle: a method's return value is the answer's `message` (nothing when it
		// returns None); is_valid_http_method refuses a verb the method is not whitelisted for with 403
		// "Not permitted" (frappe/client.py insert/save/delete are whitelisted for POST/PUT/DELETE only).
		const post = (fn: () => unknown): Answer => {
			if (verb !== 'POST' && verb !== 'PUT') throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
			return { status: 200, body: { message: fn() } };
		};
		switch (method) {
			// frappe/auth.py get_logged_user: frappe.session.user (the key's user).
			case 'frappe.auth.get_logged_user':
				return { status: 200, body: { message: settings.user } };
			// frappe/handler.py ping: allow_guest, answers "pong".
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
			// frappe/frappe v15 frappe/desk/form/utils.py add_comment (whitelisted POST/PUT): needs only
			// read on the reference document (reference_doc.check_permission()), inserts a Comment of
			// type "Comment" with ignore_permissions, so no Comment permission is needed.
			case 'frappe.desk.form.utils.add_comment':
				return post(() => {
					const refType = String(args.reference_doctype ?? '');
					const refName = String(args.reference_name ?? '');
					requireDoctype(refType);
					checkPermission(refType, 'read');
					getDoc(refType, refName);
					for (const key of ['content', 'comment_email', 'comment_by']) {
						if (args[key] === undefined) throw new FrappeError(417, 'ValidationError', `add_comment() missing 1 required positional argument: '${key}'`);
					}
					const comment = store('Comment', {
						comment_type: 'Comment',
						reference_doctype: refType,
						reference_name: refName,
						content: args.content,
						comment_email: args.comment_email,
						comment_by: args.comment_by,
					});
					cacheComment(comment);
					if (crmApp) crmOnCommentInsert(comment);
					return comment;
				});
			// frappe/frappe v15 frappe/desk/form/load.py getdoctype: whitelisted with no permission check;
			// answers the meta bundle under `docs` (not `message`), custom fields merged into `fields`
			// (frappe/model/meta.py add_custom_fields).
			case 'frappe.desk.form.load.getdoctype': {
				const doctype = String(args.doctype ?? '');
				requireDoctype(doctype);
				return { status: 200, body: { docs: [meta(doctype)], user_settings: '{}' } };
			}
			// frappe/frappe frappe/client.py get_time_zone (allow_guest, every version read through v15):
			// {"time_zone": System Settings time_zone}.
			case 'frappe.utils.change_log.get_versions':
				return { status: 200, body: { message: frappeVersions(apps, settings.erpnextVersion) } };
			case 'frappe.client.get_time_zone':
				return { status: 200, body: { message: { time_zone: settings.timeZone } } };
			// frappe/frappe v15 frappe/core/doctype/user/user.py get_roles: whitelisted for any logged-in
			// user, frappe.get_roles(uid) (the automatic roles Guest/All included).
			case 'frappe.core.doctype.user.user.get_roles': {
				const uid = String(args.uid ?? settings.user);
				const roles = uid === settings.user ? settings.roles : [];
				return { status: 200, body: { message: [...roles, 'All', 'Guest'] } };
			}
			// frappe/frappe v15 frappe/utils/print_format.py download_pdf sets the file name to
			// name.replace(" ", "-").replace("/", "-") + ".pdf"; frappe/utils/response.py as_pdf sends it
			// as `Content-Disposition: filename=<name>` through werkzeug (quoted only when needed),
			// no disposition type. (v13/v14 as_pdf: filename="…" with spaces as _ plus filename*=utf-8''…)
			case 'frappe.utils.print_format.download_pdf': {
				const name = String(args.name);
				const fileName = `${name.replace(/ /g, '-').replace(/\//g, '-')}.pdf`;
				const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(fileName);
				return {
					status: 200,
					body: pdf(String(args.doctype), name, String(args.format ?? 'Standard')),
					headers: {
						'Content-Type': 'application/pdf',
						'Content-Disposition': `filename=${token ? fileName : `"${fileName.replace(/(["\\])/g, '\\$1')}"`}`,
					},
				};
			}
			// frappe/handler.py execute_cmd: a method that cannot be imported is frappe.throw(...) with the
			// default ValidationError, so 417, not 404.
			default: {
				const deskAnswer = deskApprovalMethod(method, verb, args);
				if (deskAnswer) return deskAnswer;
				const crmAnswer = crmApp ? crmMethod(method, verb, args) : undefined;
				if (crmAnswer) return crmAnswer;
				throw new FrappeError(417, 'ValidationError', `Failed to get method for command ${method} with module has no attribute`);
			}
		}
	}

	// frappe/api/v1.py execute_doc_method: POST /api/resource/{doctype}/{name} with run_method needs write
	// permission and answers the method's return value (Lead.add_note returns nothing: an empty answer).
	function runDocMethod(doctype: string, name: string, args: Record<string, unknown>): Answer {
		const doc = getDoc(doctype, name);
		const method = String(args.run_method);
		if (doctype === 'Lead' && method === 'add_note') {
			const notes = Array.isArray(doc.notes) ? doc.notes : [];
			update(doctype, name, {
				notes: [...notes, { note: args.note, added_by: settings.user, added_on: frappeTimestamp(now(), settings.timeZone) }],
			});
			return { status: 200, body: {} };
		}
		throw new FrappeError(403, 'PermissionError', 'Not permitted', 'Not Permitted');
	}

	/**
	 * frappe/auth.py validate_auth: only a header of exactly two space-separated parts is looked at;
	 * anything else leaves the request as Guest. `token key:secret` and `Basic base64(key:secret)`
	 * (scheme in any case) log the key's user in; a wrong key or secret is a bare AuthenticationError
	 * (401, no message); a value that does not split into key:secret leaves Guest, and a two-part
	 * header that ends as Guest (Bearer with an unknown token too) is AuthenticationError as well.
	 * Basic with undecodable base64 is InvalidAuthorizationToken (a CSRFTokenError, 400).
	 */
	function authenticate(header: string | undefined): string {
		const parts = (header ?? '').split(' ');
		if (parts.length !== 2) return 'Guest';
		const [scheme, value] = parts;
		let pair: string | undefined;
		if (scheme.toLowerCase() === 'token') pair = value;
		else if (scheme.toLowerCase() === 'basic') {
			const clean = value.replace(/[^A-Za-z0-9+/=]/g, '');
			if (clean.length % 4 !== 0) {
				throw new FrappeError(400, 'InvalidAuthorizationToken', 'Failed to decode token, please provide a valid base64-encoded token.');
			}
			pair = Buffer.from(clean, 'base64').toString('utf8');
		}
		const [key, secret, ...rest] = pair === undefined ? [] : pair.split(':');
		if (key !== undefined && secret !== undefined && rest.length === 0 && key === apiKey && secret === apiSecret) return settings.user;
		throw new FrappeError(401, 'AuthenticationError', '', 'Not Permitted');
	}

	/** frappe/handler.py: the methods whitelisted with allow_guest=True that this fake serves. */
	const GUEST_METHODS = new Set(['frappe.ping']);

	async function route(method: string, segments: string[], query: Record<string, string>, body: unknown, headers: http.IncomingHttpHeaders): Promise<Answer> {
		// frappe/app.py application: validate_auth runs before any route. A Guest may call allow_guest
		// methods only: other methods fail frappe.is_whitelisted and lists/documents the permission check,
		// both 403 PermissionError.
		if (authenticate(headers.authorization) === 'Guest' && !(segments[1] === 'method' && GUEST_METHODS.has(segments[2] ?? ''))) {
			throw new FrappeError(403, 'PermissionError', 'You are not permitted to access this resource.', 'Not Permitted');
		}
		const args = { ...query, ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}) };
		if (segments[0] !== 'api') throw new FrappeError(404, 'DoesNotExistError', 'Page not found', 'Not Found');
		if (segments[1] === 'method' && segments.length === 3) return callMethod(segments[2], method, args);
		// frappe/api/__init__.py handle + v1.py url_rules: /api and /api/v1 share the routes; a resource
		// endpoint's return value is the answer's `data`, a method's is `message` (handler.py).
		if (segments[1] === 'resource' && segments.length === 3) {
			const doctype = segments[2];
			if (method === 'GET') return { status: 200, body: { data: list(doctype, query) } };
			if (method === 'POST') return { status: 200, body: { data: insert(doctype, body) } };
		}
		if (segments[1] === 'resource' && segments.length === 4) {
			const [, , doctype, name] = segments;
			if (method === 'GET') {
				// frappe/frappe v15 frappe/api.py (v1 `GET /api/resource/<doctype>/<name>`): `frappe.get_doc`
				// loads the child tables, and the answer is the whole document with them (the ERPNext Trigger's
				// catch-up poll fetches each missed version this way; the list drops child tables).
				checkPermission(doctype, 'read');
				return { status: 200, body: { data: getDoc(doctype, name) } };
			}
			if (method === 'PUT') return { status: 200, body: { data: update(doctype, name, body) } };
			if (method === 'DELETE') {
				getDoc(doctype, name);
				checkPermission(doctype, 'delete');
				table(doctype).delete(name);
				// frappe/api/v1.py delete_doc: frappe.delete_doc(ignore_missing=False), answer 202 {"data": "ok"}.
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
				// frappe/frappe v15 frappe/rate_limiter.py RateLimiter.respond: 429 with
				// Retry-After = X-RateLimit-Reset = self.reset, the seconds left in the window (often
				// hundreds to thousands); the default 1 is a window about to reset, tests of a real limit
				// pass the remaining window (tests/connectors/erpnext/client.test.mts).
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

	// frappe/app.py handle_exception: JSON when Accept asks for application/json (or the request is
	// ajax), or for any /api/ path whose Accept does not start with "text"; otherwise an HTML page.
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

	seedStandardRecords();
	if (crmApp) seedCrmRecords();

	let delayMs = options.delayMs ?? 0;
	const pathDelays: Array<{ only: string | RegExp; ms: number }> = [];
	const delayFor = (path: string): number => {
		const scoped = pathDelays.find(({ only }) => (typeof only === 'string' ? path.startsWith(only) : only.test(path)));
		return scoped?.ms ?? delayMs;
	};
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
			const wait = delayFor(path);
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
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
		dbSet: (doctype, name, changes) => {
			const doc = getDoc(doctype, name);
			const next: Doc = { ...doc, ...changes, name: doc.name, modified: frappeTimestamp(now(), settings.timeZone), modified_by: settings.user };
			table(doctype).set(name, next);
			return next;
		},
	};

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		state,
		fault: (spec) => {
			faults.push({ ...spec, left: spec.times ?? 1 });
		},
		setDelay: (ms, only) => {
			if (only === undefined) delayMs = ms;
			else pathDelays.unshift({ only, ms });
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

// --- Outcome history (issue 20) ---
// Closed Leads for the backtest of the lead score. ERPNext's Lead `status` options are Lead, Open,
// Replied, Opportunity, Quotation, Lost Quotation, Interested, Converted and Do Not Contact
// (frappe/erpnext erpnext/crm/doctype/lead/lead.json @ 2dedc76b). ERPNext sets four of them itself
// from what happened to the Lead: erpnext/controllers/status_updater.py status_map["Lead"] =
// [["Lost Quotation", "has_lost_quotation"], ["Opportunity", "has_opportunity"], ["Quotation",
// "has_quotation"], ["Converted", "has_customer"]] (evaluated last to first on validate; stored
// develop copy, the same list in v14/v15); "Do Not Contact" is chosen by a person. `creation` is when
// the Lead came in (a naive datetime in the site's time zone); the status change later stamps only
// `modified` (Document.db_set), which is what seedClosedLeads reproduces on top of `seed`.
export const LEAD_STATUS_OPTIONS = ['Lead', 'Open', 'Replied', 'Opportunity', 'Quotation', 'Lost Quotation', 'Interested', 'Converted', 'Do Not Contact'] as const;

export function seedClosedLeads(
	state: ErpNextState,
	rows: Array<Record<string, unknown> & { creation: string; status: (typeof LEAD_STATUS_OPTIONS)[number] }>,
): Doc[] {
	return rows.map((row) => {
		const [doc] = state.seed('Lead', [row]);
		return state.dbSet('Lead', doc.name, { creation: row.creation, status: row.status });
	});
}

// --- Leads reviewed in the desk (issue 19, ADR 0039) ---
// What a desk user's decision on an assignment does, from frappe/frappe:
// - frappe/desk/doctype/todo/todo.js: the ToDo form's *Close* button sets status "Closed" and saves.
// - frappe/desk/form/assign_to.py @ a32bc623: `remove(doctype, name, assign_to)` (the × beside an
//   assignee) is `set_status(..., status="Cancelled")`, which loads the ToDo, sets the status and
//   `todo.save(ignore_permissions=True)`; `close_all_assignments` does the same with "Closed".
// - frappe/desk/doctype/todo/todo.py @ 0307dd4c: on a status change `validate` prepares an "Assignment
//   Completed" comment ("{0} removed their assignment." / "Assignment of {0} removed by {1}") that
//   `on_update` adds to the reference document, and `update_in_reference` rewrites the reference's
//   `_assign` (the open ToDos' users) with `update_modified=False`.
// A save runs on_update and on_change, so ERPNext sends those two ToDo webhooks
// (tests/support/frappeWebhookSender.mts webhookEventsFor(['save'])); this helper changes the records
// only and sends nothing.
export function decideAssignment(state: ErpNextState, todo: string, status: 'Closed' | 'Cancelled', user: string, modified: string): Doc {
	const doc = state.dbSet('ToDo', todo, { status });
	Object.assign(doc, { modified, modified_by: user });
	const refType = String(doc.reference_type ?? '');
	const refName = String(doc.reference_name ?? '');
	const reference = refType && refName ? state.get(refType, refName) : undefined;
	if (reference) {
		const open = state.all('ToDo').filter((t) => t.reference_type === refType && t.reference_name === refName && t.status === 'Open' && t.allocated_to);
		reference._assign = JSON.stringify(open.map((t) => String(t.allocated_to)).reverse());
		const text = doc.allocated_to === user ? `${user} removed their assignment.` : `Assignment of ${String(doc.allocated_to)} removed by ${user}`;
		state.seed('Comment', [{ comment_type: 'Assignment Completed', reference_doctype: refType, reference_name: refName, content: text, owner: user }]);
	}
	return doc;
}
// --- end of leads reviewed in the desk ---
