// Splits a buyer's free-text request into requirements, each with a quantity, numeric attributes, query
// terms and SKU hints. Decides:
// - Where one requirement ends: new lines, ";", bullets and sentences always split; commas, "and"/"und"/
//   "y"/"et", "+" and "&" split only when the next part starts with a quantity ("…, 3 HMIs") or when both
//   parts name a product type ("PLC, HMI and VFD"), so "VFD, 55 kW, 400 V" stays one requirement.
// - The quantity: "x3", "3x", "qty: 3", "3 pcs/Stk/uds", a number leading the requirement ("30 Rosemount
//   3051", "two 16-point cards", "a dozen"), "(3)" at the end; otherwise 1. A measure (40 hours, 3 days,
//   100 m) is kept apart: it becomes the quantity only if the chosen item is sold per hour/day/metre.
//   Numbers that belong to an attribute ("16" of "16-point") or a model ("3051") are never quantities.
// - What is not a requirement: greetings, sign-offs and sentences without a product word ("Thanks,",
//   "Please send your best price") are ignored. A discount the buyer asks for is reported, not applied.
// - Words after a purpose marker ("for the boiler house", "für Linie 3") weigh less than the product words.
// - Lead enquiries are prose. A budget ("Budget ca. 250.000 EUR", read by core/qualify's budget reader), a
//   timing ("Umsetzung im Sommer 2027", its timeline reader), a greeting or company context ("we run a
//   bottling line in Toledo") is not a requirement unless the same part names a product. Installed
//   equipment ("Current PLC is an SLC 500 that's end-of-life") is not asked for; what replaces it is ("die
//   bestehende S5-Steuerung soll durch eine S7-1500 ersetzt werden" asks for an S7-1500, a PLC). Filler
//   words of the buyers' languages are dropped, and in a long sentence words far from the product words
//   only help the ranking (they do not count against an item), so the product terms are not diluted.
// - Ambiguity is kept, not resolved: "ControlLogix or CompactLogix" becomes one requirement whose terms
//   are alternatives, a range ("DN100-DN300", "90 à 250 kW") accepts any size in it, horsepower is read
//   as the nearest motor size in kW; each is listed in `ambiguities` for the reviewer.
// This module is the order of the reading (parseRequest); each job is a named extractor of core/quote/read/
// (issue 17): vocabulary (per language), tables, asides (discount, budget, timing, "instead of"),
// fragments, installed, analysis (one part: count.ts, quantity.ts, terms.ts), context (carried family,
// ellipsis, service or accessory per item, multipliers), words (request, prose and product-type words).
import { forEachWithoutCount, readMultipliers } from './multipliers';
import { analyze, contentTerms, type Analysis } from './read/analysis';
import { normalizeText } from './tokenize';
import { languagesOf } from './read/language';
import { blankBudgetAndTiming, blankReplaced, readDiscount } from './read/asides';
import { countOfSentenceAfter, countOfThose } from './read/backReference';
import { blankBusiness } from './read/business';
import { earlierOrderPhrases } from './read/earlier';
import {
	carriesFamily,
	carryFamily,
	carryListHeading,
	carryToEllipsis,
	countServiceFor,
	isElliptical,
	multiply,
	namesOwnFamily,
} from './read/context';
import { fragments, SERVICES } from './read/fragments';
import {
	blankKept,
	installedBase,
	onlySaysNotNeeded,
	opensClause,
	setAsideAsNoItem,
} from './read/installed';
import { blankLabels } from './read/labels';
import { blankNegated } from './read/negation';
import { blankReferences, isReferenceOnly } from './read/references';
import { blankSignature } from './read/signature';
import { blankSmallTalk } from './read/smallTalk';
import { blankSubject } from './read/subject';
import { rewriteTables } from './read/tables';
import { readUncertainCounts } from './read/uncertainCounts';
import { opensEachWith, readEachCounts } from './read/distributive';
import { perGroupCount } from './read/perGroup';
import type { ParsedRequest, QueryTerm, Requirement } from './read/types';

export type { ParsedRequest, QueryTerm, Requirement } from './read/types';
export { isProseWord } from './read/words';

const overlaps = (spans: ReadonlyArray<[number, number]>, start: number, end: number) =>
	spans.some(([s, e]) => start < e && end > s);

