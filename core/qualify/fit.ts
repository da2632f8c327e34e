// Decides how well the lead's company fits the ideal-customer profile: industry (a word of the
// lead's industry starts with one of the ICP's industry stems, any language), size (the ERPNext
// `no_of_employees` range or a count, against min/max employees) and country (ISO code or any
// known name, against the ICP's list; an empty list means any country). Unknown stays unknown:
// a missing field is neither a match nor a mismatch, and neither is a value that cannot be a country
// at all ("NaN", "€", a date, markup, a pasted paragraph), even when any country is welcome.
import type { Fit, FitCheck, LeadInput, QualifyConfig } from './schema';
import { resolveCountry } from './countries';
import { escapeRegex, fold } from './fold';

const FIELD_CAP = 200;

interface CompiledIcp {
	industry: RegExp | null;
	countryCodes: Set<string>;
	countryNames: Set<string>;
}

const icpCache = new WeakMap<QualifyConfig['icp'], CompiledIcp>();

function compileIcp(icp: QualifyConfig['icp']): CompiledIcp {
	const cached = icpCache.get(icp);
	if (cached) return cached;
	const stems = icp.industries
		.map((entry) => fold(entry.trim()))
		.filter((entry) => entry.length > 0)
		.sort((a, b) => b.length - a.length)
		.map((entry) => escapeRegex(entry).replace(/\s+/g, '[\\s\\-&]+'));
	const countryCodes = new Set<string>();
	const countryNames = new Set<string>();
	for (const entry of icp.countries) {
		const info = resolveCountry(entry);
		if (info) countryCodes.add(info.iso2);
		else countryNames.add(entry.trim().toLowerCase());
	}
	const compiled: CompiledIcp = {
		industry:
			stems.length > 0 ? new RegExp(`(?<![a-z0-9\\u00df-\\u024f])(?:${stems.join('|')})`) : null,
		countryCodes,
		countryNames,
	};
	icpCache.set(icp, compiled);
	return compiled;
}

const unknown = (value: string | null = null): FitCheck => ({
	status: 'unknown',
	value,
	evidence: '',
});

function industryFit(industry: string | undefined, icp: CompiledIcp): FitCheck {
	const original = (industry ?? '').trim().slice(0, FIELD_CAP);
	if (!original) return unknown();
	if (!icp.industry) return { status: 'match', value: original, evidence: original };
	const match = icp.industry.exec(fold(original));
	if (!match) return { status: 'mismatch', value: original, evidence: original };
	return {
		status: 'match',
		value: original,
		evidence: original.slice(match.index, match.index + match[0].length),
	};
}

/** Representative head-count of a count or a range ("51-200" → 125.5, "1000+" → 1000). */
export function employeeCount(employees: LeadInput['employees']): number | null {
	if (typeof employees === 'number')
		return Number.isFinite(employees) && employees >= 0 ? employees : null;
	if (typeof employees !== 'string') return null;
	const range = /^\s*(\d{1,7})\s*(?:[-–]\s*(\d{1,7})|(\+))?\s*$/.exec(employees);
	if (!range) return null;
	const low = Number(range[1]);
	if (range[2] !== undefined) return (low + Number(range[2])) / 2;
	return low;
}

function sizeFit(employees: LeadInput['employees'], icp: QualifyConfig['icp']): FitCheck {
	const count = employeeCount(employees);
	if (count === null)
		return unknown(
			typeof employees === 'string' && employees.trim()
				? employees.trim().slice(0, FIELD_CAP)
				: null,
		);
	const value = String(employees).trim();
	const tooSmall = icp.minEmployees !== null && count < icp.minEmployees;
	const tooLarge = icp.maxEmployees !== null && count > icp.maxEmployees;
	return { status: tooSmall || tooLarge ? 'mismatch' : 'match', value, evidence: value };
}

// Placeholders that spreadsheets, pandas and forms write where no country was given.
const NO_COUNTRY = new Set([
	'nan',
	'null',
	'undefined',
	'none',
	'n/a',
	'na',
	'n.a.',
	'unknown',
	'other',
	'tbd',
	'test',
	'xxx',
	'true',
	'false',
	'country',
]);

/**
 * Whether a value not in the country table can still be a country name ("Kenya", "Côte d'Ivoire",
 * "Bosnia and Herzegovina"): letters of any script, spaces, hyphens, apostrophes, dots, commas and
 * parentheses only, 2 to 60 characters, and not a placeholder. Digits, symbols and markup are not.
 */
function canBeCountryName(text: string): boolean {
	if (text.length < 2 || text.length > 60) return false;
	if (!/^[\p{L}\p{M}][\p{L}\p{M} .,'’()-]*$/u.test(text)) return false;
	return !NO_COUNTRY.has(text.toLowerCase());
}

function countryFit(country: string | undefined, icp: CompiledIcp): FitCheck {
	const original = (country ?? '').trim().slice(0, FIELD_CAP);
	if (!original) return unknown();
	const anyCountry = icp.countryCodes.size === 0 && icp.countryNames.size === 0;
	const info = resolveCountry(original);
	if (!info && !canBeCountryName(original)) return unknown(original.slice(0, 60));
	const value = info ? info.iso2 : original;
	if (anyCountry) return { status: 'match', value, evidence: original };
	if (info && icp.countryCodes.has(info.iso2))
		return { status: 'match', value, evidence: original };
	if (icp.countryNames.has(original.toLowerCase()))
		return { status: 'match', value, evidence: original };
	return info
		? { status: 'mismatch', value, evidence: original }
		: { status: 'unknown', value, evidence: original };
}

/** Industry, size and country of the lead against the configured ideal-customer profile. */
export function assessFit(lead: LeadInput, config: QualifyConfig): Fit {
	const icp = compileIcp(config.icp);
	return {
		industry: industryFit(typeof lead.industry === 'string' ? lead.industry : undefined, icp),
		size: sizeFit(lead.employees, config.icp),
		country: countryFit(typeof lead.country === 'string' ? lead.country : undefined, icp),
	};
}
