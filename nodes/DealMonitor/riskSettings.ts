// The deal-risk thresholds a run uses: core/dealRisk's defaults, the site's time zone, and the
// operator's overrides from the "Risk Settings (JSON)" option. Stage rows are merged one stage at a
// time, so `{"stages": {"Negotiation/Review": {"staleDays": 3}}}` changes one number and keeps the rest;
// anything the core's schema refuses is reported with its path and value.
import { IANAZone } from 'luxon';

import { RiskConfigSchema, defaultRiskConfig, type RiskConfig } from '../../core/dealRisk';
import { preview } from '../../core/dealRisk';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the JSON option; throws a message naming the option when it is not a JSON object. */
export function jsonObject(value: unknown, option: string): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	if (isObject(value)) return value;
	try {
		const parsed: unknown = JSON.parse(String(value));
		if (isObject(parsed)) return parsed;
	} catch {
		// reported below
	}
	throw new Error(`Option "${option}" must be a JSON object, got ${preview(String(value))}`);
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let at = raw;
	for (const key of path) at = isObject(at) ? at[key as string] : undefined;
	return at;
}

/** The defaults with `overrides` applied (stages merged per stage and field) and `timeZone` set. */
export function buildRiskConfig(overrides: Record<string, unknown>, timeZone: string): RiskConfig {
	if (!IANAZone.isValidZone(timeZone))
		throw new Error(
			`Time zone ${preview(timeZone)} is not an IANA time zone such as "Europe/Berlin"`,
		);
	const stages: Record<string, unknown> = { ...defaultRiskConfig.stages };
	if (isObject(overrides.stages)) {
		for (const [stage, row] of Object.entries(overrides.stages)) {
			stages[stage] = isObject(row)
				? { ...(defaultRiskConfig.stages[stage] ?? defaultRiskConfig.defaultStage), ...row }
				: row;
		}
	}
	const merged: Record<string, unknown> = {
		...defaultRiskConfig,
		...overrides,
		timeZone: typeof overrides.timeZone === 'string' ? overrides.timeZone : timeZone,
		stages,
		defaultStage: isObject(overrides.defaultStage)
			? { ...defaultRiskConfig.defaultStage, ...overrides.defaultStage }
			: defaultRiskConfig.defaultStage,
		severityWeights: isObject(overrides.severityWeights)
			? { ...defaultRiskConfig.severityWeights, ...overrides.severityWeights }
			: defaultRiskConfig.severityWeights,
		levels: isObject(overrides.levels)
			? { ...defaultRiskConfig.levels, ...overrides.levels }
			: defaultRiskConfig.levels,
		highValueMinor: isObject(overrides.highValueMinor)
			? { ...defaultRiskConfig.highValueMinor, ...overrides.highValueMinor }
			: defaultRiskConfig.highValueMinor,
	};
	const parsed = RiskConfigSchema.safeParse(merged);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const path = issue.path.map(String).join('.');
	throw new Error(
		`Risk Settings: "${path}" ${issue.message} (got ${preview(valueAt(merged, issue.path))})`,
	);
}
