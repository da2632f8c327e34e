// Lead qualification entry point: turns one lead into the Lead Qualifier node's output item (score,
// grade, route, BANT evidence, fit, flags, reasons, confidence). Pure and deterministic: the
// reference date comes in as `now`, optional LLM evidence comes in already fetched, and every field
// is scanned only up to `maxScanChars` so a 1 MB message costs no more than a long one.
import { extractAuthority } from './authority';
import { extractBudget } from './budget';
import { resolveCountry } from './countries';
import { currencyHintsFor, type CurrencyHints } from '../moneyWords';
import { assessFit } from './fit';
import { detectFlags, type ScanFields } from './flags';
import { fold } from './fold';
import { acceptLlmEvidence } from './llmEvidence';
import { compileTaxonomy, extractNeed } from './need';
import type {
	Evidence,
	LeadInput,
	QualificationResult,
	QualifyConfig,
	Reason,
	Usage,
} from './schema';
import { scoreLead } from './score';
import { extractTimeline } from './timeline';

export {
	AuthorityEvidenceSchema,
	AuthorityLevelSchema,
	BudgetAmountSchema,
	BudgetEvidenceSchema,
	BudgetRangeSchema,
	CurrencyCodeSchema,
	EMPLOYEE_RANGE_PATTERN,
	EvidenceSchema,
	FitCheckSchema,
	FitSchema,
	FlagSchema,
	GradeSchema,
	LeadInputSchema,
	NeedEvidenceSchema,
	NeedMatchSchema,
	QualificationResultSchema,
	QualifyConfigSchema,
	ReasonSchema,
	RouteSchema,
	TimelineEvidenceSchema,
	UsageSchema,
	defaultQualifyConfig,
	parseLeadInput,
	parseQualifyConfig,
	type AuthorityEvidence,
	type AuthorityLevel,
	type BudgetEvidence,
	type Evidence,
	type FieldError,
	type Fit,
	type FitCheck,
	type Flag,
	type Grade,
	type LeadInput,
	type LeadInputRaw,
	type NeedEvidence,
	type Parsed,
	type QualificationResult,
	type QualifyConfig,
	type QualifyConfigInput,
	type Reason,
	type Route,
	type TimelineEvidence,
	type Usage,
} from './schema';
export { extractBudget, parseDecimal } from './budget';
export { extractAuthority } from './authority';
export { extractNeed, compileTaxonomy } from './need';
export { extractTimeline, type TimelineOptions } from './timeline';
export { assessFit, employeeCount } from './fit';
export { detectFlags, isValidEmail, type FlagFinding, type ScanFields } from './flags';
export { scoreLead, type ScoreOutcome } from './score';
export {
	acceptLlmEvidence,
	evidenceJsonSchema,
	evidenceSchemaFor,
	type AcceptContext,
	type AcceptResult,
	type RefusedClaim,
} from './llmEvidence';
export { readSelfStatedRoles, type SelfStatedRole } from './selfStatedRole';
export { currencyHintsFor, minorUnitExponent, type CurrencyHints } from '../moneyWords';
export { resolveCountry, type CountryInfo } from './countries';
export {
	budgetMinorUnits,
	codeLabel,
	flagLabel,
	presentQualification,
	qualificationSummary,
	readableBudget,
} from './present';
export {
	LEAD_KEY_SYNONYMS,
	leadFieldOfKey,
	normaliseKey,
	readLeadKeys,
	type KeyedLead,
	type LeadKeyField,
} from './leadKeys';

/** Short fields (title, company, name …) are never legitimately longer than this. */
const SHORT_FIELD_CAP = 1000;

export interface LlmContribution {
	/** Evidence proposed by the model; re-validated here with `acceptLlmEvidence`. */
	evidence: unknown;
	model: string;
	usage?: Usage;
}

export interface QualifyOptions {
	/** Reference date for timelines ("next quarter" is relative to it). */
	now: Date;
	/** Id of an existing lead this one duplicates, if the caller found one. */
	duplicateOf?: string | null;
	llm?: LlmContribution;
}

const hintsByCurrency = new Map<string, CurrencyHints>();
function hintsFor(currency: string | undefined): CurrencyHints {
	const key = currency ?? '';
	let hints = hintsByCurrency.get(key);
	if (!hints) {
		hints = currencyHintsFor(currency);
		hintsByCurrency.set(key, hints);
	}
	return hints;
}

function mergeEvidence(rules: Evidence, llm: Evidence): Evidence {
	return {
		budget: llm.budget ?? rules.budget,
		authority: llm.authority.level !== 'unknown' ? llm.authority : rules.authority,
		need: llm.need ?? rules.need,
		timeline: llm.timeline ?? rules.timeline,
	};
}

