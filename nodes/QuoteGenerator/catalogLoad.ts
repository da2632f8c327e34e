// Where the Quote Generator's catalog comes from: InvenTree or ERPNext through the catalog connectors
// (with the retrieval index built once per load and kept in the per-process TTL cache), or the input
// items themselves (catalogRows.ts, never cached: they belong to one execution). Past ERPNext
// Quotations, when asked for, are loaded and cached the same way.
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	loadErpNextCatalog,
	loadErpNextPastQuotes,
	loadInvenTreeCatalog,
	type CatalogWarning,
} from '../../connectors/catalog';
import { ErpNextClient } from '../../connectors/erpnext';
import { InvenTreeClient } from '../../connectors/inventree';
import {
	buildCatalogIndex,
	type CatalogIndex,
	type CatalogItem,
	type PastQuote,
} from '../../core/quote';
import { TtlCache, fingerprint } from './catalogCache';

/** `catalog`: rows given on the node (Catalog Text or a file), see catalogParameter.ts. */
export type CatalogSource = 'inventree' | 'erpnext' | 'inputItems' | 'catalog';

export interface QuoteCatalog {
	source: CatalogSource;
	items: readonly CatalogItem[];
	index: CatalogIndex;
	/** What the loader dropped, rounded or skipped (never fatal). */
	warnings: string[];
	cached: boolean;
	/** ISO time (cache clock) at which the catalog was loaded. */
	loadedAt: string;
}

interface CatalogValue {
	items: CatalogItem[];
	index: CatalogIndex;
	warnings: string[];
}

/** Field with which the node stores the buyer's request on a Quotation (so past quotes can be compared). */
export const REQUEST_FIELD = 'custom_ai_request';

// Per process, bounded; see catalogCache.ts for why this is safe in queue mode.
const catalogs = new TtlCache<CatalogValue>(8);
const pastQuoteSets = new TtlCache<PastQuote[]>(8);

export interface ErpNextCredentials {
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
	/** The credential's Propose Only switch (core/approvals/proposeOnly.ts). */
	proposeOnly?: boolean;
}

export function erpNextClient(ctx: IExecuteFunctions, creds: ErpNextCredentials): ErpNextClient {
	return ErpNextClient.forNode(ctx, creds);
}

function describe(warning: CatalogWarning): string {
	return `${warning.source} ${warning.ref}: ${warning.message}`;
}

function indexed(items: CatalogItem[], warnings: string[]): CatalogValue {
	return { items, index: buildCatalogIndex(items), warnings };
}

export interface SourceSettings {
	inventreeCategories: number[];
	priceList: string;
	itemGroup: string;
	stockFromBins: boolean;
	currency?: string;
	/** ISO date the ERPNext prices must be valid on. */
	today: string;
}

export interface CacheSettings {
	ttlMs: number;
	nowMs: number;
}

/** Loads (or takes from the cache) the InvenTree or ERPNext catalog with its retrieval index. */
export async function loadSourceCatalog(
	ctx: IExecuteFunctions,
	source: 'inventree' | 'erpnext',
	settings: SourceSettings,
	cache: CacheSettings,
	erpCreds?: ErpNextCredentials,
): Promise<QuoteCatalog> {
	let hit;
	if (source === 'inventree') {
		const creds = await ctx.getCredentials<{ baseUrl: string; apiToken: string }>(
			'leadToCloseInvenTreeApi',
		);
		const options = {
			categoryIds: settings.inventreeCategories,
			...(settings.currency ? { currency: settings.currency } : {}),
		};
		const key = JSON.stringify([
			'inventree',
			creds.baseUrl.replace(/\/+$/, ''),
			fingerprint(creds.apiToken),
			options,
		]);
		hit = await catalogs.getOrLoad(key, cache.ttlMs, cache.nowMs, async () => {
			const client = InvenTreeClient.forNode(ctx, creds);
			const loaded = await loadInvenTreeCatalog(client, options);
			return indexed(loaded.items, loaded.warnings.map(describe));
		});
	} else {
		if (!erpCreds) throw new Error('The ERPNext catalog needs a Lead-to-Close ERPNext credential');
		const options = {
			priceList: settings.priceList,
			...(settings.itemGroup ? { itemGroup: settings.itemGroup } : {}),
			...(settings.currency ? { currency: settings.currency } : {}),
			stock: settings.stockFromBins ? ('bins' as const) : ('untracked' as const),
			today: settings.today,
		};
		const key = JSON.stringify([
			'erpnext',
			erpCreds.baseUrl.replace(/\/+$/, ''),
			fingerprint(erpCreds.apiKey, erpCreds.apiSecret),
			options,
		]);
		hit = await catalogs.getOrLoad(key, cache.ttlMs, cache.nowMs, async () => {
			const loaded = await loadErpNextCatalog(erpNextClient(ctx, erpCreds), options);
			return indexed(loaded.items, loaded.warnings.map(describe));
		});
	}
	return {
		source,
		...hit.value,
		cached: hit.cached,
		loadedAt: new Date(hit.loadedAt).toISOString(),
	};
}

/** A catalog built from rows already read (input items); never cached. */
export function catalogFromItems(
	items: CatalogItem[],
	warnings: string[],
	nowMs: number,
): QuoteCatalog {
	return {
		source: 'inputItems',
		...indexed(items, warnings),
		cached: false,
		loadedAt: new Date(nowMs).toISOString(),
	};
}

/** Won and lost ERPNext Quotations for co-quote boosting (cached like the catalog). */
export async function loadPastQuotes(
	ctx: IExecuteFunctions,
	erpCreds: ErpNextCredentials,
	since: string | undefined,
	cache: CacheSettings,
): Promise<PastQuote[]> {
	const key = JSON.stringify([
		'pastQuotes',
		erpCreds.baseUrl.replace(/\/+$/, ''),
		fingerprint(erpCreds.apiKey, erpCreds.apiSecret),
		since ?? null,
	]);
	const hit = await pastQuoteSets.getOrLoad(key, cache.ttlMs, cache.nowMs, async () => {
		const loaded = await loadErpNextPastQuotes(erpNextClient(ctx, erpCreds), {
			since,
			requestField: REQUEST_FIELD,
			limit: 2000,
		});
		return loaded.quotes;
	});
	return hit.value;
}

/** Empties the per-process caches (tests). */
export function clearCatalogCaches(): void {
	catalogs.clear();
	pastQuoteSets.clear();
}
