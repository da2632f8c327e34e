// A Frappe front for the Deal Monitor tests: the ERPNext contract server (tests/contract/erpnext-server.mts)
// knows Opportunity, Communication, ToDo, Quotation, Comment and Custom Field but not Event, its Event
// Participants child table, Version, or frappe.desk.form.assign_to.add. This proxy answers those itself,
// the way ../../../../shared/reference/erpnext.md describes Frappe (§2 list parameters, child doctypes
// listed with `parent`, §3 error bodies, §6 ToDo/assign_to), and forwards everything else to the
// contract server untouched. It records every request (for request counts) and can refuse Version reads
// (403) like a site where the API user lacks the role. Event lists apply Frappe's permission query
// (frappe/frappe v15 frappe/desk/doctype/event/event.py get_permission_query_conditions: Public, owned
// by the user or shared with them), for every role, while Event Participants rows stay visible (the
// child list does not go through the Event hook). `seedDeals` turns core DealSnapshots (e.g.
// samples/deals.json) into the ERPNext records a real site would hold for them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { DealSnapshotInput } from '../../../core/dealRisk/index.ts';
import { formatMinorUnits } from '../../../core/money.ts';
import { encodeServerMessages, type ErpNextServer } from '../../contract/erpnext-server.mts';

export type Row = Record<string, unknown> & { name: string };

export interface ProxyRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The doctype a list request read (`/api/resource/X` or frappe.client.get_list), else undefined. */
	listOf?: string;
	status: number;
}

export interface DealErpNext {
	url: string;
	erp: ErpNextServer;
	requests: ProxyRequest[];
	events: Map<string, Row>;
	versions: Map<string, Row>;
	/** Answer Version reads with 403 PermissionError. */
	denyVersions: boolean;
	/** List requests per doctype since `from` (an index into `requests`). */
	listCounts(from?: number): Record<string, number>;
	stop(): Promise<void>;
}

class FrappeError extends Error {
	constructor(
		readonly status: number,
		readonly excType: string,
		message: string,
	) {
		super(message);
	}
}

type Condition = { field: string; op: string; value: unknown };

function conditions(raw: unknown): Condition[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
	if (Array.isArray(parsed)) {
		return parsed.map((entry) => {
			const parts =
				(entry as unknown[]).length === 4 ? (entry as unknown[]).slice(1) : (entry as unknown[]);
			return { field: String(parts[0]), op: String(parts[1]).toLowerCase(), value: parts[2] };
		});
	}
	return Object.entries(parsed as Record<string, unknown>).map(([field, value]) =>
		Array.isArray(value)
			? { field, op: String(value[0]).toLowerCase(), value: value[1] }
			: { field, op: '=', value },
	);
}

function like(pattern: string): RegExp {
	const escaped = pattern
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/%/g, '.*')
		.replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 'is');
}

function matcher(c: Condition): (row: Record<string, unknown>) => boolean {
	const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	switch (c.op) {
		case '=':
			return (r) => str(r[c.field]) === str(c.value);
		case '!=':
			return (r) => str(r[c.field]) !== str(c.value);
		case 'in':
		case 'not in': {
			const set = new Set(
				(Array.isArray(c.value) ? c.value : String(c.value).split(',')).map((v) =>
					String(v).trim(),
				),
			);
			return c.op === 'in' ? (r) => set.has(str(r[c.field])) : (r) => !set.has(str(r[c.field]));
		}
		case 'like': {
			const re = like(String(c.value));
			return (r) => re.test(str(r[c.field]));
		}
		case 'is':
			return c.value === 'set' ? (r) => str(r[c.field]) !== '' : (r) => str(r[c.field]) === '';
		default:
			throw new FrappeError(
				417,
				'ValidationError',
				`Operator must be one of =, !=, like, in, not in, is (got ${c.op})`,
			);
	}
}

