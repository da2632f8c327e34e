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
	if (!Number.isInteger(value) || value < 1)
		throw new RangeError(`${what} must be a positive integer id, got ${value}`);
	return value;
}

/**
 * A chained follow-up sequence: each step is an action after the previous one, with the interval
 * between their days (0/2/5/7/14 → 0, 2, 3, 2, 7 days), as in §6's example.
 */
export function followUpCampaign(input: FollowUpCampaignInput): CampaignSpec {
	if (input.segmentIds.length === 0)
		throw new RangeError('a follow-up campaign needs at least one segment');
	if (input.steps.length === 0)
		throw new RangeError('a follow-up campaign needs at least one step');
	const steps = [...input.steps].sort((a, b) => a.day - b.day);
	const events: CampaignEventSpec[] = [];
	const nodes: CampaignSpec['canvasSettings']['nodes'] = [
		{ id: 'lists', positionX: '600', positionY: '50' },
	];
	const connections: CanvasConnection[] = [];
	let previousDay = 0;
	steps.forEach((step, index) => {
		if (!Number.isInteger(step.day) || step.day < 0)
			throw new RangeError(`step "${step.name}": day must be a whole number ≥ 0`);
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
				? {
						...base,
						type: 'email.send',
						properties: { email: positiveId(step.email, 'email'), email_type: 'marketing' },
					}
				: {
						...base,
						type: 'sms.send_text_sms',
						properties: { sms: positiveId(step.sms as number, 'sms') },
					},
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
	if (!Array.isArray(spec.events) || spec.events.length === 0)
		throw new RangeError('a campaign needs at least one event');
	if ((spec.lists ?? []).length === 0 && (spec.forms ?? []).length === 0) {
		throw new RangeError('a campaign needs a segment (lists) or a form as its source');
	}
	if (!spec.canvasSettings || !Array.isArray(spec.canvasSettings.connections)) {
		throw new RangeError('a campaign needs canvasSettings: Mautic builds no events without it');
	}
	const ids = new Set<string>();
	for (const event of spec.events) {
		if (typeof event.id !== 'string' || !event.id.startsWith('new')) {
			throw new RangeError(
				`event "${event.name}": a new event's temp id must start with "new" (got ${String(event.id)})`,
			);
		}
		if (ids.has(event.id)) throw new RangeError(`event id ${event.id} is used twice`);
		ids.add(event.id);
	}
	const sources = new Set(['lists', 'forms']);
	for (const connection of spec.canvasSettings.connections) {
		if (!ids.has(connection.targetId))
			throw new RangeError(`connection to unknown event ${connection.targetId}`);
		if (!ids.has(connection.sourceId) && !sources.has(connection.sourceId)) {
			throw new RangeError(`connection from unknown event ${connection.sourceId}`);
		}
	}
	const events = spec.events.map((event) =>
		event.type === 'email.send' &&
		(event.properties.email_type === undefined || event.properties.email_type === '')
			? { ...event, properties: { ...event.properties, email_type: 'marketing' } }
			: event,
	);
	return { ...spec, events };
}

/** What `copyCampaignSpec` and `copyDifferences` read of a campaign (a parsed `MauticCampaign` has it). */
export interface CampaignToCopy {
	id: number;
	name: string | null;
	description?: string | null;
	allowRestart?: boolean | null;
	category?: { id: number } | number | null;
	events: ReadonlyArray<{
		id: number | string;
		name?: string | null;
		type: string;
		[key: string]: unknown;
	}>;
	lists: ReadonlyArray<{ id: number }>;
	forms: ReadonlyArray<{ id: number }>;
	canvasSettings: {
		nodes?: ReadonlyArray<{ id: string; [key: string]: unknown }>;
		connections?: ReadonlyArray<{ sourceId: string; targetId: string; anchors?: unknown }>;
	} | null;
}

/** The event properties CampaignModel::setEvents sets on a new event (mautic/mautic 5.1.0 Entity/Event.php setters). */
const COPIED_EVENT_FIELDS = [
	'description',
	'eventType',
	'order',
	'properties',
	'triggerDate',
	'triggerInterval',
	'triggerIntervalUnit',
	'triggerHour',
	'triggerRestrictedStartHour',
	'triggerRestrictedStopHour',
	'triggerRestrictedDaysOfWeek',
	'triggerMode',
	'channel',
	'channelId',
] as const;

const SOURCES = new Set(['lists', 'forms']);

/**
 * The events of a campaign that are on its canvas. Mautic soft-deletes an event removed in the builder
 * (EventModel::deleteEvents sets `deleted`), keeps it in the campaign's events and drops it from the
 * canvas, so the canvas says which events are live.
 */
function liveEvents(campaign: CampaignToCopy): CampaignToCopy['events'] {
	const nodes = campaign.canvasSettings?.nodes ?? [];
	const onCanvas = new Set(nodes.map((node) => String(node.id)).filter((id) => !SOURCES.has(id)));
	const byId = new Map(campaign.events.map((event) => [String(event.id), event]));
	for (const id of onCanvas) {
		if (!byId.has(id))
			throw new RangeError(
				`Mautic campaign ${campaign.id}: its canvas shows event ${id}, which the campaign does not have`,
			);
	}
	return campaign.events.filter((event) => onCanvas.has(String(event.id)));
}

/**
 * The POST /api/campaigns/new body that rebuilds `template` as a new campaign: every live event with a
 * temp id `new<old id>`, the canvas with those temp ids (CampaignModel::setEvents takes parents and
 * yes/no paths from its connections, setCanvasSettings swaps the temp ids for real ones), the same
 * segments (or `segmentIds` in their place), forms, description, category and restart setting. Mautic's
 * own API clone (POST /api/campaigns/clone/{id}) copies none of the events, segments or forms
 * (Campaign::__clone).
 */
export function copyCampaignSpec(
	template: CampaignToCopy,
	options: { name: string; isPublished: boolean; segmentIds?: readonly number[] },
): CampaignSpec {
	const canvas = template.canvasSettings;
	if (!canvas || !Array.isArray(canvas.nodes) || !Array.isArray(canvas.connections)) {
		throw new RangeError(
			`Mautic campaign ${template.id} has no campaign builder canvas, so its steps cannot be copied (Mautic builds no events without one)`,
		);
	}
	const events = liveEvents(template);
	if (events.length === 0)
		throw new RangeError(`Mautic campaign ${template.id} has no steps; there is nothing to copy`);
	if (template.lists.length === 0 && template.forms.length === 0) {
		throw new RangeError(
			`Mautic campaign ${template.id} has no segment or form as its source; Mautic refuses a campaign without one`,
		);
	}
	const segmentIds = options.segmentIds?.length ? options.segmentIds : undefined;
	if (segmentIds && template.lists.length === 0) {
		// The canvas has no segment source to start from; only a template that starts from segments can
		// start from others.
		throw new RangeError(
			`Mautic campaign ${template.id} starts from a form, not from segments, so its copy cannot be given segments`,
		);
	}
	const temp = (id: string) => (SOURCES.has(id) ? id : `new${id}`);
	const live = new Set(events.map((event) => String(event.id)));
	const known = (id: string) => SOURCES.has(id) || live.has(id);
	const specEvents: CampaignEventSpec[] = events.map((event) => {
		const copy: Record<string, unknown> = {
			id: temp(String(event.id)),
			name: event.name ?? event.type,
			type: event.type,
		};
		for (const field of COPIED_EVENT_FIELDS)
			if (event[field] !== undefined) copy[field] = event[field];
		return copy as CampaignEventSpec;
	});
	const connections = canvas.connections.map((connection) => {
		if (!known(connection.sourceId) || !known(connection.targetId)) {
			throw new RangeError(
				`Mautic campaign ${template.id}: its canvas connects ${connection.sourceId} to ${connection.targetId}, which is not one of its live events`,
			);
		}
		return {
			...connection,
			sourceId: temp(connection.sourceId),
			targetId: temp(connection.targetId),
		} as CanvasConnection;
	});
	const category =
		typeof template.category === 'number'
			? template.category
			: (template.category?.id ?? undefined);
	return {
		name: options.name,
		...(template.description ? { description: template.description } : {}),
		...(category !== undefined ? { category } : {}),
		...(template.allowRestart !== undefined && template.allowRestart !== null
			? { allowRestart: template.allowRestart }
			: {}),
		isPublished: options.isPublished,
		lists: segmentIds
			? segmentIds.map((id) => ({ id: positiveId(id, 'segment') }))
			: template.lists.map((list) => ({ id: list.id })),
		forms: template.forms.map((form) => ({ id: form.id })),
		events: specEvents,
		canvasSettings: {
			nodes: canvas.nodes.map((node) => ({
				...node,
				id: temp(String(node.id)),
			})) as CampaignSpec['canvasSettings']['nodes'],
			connections,
		},
	};
}

function parentIdOf(event: { [key: string]: unknown }): string | null {
	const parent = event.parent;
	if (parent === null || parent === undefined) return null;
	if (typeof parent === 'object' && 'id' in parent) return String((parent as { id: unknown }).id);
	return String(parent);
}

/** JSON with object keys sorted, so key order (PHP's, or JS's integer-keys-first) never matters. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return `{${Object.keys(record)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** One step as something comparable across campaigns: what it does, when, and after which step. */
function stepSignatures(events: CampaignToCopy['events']): string[] {
	const byId = new Map(events.map((event) => [String(event.id), event]));
	// prepareCampaign makes an email.send without email_type marketing; the comparison does the same.
	const properties = (event: CampaignToCopy['events'][number]) => {
		const value = event.properties;
		if (event.type !== 'email.send' || !value || typeof value !== 'object' || Array.isArray(value))
			return value ?? null;
		const record = value as Record<string, unknown>;
		return record.email_type === undefined || record.email_type === ''
			? { ...record, email_type: 'marketing' }
			: record;
	};
	const own = (event: CampaignToCopy['events'][number]) =>
		canonical([
			event.type,
			event.name || event.type,
			event.eventType ?? null,
			properties(event),
			event.triggerMode ?? null,
			event.triggerInterval === undefined || event.triggerInterval === null
				? null
				: String(event.triggerInterval),
			event.triggerIntervalUnit ?? null,
			event.decisionPath ?? null,
		]);
	return events
		.map((event) => {
			const parentId = parentIdOf(event);
			const parent = parentId === null ? undefined : byId.get(parentId);
			return `${own(event)} after ${parent ? own(parent) : 'the source'}`;
		})
		.sort();
}

/**
 * What the copy lacks or has in addition to the template: steps (with their settings and parents),
 * segments (the template's, or `segmentIds` when they replaced them) and forms. Empty when the copy is
 * faithful.
 */
export function copyDifferences(
	template: CampaignToCopy,
	copy: CampaignToCopy,
	segmentIds?: readonly number[],
): string[] {
	const out: string[] = [];
	const wanted = stepSignatures(liveEvents(template));
	const got = stepSignatures(copy.events);
	if (wanted.length !== got.length)
		out.push(`${got.length} of the template's ${wanted.length} steps`);
	else if (wanted.some((sig, i) => sig !== got[i]))
		out.push('steps whose settings or order differ from the template');
	const ids = (list: ReadonlyArray<{ id: number }>) =>
		list
			.map((item) => item.id)
			.sort((a, b) => a - b)
			.join(',');
	const lists = segmentIds?.length ? segmentIds.map((id) => ({ id })) : template.lists;
	if (ids(lists) !== ids(copy.lists))
		out.push(`segments [${ids(copy.lists)}] instead of [${ids(lists)}]`);
	if (ids(template.forms) !== ids(copy.forms))
		out.push(`forms [${ids(copy.forms)}] instead of [${ids(template.forms)}]`);
	return out;
}
