// Optional Claude extraction for the Lead Qualifier. The model only fills the BANT evidence schema
// (with quoted spans) through the Messages API's structured output; the core re-validates every quote
// against the lead and computes the score. Lead text travels as delimited data, the rubric sits in a
// cached system block. Refusal, truncation, invalid output or a transient failure → one retry, then the
// rules stand alone and the reason says why. A configuration error (bad key, bad model) fails the item.
// With "Send to Claude: Only What Scoring Needs" (the default) only the fields the rubric reads leave
// n8n (company, job title, industry, employees, country, message), with e-mail addresses, phone numbers
// and the contact's name in them replaced by placeholders that are put back in the model's quotes, so
// the core still verifies each quote against the full lead; the rules always see the full lead.
import type { IExecuteFunctions } from 'n8n-workflow';

import { AnthropicClient } from '../../connectors/anthropic';
import { ServiceError, n8nAdapter } from '../../connectors/http';
import { toNodeError } from '../shared/serviceErrors';
import { pseudonyms, type Pseudonyms } from '../../core/personalData';
import { evidenceSchemaFor, type LeadInput, type QualifyConfig, type Usage } from '../../core/qualify';
import type { ClaudeData } from '../shared/claudeData';

export type { ClaudeData };

/** What of the lead is sent to Claude: `minimal` = only what scoring needs, personal data replaced. */

/** The lead fields the rubric reads; name, e-mail, phone and source are not among them. */
const SCORING_FIELDS = ['company', 'title', 'industry', 'employees', 'country', 'message'] as const;

export interface ClaudeEvidence {
	evidence?: unknown;
	model: string;
	usage?: Usage;
	costUsd?: number;
	/** Why no evidence is offered (rules alone decide). */
	failure?: string;
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
		for (const [key, value] of Object.entries(lead)) if (value !== undefined && value !== '') lines.push(`${key}: ${String(value)}`);
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
	itemIndex: number,
	claudeData: ClaudeData = 'minimal',
): Promise<ClaudeEvidence> {
	const hide = claudeData === 'minimal' ? pseudonyms([lead.contactName]) : undefined;
	const data = leadAsData(lead, hide);
	const placeholderNote = hide
		? ' Personal data in the lead was replaced by placeholders such as [email 1], [phone 1] or [name 1]; quote them as they appear.'
		: '';
	const client = new AnthropicClient({
		baseUrl: credentials.baseUrl || undefined,
		adapter: n8nAdapter(ctx, 'leadToCloseAnthropicApi'),
		secrets: [credentials.apiKey],
	});
	const started = Date.now();
	let failure = '';
	let usage: Usage | undefined;
	let costUsd = 0;
	for (let attempt = 1; attempt <= 2; attempt++) {
		try {
			const result = await client.createMessage({
				model,
				maxTokens: 1024,
				rubric: rubric(config),
				task: `Reference date: ${now.toISOString().slice(0, 10)}. Extract the BANT evidence of the lead below.${placeholderNote}`,
				data,
				outputSchema: evidenceSchemaFor(config),
				timeoutMs: 30_000,
			});
			usage = {
				input_tokens: (usage?.input_tokens ?? 0) + result.usage.input_tokens,
				output_tokens: (usage?.output_tokens ?? 0) + result.usage.output_tokens,
				cache_read_input_tokens: (usage?.cache_read_input_tokens ?? 0) + (result.usage.cache_read_input_tokens ?? 0),
				cache_creation_input_tokens: (usage?.cache_creation_input_tokens ?? 0) + (result.usage.cache_creation_input_tokens ?? 0),
			};
			costUsd += result.costUsd ?? 0;
			if (result.outcome === 'complete' && result.parsed !== undefined) {
				// Placeholders in the model's quotes become the lead's own text again, so the core can verify them.
				const evidence = hide ? hide.restoreDeep(result.parsed) : result.parsed;
				return { evidence, model: result.model || model, usage, costUsd, durationMs: Date.now() - started };
			}
			failure = result.outcome === 'invalid_output' ? `invalid output (${result.problem})` : result.outcome;
		} catch (error) {
			// Bad key, unknown model, malformed request: the user must fix the configuration.
			if (error instanceof ServiceError && !error.retryable && error.kind === 'http') throw toNodeError(ctx.getNode(), error, itemIndex);
			failure = error instanceof Error ? error.message : String(error);
		}
	}
	return { model, usage, costUsd, failure: `Claude gave no usable evidence twice (${failure}); rules used`, durationMs: Date.now() - started };
}
