// Mautic reads for the editor and for reports: the API user (the credential test), one email with its
// counters, the emails, text messages, campaigns and segments a dropdown offers (one page at a time or
// all of them, in name order), and the raw stats tables (`email_stats`: one row per send).
import { z } from 'zod/v4';

import type { QueryValue } from '../http';
import { TotalSchema, anyBody, requireId, whereParams } from './api';
import type { MauticApi, PageOptions, WhereClause } from './api';
import { mauticDbTime } from './dates';
import { CatalogEntrySchema, EmailSchema, StatRowSchema, UserSchema, keyedList } from './schemas';
import type { MauticCatalogEntry, MauticEmail, MauticUser, StatRow } from './schemas';

/**
 * The lists the editor's dropdowns offer (issue 16): standard entity routes GET /api/{path}, answered by
 * FetchCommonApiController::getEntitiesAction as `{total, <key>}` (ListApiController names segments
 * `lists`); mautic/mautic 5.x commit 24271492a838.
 */
export const MAUTIC_CATALOGS = {
	emails: { path: 'emails', key: 'emails' },
	smses: { path: 'smses', key: 'smses' },
	campaigns: { path: 'campaigns', key: 'campaigns' },
	segments: { path: 'segments', key: 'lists' },
} as const;
export type MauticCatalog = keyof typeof MAUTIC_CATALOGS;

export interface CatalogOptions {
	/** Mautic's list search: a LIKE on the entity's name (and subject, description or alias). */
	search?: string;
	/** Only published rows (`published=1`: isPublished = true; publish-up/down dates are not checked). */
	publishedOnly?: boolean;
}

export interface CatalogPage {
	items: MauticCatalogEntry[];
	total: number;
	/** `start` of the next page, when there is one. */
	nextStart?: number;
}

export interface StatsOptions extends PageOptions {
	where?: readonly WhereClause[];
	order?: ReadonlyArray<{ col: string; dir: 'ASC' | 'DESC' }>;
}

export interface EmailStatsOptions extends PageOptions {
	contactId?: number;
	emailId?: number;
	/** Only sends on or after this instant (`date_sent >= …`); sent as UTC database time (dates.ts). */
	sentSince?: Date;
}

