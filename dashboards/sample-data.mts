// Deterministic sample data: a seeded simulation of weeks of lead-to-close traffic, as the package's
// nodes would record it (core/metrics events), for demos and for the dashboard tests. Same seed and
// end instant → byte-identical events. The simulation follows the pipeline: web/email leads arrive in
// business hours, the AI qualifies them (some go to human review, answered on Slack with realistic
// delays, some still pending at the end), qualified leads get a catalog-grounded quote (auto-approved
// when confident and small, reviewed otherwise), quotes are emailed, followed up by SMS or handed to a
// sales rep for a call, Mautic reports opens, a daily watch raises deal-risk signals, and deals close
// won or lost. Nurture leads run a follow-up sequence (day 0, 2, 5, 7, 14). Service errors and retries
// (Anthropic 529, InvenTree 503, ERPNext 417, Mautic 429) appear at low rates. The share of leads sent
// to review falls week by week, as it would while a team tunes thresholds.
//
// CLI: npx tsx dashboards/sample-data.mts [--weeks 4] [--seed 42] [--end 2026-11-20T16:00:00Z] [--format sql|json]
import { pathToFileURL } from 'node:url';

import { makeEvent, toRows, type MetricEvent, type MetricEventInput } from '../core/metrics/index';
import { METRIC_EVENT_COLUMNS } from '../core/metrics/rows';

export const SAMPLE_END = '2026-11-20T16:00:00.000Z';
export const SAMPLE_SEED = 42;

export interface SampleOptions {
	/** Last instant of the simulation ("now"); nothing later is emitted. */
	end?: string;
	weeks?: number;
	seed?: number;
	/** Mean leads on a weekday; weekends get a quarter of it. */
	leadsPerWeekday?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WORKFLOWS = {
	intake: 'Lead intake & qualification',
	quote: 'Quote generation',
	outreach: 'Quote follow-up',
	sequence: 'Nurture sequence',
	engagement: 'Engagement sync (Mautic)',
	risk: 'Deal risk watch',
	close: 'Deal close sync (ERPNext)',
} as const;

/** mulberry32: small, fast, good enough for simulation, and the same on every platform. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The identifying part of an event that a helper completes with step, actor and the rest. */
type EventBase = Pick<MetricEventInput, 'workflow' | 'execution_id'> & Partial<MetricEventInput>;

interface Deal {
	lead_ref: string;
	deal_ref: string;
	quote_ref: string;
	quotedAt: number;
	validTill: number;
	repliedAt: number | undefined;
	closedAt: number | undefined;
	amount: number;
	currency: string;
}

class Simulation {
	private readonly random: () => number;
	private readonly events: MetricEvent[] = [];
	private execution = 48_200;
	private leadSeq = 0;
	private quoteSeq = 0;
	private dealSeq = 0;

	constructor(
		seed: number,
		private readonly start: number,
		private readonly end: number,
		private readonly leadsPerWeekday: number,
	) {
		this.random = prng(seed);
	}

	run(): MetricEvent[] {
		for (let day = this.start; day < this.end; day += DAY) {
			this.simulateDay(day);
		}
		const byTime = (a: MetricEvent, b: MetricEvent): number =>
			a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0;
		return this.events.sort(byTime); // stable: same-instant events keep the order they happened in

	}

	// ---- randomness -------------------------------------------------------------------------------
	private uniform(min: number, max: number): number {
		return min + (max - min) * this.random();
	}
	private int(min: number, max: number): number {
		return Math.floor(this.uniform(min, max + 1));
	}
	private chance(p: number): boolean {
		return this.random() < p;
	}
	private pick<T>(choices: ReadonlyArray<readonly [T, number]>): T {
		const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
		let roll = this.random() * total;
		for (const [value, weight] of choices) {
			roll -= weight;
			if (roll < 0) return value;
		}
		return choices[choices.length - 1][0];
	}
	/** Log-normal delay with the given median (ms) and spread (sigma of the log). */
	private delay(median: number, sigma = 0.8): number {
		const gauss = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
		return Math.round(median * Math.exp(sigma * gauss));
	}
	/** How long a person takes to answer a review: usually within the hour, sometimes days (it got buried). */
	private reviewDelay(median: number): number {
		return this.chance(0.12) ? this.delay(30 * HOUR, 0.7) : this.delay(median, 1);
	}
	/** Beta-ish score in 0..100 centred on `centre`. */
	private score(centre: number): number {
		const s = (this.random() + this.random() + this.random()) / 3;
		return Math.round(Math.min(100, Math.max(0, centre + (s - 0.5) * 110)) * 10) / 10;
	}

