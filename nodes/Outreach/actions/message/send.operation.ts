// Send message: one message per item, through every policy of core/outreach before anything goes
// out. Order per item: read the Mautic contact (DNC entries, idempotency tags) and, when enabled, the
// ERPNext Lead (unsubscribed) and the Communications this node logged; decide (already sent →
// unsubscribed → channel with DNC and fallback → quiet hours, weekdays, frequency cap); then send
// through Mautic, or hand the rendered message to n8n's own node on the second output; then write the
// idempotency tag on the contact and log a Communication in ERPNext. A Mautic send is marked pending on
// the contact before it goes out (helpers/pendingSend.ts), so a run after a send whose answer was lost
// asks Mautic's stats whether it arrived instead of sending it twice. A dry run does every read and
// every decision, renders the exact message, and writes nothing. Items of one lead or recipient run
// in order, so a duplicate item in the same batch is skipped like a re-run is. The step is either
// named, or the one due now on a follow-up schedule (d0, d2, d5 … from the sequence start).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ErpNextClient } from '../../../../connectors/erpnext';
import type { MauticClient, MauticContact } from '../../../../connectors/mautic';
import type { MetricEvent } from '../../../../core/metrics';
import {
	decideOutreach,
	resolveTimeZone,
	type ContactStateInput,
	type OutreachDecision,
	type SentLogEntry,
	dueFollowUpStep,
} from '../../../../core/outreach';
import { runItems } from '../../../shared/itemRunner';
import { toNodeError } from '../../../shared/serviceErrors';
import {
	MAUTIC_CREDENTIAL,
	erpNextClient,
	hasCredential,
	mauticClient,
} from '../../helpers/clients';
import {
	DELIVERY,
	isHandoffChannel,
	type Delivery,
	type SendChannel,
} from '../../helpers/deliveries';
import {
	capEntries,
	logCommunication,
	readLeadConsent,
	readLoggedMessages,
	type LoggedMessage,
} from '../../helpers/erpnextRecord';
import { event, resultItem, runInfo, type RunInfo } from '../../helpers/itemOutput';
import {
	dncOf,
	fieldText,
	findExistingContact,
	keysFromTags,
	recentMauticEmails,
	resolveContact,
} from '../../helpers/mauticContact';
import {
	afterFailedSend,
	claimSend,
	isLiveClaim,
	isMauticDelivery,
	newestSend,
	pendingMarks,
	pendingTag,
	statsTableOf,
	type MauticDelivery,
} from '../../helpers/pendingSend';
import { logText, messageFor, type OutgoingMessage } from '../../helpers/outgoingMessage';
import { groupByRecipient } from '../../helpers/recipientGroups';
import { readSendRequest, recipientKey, type SendRequest } from '../../helpers/sendRequest';
import {
	mauticIdProperties,
	nowOption,
	policyProperty,
	useErpNextProperty,
} from '../common.properties';

