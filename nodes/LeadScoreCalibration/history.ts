// Reads the closed history of ERPNext Leads for the backtest (issue 20): Leads whose status says how
// they ended, each with its original fields and notes, scored by the rules as they would have been
// scored when the Lead came in (its `creation`), and reduced to the factor levels the calibration
// learns from. Lead statuses follow erpnext/controllers/status_updater.py status_map["Lead"]: ERPNext
// sets "Opportunity", "Quotation" and "Converted" (a Customer exists) itself when the Lead moved on,
// "Lost Quotation" when its quotation was lost; "Do Not Contact" is set by a person.
import { ErpNextClient } from '../../connectors/erpnext';
import { parseLeadInput, qualifyLead, type QualifyConfig } from '../../core/qualify';
import { factorsOfResult, type HistoryLead } from '../../core/qualify/calibrate';
import { leadFromItem } from '../LeadQualifier/leadFields';
import type { IDataObject } from 'n8n-workflow';

export const CONVERTED_STATUSES = ['Converted', 'Opportunity', 'Quotation'];
export const LOST_STATUSES = ['Lost Quotation', 'Do Not Contact'];

export interface HistoryRead {
	leads: HistoryLead[];
	/** Leads read but left out, with the reason (no usable field, a field the rules refuse). */
	skipped: Array<{ lead: string; reason: string }>;
}

const READS_AT_ONCE = 4;

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
	const leads: HistoryLead[] = [];
	const skipped: HistoryRead['skipped'] = [];
	// The list does not carry child tables: each Lead is read whole for its notes.
	for (let start = 0; start < rows.length; start += READS_AT_ONCE) {
		const docs = await Promise.all(
			rows
				.slice(start, start + READS_AT_ONCE)
				.map(async (row) => client.get('Lead', String(row.name))),
		);
		for (const doc of docs) {
			const name = String(doc.name);
			const status = String(doc.status ?? '');
			const outcome = statuses.converted.includes(status)
				? 'converted'
				: statuses.lost.includes(status)
					? 'lost'
					: null;
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
			const parsed = parseLeadInput(leadFromItem(doc as IDataObject).raw);
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