	// ---- time -------------------------------------------------------------------------------------
	private static isWeekend(t: number): boolean {
		const day = new Date(t).getUTCDay();
		return day === 0 || day === 6;
	}
	/** Moves an instant into the next business window (Mon–Fri 08:00–18:00 UTC) if outside it. */
	private businessTime(t: number): number {
		let at = t;
		for (let guard = 0; guard < 8; guard++) {
			const date = new Date(at);
			const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
			const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
			if (Simulation.isWeekend(at)) at = midnight + DAY + 8 * HOUR + this.int(0, 50) * MINUTE;
			else if (hour < 8) at = midnight + 8 * HOUR + this.int(0, 50) * MINUTE;
			else if (hour >= 18) at = midnight + DAY + 8 * HOUR + this.int(0, 50) * MINUTE;
			else return at;
		}
		return at;
	}

	// ---- ids --------------------------------------------------------------------------------------
	private nextExecution(): string {
		this.execution += this.int(1, 4);
		return String(this.execution);
	}
	private static ref(prefix: string, n: number): string {
		return `${prefix}-2026-${String(n).padStart(5, '0')}`;
	}

	private emit(at: number, input: MetricEventInput): MetricEvent | undefined {
		if (at > this.end) return undefined;
		const event = makeEvent({ ...input, occurred_at: new Date(at).toISOString() }, new Date(at));
		this.events.push(event);
		return event;
	}

	/** An Anthropic/InvenTree/ERPNext/Mautic call that failed and was retried (action, no decision). */
	private maybeRetry(at: number, base: MetricEventInput, service: string, p: number): number {
		if (!this.chance(p)) return at;
		const messages: Record<string, string> = {
			anthropic: 'HTTP 529 overloaded_error: Overloaded',
			inventree: 'HTTP 503 Service Unavailable (InvenTree /api/part/)',
			erpnext: 'HTTP 417 TimestampMismatchError: Document has been modified after you have opened it',
			mautic: 'HTTP 429 Too Many Requests (Mautic /api/emails/send)',
		};
		this.emit(at, {
			...base,
			actor: 'system',
			decision: null,
			outcome: 'retry',
			service,
			error: messages[service] ?? 'request failed',
			duration_ms: this.int(200, 3000),
		});
		return at + this.int(1, 8) * 1000;
	}

	// ---- the pipeline -----------------------------------------------------------------------------
	private simulateDay(dayStart: number): void {
		const weekend = Simulation.isWeekend(dayStart);
		const week = Math.floor((dayStart - this.start) / (7 * DAY));
		const mean = weekend ? this.leadsPerWeekday / 4 : this.leadsPerWeekday;
		const leads = Math.max(0, Math.round(mean * this.uniform(0.7, 1.3)));
		for (let i = 0; i < leads; i++) {
			const hour = weekend ? this.uniform(9, 17) : this.pick([[this.uniform(7, 10), 3], [this.uniform(10, 15), 5], [this.uniform(15, 19), 3], [this.uniform(19, 23), 1]] as const);
			this.simulateLead(dayStart + Math.round(hour * HOUR), week);
		}
		this.simulateRiskWatch(dayStart + 6 * HOUR);
	}

	private readonly openDeals: Deal[] = [];

