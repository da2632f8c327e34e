// One Send, read from an item's parameters and checked before anything is looked up or sent: who
// (lead reference, email, phone, Mautic contact), which step of which sequence, which deliveries in
// preference order, the rendered text and subject (core renderTemplate: a missing {{token}} is an
// error, never a literal placeholder in a message), the Mautic email/SMS ids, tokens and
// attachments, the clock and the sending policy.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	mauticFieldValue,
	mauticTokenValue,
	renderTemplate,
	singleLine,
	type OutreachPolicy,
} from '../../../core/outreach';
import { dateParameter } from '../../shared/clock';
import { readNow } from './clock';
import { DELIVERY, deliveriesOf, type Delivery, type SendChannel } from './deliveries';
import { parseDays, type ScheduleInput } from './followUpStep';
import {
	fail,
	idList,
	mauticLocatorId,
	optionalEmail,
	optionalMauticId,
	optionalText,
	requiredText,
	tokenValues,
} from './parameters';
import { readPolicy } from './policy';

export interface SendRequest {
	itemIndex: number;
	leadRef: string;
	step: string;
	sequence: string;
	email?: string;
	phone?: string;
	country?: string;
	timeZone?: string;
	contactId?: number;
	quoteRef?: string;
	createContact: boolean;
	/** The item says the lead opted out (ERPNext is asked as well when enabled). */
	unsubscribed: boolean;
	contactFields: Record<string, string>;
	deliveries: Delivery[];
	emailId?: number;
	smsId?: number;
	tokens: Record<string, string>;
	/** The token values as they go to Mautic's e-mail send: lead text escaped and stripped (core leadText, M4). */
	mauticTokens: Record<string, string>;
	attachments: number[];
	slackRecipient?: string;
	subject?: string;
	text?: string;
	now: Date;
	dryRun: boolean;
	policy: OutreachPolicy;
	/** Set when the step comes from the follow-up schedule (decided once the recipient's zone is known). */
	schedule?: ScheduleInput;
}

function render(
	ctx: IExecuteFunctions,
	template: string | undefined,
	tokens: Record<string, string>,
	label: string,
	itemIndex: number,
): string | undefined {
	if (template === undefined) return undefined;
	const rendered = renderTemplate(template, tokens);
	if (!rendered.ok) {
		return fail(
			ctx,
			itemIndex,
			`${label}: ${rendered.reason}`,
			'Add the missing names under "Tokens", or write the value with an n8n expression instead.',
		);
	}
	return rendered.text;
}

export function readSendRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	channel: SendChannel,
): SendRequest {
	const p = (name: string, fallback: unknown = '') =>
		ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	const options = p('options', {}) as IDataObject;
	const deliveries = deliveriesOf(channel);
	const uses = (d: Delivery) => deliveries.includes(d);
	const leadRef = requiredText(
		ctx,
		p('leadRef'),
		'Lead Reference',
		itemIndex,
		'Map the ERPNext Lead name (or your own lead ID): it is part of the idempotency key.',
	);
	const now = readNow(ctx, itemIndex);
	const policy = readPolicy(ctx, itemIndex);
	const country = optionalText(ctx, options.country, 'Country', itemIndex);
	const timeZone = optionalText(ctx, options.timeZone, 'Time Zone', itemIndex);
	const schedule = p('stepMode', 'fixed') === 'schedule' ? readSchedule(ctx, itemIndex) : undefined;
	const step = schedule
		? 'schedule'
		: requiredText(
				ctx,
				p('step'),
				'Step',
				itemIndex,
				'Name the sequence step, e.g. "d0" or "quote-sent": one message per lead and step.',
			);
	const sequence = optionalText(ctx, p('sequence'), 'Sequence', itemIndex) ?? 'outreach';
	const tokens = tokenValues(ctx, p('tokens', {}), itemIndex);
	const needsPhone = deliveries.some((d) => DELIVERY[d].basis === 'sms');
	const request: SendRequest = {
		itemIndex,
		leadRef,
		step,
		sequence,
		email: optionalEmail(ctx, p('email'), itemIndex),
		phone: needsPhone ? optionalText(ctx, p('phone'), 'Phone', itemIndex) : undefined,
		country,
		timeZone,
		contactId: optionalMauticId(ctx, options.mauticContactId, 'Mautic Contact ID', itemIndex),
		quoteRef: optionalText(ctx, options.quoteRef, 'Quotation Reference', itemIndex),
		createContact: options.createContact !== false,
		unsubscribed: options.unsubscribed === true,
		contactFields: {},
		deliveries,
		tokens,
		mauticTokens: mauticTokensOf(ctx, itemIndex, tokens),
		attachments: uses('mauticEmail')
			? idList(ctx, p('assetAttachments'), 'Asset Attachments', itemIndex)
			: [],
		now,
		dryRun: p('dryRun', false) === true,
		policy,
		...(schedule ? { schedule } : {}),
	};
	for (const [option, alias] of [
		['firstName', 'firstname'],
		['lastName', 'lastname'],
		['company', 'company'],
	] as const) {
		const value = optionalText(ctx, options[option], option, itemIndex);
		// A lead's name or company: no markup, no Mautic token syntax, no line breaks (M4).
		if (value !== undefined && mauticFieldValue(value) !== '')
			request.contactFields[alias] = mauticFieldValue(value);
	}
	if (request.phone) request.contactFields.mobile = request.phone;
	if (request.country) request.contactFields.country = request.country;
	if (uses('mauticEmail'))
		request.emailId = mauticLocatorId(ctx, 'emailId', 'Mautic Email', itemIndex);
	if (uses('mauticSms')) request.smsId = mauticLocatorId(ctx, 'smsId', 'Mautic SMS', itemIndex);
	if (uses('slack'))
		request.slackRecipient = requiredText(ctx, p('slackRecipient'), 'Slack Recipient', itemIndex);
	const subject = render(
		ctx,
		optionalText(ctx, p('subject'), 'Subject', itemIndex),
		tokens,
		'Subject',
		itemIndex,
	);
	// A subject is one header line: a line break in a lead's name must not start another (M4).
	request.subject = subject === undefined ? undefined : singleLine(subject);
	request.text = render(
		ctx,
		optionalText(ctx, p('message'), 'Message', itemIndex),
		tokens,
		'Message',
		itemIndex,
	);
	const handoff = deliveries.find((d) => DELIVERY[d].handoff);
	if (handoff && request.text === undefined) {
		fail(
			ctx,
			itemIndex,
			`Message is empty: ${DELIVERY[handoff].label} is sent by an n8n node, which needs the text`,
		);
	}
	if (uses('n8nEmail') && request.subject === undefined)
		fail(ctx, itemIndex, 'Subject is empty: the email hand-off needs a subject');
	return request;
}

