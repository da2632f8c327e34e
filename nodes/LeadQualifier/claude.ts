// Optional Claude extraction for the Lead Qualifier. The model only fills the BANT evidence schema
// (with quoted spans) through the Messages API's structured output; the core re-validates every quote
// against the lead and computes the score. Lead text travels as delimited data, the rubric sits in a
// cached system block. Refusal, truncation, invalid output or a transient failure → one retry, then the
// rules stand alone and the reason says why. A configuration error (bad key, bad model) fails the item.
// With "Send to Claude: Only What Scoring Needs" (the default) only the fields the rubric reads leave
// n8n (company, job title, industry, employees, country, message), with e-mail addresses, phone numbers
// and the contact's name in them replaced by placeholders that are put back in the model's quotes, so
// the core still verifies each quote against the full lead; the rules always see the full lead.
// Size caps (security review H1: one 2.7 MiB request cost ~706k input tokens): at most "Max Characters
// per Lead" of lead text go to Claude (the rest is cut, and a reason says so), and at most "Max
// Characters per Execution" for all leads of one execution together (a lead past it is scored by the
// rules alone, and its reason says why). The execution's running total is kept in the node's context.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AnthropicClient, askClaude } from '../../connectors/anthropic';
import { pseudonyms, type Pseudonyms } from '../../core/personalData';
import {
	evidenceSchemaFor,
	type LeadInput,
	type QualifyConfig,
	type Usage,
} from '../../core/qualify';
import type { ClaudeData } from '../shared/claudeData';

export type { ClaudeData };

/** What of the lead is sent to Claude: `minimal` = only what scoring needs, personal data replaced. */

/** The lead fields the rubric reads; name, e-mail, phone and source are not among them. */
const SCORING_FIELDS = ['company', 'title', 'industry', 'employees', 'country', 'message'] as const;

export interface ClaudeLimits {
	/** Characters of lead text sent per lead (per request; a retry sends them again). */
	perLead: number;
	/** Characters of lead text sent for all leads of one execution, retries included. */
	perExecution: number;
}

/** The defaults; the parameter's defaults below repeat them as literals (lint rule). */
export const DEFAULT_CLAUDE_LIMITS: ClaudeLimits = { perLead: 4000, perExecution: 200_000 };

/** The Lead Qualifier's "Claude Limits" parameter (shown when Claude is on). */
export const claudeLimitsProperty: INodeProperties = {
	displayName: 'Claude Limits',
	name: 'claudeLimits',
	type: 'collection',
	placeholder: 'Add Limit',
	default: {},
	description: 'Caps on what is sent to Claude, so a large or hostile input cannot run up the bill',
	displayOptions: { show: { useLlm: [true] } },
	options: [
		{
			displayName: 'Max Characters per Execution',
			name: 'perExecution',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 200000,
			description:
				'Lead text sent to Claude for all leads of one execution together, retries included (about 4 characters per token). A lead past it is scored by the rules alone; its reasons say so.',
		},
		{
			displayName: 'Max Characters per Lead',
			name: 'perLead',
			type: 'number',
			typeOptions: { minValue: 200 },
			default: 4000,
			description:
				'Lead text sent to Claude for one lead; the rest is cut (the rules still read the whole lead) and a reason says so',
		},
	],
};

function positiveInt(value: unknown, fallback: number, min: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
}

export function readClaudeLimits(ctx: IExecuteFunctions, claudeOn: boolean): ClaudeLimits {
	if (!claudeOn) return DEFAULT_CLAUDE_LIMITS;
	const raw = ctx.getNodeParameter('claudeLimits', 0, {}) as IDataObject;
	return {
		perLead: positiveInt(raw.perLead, DEFAULT_CLAUDE_LIMITS.perLead, 200),
		perExecution: positiveInt(raw.perExecution, DEFAULT_CLAUDE_LIMITS.perExecution, 1),
	};
}

/**
 * What this execution may still send: the total lives in the node's context (per execution, kept
 * across runs of the node, e.g. in a Loop Over Items), so batches cannot each start from zero.
 */
export class ClaudeBudget {
	private readonly state: { ltcClaudeChars?: number };

	constructor(
		ctx: IExecuteFunctions,
		readonly limit: number,
	) {
		let state: { ltcClaudeChars?: number } = {};
		try {
			state = ctx.getContext('node') as { ltcClaudeChars?: number };
		} catch {
			// No execution context (n8n throws when `executionData` is not initialised): this run's own count.
		}
		this.state = state;
	}

	/** Takes `chars` from the budget when they fit; false (nothing taken) when they do not. */
	take(chars: number): boolean {
		const used = this.state.ltcClaudeChars ?? 0;
		if (used + chars > this.limit) return false;
		this.state.ltcClaudeChars = used + chars;
		return true;
	}
}

