// Shared setup for the Outreach node tests: fresh Mautic, ERPNext and Anthropic contract servers per
// test, a few realistic recipients (a normal German buyer, a DNC'd one, an unsubscribed ERPNext lead,
// a Tokyo buyer for quiet hours, an SMS-only one), and a runner that puts the node in the real n8n
// engine (tests/workflow/harness.mts) with the package's credential types.
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { LeadToCloseAnthropicApi } from '../../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../../credentials/LeadToCloseErpNextApi.credentials';
import { LeadToCloseMauticApi } from '../../../credentials/LeadToCloseMauticApi.credentials';
import { EVENTS_KEY, collectEvents, type MetricEvent } from '../../../core/metrics';
import { Outreach } from '../../../nodes/Outreach/Outreach.node';
import { startAnthropicServer, type AnthropicServer } from '../../contract/anthropic-server.mts';
import { startErpNextServer, type ErpNextServer } from '../../contract/erpnext-server.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer, type StoredContact } from '../../contract/mautic-server.mts';
import { chain, node, runWorkflow, type RunResult } from '../../workflow/harness.mts';

export const OUTREACH_TYPE = 'n8n-nodes-lead-to-close.outreach';
export const ERP_KEY = 'erp-key';
export const ERP_SECRET = 'erp-s3cret-value';
export const ANTHROPIC_KEY = 'sk-ant-outreach-key';

/** Wednesday 2026-11-18 10:00 in Berlin. */
export const WED_MORNING = '2026-11-18T09:00:00Z';

export interface OutreachWorld {
	mautic: MauticServer;
	erp: ErpNextServer;
	anthropic: AnthropicServer;
	contacts: {
		ada: StoredContact;
		dnc: StoredContact;
		unsubscribed: StoredContact;
		doNotContact: StoredContact;
		tokyo: StoredContact;
		smsOnly: StoredContact;
	};
	emailId: number;
	smsId: number;
	credentials(overrides?: { mauticPassword?: string }): Record<string, IDataObject>;
	stop(): Promise<void>;
}

/** ERPNext Lead items as the ERPNext node or trigger return them. */
export const LEADS = {
	ada: { name: 'CRM-LEAD-2026-00001', lead_name: 'Ada Brandt', company_name: 'Lovelace Engineering GmbH', email_id: 'ada@lovelace-engineering.de', mobile_no: '+4915112345678', country: 'Germany' },
	dnc: { name: 'CRM-LEAD-2026-00002', lead_name: 'Dieter Nolte', company_name: 'Nolte Industrietechnik', email_id: 'd.nolte@nolte-industrie.de', country: 'Germany' },
	unsubscribed: { name: 'CRM-LEAD-2026-00003', lead_name: 'Uta Sommer', company_name: 'Sommer Fördertechnik', email_id: 'uta@sommer-foerdertechnik.de', country: 'Germany' },
	doNotContact: { name: 'CRM-LEAD-2026-00004', lead_name: 'Paul Kern', company_name: 'Kern Automation', email_id: 'p.kern@kern-automation.at', country: 'Austria' },
	tokyo: { name: 'CRM-LEAD-2026-00005', lead_name: 'Kenji Mori', company_name: 'Osaka Robotics KK', email_id: 'k.mori@osaka-robotics.jp', mobile_no: '+819012345678', country: 'Japan' },
	smsOnly: { name: 'CRM-LEAD-2026-00006', lead_name: 'Sven Lind', company_name: 'Lind Maskin AB', email_id: 'sven@lind-maskin.se', mobile_no: '+46701234567', country: 'Sweden' },
} as const;