	private simulateLead(arrival: number, week: number): void {
		this.leadSeq += 1;
		const lead_ref = Simulation.ref('CRM-LEAD', this.leadSeq);
		const execution_id = this.nextExecution();
		const base = { workflow: WORKFLOWS.intake, execution_id, lead_ref } as const;
		let t = arrival;
		this.emit(t, {
			...base,
			step: 'lead_intake',
			actor: 'system',
			outcome: 'created',
			channel: this.pick([['web', 55], ['email', 25], ['chat', 10], ['referral', 10]] as const),
			service: 'erpnext',
			duration_ms: this.int(180, 1200),
		});
		t += this.int(2, 9) * 1000;
		t = this.maybeRetry(t, { ...base, step: 'qualify', actor: 'system' }, 'anthropic', 0.04);

		const tokensIn = this.int(1400, 2600);
		const tokensOut = this.int(180, 420);
		const quality = this.pick([[72, 4], [50, 4], [25, 2]] as const);
		const score = this.score(quality);
		const reviewBias = Math.max(0, 0.2 - 0.03 * week);
		const confidence = Math.round(Math.min(0.99, Math.max(0.3, this.uniform(0.55, 1) - (this.chance(reviewBias) ? 0.25 : 0))) * 100) / 100;
		let decision: string = confidence < 0.62 ? 'review' : score >= 65 ? 'qualified' : score < 35 ? 'disqualified' : 'nurture';
		const failed = this.chance(0.01);
		const qualify = this.emit(t, {
			...base,
			step: 'qualify',
			actor: 'ai',
			decision: failed ? null : decision,
			outcome: failed ? 'error' : 'scored',
			score: failed ? null : score,
			confidence: failed ? null : confidence,
			service: 'anthropic',
			tokens_in: tokensIn,
			tokens_out: failed ? 0 : tokensOut,
			cost_usd: (tokensIn * 3 + (failed ? 0 : tokensOut) * 15) / 1e6,
			duration_ms: this.int(1800, 7000),
			error: failed ? 'HTTP 500 api_error: Internal server error' : null,
		});
		if (!qualify) return;
		if (failed) {
			// The node falls back to a person when the model call fails for good.
			decision = 'review';
			this.emit(t + 500, { ...base, step: 'qualify', actor: 'system', decision: 'review', outcome: 'fallback' });
		}

		if (decision === 'review') {
			const requested = t;
			if (this.chance(0.05)) {
				this.emit(requested + DAY, { ...base, step: 'qualify', actor: 'system', decision: 'timeout', outcome: 'timeout', duration_ms: DAY, channel: 'slack' });
				decision = 'nurture';
				t = requested + DAY;
			} else {
				const answered = this.businessTime(requested + this.reviewDelay(40 * MINUTE));
				const approved = this.chance(0.65);
				const human = this.emit(answered, {
					...base,
					step: 'qualify',
					actor: 'human',
					decision: approved ? 'approve' : 'decline',
					outcome: approved ? 'approved' : 'declined',
					channel: 'slack',
					duration_ms: answered - requested,
				});
				if (!human) return; // still waiting in the review queue at the end
				decision = approved ? 'qualified' : 'disqualified';
				t = answered;
			}
		}

		if (decision === 'qualified') this.simulateQuote(lead_ref, t + this.delay(12 * MINUTE, 0.6), week);
		else if (decision === 'nurture') this.simulateSequence(lead_ref, t + this.delay(45 * MINUTE, 0.5));
	}

