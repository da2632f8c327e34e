// The optional Claude step proposes BANT evidence; this module decides whether to believe it. The
// JSON schema sent to the model is generated from the same zod schema the result uses, and a reply
// is accepted only if it validates, names taxonomy categories, and every quoted span actually occurs
// in the lead's own text. A verbatim quote is not yet support: a lead can contain any words (a prompt
// injection supplies them on purpose) and a model can quote the wrong ones ("12" PLCs as a budget, "our
// CEO" as the sender's authority: issue 14, H2), so each claim must also be what the rules themselves
// read from its quote — a budget by the money reader (`extractBudget`: a currency, a magnitude word or
// budget wording next to the number, in its sentence), the authority level by the title classifier on
// the lead's own job title or, without one, on a role the sender states for themself
// (`readSelfStatedRoles`), the timeline months by the timeline parser, a need category by a keyword of
// that category. A claim its quote does not show is refused (a 0-point reason of its factor says why)
// and the rules' reading is kept. The model proposes, code decides; flags and scores never come from
// the model.
import { z } from 'zod/v4';

import { extractAuthority } from './authority';
import { extractBudget } from './budget';
import { resolveCountry, type CountryInfo } from './countries';
import { currencyHintsFor } from '../moneyWords';
import { fold } from './fold';
import { compileTaxonomy, extractNeed } from './need';
import {
	AuthorityEvidenceSchema,
	BudgetEvidenceSchema,
	EvidenceSchema,
	TimelineEvidenceSchema,
	defaultQualifyConfig,
	type AuthorityEvidence,
	type BudgetEvidence,
	type Evidence,
	type LeadInput,
	type NeedEvidence,
	type QualifyConfig,
	type TimelineEvidence,
} from './schema';
import { readSelfStatedRoles } from './selfStatedRole';
import { extractTimeline } from './timeline';

const QUOTE_MAX = 300;
/** Context the money reader sees around a budget quote: the words before decide "budget" vs "revenue". */
const SENTENCE_BEFORE = 60;
const SENTENCE_AFTER = 25;
const HAYSTACK_FIELD_CAP = 50_000;

function categorySchema(categories: string[]) {
	return categories.length > 0 ? z.enum(categories as [string, ...string[]]) : z.string().min(1);
}

/** EvidenceSchema with need categories narrowed to the configured taxonomy. */
export function evidenceSchemaFor(config: QualifyConfig = defaultQualifyConfig) {
	const category = categorySchema(Object.keys(config.taxonomy));
	const quote = z
		.string()
		.min(1)
		.max(QUOTE_MAX)
		.describe('An exact span copied from the lead text (not paraphrased)');
	return z.strictObject({
		budget: BudgetEvidenceSchema.nullable().describe(
			'Stated budget, or null when the lead states none',
		),
		authority: AuthorityEvidenceSchema,
		need: z
			.strictObject({
				categories: z.array(category).min(1),
				evidence: z.array(z.strictObject({ category, quote })).min(1),
			})
			.nullable()
			.describe('Needs from the taxonomy with the words that show them, or null'),
		timeline: TimelineEvidenceSchema.nullable().describe(
			'Months until purchase with the quoted phrase, or null',
		),
	});
}

/**
 * JSON schema of the evidence block for the Anthropic structured-output format
 * (`output_config.format`), generated from the zod schema so the two cannot drift apart.
 */
export function evidenceJsonSchema(
	config: QualifyConfig = defaultQualifyConfig,
): Record<string, unknown> {
	const schema = z.toJSONSchema(evidenceSchemaFor(config)) as Record<string, unknown>;
	delete schema.$schema;
	return schema;
}

/** A model claim the rules could not read from its quote: shown as a 0-point reason of its factor. */
export interface RefusedClaim {
	factor: 'budget' | 'authority' | 'need' | 'timeline';
	quote: string;
	/** Why, e.g. `quote "12" is not an amount of money`. */
	detail: string;
}

/**
 * `evidence` holds only the claims their quotes support (a dropped claim is null, or `unknown` for
 * authority, so the rules' reading stands); `dropped` says why each other claim was not used, and
 * `refused` says the same per claim, for the reasons list.
 */
export type AcceptResult =
	| { ok: true; evidence: Evidence; dropped: string[]; refused: RefusedClaim[] }
	| { ok: false; reason: string; refused?: RefusedClaim[] };

type Refuse = (factor: RefusedClaim['factor'], quote: string, detail: string) => void;

export interface AcceptContext {
	/**
	 * Reference date of the qualification: a timeline claim is checked against the rules' reading of
	 * its quote on this date. Without it a timeline claim cannot be checked and is dropped.
	 */
	now?: Date;
}

const UNKNOWN_AUTHORITY: AuthorityEvidence = { level: 'unknown', title: null, evidence: '' };

const shown = (quote: string) =>
	JSON.stringify(quote.length > 80 ? `${quote.slice(0, 80)}…` : quote);