function list(
	rows: Iterable<Record<string, unknown>>,
	params: Record<string, unknown>,
): Array<Record<string, unknown>> {
	const and = conditions(params.filters).map(matcher);
	const or = conditions(params.or_filters).map(matcher);
	const fieldsRaw = params.fields;
	const fields = (
		typeof fieldsRaw === 'string' ? JSON.parse(fieldsRaw) : (fieldsRaw ?? ['name'])
	) as string[];
	const start = Number(params.limit_start ?? 0);
	const length = params.limit_page_length === undefined ? 20 : Number(params.limit_page_length);
	const orderBy =
		typeof params.order_by === 'string' && params.order_by ? params.order_by : 'modified desc';
	const keys = orderBy.split(',').map((part) => {
		const [field, dir] = part.trim().split(/\s+/);
		return { field, desc: (dir ?? 'asc').toLowerCase() === 'desc' };
	});
	const found = [...rows].filter(
		(r) => and.every((m) => m(r)) && (or.length === 0 || or.some((m) => m(r))),
	);
	found.sort((a, b) => {
		for (const k of keys) {
			const x = String(a[k.field] ?? '');
			const y = String(b[k.field] ?? '');
			if (x !== y) return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
		}
		return 0;
	});
	const page = length === 0 ? found.slice(start) : found.slice(start, start + length);
	return page.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
}

