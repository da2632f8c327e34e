// A requirement that leaves a variant open ("10 boxes of Kimtech purple nitrile gloves" with no size; "a
// Vortex mixer" where the catalog sells the 115 V and the 230 V one): the best candidates rank alike and differ only in
// an attribute the buyer did not state. The rules do not choose the size, volume or voltage for the buyer;
// the requirement is marked ambiguous, so its line goes to a person (ADR 0054).
import { DIM_LABEL, type AttributeDim } from './attributes';
import type { Requirement } from './requirements';
import type { Candidate, CatalogIndex } from './retrieval';

/** Candidates within this share of the best score rank alike. */
const ALIKE = 0.97;

/** The attribute dimensions in which the tied candidates differ and that the requirement does not state. */
export function openVariant(
	requirement: Requirement,
	candidates: readonly Candidate[],
	index: CatalogIndex,
): string | null {
	const usable = candidates.filter((c) => c.attributes.conflicts.length === 0);
	const top = usable[0];
	if (!top || top.sku_match === 'exact' || top.score <= 0) return null;
	const alike = usable.filter(
		(c) =>
			c.score >= top.score * ALIKE &&
			c.coverage >= top.coverage - 0.01 &&
			c.item.manufacturer === top.item.manufacturer,
	);
	if (alike.length < 2) return null;
	const stated = new Set<AttributeDim>(requirement.attributes.map((a) => a.dim));
	const valuesOf = (c: Candidate, dim: AttributeDim) =>
		index.attributes[c.doc]
			.filter((a) => a.dim === dim)
			.map((a) => a.value)
			.sort((a, b) => a - b)
			.join('/');
	const open: AttributeDim[] = [];
	for (const a of index.attributes[top.doc]) {
		if (stated.has(a.dim) || open.includes(a.dim)) continue;
		if (alike.some((c) => valuesOf(c, a.dim) !== valuesOf(top, a.dim))) open.push(a.dim);
	}
	if (open.length === 0) return null;
	return `the ${open.map((d) => DIM_LABEL[d]).join(' and ')} is not stated and the catalog sells ${alike.length} alike: ${alike
		.map((c) => c.item.sku)
		.join(', ')}`;
}
