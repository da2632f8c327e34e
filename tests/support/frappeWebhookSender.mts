// Delivers Frappe webhooks the way ERPNext does, from the Webhook documents stored on the ERPNext
// contract server (which records registrations but sends nothing). Follows frappe/integrations/
// doctype/webhook/webhook.py: the `webhook_json` Jinja template is rendered over the document as a
// dict, parsed (`json.loads`), then sent as Python's `json.dumps(data)` — ", " and ": " separators,
// non-ASCII escaped as \uXXXX — with exactly the configured header rows plus
// `X-Frappe-Webhook-Signature` = base64(HMAC-SHA256(secret, those bytes)). Only the template forms the
// ERPNext Trigger generates are understood (`{{ doc.x | tojson }}`, `{{ doc.get("x") | tojson }}`,
// `{{ doc | tojson }}`); anything else fails loudly instead of being guessed.
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