/** `text` cut to `max` characters (never inside a surrogate pair). */
function cut(text: string, max: number): string {
	if (text.length <= max) return text;
	const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
	return text.slice(0, end);
}

export interface ClaudeEvidence {
	evidence?: unknown;
	model: string;
	usage?: Usage;
	costUsd?: number;
	/** Why no evidence is offered (rules alone decide). */
	failure?: string;
	/** A cap that applied although Claude answered (the lead text was cut). */
	notice?: string;
	durationMs: number;
}

function rubric(config: QualifyConfig): string {
	const categories = Object.entries(config.taxonomy)
		.map(([category, words]) => `- ${category}: ${words.slice(0, 12).join(', ')}`)
		.join('\n');
	return [
		'You extract BANT evidence from B2B sales leads for industrial automation and instrumentation.',
		'Fill the JSON schema exactly. Every quote/evidence string must be copied verbatim from the lead',
		'(same characters, no paraphrase, no translation); use null when the lead does not state something.',
		'Budget: amounts in integer minor units of the ISO 4217 currency (EUR 250,000 → 25000000);',
		`a budget without a currency is in ${config.defaultCurrency} unless the country implies another.`,
		'Authority: decision_maker (owner, C-level, director, head of, VP, Geschäftsführer, gerente general …),',
		'influencer (manager, lead engineer, consultant …), user (operator, technician, engineer …), unknown.',
		'Timeline: whole months from the reference date given in the task until the intended purchase.',
		'Need categories (use only these names):',
		categories,
		'You never score, route, price or contact anyone; you only report what the lead says.',
	].join('\n');
}

function leadAsData(lead: LeadInput, hide?: Pseudonyms): string {
	const lines: string[] = [];
	if (!hide) {
		for (const [key, value] of Object.entries(lead))
			if (value !== undefined && value !== '') lines.push(`${key}: ${String(value)}`);
		return lines.join('\n');
	}
	for (const key of SCORING_FIELDS) {
		const value = lead[key];
		if (value !== undefined && value !== '') lines.push(`${key}: ${hide.scrub(String(value))}`);
	}
	return lines.join('\n');
}

export async function extractWithClaude(
	ctx: IExecuteFunctions,
	lead: LeadInput,
	config: QualifyConfig,
	model: string,
	now: Date,
	credentials: { apiKey: string; baseUrl?: string },
	claudeData: ClaudeData = 'minimal',
	limits: ClaudeLimits = DEFAULT_CLAUDE_LIMITS,
	budget?: ClaudeBudget,
): Promise<ClaudeEvidence> {
	// The contact's address local part is hidden too, also spelled out ("jana dot roth", issue 14 M5).
	const hide =
		claudeData === 'minimal' ? pseudonyms([lead.contactName], { emails: [lead.email] }) : undefined;
	const full = leadAsData(lead, hide);
	const data = cut(full, limits.perLead);
	const notice =
		data.length < full.length
			? `lead text cut to ${limits.perLead} of ${full.length} characters for Claude (Claude Limits); the rules read all of it`
			: undefined;
	const placeholderNote = hide
		? ' Personal data in the lead was replaced by placeholders such as [email 1], [phone 1], [name 1], [iban 1], [dob 1] or [address 1]; quote them as they appear.'
		: '';
	const client = AnthropicClient.forNode(ctx, credentials);
	const answer = await askClaude({
		client,
		beforeAttempt: () =>
			budget && !budget.take(data.length)
				? `Claude not asked: the ${budget.limit} characters this execution may send to Claude (Claude Limits) are used up; rules used`
				: undefined,
		request: () => ({
			model,
			maxTokens: 1024,
			rubric: rubric(config),
			task: `Reference date: ${now.toISOString().slice(0, 10)}. Extract the BANT evidence of the lead below.${placeholderNote}`,
			data,
			outputSchema: evidenceSchemaFor(config),
			timeoutMs: 30_000,
		}),
		// Placeholders in the model's quotes become the lead's own text again, so the core can verify them.
		accept: (parsed) => ({ ok: true, value: hide ? hide.restoreDeep(parsed) : parsed }),
	});
	const spent =
		answer.attempts > 0
			? { usage: answer.usage, costUsd: answer.costUsd }
			: { usage: undefined, costUsd: 0 };
	const base = {
		model: answer.attempts > 0 ? answer.model : model,
		...spent,
		durationMs: answer.durationMs,
		...(notice ? { notice } : {}),
	};
	if (answer.value !== undefined) return { ...base, evidence: answer.value };
	if (answer.stopped) {
		const after = answer.refusals.at(-1);
		return { ...base, failure: after ? `${answer.stopped} after: ${after}` : answer.stopped };
	}
	return {
		...base,
		failure: `Claude gave no usable evidence twice (${answer.refusals.at(-1) ?? ''}); rules used`,
	};
}
