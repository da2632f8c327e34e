// Maps a Frappe CRM deal to the core's DealSnapshot, so every ERPNext signal applies where Frappe CRM
// has the data (issue 18, docs/decisions/0028). Field facts from frappe/crm @ 8b7dfdde:
// - CRM Deal (crm/fcrm/doctype/crm_deal/crm_deal.json): deal_value (else expected_deal_value) in
//   `currency`, probability, expected_closure_date, status (a CRM Deal Status), deal_owner,
//   organization / organization_name, lead_name, the SLA fields, and the status_change_log child table.
// - CRM Deal Status (crm_deal_status.json): its `type` (Open, Ongoing, On Hold, Won, Lost) says whether the
//   deal is still in play: Won is the core's Converted, Lost is Lost, the rest are Open; the status name
//   is the stage (config.ts holds thresholds for the default statuses).
// - CRM Status Change Log (crm_status_change_log.py add_status_change_log): one row per status entered,
//   `from` = that status, `from_date` = when; read as `sales_stage` history, oldest first.
// - Version rows of CRM Deal (track_changes): `expected_closure_date` and `deal_value` changes become the
//   history of `expected_closing` and `opportunity_amount`, as ERPNext's Version log does.
// - Communication (reference_doctype "CRM Deal"): e-mails, as on ERPNext.
// - CRM Call Log (crm_call_log.json): type Incoming / Outgoing, status, duration, from / to, start_time.
//   A completed call with a duration is a conversation, so it counts as the buyer's answer; any other
//   call counts by its direction (an unanswered outgoing call is an outbound attempt).
// - CRM Task (crm_task.json): status Backlog / Todo / In Progress (open), Done (closed), Canceled;
//   due_date (Datetime), priority, assigned_to; read as the core's ToDos.
// An open CRM Task that carries a risk marker (core/markers.ts riskTodo) is the monitor's own follow-up,
// not the seller's plan: it is left out, so creating it does not change the next assessment (a replay
// writes nothing); once the owner closes it, it counts as activity like any closed task.
// - FCRM Note (reference_doctype/reference_docname): the team's record of work on the deal (often a
//   call or meeting written up). A note is activity, so it keeps a deal from going stale; it is not the
//   buyer's answer and names no contact, so it is read as a completed past Event without participants.
// Money becomes integer minor units here (core/money); a value that cannot be read throws naming the
// deal, the field and the value. Pure: no I/O, no clock.
import { findMarkers } from '../markers';
import { isIsoCurrency } from '../money';
import {
	communicationActivity as email,
	DealFieldError,
	fieldText as text,
	minorAmount,
} from './dealFields';
import type { DealSnapshotInput } from './schemas';

type Row = Record<string, unknown>;

/** What is read about one CRM Deal. */
export interface CrmDealRecords {
	/** The CRM Deal document (GET: with its child tables). */
	deal: Row;
	/** CRM Deal Status name → its type (Open, Ongoing, On Hold, Won, Lost). */
	statusTypes: ReadonlyMap<string, string>;
	communications?: Row[];
	callLogs?: Row[];
	tasks?: Row[];
	/** FCRM Notes of the deal. */
	notes?: Row[];
	/** Version rows of the deal (`data` JSON with `changed`). */
	versions?: Row[];
}

const OPEN_TASK = new Set(['Backlog', 'Todo', 'In Progress']);

const minor = (deal: string, field: string, value: unknown, currency: string): number =>
	minorAmount('CRM Deal', deal, field, value, currency);

/** The core status of a CRM Deal Status: Won → Converted, Lost → Lost, anything else in play → Open. */
export function crmDealStatus(status: unknown, statusTypes: ReadonlyMap<string, string>): string {
	const name = text(status);
	const type = name ? (statusTypes.get(name) ?? name) : 'Open';
	if (type === 'Won') return 'Converted';
	if (type === 'Lost') return 'Lost';
	return 'Open';
}

function taskStatus(value: unknown): 'Open' | 'Closed' | 'Cancelled' {
	if (value === 'Done') return 'Closed';
	if (value === 'Canceled') return 'Cancelled';
	return 'Open';
}

function task(row: Row): Row {
	const due = text(row.due_date);
	const priority = text(row.priority);
	return {
		name: text(row.name),
		date: due ? due.slice(0, 10) : null,
		status: taskStatus(row.status),
		priority: priority === 'High' || priority === 'Medium' || priority === 'Low' ? priority : null,
		description: text(row.title) ?? '',
		allocated_to: text(row.assigned_to) ?? null,
		modified: text(row.modified) ?? null,
	};
}

function call(row: Row): Row | undefined {
	const date = text(row.start_time) ?? text(row.creation);
	if (!date) return undefined;
	const talked = row.status === 'Completed' && Number(row.duration ?? 0) > 0;
	const incoming = row.type === 'Incoming';
	return {
		name: text(row.name),
		date,
		direction: talked || incoming ? 'in' : 'out',
		medium: 'Phone',
		contact: (incoming ? text(row.from) : text(row.to)) ?? null,
		subject: `${incoming ? 'Incoming' : 'Outgoing'} call (${text(row.status) ?? 'unknown'})`,
	};
}