	private simulateQuote(lead_ref: string, start: number, week: number): void {
		this.quoteSeq += 1;
		this.dealSeq += 1;
		const quote_ref = Simulation.ref('SAL-QTN', this.quoteSeq);
		const deal_ref = Simulation.ref('CRM-OPP', this.dealSeq);
		const execution_id = this.nextExecution();
		const base = { workflow: WORKFLOWS.quote, execution_id, lead_ref, deal_ref, quote_ref } as const;
		let t = start;
		t = this.maybeRetry(t, { ...base, step: 'quote', actor: 'system' }, 'inventree', 0.03);
		this.emit(t, { ...base, step: 'quote', actor: 'system', outcome: 'catalog_matched', service: 'inventree', duration_ms: this.int(150, 900) });
		t += this.int(1, 3) * 1000;

		const currency = this.pick([['EUR', 60], ['USD', 40]] as const);
		// Minor units: most quotes 2,400–40,000, a tail up to ~180,000 (log-uniform), whole currency units.
		const amount = Math.round(Math.exp(this.uniform(Math.log(2_400), Math.log(180_000)))) * 100;
		const confidence = Math.round((0.5 + 0.49 * Math.sqrt(this.random())) * 100) / 100;
		const reject = this.chance(0.06);
		const autoLimit = 50_000_00 + week * 5_000_00;
		const decision = reject ? 'reject' : confidence >= 0.75 && amount < autoLimit ? 'approve' : 'review';
		const generation = this.int(6000, 45000);
		const tokensIn = this.int(3000, 7000);
		const tokensOut = this.int(600, 1500);
		t += generation;
		if (!this.emit(t, {
			...base,
			step: 'quote',
			actor: 'ai',
			decision,
			outcome: reject ? 'no_catalog_match' : 'drafted',
			confidence,
			amount,
			currency,
			service: 'anthropic',
			tokens_in: tokensIn,
			tokens_out: tokensOut,
			cost_usd: (tokensIn * 3 + tokensOut * 15) / 1e6,
			duration_ms: generation,
		})) return;
		if (reject) return;

		if (decision === 'review') {
			const answered = this.businessTime(t + this.reviewDelay(75 * MINUTE));
			const approved = this.chance(0.85);
			if (!this.emit(answered, {
				...base,
				step: 'quote',
				actor: 'human',
				decision: approved ? 'approve' : 'decline',
				outcome: approved ? 'approved' : 'declined',
				amount,
				currency,
				channel: 'slack',
				duration_ms: answered - t,
			})) return;
			if (!approved) return;
			t = answered;
		}

		t += this.int(1, 4) * 1000;
		t = this.maybeRetry(t, { ...base, step: 'quote', actor: 'system' }, 'erpnext', 0.03);
		if (!this.emit(t, { ...base, step: 'quote', actor: 'system', outcome: 'created', service: 'erpnext', amount, currency, duration_ms: this.int(300, 1500) })) return;

		const deal: Deal = { lead_ref, deal_ref, quote_ref, quotedAt: t, validTill: t + 30 * DAY, repliedAt: undefined, closedAt: undefined, amount, currency };
		this.openDeals.push(deal);
		this.simulateQuoteFollowUp(deal, t + this.int(1, 5) * MINUTE);
	}

	private sendMessage(at: number, base: EventBase, channel: 'email' | 'sms', deferable: boolean): number | undefined {
		let t = at;
		if (deferable && channel === 'email' && this.chance(0.12)) {
			this.emit(t, { ...base, step: 'outreach', actor: 'system', decision: 'defer', outcome: 'quiet_hours', channel });
			t = this.businessTime(t + 10 * HOUR);
		}
		if (!this.emit(t, { ...base, step: 'outreach', actor: 'system', decision: 'send', outcome: 'approved', channel })) return undefined;
		t += this.int(1, 4) * 1000;
		t = this.maybeRetry(t, { ...base, step: 'outreach', actor: 'system' }, 'mautic', 0.02);
		if (!this.emit(t, { ...base, step: 'outreach', actor: 'system', outcome: 'sent', channel, service: channel === 'email' ? 'mautic' : 'twilio', duration_ms: this.int(250, 1600) })) return undefined;
		return t;
	}

