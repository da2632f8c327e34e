// The shapes that cross the qualification boundary, declared once: the lead we accept, the
// configuration (weights, thresholds, ideal-customer profile, need taxonomy), the BANT evidence block
// (exactly what an LLM is asked to fill, each item quoting the lead), and the output item of the Lead
// Qualifier node. Types are inferred from these schemas; the LLM's JSON schema is generated from them.
import { z } from 'zod/v4';

import { DEFAULT_ICP_INDUSTRIES, DEFAULT_TAXONOMY } from './defaultProfile';

// ---------------------------------------------------------------------------------------------
// Lead input
// ---------------------------------------------------------------------------------------------

function describeValue(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (typeof value === 'string')
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (typeof value === 'number' || typeof value === 'boolean' || value === null)
		return String(value);
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/**
 * An optional text field: a string, or null/undefined for absent. A number is taken as its text (a
 * phone or a zip code as Google Sheets, CSV and many forms deliver it); anything else names field and value.
 */
function textField(field: string) {
	return z
		.union([z.string(), z.number()], {
			error: (issue) => `${field} must be text, got ${describeValue(issue.input)}`,
		})
		.nullish()
		.transform((value) =>
			value === null || value === undefined
				? undefined
				: typeof value === 'number'
					? String(value)
					: value,
		)
		.optional();
}

/** ERPNext `no_of_employees` options (`1-10` … `1000+`), any "a-b" / "n+" range, or a plain count. */
export const EMPLOYEE_RANGE_PATTERN = /^\s*\d{1,7}\s*(?:[-–]\s*\d{1,7}|\+)?\s*$/;

const employeesField = z
	.union([z.number(), z.string(), z.null(), z.undefined()], {
		error: (issue) =>
			`employees must be a number or a range like "51-200" or "1000+", got ${describeValue(issue.input)}`,
	})
	.superRefine((value, ctx) => {
		if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0)) {
			ctx.addIssue({
				code: 'custom',
				message: `employees must be a whole number of people, got ${describeValue(value)}`,
			});
		}
		if (typeof value === 'string' && value.trim() !== '' && !EMPLOYEE_RANGE_PATTERN.test(value)) {
			ctx.addIssue({
				code: 'custom',
				message: `employees must be a number or a range like "51-200" or "1000+", got ${describeValue(value)}`,
			});
		}
	})
	.transform((value) => (value === null || value === '' ? undefined : value))
	.optional();

export const LeadInputSchema = z.object({
	company: textField('company'),
	contactName: textField('contactName'),
	title: textField('title'),
	email: textField('email'),
	phone: textField('phone'),
	industry: textField('industry'),
	employees: employeesField,
	country: textField('country'),
	source: textField('source'),
	message: textField('message'),
});
export type LeadInput = z.output<typeof LeadInputSchema>;
export type LeadInputRaw = z.input<typeof LeadInputSchema>;

// ---------------------------------------------------------------------------------------------
// BANT evidence (rules and LLM fill the same block)
// ---------------------------------------------------------------------------------------------

export const CurrencyCodeSchema = z
	.string()
	.regex(/^[A-Z]{3}$/)
	.describe('ISO 4217 currency code, e.g. "USD", "EUR"');

const QuoteSchema = z
	.string()
	.max(300)
	.describe('An exact span copied from the lead text (not paraphrased)');

const MinorAmountSchema = z
	.int()
	.min(0)
	.describe(
		'Integer amount in minor units of the currency (USD 200,000 → 20000000; JPY has no minor unit)',
	);

export const AuthorityLevelSchema = z.enum(['decision_maker', 'influencer', 'user', 'unknown']);
export type AuthorityLevel = z.infer<typeof AuthorityLevelSchema>;

export const BudgetAmountSchema = z.strictObject({
	amount: MinorAmountSchema,
	currency: CurrencyCodeSchema,
	qualifier: z
		.enum(['exact', 'approx', 'up_to', 'at_least'])
		.describe('"up to 2M" → up_to, "around 80k" → approx, "at least" → at_least'),
	evidence: QuoteSchema.min(1),
});

