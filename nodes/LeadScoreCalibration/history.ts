// Reads the closed history of leads for the backtest (issue 20): leads whose outcome is known, each with
// its original fields and notes, scored by the rules as they would have been scored when the lead came
// in (its `creation`), and reduced to the factor levels the calibration learns from. One reader, two
// sources of record (ADR 0028, ADR 0037 addendum): each source says which leads are closed, how they
// ended and what their raw lead is; the scoring as of creation is the same for both (scoreClosed).
//
// ERPNext: Lead statuses follow erpnext/controllers/status_updater.py status_map["Lead"]: ERPNext sets
// "Opportunity", "Quotation" and "Converted" (a Customer exists) itself when the Lead moved on, "Lost
// Quotation" when its quotation was lost; "Do Not Contact" is set by a person.
//
// Frappe CRM (frappe/crm @ 8b7dfdde): statuses are records with a `type` (Open, Ongoing, On Hold, Won,
// Lost: crm/fcrm/doctype/crm_lead_status/crm_lead_status.json, crm_deal_status/crm_deal_status.json),
// so a site's own statuses are read, not assumed. crm_lead.py convert_to_deal sets the lead's
// `converted` and makes a CRM Deal whose `lead` links back (crm_deal.json). A lead's outcome: a deal
// made from it that is Won, or still open, makes it converted (it moved on, as ERPNext's "Opportunity");
// deals that are all Lost make it lost; a lead never converted is lost when its status's type is Lost
// (crm_lead.py validate_lost_reason asks a reason then) and still open otherwise, so left out.
import { ErpNextClient, FRAPPE_CRM_DOCTYPES, readCrmLead } from '../../connectors/erpnext';
import { parseLeadInput, qualifyLead, type QualifyConfig } from '../../core/qualify';
import { factorsOfResult, type HistoryLead } from '../../core/qualify/calibrate';
import { crmLeadFromItem, leadFromItem } from '../LeadQualifier/leadFields';
import type { IDataObject } from 'n8n-workflow';

export const CONVERTED_STATUSES = ['Converted', 'Opportunity', 'Quotation'];
export const LOST_STATUSES = ['Lost Quotation', 'Do Not Contact'];

export interface HistoryRead {
	leads: HistoryLead[];
	/** Leads read but left out, with the reason (no usable field, a field the rules refuse). */
	skipped: Array<{ lead: string; reason: string }>;
}

const READS_AT_ONCE = 4;

type Outcome = HistoryLead['outcome'];

/** A closed lead of a source: its name and a read of its whole record, which says how it ended. */
interface ClosedRow {
	name: string;
	read: () => Promise<{
		creation: unknown;
		raw: unknown;
		outcome: Outcome | null;
		/** The status, to say why the outcome is null (neither converted nor lost). */
		status: string;
	}>;
}

/** Scores each closed lead as of its creation; reads READS_AT_ONCE records at a time. */
async function scoreClosed(
	client: ErpNextClient,
	config: QualifyConfig,
	rows: readonly ClosedRow[],
): Promise<HistoryRead> {
	const leads: HistoryLead[] = [];
	const skipped: HistoryRead['skipped'] = [];
	for (let start = 0; start < rows.length; start += READS_AT_ONCE) {
		const batch = rows.slice(start, start + READS_AT_ONCE);
		const docs = await Promise.all(batch.map(async (row) => await row.read()));
		for (const [i, doc] of docs.entries()) {
			const { name } = batch[i];
			const { outcome, status } = doc;
			const created = await client.fromFrappeDatetime(doc.creation);
			if (!outcome || !created) {
				skipped.push({
					lead: name,
					reason: !outcome
						? `status "${status}" is neither converted nor lost`
						: 'no creation date',
				});
				continue;
			}
			const parsed = parseLeadInput(doc.raw);
			if (!parsed.ok) {
				skipped.push({
					lead: name,
					reason: parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
				});
				continue;
			}
			const result = qualifyLead(parsed.value, config, { now: created });
			leads.push({
				id: name,
				created: created.toISOString(),
				factors: factorsOfResult(result, config),
				outcome,
			});
		}
	}
	return { leads, skipped };
}