function participants(events: Map<string, Row>): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	for (const e of events.values()) {
		const children = (e.event_participants as Array<Record<string, unknown>> | undefined) ?? [];
		children.forEach((p, i) =>
			rows.push({
				...p,
				name: `${e.name}-p${i + 1}`,
				parent: e.name,
				parenttype: 'Event',
				parentfield: 'event_participants',
				idx: i + 1,
			}),
		);
	}
	return rows;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startDealErpNext(
	erp: ErpNextServer,
	auth: { apiKey: string; apiSecret: string },
): Promise<DealErpNext> {
	const requests: ProxyRequest[] = [];
	const events = new Map<string, Row>();
	const versions = new Map<string, Row>();
	const target = new URL(erp.url);
	const self: DealErpNext = {
		url: '',
		erp,
		requests,
		events,
		versions,
		denyVersions: false,
		listCounts(from = 0) {
			const counts: Record<string, number> = {};
			for (const r of requests.slice(from))
				if (r.listOf) counts[r.listOf] = (counts[r.listOf] ?? 0) + 1;
			return counts;
		},
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};

	function localList(
		doctype: string,
		params: Record<string, unknown>,
	): Array<Record<string, unknown>> | undefined {
		if (doctype === 'Event') {
			const user = erp.state.settings.user;
			const visible = [...events.values()].filter(
				(e) =>
					e.event_type === 'Public' ||
					e.owner === user ||
					(Array.isArray(e.shared_with) && e.shared_with.includes(user)),
			);
			return list(visible, params);
		}
		// frappe/frappe frappe/core/doctype/version/version.json @ 432a10d: ref_doctype, docname and `data`
		// (JSON with `changed` [[field, old, new], …]); read granted to System Manager and Administrator in
		// that copy (newer copies not compared), hence the denyVersions 403 for other users.
		if (doctype === 'Version') {
			if (self.denyVersions)
				throw new FrappeError(403, 'PermissionError', 'No permission for Version');
			return list(versions.values(), params);
		}
		if (doctype === 'Event Participants') {
			if (params.parent !== 'Event')
				throw new FrappeError(
					417,
					'ValidationError',
					'Please specify a valid parent DocType for <strong>Event Participants</strong>',
				);
			return list(participants(events), params);
		}
		return undefined;
	}

	// frappe/frappe frappe/desk/form/assign_to.py add @ a32bc62: `assign_to` is a JSON list; a user who
	// already has an Open ToDo on the document is skipped (only a msgprint); each new ToDo is inserted
	// with ignore_permissions (status Open, priority default Medium, date default today, assigned_by the
	// caller); the answer is get(): the document's ToDos that are not Cancelled as {owner, name}, at most
	// 5 (this proxy returns the Open ones, which the Deal Monitor ignores). Whitelisted for every verb;
	// the 403 on GET below is stricter than Frappe, where a GET would run and then be rolled back
	// (frappe/app.py sync_database commits only POST/PUT/DELETE/PATCH).
	function assign(args: Record<string, unknown>): unknown {
		const users = JSON.parse(String(args.assign_to)) as string[];
		const doctype = String(args.doctype);
		const name = String(args.name);
		const open = () =>
			erp.state
				.all('ToDo')
				.filter(
					(t) => t.reference_type === doctype && t.reference_name === name && t.status === 'Open',
				);
		for (const user of users) {
			// Frappe skips a user who already has an open ToDo on the document.
			if (open().some((t) => t.allocated_to === user)) continue;
			erp.state.seed('ToDo', [
				{
					status: 'Open',
					allocated_to: user,
					reference_type: doctype,
					reference_name: name,
					description: args.description,
					date: args.date ?? null,
					priority: args.priority ?? 'Medium',
					assigned_by: erp.state.settings.user,
				},
			]);
		}
		return open().map((t) => ({ owner: t.allocated_to, name: t.name }));
	}

	const server = http.createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = decodeURIComponent(url.pathname.replace(/^\/api\/v1\//, '/api/'));
			const method = (req.method ?? 'GET').toUpperCase();
			const query = Object.fromEntries(url.searchParams);
			const body = await readBody(req);
			const record: ProxyRequest = { method, path, query, status: 0 };
			requests.push(record);
			const resource = /^\/api\/resource\/([^/]+)\/?$/.exec(path)?.[1];
			const methodName = /^\/api\/method\/([^/]+)\/?$/.exec(path)?.[1];
			if (resource && method === 'GET') record.listOf = resource;
			if (methodName === 'frappe.client.get_list') record.listOf = query.doctype;
			const answer = (status: number, payload: unknown) => {
				record.status = status;
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			try {
				const local = ['Event', 'Event Participants', 'Version'];
				const isLocal =
					(resource && local.includes(resource)) ||
					(methodName === 'frappe.client.get_list' && local.includes(query.doctype)) ||
					methodName === 'frappe.desk.form.assign_to.add';
				if (isLocal) {
					if (req.headers.authorization !== `token ${auth.apiKey}:${auth.apiSecret}`)
						throw new FrappeError(401, 'AuthenticationError', 'Invalid authentication credentials');
					if (methodName === 'frappe.desk.form.assign_to.add') {
						if (method !== 'POST') throw new FrappeError(403, 'PermissionError', 'Not permitted');
						const args = {
							...query,
							...(body.length
								? (JSON.parse(body.toString('utf8')) as Record<string, unknown>)
								: {}),
						};
						return answer(200, { message: assign(args) });
					}
					if (method !== 'GET') throw new FrappeError(403, 'PermissionError', 'Not permitted');
					const rows = localList(resource ?? query.doctype, query) ?? [];
					return answer(200, resource ? { data: rows } : { message: rows });
				}
				// Everything else goes to the contract server as it is.
				const forwarded = await fetch(new URL(url.pathname + url.search, target), {
					method,
					headers: Object.fromEntries(
						Object.entries(req.headers).filter(
							([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length',
						),
					) as Record<string, string>,
					body:
						method === 'GET' || method === 'HEAD' || body.length === 0
							? undefined
							: new Uint8Array(body),
				});
				record.status = forwarded.status;
				const headers: Record<string, string> = {};
				forwarded.headers.forEach((v, k) => {
					if (
						!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)
					)
						headers[k] = v;
				});
				res.writeHead(forwarded.status, headers);
				res.end(Buffer.from(await forwarded.arrayBuffer()));
			} catch (error) {
				const e =
					error instanceof FrappeError ? error : new FrappeError(500, 'Exception', String(error));
				answer(e.status, {
					exc_type: e.excType,
					_server_messages: encodeServerMessages([{ message: e.message }]),
				});
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return self;
}

function major(minor: number, currency: string): number {
	return Number(formatMinorUnits(minor, currency));
}

let eventCounter = 0;
let versionCounter = 0;

export interface SeedOptions {
	/** Suffix appended to quotation and event names so copies of one snapshot stay unique. */
	suffix?: string;
	company?: string;
	/**
	 * Who owns the seeded Events and whether they are Public (default: Public, owned by the deal's
	 * owner). Frappe's default event_type is Private; a private Event of another user is invisible.
	 */
	events?: { eventType?: 'Public' | 'Private'; owner?: string };
}

/**
 * Stores a snapshot as ERPNext would hold it: the Opportunity (amounts as major-unit floats), its
 * Communications, ToDos and Quotations in the contract server, its Events (with Opportunity and Contact
 * participants) and Version log in the front. Timestamps the contract server stamps itself (creation,
 * modified) are set back to the snapshot's.
 */
export function seedDeals(
	front: DealErpNext,
	deals: DealSnapshotInput[],
	options: SeedOptions = {},
): void {
	const { erp } = front;
	const suffix = options.suffix ?? '';
	const opportunities: Array<Record<string, unknown>> = [];
	const communications: Array<Record<string, unknown>> = [];
	const todos: Array<{ row: Record<string, unknown>; modified?: string | null }> = [];
	const quotations: Array<Record<string, unknown>> = [];
	for (const d of deals) {
		const currency = d.currency;
		opportunities.push({
			name: d.name,
			opportunity_from: d.opportunity_from ?? 'Lead',
			party_name: d.party_name,
			customer_name: d.customer_name ?? null,
			status: d.status,
			sales_stage: d.sales_stage ?? null,
			probability: d.probability ?? 0,
			opportunity_amount: major(d.opportunity_amount ?? 0, currency),
			currency,
			expected_closing: d.expected_closing ?? null,
			opportunity_owner: d.opportunity_owner ?? null,
			company: options.company ?? 'LTC Demo GmbH',
			_creation: d.creation,
			_modified: d.modified,
		});
		for (const c of d.communications ?? []) {
			communications.push({
				communication_type: 'Communication',
				communication_medium: c.medium ?? 'Email',
				subject: c.subject ?? null,
				sent_or_received: c.direction === 'in' ? 'Received' : 'Sent',
				sender: c.direction === 'in' ? c.contact : 'sales@ltc-demo.de',
				recipients: c.direction === 'out' ? c.contact : 'sales@ltc-demo.de',
				communication_date: c.date,
				reference_doctype: 'Opportunity',
				reference_name: d.name,
			});
		}
		for (const t of d.todos ?? []) {
			todos.push({
				row: {
					reference_type: 'Opportunity',
					reference_name: d.name,
					date: t.date ?? null,
					status: t.status,
					priority: t.priority ?? null,
					description: t.description,
					allocated_to: t.allocated_to ?? null,
				},
				modified: t.modified,
			});
		}
		for (const q of d.quotations ?? []) {
			quotations.push({
				name: `${q.name}${suffix}`,
				opportunity: d.name,
				quotation_to: d.opportunity_from ?? 'Lead',
				party_name: d.party_name,
				status: q.status,
				valid_till: q.valid_till ?? null,
				grand_total: major(q.grand_total, q.currency ?? currency),
				currency: q.currency ?? currency,
				docstatus: q.docstatus,
				transaction_date: q.transaction_date ?? null,
			});
		}
		for (const e of d.events ?? []) {
			const name = `EV${String(++eventCounter).padStart(6, '0')}`;
			front.events.set(name, {
				name,
				event_type: options.events?.eventType ?? 'Public',
				owner: options.events?.owner ?? d.opportunity_owner ?? 'sales@ltc-demo.de',
				subject: e.subject ?? null,
				starts_on: e.starts_on,
				status: e.status ?? 'Open',
				event_participants: [
					{ reference_doctype: 'Opportunity', reference_docname: d.name },
					...(e.contacts ?? []).map((c) => ({
						reference_doctype: 'Contact',
						reference_docname: c,
						email: c,
					})),
				],
			});
		}
		for (const h of d.history ?? []) {
			const value = (v: string | number | null) =>
				h.field === 'opportunity_amount' && typeof v === 'number' ? major(v, currency) : v;
			const name = `VER${String(++versionCounter).padStart(7, '0')}`;
			front.versions.set(name, {
				name,
				ref_doctype: 'Opportunity',
				docname: d.name,
				creation: h.at,
				data: JSON.stringify({
					changed: [[h.field, value(h.from), value(h.to)]],
					added: [],
					removed: [],
					row_changed: [],
				}),
			});
		}
	}
	erp.state
		.seed(
			'Opportunity',
			opportunities.map(({ _creation: _c, _modified: _m, ...row }) => row),
		)
		.forEach((doc, i) => {
			doc.creation = opportunities[i]._creation;
			doc.modified = opportunities[i]._modified;
		});
	erp.state.seed('Communication', communications);
	const stored = erp.state.seed(
		'ToDo',
		todos.map((t) => t.row),
	);
	stored.forEach((doc, i) => {
		if (todos[i].modified) doc.modified = todos[i].modified;
	});
	erp.state.seed('Quotation', quotations);
}
