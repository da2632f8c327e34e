// Decides score, grade, route and confidence from BANT evidence, fit and flags, with one reason per
// point so a rep can explain any score in ten seconds. Points come only from configured weights;
// flags come only from rules. Routing is conservative: junk and invalid e-mail are disqualified; a
// suspected injection goes to a person (review: it may be a real enquiry with a hostile line in it, so
// it is neither trusted nor dropped); duplicates, truncated input and low confidence never
// auto-qualify. Whenever the route is not the one the score alone gives, `routeReason` says why, and a
// zero-point reason with factor "route" carries the same words.
import type { FlagFinding } from './flags';
import { assessFit } from './fit';
import type { Evidence, Fit, Flag, Grade, LeadInput, QualifyConfig, Reason, Route } from './schema';

export interface ScoreOutcome {
	score: number;
	grade: Grade;
	route: Route;
	fit: Fit;
	flags: Flag[];
	reasons: Reason[];
	confidence: number;
	/** Why the route differs from the one the thresholds give the score; null when it does not. */
	routeReason: string | null;
}

export interface ScoreOptions {
	engine?: 'rules' | 'llm+rules';
	/** Precomputed fit (else computed from the lead and the ICP). */
	fit?: Fit;
}

const BLOCKING: ReadonlySet<Flag> = new Set<Flag>(['junk', 'invalid_email']);
/** Flags that send a lead to a person whatever its score. */
const TO_REVIEW: ReadonlySet<Flag> = new Set<Flag>(['injection_suspected']);
/** Flags that keep a lead above the qualified threshold from being qualified without a person. */
const HOLDING: ReadonlySet<Flag> = new Set<Flag>(['duplicate', 'truncated']);

const ROUTE_WHY: Readonly<Partial<Record<Flag, string>>> = {
	junk: 'no usable lead content (junk)',
	invalid_email: 'the e-mail address is not valid',
	injection_suspected:
		'the lead text contains an instruction aimed at an AI (suspected prompt injection); a person checks it before anything acts on it',
	duplicate: 'it duplicates an existing lead',
	truncated: 'the input was cut short before scoring',
};

function scoreRoute(score: number, config: QualifyConfig): Route {
	return score >= config.thresholds.qualified
		? 'qualified'
		: score < config.thresholds.nurture
			? 'nurture'
			: 'review';
}

/** True when a stated budget is below the ICP's minimum deal size (same currency only): half points. */
export function budgetBelowMinimum(
	budget: NonNullable<Evidence['budget']>,
	config: QualifyConfig,
): boolean {
	const top = 'amount' in budget ? budget.amount : budget.max;
	const floor = config.icp.minBudget;
	return Boolean(floor && floor.currency === budget.currency && top < floor.amount);
}

export type TimelineBand = keyof QualifyConfig['weights']['timeline'];

/** The timeline weight a purchase in `months` months earns. */
export function timelineBand(months: number): TimelineBand {
	return months <= 3
		? 'within3Months'
		: months <= 6
			? 'within6Months'
			: months <= 12
				? 'within12Months'
				: 'later';
}

function budgetReason(evidence: Evidence, config: QualifyConfig): Reason {
	const budget = evidence.budget;
	if (!budget) return { factor: 'budget', points: 0, evidence: '', detail: 'no budget stated' };
	const weight = config.weights.budget;
	const floor = config.icp.minBudget;
	if (floor && budgetBelowMinimum(budget, config)) {
		return {
			factor: 'budget',
			points: Math.floor(weight / 2),
			evidence: budget.evidence,
			detail: `budget stated but below the minimum deal size (${floor.amount} ${floor.currency} minor units)`,
		};
	}
	return {
		factor: 'budget',
		points: weight,
		evidence: budget.evidence,
		detail: `budget stated (${budget.currency})`,
	};
}

function authorityReason(evidence: Evidence, config: QualifyConfig): Reason {
	const { level, evidence: quote } = evidence.authority;
	const weights = config.weights.authority;
	const points = level === 'unknown' ? 0 : weights[level];
	const detail =
		level === 'unknown'
			? 'authority unknown from the title'
			: `title reads as ${level.replace('_', ' ')}`;
	return { factor: 'authority', points, evidence: quote, detail };
}

function needReason(evidence: Evidence, config: QualifyConfig): Reason {
	const need = evidence.need;
	if (!need)
		return {
			factor: 'need',
			points: 0,
			evidence: '',
			detail: 'no product or service need recognised',
		};
	const several = need.categories.length > 1;
	return {
		factor: 'need',
		points: several ? config.weights.need.several : config.weights.need.one,
		evidence: need.evidence
			.map((entry) => entry.quote)
			.join(', ')
			.slice(0, 300),
		detail: `need: ${need.categories.join(', ')}`,
	};
}

function timelineReason(evidence: Evidence, config: QualifyConfig): Reason {
	const timeline = evidence.timeline;
	if (!timeline)
		return { factor: 'timeline', points: 0, evidence: '', detail: 'no purchase timing stated' };
	const weights = config.weights.timeline;
	const { months } = timeline;
	const points = weights[timelineBand(months)];
	return {
		factor: 'timeline',
		points,
		evidence: timeline.evidence,
		detail: `purchase in about ${months} month(s)`,
	};
}