	private engagement(sentAt: number, lead_ref: string, refs: Partial<MetricEventInput>, openRate: number, replyRate: number): number | undefined {
		if (!this.chance(openRate)) return undefined;
		const opened = sentAt + this.delay(3 * HOUR, 1.1);
		const base = { ...refs, workflow: WORKFLOWS.engagement, execution_id: this.nextExecution(), lead_ref, step: 'engagement', actor: 'system', channel: 'email', service: 'mautic' } as const;
		this.emit(opened, { ...base, outcome: 'opened' });
		if (this.chance(0.3)) this.emit(opened + this.delay(4 * MINUTE), { ...base, outcome: 'clicked' });
		if (!this.chance(replyRate)) return undefined;
		const replied = opened + this.delay(5 * HOUR);
		return this.emit(replied, { ...base, outcome: 'replied' }) ? replied : undefined;
	}

	private simulateQuoteFollowUp(deal: Deal, at: number): void {
		const base = { workflow: WORKFLOWS.outreach, execution_id: this.nextExecution(), lead_ref: deal.lead_ref, deal_ref: deal.deal_ref, quote_ref: deal.quote_ref } as const;
		const sent = this.sendMessage(at, base, 'email', true);
		if (sent === undefined) return;
		deal.repliedAt = this.engagement(sent, deal.lead_ref, { deal_ref: deal.deal_ref, quote_ref: deal.quote_ref }, 0.62, 0.3);
		const followUp = sent + 2 * DAY + this.int(0, 120) * MINUTE;
		if (deal.repliedAt === undefined || deal.repliedAt > followUp) {
			const next = { ...base, execution_id: this.nextExecution() };
			if (this.chance(0.18)) {
				// The policy hands the deal to a sales rep for a call instead of another message.
				this.emit(this.businessTime(followUp), { ...next, step: 'outreach', actor: 'ai', decision: 'handoff', outcome: 'call_requested', channel: 'call', confidence: Math.round(this.uniform(0.5, 0.9) * 100) / 100 });
			} else if (this.chance(0.45)) {
				this.sendMessage(this.businessTime(followUp), next, 'sms', false);
			} else {
				const again = this.sendMessage(followUp, next, 'email', true);
				if (again !== undefined && deal.repliedAt === undefined) {
					deal.repliedAt = this.engagement(again, deal.lead_ref, { deal_ref: deal.deal_ref, quote_ref: deal.quote_ref }, 0.45, 0.2);
				}
			}
		}
		const fate = this.pick([['won', 32], ['lost', 23], ['open', 45]] as const);
		if (fate !== 'open') {
			const closed = this.businessTime(deal.quotedAt + this.delay(9 * DAY, 0.5));
			if (this.emit(closed, {
				workflow: WORKFLOWS.close,
				execution_id: this.nextExecution(),
				step: 'close',
				actor: 'system',
				outcome: fate,
				lead_ref: deal.lead_ref,
				deal_ref: deal.deal_ref,
				quote_ref: deal.quote_ref,
				amount: fate === 'won' ? deal.amount : null,
				currency: fate === 'won' ? deal.currency : null,
				service: 'erpnext',
			})) deal.closedAt = closed;
		}
	}

	private simulateSequence(lead_ref: string, start: number): void {
		const execution_id = this.nextExecution();
		const base = { workflow: WORKFLOWS.sequence, execution_id, lead_ref } as const;
		if (!this.emit(start, { ...base, step: 'sequence', actor: 'system', decision: 'enroll', outcome: 'enrolled', channel: 'email', service: 'mautic' })) return;
		for (const day of [0, 2, 5, 7, 14]) {
			const at = day === 0 ? start + 2 * MINUTE : this.businessTime(start + day * DAY);
			const touch = { ...base, execution_id: this.nextExecution() };
			const channel = day === 5 && this.chance(0.4) ? 'sms' : 'email';
			const sent = this.sendMessage(at, touch, channel, true);
			if (sent === undefined) return;
			const replied = channel === 'email' ? this.engagement(sent, lead_ref, {}, 0.35, 0.08) : undefined;
			if (replied !== undefined) {
				this.emit(replied + 2 * MINUTE, { ...base, step: 'sequence', actor: 'system', decision: 'exit', outcome: 'replied', channel: 'email' });
				return;
			}
		}
		this.emit(this.businessTime(start + 15 * DAY), { ...base, step: 'sequence', actor: 'system', decision: 'complete', outcome: 'completed', channel: 'email' });
	}