/** Why the claimed authority is not what its quote (or the lead's own title) shows, or null. */
function authorityProblem(lead: LeadInput, authority: AuthorityEvidence): string | null {
	const read = extractAuthority(authority.evidence).level;
	if (read !== authority.level) {
		return `authority ${authority.level} is not what its quote ${shown(authority.evidence)} shows (it reads as ${read})`;
	}
	// The lead's job title is the rules' source of authority; words elsewhere ("I am the CEO") do not
	// outrank it, and a quote from the title reads as the title does.
	const title = typeof lead.title === 'string' ? lead.title.trim() : '';
	if (title.length > 0) {
		const own = extractAuthority(title).level;
		if (own !== authority.level) {
			return `authority ${authority.level} overrides the lead's job title ${shown(title)}, which reads as ${own}`;
		}
		return null;
	}
	// No title: only a role the sender states for themself counts ("I am the CEO", a signature's title
	// line), and the quote must be part of that statement; "our CEO asked me" is someone else's title.
	// Line breaks are kept for the reader (a signature is a block of lines) and searched as spaces.
	const lines = groundingForm(
		typeof lead.message === 'string' ? lead.message.slice(0, HAYSTACK_FIELD_CAP) : '',
		true,
	);
	const message = lines.replace(/\n/g, ' ');
	const needle = groundingForm(authority.evidence);
	const roles = readSelfStatedRoles(lines).filter((role) => role.level === authority.level);
	for (
		let at = message.indexOf(needle);
		needle.length > 0 && at >= 0;
		at = message.indexOf(needle, at + 1)
	) {
		const end = at + needle.length;
		if (roles.some((role) => at < role.end && end > role.start)) return null;
	}
	return `quote ${shown(authority.evidence)} is not a role the sender states for themself (the lead has no job title)`;
}

/**
 * Why a budget claim is not money the rules read from its quote, or null. The quote alone must read
 * as an amount (a bare "12", "400 V" or "2027" does not), and as a budget in its sentence (not revenue,
 * a price paid or a unit price), and as the amount the model claims.
 */
function budgetProblem(
	lead: LeadInput,
	budget: BudgetEvidence,
	bareCurrency: string,
	hints: ReturnType<typeof currencyHintsFor>,
): { refused: string } | { contradicts: string } | null {
	const quote = budget.evidence;
	const alone = extractBudget(quote, bareCurrency, hints);
	if (!alone) return { refused: `quote ${shown(quote)} is not an amount of money` };
	if (!sameBudget(alone, budget)) {
		return {
			contradicts: `budget ${describeBudget(budget)} contradicts its quote, which reads as ${describeBudget(alone)}`,
		};
	}
	// Found as written, or else in the comparison form (the model may have changed spaces or quote marks).
	const raw = typeof lead.message === 'string' ? lead.message.slice(0, HAYSTACK_FIELD_CAP) : '';
	let message = raw;
	let needle = quote;
	let at = raw.indexOf(quote);
	if (at < 0) {
		message = groundingForm(raw);
		needle = groundingForm(quote);
		at = needle.length > 0 ? message.indexOf(needle) : -1;
	}
	// The rules read a budget only from the message: an amount in the company name or title is none.
	if (at < 0) return { refused: `quote ${shown(quote)} is not in the lead's message` };
	const sentence = message.slice(
		Math.max(0, at - SENTENCE_BEFORE),
		at + needle.length + SENTENCE_AFTER,
	);
	const inContext = extractBudget(sentence, bareCurrency, hints);
	if (!inContext || !sameBudget(inContext, alone)) {
		return { refused: `quote ${shown(quote)} is money but not the budget its sentence states` };
	}
	return null;
}

/** The need claims whose quote contains a keyword of the claimed category. */
function supportedNeed(
	need: NeedEvidence,
	config: QualifyConfig,
	refuse: Refuse,
): NeedEvidence | null {
	const compiled = compileTaxonomy(config.taxonomy);
	const kept = need.evidence.filter((entry) => {
		const read = extractNeed(entry.quote, compiled);
		if (read?.categories.includes(entry.category)) return true;
		refuse(
			'need',
			entry.quote,
			`need ${entry.category} is not what its quote ${shown(entry.quote)} shows (no word of that category)`,
		);
		return false;
	});
	const categories = need.categories.filter((category) =>
		kept.some((entry) => entry.category === category),
	);
	return categories.length > 0 ? { categories, evidence: kept } : null;
}

/**
 * The timeline as the rules read its quote. The parser's months are used; a claim more than one
 * month away from them (the model may round "end of March" differently) contradicts its quote.
 */
