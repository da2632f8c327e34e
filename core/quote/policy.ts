// Commercial policy for a generated quote: which discount a line may carry (the configured discount,
// capped by the maximum discount and by the margin floor when the cost is known), how confident the
// engine is, and whether the quote may go out automatically or needs a human. Follows the trust rules of
// reference/anthropic-and-ai.md §3: prices come only from the catalog, discounts only from configuration
// (a discount the buyer asks for is flagged, never granted), and anything below the confidence threshold
// or above the value / discount limits is routed to review with the reasons spelled out.
import { z } from 'zod/v4';
import { CurrencySchema, divideHalfEven, percentToBasisPoints } from '../money';

const PercentSchema = z
	.number()
	.min(0)
	.max(100)
	.refine((p) => /^\d+(?:\.\d{1,2})?$/.test(String(p)), 'at most two decimals');

export const QuoteConfigSchema = z.object({
	/** Quote currency; items priced in another currency are not quoted (no silent conversion). */
	currency: CurrencySchema.optional(),
	/** Candidates kept per requirement (what an LLM may choose from). */
	candidates_per_requirement: z.number().int().min(1).max(50).default(5),
	/** Route "auto" needs at least this confidence. */
	confidence_threshold: z.number().min(0).max(1).default(0.85),
	/**
	 * A candidate that fits the requirement less than this is not a certain match: the requirement is
	 * unmatched, or, when one candidate is its only best reading and fits at least half of this, that
	 * candidate is quoted as an uncertain line and the quote goes to review (ADR 0049).
	 */
	min_match_score: z.number().min(0).max(1).default(0.5),
	/** Days from `now` to `valid_till`. */
	valid_days: z.number().int().min(1).max(365).default(30),
	/** IANA zone in which `now` is turned into a calendar date. */
	timezone: z.string().default('UTC'),
	/** Discount to apply to every line (the customer's agreed discount), in percent. */
	discount_pct: PercentSchema.default(0),
	/** Hard cap on any line discount, in percent. */
	max_discount_pct: PercentSchema.default(15),
	/** Minimum margin (price − cost) / price after discount, in percent, where the cost is known. */
	margin_floor_pct: PercentSchema.default(15),
	/** Largest total (minor units of the quote currency) that may be sent without review. */
	auto_max_total_minor: z.number().int().positive().default(5_000_000),
	/** Largest line discount, in percent, that may be sent without review. */
	auto_max_discount_pct: PercentSchema.default(10),
	/**
	 * Whether a line whose stock does not cover the quantity sends the quote to review. Off (the
	 * default): it is quoted and flagged (`in_stock: false`, a warning); stock says when the goods can
	 * ship, not whether the request was read right, so it never lowers the confidence (ADR 0056).
	 */
	review_short_stock: z.boolean().default(false),
});
export type QuoteConfig = z.infer<typeof QuoteConfigSchema>;
export type QuoteConfigInput = z.input<typeof QuoteConfigSchema>;

export interface LineDiscount {
	/** Basis points actually applied. */
	basis_points: number;
	/** Why less than the configured discount was applied, if it was. */
	capped_by: 'max_discount' | 'margin_floor' | null;
	/** The list (or break) price is already below the margin floor with no discount at all. */
	below_floor_at_list: boolean;
}

/**
 * Highest discount in basis points that keeps net × (1 − floor) >= cost for a line of `grossMinor`
 * (unit price × qty) with total cost `costMinor`, before rounding of the discount amount; negative when
 * even the list price is below the floor. For reporting; `lineDiscount` decides on the rounded amounts.
 */
export function maxDiscountForMargin(
	grossMinor: number,
	costMinor: number,
	floorBp: number,
): number {
	if (grossMinor <= 0) return costMinor > 0 ? -1 : 10000;
	// net >= cost × 10000 / (10000 − floor)   with net = gross × (10000 − d) / 10000
	// ⇔ d <= 10000 − cost × 10^8 / (gross × (10000 − floor))
	const keep = BigInt(10000 - floorBp);
	const num = BigInt(costMinor) * 100000000n;
	const den = BigInt(grossMinor) * keep;
	const need = num / den + (num % den === 0n ? 0n : 1n); // ceil
	return Number(10000n - need);
}