export const BudgetRangeSchema = z
	.strictObject({
		min: MinorAmountSchema,
		max: MinorAmountSchema,
		currency: CurrencyCodeSchema,
		evidence: QuoteSchema.min(1),
	})
	.refine((range) => range.min <= range.max, { message: 'budget range min must not exceed max' });

export const BudgetEvidenceSchema = z.union([BudgetAmountSchema, BudgetRangeSchema]);
export type BudgetEvidence = z.infer<typeof BudgetEvidenceSchema>;

export const AuthorityEvidenceSchema = z.strictObject({
	level: AuthorityLevelSchema,
	title: z.string().max(300).nullable().describe('The job title the level was read from, or null'),
	evidence: QuoteSchema.describe(
		'Exact span of the title or text that shows the authority; "" when unknown',
	),
});
export type AuthorityEvidence = z.infer<typeof AuthorityEvidenceSchema>;

export const NeedMatchSchema = z.strictObject({
	category: z.string().min(1),
	quote: QuoteSchema.min(1),
});

export const NeedEvidenceSchema = z.strictObject({
	categories: z
		.array(z.string().min(1))
		.min(1)
		.describe('Need categories from the taxonomy, first mention first'),
	evidence: z
		.array(NeedMatchSchema)
		.min(1)
		.describe('The words of the lead that show each category'),
});
export type NeedEvidence = z.infer<typeof NeedEvidenceSchema>;

export const TimelineEvidenceSchema = z.strictObject({
	months: z
		.int()
		.min(0)
		.max(120)
		.describe('Months from the reference date until the purchase / project date'),
	evidence: QuoteSchema.min(1),
});
export type TimelineEvidence = z.infer<typeof TimelineEvidenceSchema>;