function fitReasons(fit: Fit, config: QualifyConfig): Reason[] {
	const rows: Array<['industry' | 'size' | 'country', number]> = [
		['industry', config.weights.industry],
		['size', config.weights.size],
		['country', config.weights.country],
	];
	return rows.map(([key, weight]) => {
		const check = fit[key];
		const points = check.status === 'match' ? weight : 0;
		const detail =
			check.status === 'match'
				? `${key} fits the ideal-customer profile`
				: check.status === 'mismatch'
					? `${key} outside the ideal-customer profile`
					: `${key} unknown`;
		return { factor: `fit.${key}`, points, evidence: check.evidence, detail };
	});
}

function gradeOf(score: number, config: QualifyConfig): Grade {
	const { A, B, C } = config.grades;
	return score >= A ? 'A' : score >= B ? 'B' : score >= C ? 'C' : 'D';
}

/** 0–1: how much evidence the score rests on (BANT items found), less when input was cut short. */
function confidenceOf(
	evidence: Evidence,
	flags: ReadonlySet<Flag>,
	engine: 'rules' | 'llm+rules',
): number {
	const found =
		(evidence.budget ? 1 : 0) +
		(evidence.authority.level !== 'unknown' ? 1 : 0) +
		(evidence.need ? 1 : 0) +
		(evidence.timeline ? 1 : 0);
	let confidence = (engine === 'llm+rules' ? 0.45 : 0.35) + 0.15 * found;
	if (flags.has('truncated')) confidence -= 0.3;
	confidence = Math.min(0.99, Math.max(0, confidence));
	return Math.round(confidence * 100) / 100;
}

/**
 * Score 0–100 (integer), grade A–D, route and confidence of a lead. The points of `reasons` always
 * add up to `score`; zero-point reasons record what was missing and why a flag was raised.
 */
export function scoreLead(
	lead: LeadInput,
	evidence: Evidence,
	findings: ReadonlyArray<FlagFinding>,
	config: QualifyConfig,
	options: ScoreOptions = {},
): ScoreOutcome {
	const engine = options.engine ?? 'rules';
	const fit = options.fit ?? assessFit(lead, config);
	const flags = [...new Set(findings.map((finding) => finding.flag))];
	const flagSet = new Set(flags);

	const reasons: Reason[] = [
		budgetReason(evidence, config),
		authorityReason(evidence, config),
		needReason(evidence, config),
		timelineReason(evidence, config),
		...fitReasons(fit, config),
	];
	for (const finding of findings) {
		const penalty = finding.flag === 'free_email' ? -config.weights.freeEmailPenalty : 0;
		reasons.push({
			factor: `flag.${finding.flag}`,
			points: penalty,
			evidence: finding.evidence,
			detail: finding.detail,
		});
	}

	const raw = reasons.reduce((sum, reason) => sum + reason.points, 0);
	const score = Math.min(100, Math.max(0, raw));
	if (score !== raw) {
		reasons.push({
			factor: 'clamp',
			points: score - raw,
			evidence: '',
			detail: `score limited to the range 0–100 (was ${raw})`,
		});
	}

	const confidence = confidenceOf(evidence, flagSet, engine);
	const { qualified, minConfidence } = config.thresholds;
	const byScore = scoreRoute(score, config);
	const evidenceOf = (flag: Flag) =>
		findings.find((finding) => finding.flag === flag)?.evidence ?? '';
	let route: Route = byScore;
	let why: { text: string; evidence: string } | null = null;
	const blocking = flags.filter((flag) => BLOCKING.has(flag));
	const toReview = flags.filter((flag) => TO_REVIEW.has(flag));
	const holding = flags.filter((flag) => HOLDING.has(flag));
	if (blocking.length > 0) {
		route = 'disqualified';
		why = {
			text: blocking.map((flag) => ROUTE_WHY[flag]).join('; '),
			evidence: evidenceOf(blocking[0]),
		};
	} else if (toReview.length > 0) {
		route = 'review';
		why = {
			text: toReview.map((flag) => ROUTE_WHY[flag]).join('; '),
			evidence: evidenceOf(toReview[0]),
		};
	} else if (score >= qualified && (holding.length > 0 || confidence < minConfidence)) {
		route = 'review';
		const causes = [
			...holding.map((flag) => ROUTE_WHY[flag] as string),
			...(confidence < minConfidence ? [`confidence ${confidence} is below ${minConfidence}`] : []),
		];
		why = { text: causes.join('; '), evidence: holding.length > 0 ? evidenceOf(holding[0]) : '' };
	}
	const routeReason = why
		? `${route}${route !== byScore ? ` instead of ${byScore}` : ''} (score ${score}): ${why.text}`
		: null;
	if (routeReason && why)
		reasons.push({
			factor: 'route',
			points: 0,
			evidence: why.evidence.slice(0, 300),
			detail: routeReason,
		});

	return {
		score,
		grade: gradeOf(score, config),
		route,
		fit,
		flags,
		reasons,
		confidence,
		routeReason,
	};
}