const show = (extra: Record<string, string[]> = {}) => ({
	show: { resource: ['message'], operation: ['send'], ...extra },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		noDataExpression: true,
		displayOptions: show(),
		options: [
			{
				name: 'Email (Hand-Off)',
				value: 'n8nEmail',
				description: 'An n8n email node sends the rendered message (second output)',
			},
			{
				name: 'Email (Mautic Template)',
				value: 'email',
				description: 'Mautic sends a template email with your tokens',
			},
			{
				name: 'Email, Fall Back to SMS (Mautic)',
				value: 'emailOrSms',
				description: 'SMS when email is not possible (no address, do-not-contact)',
			},
			{
				name: 'Slack (Hand-Off)',
				value: 'slack',
				description: 'The n8n Slack node sends the rendered message (second output)',
			},
			{
				name: 'SMS (Mautic)',
				value: 'sms',
				description: 'Mautic sends a text message through its SMS transport',
			},
			{
				name: 'Twilio SMS (Hand-Off)',
				value: 'twilio',
				description: 'The n8n Twilio node sends the rendered message (second output)',
			},
			{
				name: 'WhatsApp (Hand-Off)',
				value: 'whatsapp',
				description: 'The n8n WhatsApp node sends the rendered message (second output)',
			},
		],
		default: 'email',
	},
	{
		displayName: 'Lead Reference',
		name: 'leadRef',
		type: 'string',
		required: true,
		default: '={{ $json.name }}',
		displayOptions: show(),
		description:
			'ERPNext Lead name or your own lead ID; part of the idempotency key (one message per lead and step)',
	},
	{
		displayName: 'Step Mode',
		name: 'stepMode',
		type: 'options',
		displayOptions: show(),
		options: [
			{ name: 'Fixed Step', value: 'fixed', description: 'This node sends one named step' },
			{
				name: 'From Follow-Up Schedule',
				value: 'schedule',
				description:
					'The step due now (d0, d2, d5 …) from when the sequence started; stops at a reply',
			},
		],
		default: 'fixed',
	},
	{
		displayName: 'Step',
		name: 'step',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'd2',
		displayOptions: show({ stepMode: ['fixed'] }),
		description:
			'Step of the sequence this message is, e.g. "d0" or "quote-sent". Each lead gets each step once.',
	},
	{
		displayName: 'Sequence Start',
		name: 'sequenceStart',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2026-11-16T09:30:00Z',
		displayOptions: show({ stepMode: ['schedule'] }),
		description:
			"When the sequence started, e.g. when the quote was sent; step dN is due N days later at the same local time. Without an offset, read in the workflow's time zone.",
	},
	{
		displayName: 'Schedule Days',
		name: 'scheduleDays',
		type: 'string',
		default: '0, 2, 5, 7, 14',
		displayOptions: show({ stepMode: ['schedule'] }),
		description: 'Days after the start on which steps are due; the steps are named d0, d2, d5 …',
	},
	{
		displayName: 'Replied At',
		name: 'repliedAt',
		type: 'string',
		default: '',
		displayOptions: show({ stepMode: ['schedule'] }),
		description:
			"When the lead replied (date-time, or several separated by commas), e.g. Sync Engagement's lastRepliedAt; no step after the first reply is sent",
	},
	{
		displayName: 'Sequence',
		name: 'sequence',
		type: 'string',
		default: 'quote-follow-up',
		displayOptions: show(),
		description: 'Name of the sequence, shown in reasons and logs',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '={{ $json.email_id || $json.email }}',
		displayOptions: show(),
		description:
			"Recipient's email; finds the Mautic contact whose do-not-contact list and tags are checked",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '={{ $json.mobile_no || $json.phone }}',
		displayOptions: show({ channel: ['sms', 'emailOrSms', 'whatsapp', 'twilio'] }),
		description:
			"Recipient's mobile number (E.164, e.g. +4915112345678); empty = the Mautic contact's mobile",
	},
	{
		displayName: 'Slack Recipient',
		name: 'slackRecipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'C0123456789',
		displayOptions: show({ channel: ['slack'] }),
		description: 'Slack channel or user ID the Slack node posts to',
	},
	...mauticIdProperties(
		'emails',
		{
			displayName: 'Mautic Email ID',
			name: 'emailId',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: show({ channel: ['email', 'emailOrSms'] }),
			description: 'ID of the Mautic template email (Channels → Emails)',
		},
		{
			displayName: 'Mautic Email',
			description: 'The published Mautic email to send (Channels → Emails)',
		},
	),
	...mauticIdProperties(
		'smses',
		{
			displayName: 'Mautic SMS ID',
			name: 'smsId',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: show({ channel: ['sms', 'emailOrSms'] }),
			description: 'ID of the published Mautic text message (Channels → Text Messages)',
		},
		{
			displayName: 'Mautic SMS',
			description: 'The published Mautic text message to send (Channels → Text Messages)',
		},
	),
	{
		displayName: 'Tokens',
		name: 'tokens',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Token',
		default: {},
		displayOptions: show(),
		description:
			"Values for the Mautic email's {token} placeholders (quote number, total, PDF link …) and for {{token}} placeholders in Subject and Message",
		options: [
			{
				displayName: 'Token',
				name: 'token',
				values: [
					{
						displayName: 'HTML From You',
						name: 'html',
						type: 'boolean',
						default: false,
						description:
							'Whether the value is markup from you or your systems and goes to Mautic as it is. Off: the value is sent as text (HTML-escaped, without {token} syntax and line breaks), which is what lead data needs.',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'quote_number',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'SAL-QTN-2026-00042',
					},
				],
			},
		],
	},
	{
		displayName: 'Asset Attachments',
		name: 'assetAttachments',
		type: 'string',
		default: '',
		placeholder: '5, 7',
		displayOptions: show({ channel: ['email', 'emailOrSms'] }),
		description: 'Comma-separated IDs of Mautic assets to attach, e.g. the quotation PDF',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		displayOptions: show(),
		description:
			'Subject for the email hand-off and the ERPNext log; {{token}} placeholders are filled from Tokens',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		displayOptions: show(),
		description:
			'Text for hand-off channels (required there) and for the ERPNext log. {{token}} placeholders are filled from Tokens; in expression mode use n8n expressions instead. The email hand-off also outputs message.html (the text HTML-escaped): use that, never message.text, in an HTML email.',
	},
	{ ...useErpNextProperty, displayOptions: show() },
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		displayOptions: show(),
		description:
			'Whether to read, decide and render every message without sending, tagging or logging anything',
	},
	{ ...policyProperty, displayOptions: show() },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '={{ $json.company_name }}',
				description: 'Company of a contact created in Mautic',
			},
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '={{ $json.country }}',
				description:
					"Recipient's country (name or ISO code); decides the time zone when none is given",
			},
			{
				displayName: 'Create Missing Contact',
				name: 'createContact',
				type: 'boolean',
				default: true,
				description:
					'Whether to create the Mautic contact when no contact has the email (never in a dry run)',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '={{ $json.first_name }}',
				description: 'First name of a contact created in Mautic',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '={{ $json.last_name }}',
				description: 'Last name of a contact created in Mautic',
			},
			{
				displayName: 'Mautic Contact ID',
				name: 'mauticContactId',
				type: 'string',
				default: '',
				description: 'Use this Mautic contact instead of finding it by email',
			},
			nowOption,
			{
				displayName: 'Quotation Reference',
				name: 'quoteRef',
				type: 'string',
				default: '',
				placeholder: 'SAL-QTN-2026-00042',
				description:
					'ERPNext Quotation the message is about; the Communication is logged on it and metrics carry it',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description: "Recipient's IANA time zone; wins over the country",
			},
			{
				displayName: 'Unsubscribed',
				name: 'unsubscribed',
				type: 'boolean',
				default: false,
				description:
					'Whether the item says the lead opted out (map it with an expression); nothing is sent then',
			},
		],
	},
];

