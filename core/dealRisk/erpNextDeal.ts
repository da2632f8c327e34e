// Maps ERPNext documents to core/dealRisk's DealSnapshot: an Opportunity row plus the Communication,
// ToDo, Event, Quotation and Version rows that belong to it (erpnext.md §6). ERPNext sends money as
// floats of major units; the core wants integer minor units, so amounts (the Opportunity's, each
// Quotation's grand total and `opportunity_amount` changes in the Version log) are converted here with
// core/money. A row or field that cannot be read becomes a DealFieldError naming the deal, the field
// and the value, so the user sees which record to fix. Pure: no I/O, no clock.
import { isIsoCurrency } from '../money';
import {
	communicationActivity as communication,
	DealFieldError,
	fieldText as text,
	minorAmount,
} from './dealFields';
import { DealSnapshotSchema, type DealSnapshot } from './schemas';

/** A row as Frappe's REST API returns it. */
type Row = Record<string, unknown>;

const amount = (deal: string, field: string, value: unknown, currency: string): number =>
	minorAmount('Opportunity', deal, field, value, currency);

/** The Opportunity columns the monitor reads (plus the AI risk fields when it writes them back). */
export const OPPORTUNITY_FIELDS = [
	'name',
	'opportunity_from',
	'party_name',
	'customer_name',
	'status',
	'sales_stage',
	'probability',
	'opportunity_amount',
	'currency',
	'expected_closing',
	'opportunity_owner',
	'modified',
	'creation',
];

/** Raw ERPNext rows that belong to one Opportunity, as the list API returns them. */
export interface DealRows {
	communications: Row[];
	todos: Row[];
	/** Events with `contacts` already collected from their participants. */
	events: Row[];
	quotations: Row[];
	versions: Row[];
}

export const emptyRows = (): DealRows => ({
	communications: [],
	todos: [],
	events: [],
	quotations: [],
	versions: [],
});

/** The Opportunity fields whose Version history the core reads. */
export const TRACKED_FIELDS = ['sales_stage', 'expected_closing', 'opportunity_amount'] as const;

function currencyOf(deal: string, value: unknown, fallback: string): string {
	const raw = text(value) ?? fallback;
	const code = raw.trim().toUpperCase();
	if (!isIsoCurrency(code))
		throw new DealFieldError(
			'Opportunity',
			deal,
			'currency',
			value,
			'must be an ISO 4217 currency code',
		);
	return code;
}

/** First address of a Communication's `recipients` ("a@x.de, B <b@y.de>"). */

function todo(row: Row): Record<string, unknown> {
	return {
		name: text(row.name),
		date: text(row.date) ?? null,
		status: row.status,
		priority: text(row.priority) ?? null,
		description: typeof row.description === 'string' ? row.description : '',
		allocated_to: text(row.allocated_to) ?? null,
		modified: text(row.modified) ?? null,
	};
}

function event(row: Row): Record<string, unknown> {
	return {
		name: text(row.name),
		starts_on: row.starts_on,
		subject: text(row.subject) ?? null,
		contacts: Array.isArray(row.contacts) ? row.contacts : [],
		status: text(row.status) ?? 'Open',
	};
}

function quotation(deal: string, row: Row, dealCurrency: string): Record<string, unknown> {
	const currency = currencyOf(deal, row.currency, dealCurrency);
	return {
		name: row.name,
		status: row.status,
		valid_till: text(row.valid_till) ?? null,
		grand_total: amount(
			deal,
			`Quotation ${String(row.name)}.grand_total`,
			row.grand_total,
			currency,
		),
		currency,
		docstatus: typeof row.docstatus === 'string' ? Number(row.docstatus) : row.docstatus,
		transaction_date: text(row.transaction_date) ?? null,
	};
}

type HistoryValue = string | number | null;

/**
 * The tracked changes of one Version document. Its `data` is JSON of
 * `{"changed": [[fieldname, old, new], …], "added": …, "removed": …}`; only the changed values of the
 * tracked fields are read, so a Version of anything else yields nothing.
 */
export function historyOf(
	deal: string,
	row: Row,
	currency: string,
): Array<{ at: string; field: string; from: HistoryValue; to: HistoryValue }> {
	const at = text(row.creation);
	if (!at) return [];
	let data: unknown = row.data;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return [];
		}
	}
	const changed =
		data && typeof data === 'object' ? (data as { changed?: unknown }).changed : undefined;
	if (!Array.isArray(changed)) return [];
	const out: Array<{ at: string; field: string; from: HistoryValue; to: HistoryValue }> = [];
	for (const change of changed) {
		if (!Array.isArray(change) || change.length < 3) continue;
		const [field, from, to] = change as [unknown, unknown, unknown];
		if (field === 'opportunity_amount') {
			const where = `Version ${String(row.name)}.opportunity_amount`;
			out.push({
				at,
				field,
				from: amount(deal, where, from, currency),
				to: amount(deal, where, to, currency),
			});
		} else if (field === 'sales_stage' || field === 'expected_closing') {
			out.push({ at, field, from: text(from) ?? null, to: text(to) ?? null });
		}
	}
	return out;
}

function fieldAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let at = raw;
	for (const key of path) {
		if (at === null || typeof at !== 'object') return undefined;
		at = (at as Record<PropertyKey, unknown>)[key];
	}
	return at;
}

/** Validates a raw snapshot with the core's schema; the first problem names the field and its value. */
export function validateSnapshot(deal: string, raw: Record<string, unknown>): DealSnapshot {
	const parsed = DealSnapshotSchema.safeParse(raw);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = issue.path.map(String).join('.') || '(deal)';
	throw new DealFieldError('Opportunity', deal, field, fieldAt(raw, issue.path), issue.message);
}

/** An ERPNext Opportunity row and its activity rows as a validated snapshot. */
export function snapshotFromErpNext(
	opportunity: Row,
	rows: DealRows,
	defaultCurrency: string,
): DealSnapshot {
	const name = text(opportunity.name) ?? '(unnamed)';
	const currency = currencyOf(name, opportunity.currency, defaultCurrency);
	const history = rows.versions.flatMap((v) => historyOf(name, v, currency));
	const raw: Record<string, unknown> = {
		name: opportunity.name,
		opportunity_from: text(opportunity.opportunity_from) ?? 'Lead',
		party_name: text(opportunity.party_name) ?? text(opportunity.customer_name),
		customer_name: text(opportunity.customer_name) ?? null,
		status: opportunity.status,
		sales_stage: text(opportunity.sales_stage) ?? null,
		probability:
			opportunity.probability === null ||
			opportunity.probability === undefined ||
			opportunity.probability === ''
				? 0
				: Number(opportunity.probability),
		opportunity_amount: amount(
			name,
			'opportunity_amount',
			opportunity.opportunity_amount,
			currency,
		),
		currency,
		expected_closing: text(opportunity.expected_closing) ?? null,
		opportunity_owner: text(opportunity.opportunity_owner) ?? null,
		modified: opportunity.modified,
		creation: opportunity.creation,
		communications: rows.communications.map(communication).filter((c) => c !== undefined),
		todos: rows.todos.map(todo),
		events: rows.events.map(event),
		quotations: rows.quotations.map((q) => quotation(name, q, currency)),
		history,
	};
	return validateSnapshot(name, raw);
}

/** A deal given in the core's own shape (amounts already in minor units), e.g. samples/deals.json. */
export function snapshotFromItem(json: Row, index: number): DealSnapshot {
	const name = text(json.name) ?? `item ${index}`;
	return validateSnapshot(name, json as Record<string, unknown>);
}