function note(row: Row): Row | undefined {
	const at = text(row.creation);
	if (!at) return undefined;
	return {
		name: text(row.name),
		starts_on: at,
		subject: `Note: ${text(row.title) ?? text(row.name) ?? 'untitled'}`,
		contacts: [],
		status: 'Completed',
	};
}

function stageHistory(log: unknown): Row[] {
	if (!Array.isArray(log)) return [];
	const rows = (log as Row[])
		.filter((r) => text(r.from) && text(r.from_date))
		.sort((a, b) => String(a.from_date).localeCompare(String(b.from_date)));
	return rows.map((r, i) => ({
		at: String(r.from_date),
		field: 'sales_stage',
		from: i > 0 ? String(rows[i - 1].from) : null,
		to: String(r.from),
	}));
}

function versionHistory(deal: string, versions: Row[], currency: string): Row[] {
	const out: Row[] = [];
	for (const v of versions) {
		const at = text(v.creation);
		if (!at) continue;
		let data: unknown = v.data;
		if (typeof data === 'string') {
			try {
				data = JSON.parse(data);
			} catch {
				continue;
			}
		}
		const changed =
			data && typeof data === 'object' ? (data as { changed?: unknown }).changed : undefined;
		if (!Array.isArray(changed)) continue;
		for (const change of changed) {
			if (!Array.isArray(change) || change.length < 3) continue;
			const [field, from, to] = change as [unknown, unknown, unknown];
			if (field === 'deal_value') {
				const where = `Version ${String(v.name)}.deal_value`;
				out.push({
					at,
					field: 'opportunity_amount',
					from: minor(deal, where, from, currency),
					to: minor(deal, where, to, currency),
				});
			} else if (field === 'expected_closure_date') {
				out.push({ at, field: 'expected_closing', from: text(from) ?? null, to: text(to) ?? null });
			}
		}
	}
	return out;
}

/**
 * A CRM Deal and its activity in the core's snapshot shape (not yet validated: parse it with
 * DealSnapshotSchema, whose first problem names the field).
 */
export function crmDealSnapshot(
	records: CrmDealRecords,
	defaultCurrency: string,
): DealSnapshotInput {
	const { deal } = records;
	const name = text(deal.name) ?? '(unnamed)';
	const code = (text(deal.currency) ?? defaultCurrency).trim().toUpperCase();
	if (!isIsoCurrency(code))
		throw new DealFieldError(
			'CRM Deal',
			name,
			'currency',
			deal.currency,
			'must be an ISO 4217 currency code',
		);
	const dealValue = minor(name, 'deal_value', deal.deal_value, code);
	const amount =
		dealValue > 0 ? dealValue : minor(name, 'expected_deal_value', deal.expected_deal_value, code);
	const party =
		text(deal.organization) ?? text(deal.organization_name) ?? text(deal.lead_name) ?? name;
	const probability = deal.probability;
	return {
		name,
		opportunity_from: 'CRM Deal',
		party_name: party,
		customer_name: text(deal.organization_name) ?? text(deal.organization) ?? null,
		status: crmDealStatus(deal.status, records.statusTypes) as DealSnapshotInput['status'],
		sales_stage: text(deal.status) ?? null,
		probability:
			probability === null || probability === undefined || probability === ''
				? 0
				: Number(probability),
		opportunity_amount: amount,
		currency: code,
		expected_closing: text(deal.expected_closure_date) ?? null,
		opportunity_owner: text(deal.deal_owner) ?? null,
		modified: deal.modified as string,
		creation: deal.creation as string,
		communications: [
			...(records.communications ?? []).map(email),
			...(records.callLogs ?? []).map(call),
		].filter((c): c is Row => c !== undefined) as DealSnapshotInput['communications'],
		todos: (records.tasks ?? [])
			.filter((t) => !(crmTaskOpen(t.status) && isRiskTask(t)))
			.map(task) as DealSnapshotInput['todos'],
		events: (records.notes ?? [])
			.map(note)
			.filter((n): n is Row => n !== undefined) as DealSnapshotInput['events'],
		quotations: [],
		history: [
			...stageHistory(deal.status_change_log),
			...versionHistory(name, records.versions ?? [], code),
		] as DealSnapshotInput['history'],
		sla: {
			name: text(deal.sla) ?? null,
			status: (text(deal.sla_status) ?? null) as NonNullable<DealSnapshotInput['sla']>['status'],
			response_by: text(deal.response_by) ?? null,
			first_responded_on: text(deal.first_responded_on) ?? null,
			last_responded_on: text(deal.last_responded_on) ?? null,
			communication_status: text(deal.communication_status) ?? null,
		},
	};
}

/** Whether a CRM Task carries a risk follow-up marker in its title or description. */
export function isRiskTask(row: Row): boolean {
	const text = `${typeof row.title === 'string' ? row.title : ''}\n${typeof row.description === 'string' ? row.description : ''}`;
	return findMarkers(text, 'riskTodo').length > 0;
}

/** Whether a CRM Task is still open (Backlog, Todo, In Progress). */
export function crmTaskOpen(status: unknown): boolean {
	return typeof status === 'string' && OPEN_TASK.has(status);
}