function supportedTimeline(
	timeline: TimelineEvidence,
	country: CountryInfo | null,
	context: AcceptContext,
	refuse: Refuse,
): TimelineEvidence | null {
	if (!context.now) {
		refuse('timeline', timeline.evidence, 'timeline cannot be checked without a reference date');
		return null;
	}
	const read = extractTimeline(timeline.evidence, context.now, {
		southernHemisphere: country?.southern ?? false,
		monthFirst: country?.iso2 === 'US' || country?.iso2 === 'PH',
	});
	if (!read) {
		refuse(
			'timeline',
			timeline.evidence,
			`timeline quote ${shown(timeline.evidence)} states no purchase timing`,
		);
		return null;
	}
	if (Math.abs(read.months - timeline.months) > 1) {
		refuse(
			'timeline',
			timeline.evidence,
			`timeline ${timeline.months} months contradicts its quote ${shown(timeline.evidence)}, which reads as ${read.months}`,
		);
		return null;
	}
	return { months: read.months, evidence: timeline.evidence };
}

/** Comparison form: NFKC, case/accent-folded, one kind of quote and dash, single spaces (or single line breaks). */
function groundingForm(text: string, keepLines = false): string {
	const folded = fold(text.normalize('NFKC'))
		.replace(/[‘’‚‛`´]/g, "'")
		.replace(/[“”„‟«»]/g, '"')
		.replace(/[‐‑‒–—―]/g, '-');
	return (
		keepLines
			? folded.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n')
			: folded.replace(/\s+/g, ' ')
	).trim();
}

function leadHaystack(lead: LeadInput): string {
	const parts = [
		lead.title,
		lead.company,
		lead.contactName,
		lead.industry,
		lead.country,
		lead.source,
		lead.message,
		lead.email,
		lead.phone,
	];
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
	return 'amount' in budget
		? `${budget.amount} ${budget.currency}`
		: `${budget.min}-${budget.max} ${budget.currency}`;
}

/**
 * Validates evidence proposed by a model for `lead`. Rejected (with the first reason) when it does
 * not match the schema, names a category outside the taxonomy, quotes anything that is not in the
 * lead, claims an authority without quoting it, states a budget its own quote contradicts, or when
 * no claim is supported by its quote. Otherwise accepted with the unsupported claims dropped.
 */
export function acceptLlmEvidence(
	lead: LeadInput,
	raw: unknown,
	config: QualifyConfig = defaultQualifyConfig,
	context: AcceptContext = {},
): AcceptResult {
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
			if (!known.has(category))
				return { ok: false, reason: `need category "${category}" is not in the taxonomy` };
		}
		for (const entry of evidence.need.evidence) {
			if (!listed.has(entry.category))
				return { ok: false, reason: `need evidence for unlisted category "${entry.category}"` };
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
	for (const entry of evidence.need?.evidence ?? [])
		quotes.push([`need.${entry.category}`, entry.quote]);
	if (evidence.timeline) quotes.push(['timeline', evidence.timeline.evidence]);

	const haystack = leadHaystack(lead);
	for (const [where, quote] of quotes) {
		const needle = groundingForm(quote);
		if (needle.length === 0 || !haystack.includes(needle)) {
			return {
				ok: false,
				reason: `${where} quote does not occur in the lead: ${JSON.stringify(quote.slice(0, 80))}`,
			};
		}
	}

	const country = resolveCountry(typeof lead.country === 'string' ? lead.country : undefined);
	const dropped: string[] = [];
	const refused: RefusedClaim[] = [];
	const refuse: Refuse = (factor, quote, detail) => {
		dropped.push(detail);
		refused.push({ factor, quote, detail });
	};
	let budget = evidence.budget;
	if (budget) {
		const bareCurrency =
			config.bareAmountsInCountryCurrency && country ? country.currency : config.defaultCurrency;
		const problem = budgetProblem(lead, budget, bareCurrency, currencyHintsFor(country?.currency));
		// A claim its own quote contradicts is a wrong reading, not a missing one: nothing of it is used.
		if (problem && 'contradicts' in problem) return { ok: false, reason: problem.contradicts };
		if (problem) {
			refuse('budget', budget.evidence, problem.refused);
			budget = null;
		}
	}

	let authority = evidence.authority;
	if (authority.level !== 'unknown') {
		const problem = authorityProblem(lead, authority);
		if (problem) {
			refuse('authority', authority.evidence, problem);
			authority = UNKNOWN_AUTHORITY;
		}
	}
	const supported: Evidence = {
		budget,
		authority,
		need: evidence.need ? supportedNeed(evidence.need, config, refuse) : null,
		timeline: evidence.timeline
			? supportedTimeline(evidence.timeline, country, context, refuse)
			: null,
	};
	const nothingLeft =
		!supported.budget &&
		supported.authority.level === 'unknown' &&
		!supported.need &&
		!supported.timeline;
	if (dropped.length > 0 && nothingLeft) {
		return {
			ok: false,
			reason: `no claim is supported by its quote: ${dropped.join('; ')}`,
			refused,
		};
	}
	return { ok: true, evidence: supported, dropped, refused };
}
