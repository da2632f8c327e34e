import { describe, expect, it } from 'vitest';

import {
	QualifyConfigSchema,
	defaultQualifyConfig,
	parseLeadInput,
	parseQualifyConfig,
} from '../../../core/qualify/schema';

describe('parseLeadInput', () => {
	it('accepts an ERPNext-style lead and drops unknown fields', () => {
		const parsed = parseLeadInput({
			company: 'Dales Water Services',
			title: 'Head of OT',
			employees: '1000+',
			message: 'Telemetry upgrade',
			lead_owner: 'admin@example.com',
		});
		expect(parsed).toEqual({
			ok: true,
			value: { company: 'Dales Water Services', title: 'Head of OT', employees: '1000+', message: 'Telemetry upgrade' },
		});
	});

	it.each([
		[{ employees: 51 }, 51],
		[{ employees: '51-200' }, '51-200'],
		[{ employees: '' }, undefined],
		[{ employees: null }, undefined],
	])('employees %j', (raw, employees) => {
		const parsed = parseLeadInput(raw);
		expect(parsed.ok && parsed.value.employees).toBe(employees);
	});

	it.each([
		[{ phone: 12165550188 }, { phone: '12165550188' }],
		[{ country: 49, title: 'CTO' }, { country: '49', title: 'CTO' }],
		[{ company: 3.5 }, { company: '3.5' }],
	])('takes a number in a text field as its text (Sheets, CSV): %j', (raw, value) => {
		expect(parseLeadInput(raw)).toEqual({ ok: true, value });
	});

	it('treats null text fields as absent', () => {
		expect(parseLeadInput({ title: null, message: undefined })).toEqual({ ok: true, value: {} });
	});

	it.each([
		[{ email: ['a@b.com'] }, 'email', 'email must be text, got an array'],
		[{ title: true }, 'title', 'title must be text, got true'],
		[{ message: { text: 'hi' } }, 'message', 'message must be text, got a object'],
		[{ employees: 'lots' }, 'employees', 'employees must be a number or a range like "51-200" or "1000+", got "lots"'],
		[{ employees: -3 }, 'employees', 'employees must be a whole number of people, got -3'],
		[{ employees: true }, 'employees', 'employees must be a number or a range like "51-200" or "1000+", got true'],
	])('names the field and value of %j', (raw, field, message) => {
		const parsed = parseLeadInput(raw);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors).toContainEqual({ field, message });
	});
});

describe('QualifyConfigSchema', () => {
	it('has the documented defaults', () => {
		expect(defaultQualifyConfig.thresholds).toEqual({ qualified: 80, nurture: 40, minConfidence: 0.5 });
		expect(defaultQualifyConfig.defaultCurrency).toBe('EUR');
		expect(defaultQualifyConfig.icp.minEmployees).toBe(50);
		expect(Object.keys(defaultQualifyConfig.taxonomy)).toContain('drives_motion');
	});

	it('fills a partial configuration and replaces the taxonomy as a whole', () => {
		const config = QualifyConfigSchema.parse({
			weights: { budget: 30, authority: { decision_maker: 25 } },
			thresholds: { qualified: 75 },
			taxonomy: { pumps: ['pump'] },
			defaultCurrency: 'USD',
		});
		expect(config.weights.budget).toBe(30);
		expect(config.weights.authority).toEqual({ decision_maker: 25, influencer: 12, user: 5 });
		expect(config.thresholds).toEqual({ qualified: 75, nurture: 40, minConfidence: 0.5 });
		expect(config.taxonomy).toEqual({ pumps: ['pump'] });
		expect(config.defaultCurrency).toBe('USD');
	});

	it.each([
		[{ thresholds: { qualified: 40, nurture: 60 } }, 'thresholds'],
		[{ defaultCurrency: 'euro' }, 'defaultCurrency'],
		[{ weights: { budget: 150 } }, 'weights.budget'],
		[{ grades: { A: 50, B: 70 } }, 'grades'],
		[{ maxScanChars: 10 }, 'maxScanChars'],
	])('rejects %j', (raw, field) => {
		const parsed = parseQualifyConfig(raw);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.map((error) => error.field)).toContain(field);
	});
});