/** Reads a free-text request into requirements (see the rules at the top of this module). */
export function parseRequest(request: string): ParsedRequest {
	// the languages the whole message is written in: a phrase's stop words are those of the message (ADR 0079)
	const languages = languagesOf(normalizeText(request));
	// the subject line is the request's title ("Subject: … drives and flowmeters")
	const { text: untitled, subjects } = blankSubject(request);
	const { pct: requested_discount_pct, rest: withTerms } = readDiscount(
		blankReplaced(
			blankSignature(blankLabels(blankReferences(blankSmallTalk(rewriteTables(untitled))))),
		),
	);
	// delivery, payment, tax number, deadline and project sentences that name no product (ADR 0044)
	// what is kept, already owned or left out ("die bleiben drin", "we already have the switches")
	const { text: unkept, kept } = blankKept(withTerms);
	const { text: rest, business } = blankBusiness(unkept);
	const earlier = earlierOrderPhrases(rest);
	const { text: unmultiplied, spans: timing } = blankBudgetAndTiming(rest);
	const { text: unnegated, asides } = blankNegated(unmultiplied);
	const { text: unranged, counts: uncertain } = readUncertainCounts(unnegated);
	const { text: fixed, counts: eachCounts } = readEachCounts(unranged);
	const { text, multipliers, totals } = readMultipliers(fixed);
	const frags = fragments(text);
	const merged: Array<{
		start: number;
		end: number;
		a: Analysis;
		carry: string[];
		family?: QueryTerm[];
		service?: boolean;
	}> = [];
	// the brand, family or product type a list heading names, for the items of its list
	let listFamily: QueryTerm[] | null = null;
	const ignored: string[] = [...subjects, ...kept];
	const setAside: string[] = [...kept];
	const unread: string[] = [];
	let signedOff = false;
	let pending: { start: number } | null = null;
	// something was left out since the last requirement began: what follows does not continue it
	let gap = false;
	const reanalyze = (m: { start: number; end: number; a: Analysis; carry: string[] }) => {
		m.a = analyze(text.slice(m.start, m.end), m.carry, rest.slice(m.start, m.end), languages);
	};
	for (const f of frags) {
		// "la centrifugeuse Sorvall ST 8, pas besoin": a part after a comma that only says "not needed" sets
		// aside the item the part just before it named
		const before = merged[merged.length - 1];
		if (
			!pending &&
			f.weak &&
			before &&
			/^[\s,]*$/.test(text.slice(before.end, f.start)) &&
			onlySaysNotNeeded(text.slice(f.start, f.end))
		) {
			merged.pop();
			ignored.push(rest.slice(before.start, f.end).trim());
			setAside.push(rest.slice(before.start, f.end).trim());
			gap = true;
			continue;
		}
		let start: number = pending ? pending.start : f.start;
		let carry: string[] = [];
		const base = isReferenceOnly(text.slice(start, f.end))
			? 'ignore'
			: installedBase(text.slice(start, f.end));
		if (base === 'ignore') {
			ignored.push(rest.slice(start, f.end).trim());
			if (setAsideAsNoItem(text.slice(start, f.end)))
				setAside.push(rest.slice(start, f.end).trim());
			pending = null;
			gap = true;
			continue;
		}
		if (base) {
			start += base.from;
			carry = base.carry;
		}
		if (f.service) {
			// the service word is prose elsewhere ("the installation is done by our staff"), here it is asked
			const said = text.slice(start, f.end).trim();
			const concept = SERVICES.find(([re]) => re.test(said))?.[1];
			if (concept) carry = [...carry, concept];
		}
		const a = analyze(text.slice(start, f.end), carry, rest.slice(start, f.end), languages);
		pending = null;
		if (!f.listItem) listFamily = null;

		if (f.heading && a.qty === null && a.measure === null && contentTerms(a) > 0) {
			// "Beckhoff EtherCAT I/O for the new skid: 4 x 8-channel input terminals, 2 x …": the heading
			// asks for nothing itself; its words name the family of every item of the list
			listFamily = a.terms.filter((t) => t.weight === 1 && !t.term.includes(':'));
			for (const h of a.sku_hints)
				if (!listFamily.some((t) => t.term === h)) listFamily.push({ term: h, weight: 1 });
			ignored.push(a.text);
			gap = true;
			continue;
		}
		// "Thanks again for sorting the delivery last month" before anything is asked thanks for something
		// past; it signs nothing off
		const thanksFor =
			!merged.some((m) => m.a.qty !== null || m.a.has_head) &&
			a.text.trim().split(/\s+/).length > 4;
		if (a.signOff && !a.has_head && a.qty === null && !thanksFor) signedOff = true;
		if (signedOff && !a.has_head) {
			ignored.push(a.text);
			continue;
		}
		if (!a.anchored && overlaps(timing, start, f.end)) {
			// what is left of a budget or timing sentence ("Budget is around … including install")
			ignored.push(rest.slice(start, f.end).trim());
			gap = true;
			continue;
		}
		const last = merged[merged.length - 1];
		if (/:\s*$/.test(a.text) && !a.namesProductWords && a.qty === null) {
			// a heading that introduces a list ("For the Line 4 retrofit we'd like pricing on:")
			ignored.push(a.text);
			continue;
		}
		// "Does the 1756-IB16 work with 24 V sensors? If so, please send a price for 4 of them": a sentence
		// that names no product gives its count to the one product named before, which had none (prose
		// such as "Jeśli tak" between them names nothing)
		const named = merged.filter((m) => m.a.anchored || m.a.qty !== null);
		const target = named.length === 1 && named[0].a.qty === null ? named[0] : null;
		const back =
			target && target.a.namesProduct && !gap && !a.anchored && a.measure === null
				? countOfSentenceAfter(a.text)
				: null;
		if (target && back !== null) {
			// right after it, the sentence is read as part of it, as any count without a product is
			if (target === last) {
				last.end = f.end;
				reanalyze(last);
			} else ignored.push(a.text);
			target.a.qty ??= back;
			continue;
		}
		const elliptical = isElliptical(a);
		if (contentTerms(a) === 0 && !elliptical) {
			if (last && !gap && (!f.newLine || a.qty !== null || a.measure !== null)) {
				last.end = f.end;
				reanalyze(last);
			} else if (a.qty !== null) {
				pending = { start };
			} else {
				ignored.push(a.text);
				// as read: without the group counts and markers of a multiplier ("2 identical machines")
				unread.push(text.slice(start, f.end).replace(/\s+/g, ' ').trim());
			}
			continue;
		}
		// "SPS-Programmierung, geschätzt 40 Stunden", "Buskabel violett, Meterware – 200 m": a length or a time
		// set off by a comma, naming no product, after a named item with no count or measure of its own is its
		if (
			last &&
			!gap &&
			f.weak &&
			!f.listItem &&
			a.measure !== null &&
			a.qty === null &&
			!a.has_head &&
			a.sku_hints.length === 0 &&
			(last.a.has_head || last.a.sku_hints.length > 0) &&
			last.a.qty === null &&
			last.a.measure === null
		) {
			last.end = f.end;
			reanalyze(last);
			continue;
		}
		if (last && !gap && f.weak && !f.listItem && isSpecificationOf(a, last.a)) {
			last.end = f.end;
			reanalyze(last);
			continue;
		}
		if (
			last &&
			!gap &&
			f.weak &&
			!f.listItem &&
			!f.service &&
			!opensClause(a.text) &&
			!a.startsWithQuantity &&
			!elliptical &&
			!(a.has_head && last.a.has_head) &&
			// "kabelgoot … x 15, installatiebuis PVC 20 mm x 40": each part has a count of its own
			!(a.qty !== null && last.a.qty !== null) &&
			!eachCounts.some((x) => start >= x.listFrom && start < x.end)
		) {
			last.end = f.end;
			reanalyze(last);
			continue;
		}
		merged.push({
			start,
			end: f.end,
			a,
			carry,
			...(listFamily ? { family: listFamily } : {}),
			...(f.service ? { service: true } : {}),
		});
		gap = false;
	}
	const requirements: Requirement[] = [];
	const leftovers: string[] = [];
	if (pending) leftovers.push(rest.slice(pending.start).trim());
	let previousImplied = new Set<string>();
	for (const { a, start, end, family, service } of merged) {
		if (a.terms.length === 0 && a.sku_hints.length === 0) {
			ignored.push(a.text);
			if (a.qty !== null) leftovers.push(a.text);
			continue;
		}
		const previous = requirements[requirements.length - 1];
		// "2 wallboxes of 22 kW with installation and 1 of 11 kW": an ellipsis after a service is of the
		// item the service is for
		// and "6 vortex meters, DN80, one per boiler feed line, and 2 DN100": of the nearest product named,
		// past a part that names none: no product type, no code or model ("OBO T60"), no attribute (a sibling
		// ellipsis: "c) 100–1000 µL single channel"), no family carried to it (ADR 0068)
		const names = (r: Requirement) =>
			r.has_head ||
			r.sku_hints.length > 0 ||
			r.attributes.length > 0 ||
			r.terms.some(
				(t) =>
					t.context === true ||
					(!t.term.includes(':') && /\d/.test(t.term) && /[a-z]/.test(t.term)),
			);
		const elided = previous?.service_for
			? (requirements.find((r) => r.id === previous.service_for) ?? previous)
			: previous && !names(previous)
				? ([...requirements].reverse().find(names) ?? previous)
				: previous;
		if (elided && !a.namesProduct && a.attributes.length > 0 && a.words <= 1 && !namesOwnFamily(a))
			carryToEllipsis(a, elided, previousImplied);
		else if (previous && carriesFamily(a, previous)) carryFamily(a, previous, previousImplied);
		if (family) carryListHeading(a, family);
		previousImplied = new Set(a.implied);
		// "4 bottles each of A and B": B states no count of its own, it is A's
		const each = eachCounts.find((x) => start >= x.start && start < x.end);
		if (each && a.qty === null) a.qty = each.count;
		// "Stratix 5700 switch – we need three of these": a count that points back to the product
		if (a.qty === null && a.measure === null) a.qty = countOfThose(a.text);
		const requirement: Requirement = {
			id: `R${requirements.length + 1}`,
			text: a.text,
			qty: a.qty ?? 1,
			qty_explicit: a.qty !== null,
			measure: a.measure,
			attributes: a.attributes,
			terms: a.terms,
			sku_hints: a.sku_hints,
			has_head: a.has_head,
			loose_numbers: a.loose,
			...(a.looseWords.length > 0 ? { loose_number_words: a.looseWords } : {}),
		};
		if (
			previous &&
			a.measure === null &&
			((service && a.qty === null) || (opensEachWith(a.text) && !a.leadingCount))
		)
			countServiceFor(requirement, previous);
		else
			multiply(
				requirement,
				a.qty,
				multipliers.find((x) => start >= x.start && start < x.end),
				overlaps(totals, start, end),
			);
		countPerGroup(requirement, a, rest);
		if (!a.anchored && a.qty === null) requirement.prose = true;
		// "a memory card for each CPU" where no count of the CPUs was read: not one card, a person says how many
		const perNoun =
			requirement.multiplier || requirement.qty > 1 ? null : forEachWithoutCount(a.text);
		if (perNoun) a.ambiguities.push(`"${perNoun}" names no count of what it is for`);
		// a count the buyer left open ("approx. 20 bags", "between 10 and 15 boxes"), its own or that of the
		// groups it is multiplied by ("approx. 12 offices, each gets …")
		for (const n of asides) if (n.start < end && n.end > start) a.ambiguities.push(n.why);
		for (const u of uncertain)
			if (
				(u.start < end && u.end > start) ||
				(requirement.multiplier?.factor === u.value && u.start < end)
			)
				a.ambiguities.push(u.why);
		if (a.ambiguities.length > 0) requirement.ambiguities = a.ambiguities;
		requirements.push(requirement);
	}
	return {
		requirements,
		leftovers,
		unread,
		ignored,
		...(business.length > 0 ? { business } : {}),
		...(earlier.length > 0 ? { earlier } : {}),
		...(setAside.length > 0 ? { set_aside: setAside } : {}),
		requested_discount_pct,
		languages: [...languages],
	};
}