export async function readErpNextHistory(
	client: ErpNextClient,
	config: QualifyConfig,
	statuses: { converted: readonly string[]; lost: readonly string[] },
	createdAfter: Date | undefined,
): Promise<HistoryRead> {
	const wanted = [...statuses.converted, ...statuses.lost];
	const filters: Array<[string, '>=' | 'in', string | string[]]> = [['status', 'in', wanted]];
	if (createdAfter) filters.push(['creation', '>=', await client.toFrappeDatetime(createdAfter)]);
	const rows = await client.listAll('Lead', { fields: ['name', 'status', 'creation'], filters });
	// The list does not carry child tables: each Lead is read whole for its notes; its outcome is the
	// status of the whole record.
	const closed = rows.map(
		(row): ClosedRow => ({
			name: String(row.name),
			read: async () => {
				const doc = await client.get('Lead', String(row.name));
				const status = String(doc.status ?? '');
				return {
					creation: doc.creation,
					raw: leadFromItem(doc as IDataObject).raw,
					status,
					outcome: statuses.converted.includes(status)
						? 'converted'
						: statuses.lost.includes(status)
							? 'lost'
							: null,
				};
			},
		}),
	);
	return await scoreClosed(client, config, closed);
}

/** The `type` of each status of a Frappe CRM status doctype (CRM Lead Status / CRM Deal Status). */
async function statusTypes(client: ErpNextClient, doctype: string): Promise<Map<string, string>> {
	const rows = await client.listAll(doctype, { fields: ['name', 'type'], limit: 500 });
	return new Map(rows.map((row) => [String(row.name), String(row.type ?? '')]));
}

/** How a CRM Lead ended, from its own status and the CRM Deals made from it (see the head comment). */
export function crmLeadOutcome(
	lead: { status: string; converted: boolean },
	dealTypes: readonly string[],
	leadStatusType: string | undefined,
): Outcome | null {
	if (dealTypes.some((type) => type !== 'Lost')) return 'converted';
	if (dealTypes.length > 0) return 'lost';
	if (lead.converted) return 'converted';
	return leadStatusType === 'Lost' ? 'lost' : null;
}

export async function readFrappeCrmHistory(
	client: ErpNextClient,
	config: QualifyConfig,
	createdAfter: Date | undefined,
): Promise<HistoryRead> {
	const [leadTypes, dealTypes] = await Promise.all([
		statusTypes(client, 'CRM Lead Status'),
		statusTypes(client, 'CRM Deal Status'),
	]);
	const deals = await client.listAll(FRAPPE_CRM_DOCTYPES.deal, {
		fields: ['name', 'lead', 'status'],
		filters: [['lead', 'is', 'set']],
	});
	const dealsOf = new Map<string, string[]>();
	for (const deal of deals) {
		const lead = String(deal.lead);
		dealsOf.set(lead, [...(dealsOf.get(lead) ?? []), dealTypes.get(String(deal.status)) ?? '']);
	}
	const filters: Array<[string, '>=', string]> = [];
	if (createdAfter) filters.push(['creation', '>=', await client.toFrappeDatetime(createdAfter)]);
	const rows = await client.listAll(FRAPPE_CRM_DOCTYPES.lead, {
		fields: ['name', 'status', 'converted', 'creation'],
		filters,
		orderBy: 'creation asc, name asc',
	});
	// Open leads are left out silently, as the ERPNext list leaves out open statuses; each closed lead is
	// read whole with its FCRM Notes (readCrmLead), the record the Lead Qualifier scores.
	const closed: ClosedRow[] = [];
	for (const row of rows) {
		const name = String(row.name);
		const status = String(row.status ?? '');
		const outcome = crmLeadOutcome(
			{ status, converted: Number(row.converted) === 1 },
			dealsOf.get(name) ?? [],
			leadTypes.get(status),
		);
		if (!outcome) continue;
		closed.push({
			name,
			read: async () => {
				const { record, notes } = await readCrmLead(client, name);
				return {
					creation: record.creation,
					raw: crmLeadFromItem(record as IDataObject, notes).raw,
					outcome,
					status,
				};
			},
		});
	}
	return await scoreClosed(client, config, closed);
}
