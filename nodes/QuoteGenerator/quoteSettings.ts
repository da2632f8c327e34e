// Reads the Quote Generator's node-wide parameters once per execution: the reference date and the cache
// clock, the catalog source settings, and the commercial policy as core/quote's QuoteConfig (validated
// by its zod schema, so a bad value is refused with the parameter's name before any item runs).
import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { MoneyError, isIsoCurrency, toMinorUnits } from '../../core/money';
import { QuoteConfigSchema, type QuoteConfig } from '../../core/quote';
import { movedParameter } from '../shared/movedOption';
import { dateParameter } from '../shared/clock';
import type { PriceNotation } from './catalogRows';
import type { CatalogSource, SourceSettings } from './catalogLoad';

export interface QuoteSettings {
	source: CatalogSource;
	pricesIn: PriceNotation;
	now: Date;
	/** Calendar date of `now` in the configured zone (Quotation date, ERPNext price validity). */
	today: string;
	cacheTtlMs: number;
	cacheNowMs: number;
	currency?: string;
	sourceSettings: SourceSettings;
	options: IDataObject;
}

/** How long a loaded catalog is kept when the node does not say: a quoted price is at most this old. */
export const DEFAULT_CATALOG_TTL_SECONDS = 300;

function categoryIds(ctx: IExecuteFunctions, text: string): number[] {
	const parts = text.split(/[\s,;]+/).filter(Boolean);
	const ids = parts.map(Number);
	const bad = parts.find((p, i) => !Number.isInteger(ids[i]) || ids[i] < 0);
	if (bad !== undefined)
		throw new NodeOperationError(
			ctx.getNode(),
			`Category IDs must be whole numbers separated by commas, got ${JSON.stringify(bad)}`,
		);
	return ids;
}

export function readSettings(ctx: IExecuteFunctions): QuoteSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const source = ctx.getNodeParameter('catalogSource', 0, 'inventree') as CatalogSource;
	const now =
		dateParameter(ctx, movedParameter(ctx, 'referenceDate', 0), 'Reference Date') ?? new Date();
	const timezone = String(options.timezone ?? 'UTC') || 'UTC';
	const local = DateTime.fromJSDate(now).setZone(timezone);
	if (!local.isValid)
		throw new NodeOperationError(
			ctx.getNode(),
			`Time Zone must be an IANA zone such as Europe/Berlin, got ${JSON.stringify(timezone)}`,
		);
	const cacheClock = dateParameter(ctx, options.cacheClock, 'Cache Clock');
	// Not set: 5 minutes, the stated bound on how old a quoted price can be (issue 15 point 7).
	const ttlSeconds = Number(options.cacheTtlSeconds ?? DEFAULT_CATALOG_TTL_SECONDS);
	if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0)
		throw new NodeOperationError(
			ctx.getNode(),
			`Cache Catalog For must be 0 or more seconds, got ${String(options.cacheTtlSeconds)}`,
		);
	const currency =
		typeof options.currency === 'string' && options.currency.trim()
			? options.currency.trim().toUpperCase()
			: undefined;
	if (currency !== undefined && !isIsoCurrency(currency)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Quote Currency must be an ISO 4217 code such as EUR, got ${JSON.stringify(options.currency)}`,
		);
	}
	const today = local.toISODate() as string;
	return {
		source,
		pricesIn: (source === 'inputItems' || source === 'catalog'
			? ctx.getNodeParameter('pricesIn', 0, 'major')
			: 'major') as PriceNotation,
		now,
		today,
		cacheTtlMs: Math.round(ttlSeconds * 1000),
		cacheNowMs: (cacheClock ?? new Date()).getTime(),
		currency,
		sourceSettings: {
			inventreeCategories:
				source === 'inventree'
					? categoryIds(ctx, String(ctx.getNodeParameter('inventreeCategories', 0, '')))
					: [],
			priceList:
				source === 'erpnext'
					? String(ctx.getNodeParameter('priceList', 0, 'Standard Selling')).trim()
					: '',
			itemGroup:
				source === 'erpnext' ? String(ctx.getNodeParameter('itemGroup', 0, '')).trim() : '',
			stockFromBins:
				source === 'erpnext' ? (ctx.getNodeParameter('stockFromBins', 0, false) as boolean) : false,
			currency,
			today,
		},
		options,
	};
}

/**
 * The quote policy. `limitCurrency` is the currency the "Auto-Approve Up To" amount is read in (the quote
 * currency when configured, else the catalog's first item's), converted to minor units exactly.
 */
export function buildConfig(
	ctx: IExecuteFunctions,
	settings: QuoteSettings,
	limitCurrency: string,
): QuoteConfig {
	const o = settings.options;
	const autoMaxTotal = ctx.getNodeParameter('autoMaxTotal', 0, 50000) as number;
	let autoMaxMinor: number;
	try {
		autoMaxMinor = Math.max(
			1,
			toMinorUnits(String(autoMaxTotal), limitCurrency, { rounding: 'half-even' }),
		);
	} catch (error) {
		const why = error instanceof MoneyError ? error.message : String(error);
		throw new NodeOperationError(
			ctx.getNode(),
			`Auto-Approve Up To (Total) must be an amount, got ${JSON.stringify(autoMaxTotal)}: ${why}`,
		);
	}
	const raw = {
		...(settings.currency ? { currency: settings.currency } : {}),
		confidence_threshold: ctx.getNodeParameter('confidenceThreshold', 0, 0.85) as number,
		auto_max_total_minor: autoMaxMinor,
		candidates_per_requirement: o.candidatesPerRequirement ?? 5,
		min_match_score: o.minMatchScore ?? 0.5,
		valid_days: o.validDays ?? 30,
		timezone: (o.timezone as string) || 'UTC',
		discount_pct: o.discountPct ?? 0,
		max_discount_pct: o.maxDiscountPct ?? 15,
		margin_floor_pct: o.marginFloorPct ?? 15,
		auto_max_discount_pct: o.autoMaxDiscountPct ?? 10,
		review_short_stock: o.reviewShortStock ?? false,
	};
	const parsed = QuoteConfigSchema.safeParse(raw);
	if (!parsed.success) {
		const problems = parsed.error.issues.map(
			(i) =>
				`${i.path.join('.')}: ${i.message} (got ${JSON.stringify((raw as Record<string, unknown>)[String(i.path[0])])})`,
		);
		throw new NodeOperationError(ctx.getNode(), `Invalid quote settings: ${problems.join('; ')}`);
	}
	return parsed.data;
}
