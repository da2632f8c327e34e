// The quoting engine: free-text request + catalog index → a priced, explained quote and a route. Decides,
// in order: what is read and retrieved (candidates.ts: the message, its requirements, their candidates
// boosted by similar won quotes); the item of each requirement (the best
// candidate, or a validated LLM pick), refusing weak matches — or quoting the one best reading of a weak
// match as an uncertain line that a person confirms (ADR 0049) — matches on numbers alone, attribute
// contradictions, unpriced items and foreign currencies; the quantity in the item's unit (40 hours, 3 days
// = 24 h, 100 m; an LLM pick's quantity only with review, see llmPicks.ts `pickQuantity`); the unit price
// from the price breaks; the discount (policy.ts); stock; confidence; and route "auto" only when nothing
// needs a human; what of the request each line accounts for is decided in accounting.ts. Every line comes from a catalog item and every amount is integer minor units, so
// total = Σ amount and subtotal − discount_total = total hold exactly.
import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import {
	basisPointsToPercent,
	CurrencySchema,
	divideHalfEven,
	formatMinorUnits,
	MinorUnitsSchema,
	multiplyMinorUnits,
	percentToBasisPoints,
	sumMinorUnits,
} from '../money';
import { DIM_LABEL, type Attribute } from './attributes';
import { soldPerLitre, uomKind, type CatalogItem } from './catalog';
import { pickQuantity, validatePick, type LlmPick, type PickVerdict } from './llmPicks';
import { lengthCount, packCount } from './packs';
import { containerCount } from './read/containers';
import { countsPeople, peopleCount } from './read/people';
import { coQuotedIn, type PastQuote } from './pastQuotes';
import {
	lineDiscount,
	quoteConfidence,
	QuoteConfigSchema,
	type QuoteConfig,
	type QuoteConfigInput,
} from './policy';
import { unitPriceFor } from './priceBreaks';
import type { Requirement } from './requirements';
import {
	retrieveCandidates,
	MAX_REQUEST_CHARS,
	type QuoteRequest,
	type RequirementCandidates,
} from './candidates';
export {
	retrieveCandidates,
	MAX_REQUEST_CHARS,
	type QuoteRequest,
	type RequirementCandidates,
	type Retrieval,
} from './candidates';
import type { Candidate, CatalogIndex } from './retrieval';
import { itemChanges } from './read/changes';
import { CONTAINER_WORDS } from './read/vocabulary';
import { statesANumber } from './read/installed';
import { quoted } from './read/text';
import { normalizeText, SYNONYMS, textTerms } from './tokenize';
import type { ReaderLanguage } from './read/vocabulary';
import {
	catalogWords,
	changedItem,
	describedAfterCode,
	containerFor,
	foreignCodes,
	isReaderWord,
	joinedTerms,
	lacksWhatIsAsked,
	otherProductWords,
	residueCounts,
	strangeWords,
	unreadProductPhrases,
	unboundNumbers,
	unknownWords,
	unsoldProductTypes,
} from './accounting';

export const QuoteLineSchema = z.object({
	sku: z.string(),
	name: z.string(),
	qty: z.number().positive(),
	uom: z.string(),
	/** Minor units per uom, from the catalog list price or the applicable price break. */
	unit_price: MinorUnitsSchema,
	discount_pct: z.number().min(0).max(100),
	/** unit_price × qty − discount, minor units. */
	amount: MinorUnitsSchema,
	currency: CurrencySchema,
	in_stock: z.boolean(),
	/**
	 * false for a weak line (ADR 0049): no candidate fitted the requirement as well as a match must, and this
	 * one, the only best reading, is quoted flagged so that a person confirms or replaces it. A quote with an
	 * uncertain line is always routed to review, the review reason naming the phrase and the item.
	 */
	certain: z.boolean(),
	match: z.object({
		score: z.number().min(0).max(1),
		requirement: z.string(),
		requirement_ids: z.array(z.string()),
		evidence: z.array(z.string()),
	}),
});
export type QuoteLine = z.infer<typeof QuoteLineSchema>;

/** How a person is shown a line quoted with low certainty (`certain: false`), before the line itself. */
export const UNCERTAIN_LINE_LABEL = 'LOW CERTAINTY, confirm or replace: ';

export const PickReportSchema = z.object({
	requirement: z.string(),
	sku: z.string(),
	qty: z.number(),
	verdict: z.enum(['accepted', 'unmatched', 'rejected']),
	reason: z.string().optional(),
});
export type PickReport = z.infer<typeof PickReportSchema>;

export const UnmatchedRequirementSchema = z.object({
	id: z.string(),
	requirement: z.string(),
	qty: z.number(),
	reason: z.string(),
	closest: z.array(z.object({ sku: z.string(), name: z.string() })),
});
export type UnmatchedRequirement = z.infer<typeof UnmatchedRequirementSchema>;