/** Name order as Mautic's default collation gives it (case- and accent-insensitive), then id. */
function byName(items: readonly MauticCatalogEntry[]): MauticCatalogEntry[] {
	return [...items].sort(
		(a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id,
	);
}

/** The API user the credential acts as (the credential test call). */
export async function whoAmI(api: MauticApi): Promise<MauticUser> {
	const { body } = await api.call({ method: 'GET', url: api.apiUrl('users/self') }, anyBody);
	const user =
		body && typeof body === 'object' && 'user' in body ? (body as { user: unknown }).user : body;
	return api.parse(user, UserSchema, { method: 'GET', url: api.apiUrl('users/self') }, 200);
}

/** An email with its counters (sentCount, readCount, …). */
export async function getEmail(api: MauticApi, emailId: number): Promise<MauticEmail> {
	const { body } = await api.call(
		{ method: 'GET', url: api.apiUrl(`emails/${requireId(emailId, 'emailId')}`) },
		z.object({ email: EmailSchema }),
	);
	return body.email;
}

function catalogQuery(options: CatalogOptions): Record<string, QueryValue> {
	const search = options.search?.trim();
	return {
		...(search ? { search } : {}),
		// FetchCommonApiController::addAliasIfNotPresent prefixes each column and
		// CommonRepository::buildOrderByClause orders by each with the one direction: name, then id
		// so that equal names keep their place from page to page.
		orderBy: 'name,id',
		orderByDir: 'ASC',
		// `minimal=1` swaps the entity's Details serializer group for its List group: no HTML bodies.
		minimal: 1,
		...(options.publishedOnly ? { published: 1 } : {}),
	};
}

/**
 * One page of emails, text messages, campaigns or segments by name (what an editor dropdown shows
 * at a time), with Mautic's total. The list arrives keyed by id, which JSON parsing reorders by id,
 * so the page is put back in name order.
 */
export async function catalogPage(
	api: MauticApi,
	catalog: MauticCatalog,
	options: CatalogOptions & { start?: number; limit?: number } = {},
): Promise<CatalogPage> {
	const { path, key } = MAUTIC_CATALOGS[catalog];
	const start = options.start ?? 0;
	const limit = api.checkPageSize(options.limit ?? api.pageSize);
	if (!Number.isInteger(start) || start < 0)
		throw new RangeError(`start must be a whole number, got ${start}`);
	const { body } = await api.call(
		{
			method: 'GET',
			url: api.apiUrl(path),
			qs: { ...catalogQuery(options), start, limit },
		},
		TotalSchema.extend({
			[key]: keyedList(CatalogEntrySchema).optional(),
		}) as unknown as z.ZodType<
			{ total?: number } & Record<string, MauticCatalogEntry[] | undefined>
		>,
	);
	const items = byName((body[key] as MauticCatalogEntry[] | undefined) ?? []);
	const total = body.total ?? start + items.length;
	const next = start + items.length;
	return { items, total, ...(items.length > 0 && next < total ? { nextStart: next } : {}) };
}

/** Every email, text message, campaign or segment (filtered as asked) by name, page by page. */
export function listCatalog(
	api: MauticApi,
	catalog: MauticCatalog,
	options: CatalogOptions & PageOptions = {},
): AsyncGenerator<MauticCatalogEntry> {
	const { path, key } = MAUTIC_CATALOGS[catalog];
	return api.paginate(path, key, CatalogEntrySchema, {
		pageSize: options.pageSize,
		limit: options.limit,
		qs: catalogQuery(options),
		keyOf: (entry) => String(entry.id),
		sortPage: byName,
	});
}

/** Rows of a raw stats table (`email_stats`, `page_hits`, …), paged with start/limit/total. */
export function statsTable(
	api: MauticApi,
	table: string,
	options: StatsOptions = {},
): AsyncGenerator<StatRow> {
	if (!/^[a-z0-9_]+$/i.test(table)) throw new RangeError(`not a stats table name: ${table}`);
	const order: Record<string, QueryValue> = {};
	(options.order ?? []).forEach((o, i) => {
		order[`order[${i}][col]`] = o.col;
		order[`order[${i}][dir]`] = o.dir;
	});
	return api.paginate(`stats/${table}`, 'stats', StatRowSchema, {
		pageSize: options.pageSize,
		limit: options.limit,
		qs: { ...whereParams(options.where), ...order },
		keyOf: (row) => (row.id === undefined || row.id === null ? undefined : String(row.id)),
		// mautic/mautic 5.1.0 StatsApiController::listAction answers 200 {availableTables, tableColumns}
		// for a table no subscriber serves to this user: say so instead of yielding nothing.
		missing: (body) => {
			const available = Array.isArray(body.availableTables)
				? body.availableTables.map(String).join(', ')
				: 'none listed';
			return api.error({
				status: 200,
				code: 'stats_table_unavailable',
				message: `Mautic does not serve the stats table ${table} to this API user (available: ${available})`,
				request: { method: 'GET', url: api.apiUrl(`stats/${table}`) },
			});
		},
	});
}

/** `email_stats` rows (one per send: is_read, open_count, date_read, …), newest first. */
export function emailStats(
	api: MauticApi,
	options: EmailStatsOptions = {},
): AsyncGenerator<StatRow> {
	const where: WhereClause[] = [];
	if (options.contactId !== undefined)
		where.push({ col: 'lead_id', expr: 'eq', val: requireId(options.contactId, 'contactId') });
	if (options.emailId !== undefined)
		where.push({ col: 'email_id', expr: 'eq', val: requireId(options.emailId, 'emailId') });
	if (options.sentSince !== undefined)
		where.push({ col: 'date_sent', expr: 'gte', val: mauticDbTime(options.sentSince) });
	return statsTable(api, 'email_stats', {
		where,
		order: [
			{ col: 'date_sent', dir: 'DESC' },
			{ col: 'id', dir: 'DESC' },
		],
		pageSize: options.pageSize,
		limit: options.limit,
	});
}