/** Net of a line after `bp` basis points, as core/money applyDiscount computes it. */
function netAfter(grossMinor: number, bp: number): number {
	return grossMinor - Number(divideHalfEven(BigInt(grossMinor) * BigInt(bp), 10000n));
}

/** Decides the discount of one line. `costMinor` is the total cost of the line (unit cost × qty). */
export function lineDiscount(
	config: QuoteConfig,
	grossMinor: number,
	costMinor: number | null,
): LineDiscount {
	const wanted = percentToBasisPoints(config.discount_pct);
	const cap = percentToBasisPoints(config.max_discount_pct);
	let bp = Math.min(wanted, cap);
	let capped_by: LineDiscount['capped_by'] = wanted > cap ? 'max_discount' : null;
	let below_floor_at_list = false;
	if (costMinor !== null) {
		const floorBp = percentToBasisPoints(config.margin_floor_pct);
		const marginOk = (d: number) =>
			BigInt(netAfter(grossMinor, d)) * BigInt(10000 - floorBp) >= BigInt(costMinor) * 10000n;
		if (!marginOk(0)) {
			below_floor_at_list = true;
			if (bp > 0) capped_by = 'margin_floor';
			bp = 0;
		} else if (!marginOk(bp)) {
			// the net falls as the discount grows, so the largest discount that keeps the floor is found by
			// bisection on the rounded amounts themselves (exact even where rounding makes a tiny line's
			// discount zero for a range of percentages)
			let lo = 0;
			let hi = bp;
			while (hi - lo > 1) {
				const mid = (lo + hi) >>> 1;
				if (marginOk(mid)) lo = mid;
				else hi = mid;
			}
			bp = lo;
			capped_by = 'margin_floor';
		}
	}
	return { basis_points: bp, capped_by, below_floor_at_list };
}

export interface ConfidenceInputs {
	/** Match score (0..1) of every quoted line. */
	lineScores: readonly number[];
	requirements: number;
	unmatched: number;
	/** Whether past quotes were supplied at all. */
	history: boolean;
	/** Similar won quotes exist. */
	precedent: boolean;
	/** Share (0..1) of lines whose item appears in a similar won quote. */
	pastAgreement: number;
	/** Requirements where an LLM pick was rejected. */
	rejectedPicks: number;
}

export interface ConfidenceBreakdown {
	confidence: number;
	match_strength: number;
	coverage: number;
	past_agreement: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Confidence = match strength × requirement coverage × agreement with past quotes: how sure the reading
 * is, nothing else (stock and money are policy checks of their own, quote.ts). Match strength blends the
 * mean and the weakest line (one doubtful line should be enough to look).
 */
export function quoteConfidence(input: ConfidenceInputs): ConfidenceBreakdown {
	if (input.lineScores.length === 0 || input.requirements === 0) {
		return { confidence: 0, match_strength: 0, coverage: 0, past_agreement: 0 };
	}
	const mean = input.lineScores.reduce((s, x) => s + x, 0) / input.lineScores.length;
	const min = Math.min(...input.lineScores);
	const match_strength = 0.5 * mean + 0.5 * min;
	// Unbound and unread parts can outnumber the requirements they are counted against: coverage stays in [0, 1].
	const unmatched = Math.min(Math.max(input.unmatched, 0), input.requirements);
	const coverage = (input.requirements - unmatched) / input.requirements;
	const past_agreement = !input.history
		? 1
		: input.precedent
			? 0.9 + 0.1 * input.pastAgreement
			: 0.95;
	const picks = 0.85 ** input.rejectedPicks;
	return {
		confidence: round3(match_strength * coverage * past_agreement * picks),
		match_strength: round3(match_strength),
		coverage: round3(coverage),
		past_agreement: round3(past_agreement),
	};
}
