// The named extractors that complete a requirement from its neighbours (parseRequest calls them in order):
// ellipsis, family carried on, list heading, service or accessory counted per item, group multipliers.
import type { Multiplier } from '../multipliers';
import type { Analysis } from './analysis';
import type { QueryTerm, Requirement } from './types';
import { isHead } from './words';

/**
 * An elliptical follow-up names a count and an attribute but no product of its own ("and 5 of 0,75 kW",
 * "DN100 x 1", "4 DQ 8x24VDC"): it refers to the product of the requirement before it.
 */
export function isElliptical(a: Analysis): boolean {
	// "… en één van 2,2 kW", "et une de 4 kW": a word for one counts as the leading count
	// ("5 m." after an item is its length, not an item)
	const counted = a.leadingCount || (a.startsWithQuantity && a.measure === null);
	return !a.has_head && a.attributes.length > 0 && counted && a.words <= 1;
}

/** Weight of a family carried to a later requirement: enough to break a tie, never to outrank its own words. */
export const FAMILY_WEIGHT = 0.1;
// a service is no member of the hardware family named before ("2 Quintix 224-1S balances and 2 balance
// calibrations": the calibration is not a Quintix)
export const SERVICE_HEADS = new Set([
	'programming',
	'commissioning',
	'training',
	'engineering',
	'support',
	'calibration',
	'installation',
	'inspection',
	'maintenance',
]);

/** A hardware product named without a code of its own, after a requirement that named a code. */
export function carriesFamily(a: Analysis, previous: Requirement): boolean {
	const family =
		previous.sku_hints.length > 0 ||
		previous.terms.some((t) => t.context && t.weight === FAMILY_WEIGHT);
	if (!a.has_head || a.sku_hints.length > 0 || !family) return false;
	const heads = a.terms.filter((t) => t.weight === 1 && isHead(t.term)).map((t) => t.term);
	const service = a.terms.some((t) => t.weight === 1 && SERVICE_HEADS.has(t.term));
	return heads.length > 0 && !heads.some((h) => SERVICE_HEADS.has(h)) && !service;
}

// The named extractors that complete a requirement from its neighbours (parseRequest calls them in order).

/**
 * The family words of the requirement before (not its product type, not what its abbreviations implied,
 * not its attributes) that `a` lacks, as context terms of `weight`; `carried` also takes the words that
 * were carried to the requirement before.
 */
function carryFamilyWords(
	a: Analysis,
	previous: Requirement,
	previousImplied: Set<string>,
	weight: number,
	carried: boolean,
): void {
	const own = new Set(a.terms.map((t) => t.term));
	for (const t of previous.terms) {
		const family = t.weight >= 0.5 || (carried && t.weight === FAMILY_WEIGHT);
		if (!family || t.term.includes(':') || own.has(t.term)) continue;
		if (isHead(t.term) || previousImplied.has(t.term)) continue;
		a.terms.push({ term: t.term, weight, context: true });
	}
}

/**
 * An elliptical follow-up ("… 7,5 kW and 1 of 15 kW", "DN50 x 3 and DN100 x 1", "4 DQ 8x24VDC ST" after
 * an ET 200SP line) names only attributes: the family words of the requirement before it become context
 * terms.
 */
export function carryToEllipsis(
	a: Analysis,
	previous: Requirement,
	previousImplied: Set<string>,
): void {
	carryFamilyWords(a, previous, previousImplied, 0.5, false);
}

/**
 * "S7-1500 CPU 1515, 2 DI 16 cards and a 24 MB memory card": a product named without brand or code after
 * one that named them is read in that family first (context: an item of another family is not penalised,
 * it only ranks below). A family carried to the requirement before is carried on ("…, 3 analog cards and
 * 2 output cards").
 */
export function carryFamily(
	a: Analysis,
	previous: Requirement,
	previousImplied: Set<string>,
): void {
	carryFamilyWords(a, previous, previousImplied, FAMILY_WEIGHT, true);
}

/**
 * "2 Stück Promag W DN25" after a Cerabar line names a family of its own (a word of four letters or more
 * that is not implied by an abbreviation), so it is no ellipsis of the line before; "… ST", "… BA" are.
 */
export function namesOwnFamily(a: Analysis): boolean {
	return a.terms.some(
		(t) =>
			t.weight === 1 &&
			!t.context &&
			!t.term.includes(':') &&
			!a.implied.includes(t.term) &&
			/^[a-z]{4,}$/.test(t.term),
	);
}

/** A list heading's family ("Beckhoff EtherCAT I/O: …"): context that ranks it first, never against. */
export function carryListHeading(a: Analysis, family: readonly QueryTerm[]): void {
	const own = new Set(a.terms.map((t) => t.term));
	for (const t of family)
		if (!own.has(t.term)) a.terms.push({ term: t.term, weight: 0.5, context: true });
}

/**
 * "2 wallboxes with installation": one service for each item it comes with (the item's count, multiplier
 * included), and what the service is for ranks that product's service first ("wallbox installation").
 */
export function countServiceFor(requirement: Requirement, previous: Requirement): void {
	requirement.qty = previous.qty;
	requirement.qty_explicit = previous.qty_explicit;
	requirement.service_for = previous.id;
	const own = new Set(requirement.terms.map((t) => t.term));
	for (const t of previous.terms)
		if (t.weight === 1 && isHead(t.term) && !own.has(t.term))
			requirement.terms.push({ term: t.term, weight: FAMILY_WEIGHT, context: true });
}

/**
 * The count of places or machines the requirement is for ("for each of the 4 stations", "3 cabinets in
 * total"), unless the requirement has a count of its own where only an implicit one is multiplied ("for 6
 * tanks") or its count already is the total ("2 de chaque par armoire" … 6, or it says so: "12 … in total
 * (4 per site)", `ownIsTotal`).
 */
export function multiply(
	requirement: Requirement,
	own: number | null,
	mu: Multiplier | undefined,
	ownIsTotal = false,
): void {
	if (
		!mu ||
		(own !== null && ownIsTotal) ||
		(mu.onlyImplicit && own !== null) ||
		(mu.perGroupCount !== null && own === mu.perGroupCount * mu.factor)
	)
		return;
	requirement.qty = (own ?? 1) * mu.factor;
	requirement.qty_explicit = true;
	requirement.multiplier = { factor: mu.factor, text: mu.text };
}
