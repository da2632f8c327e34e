// The JSON of a Mautic campaign built through the API (mautic.md §6), and the checks that keep it from
// failing silently: Mautic builds events only when both `events` and `canvasSettings` are sent, takes
// parents from `canvasSettings.connections` (not `event.parent`), needs temp ids starting with `new`,
// and treats an `email.send` without `email_type` as transactional, which ignores do-not-contact. So
// every email step here is marketing unless the caller says otherwise. Pure: no I/O.

export interface CampaignEventSpec {
	/** Temp id for a new event; must start with `new`. */
	id: string;
	name: string;
	/** `email.send`, `sms.send_text_sms`, `email.open`, `lead.changetags`, … */
	type: string;
	eventType: 'action' | 'decision' | 'condition';
	order: number;
	properties: Record<string, unknown>;
	triggerMode: 'immediate' | 'interval' | 'date';
	triggerInterval?: number;
	/** `i` minutes, `h`, `d`, `m`, `y`. */
	triggerIntervalUnit?: 'i' | 'h' | 'd' | 'm' | 'y';
	[extra: string]: unknown;
}

export interface CanvasConnection {
	sourceId: string;
	targetId: string;
	/** `leadsource` (source → root event), `bottom` (action → next), `yes`/`no` (decision branches). */
	anchors: { source: string; target: string };
}

export interface CampaignSpec {
	name: string;
	description?: string;
	isPublished?: boolean;
	lists?: Array<{ id: number }>;
	forms?: Array<{ id: number }>;
	events: CampaignEventSpec[];
	canvasSettings: {
		nodes: Array<{ id: string; positionX: string; positionY: string }>;
		connections: CanvasConnection[];
	};
	[extra: string]: unknown;
}

export interface FollowUpStep {
	name: string;
	/** Days after campaign entry (absolute), e.g. 0, 2, 5, 7, 14. */
	day: number;
	/** Mautic email id to send at this step (exactly one of `email`, `sms`). */
	email?: number;
	/** Mautic SMS id; the SMS action exists only when an SMS transport is configured (§6). */
	sms?: number;
}

export interface FollowUpCampaignInput {
	name: string;
	description?: string;
	/** Segments whose members enter the campaign (needs cron `mautic:campaigns:update`). */
	segmentIds: readonly number[];
	steps: readonly FollowUpStep[];
	/** Default true; Mautic saves unpublished otherwise. */
	isPublished?: boolean;
}

function positiveId(value: number, what: string): number {
	if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer id, got ${value}`);
	return value;
}

/**
 * A chained follow-up sequence: each step is an action after the previous one, with the interval
 * between their days (0/2/5/7/14 → 0, 2, 3, 2, 7 days), as in §6's example.
 */
export function followUpCampaign(input: FollowUpCampaignInput): CampaignSpec {
	if (input.segmentIds.length === 0) throw new RangeError('a follow-up campaign needs at least one segment');
	if (input.steps.length === 0) throw new RangeError('a follow-up campaign needs at least one step');
	const steps = [...input.steps].sort((a, b) => a.day - b.day);
	const events: CampaignEventSpec[] = [];
	const nodes: CampaignSpec['canvasSettings']['nodes'] = [{ id: 'lists', positionX: '600', positionY: '50' }];
	const connections: CanvasConnection[] = [];
	let previousDay = 0;
	steps.forEach((step, index) => {
		if (!Number.isInteger(step.day) || step.day < 0) throw new RangeError(`step "${step.name}": day must be a whole number ≥ 0`);
		if ((step.email === undefined) === (step.sms === undefined)) {
			throw new RangeError(`step "${step.name}": give exactly one of email or sms`);
		}
		const id = `new${index + 1}`;
		const interval = step.day - previousDay;
		previousDay = step.day;
		const base = {
			id,
			name: step.name,
			eventType: 'action' as const,
			order: index + 1,
			triggerMode: interval === 0 ? ('immediate' as const) : ('interval' as const),
			triggerInterval: interval,
			triggerIntervalUnit: 'd' as const,
		};
		events.push(
			step.email !== undefined
				? { ...base, type: 'email.send', properties: { email: positiveId(step.email, 'email'), email_type: 'marketing' } }
				: { ...base, type: 'sms.send_text_sms', properties: { sms: positiveId(step.sms as number, 'sms') } },
		);
		nodes.push({ id, positionX: '600', positionY: String(150 + index * 100) });
		connections.push(
			index === 0
				? { sourceId: 'lists', targetId: id, anchors: { source: 'leadsource', target: 'top' } }
				: { sourceId: `new${index}`, targetId: id, anchors: { source: 'bottom', target: 'top' } },
		);
	});
	return {
		name: input.name,
		...(input.description !== undefined && { description: input.description }),
		isPublished: input.isPublished ?? true,
		lists: input.segmentIds.map((id) => ({ id: positiveId(id, 'segment') })),
		forms: [],
		events,
		canvasSettings: { nodes, connections },
	};
}

/**
 * Checks a campaign before POST /api/campaigns/new and returns the body to send: `email.send` events
 * without `email_type` become marketing (DNC and frequency rules respected). Throws RangeError for
 * what Mautic would refuse (400) or silently drop (events without canvas, unknown connection ends).
 */
export function prepareCampaign(spec: CampaignSpec): CampaignSpec {
	if (!spec.name || spec.name.trim() === '') throw new RangeError('a campaign needs a name');
	if (!Array.isArray(spec.events) || spec.events.length === 0) throw new RangeError('a campaign needs at least one event');
	if ((spec.lists ?? []).length === 0 && (spec.forms ?? []).length === 0) {
		throw new RangeError('a campaign needs a segment (lists) or a form as its source');
	}
	if (!spec.canvasSettings || !Array.isArray(spec.canvasSettings.connections)) {
		throw new RangeError('a campaign needs canvasSettings: Mautic builds no events without it');
	}
	const ids = new Set<string>();
	for (const event of spec.events) {
		if (typeof event.id !== 'string' || !event.id.startsWith('new')) {
			throw new RangeError(`event "${event.name}": a new event's temp id must start with "new" (got ${String(event.id)})`);
		}
		if (ids.has(event.id)) throw new RangeError(`event id ${event.id} is used twice`);
		ids.add(event.id);
	}
	const sources = new Set(['lists', 'forms']);
	for (const connection of spec.canvasSettings.connections) {
		if (!ids.has(connection.targetId)) throw new RangeError(`connection to unknown event ${connection.targetId}`);
		if (!ids.has(connection.sourceId) && !sources.has(connection.sourceId)) {
			throw new RangeError(`connection from unknown event ${connection.sourceId}`);
		}
	}
	const events = spec.events.map((event) =>
		event.type === 'email.send' && (event.properties.email_type === undefined || event.properties.email_type === '')
			? { ...event, properties: { ...event.properties, email_type: 'marketing' } }
			: event,
	);
	return { ...spec, events };
}