/**
 * "Emergency exit signs: 3 per floor, building has 5 floors": the count for each group times the one count
 * of the groups the request names (read/perGroup.ts); when it names none or another count stands beside,
 * a person says how many.
 */
function countPerGroup(requirement: Requirement, a: Analysis, request: string): void {
	const g = perGroupCount(a.text, request);
	if (!g) return;
	const loose = requirement.loose_numbers.map((n) => String(Number(n)));
	if (requirement.multiplier) {
		// the groups were read as a multiplier ("5 floors / per floor") and the count for each left loose
		if (a.qty !== null || !loose.includes(g.each)) return;
		requirement.qty = Number(g.each) * requirement.multiplier.factor;
		requirement.qty_explicit = true;
		requirement.loose_numbers = requirement.loose_numbers.filter(
			(n) => String(Number(n)) !== g.each,
		);
		return;
	}
	if (g.why !== null || g.total === null) {
		a.ambiguities.push(g.why ?? `"${g.phrase}" is a count per group`);
		return;
	}
	// the count read is the total, the groups or the count for each ("12 … in total (4 per site)" with 3
	// sites); another ("12 … (5 per site)") disagrees
	if (a.qty !== null && ![g.total, Number(g.groups), Number(g.each)].includes(a.qty)) {
		a.ambiguities.push(
			`"${g.phrase}" for ${g.groups} gives ${g.total}, the request states ${a.qty}: a person says how many`,
		);
		return;
	}
	requirement.qty = g.total;
	requirement.qty_explicit = true;
	requirement.multiplier = { factor: Number(g.groups), text: g.phrase };
	const used = new Set([g.each, g.groups]);
	requirement.loose_numbers = requirement.loose_numbers.filter((n) => !used.has(String(Number(n))));
}

/**
 * "Axioline F modules, 16 digital inputs", "Kleinverteiler Hager Volta, 3-reihig", "switch, 16-portowy",
 * "freezer box 2\", 81 places": a part set off by a comma that opens with a rating, has no count nor code of
 * its own and names at most one word beside the rating specifies the item named before it.
 */
function isSpecificationOf(a: Analysis, named: Analysis): boolean {
	const first = a.attributes[0];
	return (
		first !== undefined &&
		(named.has_head || named.sku_hints.length > 0) &&
		a.qty === null &&
		!a.leadingCount &&
		a.measure === null &&
		a.sku_hints.length === 0 &&
		a.words <= 1 &&
		normalizeText(a.text)
			.replace(/^[\s,;:–—-]+/, '')
			.startsWith(first.text)
	);
}
