// The optional Claude step proposes BANT evidence; this module decides whether to believe it. The
// JSON schema sent to the model is generated from the same zod schema the result uses, and a reply
// is accepted only if it validates, names taxonomy categories, and every quoted span actually occurs
// in the lead's own text (a budget quote must also read as the same amount when rules can read it).
// The model proposes, code decides; flags and scores never come from the model.
import { z } from 'zod/v4';

import { extractBudget } from './budget';
import { resolveCountry } from './countries';
import { currencyHintsFor } from './currencies';
import { fold } from './fold';
import {
	AuthorityEvidenceSchema,
	BudgetEvidenceSchema,
	EvidenceSchema,
	TimelineEvidenceSchema,
	defaultQualifyConfig,
	type BudgetEvidence,
	type Evidence,
	type LeadInput,
	type QualifyConfig,
} from './schema';

const QUOTE_MAX = 300;
const HAYSTACK_FIELD_CAP = 50_000;

function categorySchema(categories: string[]) {
	return categories.length > 0 ? z.enum(categories as [string, ...string[]]) : z.string().min(1);
}

/** EvidenceSchema with need categories narrowed to the configured taxonomy. */
export function evidenceSchemaFor(config: QualifyConfig = defaultQualifyConfig) {
	const category = categorySchema(Object.keys(config.taxonomy));
	const quote = z.string().min(1).max(QUOTE_MAX).describe('An exact span copied from the lead text (not paraphrased)');
	return z.strictObject({
		budget: BudgetEvidenceSchema.nullable().describe('Stated budget, or null when the lead states none'),
		authority: AuthorityEvidenceSchema,
		need: z
			.strictObject({
				categories: z.array(category).min(1),
				evidence: z.array(z.strictObject({ category, quote })).min(1),
			})
			.nullable()
			.describe('Needs from the taxonomy with the words that show them, or null'),
		timeline: TimelineEvidenceSchema.nullable().describe('Months until purchase with the quoted phrase, or null'),
	});
}

/**
 * JSON schema of the evidence block for the Anthropic structured-output format
 * (`output_config.format`), generated from the zod schema so the two cannot drift apart.
 */
export function evidenceJsonSchema(config: QualifyConfig = defaultQualifyConfig): Record<string, unknown> {
	const schema = z.toJSONSchema(evidenceSchemaFor(config)) as Record<string, unknown>;
	delete schema.$schema;
	return schema;
}

export type AcceptResult = { ok: true; evidence: Evidence } | { ok: false; reason: string };

/** Comparison form: NFKC, case/accent-folded, one kind of quote and dash, single spaces. */
function groundingForm(text: string): string {
	return fold(text.normalize('NFKC'))
		.replace(/[‘’‚‛`´]/g, "'")
		.replace(/[“”„‟«»]/g, '"')
		.replace(/[‐‑‒–—―]/g, '-')
		.replace(/\s+/g, ' ')
		.trim();
}

function leadHaystack(lead: LeadInput): string {
	const parts = [lead.title, lead.company, lead.contactName, lead.industry, lead.country, lead.source, lead.message, lead.email, lead.phone];
	if (lead.employees !== undefined) parts.push(String(lead.employees));
	return groundingForm(
		parts
			.filter((part): part is string => typeof part === 'string' && part.length > 0)
			.map((part) => part.slice(0, HAYSTACK_FIELD_CAP))
			.join('\n'),
	);
}

function sameBudget(a: BudgetEvidence, b: BudgetEvidence): boolean {
	if (a.currency !== b.currency) return false;
	if ('amount' in a && 'amount' in b) return a.amount === b.amount;
	if ('min' in a && 'min' in b) return a.min === b.min && a.max === b.max;
	return false;
}

function describeBudget(budget: BudgetEvidence): string {
	return 'amount' in budget ? `${budget.amount} ${budget.currency}` : `${budget.min}-${budget.max} ${budget.currency}`;
}

/**
 * Validates evidence proposed by a model for `lead`. Rejected (with the first reason) when it does
 * not match the schema, names a category outside the taxonomy, quotes anything that is not in the
 * lead, claims an authority without quoting it, or states a budget its own quote contradicts.
 */
export function acceptLlmEvidence(lead: LeadInput, raw: unknown, config: QualifyConfig = defaultQualifyConfig): AcceptResult {
	const parsed = EvidenceSchema.safeParse(raw);
	if (!parsed.success) {
		const issues = parsed.error.issues
			.slice(0, 3)
			.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
			.join('; ');
		return { ok: false, reason: `schema: ${issues}` };
	}
	const evidence = parsed.data;

	if (evidence.need) {
		const known = new Set(Object.keys(config.taxonomy));
		const listed = new Set(evidence.need.categories);
		for (const category of evidence.need.categories) {
			if (!known.has(category)) return { ok: false, reason: `need category "${category}" is not in the taxonomy` };
		}
		for (const entry of evidence.need.evidence) {
			if (!listed.has(entry.category)) return { ok: false, reason: `need evidence for unlisted category "${entry.category}"` };
		}
		for (const category of listed) {
			if (!evidence.need.evidence.some((entry) => entry.category === category)) {
				return { ok: false, reason: `need category "${category}" has no quoted evidence` };
			}
		}
	}

	if (evidence.authority.level !== 'unknown' && evidence.authority.evidence.trim() === '') {
		return { ok: false, reason: 'authority level claimed without a quote' };
	}

	const quotes: Array<[string, string]> = [];
	if (evidence.budget) quotes.push(['budget', evidence.budget.evidence]);
	if (evidence.authority.evidence.trim()) quotes.push(['authority', evidence.authority.evidence]);
	if (evidence.authority.title) quotes.push(['authority.title', evidence.authority.title]);
	for (const entry of evidence.need?.evidence ?? []) quotes.push([`need.${entry.category}`, entry.quote]);
	if (evidence.timeline) quotes.push(['timeline', evidence.timeline.evidence]);

	const haystack = leadHaystack(lead);
	for (const [where, quote] of quotes) {
		const needle = groundingForm(quote);
		if (needle.length === 0 || !haystack.includes(needle)) {
			return { ok: false, reason: `${where} quote does not occur in the lead: ${JSON.stringify(quote.slice(0, 80))}` };
		}
	}

	if (evidence.budget) {
		const quote = evidence.budget.evidence;
		if (!/\p{N}|million|mill|mio|thousand|tausend|mil\b|lakh|crore/iu.test(quote)) {
			return { ok: false, reason: 'budget quote contains no amount' };
		}
		const country = resolveCountry(typeof lead.country === 'string' ? lead.country : undefined);
		const bareCurrency = config.bareAmountsInCountryCurrency && country ? country.currency : config.defaultCurrency;
		const rules = extractBudget(quote, bareCurrency, currencyHintsFor(country?.currency));
		if (rules && !sameBudget(rules, evidence.budget)) {
			return {
				ok: false,
				reason: `budget ${describeBudget(evidence.budget)} contradicts its quote, which reads as ${describeBudget(rules)}`,
			};
		}
	}

	return { ok: true, evidence };
}
