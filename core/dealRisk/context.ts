// What every deal-risk detector needs about one assessment, worked out once: the stage's thresholds,
// `now` and "today" in the site's calendar, and how to read ERPNext timestamps. Keeping it in one
// place lets each detector stay a small function and keeps the hot path free of zone lookups.
import { DAY_MS, dateOfDay, instantOf, zoneOffsetMs } from './erpDates';
import type { DealSnapshot, RiskConfig, StageThresholds } from './schemas';

export interface DealContext {
	deal: DealSnapshot;
	config: RiskConfig;
	stageName: string;
	stage: StageThresholds;
	nowMs: number;
	offsetMs: number;
	/** Today's day number in the site's calendar. */
	today: number;
	/** How the deal's party is named in sentences. */
	party: string;
	/** Epoch ms of each Communication's `date`, index-aligned with `deal.communications`. */
	commMs: number[];
	/** Epoch ms of each Event's `starts_on`, index-aligned with `deal.events`. */
	eventMs: number[];
}

export function buildContext(deal: DealSnapshot, config: RiskConfig, now: Date): DealContext {
	const nowMs = now.getTime();
	const offsetMs = zoneOffsetMs(config.timeZone, nowMs);
	const stageName = deal.sales_stage ?? '';
	const commMs = new Array<number>(deal.communications.length);
	for (let i = 0; i < commMs.length; i++)
		commMs[i] = instantOf(deal.communications[i].date, offsetMs);
	const eventMs = new Array<number>(deal.events.length);
	for (let i = 0; i < eventMs.length; i++)
		eventMs[i] = instantOf(deal.events[i].starts_on, offsetMs);
	return {
		deal,
		config,
		stageName,
		stage: config.stages[stageName] ?? config.defaultStage,
		nowMs,
		offsetMs,
		today: Math.floor((nowMs + offsetMs) / DAY_MS),
		party: deal.customer_name || deal.party_name,
		commMs,
		eventMs,
	};
}

/** Epoch ms of an ERPNext datetime in this assessment's site zone. */
export function instant(ctx: DealContext, value: string): number {
	return instantOf(value, ctx.offsetMs);
}

/** Whole days elapsed from `ms` to now. */
export function daysSince(ctx: DealContext, ms: number): number {
	return Math.floor((ctx.nowMs - ms) / DAY_MS);
}

/** The site-calendar date (`YYYY-MM-DD`) of an instant, for evidence sentences. */
export function localDate(ctx: DealContext, ms: number): string {
	return dateOfDay(Math.floor((ms + ctx.offsetMs) / DAY_MS));
}

/** How the stage is named in sentences. */
export function stageLabel(ctx: DealContext): string {
	return ctx.stageName === '' ? 'a deal without a sales stage' : ctx.stageName;
}
