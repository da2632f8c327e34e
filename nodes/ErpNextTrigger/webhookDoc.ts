// What the trigger registers in ERPNext: one Frappe Webhook per selected document event (the doctype's
// `webhook_docevent` is a single Select, erpnext.md §5), each POSTing a JSON body rendered from a Jinja
// `webhook_json`, with the Content-Type header row an API-created webhook otherwise lacks and signing on.
// Frappe renders the template over `doc.as_dict(convert_dates_to_str=True)` (frappe/integrations/doctype/
// webhook/webhook.py `get_webhook_data`), i.e. a plain dict, not the Document: `get_doc_before_save()` is
// not reachable there, so the node detects field changes itself (deliveryGate.ts).
import { createHash } from 'crypto';

/** Frappe's `webhook_docevent` values (v15 and dev); submit/cancel events need a submittable doctype. */
export const DOC_EVENTS = [
	'after_insert',
	'on_update',
	'on_submit',
	'on_cancel',
	'on_trash',
	'on_update_after_submit',
	'on_change',
] as const;
export type DocEvent = (typeof DOC_EVENTS)[number];

export function isDocEvent(value: unknown): value is DocEvent {
	return typeof value === 'string' && (DOC_EVENTS as readonly string[]).includes(value);
}

/** Frappe fieldnames: lower-case letters, digits and underscores (custom fields start `custom_`). */
const FIELDNAME = /^[a-z_][a-z0-9_]{0,139}$/;

/** DocType names: letters, digits, spaces, hyphens and underscores, as Frappe allows them. */
const DOCTYPE = /^[A-Za-z][A-Za-z0-9 _-]{0,139}$/;

export interface TriggerConfig {
	doctype: string;
	events: DocEvent[];
	/** Document fields the body carries; `all` sends the whole document. */
	fields: string[] | 'all';
	/** Fields whose change (against the last delivery of the same document) lets a delivery through. */
	watch: string[];
	/** Frappe `condition`: a Python expression over `doc`, evaluated by ERPNext before it sends. */
	condition: string;
	/** Skip replays of an already-received document version and the insert+update double fire. */
	dedupe: boolean;
	maxBodyBytes: number;
	/** Signed deliveries older than this many hours before the newest change received are refused; 0 = off. */
	maxAgeHours: number;
}

export type ConfigProblem = { field: string; message: string };

/** "status, sales_stage" → ["status", "sales_stage"]; "*" → "all". Duplicates are dropped. */
export function parseFieldList(raw: string): { fields: string[] | 'all'; invalid: string[] } {
	const parts = raw
		.split(/[\s,]+/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (parts.includes('*'))
		return { fields: 'all', invalid: parts.filter((p) => p !== '*' && !FIELDNAME.test(p)) };
	const invalid = parts.filter((p) => !FIELDNAME.test(p));
	return { fields: [...new Set(parts.filter((p) => FIELDNAME.test(p)))], invalid };
}

export function validateConfig(config: TriggerConfig): ConfigProblem[] {
	const problems: ConfigProblem[] = [];
	if (!DOCTYPE.test(config.doctype))
		problems.push({
			field: 'DocType',
			message: `${JSON.stringify(config.doctype)} is not a DocType name`,
		});
	if (config.events.length === 0)
		problems.push({ field: 'Events', message: 'select at least one event' });
	if (!Number.isInteger(config.maxBodyBytes) || config.maxBodyBytes < 1024) {
		problems.push({ field: 'Max Body Size', message: 'must be at least 1 KB' });
	}
	if (!Number.isFinite(config.maxAgeHours) || config.maxAgeHours < 0) {
		problems.push({
			field: 'Max Delivery Age',
			message: `must be 0 or more hours, not ${config.maxAgeHours}`,
		});
	}
	return problems;
}

/** The fields the body must carry: the chosen ones plus the watched ones. */
export function bodyFields(config: TriggerConfig): string[] | 'all' {
	if (config.fields === 'all') return 'all';
	return [...new Set([...config.fields, ...config.watch])];
}

/**
 * The Jinja `webhook_json` for one event. Values go through `tojson`, so quotes, newlines and nulls
 * in the document stay valid JSON; fields are read with `doc.get("x")` because attribute syntax would
 * hit dict methods for fieldnames such as `items` (Quotation) or `values`.
 */
export function webhookJson(config: TriggerConfig, event: DocEvent): string {
	const fields = bodyFields(config);
	const doc =
		fields === 'all'
			? '{{ doc | tojson }}'
			: `{${fields.map((f) => `"${f}": {{ doc.get("${f}") | tojson }}`).join(', ')}}`;
	return (
		'{"doctype": {{ doc.doctype | tojson }}, "name": {{ doc.name | tojson }}, ' +
		`"modified": {{ doc.modified | tojson }}, "event": "${event}", "doc": ${doc}}`
	);
}

/** The Webhook document POSTed to /api/resource/Webhook for one event. */
export function webhookDoc(
	config: TriggerConfig,
	event: DocEvent,
	url: string,
	secret: string,
): Record<string, unknown> {
	return {
		webhook_doctype: config.doctype,
		webhook_docevent: event,
		enabled: 1,
		...(config.condition.trim() ? { condition: config.condition.trim() } : {}),
		request_url: url,
		request_method: 'POST',
		request_structure: 'JSON',
		webhook_json: webhookJson(config, event),
		webhook_headers: [{ key: 'Content-Type', value: 'application/json' }],
		enable_security: 1,
		webhook_secret: secret,
	};
}

/** A short digest of everything that shapes the registered webhooks; a change means re-register. */
export function configFingerprint(config: TriggerConfig, url: string): string {
	const shape = {
		doctype: config.doctype,
		events: [...config.events].sort(),
		fields: bodyFields(config),
		condition: config.condition.trim(),
		url,
	};
	return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}