/**
 * Qualifies one lead. `lead` should come from `parseLeadInput`; non-string fields are treated as
 * empty. `config` should be one object reused across leads (compiled patterns are cached per object).
 */
export function qualifyLead(
	lead: LeadInput,
	config: QualifyConfig,
	options: QualifyOptions,
): QualificationResult {
	let truncated: { field: string; length: number; cap: number } | null = null;
	const take = (field: string, value: unknown, cap: number): string => {
		if (typeof value !== 'string') return '';
		if (value.length <= cap) return value;
		truncated ??= { field, length: value.length, cap };
		return value.slice(0, cap);
	};
	const shortCap = Math.min(SHORT_FIELD_CAP, config.maxScanChars);
	const message = take('message', lead.message, config.maxScanChars);
	const title = take('title', lead.title, shortCap);
	const company = take('company', lead.company, shortCap);
	const contactName = take('contactName', lead.contactName, shortCap);
	const industry = take('industry', lead.industry, shortCap);
	const source = take('source', lead.source, shortCap);
	const email = take('email', lead.email, shortCap);
	const phone = take('phone', lead.phone, shortCap);
	const countryText = take('country', lead.country, shortCap);

	const country = resolveCountry(countryText);
	const foldedMessage = fold(message);
	// A bare amount ("budget is around 12 lacs", "5-8k") is in the buyer's own currency when the
	// country is known, else in the configured default.
	const bareCurrency =
		config.bareAmountsInCountryCurrency && country ? country.currency : config.defaultCurrency;
	const rules: Evidence = {
		budget: extractBudget(message, bareCurrency, hintsFor(country?.currency)),
		authority: extractAuthority(title),
		need: extractNeed(message, compileTaxonomy(config.taxonomy), foldedMessage),
		timeline: extractTimeline(message, options.now, {
			southernHemisphere: country?.southern ?? false,
			monthFirst: country?.iso2 === 'US' || country?.iso2 === 'PH',
			folded: foldedMessage,
		}),
	};

	const fields: ScanFields = {
		message,
		company,
		contactName,
		title,
		email,
		phone,
		all: [
			['title', title],
			['company', company],
			['contactName', contactName],
			['industry', industry],
			['source', source],
			['message', message],
		],
	};
	const findings = detectFlags(lead, fields, config, {
		duplicateOf: options.duplicateOf ?? null,
		truncated,
	});

	let evidence = rules;
	let engine: QualificationResult['engine'] = 'rules';
	let llmReason: Reason | null = null;
	let refusals: Reason[] = [];
	if (options.llm) {
		const accepted = acceptLlmEvidence(lead, options.llm.evidence, config, { now: options.now });
		// Each claim the rules cannot read from its quote is shown under its own factor, worth nothing.
		refusals = (accepted.refused ?? []).map((claim) => ({
			factor: claim.factor,
			points: 0,
			evidence: claim.quote.slice(0, 300),
			detail: `model claim refused: ${claim.detail}`,
		}));
		if (!accepted.ok) {
			llmReason = {
				factor: 'llm',
				points: 0,
				evidence: '',
				detail: `LLM evidence rejected, rules used: ${accepted.reason}`,
			};
		} else if (findings.some((finding) => finding.flag === 'injection_suspected')) {
			// The lead's own text tries to instruct the model: whatever the model read there, quotes
			// included, is the attacker's choice, so nothing of it may lift the lead.
			llmReason = {
				factor: 'llm',
				points: 0,
				evidence: '',
				detail:
					'LLM evidence not used, rules used: the lead is flagged injection_suspected, so its text may have steered the model',
			};
		} else {
			evidence = mergeEvidence(rules, accepted.evidence);
			engine = 'llm+rules';
			const dropped =
				accepted.dropped.length > 0
					? `; not supported by their quotes, rules kept: ${accepted.dropped.join('; ')}`
					: '';
			llmReason = {
				factor: 'llm',
				points: 0,
				evidence: '',
				detail: `BANT evidence proposed by ${options.llm.model}, quotes verified${dropped}`,
			};
		}
	}

	const fit = assessFit(
		{ ...lead, industry, country: countryText, employees: lead.employees },
		config,
	);
	const outcome = scoreLead(lead, evidence, findings, config, { engine, fit });
	const reasons = llmReason ? [...outcome.reasons, ...refusals, llmReason] : outcome.reasons;

	const result: QualificationResult = {
		score: outcome.score,
		grade: outcome.grade,
		route: outcome.route,
		routeReason: outcome.routeReason,
		bant: evidence,
		fit: outcome.fit,
		flags: outcome.flags,
		reasons,
		confidence: outcome.confidence,
		engine,
	};
	if (options.llm) {
		result.model = options.llm.model;
		if (options.llm.usage) result.usage = options.llm.usage;
	}
	return result;
}
