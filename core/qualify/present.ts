// How a qualification reads in an n8n item (issue 16): a one-line summary first, the score, grade,
// route and why the route is what it is, the budget as a person reads it ("$450,000.00") with the exact
// minor units beside it under a name that says so (`budgetMinor`, `amountMinor`), readable labels next
// to the snake_case codes (need categories, authority level, flags), then the evidence and the reasons.
// Pure: the decision is `qualifyLead`'s; this only shapes what the node outputs.
import {
	isIsoCurrency,
	readableMoney as isoReadable,
	readableRange as isoRange,
	type ReadableMoney,
} from '../money';

// A model may name a currency ISO 4217 does not list ("RMB"); the item still shows it, read with two
// digits, instead of failing the lead.
function readableMoney(minor: number, currency: string): ReadableMoney {
	if (isIsoCurrency(currency)) return isoReadable(minor, currency);
	const text = (minor / 100).toFixed(2);
	return { amount: Number(text), currency, display: `${currency} ${text}` };
}

function readableRange(
	min: number,
	max: number,
	currency: string,
): { min: number; max: number; currency: string; display: string } {
	if (isIsoCurrency(currency)) return isoRange(min, max, currency);
	const low = readableMoney(min, currency);
	const high = readableMoney(max, currency);
	return { min: low.amount, max: high.amount, currency, display: `${low.display}–${high.display}` };
}
import type { BudgetEvidence, Flag, QualificationResult, Reason } from './schema';

const NEED_LABELS: Readonly<Record<string, string>> = {
	control_systems: 'Control systems (PLC/DCS)',
	drives_motion: 'Drives & motion',
	sensors_instrumentation: 'Sensors & instrumentation',
	scada_hmi_software: 'SCADA / HMI software',
	networking: 'Industrial networking',
	safety: 'Machine safety',
	services: 'Engineering services',
};

const FLAG_LABELS: Readonly<Record<Flag, string>> = {
	invalid_email: 'invalid e-mail address',
	free_email: 'free-mail address',
	junk: 'junk (no usable lead)',
	injection_suspected: 'suspected prompt injection',
	duplicate: 'duplicate lead',
	truncated: 'input cut short',
};

const AUTHORITY_LABELS: Readonly<Record<string, string>> = {
	decision_maker: 'decision maker',
	influencer: 'influencer',
	user: 'user',
	unknown: 'unknown',
};

const ACRONYMS = new Set([
	'plc',
	'dcs',
	'scada',
	'hmi',
	'erp',
	'crm',
	'mes',
	'iot',
	'it',
	'ot',
	'vfd',
	'ai',
	'api',
	'ups',
	'hvac',
]);

/** A readable label for a snake_case code: the built-in table, else words with acronyms in capitals. */
export function codeLabel(code: string): string {
	const known = NEED_LABELS[code];
	if (known) return known;
	const words = code
		.split(/[_\s]+/)
		.filter(Boolean)
		.map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word));
	const text = words.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function flagLabel(flag: Flag): string {
	return FLAG_LABELS[flag];
}

/** The readable budget: `{ amount, currency, display, qualifier }` or `{ min, max, currency, display }`. */
export function readableBudget(budget: BudgetEvidence | null): IDataLike | null {
	if (!budget) return null;
	if ('amount' in budget)
		return { ...readableMoney(budget.amount, budget.currency), qualifier: budget.qualifier };
	return readableRange(budget.min, budget.max, budget.currency);
}

/** The exact budget in integer minor units, under names that say so. */
export function budgetMinorUnits(budget: BudgetEvidence | null): IDataLike | null {
	if (!budget) return null;
	if ('amount' in budget) return { amount: budget.amount, currency: budget.currency };
	return { min: budget.min, max: budget.max, currency: budget.currency };
}

type IDataLike = Record<string, unknown>;

