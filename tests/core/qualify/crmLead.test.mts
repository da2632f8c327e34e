// core/qualify/crmLead.ts: a Frappe CRM lead (CRM Lead fields of frappe/crm crm_lead.json @ 8b7dfdde and
// its FCRM Notes) as the lead the core scores.
import { describe, expect, it } from 'vitest';

import { parseLeadInput, qualifyLead, defaultQualifyConfig } from '../../../core/qualify';
import { leadFromCrmLead, noteText, notesMessage } from '../../../core/qualify/crmLead';

const RECORD = {
	name: 'CRM-LEAD-2026-00007',
	salutation: 'Ms',
	first_name: 'Jana',
	last_name: 'Roth',
	lead_name: 'Ms Jana Roth',
	organization: 'Nordwerk Automation GmbH',
	job_title: 'Geschäftsführerin',
	email: 'jana.roth@nordwerk-automation.de',
	mobile_no: '+49 170 1234567',
	phone: '+49 30 555',
	industry: 'Manufacturing',
	no_of_employees: '201-500',
	annual_revenue: 42000000,
	territory: 'Germany',
	source: 'Web Form',
	status: 'New',
};

describe('leadFromCrmLead', () => {
	it('maps each CRM Lead field to its lead field', () => {
		const m = leadFromCrmLead(RECORD, []);
		expect(m.ref).toBe('CRM-LEAD-2026-00007');
		expect(m.raw).toEqual({
			company: 'Nordwerk Automation GmbH',
			contactName: 'Ms Jana Roth',
			title: 'Geschäftsführerin',
			email: 'jana.roth@nordwerk-automation.de',
			phone: '+49 170 1234567',
			industry: 'Manufacturing',
			employees: '201-500',
			country: 'Germany',
			source: 'Web Form',
			message: undefined,
		});
		expect(m.context).toEqual({ annualRevenue: 42000000, territory: 'Germany' });
	});

	it('builds the contact from the name parts when lead_name is empty, and falls back to phone without a mobile', () => {
		const m = leadFromCrmLead({ ...RECORD, lead_name: '', middle_name: 'M.', mobile_no: null }, []);
		expect(m.raw.contactName).toBe('Jana M. Roth');
		expect(m.raw.phone).toBe('+49 30 555');
	});

	it('takes a territory as the country only when it names one; a sales region stays context', () => {
		const m = leadFromCrmLead({ ...RECORD, territory: 'EMEA North' }, []);
		expect(m.raw.country).toBeUndefined();
		expect(m.context.territory).toBe('EMEA North');
	});

	it('never reads annual revenue as a budget: a lead with revenue and no budget words has no budget evidence', () => {
		const m = leadFromCrmLead({ ...RECORD, annual_revenue: 900000000 }, []);
		const parsed = parseLeadInput(m.raw);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const result = qualifyLead(parsed.value, defaultQualifyConfig, { now: new Date('2026-11-01T00:00:00Z') });
		expect(result.bant.budget).toBeNull();
	});

	it('reads the FCRM Notes oldest first, title then text, HTML reduced to text', () => {
		const m = leadFromCrmLead(RECORD, [
			{ title: 'Second call', content: '<p>Budget approx. 250k EUR</p>', creation: '2026-11-02 10:00:00.000000' },
			{ title: 'Intake', content: '<p>We need 12 PLCs &amp; a SCADA upgrade.</p><p>Go-live within 3 months.</p>', creation: '2026-11-01 09:00:00.000000' },
		]);
		expect(m.raw.message).toBe('Intake\nWe need 12 PLCs & a SCADA upgrade.\nGo-live within 3 months.\n\nSecond call\nBudget approx. 250k EUR');
	});

	it('a lead whose need is only in its notes is scored on them', () => {
		const withNotes = parseLeadInput(leadFromCrmLead(RECORD, [{ title: 'Intake', content: '<p>We need 12 PLCs and a SCADA upgrade, budget around 250k EUR, go-live within 3 months.</p>' }]).raw);
		const without = parseLeadInput(leadFromCrmLead(RECORD, []).raw);
		expect(withNotes.ok && without.ok).toBe(true);
		if (!withNotes.ok || !without.ok) return;
		const now = { now: new Date('2026-11-01T00:00:00Z') };
		const a = qualifyLead(withNotes.value, defaultQualifyConfig, now);
		const b = qualifyLead(without.value, defaultQualifyConfig, now);
		expect(a.score).toBeGreaterThan(b.score);
		expect(a.bant.budget).not.toBeNull();
	});

	it('passes a bad value on for the schema to name (no_of_employees outside the ranges)', () => {
		const parsed = parseLeadInput(leadFromCrmLead({ ...RECORD, no_of_employees: 'lots' }, []).raw);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors[0].field).toBe('employees');
	});
});

describe('noteText / notesMessage', () => {
	it('turns block ends into lines and drops empty notes', () => {
		expect(noteText('<div>a</div><div>b<br>c</div>')).toBe('a\nb\nc');
		expect(notesMessage([{ title: '', content: '<p></p>' }])).toBeUndefined();
	});
});