/**
 * Token values for Mautic's e-mail send: HTML-escaped, without token syntax and line breaks, unless the
 * token is marked "HTML From You" (markup from the workflow's author, e.g. a table of quote lines).
 */
function mauticTokensOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	tokens: Record<string, string>,
): Record<string, string> {
	const rows = ((ctx.getNodeParameter('tokens', itemIndex, {}) as IDataObject | undefined)?.token ??
		[]) as IDataObject[];
	const html = new Set(
		(Array.isArray(rows) ? rows : [])
			.filter((r) => r.html === true)
			.map((r) =>
				String(r.name ?? '')
					.trim()
					.replace(/^\{+|\}+$/g, ''),
			),
	);
	return Object.fromEntries(
		Object.entries(tokens).map(([name, value]) => [
			name,
			html.has(name) ? value : mauticTokenValue(value),
		]),
	);
}

/** An instant as ISO 8601 UTC, the form core followUpSchedule reads. */
function iso(date: Date): string {
	return date.toISOString().replace('.000Z', 'Z');
}

/** The due step of the follow-up schedule ("Step" = From Follow-Up Schedule). */
function readSchedule(ctx: IExecuteFunctions, itemIndex: number): ScheduleInput {
	// Read like every date parameter (nodes/shared/clock.ts): an offset or Z is that instant, without
	// one the workflow's time zone.
	const hint = 'Give when the sequence started, e.g. when the quote was sent.';
	const start = dateParameter(
		ctx,
		ctx.getNodeParameter('sequenceStart', itemIndex, ''),
		'Sequence Start',
		itemIndex,
		hint,
	);
	if (start === undefined)
		return fail(
			ctx,
			itemIndex,
			'Sequence Start is empty: a follow-up schedule counts its days from it',
			hint,
		);
	const daysText = String(ctx.getNodeParameter('scheduleDays', itemIndex, '0, 2, 5, 7, 14'));
	const days = parseDays(daysText);
	if (!days || days.some((d, i) => i > 0 && d <= days[i - 1])) {
		return fail(
			ctx,
			itemIndex,
			`Schedule Days must be increasing whole days after the start, e.g. "0, 2, 5, 7, 14", got ${JSON.stringify(daysText)}`,
		);
	}
	const repliesRaw: unknown = ctx.getNodeParameter('repliedAt', itemIndex, '');
	const list = Array.isArray(repliesRaw)
		? repliesRaw
		: typeof repliesRaw === 'string'
			? repliesRaw.split(',')
			: [repliesRaw];
	const replies = list
		.map((value) =>
			dateParameter(
				ctx,
				typeof value === 'string' ? value.trim() : value,
				'Replied At',
				itemIndex,
				'Leave it empty when the lead has not replied.',
			),
		)
		.filter((date): date is Date => date !== undefined);
	return { start: iso(start), days, replies: replies.map(iso) };
}

/** Items for the same recipient run one after another, so the second sees the first one's tag. */
export function recipientKey(request: SendRequest): string {
	if (request.contactId !== undefined) return `id:${request.contactId}`;
	if (request.email) return `email:${request.email.toLowerCase()}`;
	return `lead:${request.leadRef}`;
}
