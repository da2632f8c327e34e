import { describe, expect, it } from 'vitest';

import { assessFit, employeeCount } from '../../../core/qualify/fit';
import { QualifyConfigSchema, defaultQualifyConfig, type LeadInput } from '../../../core/qualify/schema';

describe('assessFit with the default profile', () => {
	it.each<[LeadInput, 'match' | 'mismatch' | 'unknown', 'match' | 'mismatch' | 'unknown', 'match' | 'mismatch' | 'unknown']>([
		[{ industry: 'Food & Beverage', employees: '201-500', country: 'United States' }, 'match', 'match', 'match'],
		[{ industry: 'Getränkeindustrie', employees: '1000+', country: 'Deutschland' }, 'match', 'match', 'match'],
		[{ industry: 'Tratamiento de aguas', employees: 140, country: 'ES' }, 'match', 'match', 'match'],
		[{ industry: 'Pharmaceuticals', employees: '11-50', country: 'India' }, 'match', 'mismatch', 'match'],
		[{ industry: 'Software consulting', employees: '1-10', country: 'Atlantis' }, 'mismatch', 'mismatch', 'match'],
		[{}, 'unknown', 'unknown', 'unknown'],
	])('%j', (lead, industry, size, country) => {
		const fit = assessFit(lead, defaultQualifyConfig);
		expect([fit.industry.status, fit.size.status, fit.country.status]).toEqual([industry, size, country]);
	});

	it.each(['NaN', 'null', 'N/A', '€', '2019-01-01', '<script>alert(1)</script>', 'DE-80331', 'x', 'a'.repeat(61)])(
		'leaves a country of %j unknown: it cannot be a country, so it earns no fit',
		(country) => {
			expect(assessFit({ country }, defaultQualifyConfig).country.status).toBe('unknown');
		},
	);

	it.each(['Kenya', "Côte d'Ivoire", 'Bosnia and Herzegovina', 'Timor-Leste', 'Việt Nam'])(
		'counts %j as a country when any country is welcome, even outside the resolver table',
		(country) => {
			expect(assessFit({ country }, defaultQualifyConfig).country.status).toBe('match');
		},
	);

	it('quotes the matched industry stem from the input', () => {
		expect(assessFit({ industry: 'Getränkeindustrie' }, defaultQualifyConfig).industry).toEqual({
			status: 'match',
			value: 'Getränkeindustrie',
			evidence: 'Getränke',
		});
	});
});

describe('assessFit with a configured profile', () => {
	const config = QualifyConfigSchema.parse({
		icp: { industries: ['Water', 'Wastewater', 'Abwasser'], countries: ['DE', 'Austria', 'ch'], minEmployees: 100, maxEmployees: 2000 },
	});

	it.each<[LeadInput, string, string, string]>([
		[{ industry: 'Water & Wastewater', employees: '501-1000', country: 'Österreich' }, 'match', 'match', 'match'],
		[{ industry: 'Kommunale Abwasserentsorgung', employees: '51-200', country: 'Schweiz' }, 'match', 'match', 'match'],
		[{ industry: 'Food', employees: '1000+', country: 'France' }, 'mismatch', 'match', 'mismatch'],
		[{ industry: 'Water', employees: 5000, country: 'Narnia' }, 'match', 'mismatch', 'unknown'],
		[{ industry: 'Water', employees: 99, country: 'DE' }, 'match', 'mismatch', 'match'],
	])('%j', (lead, industry, size, country) => {
		const fit = assessFit(lead, config);
		expect([fit.industry.status, fit.size.status, fit.country.status]).toEqual([industry, size, country]);
	});

	it('normalises the country to its ISO code', () => {
		expect(assessFit({ country: 'Österreich' }, config).country).toEqual({ status: 'match', value: 'AT', evidence: 'Österreich' });
	});
});

describe('employeeCount', () => {
	it.each<[LeadInput['employees'], number | null]>([
		['1-10', 5.5],
		['51-200', 125.5],
		['1000+', 1000],
		['250', 250],
		[42, 42],
		['lots', null],
		[undefined, null],
	])('%s → %s', (value, count) => {
		expect(employeeCount(value)).toBe(count);
	});
});