const QUALIFIER_WORDS: Readonly<Record<string, string>> = {
	exact: '',
	approx: '~',
	up_to: 'up to ',
	at_least: 'at least ',
};

function budgetText(budget: BudgetEvidence | null): string {
	if (!budget) return 'no budget';
	if ('amount' in budget)
		return `budget ${QUALIFIER_WORDS[budget.qualifier]}${readableMoney(budget.amount, budget.currency).display}`;
	return `budget ${readableRange(budget.min, budget.max, budget.currency).display}`;
}

function reasonText(reason: Reason, result: QualificationResult): string {
	const points = `${reason.points > 0 ? '+' : ''}${reason.points}`;
	switch (reason.factor) {
		case 'budget':
			return `budget ${points}`;
		case 'authority':
			return `${AUTHORITY_LABELS[result.bant.authority.level] ?? result.bant.authority.level} ${points}`;
		case 'need':
			return `${(result.bant.need?.categories ?? []).map(codeLabel).join(', ') || 'need'} ${points}`;
		case 'timeline':
			return `${result.bant.timeline ? `~${result.bant.timeline.months} month(s)` : 'timeline'} ${points}`;
		default:
			if (reason.factor.startsWith('fit.')) return `${reason.factor.slice(4)} fit ${points}`;
			if (reason.factor.startsWith('flag.'))
				return `${flagLabel(reason.factor.slice(5) as Flag) ?? reason.factor} ${points}`;
			return `${reason.factor} ${points}`;
	}
}

/** What the summary says beyond the result: the lead had no message at all. */
export interface PresentContext {
	noMessage?: boolean;
}

/** "72 B · review · budget $450,000.00 · reasons: budget +25, decision maker +20, … · why: …". */
export function qualificationSummary(
	result: QualificationResult,
	context: PresentContext = {},
): string {
	const scored = result.reasons
		.filter((reason) => reason.points !== 0)
		.map((reason) => reasonText(reason, result));
	const parts = [
		`${result.score} ${result.grade}`,
		result.route,
		budgetText(result.bant.budget),
		`reasons: ${scored.length > 0 ? scored.join(', ') : 'nothing that scores'}`,
	];
	if (context.noMessage) parts.push('no message: need, budget and timeline could not be read');
	if (result.flags.length > 0) parts.push(`flags: ${result.flags.map(flagLabel).join(', ')}`);
	if (result.routeReason) parts.push(`route: ${result.routeReason}`);
	return parts.join(' · ');
}

/**
 * The Lead Qualifier's output fields for one result, readable ones first. `bant.budget` carries the
 * readable amount (`amount`, `display`) and the exact one (`amountMinor`, or `minMinor`/`maxMinor`).
 */
export function presentQualification(
	result: QualificationResult,
	context: PresentContext = {},
): IDataLike {
	const {
		score,
		grade,
		route,
		routeReason,
		bant,
		fit,
		flags,
		reasons,
		confidence,
		engine,
		...rest
	} = result;
	const budget = bant.budget;
	const bantOut: IDataLike = {
		budget: !budget
			? null
			: 'amount' in budget
				? { ...readableBudget(budget), amountMinor: budget.amount, evidence: budget.evidence }
				: {
						...readableBudget(budget),
						minMinor: budget.min,
						maxMinor: budget.max,
						evidence: budget.evidence,
					},
		authority: {
			...bant.authority,
			label: AUTHORITY_LABELS[bant.authority.level] ?? bant.authority.level,
		},
		need: bant.need ? { ...bant.need, labels: bant.need.categories.map(codeLabel) } : null,
		timeline: bant.timeline,
	};
	return {
		summary: qualificationSummary(result, context),
		score,
		grade,
		route,
		routeReason,
		budget: readableBudget(budget),
		budgetMinor: budgetMinorUnits(budget),
		flags,
		flagLabels: flags.map(flagLabel),
		reasons,
		confidence,
		bant: bantOut,
		fit,
		engine,
		...rest,
	};
}
