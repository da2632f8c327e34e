// The closed history of closedLeads.mts as a Frappe CRM site holds the same leads (issue 20), for the
// Lead Score Calibration tests on System of Record "Frappe CRM": ERPNext "Converted" is a CRM Deal won,
// "Opportunity" a deal still open, "Lost Quotation" a deal lost or (every other one) the lead lost
// unconverted, "Do Not Contact" the lead lost (tests/contract/frappe-crm-app.mts "Outcome history on
// Frappe CRM").
import type { CrmHistoryRow } from '../contract/frappe-crm-app.mts';
import { closedLeadHistory } from './closedLeads.mts';

export function closedCrmLeadHistory(): CrmHistoryRow[] {
	return closedLeadHistory().map((row, i) => ({
		lead: {
			first_name: String(row.lead_name),
			organization: row.company_name,
			job_title: row.job_title,
			email: row.email_id,
			industry: row.industry,
			no_of_employees: row.no_of_employees,
			territory: 'Germany',
		},
		creation: row.creation,
		outcome:
			row.status === 'Converted'
				? 'deal_won'
				: row.status === 'Opportunity'
					? 'deal_open'
					: row.status === 'Lost Quotation' && i % 2
						? 'deal_lost'
						: 'lead_lost',
		notes: (row.notes as Array<{ note: string }>).map((n) => n.note),
	}));
}