interface LedgerEntry extends SentLogEntry {
	delivery: Delivery;
}

interface Deps {
	/** Absent for a dry run or an ERPNext-logged hand-off without a Mautic credential (issue 16). */
	mautic: MauticClient | undefined;
	erp: ErpNextClient | undefined;
	run: RunInfo;
	/** What this execution sent (or would send, in a dry run), per lead/recipient group. */
	ledgers: Map<number, LedgerEntry[]>;
}

type Outcome = { output: 0 | 1; item: INodeExecutionData };

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function dedupe(entries: readonly SentLogEntry[]): SentLogEntry[] {
	const seen = new Set<string>();
	return entries.filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

/** Addresses the core validates (at least 3 characters); shorter ones count as missing. */
function address(value: string | undefined): string | undefined {
	return value !== undefined && value.trim().length >= 3 ? value.trim() : undefined;
}

interface RecoveredSend {
	req: SendRequest;
	input: INodeExecutionData;
	contactId: number;
	key: string;
	/** The pending tags of this key on the contact, replaced by the key itself. */
	pendingTags: string[];
	entry: LedgerEntry;
	out: OutgoingMessage;
	step: string;
	base: Record<string, unknown>;
	notes: string[];
	warnings: string[];
	started: number;
	reason: string;
	/** Mautic's `date_sent` of the send (an instant from the connector). */
	sentAt?: Date;
}

/**
 * An earlier run's send arrived although its answer was lost: skip it, and finish what that run could
 * not (the idempotency tag in place of the pending mark, the ERPNext Communication). A dry run writes
 * nothing.
 */
async function recordRecoveredSend(deps: Deps, r: RecoveredSend): Promise<Outcome> {
	const { mautic, erp } = deps;
	const result = {
		status: 'skipped',
		...r.base,
		decision: 'skip',
		policy: 'already_sent',
		alreadySentOn: r.entry.channel,
		reason: r.reason,
		message: null,
		notes: r.notes,
		warnings: r.warnings,
	};
	if (r.req.dryRun)
		return { output: 0, item: resultItem(r.input, r.req.itemIndex, 'outreach', result, []) };
	const failures: Array<{ service: 'mautic' | 'erpnext'; error: string }> = [];
	try {
		// Only reached through viaMautic, so the Mautic client is there.
		await (mautic as MauticClient).editTags(r.contactId, { add: [r.key], remove: r.pendingTags });
	} catch (error) {
		failures.push({
			service: 'mautic',
			error: `idempotency tag ${r.key} not written: ${errorText(error)}`,
		});
		r.warnings.push(
			`The idempotency tag ${r.key} could not replace the pending mark on Mautic contact ${r.contactId}: ${errorText(error)}. The pending mark stays, so a re-run checks Mautic's stats again.`,
		);
	}
	let communication: string | undefined;
	if (erp) {
		try {
			communication = await logCommunication(erp, {
				leadRef: r.req.leadRef,
				quoteRef: r.req.quoteRef,
				delivery: r.entry.delivery,
				key: r.key,
				recipient: r.out.to,
				subject: r.req.subject ?? `${r.req.sequence}: ${r.step}`,
				text: logText(r.out),
				sentAt: r.sentAt ?? r.req.now,
			});
		} catch (error) {
			failures.push({ service: 'erpnext', error: `Communication not logged: ${errorText(error)}` });
			r.warnings.push(`Logging the earlier send in ERPNext failed: ${errorText(error)}.`);
		}
	}
	const common = {
		step: 'outreach',
		actor: 'system' as const,
		lead_ref: r.req.leadRef,
		quote_ref: r.req.quoteRef ?? null,
		channel: DELIVERY[r.entry.delivery].metricChannel,
	};
	const events = [
		event(deps.run, {
			...common,
			decision: 'skip',
			outcome: 'already_sent',
			service: null,
			duration_ms: Date.now() - r.started,
		}),
		...failures.map((f) =>
			event(deps.run, {
				...common,
				decision: null,
				outcome: 'error',
				service: f.service,
				error: f.error,
			}),
		),
	];
	return {
		output: 0,
		item: resultItem(
			r.input,
			r.req.itemIndex,
			'outreach',
			{ ...result, ...(communication ? { erpnext: { communication } } : {}) },
			events,
		),
	};
}

async function sendOne(
	deps: Deps,
	req: SendRequest,
	input: INodeExecutionData,
	group: number,
): Promise<Outcome> {
	const started = Date.now();
	const { mautic, erp } = deps;
	const ledger = deps.ledgers.get(group) ?? [];
	deps.ledgers.set(group, ledger);
	const notes: string[] = [];
	const warnings: string[] = [];
	/** Bookkeeping after a send that failed; the send itself stands. */
	const bookkeeping: Array<{ service: 'mautic' | 'erpnext'; error: string }> = [];

	// A follow-up schedule names the step in the recipient's zone (item, else the existing Mautic
	// contact); nothing is created in Mautic for a lead with no step due.
	const lookup = { contactId: req.contactId, email: req.email, fields: req.contactFields };
	let contact = req.schedule && mautic ? await findExistingContact(mautic, lookup) : undefined;
	const scheduleZone = () =>
		resolveTimeZone(
			{
				timeZone: req.timeZone ?? fieldText(contact, 'timezone'),
				country: req.country ?? fieldText(contact, 'country'),
			},
			req.policy.defaultTimeZone,
		).timeZone;
	const scheduled = req.schedule
		? dueFollowUpStep(
				req.schedule.start,
				req.schedule.days,
				req.schedule.replies,
				scheduleZone(),
				req.now,
			)
		: undefined;
	if (scheduled && scheduled.kind !== 'due') {
		// Nothing is due, or the lead replied: decided from the schedule alone.
		const decision = scheduled.kind === 'wait' ? 'defer' : 'skip';
		const policy = scheduled.kind === 'wait' ? 'not_due' : 'replied';
		const result = {
			status: scheduled.kind === 'wait' ? 'deferred' : 'skipped',
			decision,
			dryRun: req.dryRun,
			leadRef: req.leadRef,
			quoteRef: req.quoteRef ?? null,
			step: scheduled.kind === 'wait' ? scheduled.step : null,
			sequence: req.sequence,
			policy,
			reason: scheduled.reason,
			...(scheduled.kind === 'wait' ? { until: scheduled.until } : {}),
			message: null,
			notes,
			warnings,
		};
		const metric = event(deps.run, {
			step: 'outreach',
			actor: 'system',
			decision,
			outcome: policy,
			lead_ref: req.leadRef,
			quote_ref: req.quoteRef ?? null,
			duration_ms: Date.now() - started,
		});
		return {
			output: 0,
			item: resultItem(input, req.itemIndex, 'outreach', result, req.dryRun ? [] : [metric]),
		};
	}
	if (scheduled) notes.push(...scheduled.notes);
	const step = scheduled?.kind === 'due' ? scheduled.step : req.step;

	if (!mautic) {
		notes.push(
			"No Mautic credential: Mautic's do-not-contact lists and sent e-mails were not consulted (consent and caps come from the item and ERPNext).",
		);
	} else if (!contact) {
		const resolved = await resolveContact(mautic, lookup, {
			create: req.createContact,
			dryRun: req.dryRun,
		});
		notes.push(...resolved.notes);
		contact = resolved.contact;
	}
	const email = req.email ?? contact?.email ?? undefined;
	const phone = req.phone ?? fieldText(contact, 'mobile') ?? fieldText(contact, 'phone');
	const country = req.country ?? fieldText(contact, 'country');
	const timeZone = req.timeZone ?? fieldText(contact, 'timezone');

	let unsubscribed = req.unsubscribed;
	if (unsubscribed) notes.push('The item marks the lead as unsubscribed.');
	let logged: LoggedMessage[] = [];
	if (erp) {
		const consent = await readLeadConsent(erp, req.leadRef);
		if (consent.unsubscribed) {
			unsubscribed = true;
			if (consent.note) notes.push(consent.note);
		}
		logged = await readLoggedMessages(erp, req.leadRef, req.quoteRef);
	}
	const dncEmail = dncOf(contact, 'email');
	const dncSms = dncOf(contact, 'sms');
	for (const dnc of [dncEmail, dncSms]) if (dnc.note) notes.push(dnc.note);
	if (req.deliveries.includes('slack'))
		notes.push('Slack follows the email consent: Mautic keeps no Slack do-not-contact list.');

	const windowStart = new Date(req.now.getTime() - req.policy.cap.windowHours * 3_600_000);
	const mauticEmails =
		contact && mautic ? await recentMauticEmails(mautic, contact.id, windowStart) : [];
	// Mautic's email_stats already holds this run's live Mautic emails; a dry run sent none.
	const fromLedger = ledger.filter((e) => req.dryRun || e.delivery !== 'mauticEmail');
	const state: ContactStateInput = {
		email: req.deliveries.includes('slack') ? `slack:${req.slackRecipient}` : address(email),
		phone: address(phone),
		country: country && country.length >= 2 ? country : undefined,
		timeZone,
		dnc: { email: dncEmail.blocked, sms: dncSms.blocked },
		unsubscribed,
		sentLog: dedupe([
			...mauticEmails,
			...capEntries(logged),
			...fromLedger.map(({ at, channel, key }) => ({ at, channel, key })),
		]),
		existingKeys: [
			...keysFromTags(contact),
			...logged.map((m) => m.key),
			...ledger.map((e) => e.key),
		],
	};
	const channels = [...new Set(req.deliveries.map((d) => DELIVERY[d].basis))];
	const decision: OutreachDecision = decideOutreach(
		{ leadRef: req.leadRef, step, sequence: req.sequence, channels },
		state,
		req.policy,
		req.now,
	);
	notes.push(...decision.notes);

	const delivery =
		decision.decision === 'skip'
			? undefined
			: req.deliveries.find((d) => DELIVERY[d].basis === decision.channel);
	const message = delivery ? messageFor(delivery, req, contact, email, phone) : null;
	const recipient = {
		email: email ?? null,
		phone: phone ?? null,
		mauticContactId: contact?.id ?? null,
		...(decision.decision !== 'skip'
			? {
					timeZone: decision.decision === 'send' ? decision.timeZone : decision.until.timeZone,
					timeZoneSource: decision.timeZoneSource,
				}
			: {}),
		...(decision.decision === 'send' ? { localTime: decision.localTime } : {}),
	};
	const base = {
		decision: decision.decision,
		dryRun: req.dryRun,
		leadRef: req.leadRef,
		quoteRef: req.quoteRef ?? null,
		step,
		sequence: req.sequence,
		channel: delivery ?? null,
		...(decision.decision === 'skip' && decision.policy === 'already_sent'
			? { alreadySentOn: decision.channel ?? null }
			: {}),
		idempotencyKey:
			decision.decision === 'skip' ? (decision.idempotencyKey ?? null) : decision.idempotencyKey,
		recipient,
	};
	// A dry run is a simulation: it records no metric events, so it never counts in the autonomy numbers.
	const events = (list: MetricEvent[]) => (req.dryRun ? [] : list);
	const decisionEvent = (
		outcome: string,
		service: string | null = null,
		decided: string = decision.decision,
	) =>
		event(deps.run, {
			step: 'outreach',
			actor: 'system',
			decision: decided,
			outcome,
			lead_ref: req.leadRef,
			quote_ref: req.quoteRef ?? null,
			channel: delivery ? DELIVERY[delivery].metricChannel : null,
			service,
			duration_ms: Date.now() - started,
		});

	if (decision.decision === 'skip') {
		const result = {
			status: 'skipped',
			...base,
			policy: decision.policy,
			reason: decision.reason,
			message: null,
			notes,
			warnings,
		};
		return {
			output: 0,
			item: resultItem(
				input,
				req.itemIndex,
				'outreach',
				result,
				events([decisionEvent(decision.policy)]),
			),
		};
	}
	if (decision.decision === 'defer') {
		const result = {
			status: 'deferred',
			...base,
			policy: decision.policy,
			reason: decision.reason,
			until: decision.until,
			message,
			notes,
			warnings,
		};
		return {
			output: 0,
			item: resultItem(
				input,
				req.itemIndex,
				'outreach',
				result,
				events([decisionEvent(decision.policy)]),
			),
		};
	}

	const chosen = delivery as Delivery;
	const spec = DELIVERY[chosen];
	const out = message as OutgoingMessage;
	const entry: LedgerEntry = {
		at: req.now.toISOString(),
		channel: spec.basis,
		key: decision.idempotencyKey,
		delivery: chosen,
	};
	const key = decision.idempotencyKey;

	/** Another run holds the claim on this send: nothing is sent, and the item says why. */
	const pending = (reason: string): Outcome => {
		const result = {
			status: 'skipped',
			...base,
			decision: 'skip',
			policy: 'send_pending',
			reason,
			message: null,
			notes,
			warnings,
		};
		return {
			output: 0,
			item: resultItem(
				input,
				req.itemIndex,
				'outreach',
				result,
				events([decisionEvent('send_pending', null, 'skip')]),
			),
		};
	};

	// A send marked pending by an earlier run whose answer never came: Mautic's stats say whether it arrived.
	const viaMautic = isMauticDelivery(chosen) && contact !== undefined && mautic !== undefined;
	const templateId = chosen === 'mauticEmail' ? (req.emailId as number) : (req.smsId as number);
	const what = `${chosen === 'mauticEmail' ? 'email' : 'text message'} #${templateId}`;
	const marks = viaMautic ? pendingMarks(contact, key) : [];
	let mark = marks.length > 0 ? Math.min(...marks.map((m) => m.mark)) : undefined;
	if (viaMautic && mark !== undefined) {
		const table = statsTableOf(chosen as MauticDelivery);
		const newest = await newestSend(
			mautic as MauticClient,
			chosen as MauticDelivery,
			templateId,
			(contact as MauticContact).id,
		);
		if (newest !== undefined && newest.id > mark) {
			return await recordRecoveredSend(deps, {
				req,
				input,
				contactId: (contact as MauticContact).id,
				key,
				pendingTags: marks.map((m) => m.tag),
				entry,
				out,
				step,
				base,
				notes,
				warnings,
				started,
				reason: `Step "${step}" of "${req.sequence}" was already sent to ${req.leadRef} by ${spec.basis}: an earlier run's send got no answer, and Mautic's ${table} shows ${what} sent to contact ${(contact as MauticContact).id} after it (stat ${newest.id}${newest.dateSent ? `, ${newest.dateSent.toISOString().replace('.000Z', 'Z')}` : ''}), so it is not sent again.`,
				sentAt: newest.dateSent,
			});
		}
		const live = marks.find((m) => isLiveClaim(m, Date.now()));
		if (live) {
			// Another run holds the claim: it is sending now, or it stopped between claim and send.
			return pending(
				`Step "${step}" of "${req.sequence}" for ${req.leadRef} is claimed by another run (tag ${live.tag} on Mautic contact ${(contact as MauticContact).id}) and Mautic's ${table} shows no send of ${what} after the claim: that run is sending it now, or it stopped before sending. Nothing is sent now, so it cannot go out twice; if no run is sending it, remove that tag from the contact and run again.`,
			);
		}
		const stale = marks.find((m) => m.claimedAt !== undefined);
		const earlier = stale
			? `An earlier run claimed this send (tag ${stale.tag}, ${new Date(stale.claimedAt as number).toISOString()}) and stopped before it finished`
			: 'An earlier run marked this send pending but got no answer';
		notes.push(
			`${earlier}; Mautic's ${table} has no send of ${what} to contact ${(contact as MauticContact).id} after it, so it did not arrive and is sent now.`,
		);
	}

	if (req.dryRun) {
		ledger.push(entry);
		const result = { status: 'would_send', ...base, message: out, notes, warnings };
		return { output: 0, item: resultItem(input, req.itemIndex, 'outreach', result, []) };
	}

	// Live: a contact exists (resolveContact created it or failed), except for a hand-off without Mautic,
	// which execute() allows only with ERPNext logging (the Communication remembers the send).
	const contactId = contact?.id;
	// Plain marks of earlier runs (outcome unknown, no send in the stats) go once the send is recorded.
	const written: string[] = marks.map((m) => m.tag);
	let claimedTag: string | undefined;
	if (viaMautic) {
		// Claim the send, then re-read: send only when this run's claim is the only live one.
		const claimed = await claimSend(
			mautic as MauticClient,
			chosen as MauticDelivery,
			templateId,
			contactId as number,
			key,
			mark,
			bookkeeping,
			warnings,
		);
		if (claimed.kind === 'claimed') {
			written.push(claimed.tag);
			claimedTag = claimed.tag;
			mark = claimed.mark;
		} else if (claimed.kind === 'sent') {
			const result = {
				status: 'skipped',
				...base,
				decision: 'skip',
				policy: 'already_sent',
				alreadySentOn: spec.basis,
				reason: `Step "${step}" of "${req.sequence}" was just sent to ${req.leadRef} by ${spec.basis} by another run: Mautic contact ${contactId} carries its idempotency tag ${key}.`,
				message: null,
				notes,
				warnings,
			};
			return {
				output: 0,
				item: resultItem(
					input,
					req.itemIndex,
					'outreach',
					result,
					events([decisionEvent('already_sent', null, 'skip')]),
				),
			};
		} else if (claimed.kind === 'taken') {
			return pending(
				`Step "${step}" of "${req.sequence}" for ${req.leadRef} is being sent by another run at the same time (its claim ${claimed.other} on Mautic contact ${contactId}); this run does not send it, so it goes out once.`,
			);
		}
	}
	let mauticResult: Record<string, unknown> | undefined;
	try {
		if (chosen === 'mauticEmail') {
			await (mautic as MauticClient).sendEmail(req.emailId as number, contactId as number, {
				tokens: req.mauticTokens,
				assetAttachments: req.attachments,
			});
		} else if (chosen === 'mauticSms') {
			const sms = await (mautic as MauticClient).sendSms(req.smsId as number, contactId as number);
			mauticResult = { smsStatus: sms.status };
		}
	} catch (error) {
		throw await afterFailedSend(
			mautic as MauticClient,
			contactId as number,
			written,
			error,
			claimedTag !== undefined && mark !== undefined
				? { tag: claimedTag, mark: pendingTag(key, mark) }
				: undefined,
		);
	}
	ledger.push(entry);
	if (mautic && contactId !== undefined) {
		try {
			await mautic.editTags(contactId, {
				add: [key],
				...(written.length > 0 ? { remove: written } : {}),
			});
		} catch (error) {
			bookkeeping.push({
				service: 'mautic',
				error: `idempotency tag ${key} not written: ${errorText(error)}`,
			});
			warnings.push(
				`The message was ${spec.handoff ? 'handed off' : 'sent'}, but the idempotency tag ${key} could not be added to Mautic contact ${contactId}: ${errorText(error)}.${erp ? ' The ERPNext Communication still records it.' : written.length > 0 ? " Its pending mark stays, and Mautic's stats show the send to a re-run." : ' A re-run may send it again.'}`,
			);
		}
	}
	let communication: string | undefined;
	if (erp) {
		try {
			communication = await logCommunication(erp, {
				leadRef: req.leadRef,
				quoteRef: req.quoteRef,
				delivery: chosen,
				key,
				recipient: out.to,
				subject: req.subject ?? `${req.sequence}: ${step}`,
				text: logText(out),
				sentAt: req.now,
			});
		} catch (error) {
			bookkeeping.push({
				service: 'erpnext',
				error: `Communication not logged: ${errorText(error)}`,
			});
			warnings.push(
				`The message was ${spec.handoff ? 'handed off' : 'sent'}, but logging it in ERPNext failed: ${errorText(error)}.`,
			);
		}
	}
	const status = spec.handoff ? 'handed_off' : 'sent';
	const result = {
		status,
		...base,
		message: out,
		...(mauticResult ? { mautic: mauticResult } : {}),
		...(communication ? { erpnext: { communication } } : {}),
		notes,
		warnings,
	};
	const recorded = [
		decisionEvent(spec.handoff ? 'handed_off' : 'sent', spec.handoff ? null : 'mautic'),
		// A failed bookkeeping write is an action of its own: it shows as an error of that service
		// without making the (successful) send decision look failed.
		...bookkeeping.map((b) =>
			event(deps.run, {
				step: 'outreach',
				actor: 'system',
				decision: null,
				outcome: 'error',
				lead_ref: req.leadRef,
				quote_ref: req.quoteRef ?? null,
				channel: spec.metricChannel,
				service: b.service,
				error: b.error,
			}),
		),
	];
	return {
		output: spec.handoff ? 1 : 0,
		item: resultItem(input, req.itemIndex, 'outreach', result, recorded),
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const channel = this.getNodeParameter('channel', 0) as SendChannel;
	const handoff = isHandoffChannel(channel);
	const useErpNext = this.getNodeParameter('useErpNext', 0, false) === true;
	const run = runInfo(this);
	const requests = new Array<SendRequest | undefined>(items.length);
	const failed = new Map<number, unknown>();

	// 1. Read and check every item before anything is sent.
	for (let i = 0; i < items.length; i++) {
		try {
			requests[i] = readSendRequest(this, i, channel);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			failed.set(i, error);
		}
	}

	// Mautic is needed only for what Mautic does (issue 16): its channels, and its contact, do-not-contact
	// lists and tags. A dry run, or a hand-off whose sends ERPNext logs (so a re-run sends nothing twice),
	// runs without it.
	const dryRun = this.getNodeParameter('dryRun', 0, false) === true;
	const mauticOptional = dryRun || (handoff && useErpNext);
	const mautic =
		mauticOptional && !hasCredential(this, MAUTIC_CREDENTIAL)
			? undefined
			: await mauticClient(
					this,
					handoff
						? 'to check do-not-contact and remember sends (or turn on "Use ERPNext" to log them there, or Dry Run)'
						: 'to send through Mautic (Dry Run works without it)',
				);
	const erp = useErpNext ? await erpNextClient(this) : undefined;
	const deps: Deps = { mautic, erp, run, ledgers: new Map() };

	// 2. Items of one lead or recipient in order; groups concurrently.
	const groups = groupByRecipient(
		requests.flatMap((r, index) =>
			r ? [{ index, keys: [`lead:${r.leadRef}`, recipientKey(r)] }] : [],
		),
	);
	const groupOf = new Map<number, number>(
		groups.flatMap((indices, group) => indices.map((i): [number, number] => [i, group])),
	);
	return await runItems(
		this,
		items.length,
		{ concurrency: 4, outputs: handoff ? 2 : 1, groups, failed },
		async (i) => {
			const outcome = await sendOne(
				deps,
				requests[i] as SendRequest,
				items[i],
				groupOf.get(i) ?? 0,
			);
			return { output: outcome.output, items: [outcome.item] };
		},
	);
}