export const EvidenceSchema = z.strictObject({
	budget: BudgetEvidenceSchema.nullable(),
	authority: AuthorityEvidenceSchema,
	need: NeedEvidenceSchema.nullable(),
	timeline: TimelineEvidenceSchema.nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

const points = (value: number) => z.int().min(0).max(100).default(value);

export const QualifyConfigSchema = z.object({
	weights: z
		.object({
			budget: points(25),
			authority: z
				.object({ decision_maker: points(20), influencer: points(12), user: points(5) })
				.prefault({}),
			need: z.object({ one: points(15), several: points(20) }).prefault({}),
			timeline: z
				.object({
					within3Months: points(15),
					within6Months: points(12),
					within12Months: points(8),
					later: points(4),
				})
				.prefault({}),
			industry: points(8),
			size: points(6),
			country: points(6),
			freeEmailPenalty: points(10),
		})
		.prefault({}),
	thresholds: z
		.object({
			qualified: z.int().min(1).max(100).default(80),
			nurture: z.int().min(0).max(100).default(40),
			minConfidence: z.number().min(0).max(1).default(0.5),
		})
		.refine((t) => t.nurture < t.qualified, {
			message: 'thresholds.nurture must be lower than thresholds.qualified',
		})
		.prefault({}),
	grades: z
		.object({
			A: z.int().min(0).max(100).default(80),
			B: z.int().min(0).max(100).default(60),
			C: z.int().min(0).max(100).default(40),
		})
		.refine((g) => g.A >= g.B && g.B >= g.C, { message: 'grades must satisfy A >= B >= C' })
		.prefault({}),
	icp: z
		.object({
			industries: z.array(z.string().min(2)).default(DEFAULT_ICP_INDUSTRIES),
			/** ISO alpha-2 codes or country names; empty = any country fits. */
			countries: z.array(z.string().min(2)).default([]),
			minEmployees: z.int().min(0).nullable().default(50),
			maxEmployees: z.int().min(0).nullable().default(10000),
			/** Smallest interesting budget (minor units); compared only when the currency is the same. */
			minBudget: z
				.strictObject({ amount: z.int().min(0), currency: CurrencyCodeSchema })
				.nullable()
				.default(null),
		})
		.prefault({}),
	taxonomy: z
		.record(z.string().min(1), z.array(z.string().min(1)).min(1))
		.default(DEFAULT_TAXONOMY),
	/** Currency of a budget written without one when the lead's country is unknown. */
	defaultCurrency: CurrencyCodeSchema.default('EUR'),
	/** Read a budget written without a currency in the currency of the lead's country, when known. */
	bareAmountsInCountryCurrency: z.boolean().default(true),
	/** Extra free-mail domains on top of the built-in list. */
	freeEmailDomains: z.array(z.string().min(3)).default([]),
	/** Extra throw-away mail domains (lead = junk) on top of the built-in list. */
	disposableEmailDomains: z.array(z.string().min(3)).default([]),
	/** Characters of each text field that are scanned; longer input is flagged `truncated`. */
	maxScanChars: z.int().min(1000).max(1_000_000).default(20_000),
});
export type QualifyConfig = z.output<typeof QualifyConfigSchema>;
export type QualifyConfigInput = z.input<typeof QualifyConfigSchema>;

export const defaultQualifyConfig: QualifyConfig = QualifyConfigSchema.parse({});

// ---------------------------------------------------------------------------------------------
// Output item
// ---------------------------------------------------------------------------------------------

export const FlagSchema = z.enum([
	'invalid_email',
	'free_email',
	'junk',
	'injection_suspected',
	'duplicate',
	'truncated',
]);
export type Flag = z.infer<typeof FlagSchema>;

export const ReasonSchema = z.strictObject({
	factor: z.string().min(1),
	points: z.int(),
	/** Verbatim span of the input that the reason rests on ("" when the reason is an absence). */
	evidence: z.string(),
	detail: z.string(),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const FitCheckSchema = z.strictObject({
	status: z.enum(['match', 'mismatch', 'unknown']),
	value: z.string().nullable(),
	evidence: z.string(),
});
export type FitCheck = z.infer<typeof FitCheckSchema>;

export const FitSchema = z.strictObject({
	industry: FitCheckSchema,
	size: FitCheckSchema,
	country: FitCheckSchema,
});
export type Fit = z.infer<typeof FitSchema>;

export const UsageSchema = z.object({
	input_tokens: z.int().min(0),
	output_tokens: z.int().min(0),
	cache_creation_input_tokens: z.int().min(0).nullish(),
	cache_read_input_tokens: z.int().min(0).nullish(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const GradeSchema = z.enum(['A', 'B', 'C', 'D']);
export const RouteSchema = z.enum(['qualified', 'review', 'nurture', 'disqualified']);
export type Grade = z.infer<typeof GradeSchema>;
export type Route = z.infer<typeof RouteSchema>;

export const QualificationResultSchema = z.strictObject({
	score: z.int().min(0).max(100),
	grade: GradeSchema,
	route: RouteSchema,
	/** Why the route is not the one the score alone gives (a flag, a hold); null when the score decided. */
	routeReason: z.string().nullable(),
	bant: EvidenceSchema,
	fit: FitSchema,
	flags: z.array(FlagSchema),
	reasons: z.array(ReasonSchema),
	confidence: z.number().min(0).max(1),
	engine: z.enum(['rules', 'llm+rules']),
	model: z.string().optional(),
	usage: UsageSchema.optional(),
});
export type QualificationResult = z.infer<typeof QualificationResultSchema>;

// ---------------------------------------------------------------------------------------------
// Parsing helpers with field-naming errors
// ---------------------------------------------------------------------------------------------

export interface FieldError {
	field: string;
	message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function toFieldErrors(
	issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): FieldError[] {
	return issues.map((issue) => ({
		field: issue.path.map(String).join('.') || '(root)',
		message: issue.message,
	}));
}

/** Validates an untrusted lead item; errors name the field and the offending value. */
export function parseLeadInput(raw: unknown): Parsed<LeadInput> {
	const result = LeadInputSchema.safeParse(raw);
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, errors: toFieldErrors(result.error.issues) };
}

/** Fills a partial configuration with the defaults and validates it. */
export function parseQualifyConfig(raw: unknown): Parsed<QualifyConfig> {
	const result = QualifyConfigSchema.safeParse(raw ?? {});
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, errors: toFieldErrors(result.error.issues) };
}
