// Delivers Frappe webhooks the way ERPNext does, from the Webhook documents stored on the ERPNext
// contract server (which records registrations but sends nothing). Follows frappe/frappe v15
// frappe/integrations/doctype/webhook/webhook.py (@04d8529c): `get_webhook_data` renders the
// `webhook_json` Jinja template over `doc.as_dict(convert_dates_to_str=True)` and parses it
// (`json.loads`); `enqueue_webhook` sends `json.dumps(data, default=str)` — ", " and ": " separators,
// non-ASCII escaped as \uXXXX — in up to 3 tries, then gives up (the catch-up poll's reason to exist);
// `get_webhook_headers` adds exactly the configured header rows plus `X-Frappe-Webhook-Signature` =
// base64(HMAC-SHA256(secret, json.dumps(data))), i.e. over those bytes. Which events fire when: below.
// Only the template forms the ERPNext Trigger generates are understood (`{{ doc.x | tojson }}`,
// `{{ doc.get("x") | tojson }}`, `{{ doc | tojson }}`); anything else fails loudly instead of being guessed.
import { createHmac } from 'node:crypto';

import type { Doc, ErpNextServer } from '../contract/erpnext-server.mts';

/** Python's `json.dumps(value)` with default arguments (ensure_ascii, ", " / ": " separators). */
export function pythonJsonDumps(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
		return String(value);
	}
	if (typeof value === 'string') {
		return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	}
	if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`);
		return `{${entries.join(', ')}}`;
	}
	throw new TypeError(`not JSON-serialisable: ${typeof value}`);
}

/** `frappe.as_json`-style output (indent 1, sorted keys): another byte layout of the same data. */
export function prettySortedJson(value: unknown): string {
	const sort = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(sort)
			: v && typeof v === 'object'
				? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
				: v;
	return JSON.stringify(sort(value), null, 1);
}

function sortKeysDeep(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(sortKeysDeep);
	if (v && typeof v === 'object') {
		return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeysDeep((v as Record<string, unknown>)[k])]));
	}
	return v;
}

/** Jinja's `tojson` (sorted keys); the HTML-safe escapes it adds vanish again in `json.loads`. */
function tojson(value: unknown): string {
	return JSON.stringify(sortKeysDeep(value ?? null));
}

const EXPRESSION = /\{\{\s*(doc(?:\.get\("([a-z_][a-z0-9_]*)"\)|\.([a-z_][a-z0-9_]*))?)\s*\|\s*tojson\s*\}\}/g;

/** Renders a `webhook_json` template over `doc` and parses it, as `get_webhook_data` does. */
export function renderWebhookJson(template: string, doc: Record<string, unknown>): unknown {
	const rendered = template.replace(EXPRESSION, (_m, whole: string, getField?: string, attrField?: string) => {
		const field = getField ?? attrField;
		return field === undefined ? tojson(doc) : tojson(doc[field]);
	});
	if (rendered.includes('{{') || rendered.includes('{%')) throw new Error(`template holds Jinja this sender does not render: ${rendered}`);
	return JSON.parse(rendered);
}

export function frappeSignature(secret: string, body: string | Buffer): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64');
}

export interface PreparedDelivery {
	webhook: string;
	event: string;
	url: string;
	body: string;
	headers: Record<string, string>;
}

export interface DeliveryResult extends PreparedDelivery {
	status: number;
	text: string;
}

export interface PrepareOptions {
	/** `pretty` renders the same data with another byte layout (the signature then covers those bytes). */
	layout?: 'python' | 'pretty';
	/** Only Webhooks whose request_url starts with this (other registrations on the server are left out). */
	urlPrefix?: string;
}

/**
 * The requests ERPNext would send for `event` on the stored document: one per enabled Webhook of the
 * doctype with that `webhook_docevent`.
 */
export function prepareDeliveries(erp: ErpNextServer, doctype: string, name: string, event: string, options: PrepareOptions = {}): PreparedDelivery[] {
	const doc = erp.state.get(doctype, name);
	if (!doc) throw new Error(`${doctype} ${name} is not on the contract server`);
	const hooks = erp.state
		.all('Webhook')
		.filter((w) => w.webhook_doctype === doctype && w.webhook_docevent === event && Number(w.enabled) === 1)
		.filter((w) => options.urlPrefix === undefined || String(w.request_url).startsWith(options.urlPrefix));
	return hooks.map((hook) => prepareFor(hook, doc, event, options.layout ?? 'python'));
}

function prepareFor(hook: Doc, doc: Doc, event: string, layout: 'python' | 'pretty'): PreparedDelivery {
	if (hook.condition) throw new Error(`Webhook ${hook.name} has a condition; this sender does not evaluate Python`);
	if (hook.request_structure !== 'JSON' || typeof hook.webhook_json !== 'string') throw new Error(`Webhook ${hook.name} is not a JSON webhook`);
	const data = renderWebhookJson(hook.webhook_json, doc);
	const body = layout === 'python' ? pythonJsonDumps(data) : prettySortedJson(data);
	const headers: Record<string, string> = {};
	if (Number(hook.enable_security) === 1) headers['X-Frappe-Webhook-Signature'] = frappeSignature(String(hook.webhook_secret ?? ''), body);
	for (const row of (hook.webhook_headers as Array<{ key?: string; value?: string }> | undefined) ?? []) {
		if (row.key && row.value) headers[row.key] = row.value;
	}
	return { webhook: hook.name, event, url: String(hook.request_url), body, headers };
}

/** POSTs one prepared delivery (or a variant of it) like python-requests would. */
export async function send(delivery: PreparedDelivery): Promise<DeliveryResult> {
	const r = await fetch(delivery.url, { method: 'POST', headers: { 'User-Agent': 'python-requests/2.32.3', ...delivery.headers }, body: delivery.body });
	return { ...delivery, status: r.status, text: await r.text() };
}

/** Prepares and sends every delivery ERPNext would make for `event` on the document. */
export async function fireEvent(erp: ErpNextServer, doctype: string, name: string, event: string, options: PrepareOptions = {}): Promise<DeliveryResult[]> {
	return await Promise.all(prepareDeliveries(erp, doctype, name, event, options).map(send));
}

// ---------------------------------------------------------------------------------------------------
// Which webhooks a real ERPNext sends for a change
//
// frappe/frappe frappe/model/document.py (v13 to develop, same shape): `run_method(m)` calls
// `run_webhooks(self, m)` for every controller method it runs. A save runs `on_update` then, at the end
// of `run_post_save_methods`, `on_change`; a submit `on_update`, `on_submit`, `on_change`; a cancel
// `on_cancel`, `on_change`; a save of a submitted document (`_action == "update_after_submit"`)
// `before_update_after_submit`, `on_update_after_submit`, `on_change`; an insert `after_insert`,
// `on_update` (with `flags.in_insert` still set); `Document.db_set` only `before_change` and `on_change`
// (never `on_update`); a delete `on_trash`.
// frappe/frappe frappe/integrations/doctype/webhook/__init__.py `run_webhooks`: a method is sent only
// if it is in `event_list` = on_update, after_insert, on_submit, on_cancel, on_trash, plus on_change and
// before_update_after_submit when not in insert. `on_update_after_submit` is not in it before frappe/
// frappe PR #39164 (merged into develop 2026-05-08), so v14/v15 never send it. Queued webhooks are
// flushed after commit de-duplicated per (Webhook, document): one request per Webhook and transaction,
// carrying the document as it was last queued.
// frappe/erpnext erpnext/controllers/status_updater.py `set_status(update=True)` writes the status with
// `self.db_set("status", ...)`; a Sales Order's submit calls it on its Quotation (status Ordered).
// erpnext/selling/doctype/quotation/quotation.py `declare_enquiry_lost`: `db_set("status", "Lost")`
// (v14/v15 through `frappe.db.set`, which is `doc.db_set`), lost reasons appended, then `self.save()` on
// the submitted Quotation (update after submit), all in one request.

/** A controller action as Frappe runs it. */
export type FrappeAction = 'insert' | 'save' | 'submit' | 'cancel' | 'update_after_submit' | 'db_set' | 'delete';

/** Frappe releases as far as webhooks differ: before and after PR #39164. */
export type FrappeLine = 'v15' | 'develop';

const METHODS_RUN: Record<FrappeAction, string[]> = {
	insert: ['after_insert', 'on_update'],
	save: ['on_update', 'on_change'],
	submit: ['on_update', 'on_submit', 'on_change'],
	cancel: ['on_cancel', 'on_change'],
	update_after_submit: ['before_update_after_submit', 'on_update_after_submit', 'on_change'],
	db_set: ['on_change'],
	delete: ['on_trash'],
};

/** `run_webhooks`'s event_list for one method call. */
function sendable(method: string, inInsert: boolean, line: FrappeLine): boolean {
	const base = ['on_update', 'after_insert', 'on_submit', 'on_cancel', 'on_trash'];
	if (line === 'develop') base.push('on_update_after_submit');
	if (!inInsert) base.push('on_change', 'before_update_after_submit');
	return base.includes(method);
}

/**
 * The webhook events (Webhook `webhook_docevent` values that get a request) of the actions one request
 * runs, in the order Frappe sends them: each event once (the per-Webhook de-duplication of
 * `flush_webhook_execution_queue`, which keeps the last queued position).
 */
export function webhookEventsFor(actions: readonly FrappeAction[], line: FrappeLine = 'v15'): string[] {
	const queued: string[] = [];
	for (const action of actions) {
		for (const method of METHODS_RUN[action]) if (sendable(method, action === 'insert', line)) queued.push(method);
	}
	const last = queued.filter((e, i) => queued.lastIndexOf(e) === i);
	return last;
}

/** Business transitions of an ERPNext Quotation and the controller actions they run. */
export const QUOTATION_TRANSITIONS = {
	/** Submit in the desk: a draft becomes an open quotation. */
	submit: { actions: ['submit'] as FrappeAction[], changes: { docstatus: 1, status: 'Open' } },
	/** A Sales Order made from the Quotation is submitted: `set_status(update=True)` → db_set. */
	salesOrderSubmitted: { actions: ['db_set'] as FrappeAction[], changes: { status: 'Ordered' } },
	/** "Declare Lost": db_set status (and reason), then save of the submitted Quotation. */
	declareLost: (lostReasons: string[], detail?: string) => ({
		actions: ['db_set', ...(detail ? (['db_set'] as FrappeAction[]) : []), 'update_after_submit'] as FrappeAction[],
		changes: { status: 'Lost', ...(detail ? { order_lost_reason: detail } : {}), lost_reasons: lostReasons.map((lost_reason) => ({ lost_reason })) },
	}),
} as const;

/**
 * Business transitions of Frappe CRM records (frappe/crm @ 8b7dfdde) and the controller actions they run.
 * A new CRM Lead is an insert (the web form, the "Create Lead" dialog and the REST API all call
 * `doc.insert`). A deal's status changes by a normal save of the CRM Deal: the deal page's status menu
 * (`frontend/src/pages/Deal.vue` triggerStatusChange → updateField → `document.save`, frappe-ui's
 * document resource, i.e. `frappe.client.set_value`, which loads, updates and `save()`s the document),
 * and `fcrm/doctype/crm_deal/crm_deal.py` `validate` appends the status change log when
 * `has_value_changed("status")`; so Frappe sends On Update and On Change. A Comment on the record runs
 * no controller method of it: `crm/utils/__init__.py` `on_comment_insert` only moves its `modified` with
 * `update_modified=False` (no webhook; the fake's add_comment does this).
 */
export const FRAPPE_CRM_TRANSITIONS = {
	dealStatus: (status: string) => ({ actions: ['save'] as FrappeAction[], changes: { status } }),
} as const;

export interface Transition {
	actions: FrappeAction[];
	changes: Record<string, unknown>;
}

/**
 * Applies a transition to the stored document (one new `modified`, as the request's last write stamps
 * it) and sends exactly the webhooks a real ERPNext of `line` sends for it. `drop: true` changes the
 * document but sends nothing: a delivery lost after Frappe's retries.
 */
export async function fireTransition(
	erp: ErpNextServer,
	doctype: string,
	name: string,
	transition: Transition,
	options: PrepareOptions & { line?: FrappeLine; drop?: boolean } = {},
): Promise<DeliveryResult[]> {
	erp.state.dbSet(doctype, name, transition.changes);
	if (options.drop) return [];
	const results: DeliveryResult[] = [];
	for (const event of webhookEventsFor(transition.actions, options.line)) {
		results.push(...(await fireEvent(erp, doctype, name, event, options)));
	}
	return results;
}
