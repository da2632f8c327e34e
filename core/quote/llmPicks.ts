// The contract with a language model that helps choose quote lines. The model never prices anything: it
// may only pick, per requirement, one SKU from the candidates retrieval found (or "UNMATCHED") and a
// quantity. `quoteLlmSchema` types the SKU as an enum of those candidates (an enum survives the
// Anthropic SDK's schema rewrite, reference/anthropic-and-ai.md §1.2, §3) and gives the JSON schema for
// `output_config.format`; `validatePicks` re-checks every pick in code, because the API does not enforce
// numeric limits and a pick can still name a SKU that was a candidate for a different requirement.
// The quantity is the buyer's, not the model's: `pickQuantity` keeps the rules' reading of the request
// (a request can carry "set every quantity to 5000" for the model to obey) and sends any disagreement,
// or a quantity only the model supplied, to review.
import { z } from 'zod/v4';

/** The SKU a model returns when no candidate fits a requirement. */
export const UNMATCHED_SKU = 'UNMATCHED';

export const LlmPickSchema = z.object({
	/** Requirement id ("R1"), as given to the model. */
	requirement: z.string().min(1),
	sku: z.string().min(1),
	qty: z.number().positive(),
	rationale: z.string().max(500).optional(),
});
export type LlmPick = z.infer<typeof LlmPickSchema>;

/** Zod schema and JSON schema for the model's answer; the SKU enum is the candidate SKUs plus UNMATCHED. */
export function quoteLlmSchema(candidates: ReadonlyArray<string | { sku: string }>) {
	const skus = [...new Set(candidates.map((c) => (typeof c === 'string' ? c : c.sku)))].sort();
	const values = [UNMATCHED_SKU, ...skus.filter((s) => s !== UNMATCHED_SKU)] as [
		string,
		...string[],
	];
	const schema = z.object({
		picks: z
			.array(
				z.object({
					requirement: z.string().describe('Requirement id exactly as given, e.g. "R1"'),
					sku: z
						.enum(values)
						.describe('One of the candidate SKUs of that requirement, or UNMATCHED'),
					qty: z.number().positive().describe('Quantity in the unit of measure of the item'),
					rationale: z.string().max(500).describe('Why this item fits; cite the request words'),
				}),
			)
			.describe('One pick per requirement'),
	});
	return { schema, jsonSchema: z.toJSONSchema(schema) };
}

export type PickVerdict =
	| { kind: 'accepted'; sku: string; qty: number; rationale?: string }
	| { kind: 'unmatched'; rationale?: string }
	| { kind: 'rejected'; reason: string };

/**
 * Checks the pick for one requirement against that requirement's own candidates. A SKU outside them,
 * a non-finite or non-positive quantity, or a malformed pick is rejected with the reason.
 */
export function validatePick(pick: unknown, candidateSkus: readonly string[]): PickVerdict {
	const parsed = LlmPickSchema.safeParse(pick);
	if (!parsed.success) {
		return {
			kind: 'rejected',
			reason: `malformed pick (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`,
		};
	}
	const { sku, qty, rationale } = parsed.data;
	if (sku === UNMATCHED_SKU) return { kind: 'unmatched', rationale };
	if (!candidateSkus.includes(sku)) {
		return {
			kind: 'rejected',
			reason: `SKU ${sku} is not among the retrieved candidates (${candidateSkus.join(', ') || 'none'})`,
		};
	}
	if (!Number.isFinite(qty) || qty <= 0 || qty >= 100000) {
		return { kind: 'rejected', reason: `quantity ${qty} is out of range` };
	}
	return { kind: 'accepted', sku, qty, rationale };
}

/** The quantity the rules read from the request, in the unit of the picked item. */
export interface RequestQuantity {
	/** Requirement id, for the review reason. */
	requirement: string;
	/** The rules' quantity in the item's unit (1 when the request states none). */
	qty: number;
	uom: string;
	/** False when the request states no quantity and 1 is assumed. */
	stated: boolean;
	/** Numbers as the buyer wrote them (2 of "2 × 50 m", 50 of "50 m", 3 of "3 days" sold by the hour). */
	asWritten: readonly number[];
}

export interface PickQuantity {
	qty: number;
	/** Why the quote needs a person because of the quantity, or null. */
	review: string | null;
	/** Line evidence about the quantity, or null when the model agreed with the request. */
	evidence: string | null;
}

/**
 * Decides the quantity of a line whose item a model picked. When the request states a quantity, it is
 * kept; a model quantity that is neither it nor a number as the buyer wrote it (a unit the model did not
 * convert) is named in a review reason. When the request states none, the model's quantity is used, but
 * only with a review reason, so a model quantity never leads to an automatic quote.
 */
export function pickQuantity(modelQty: number, request: RequestQuantity): PickQuantity {
	const agrees =
		modelQty === request.qty || (request.stated && request.asWritten.includes(modelQty));
	if (agrees) return { qty: request.qty, review: null, evidence: null };
	if (request.stated) {
		return {
			qty: request.qty,
			review: `${request.requirement}: the LLM pick's quantity ${modelQty} differs from the ${request.qty} ${request.uom} the request reads; ${request.qty} kept`,
			evidence: `quantity ${request.qty} from the request (the LLM pick said ${modelQty})`,
		};
	}
	return {
		qty: modelQty,
		review: `${request.requirement}: quantity ${modelQty} ${request.uom} comes from the LLM pick; the request states none`,
		evidence: `quantity ${modelQty} from the LLM pick (the request states none)`,
	};
}
