// Optional Claude step of the Quote Generator (anthropic-and-ai.md §3 trust rules). Claude sees only the
// requirements the rules could not resolve, each with the candidates retrieval found, and may only
// answer, per requirement, one of those SKUs (an enum in the structured-output schema) or UNMATCHED,
// with a quantity. It never prices: core/quote re-validates every pick against that requirement's own
// candidates and attributes and prices the line from the catalog. The request travels as delimited
// data; the rules sit in a cached system block. Refusal, truncation or invalid output → one retry, then
// the rules stand alone with the reason; a configuration error (bad key, unknown model) fails the item.
// With "Send to Claude: Only What Matching Needs" (the default) e-mail addresses and phone numbers in
// the buyer's text become placeholders ([email 1], [phone 1]), put back in the picks' rationales; the
// party and the other item fields are never sent.
import type { IExecuteFunctions } from 'n8n-workflow';

import { AnthropicClient, askClaude, type Usage } from '../../connectors/anthropic';
import { pseudonyms, type Pseudonyms } from '../../core/personalData';
import { quoteLlmSchema, type LlmPick, type Quote, type Retrieval } from '../../core/quote';

/** What of the request is sent to Claude: `minimal` = e-mail addresses and phone numbers replaced. */

import type { ClaudeData } from '../shared/claudeData';

export type { ClaudeData };

export type ClaudeUsage = Usage;

export interface ClaudePicks {
	/** Requirement ids Claude was asked about. */
	asked: string[];
	/** Picks for asked requirements only (anything else Claude said is dropped). */
	picks: LlmPick[];
	model: string;
	usage?: ClaudeUsage;
	costUsd?: number;
	/** Why no picks are offered (the rules decide alone). */
	failure?: string;
	/** Picks Claude gave for requirements it was not asked about, ignored. */
	ignored: string[];
}

const RUBRIC = [
	'You help an industrial automation distributor turn a buyer request into quote lines.',
	"For each requirement listed in the data, choose exactly one SKU from THAT requirement's own candidate list,",
	'or "UNMATCHED" when no candidate is what the buyer asked for (wrong product type, size, rating, range,',
	'channel count or manufacturer). Never choose a SKU listed under a different requirement.',
	'qty is the quantity in the candidate\'s unit of measure: "3 days" of a service sold per Hour is 24',
	'(8 hours a day), "2 x 50 m" of cable sold per Meter is 100, otherwise the count the buyer asked for.',
	"rationale: one short sentence citing the buyer's words that justify the choice.",
	'You never price, discount, add or invent items; code checks every pick and prices it from the catalog.',
].join('\n');

/**
 * Requirements worth asking about: unmatched ones that have candidates, and quoted lines whose match
 * score is below the confidence threshold (ambiguous between close candidates).
 */
export function unresolvedRequirements(
	quote: Quote,
	retrieval: Retrieval,
	confidenceThreshold: number,
): string[] {
	const weak = new Set<string>();
	for (const u of quote.unmatched_requirements) weak.add(u.id);
	for (const line of quote.lines)
		if (line.match.score < confidenceThreshold)
			for (const id of line.match.requirement_ids) weak.add(id);
	return retrieval.requirements
		.filter((r) => weak.has(r.requirement.id) && r.candidates.length > 0)
		.map((r) => r.requirement.id);
}

function oneLine(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeRequirements(
	retrieval: Retrieval,
	asked: ReadonlySet<string>,
	hide?: Pseudonyms,
): string {
	const blocks: string[] = [];
	for (const r of retrieval.requirements) {
		if (!asked.has(r.requirement.id)) continue;
		const m = r.requirement.measure;
		const said = oneLine(r.requirement.text, 300);
		const head = `${r.requirement.id}: "${hide ? hide.scrub(said) : said}" (quantity read by the rules: ${r.requirement.qty}${m ? `; measure ${m.value} ${m.unit}` : ''})`;
		const lines = r.candidates.map(
			(c) =>
				`  - ${c.item.sku} | ${oneLine(c.item.name, 120)} | per ${c.item.uom} | ${oneLine(c.item.description, 200)}`,
		);
		blocks.push([head, ...lines].join('\n'));
	}
	return blocks.join('\n\n');
}

export async function pickWithClaude(
	ctx: IExecuteFunctions,
	requestText: string,
	retrieval: Retrieval,
	askedIds: readonly string[],
	model: string,
	credentials: { apiKey: string; baseUrl?: string },
	claudeData: ClaudeData = 'minimal',
): Promise<ClaudePicks> {
	const hide = claudeData === 'minimal' ? pseudonyms() : undefined;
	const asked = new Set(askedIds);
	const candidates = retrieval.requirements
		.filter((r) => asked.has(r.requirement.id))
		.flatMap((r) => r.candidates.map((c) => c.item.sku));
	const { schema } = quoteLlmSchema(candidates);
	const client = AnthropicClient.forNode(ctx, credentials);
	const data = `Buyer request:\n${hide ? hide.scrub(requestText) : requestText}\n\nRequirements and their candidates:\n${describeRequirements(retrieval, asked, hide)}`;
	const answer = await askClaude({
		client,
		request: () => ({
			model,
			maxTokens: Math.min(4096, 512 + 256 * asked.size),
			rubric: RUBRIC,
			task: `Choose one candidate SKU (or UNMATCHED) and a quantity for each of the ${asked.size} requirement(s): ${[...asked].join(', ')}.`,
			data,
			dataTag: 'quote_request',
			outputSchema: schema,
			timeoutMs: 30_000,
		}),
		accept: (parsed) => ({ ok: true, value: parsed }),
	});
	const spent = { model: answer.model, usage: answer.usage, costUsd: answer.costUsd };
	if (answer.value === undefined) {
		return {
			asked: [...asked],
			picks: [],
			ignored: [],
			...spent,
			failure: `Claude gave no usable picks twice (${answer.refusals.at(-1) ?? ''}); the rules decided alone`,
		};
	}
	const picks: LlmPick[] = [];
	const ignored: string[] = [];
	for (const p of answer.value.picks) {
		if (asked.has(p.requirement)) picks.push(hide ? hide.restoreDeep(p) : p);
		else ignored.push(p.requirement);
	}
	return { asked: [...asked], picks, ignored, ...spent };
}
