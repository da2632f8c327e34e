// The synonym table of lead keys: the headers and form labels real sources send, one row per source.
import { describe, expect, it } from 'vitest';

import {
	LEAD_KEY_SYNONYMS,
	leadFieldOfKey,
	normaliseKey,
	readLeadKeys,
} from '../../../core/qualify/leadKeys';
import {
	hasLeadFields,
	leadFromItem,
	noLeadFieldsMessage,
} from '../../../nodes/LeadQualifier/leadFields';

describe('normaliseKey', () => {
	it.each([
		['Email Address', 'emailaddress'],
		['email_address', 'emailaddress'],
		['E-mail address', 'emailaddress'],
		['# Employees', 'employees'],
		['Country/Region', 'countryregion'],
		['Société', 'societe'],
		['  Your message  ', 'yourmessage'],
	])('%j → %j', (key, normalised) => expect(normaliseKey(key)).toBe(normalised));
});

describe('leadFieldOfKey', () => {
	it.each([
		// web form (WordPress / Contact Form 7 / Elementor)
		['Company Name', 'company'],
		['Your message', 'message'],
		['Email Address', 'email'],
		['Full Name', 'contactName'],
		['Phone Number', 'phone'],
		// HubSpot contact export
		['First Name', 'firstName'],
		['Last Name', 'lastName'],
		['Job Title', 'title'],
		['Number of Employees', 'employees'],
		['Country/Region', 'country'],
		['Record ID', 'ref'],
		['Original Source', 'source'],
		// ERPNext Data Export labels
		['Organization Name', 'company'],
		['Mobile No', 'phone'],
		['No of Employees', 'employees'],
		// spreadsheets / CSV
		['# Employees', 'employees'],
		['company_name', 'company'],
		['E-Mail', 'email'],
		['Notes', 'message'],
		['Name', 'contactName'],
		// our canonical names
		['contactName', 'contactName'],
		['employees', 'employees'],
		// the exact key `name` is the record reference (ERPNext, our convention)
		['name', 'ref'],
		// a form's question as the column header (Typeform, Google Forms, Jotform CSV)
		["What's your company name?", 'company'],
		['What is your email address?', 'email'],
		['Please enter your phone number', 'phone'],
		['How can we help?', 'message'],
		// not lead fields
		['Submitted At', undefined],
		['utm_campaign', undefined],
	])('%j → %s', (key, field) => expect(leadFieldOfKey(key)).toBe(field));

	it('lists every synonym once and only in normalised form', () => {
		const all = Object.values(LEAD_KEY_SYNONYMS).flat();
		expect(new Set(all).size).toBe(all.length);
		for (const key of all) expect(normaliseKey(key)).toBe(key);
	});
});

describe('readLeadKeys', () => {
	it('takes the most preferred key with a value; empty cells count as absent', () => {
		const { values, from } = readLeadKeys({
			Notes: 'second',
			message: '',
			'Your message': 'first',
			id: 7,
			name: 'CRM-LEAD-1',
		});
		expect(values.message).toBe('first');
		expect(from.message).toBe('Your message');
		expect(values.ref).toBe(7);
	});
});

describe('leadFromItem with keys from real sources', () => {
	it('reads a web-form item', () => {
		const { raw } = leadFromItem({
			'Company Name': 'Nordwerk Automation GmbH',
			'Full Name': 'Jana Roth',
			'Job Title': 'Geschäftsführerin',
			'Email Address': 'jana.roth@nordwerk-automation.de',
			'Your message': 'We need 12 PLCs, budget around 250k EUR.',
			'Phone Number': 4930123456,
		});
		expect(raw).toMatchObject({
			company: 'Nordwerk Automation GmbH',
			contactName: 'Jana Roth',
			title: 'Geschäftsführerin',
			email: 'jana.roth@nordwerk-automation.de',
			message: 'We need 12 PLCs, budget around 250k EUR.',
			phone: 4930123456,
		});
	});

	it('joins First Name and Last Name of a HubSpot export when there is no full name', () => {
		const { ref, raw } = leadFromItem({
			'Record ID': '51234',
			'First Name': 'Ada',
			'Last Name': 'Byron',
			'Company Name': 'Analytical Ltd',
			'# Employees': '51-200',
		});
		expect(ref).toBe('51234');
		expect(raw).toMatchObject({
			contactName: 'Ada Byron',
			company: 'Analytical Ltd',
			employees: '51-200',
		});
	});

	it('names the keys it saw when none is a lead field, and says how to map them', () => {
		const item = { Firma: 'x', 'Submitted At': '2026-12-01', Zusatz: 'y' };
		const mapped = leadFromItem(item);
		expect(hasLeadFields(leadFromItem({ Unternehmen: 'x' }))).toBe(true);
		expect(hasLeadFields(leadFromItem({ 'Submitted At': '2026-12-01', Zusatz: 'y' }))).toBe(false);
		expect(hasLeadFields(mapped)).toBe(true); // "Firma" is a company
		const { message, description } = noLeadFieldsMessage({
			'Submitted At': '2026-12-01',
			Zusatz: 'y',
			_ltcEvents: [],
		});
		expect(message).toBe('No lead fields recognised in the keys "Submitted At", "Zusatz"');
		expect(description).toMatch(/Map Each Field/);
		expect(noLeadFieldsMessage({}).message).toBe('No lead fields recognised: the item is empty');
	});

	it('does not take a lone reference for a lead', () => {
		expect(hasLeadFields(leadFromItem({ id: 'L-1' }))).toBe(false);
	});
});
