// Shapes for deal-risk assessment: a snapshot of one ERPNext Opportunity with its activity
// (Communications, ToDos, Events, Quotations, Version history), the per-stage thresholds, and the
// assessment returned. Field names follow ERPNext (erpnext.md §6) so a connector maps documents
// one-to-one; money is in integer minor units (the connector converts ERPNext's Currency floats).
import { z } from 'zod/v4';

import { CurrencySchema } from '../money';

/** ERPNext Date, `YYYY-MM-DD`. */
export const ErpDateSchema = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ERPNext date YYYY-MM-DD');

/**
 * ERPNext Datetime: `YYYY-MM-DD HH:mm:ss[.ffffff]` in the site's time zone (no offset), or ISO 8601
 * with `T` and an optional `Z`/offset. A bare date means midnight.
 */
export const ErpDatetimeSchema = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
		'expected an ERPNext datetime YYYY-MM-DD HH:mm:ss or ISO 8601',
	);

export const CommunicationSchema = z.object({
	name: z.string().optional(),
	date: ErpDatetimeSchema,
	/** `sent_or_received`: Sent → out, Received → in. */
	direction: z.enum(['in', 'out']),
	/** `communication_medium`: Email, Chat, Phone, SMS, Event, Meeting, Visit, Other. */
	medium: z.string().default('Email'),
	/** Who was written to or wrote: an email address or Contact name. */
	contact: z.string().nullish(),
	subject: z.string().nullish(),
});
export type Communication = z.infer<typeof CommunicationSchema>;

export const TodoSchema = z.object({
	name: z.string().optional(),
	/** Due date. */
	date: ErpDateSchema.nullish(),
	status: z.enum(['Open', 'Closed', 'Cancelled']),
	priority: z.enum(['High', 'Medium', 'Low']).nullish(),
	description: z.string(),
	allocated_to: z.string().nullish(),
	modified: ErpDatetimeSchema.nullish(),
});
export type Todo = z.infer<typeof TodoSchema>;

export const EventSchema = z.object({
	name: z.string().optional(),
	starts_on: ErpDatetimeSchema,
	subject: z.string().nullish(),
	/** Contacts who took part (Event Participants). */
	contacts: z.array(z.string()).default([]),
	status: z.enum(['Open', 'Completed', 'Closed', 'Cancelled']).default('Open'),
});
export type DealEvent = z.infer<typeof EventSchema>;

export const QuotationSchema = z.object({
	name: z.string(),
	status: z.enum([
		'Draft',
		'Open',
		'Replied',
		'Partially Ordered',
		'Ordered',
		'Lost',
		'Cancelled',
		'Expired',
		'Superseded',
	]),
	valid_till: ErpDateSchema.nullish(),
	/** Integer minor units of the quotation currency. */
	grand_total: z.number().int().min(0),
	currency: CurrencySchema.optional(),
	docstatus: z.union([z.literal(0), z.literal(1), z.literal(2)]),
	transaction_date: ErpDateSchema.nullish(),
});
export type Quotation = z.infer<typeof QuotationSchema>;

/**
 * One change from the Version log. `opportunity_amount` values are integer minor units;
 * `expected_closing` values are dates; `sales_stage` values are stage names.
 */
