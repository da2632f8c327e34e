// The Deal Monitor's summary of one assessment, the parts that decide: the reply shape Claude must
// give (SummarySchema), the check that a reply only restates the assessment (checkSummary: the same
// score and level, no signal the rules did not find, no changed severity, prose naming no other code,
// score or level, and none of what summaryTextProblems refuses), the summary the rules write
// themselves, the data a summary is written from, and the people in a deal whose names are replaced
// by placeholders before it leaves. Asking Claude is nodes/DealMonitor/claudeSummary.ts.
import { z } from 'zod/v4';

import type { Pseudonyms } from '../personalData';
import { amountText } from './amountText';
import {
	RiskLevelSchema,
	SIGNAL_CODES,
	SeveritySchema,
	SignalCodeSchema,
	type DealAssessment,
	type DealSnapshot,
} from './schemas';
import { summaryTextProblems } from './summaryText';

export const SummarySchema = z.object({
	summary: z
		.string()
		.min(1)
		.max(1200)
		.describe('Two to four sentences for the deal owner, from the given signals and evidence only'),
	restated: z.object({
		riskScore: z.number().int().min(0).max(100),
		level: RiskLevelSchema,
		signals: z.array(z.object({ code: SignalCodeSchema, severity: SeveritySchema })),
	}),
});
export type SummaryReply = z.infer<typeof SummarySchema>;

const LEVEL_WORDS =
	/\b(?:risk level(?: is|:)?\s+|level\s+)(low|medium|high|critical)\b|\b(low|medium|high|critical)[- ]risk deal\b/gi;
const SCORE_MENTIONS =
	/\b(\d{1,3})\s*(?:\/\s*100|out of 100)|\brisk score(?: of| is|:)?\s*(\d{1,3})\b/gi;

/** Problems with a reply, empty when it only restates the assessment. */
export function checkSummary(reply: SummaryReply, assessment: DealAssessment): string[] {
	const problems: string[] = [];
	if (reply.restated.riskScore !== assessment.riskScore) {
		problems.push(
			`it changes the risk score to ${reply.restated.riskScore} (computed: ${assessment.riskScore})`,
		);
	}
	if (reply.restated.level !== assessment.level)
		problems.push(
			`it changes the level to ${reply.restated.level} (computed: ${assessment.level})`,
		);
	const computed = new Map(assessment.signals.map((s) => [s.code, s.severity]));
	for (const s of reply.restated.signals) {
		const severity = computed.get(s.code);
		if (severity === undefined)
			problems.push(`it adds the signal ${s.code}, which the rules did not find`);
		else if (severity !== s.severity)
			problems.push(`it gives ${s.code} severity ${s.severity} (computed: ${severity})`);
	}
	const prose = reply.summary;
	for (const code of SIGNAL_CODES) {
		if (!computed.has(code) && prose.includes(code))
			problems.push(`its text names the signal ${code}, which the rules did not find`);
	}
	for (const m of prose.matchAll(SCORE_MENTIONS)) {
		const score = Number(m[1] ?? m[2]);
		if (score !== assessment.riskScore)
			problems.push(`its text states a score of ${score} (computed: ${assessment.riskScore})`);
	}
	for (const m of prose.matchAll(LEVEL_WORDS)) {
		const level = (m[1] ?? m[2]).toLowerCase();
		if (level !== assessment.level)
			problems.push(`its text states the level ${level} (computed: ${assessment.level})`);
	}
	// L2: no payment instructions, links, or addresses, phone numbers and amounts the assessment lacks.
	problems.push(...summaryTextProblems(prose, summaryData(assessment)));
	return problems;
}

/** The summary the rules write themselves: level, score, the top reasons and the first next action. */
export function rulesSummary(assessment: DealAssessment): string {
	const { deal } = assessment;
	const head = `${assessment.level[0].toUpperCase()}${assessment.level.slice(1)} risk (score ${assessment.riskScore}/100) on ${deal.name} for ${deal.party_name}, ${amountText(deal.amount.minor, deal.amount.currency)}.`;
	const reasons = assessment.signals.slice(0, 3).map((s) => s.evidence);
	const next = assessment.nextActions[0] ? ` Next: ${assessment.nextActions[0].action}` : '';
	return [head, ...reasons].join(' ') + next;
}

/** The people in a deal's activity: Communication contacts and Event participants (names or addresses). */
export function dealContactNames(snapshot: DealSnapshot): string[] {
	const names = new Set<string>();
	for (const c of snapshot.communications) if (c.contact) names.add(c.contact);
	for (const e of snapshot.events) for (const who of e.contacts) names.add(who);
	return [...names].filter((n) => !n.includes('@'));
}

/** The assessment as the delimited data Claude reads; with `hide`, personal data as placeholders. */
export function summaryData(assessment: DealAssessment, hide?: Pseudonyms): string {
	const { opportunity_owner: owner, ...deal } = assessment.deal;
	const data = {
		deal: {
			...deal,
			// The owner is who the summary is for; the model does not need their address.
			...(hide ? {} : { opportunity_owner: owner }),
			amount: amountText(assessment.deal.amount.minor, assessment.deal.amount.currency),
		},
		riskScore: assessment.riskScore,
		level: assessment.level,
		signals: assessment.signals.map((s) => ({
			code: s.code,
			severity: s.severity,
			evidence: s.evidence,
		})),
		nextActions: assessment.nextActions.map((a) => ({
			action: a.action,
			priority: a.priority,
			due: a.due,
		})),
	};
	const text = JSON.stringify(data, null, 1);
	return hide ? hide.scrub(text) : text;
}