	private simulateRiskWatch(at: number): void {
		if (at > this.end) return;
		const execution_id = this.nextExecution();
		for (const deal of this.openDeals) {
			if (deal.quotedAt > at || (deal.closedAt !== undefined && deal.closedAt <= at)) continue;
			const age = at - deal.quotedAt;
			const replied = deal.repliedAt !== undefined && deal.repliedAt <= at;
			const signals: Array<[string, string]> = [];
			if (!replied && age > 5 * DAY && age < 6 * DAY) signals.push(['no_reply', 'medium']);
			if (deal.validTill - at < 3 * DAY && deal.validTill > at) signals.push(['quote_expiring', 'high']);
			if (age > 14 * DAY && age < 15 * DAY) signals.push(['stalled', 'high']);
			if (age > 2 * DAY && age < 3 * DAY && this.chance(0.08)) signals.push(['amount_reduced', 'low']);
			if (age > 1 * DAY && age < 2 * DAY && this.chance(0.1)) signals.push(['competitor_mentioned', 'medium']);
			for (const [signal, severity] of signals) {
				this.emit(at + this.int(1, 60) * 1000, {
					workflow: WORKFLOWS.risk,
					execution_id,
					step: 'deal_risk',
					actor: 'system',
					decision: signal,
					outcome: severity,
					lead_ref: deal.lead_ref,
					deal_ref: deal.deal_ref,
					quote_ref: deal.quote_ref,
					amount: deal.amount,
					currency: deal.currency,
				});
			}
		}
	}
}

/** Events for `weeks` weeks ending at `end`, sorted by time. Deterministic for the same options. */
export function generateSampleEvents(options: SampleOptions = {}): MetricEvent[] {
	const end = Date.parse(options.end ?? SAMPLE_END);
	if (Number.isNaN(end)) throw new Error(`sample data: invalid end instant ${options.end}`);
	const weeks = options.weeks ?? 4;
	const endDay = Math.floor(end / DAY) * DAY;
	const start = endDay - weeks * 7 * DAY + DAY;
	return new Simulation(options.seed ?? SAMPLE_SEED, start, end, options.leadsPerWeekday ?? 28).run();
}

function sqlLiteral(value: unknown): string {
	if (value === null || value === undefined) return 'NULL';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
	return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * INSERT statements for the events (batches of `batchSize` rows, `ON CONFLICT (event_id) DO NOTHING`),
 * as plain SQL so the same text loads into PostgreSQL, PGlite or psql.
 */
export function insertStatements(events: readonly MetricEvent[], batchSize = 500): string[] {
	const rows = toRows(events);
	const columns = METRIC_EVENT_COLUMNS.join(', ');
	const statements: string[] = [];
	for (let i = 0; i < rows.length; i += batchSize) {
		const values = rows
			.slice(i, i + batchSize)
			.map((row) => `(${METRIC_EVENT_COLUMNS.map((column) => sqlLiteral(row[column])).join(', ')})`)
			.join(',\n');
		statements.push(`INSERT INTO ltc_events (${columns}) VALUES\n${values}\nON CONFLICT (event_id) DO NOTHING`);
	}
	return statements;
}

function cli(argv: string[]): void {
	const value = (flag: string): string | undefined => {
		const index = argv.indexOf(flag);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const events = generateSampleEvents({
		weeks: value('--weeks') ? Number(value('--weeks')) : undefined,
		seed: value('--seed') ? Number(value('--seed')) : undefined,
		end: value('--end'),
	});
	if ((value('--format') ?? 'sql') === 'json') {
		process.stdout.write(`${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
	} else {
		process.stdout.write(`${insertStatements(events).join(';\n\n')};\n`);
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) cli(process.argv.slice(2));
