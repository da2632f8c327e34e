// Default deal-risk thresholds, one row per ERPNext Sales Stage fixture (install_fixtures.py), from
// early prospecting (slow, low probability, one contact is fine) to negotiation (fast, high
// probability, several contacts and a live quotation expected). The numbers are starting points an
// operator tunes per team; they are plain data so a node can expose them as a JSON parameter, and
// `riskConfigWith` is the one place overrides are laid over them (Deal Monitor's option, tests, benches).
import { preview } from './dealFields';
import { RiskConfigSchema, type RiskConfig, type StageThresholds } from './schemas';

/** The ERPNext Sales Stage fixtures, in pipeline order. */
export const SALES_STAGES = [
	'Prospecting',
	'Qualification',
	'Needs Analysis',
	'Value Proposition',
	'Identifying Decision Makers',
	'Perception Analysis',
	'Proposal/Price Quote',
	'Negotiation/Review',
] as const;

const stage = (
	staleDays: number,
	maxDaysInStage: number,
	minProbability: number,
	minContacts: number,
	quotationExpected = false,
): StageThresholds => ({
	staleDays,
	maxDaysInStage,
	minProbability,
	minContacts,
	quotationExpected,
});

export const defaultRiskConfig: RiskConfig = RiskConfigSchema.parse({
	timeZone: 'UTC',
	openStatuses: ['Open', 'Quotation', 'Replied'],
	stages: {
		Prospecting: stage(21, 30, 5, 0),
		Qualification: stage(14, 21, 10, 1),
		'Needs Analysis': stage(14, 21, 20, 1),
		'Value Proposition': stage(10, 21, 30, 1),
		'Identifying Decision Makers': stage(10, 21, 40, 2),
		'Perception Analysis': stage(10, 21, 50, 2),
		'Proposal/Price Quote': stage(7, 21, 60, 2, true),
		'Negotiation/Review': stage(5, 14, 70, 2, true),
		// Frappe CRM's default CRM Deal Statuses (crm/install.py add_default_deal_statuses; "Qualification"
		// shares ERPNext's row). Frappe CRM has no quotations, so none is expected.
		'Demo/Making': stage(14, 21, 20, 1),
		'Proposal/Quotation': stage(7, 21, 40, 2),
		Negotiation: stage(5, 14, 60, 2),
		'Ready to Close': stage(5, 14, 80, 2),
	},
	defaultStage: stage(14, 30, 10, 1),
	closeNearDays: 14,
	closeNearMinProbability: 50,
	closePushLimit: 2,
	quoteExpiryWarnDays: 5,
	amountReductionBps: 1000,
	unansweredDays: 4,
	engagementLookbackDays: 90,
	highValueMinor: {
		EUR: 5_000_000,
		USD: 5_000_000,
		GBP: 4_000_000,
		CHF: 5_000_000,
		SEK: 50_000_000,
		INR: 400_000_000,
		JPY: 7_500_000,
	},
	severityWeights: { low: 8, medium: 20, high: 35 },
	levels: { medium: 25, high: 50, critical: 75 },
	maxNextActions: 3,
});

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let at = raw;
	for (const key of path) at = isObject(at) ? at[key as string] : undefined;
	return at;
}

/** An override laid over a default map key by key; an override that is not an object is ignored. */
function mergedMap<T extends object>(defaults: T, override: unknown): unknown {
	return isObject(override) ? { ...defaults, ...override } : defaults;
}

/**
 * The one place a risk config is made: the defaults with `overrides` laid over them and validated.
 * Stage rows are merged one stage at a time and one field at a time, so
 * `{"stages": {"Negotiation/Review": {"staleDays": 3}}}` changes one number and keeps the rest (a new
 * stage starts from `defaultStage`); `defaultStage`, `severityWeights`, `levels` and `highValueMinor`
 * are merged key by key; any other setting is replaced. What the schema refuses throws an error naming
 * the setting's path and the value it got (an operator's JSON option or a caller's typo alike).
 */
export function riskConfigWith(overrides: Readonly<Record<string, unknown>>): RiskConfig {
	const stages: Record<string, unknown> = { ...defaultRiskConfig.stages };
	if (isObject(overrides.stages)) {
		for (const [name, row] of Object.entries(overrides.stages)) {
			stages[name] = isObject(row)
				? { ...(defaultRiskConfig.stages[name] ?? defaultRiskConfig.defaultStage), ...row }
				: row;
		}
	}
	const merged: Record<string, unknown> = {
		...defaultRiskConfig,
		...overrides,
		stages,
		defaultStage: mergedMap(defaultRiskConfig.defaultStage, overrides.defaultStage),
		severityWeights: mergedMap(defaultRiskConfig.severityWeights, overrides.severityWeights),
		levels: mergedMap(defaultRiskConfig.levels, overrides.levels),
		highValueMinor: mergedMap(defaultRiskConfig.highValueMinor, overrides.highValueMinor),
	};
	const parsed = RiskConfigSchema.safeParse(merged);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const path = issue.path.map(String).join('.');
	throw new Error(
		`Risk Settings: "${path}" ${issue.message} (got ${preview(valueAt(merged, issue.path))})`,
	);
}
