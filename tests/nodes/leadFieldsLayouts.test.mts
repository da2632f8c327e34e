// leadFromItem on a Lead read whole (GET /api/resource/Lead/{name}) from ERPNext v14, v15 and v16 (E5):
// the message comes from the `notes` table (CRM Note rows, HTML), the source from `source` (v14/v15) or
// `utm_source` (v16, where `source` is gone). A row of the list API has neither notes nor, on v16,
// source: what bulk re-score scored before it read every Lead whole.
import { describe, expect, it } from 'vitest';

import { leadFromItem } from '../../nodes/LeadQualifier/leadFields';

const common = {
	doctype: 'Lead',
	name: 'CRM-LEAD-2026-00042',
	lead_name: 'Marta Feldmann',
	company_name: 'Feldmann Getränke GmbH',
	email_id: 'm.feldmann@feldmann-getraenke.de',
	job_title: 'Technical Director',
	no_of_employees: '51-200',
	status: 'Open',
	notes: [
		{ doctype: 'CRM Note', note: '<p>Modernisierung der Abfüllanlage: S5 → S7-1500,</p><p>Budget ca. 250.000 EUR &amp; Umsetzung Sommer 2027.</p>', added_by: 'sales@example.com' },
		{ doctype: 'CRM Note', note: '<div>Call on Tuesday.</div>' },
	],
};
const message = 'Modernisierung der Abfüllanlage: S5 → S7-1500,\nBudget ca. 250.000 EUR & Umsetzung Sommer 2027.\nCall on Tuesday.';

describe('leadFromItem on an ERPNext Lead read whole', () => {
	it.each([
		['v14', { ...common, source: 'Website', campaign_name: 'Automation Fair' }],
		['v15', { ...common, source: 'Website', campaign_name: 'Automation Fair' }],
		['v16', { ...common, utm_source: 'Website', utm_medium: 'cpc', utm_campaign: 'Automation Fair' }],
	])('reads the notes as the message and the source on %s', (_layout, doc) => {
		const { ref, raw } = leadFromItem(doc);
		expect(ref).toBe('CRM-LEAD-2026-00042');
		expect(raw).toMatchObject({ company: 'Feldmann Getränke GmbH', contactName: 'Marta Feldmann', title: 'Technical Director', source: 'Website', message });
	});

	it('has no message and, on v16, no source from a list row (the list API drops child tables and unknown fields)', () => {
		const { notes: _notes, ...row } = common;
		expect(leadFromItem(row).raw).toMatchObject({ message: undefined, source: undefined });
	});
});