export const QuoteSchema = z.object({
	/**
	 * "quoted" when the quote has at least one line; "no_quote" when there is nothing to send (the message
	 * asks for no quote, or nothing in it matched the catalog): then `lines` is empty, the route is
	 * "review", `review_reasons` say why and `unmatched_requirements` hold the closest items.
	 */
	status: z.enum(['quoted', 'no_quote']),
	lines: z.array(QuoteLineSchema),
	/** Σ unit_price × qty before discounts. */
	subtotal: MinorUnitsSchema,
	discount_total: MinorUnitsSchema,
	/** Σ amount = subtotal − discount_total. */
	total: MinorUnitsSchema,
	currency: CurrencySchema,
	valid_till: z.string(),
	confidence: z.number().min(0).max(1),
	route: z.enum(['auto', 'review']),
	review_reasons: z.array(z.string()),
	unmatched_requirements: z.array(UnmatchedRequirementSchema),
	/**
	 * Parts of the request no line accounts for: a number in a requirement that is neither its count, an
	 * attribute nor in the chosen item's name or code, or a dropped part that still states a count. Any
	 * of them sends the quote to review, named.
	 */
	unaccounted: z.array(z.string()),
	warnings: z.array(z.string()),
	/** The verdict on each model pick given in `context.llmPicks`, as applied (absent without picks). */
	llm_picks: z.array(PickReportSchema).optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export interface QuoteContext {
	/** The moment the quote is made; `valid_till` counts from its calendar date. */
	now: Date | string;
	pastQuotes?: readonly PastQuote[];
	/** Already-proposed choices (one per requirement id) that code re-validates. */
	llmPicks?: readonly LlmPick[];
}

/** "No currency" in ISO 4217, for a quote without lines and without a configured currency. */
const NO_CURRENCY = 'XXX';
/** Hours in a quoted day of service. */
const HOURS_PER_DAY = 8;
/**
 * A weak line (ADR 0049) fits at least this share of what a certain match needs: with the default 0.5, the
 * item covers at least a quarter of the requirement's word weight, words the catalog does not know
 * counting as rare words the item lacks.
 */
const WEAK_SHARE = 0.5;
/** Ranking ties closer than this make a match ambiguous. */
const AMBIGUITY_RATIO = 0.9;
/** A runner-up within this coverage of the best explains the request as well… */
const TIE_COVERAGE = 0.02;
/**
 * …and caps the line's score so that one tied line keeps the quote below the default auto threshold (0.85)
 * however many certain lines are beside it: match strength is 0.5 × mean + 0.5 × weakest, which tends to
 * 0.5 + 0.5 × factor, below 0.85 only for a factor below 0.7. At 0.8, a tied glove size beside one certain
 * line reached 0.85 exactly and went out automatically (ADR 0055). A tie between two makers is a review
 * reason of its own; within one maker a lower confidence threshold may let it out, as configured.
 */
const TIE_FACTOR = 0.69;

function describeAttribute(a: Attribute): string {
	return a.dim === 'dn' ? `DN${a.value}` : `${a.value} ${DIM_LABEL[a.dim]}`;
}

/**
 * How well the chosen item fits (`fit`: its coverage of the requirement, less for each requested attribute
 * it does not state) and how sure the line is (`score`: the fit of the words that are product evidence,
 * ADR 0061, less again when another item explains the
 * requirement as well, with the same coverage and attributes — "16-point input card for ControlLogix" fits
 * 1756-IB16 and 1756-IB16D alike — or ranks almost as high). The fit decides whether the requirement is
 * matched at all; the score feeds confidence, so an ambiguous line is quoted and sent to review. An exact
 * SKU is certain.
 */
function matchScore(
	chosen: Candidate,
	top: Candidate,
	all: readonly Candidate[],
): { fit: number; score: number; tie?: Candidate } {
	if (chosen.sku_match === 'exact') return { fit: 1, score: 1 };
	const fit = chosen.coverage * 0.9 ** chosen.attributes.missing.length;
	// a word of asking or courtesy the catalog lacks ("il nous faudrait") makes no line less certain (ADR 0061)
	let score = chosen.evidence_coverage * 0.9 ** chosen.attributes.missing.length;
	if (chosen.doc === top.doc) {
		const runnerUp = all.find(
			(c) =>
				c.doc !== top.doc && c.item.sku !== top.item.sku && c.attributes.conflicts.length === 0,
		);
		const ratio = runnerUp && top.score > 0 ? runnerUp.score / top.score : 0;
		const tie =
			runnerUp !== undefined &&
			runnerUp.coverage >= top.coverage - TIE_COVERAGE &&
			runnerUp.attributes.matched.length >= top.attributes.matched.length &&
			runnerUp.attributes.missing.length <= top.attributes.missing.length &&
			// the family named earlier in the request ("ControlLogix 1756-L83E plus 3 analog cards") decides
			runnerUp.context_matches >= top.context_matches &&
			// "Hager 36 moduli": the neighbour that holds the buyer's number is the one meant
			runnerUp.number_matches >= top.number_matches &&
			// "2 quadros Hager de 24 módulos, 20 disjuntores B16": the buyer chose the maker the message names
			!(top.maker_named === true && runnerUp.maker_named !== true);
		if (tie) score *= TIE_FACTOR;
		else if (ratio > AMBIGUITY_RATIO) score *= 1 - (ratio - AMBIGUITY_RATIO) * 1.5;
		const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
		return { fit: round(fit), score: round(score), ...(tie && runnerUp ? { tie: runnerUp } : {}) };
	} else if (top.score > 0) {
		score *= Math.min(1, chosen.score / top.score);
	}
	const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
	return { fit: round(fit), score: round(score) };
}

/**
 * The verdict on a model's pick for requirement `r`: `validatePick` (a SKU among the requirement's own
 * candidates, a sane quantity), then what only the ranking knows — a candidate that contradicts a
 * requested attribute, fits below `minMatchScore`, or matches by numbers alone is refused, so a pick never
 * pushes out the line the ranking found. Rejection reasons read "LLM pick … rejected, …". The node
 * reports these verdicts; `buildQuote` applies them.
 */
export function judgePick(
	pick: unknown,
	r: RequirementCandidates,
	minMatchScore: number,
): PickVerdict {
	const verdict = validatePick(
		pick,
		r.candidates.map((c) => c.item.sku),
	);
	if (verdict.kind === 'rejected')
		return { kind: 'rejected', reason: `LLM pick rejected, ${verdict.reason}` };
	if (verdict.kind !== 'accepted') return verdict;
	const c = r.candidates.find((x) => x.item.sku === verdict.sku) as Candidate;
	const top = r.candidates[0];
	if (c.attributes.conflicts.length > 0) {
		return {
			kind: 'rejected',
			reason: `LLM pick ${c.item.sku} rejected, it contradicts the requested ${c.attributes.conflicts.map((x) => describeAttribute(x.wanted)).join(', ')}`,
		};
	}
	// A candidate the rules would never quote for this requirement (an HMI for "commissioning support
	// onsite 3 days") must not push out the line the ranking found, nor be reported as used.
	if (c.sku_match !== 'exact') {
		const { fit } = matchScore(c, top, r.candidates);
		if (fit < minMatchScore) {
			return {
				kind: 'rejected',
				reason: `LLM pick ${c.item.sku} rejected, it fits the requirement only ${fit} (at least ${minMatchScore} needed)`,
			};
		}
		if (c.sku_match === null && !namesProduct(c)) {
			return {
				kind: 'rejected',
				reason: `LLM pick ${c.item.sku} rejected, only numbers of the request match it`,
			};
		}
	}
	return verdict;
}

/**
 * Whether the best candidate, fitting below `minMatchScore`, is still quoted as a weak line (ADR 0049): it
 * is the ranking's own choice, no other item explains the requirement as well (a tie between the Niloe
 * socket and the double socket is a choice for the buyer), the requirement states a count or names a
 * product type, code or attribute (not prose), it names no product the catalog does not sell, and the
 * fit is at least half of what a certain match needs. The checks every line passes (a word, not only
 * numbers, matched; a price; the currency) follow.
 */
function weakReading(
	r: RequirementCandidates,
	chosen: Candidate,
	fit: number,
	tie: Candidate | undefined,
	minMatchScore: number,
): boolean {
	return (
		chosen === r.candidates[0] &&
		tie === undefined &&
		r.requirement.prose !== true &&
		(fit >= minMatchScore * WEAK_SHARE || holdsEveryKnownWord(r, chosen)) &&
		unsoldProductWords(r).length === 0
	);
}

/**
 * The item holds every word of the requirement's own that the catalog knows, at least two of them and one
 * a word (not only numbers or attributes), and states every requested attribute: what keeps its fit below
 * the floor are only words nobody knows, in a language the synonym table lacks ("På varje kontor vill vi ha
 * två ABB Terra AC-laddboxar på 11 kW", "vakuová filtrační jednotka Stericup 500 ml"). Such words may be
 * anything (ADR 0049), so the reading is quoted flagged for a person, never certain (ADR 0068).
 */
function holdsEveryKnownWord(r: RequirementCandidates, chosen: Candidate): boolean {
	if (chosen.sku_match !== null || chosen.attributes.missing.length > 0) return false;
	// an unknown code ("S5", "AN-2026-1187") may be the product or a reference: only words are let go
	if (r.search.unknown_terms.some((t) => !/^[a-z]+$/.test(t))) return false;
	const unknown = new Set(r.search.unknown_terms);
	const own = r.requirement.terms.filter((t) => !t.context && t.weight >= 1);
	if (own.some((t) => t.alternative !== undefined)) return false;
	const known = own.filter((t) => !unknown.has(t.term));
	// one of them a word that names the item: not a number, a code, a word of the company world
	// ("Engineering-Leistungen") nor its maker ("3 st ABB servomotorer 22 kW" is no ABB wallbox)
	const maker = new Set(textTerms(normalizeText(chosen.item.manufacturer)));
	const names = (t: string) => /^[a-z]+$/.test(t) && !isReaderWord(t) && !maker.has(t);
	if (known.length < 2 || !known.some((t) => names(t.term))) return false;
	const matched = new Set(chosen.matched_terms.map((l) => l.split('→')[0]));
	return known.every((t) => matched.has(t.term));
}

/**
 * Words of the requirement's own (not a purpose clause, not a carried family) that the synonym table knows
 * as part of a product's name and no catalog item has: "12 servo motors with drives" names a motor, which
 * this catalog does not sell, so its one 1.5 kW drive is no reading of it. Words nobody knows ("prosimy",
 * "żółto-zielonego") may be anything, and leave the weak reading standing.
 */
function unsoldProductWords(r: RequirementCandidates): string[] {
	const unknown = new Set(r.search.unknown_terms);
	return r.requirement.terms
		.filter((t) => t.weight >= 1 && !t.context && unknown.has(t.term))
		.map((t) => t.term)
		.filter((t) => SYNONYMS.lexicon.has(t));
}

/** True when a word of the requirement (not only a number or an attribute value) matched the item. */
function namesProduct(c: Candidate): boolean {
	return c.matched_terms.some((t) => !/^[a-z]+:/.test(t) && /[a-z]/.test(t));
}

/**
 * "2 Spulen 230V 22mm", "4 bobinas 24 V" of a catalog that names the item "Coil 22mm 230VAC": the word the
 * reader took for the pack a count is made of is the first word of the item's own name (ADR 0076), so the
 * request names the product; only a count of containers and ratings, never a word alone.
 */
function countsTheItemsHead(req: Requirement, item: CatalogItem): boolean {
	const head = textTerms(normalizeText(item.name))[0];
	if (!head || !/^[a-z]{3,}$/.test(head) || req.attributes.length === 0) return false;
	return (containerCount(req.text) ?? '')
		.split(/\s+/)
		.slice(1)
		.some((w) => CONTAINER_WORDS.has(w) && textTerms(w).includes(head));
}

/** The one volume a requirement states, in litres ("20L", "5 litros"); null for none, several or a range. */
function litresAsked(req: Requirement): number | null {
	const volumes = req.attributes.filter((a) => a.dim === 'ul');
	if (volumes.length !== 1 || volumes[0].upper !== undefined) return null;
	return volumes[0].value / 1_000_000;
}

/** The requirement's quantity in the item's unit; `measured` when it comes from hours, days or metres. */
function resolveQty(
	req: Requirement,
	item: CatalogItem,
): { qty: number; note: string | null; measured: boolean; review?: string | null } {
	const kind = uomKind(item.uom);
	const times = req.multiplier?.factor ?? 1;
	// "4 technicians x 3 days" of a course per participant-day: the people times the days (read/people.ts)
	const people =
		req.multiplier || (kind !== 'hour' && kind !== 'day')
			? 1
			: req.qty_explicit
				? countsPeople(req.text, req.qty)
					? req.qty
					: 1
				: (peopleCount(req.text, req.loose_numbers) ?? 1);
	const m = req.measure ? { ...req.measure, value: req.measure.value * times * people } : null;
	const round = (x: number) => Math.round(x * 1000) / 1000;
	const perPerson = people > 1 && req.measure ? `${people} × ${req.measure.text}` : null;
	if (m && kind === 'hour') {
		if (m.unit === 'h') return { qty: m.value, note: perPerson, measured: true };
		if (m.unit === 'day')
			return {
				qty: round(m.value * HOURS_PER_DAY),
				note: `${m.value} days × ${HOURS_PER_DAY} h`,
				measured: true,
			};
	}
	if (m && kind === 'day') {
		if (m.unit === 'day') return { qty: m.value, note: perPerson, measured: true };
		if (m.unit === 'h')
			return {
				qty: round(m.value / HOURS_PER_DAY),
				note: `${m.value} h ÷ ${HOURS_PER_DAY} h per day`,
				measured: true,
			};
	}
	if (m && kind === 'meter' && m.unit === 'm') {
		return req.qty_explicit
			? {
					qty: round((m.value / times) * req.qty),
					note: `${req.qty} × ${m.value / times} m`,
					measured: true,
				}
			: { qty: m.value, note: null, measured: true };
	}
	// "two 20 L drums", "20 litros de água ultrapura" of an item sold per litre: the count times the litres
	const litres = soldPerLitre(item.uom) ? litresAsked(req) : null;
	if (litres !== null) {
		const qty = round(litres * (req.qty_explicit ? req.qty : times));
		return { qty, note: `${req.qty_explicit ? req.qty : times} × ${litres} L`, measured: true };
	}
	// "30 m of cable tray" without a count, of a tray sold by the piece in 3 m lengths (packs.ts)
	if (m && kind === 'count' && m.unit === 'm' && !req.qty_explicit) {
		const lengths = lengthCount(m.value, item);
		if (lengths) return { ...lengths, measured: true };
	}
	return { qty: req.qty, note: null, measured: false };
}

interface Draft {
	item: CatalogItem;
	qty: number;
	score: number;
	requirements: Requirement[];
	evidence: string[];
	certain: boolean;
	/** Every requirement quoted on the line stated its count (a number, a length, hours or days). */
	stated: boolean;
}

function candidateEvidence(c: Candidate, r: RequirementCandidates): string[] {
	const ev: string[] = [];
	if (c.sku_match === 'exact') ev.push(`exact SKU ${c.item.sku}`);
	else if (c.sku_match === 'partial')
		ev.push(`SKU/model prefix (${r.requirement.sku_hints.join(', ')}) of ${c.item.sku}`);
	const words = c.matched_terms.filter((t) => !/^[a-z]+:/.test(t));
	if (words.length > 0) ev.push(`matched terms: ${words.join(', ')}`);
	for (const a of c.attributes.matched) ev.push(`${describeAttribute(a)} matches`);
	for (const a of c.attributes.missing)
		ev.push(`item does not state ${DIM_LABEL[a.dim]} (asked ${describeAttribute(a)})`);
	for (const fix of r.search.corrections)
		if (c.matched_terms.some((t) => t.includes(fix.to)))
			ev.push(`read "${fix.from}" as "${fix.to}"`);
	const p = r.precedent.get(c.item.sku);
	if (p) ev.push(`co-quoted in won quote ${p.quote.id} (similarity ${p.similarity})`);
	ev.push(`coverage ${Math.round(c.coverage * 100)}%`);
	return ev;
}

function closest(cands: readonly Candidate[]): Array<{ sku: string; name: string }> {
	return cands.slice(0, 3).map((c) => ({ sku: c.item.sku, name: c.item.name }));
}

/** Builds a quote; see the module comment for the decisions and QuoteSchema for the output. */
export function buildQuote(
	request: QuoteRequest,
	index: CatalogIndex,
	configInput: QuoteConfigInput,
	context: QuoteContext,
): Quote {
	const config: QuoteConfig = QuoteConfigSchema.parse(configInput);
	const pastQuotes = context.pastQuotes ?? [];
	const retrieval = retrieveCandidates(request, index, config, pastQuotes);
	// the languages of the message: whose stop and function words its phrases may leave unread (ADR 0079)
	const languages: ReadonlySet<ReaderLanguage> | undefined = retrieval.parsed.languages
		? new Set(retrieval.parsed.languages)
		: undefined;
	const warnings: string[] = [];
	const reviewReasons: string[] = [];
	const unmatched: UnmatchedRequirement[] = [];
	let rejectedPicks = 0;

	const picks = new Map<string, LlmPick>();
	const pickReports: PickReport[] = [];
	const report = (p: LlmPick, verdict: PickVerdict) =>
		pickReports.push({
			requirement: p.requirement,
			sku: p.sku,
			qty: p.qty,
			verdict: verdict.kind,
			...(verdict.kind === 'rejected' ? { reason: verdict.reason } : {}),
		});
	for (const p of context.llmPicks ?? []) {
		if (picks.has(p.requirement)) {
			warnings.push(`LLM gave more than one pick for ${p.requirement}; the first is used`);
			report(p, {
				kind: 'rejected',
				reason: `a second pick for ${p.requirement}; the first is used`,
			});
		} else picks.set(p.requirement, p);
	}
	const known = new Set(retrieval.requirements.map((r) => r.requirement.id));
	for (const [id, p] of picks) {
		if (known.has(id)) continue;
		warnings.push(`LLM pick for unknown requirement ${id} ignored`);
		report(p, { kind: 'rejected', reason: `no requirement ${id} in the request` });
	}

	let currency = config.currency ?? null;
	const drafts: Draft[] = [];
	const ties: Array<{ text: string; otherMaker: boolean }> = [];
	const unaccounted: string[] = retrieval.parsed.leftovers.map(
		(t) => `"${t}" states a count that no line uses`,
	);
	// a part the parser could not read but that names what the catalog sells is a requirement the request
	// states: it counts in the confidence as an unmatched one (issue 15 point 1)
	let unreadStated = 0;
	for (const t of retrieval.parsed.unread) {
		const words = catalogWords(t, index, languages);
		if (words.length > 0) unreadStated += 1;
		if (words.length > 0)
			unaccounted.push(
				`"${t}" names ${words.map((w) => `"${w}"`).join(', ')}, which the catalog sells, and no line quotes it`,
			);
	}
	// a count the reader set aside and no line uses: part of the request may be missing from the quote
	const residue = residueCounts(
		retrieval.parsed,
		retrieval.requirements.map((r) => r.requirement),
	);
	for (const n of residue) unaccounted.push(`${n} is a count that no line uses`);
	// "PS: 2 more of the hoses" after the sign-off, an item in a part read as a heading: a sentence that alone
	// asks for a count of what the catalog sells, and no requirement reads it (issue 15: every product phrase
	// is bound to a line or to a reason)
	const fallen = unreadProductPhrases(
		retrieval.message.text,
		retrieval.message.signed_off ?? [],
		retrieval.requirements.map((r) => r.requirement),
		[
			...retrieval.parsed.unread,
			...retrieval.parsed.leftovers,
			...(retrieval.parsed.set_aside ?? []),
			...(retrieval.parsed.earlier ?? []),
		],
		index,
	);
	for (const f of fallen)
		unaccounted.push(
			`"${f.part.length > 100 ? `${f.part.slice(0, 99)}…` : f.part}" asks for ${f.words.map((w) => `"${w}"`).join(', ')}, which the catalog sells, and no line reads it`,
		);
	// "Without panel, we need 2 …": a part no line reads that changes an item (ADR 0044)
	const kept = new Set(retrieval.requirements.map((r) => r.requirement.id));
	const dropped = [
		...retrieval.parsed.requirements.filter((r) => !kept.has(r.id)).map((r) => r.text),
		...retrieval.parsed.unread,
	];
	for (const t of dropped) {
		const changes = itemChanges(t);
		if (changes.length > 0)
			unaccounted.push(
				`${changes.map((w) => `"${w}"`).join(', ')} in "${t}" changes an item and no line reads it`,
			);
	}
	// "same as last time, plus …": what the earlier order held is not in the text (ADR 0044)
	const earlier = retrieval.parsed.earlier ?? [];
	for (const p of earlier)
		unaccounted.push(`"${p}" refers to an earlier order; what it repeats is not in the request`);
	// "The two 3051CD on the filters are fine, leave those out": a part set aside as kept, owned or not
	// needed that states a number is for a person to confirm (ADR 0059)
	const setAside = (retrieval.parsed.set_aside ?? []).filter(statesANumber);
	for (const p of setAside)
		unaccounted.push(
			`"${p}" was read as kept, owned or not needed, not asked for; it states a number`,
		);
	// "… and a sun hat": a part read as an item that names nothing the catalog has and no count was dropped
	// as no requirement; a word in it that neither the catalog nor the reader knows may be an item the shop
	// lacks, so the quote is not the whole request (ADR 0079)
	const strange = retrieval.parsed.requirements
		.filter((r) => !kept.has(r.id))
		.map((r) => ({ text: r.text, words: strangeWords(r.text, index, languages) }))
		.filter((d) => d.words.length > 0);
	for (const d of strange)
		unaccounted.push(
			`"${d.text}" names ${d.words.map((w) => `"${w}"`).join(', ')}, a word neither the catalog nor the reader knows, and no line reads it`,
		);
	const residueStated =
		strange.length > 0 ||
		residue.length > 0 ||
		fallen.length > 0 ||
		earlier.length > 0 ||
		setAside.length > 0 ||
		dropped.some((t) => itemChanges(t).length > 0)
			? 1
			: 0;
	let unboundRequirements = 0;
	// "prosimy o ofertę na 4 x Parafilm M": the best reading below the match threshold, quoted flagged
	const weakReasons: string[] = [];
	const weakIds = new Set<string>();
	for (const r of retrieval.requirements) {
		const req = r.requirement;
		const miss = (reason: string, cands: readonly Candidate[] = r.candidates) =>
			unmatched.push({
				id: req.id,
				requirement: req.text,
				qty: req.qty,
				reason,
				closest: closest(cands),
			});
		const top = r.candidates[0];
		let chosen: Candidate | undefined = top;
		let pickedQty: number | null = null;
		const extraEvidence: string[] = [];

		const pick = picks.get(req.id);
		if (pick) {
			const verdict = judgePick(pick, r, config.min_match_score);
			report(pick, verdict);
			if (verdict.kind === 'unmatched') {
				miss(
					`the model judged no candidate fits${verdict.rationale ? `: ${verdict.rationale}` : ''}`,
				);
				continue;
			}
			if (verdict.kind === 'rejected') {
				rejectedPicks += 1;
				warnings.push(`${req.id}: ${verdict.reason}; using the retrieval ranking`);
			} else {
				chosen = r.candidates.find((x) => x.item.sku === verdict.sku) as Candidate;
				pickedQty = verdict.qty;
				extraEvidence.push(`LLM pick${verdict.rationale ? `: ${verdict.rationale}` : ''}`);
			}
		}

		if (!chosen || !top) {
			miss('no catalog item shares a word or a code with it');
			continue;
		}
		if (chosen.sku_match !== 'exact' && chosen.attributes.conflicts.length > 0) {
			const what = chosen.attributes.conflicts
				.map(
					(x) =>
						`asked ${describeAttribute(x.wanted)}, closest items have ${x.found.map((v) => describeAttribute({ ...x.wanted, value: v })).join(' / ')}`,
				)
				.join('; ');
			miss(`no item with the requested attributes (${what})`);
			continue;
		}
		const { fit, tie } = matchScore(chosen, top, r.candidates);
		// A model choosing among the candidates does not make the match less ambiguous than the ranking
		// says ("16-point input card" fits 1756-IB16 and 1756-IB16D alike): the line is never surer than
		// the top candidate would be.
		const score =
			chosen === top
				? matchScore(chosen, top, r.candidates).score
				: Math.min(
						matchScore(chosen, top, r.candidates).score,
						matchScore(top, top, r.candidates).score,
					);
		const weak = fit < config.min_match_score;
		if (weak && !weakReading(r, chosen, fit, tie, config.min_match_score)) {
			miss(`weakest acceptable match is ${config.min_match_score}, the best candidate fits ${fit}`);
			continue;
		}
		if (
			chosen.sku_match === null &&
			!namesProduct(chosen) &&
			!countsTheItemsHead(req, chosen.item)
		) {
			// "250" matches the 250 mm of an enclosure: an amount, an order number or a postcode pasted
			// into a request is not a product, however well it covers the requirement.
			miss(
				`only numbers matched (${chosen.matched_terms.join(', ')}); the request names no product or code`,
			);
			continue;
		}
		const item = chosen.item;
		if (item.unit_price <= 0) {
			miss(`${item.sku} has no price in the catalog`);
			continue;
		}
		if (currency === null) currency = item.currency;
		if (item.currency !== currency) {
			miss(`${item.sku} is priced in ${item.currency}, the quote is in ${currency}`);
			continue;
		}
		const resolved = resolveQty(req, item);
		// "300 cable glands" of an item sold in packs of 10: pieces or packs, bound from the words next to
		// the count (packs.ts); the numbers it explains ("cajas de 50") are bound
		const packs =
			pickedQty === null ? packCount(req, item, resolved.qty, chosen.sku_match === 'exact') : null;
		const unbound = unboundNumbers(req, item).filter((n) => !packs?.bound.includes(n));
		// "een Weintek cMT3072XH en een SCALANCE XB005" read as one requirement: a second code the chosen
		// item is not, even after an exact SKU match, is a product nothing quotes
		const strangers = foreignCodes(req, item);
		if (strangers.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: ${strangers.map((c) => `"${c}"`).join(', ')} in "${req.text}" is a code ${item.sku} does not have`,
			);
		}
		// an exact code names its item, however the buyer describes it; what follows a joiner may be a second
		// item the splitter kept in the requirement ("4 x FL-41025 and pressure gauges 0-250 bar")
		const joined = chosen.sku_match === 'exact' ? joinedTerms(req.text) : null;
		const otherWords = otherProductWords(r, chosen, index, languages).filter(
			(w) => joined === null || joined.has(w),
		);
		if (unbound.length > 0 || otherWords.length > 0) unboundRequirements += 1;
		if (unbound.length > 0) {
			unaccounted.push(
				`${req.id}: ${unbound.map((n) => `"${n}"`).join(', ')} in "${req.text}" is neither its count, an attribute nor part of ${item.sku}`,
			);
		}
		// "2 coils for contactor LC1D18": the container may be the product, the item only what it is for
		const containers = containerFor(req, item);
		if (containers.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: ${containers.map((w) => `"${w}"`).join(', ')} in "${req.text}" may be what is bought, for ${item.sku}; ${item.sku} is not sold so`,
			);
		}
		// "helmets with chin strap" of a "helmet without chin strap": the item lacks what is asked (ADR 0079)
		const lacks = lacksWhatIsAsked(req, item);
		if (lacks.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: "${req.text}" asks for what ${item.sku} is sold ${lacks.map((w) => `"${w}"`).join(', ')}`,
			);
		}
		// "without the control panel", "in stainless": the buyer asks for another item than the catalog's
		const changes = changedItem(req, item);
		if (changes.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: ${changes.map((w) => `"${w}"`).join(', ')} in "${req.text}" changes the item; ${item.sku} is the item as the catalog sells it`,
			);
		}
		// "50 x 31750613 insteekkoppeling recht": after the exact code, the buyer's words describe the item it names
		const described = describedAfterCode(req, chosen, index);
		const unknown = unknownWords(r, chosen, index, languages).filter((w) => !described.has(w));
		if (unknown.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: ${unknown.map((w) => `"${w}"`).join(', ')} in "${req.text}" is not a word the catalog or the reader knows; ${item.sku} is one reading`,
			);
		}
		const unsold = unsoldProductTypes(r, chosen, index, languages);
		if (unsold.length > 0) {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: ${unsold.map((w) => `"${w}"`).join(', ')} in "${req.text}" names a kind of product no catalog item is; ${item.sku} is not it`,
			);
		}
		if (otherWords.length > 0) {
			unaccounted.push(
				`${req.id}: ${otherWords.map((w) => `"${w}"`).join(', ')} in "${req.text}" names something the catalog sells that ${item.sku} is not`,
			);
		}
		// "10 metres of PROFINET cable" without a count: a length of a cable sold per metre, or one cable of
		// that fixed length? The rules do not choose for the buyer when the catalog has both.
		if (req.measure?.unit === 'm' && !req.qty_explicit && uomKind(item.uom) === 'count') {
			const perMetre = r.candidates.find(
				(c) =>
					c.item.sku !== item.sku &&
					uomKind(c.item.uom) === 'meter' &&
					c.attributes.conflicts.length === 0 &&
					namesProduct(c),
			);
			if (perMetre) {
				unboundRequirements += 1;
				unaccounted.push(
					`${req.id}: "${req.measure.text}" in "${req.text}" may be a length of ${perMetre.item.sku} (sold per ${perMetre.item.uom}) or one ${item.sku} of that length`,
				);
			}
		}
		// "2 S7-1500 with programming": the count of the item is no number of hours or days
		if (req.service_for && !resolved.measured && uomKind(item.uom) !== 'count') {
			unboundRequirements += 1;
			unaccounted.push(
				`${req.id}: "${req.text}" states no ${uomKind(item.uom) === 'meter' ? 'length' : 'hours or days'} for ${item.sku} (sold per ${item.uom})`,
			);
		}
		// "TAE buffer 50x Bio-Rad": the count read is the strength the item's name writes the same way
		const strength = countIsStrength(req, item);
		if (strength !== null)
			reviewReasons.push(
				`${req.id}: "${strength}" in "${req.text}" is the strength of ${item.sku}, not a count: a person says how many`,
			);
		// "NYM-J 3x1,5: 2 Ringe", "3 drums of H07RN-F": coils or drums of a cable sold per metre, no length
		const drums =
			uomKind(item.uom) === 'meter' && !resolved.measured ? containerCount(req.text) : null;
		if (drums !== null)
			reviewReasons.push(
				`${req.id}: "${drums}" in "${req.text}" counts coils or drums of ${item.sku}, sold per ${item.uom}, and states no length: a person says how many metres`,
			);
		let qty = resolved.qty;
		let qtyEvidence = resolved.note ? `quantity: ${resolved.note}` : null;
		if (resolved.review) reviewReasons.push(resolved.review);
		if (packs) {
			qty = packs.qty;
			if (packs.review) {
				reviewReasons.push(packs.review);
				qtyEvidence = `quantity: ${packs.review}`;
			}
		}
		if (pickedQty !== null) {
			const decided = pickQuantity(pickedQty, {
				requirement: req.id,
				qty: resolved.qty,
				uom: item.uom,
				stated: req.qty_explicit || resolved.measured,
				asWritten: req.measure ? [req.qty, req.measure.value] : [req.qty],
			});
			qty = decided.qty;
			if (decided.review) reviewReasons.push(decided.review);
			qtyEvidence = decided.evidence ?? qtyEvidence;
		}
		if (qtyEvidence) extraEvidence.push(qtyEvidence);
		if (req.multiplier)
			extraEvidence.push(`quantity × ${req.multiplier.factor} from "${req.multiplier.text}"`);
		// "2 digital output modules 16 points" fits a ControlLogix and an Axioline module alike: the rules
		// do not pick a brand for the buyer
		if (tie && chosen === top && !pick) {
			ties.push({
				text: `${req.id} fits ${item.sku} (${item.manufacturer}) and ${tie.item.sku} (${tie.item.manufacturer}) alike ("${req.text}" names neither's own words or code)`,
				otherMaker: normalizeText(item.manufacturer) !== normalizeText(tie.item.manufacturer),
			});
		}
		// "ControlLogix or CompactLogix", "DN100-DN300", "15 CV": the line is one reading of the
		// request; the reviewer is told which choice the rules made for them.
		if (req.ambiguities?.length)
			reviewReasons.push(
				`${req.id} is ambiguous (${req.ambiguities.join('; ')}): ${item.sku} is one reading`,
			);
		if (chosen.sku_match === 'exact' && chosen.attributes.conflicts.length > 0) {
			// "SDR-240-24 … 24 V 20 A", "MCN116 en courbe B": the code and the stated attribute name two
			// neighbours; the code is quoted, and a person decides which one the buyer meant
			const asked = chosen.attributes.conflicts.map((x) => describeAttribute(x.wanted)).join(', ');
			const neighbour = r.candidates.find(
				(c) =>
					c !== chosen && c.attributes.conflicts.length === 0 && c.attributes.matched.length > 0,
			);
			reviewReasons.push(
				`${req.id}: ${item.sku} was named but contradicts the requested ${asked}` +
					(neighbour ? `; ${neighbour.item.sku} (${neighbour.item.name}) has it` : ''),
			);
		}
		if (weak) {
			// the requirement stays listed unmatched, with its alternatives, for the person who confirms
			miss(
				`weakest acceptable match is ${config.min_match_score}, the best candidate fits ${fit}; quoted as ${item.sku} with low certainty`,
			);
			weakIds.add(req.id);
			weakReasons.push(
				`${req.id} ${quoted(req.text)} is read as ${item.sku} ${item.name} with low certainty (it fits ${fit}, a certain match needs ${config.min_match_score}; alternatives under unmatched_requirements)`,
			);
			extraEvidence.push(`low certainty: fits ${fit}, below ${config.min_match_score}`);
		}
		const evidence = [...candidateEvidence(chosen, r), ...extraEvidence];
		const same = drafts.find((d) => d.item.sku === item.sku);
		const stated = req.qty_explicit || resolved.measured;
		if (same && same.stated !== stated) {
			// "12 contactores LC1D18 … otro distribuidor nos deja el LC1D18 a 41 €": an item named again without
			// a count repeats it, it adds none; the count stated is quoted and a person confirms (ADR 0058)
			const kept = stated ? qty : same.qty;
			const added = Math.round((same.qty + qty) * 1000) / 1000;
			reviewReasons.push(
				`${req.id}: ${item.sku} is named ${stated ? 'with' : 'again without'} a count in ${quoted(req.text)} and ${stated ? 'without one' : 'with one'} elsewhere: quoted as ${kept}, not ${added}`,
			);
			same.qty = kept;
			same.stated = true;
			same.score = Math.min(same.score, score);
			same.requirements.push(req);
			same.certain &&= !weak;
			for (const e of evidence) if (!same.evidence.includes(e)) same.evidence.push(e);
		} else if (same) {
			if (stated)
				reviewReasons.push(
					`${req.id}: ${item.sku} is read from ${quoted(req.text)} and from ${quoted(same.requirements[0].text)}: the counts are added, ${Math.round((same.qty + qty) * 1000) / 1000}; two items may be meant`,
				);
			same.qty = Math.round((same.qty + qty) * 1000) / 1000;
			same.score = Math.min(same.score, score);
			same.requirements.push(req);
			same.certain &&= !weak;
			for (const e of evidence) if (!same.evidence.includes(e)) same.evidence.push(e);
		} else {
			drafts.push({ item, qty, score, requirements: [req], evidence, certain: !weak, stated });
		}
	}

	const quoteCurrency = currency ?? index.items[0]?.currency ?? NO_CURRENCY;
	const autoDiscountBp = percentToBasisPoints(config.auto_max_discount_pct);
	const lines: QuoteLine[] = [];
	const grosses: number[] = [];
	for (const d of drafts) {
		const { unit_price, price_break } = unitPriceFor(d.item, d.qty);
		const gross = multiplyMinorUnits(unit_price, d.qty);
		const cost = d.item.cost === undefined ? null : multiplyMinorUnits(d.item.cost, d.qty);
		const disc = lineDiscount(config, gross, cost);
		const discountMinor = Number(divideHalfEven(BigInt(gross) * BigInt(disc.basis_points), 10000n));
		const amount = gross - discountMinor;
		const in_stock = d.item.stock === null || d.item.stock >= d.qty;
		const evidence = [...d.evidence];
		if (price_break) evidence.push(`price break from ${price_break.min_qty} ${d.item.uom}`);
		if (!in_stock) {
			const short = `${d.item.sku}: ${d.qty} ${d.item.uom} requested, ${d.item.stock} in stock`;
			warnings.push(short);
			if (config.review_short_stock) reviewReasons.push(short);
		}
		if (disc.capped_by === 'max_discount') {
			warnings.push(`${d.item.sku}: discount capped at the maximum of ${config.max_discount_pct}%`);
		} else if (disc.capped_by === 'margin_floor') {
			warnings.push(
				`${d.item.sku}: discount limited to ${basisPointsToPercent(disc.basis_points)}% by the ${config.margin_floor_pct}% margin floor`,
			);
		}
		if (disc.below_floor_at_list) {
			warnings.push(
				`${d.item.sku}: margin is below the ${config.margin_floor_pct}% floor even at list price`,
			);
			reviewReasons.push(`${d.item.sku} sells below the margin floor`);
		}
		if (disc.basis_points > autoDiscountBp) {
			reviewReasons.push(
				`${d.item.sku} discount ${basisPointsToPercent(disc.basis_points)}% exceeds the auto-approval limit of ${config.auto_max_discount_pct}%`,
			);
		}
		grosses.push(gross);
		lines.push({
			sku: d.item.sku,
			name: d.item.name,
			qty: d.qty,
			uom: d.item.uom,
			unit_price,
			discount_pct: basisPointsToPercent(disc.basis_points),
			amount,
			currency: d.item.currency,
			in_stock,
			certain: d.certain,
			match: {
				score: d.score,
				requirement: d.requirements.map((q) => q.text).join(' | '),
				requirement_ids: d.requirements.map((q) => q.id),
				evidence,
			},
		});
	}

	const subtotal = sumMinorUnits(grosses);
	const total = sumMinorUnits(lines.map((l) => l.amount));
	const requirementsCount = retrieval.requirements.length;
	const pastAgreement =
		lines.length > 0
			? lines.filter((l) => coQuotedIn(l.sku, retrieval.similar) !== null).length / lines.length
			: 0;
	// confidence counts what the request states, not only what the parser made requirements of
	const conf = quoteConfidence({
		lineScores: lines.map((l) => l.match.score),
		requirements:
			requirementsCount + retrieval.parsed.leftovers.length + unreadStated + residueStated,
		unmatched:
			unmatched.length +
			retrieval.parsed.leftovers.length +
			unboundRequirements +
			unreadStated +
			residueStated,
		history: pastQuotes.length > 0,
		precedent: retrieval.similar.some((s) => s.quote.outcome === 'won'),
		pastAgreement,
		rejectedPicks,
	});

	const message = retrieval.message;
	if (!message.asks_for_quote) {
		warnings.push(`the message asks for no quote: ${message.not_request}`);
		reviewReasons.push(`nothing to quote: the message asks for no quote (${message.not_request})`);
	} else if (requirementsCount === 0) {
		warnings.push('no product requirement was recognised in the request');
		reviewReasons.push('nothing to quote: no product requirement recognised');
	} else if (lines.length === 0) {
		warnings.push('no catalog item matched the request');
		reviewReasons.push(
			'nothing to quote: no requirement matched a catalog item (closest items under unmatched_requirements)',
		);
	}
	if (lines.length > 0 && message.also_asks !== null) {
		reviewReasons.push(
			`the message also asks for something a person answers (${message.also_asks}): those sentences were not read as requirements`,
		);
	}
	if (lines.length > 0 && message.unsure_request) {
		reviewReasons.push(
			'the message asks a question and no word in it asks for a price, an offer or items: a person confirms it is a request',
		);
	}
	if (lines.length > 0 && message.read_older_unasked) {
		reviewReasons.push(
			'the request read is an older message of the thread and the newest message does not ask for a quote',
		);
	} else if (lines.length > 0 && message.read_older) {
		reviewReasons.push(
			'the request read is an older message of the thread (forwarded or quoted): a person confirms who asks and that all of it still stands',
		);
	}
	if (lines.length > 0 && message.amendment !== null) {
		reviewReasons.push(
			`the newest message amends an older request of the thread ("${message.amendment}"): the older request was read with it`,
		);
		// a change that names no one line of the older request (ADR 0062): the person applies it
		if (message.amendment_unplaced.length > 0)
			reviewReasons.push(
				`the newest message changes the older request in a way not placed on any one of its lines: ${message.amendment_unplaced.map((p) => `"${p}"`).join('; ')}`,
			);
	}
	if (lines.length > 0 && unaccounted.length > 0) {
		reviewReasons.push(`not all of the request is accounted for: ${unaccounted.join('; ')}`);
	}
	if (retrieval.clippedFrom !== null) {
		reviewReasons.push(
			`the request is ${retrieval.clippedFrom} characters long; only its first ${MAX_REQUEST_CHARS} were read`,
		);
	}
	if (message.instructions.length > 0) {
		reviewReasons.push(
			`text addressed to an AI or assistant is not a requirement and was not followed: ${message.instructions.map((t) => `"${t.length > 120 ? `${t.slice(0, 119)}…` : t}"`).join('; ')}`,
		);
	}
	const notQuoted = unmatched.filter((u) => !weakIds.has(u.id));
	if (notQuoted.length > 0 && lines.length > 0) {
		reviewReasons.push(
			`${notQuoted.length} of ${requirementsCount} requirement(s) unmatched: ${notQuoted.map((u) => u.id).join(', ')}`,
		);
	}
	if (retrieval.parsed.requested_discount_pct !== null) {
		warnings.push(
			`the buyer asks for a ${retrieval.parsed.requested_discount_pct}% discount; not applied automatically`,
		);
		reviewReasons.push(`buyer requests a ${retrieval.parsed.requested_discount_pct}% discount`);
	}
	if (rejectedPicks > 0) reviewReasons.push(`${rejectedPicks} LLM pick(s) rejected`);
	if (total > config.auto_max_total_minor) {
		reviewReasons.push(
			`total ${formatMinorUnits(total, quoteCurrency)} ${quoteCurrency} exceeds the auto-approval limit of ${formatMinorUnits(config.auto_max_total_minor, quoteCurrency)} ${quoteCurrency}`,
		);
	}
	if (lines.length > 0 && conf.confidence < config.confidence_threshold) {
		reviewReasons.push(
			`confidence ${conf.confidence} is below the threshold ${config.confidence_threshold}`,
		);
	}

	// a tie between two makers ("2 digital output modules 16 points": ControlLogix or Axioline?) is a
	// brand the buyer did not choose: a person decides; a tie within one maker lowers the score only
	for (const t of ties) (t.otherMaker ? reviewReasons : warnings).push(t.text);

	const now =
		typeof context.now === 'string'
			? DateTime.fromISO(context.now, { setZone: true })
			: DateTime.fromJSDate(context.now);
	if (!now.isValid) throw new Error(`now is not a valid date: ${String(context.now)}`);
	const validTill = now
		.setZone(config.timezone)
		.startOf('day')
		.plus({ days: config.valid_days })
		.toISODate();
	if (validTill === null) throw new Error(`timezone ${config.timezone} is not a valid IANA zone`);

	return {
		status: lines.length > 0 ? 'quoted' : 'no_quote',
		lines,
		subtotal,
		discount_total: subtotal - total,
		total,
		currency: quoteCurrency,
		valid_till: validTill,
		confidence: conf.confidence,
		route: reviewReasons.length === 0 && weakReasons.length === 0 ? 'auto' : 'review',
		// the uncertain lines first: they are what the person must look at, and the first reason is the
		// one a summary shows
		review_reasons: [...weakReasons, ...reviewReasons],
		unmatched_requirements: unmatched,
		unaccounted,
		warnings,
		...(context.llmPicks ? { llm_picks: pickReports } : {}),
	};
}

/** "50x" when the requirement's count was read from "50x" glued and the item's name writes "50x" too. */
function countIsStrength(req: Requirement, item: CatalogItem): string | null {
	const glued = new RegExp(`(?<![\\d.,])${req.qty}\\s?x(?![a-z0-9])`);
	const said = glued.exec(normalizeText(req.text));
	return said && glued.test(normalizeText(`${item.name} ${item.keywords.join(' ')}`))
		? said[0]
		: null;
}
