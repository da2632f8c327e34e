// Finds the Quotation a quote already has: the idempotency key (core/markers.ts `quotationMarker`, from
// the inputs, never the quote), every Quotation holding it or a successor, and which key a new one must
// carry. Across processes ERPNext is the lock: the second insert of a key is refused with
// UniqueValidationError (417, frappe/model/base_document.py db_insert → show_unique_validation_message),
// read as "exists". A key whose Quotation was cancelled moves on to `<key>-2`, `-3` …, the same for every
// process. Within one process, two items with the same key wait for each other.
import { ErpNextError, type ErpNextClient } from '../../../connectors/erpnext';
import { quotationMarker } from '../../../core/markers';

export interface QuotationTarget {
	/** Whom the quote is for; with `quotationTo` unset also the Quotation's quotation_to and party_name. */
	partyType: 'Lead' | 'Customer' | 'CRM Deal';
	party: string;
	/**
	 * The Quotation's own party when it differs from the one the key is made of (a CRM Deal's quote made
	 * to the deal's ERPNext Customer): the key stays the deal's, so a replay finds it either way.
	 */
	quotationTo?: { partyType: 'Customer' | 'CRM Deal'; party: string };
	/** More fields of the Quotation (e.g. Frappe CRM's `crm_deal` link). */
	linkFields?: Record<string, string>;
	company: string;
	requestText: string;
	/** The user's own key (option), else one derived from the quote. */
	userKey?: string;
}

/**
 * The key that identifies one quote for one party (core/markers.ts `quotationMarker`): the inputs, never
 * the quote itself; a user-given key (e.g. the inbound message id) replaces the derivation.
 */
export function idempotencyKey(target: QuotationTarget): string {
	return quotationMarker(target, target.userKey);
}

export interface ExistingQuotation {
	name: string;
	docstatus: number;
	route: string;
}

export interface KeyHolder extends ExistingQuotation {
	key: string;
}

/** How many cancelled Quotations of one quote are stepped over (`<key>-2` … `<key>-20`). */
const MAX_KEY_GENERATIONS = 20;

/** Every Quotation holding `key` or one of its successors (`<key>-2` …), oldest first. */
export async function keyHolders(client: ErpNextClient, key: string): Promise<KeyHolder[]> {
	const rows = await client.listAll('Quotation', {
		fields: ['name', 'docstatus', 'custom_ai_route', 'custom_ai_idempotency_key'],
		filters: [['custom_ai_idempotency_key', 'like', `${key}%`]],
		orderBy: 'creation asc, name asc',
		pageSize: 100,
		limit: 100,
	});
	return rows.flatMap((row) =>
		typeof row.name === 'string' && typeof row.custom_ai_idempotency_key === 'string'
			? [
					{
						name: row.name,
						docstatus: Number(row.docstatus ?? 0),
						route: String(row.custom_ai_route ?? ''),
						key: row.custom_ai_idempotency_key,
					},
				]
			: [],
	);
}

/**
 * The live Quotation of `key`, or the key a new one must carry: `key` itself, or after a cancelled
 * Quotation (which keeps its key, and the UNIQUE index with it) the next of `<key>-2`, `<key>-3` ….
 * Every process derives the same next key, so the index still lets only one of them insert it.
 */
export function resolveKey(
	key: string,
	holders: ReadonlyArray<KeyHolder>,
): { key: string; existing?: ExistingQuotation } {
	for (let n = 1; n <= MAX_KEY_GENERATIONS; n++) {
		const candidate = n === 1 ? key : `${key}-${n}`;
		const held = holders.filter((h) => h.key.toLowerCase() === candidate.toLowerCase());
		const live = held.find((h) => h.docstatus < 2);
		if (live)
			return {
				key: candidate,
				existing: { name: live.name, docstatus: live.docstatus, route: live.route },
			};
		if (held.length === 0) return { key: candidate };
	}
	throw new Error(
		`Idempotency key ${key}: ${MAX_KEY_GENERATIONS} Quotations of this quote were cancelled; give the quote a new key (option "Idempotency Key") to make another one`,
	);
}

/** ERPNext's refusal of a second row with the same value in a unique column (or of the same name). */
export function isDuplicate(error: unknown): boolean {
	return (
		error instanceof ErpNextError &&
		((error.status === 417 && error.code === 'UniqueValidationError') ||
			(error.status === 409 && error.code === 'DuplicateEntryError'))
	);
}

// Two items of one execution with the same key wait for each other instead of both inserting.
const inFlight = new Map<string, Promise<unknown>>();

export async function exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = inFlight.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(work);
	inFlight.set(key, mine);
	try {
		return await mine;
	} finally {
		if (inFlight.get(key) === mine) inFlight.delete(key);
	}
}