export async function outreachWorld(): Promise<OutreachWorld> {
	const mautic = await startMauticServer();
	const erp = await startErpNextServer({ apiKey: ERP_KEY, apiSecret: ERP_SECRET });
	const anthropic = await startAnthropicServer({ apiKey: ANTHROPIC_KEY });
	const seed = (lead: (typeof LEADS)[keyof typeof LEADS], extra: Parameters<MauticServer['state']['seedContact']>[1] = {}) =>
		mautic.state.seedContact(
			{
				email: lead.email_id,
				firstname: lead.lead_name.split(' ')[0],
				lastname: lead.lead_name.split(' ')[1],
				company: lead.company_name,
				country: lead.country,
				...('mobile_no' in lead ? { mobile: lead.mobile_no } : {}),
			},
			extra,
		);
	const contacts = {
		ada: seed(LEADS.ada),
		dnc: seed(LEADS.dnc, { dnc: [{ channel: 'email', reason: 1, comments: 'Unsubscribed via email footer' }] }),
		unsubscribed: seed(LEADS.unsubscribed),
		doNotContact: seed(LEADS.doNotContact),
		tokyo: seed(LEADS.tokyo),
		smsOnly: seed(LEADS.smsOnly, { dnc: [{ channel: 'email', reason: 2, comments: 'Hard bounce' }] }),
	};
	erp.state.seed('Lead', [
		{ ...LEADS.ada, unsubscribed: 0, status: 'Open' },
		{ ...LEADS.dnc, unsubscribed: 0, status: 'Open' },
		{ ...LEADS.unsubscribed, unsubscribed: 1, status: 'Open' },
		{ ...LEADS.doNotContact, unsubscribed: 0, status: 'Do Not Contact' },
		{ ...LEADS.tokyo, unsubscribed: 0, status: 'Open' },
		{ ...LEADS.smsOnly, unsubscribed: 0, status: 'Open' },
	]);
	const email = mautic.state.createEmail({ name: 'Quote follow-up D2', subject: 'Your quotation {quote_number}' });
	const sms = mautic.state.createSms({ name: 'Quote reminder SMS', message: 'Your quotation is waiting for you.' });
	return {
		mautic,
		erp,
		anthropic,
		contacts,
		emailId: email.id,
		smsId: sms.id,
		credentials: (overrides = {}) => ({
			leadToCloseMauticApi: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: overrides.mauticPassword ?? MAUTIC_DEFAULTS.password },
			leadToCloseErpNextApi: { baseUrl: erp.url, apiKey: ERP_KEY, apiSecret: ERP_SECRET },
			leadToCloseAnthropicApi: { apiKey: ANTHROPIC_KEY, baseUrl: anthropic.url },
		}),
		stop: async () => {
			await Promise.all([mautic.stop(), erp.stop(), anthropic.stop()]);
		},
	};
}

/** Runs Start → Outreach in the n8n engine with the given items and parameters. */
export async function runOutreach(
	world: OutreachWorld,
	items: Array<Record<string, unknown>>,
	parameters: INode['parameters'],
	extra: Partial<INode> = {},
	credentials: Record<string, IDataObject> = world.credentials(),
): Promise<RunResult> {
	return await runWorkflow({
		nodeTypes: { [OUTREACH_TYPE]: new Outreach() },
		credentialTypes: [new LeadToCloseMauticApi(), new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
		credentials: credentials as never,
		nodes: [node('Start', 'test.start', { items: JSON.stringify(items) }), node('Outreach', OUTREACH_TYPE, parameters, extra)],
		connections: chain('Start', 'Outreach'),
	});
}

/** Send parameters for the Mautic template email of the world, at a fixed time. */
export function emailSend(world: OutreachWorld, overrides: INode['parameters'] = {}): INode['parameters'] {
	return {
		resource: 'message',
		operation: 'send',
		channel: 'email',
		step: 'd2',
		emailId: world.emailId,
		tokens: { token: [{ name: 'quote_number', value: 'SAL-QTN-2026-00042' }, { name: 'quote_total', value: '€48,250.00' }] },
		now: WED_MORNING,
		...overrides,
	};
}

export interface OutreachResult extends IDataObject {
	status: string;
	decision?: string;
	policy?: string;
	reason?: string;
	until?: { utc: string; local: string; timeZone: string };
	idempotencyKey?: string | null;
	channel?: string | null;
	message?: IDataObject | null;
	notes?: string[];
	warnings?: string[];
}

export function outreachOf(item: INodeExecutionData): OutreachResult {
	return item.json.outreach as OutreachResult;
}

export function eventsOf(item: INodeExecutionData): MetricEvent[] {
	return item.json[EVENTS_KEY] === undefined ? [] : collectEvents(item.json);
}

/** Emails the Mautic contract server delivered to one contact. */
export function emailsTo(world: OutreachWorld, contact: StoredContact): number {
	return world.mautic.sent.emails.filter((e) => e.contactId === contact.id).length;
}
