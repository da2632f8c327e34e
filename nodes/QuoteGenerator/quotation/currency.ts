// The currency facts a Quotation is inserted with: the Company's default currency and ERPNext's own
// exchange rate (issue 13, E7), so a foreign-currency quote carries conversion_rate up front. Both reads
// only help: a user whose roles cannot read them gets undefined, and ERPNext's own lookup at insert decides.
import { ErpNextError, type ErpNextClient } from '../../../connectors/erpnext';

const companyCurrencies = new Map<string, Promise<string | undefined>>();

/**
 * The Company and Currency Exchange reads only help (a conversion_rate sent up front): a user whose roles
 * cannot read them gets undefined, and ERPNext's own lookup at insert decides.
 */
function unlessForbidden(error: unknown): undefined {
	if (error instanceof ErpNextError && error.status === 403) return undefined;
	throw error;
}

/** The Company's default currency (once per site, company and process); undefined when the Company cannot be read. */
export async function companyCurrency(
	client: ErpNextClient,
	company: string,
): Promise<string | undefined> {
	const key = `${client.baseUrl}|${company}`;
	let pending = companyCurrencies.get(key);
	if (!pending) {
		pending = client
			.listAll('Company', {
				fields: ['name', 'default_currency'],
				filters: [['name', '=', company]],
				pageSize: 1,
				limit: 1,
			})
			.then(
				(rows) =>
					typeof rows[0]?.default_currency === 'string' && rows[0].default_currency
						? rows[0].default_currency
						: undefined,
				unlessForbidden,
			);
		companyCurrencies.set(key, pending);
		pending.catch(() => companyCurrencies.delete(key));
	}
	return await pending;
}

/**
 * ERPNext's own selling rate from → to on `date`: the newest Currency Exchange record on or before it, as
 * frappe/erpnext erpnext/setup/utils.py get_exchange_rate reads it. Undefined when there is none (ERPNext
 * may still find one through its exchange-rate API; its answer decides).
 */
export async function exchangeRate(
	client: ErpNextClient,
	from: string,
	to: string,
	date: string,
): Promise<number | undefined> {
	const rows = await client
		.listAll('Currency Exchange', {
			fields: ['name', 'exchange_rate', 'date'],
			filters: [
				['from_currency', '=', from],
				['to_currency', '=', to],
				['date', '<=', date],
				['for_selling', '=', 1],
			],
			orderBy: 'date desc, name desc',
			pageSize: 1,
			limit: 1,
		})
		.then((found) => found, unlessForbidden);
	const rate = Number(rows?.[0]?.exchange_rate);
	return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}
