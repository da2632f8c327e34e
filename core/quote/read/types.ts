// The reader's output (Requirement, ParsedRequest) and the analysis of one part of a request that its
// extractors share.
import type { Attribute, Measure } from '../attributes';
import type { ReaderLanguage } from './vocabulary';

export interface QueryTerm {
	term: string;
	weight: number;
	/**
	 * Carried over from the requirement before ("… ACS580 7,5 kW and 2 of 15 kW"): it helps the ranking
	 * when an item has it, and does not count against an item that lacks it.
	 */
	context?: boolean;
	/**
	 * Terms sharing a key are alternatives ("ControlLogix or CompactLogix"): an item that has one of them
	 * matches the group.
	 */
	alternative?: string;
}

export interface Requirement {
	/** "R1", "R2", … in request order; LLM picks refer to requirements by this id. */
	id: string;
	/** The part of the request this requirement was read from. */
	text: string;
	/** The count asked for (1 when none was given); see `measure` for hours, days and metres. */
	qty: number;
	qty_explicit: boolean;
	measure: Measure | null;
	attributes: Attribute[];
	terms: QueryTerm[];
	/** Compact SKU / model-number candidates ("1756ib16", "3051"). */
	sku_hints: string[];
	/** True when the text names a product type or a code (a PLC, a card, a 1756-IB16). */
	has_head: boolean;
	/**
	 * Prose that names no product type, code, attribute, measure or count ("Looking at ControlLogix or
	 * CompactLogix"): retrieval keeps it only when most of its words are catalog words.
	 */
	prose?: boolean;
	/** What the buyer left open (alternatives, a size range, horsepower read as kW), for the reviewer. */
	ambiguities?: string[];
	/**
	 * A count of places or machines this requirement is for ("4 pumping stations. For each station …"):
	 * `qty` already includes it; hours, days and metres are multiplied by it when the item is sold so.
	 */
	multiplier?: { factor: number; text: string };
	/**
	 * Numbers of the text that are neither the count, an attribute, a measure nor part of a code ("7" of
	 * "PanelView Plus 7", "2" of "quick 1 - 3 …"): the engine binds each to the chosen item's own name or
	 * code, or sends the quote to review naming it.
	 */
	loose_numbers: string[];
	/** The loose numbers the buyer wrote as words ("AQ 4xU/I ST, four"): no number of the item's name binds them. */
	loose_number_words?: string[];
	/**
	 * A service joined to the requirement with this id ("2 wallboxes with installation"): its count is
	 * that requirement's; a service sold per hour or day gets no count from it (the quote asks a person).
	 */
	service_for?: string;
}

export interface ParsedRequest {
	requirements: Requirement[];
	/** Dropped parts that still state a count ("… and 4 of them"): nothing of the quote accounts for them. */
	leftovers: string[];
	/**
	 * Parts with no product word the parser knows ("And the installation."): the engine checks them
	 * against the catalog's words.
	 */
	unread: string[];
	/** Parts of the request that were read as not asking for a product (greetings, delivery notes). */
	ignored: string[];
	/**
	 * Sentences of business terms (delivery, address, payment, tax number, deadline, project) that name no
	 * product and state no count (read/business.ts): not requirements, their numbers are no counts.
	 */
	business?: string[];
	/**
	 * Parts set aside as no item: what is kept, owned, not needed or there now (read/installed.ts). One that
	 * states a number is for a person to confirm.
	 */
	set_aside?: string[];
	/** Parts that repeat an earlier order ("same as last time, plus …", read/earlier.ts). */
	earlier?: string[];
	/** A discount percentage the buyer asked for in the text, if any (never applied automatically). */
	requested_discount_pct: number | null;
	/** The languages the message is written in (read/language.ts): whose stop words its phrases drop. */
	languages?: ReaderLanguage[];
}