export const HistoryEntrySchema = z.object({
	at: ErpDatetimeSchema,
	field: z.string(),
	from: z.union([z.string(), z.number(), z.null()]),
	to: z.union([z.string(), z.number(), z.null()]),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/**
 * The SLA fields of a Frappe CRM deal (crm/fcrm/doctype/crm_deal/crm_deal.json: sla, sla_status,
 * response_by, first_responded_on, last_responded_on, communication_status).
 */
export const SlaSchema = z.object({
	name: z.string().nullish(),
	status: z
		.enum(['', 'First Response Due', 'Rolling Response Due', 'Failed', 'Fulfilled'])
		.nullish(),
	response_by: ErpDatetimeSchema.nullish(),
	first_responded_on: ErpDatetimeSchema.nullish(),
	last_responded_on: ErpDatetimeSchema.nullish(),
	communication_status: z.string().nullish(),
});
export type Sla = z.infer<typeof SlaSchema>;

export const OpportunityStatusSchema = z.enum([
	'Open',
	'Quotation',
	'Converted',
	'Lost',
	'Replied',
	'Closed',
]);

/** A name or reference: at least one character that is not white space (kept as written). */
const NameSchema = z
	.string()
	.min(1)
	.refine((value) => value.trim() !== '', 'must not be only white space');

export const DealSnapshotSchema = z.object({
	name: NameSchema,
	opportunity_from: z.string().default('Lead'),
	party_name: NameSchema,
	customer_name: z.string().nullish(),
	status: OpportunityStatusSchema,
	sales_stage: z.string().nullish(),
	probability: z.number().min(0).max(100).default(0),
	/** Integer minor units of `currency`. */
	opportunity_amount: z.number().int().min(0).default(0),
	currency: CurrencySchema,
	expected_closing: ErpDateSchema.nullish(),
	opportunity_owner: z.string().nullish(),
	modified: ErpDatetimeSchema,
	creation: ErpDatetimeSchema,
	communications: z.array(CommunicationSchema).default([]),
	todos: z.array(TodoSchema).default([]),
	events: z.array(EventSchema).default([]),
	quotations: z.array(QuotationSchema).default([]),
	history: z.array(HistoryEntrySchema).default([]),
	/** Frappe CRM only: the deal's service level agreement as the CRM Deal holds it (core/dealRisk/sla.ts). */
	sla: SlaSchema.nullish(),
});
export type DealSnapshot = z.infer<typeof DealSnapshotSchema>;
export type DealSnapshotInput = z.input<typeof DealSnapshotSchema>;

export const SIGNAL_CODES = [
	'close_date_passed',
	'quotation_expired',
	'stale',
	'last_outbound_unanswered',
	'close_date_near_low_probability',
	'close_date_pushed',
	'quotation_expiring',
	'stuck_in_stage',
	'single_threaded',
	'amount_reduced',
	'probability_low_for_stage',
	'no_quotation',
	'no_next_step',
	'close_date_missing',
	'high_value_at_risk',
	// Frappe CRM only (its SLA fields); appended so the ranking of the signals above is unchanged.
	'sla_breached',
	'response_overdue',
] as const;
export const SignalCodeSchema = z.enum(SIGNAL_CODES);
export type SignalCode = z.infer<typeof SignalCodeSchema>;

export const SeveritySchema = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof SeveritySchema>;

export const SignalSchema = z.object({
	code: SignalCodeSchema,
	severity: SeveritySchema,
	/** A sentence a salesperson can check against the records, naming documents and dates. */
	evidence: z.string(),
	metric: z.object({
		name: z.string(),
		value: z.number(),
		threshold: z.number(),
		unit: z.enum(['days', 'percent', 'count', 'bps', 'minor']),
	}),
});
export type Signal = z.infer<typeof SignalSchema>;

export const StageThresholdsSchema = z.object({
	/** Days without a Communication, past Event or closed ToDo before the deal is stale. */
	staleDays: z.number().int().positive(),
	/** Days in the current stage before the deal is stuck. */
	maxDaysInStage: z.number().int().positive(),
	/** Lowest credible probability (percent) for the stage. */
	minProbability: z.number().min(0).max(100),
	/** Distinct contacts that should have replied or met by this stage (0 = no requirement). */
	minContacts: z.number().int().min(0),
	/** Whether a submitted Quotation is expected by this stage. */
	quotationExpected: z.boolean(),
});
export type StageThresholds = z.infer<typeof StageThresholdsSchema>;

export const RiskConfigSchema = z.object({
	/** ERPNext System Settings time zone: naive datetimes and "today" are read in it. */
	timeZone: z.string().min(1),
	/** Opportunity statuses that are still in play. */
	openStatuses: z.array(OpportunityStatusSchema).min(1),
	stages: z.record(z.string(), StageThresholdsSchema),
	/** Used for a stage missing from `stages`, or no stage at all. */
	defaultStage: StageThresholdsSchema,
	closeNearDays: z.number().int().min(0),
	closeNearMinProbability: z.number().min(0).max(100),
	/** Number of times the close date may move out before it is a signal. */
	closePushLimit: z.number().int().positive(),
	quoteExpiryWarnDays: z.number().int().min(0),
	/** Reduction from the peak amount, in basis points (1000 = 10 %), that is a signal. */
	amountReductionBps: z.number().int().positive(),
	/** Days an outbound message may wait for an answer. */
	unansweredDays: z.number().int().positive(),
	/** Window in days for counting engaged contacts. */
	engagementLookbackDays: z.number().int().positive(),
	/** Amount (minor units) per currency from which a deal is high value. */
	highValueMinor: z.record(z.string(), z.number().int().positive()),
	/** Contribution of one signal of each severity to the risk score, in percent. */
	severityWeights: z.object({
		low: z.number().min(0).max(100),
		medium: z.number().min(0).max(100),
		high: z.number().min(0).max(100),
	}),
	/** Lowest score of each level above `low`. */
	levels: z.object({ medium: z.number(), high: z.number(), critical: z.number() }),
	maxNextActions: z.number().int().min(1).max(3),
});
export type RiskConfig = z.infer<typeof RiskConfigSchema>;

export const RiskLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

export const NextActionSchema = z.object({
	code: z.string(),
	/** Imperative, ready for an ERPNext ToDo description. */
	action: z.string(),
	/** ERPNext ToDo priorities. */
	priority: z.enum(['High', 'Medium', 'Low']),
	/** ERPNext date, counted in business days from today in the site's zone. */
	due: ErpDateSchema,
	rationale: z.string(),
	signals: z.array(SignalCodeSchema),
});
export type NextAction = z.infer<typeof NextActionSchema>;

export const DealAssessmentSchema = z.object({
	deal: z.object({
		name: z.string(),
		party_name: z.string(),
		sales_stage: z.string().nullable(),
		status: OpportunityStatusSchema,
		opportunity_owner: z.string().nullable(),
		amount: z.object({ minor: z.number().int(), currency: z.string() }),
	}),
	/** False for Converted/Lost/Closed deals, which are not scored. */
	open: z.boolean(),
	riskScore: z.number().int().min(0).max(100),
	level: RiskLevelSchema,
	/** The signals behind the score, most severe first. */
	reasons: z.array(z.string()),
	signals: z.array(SignalSchema),
	nextActions: z.array(NextActionSchema),
});
export type DealAssessment = z.infer<typeof DealAssessmentSchema>;
