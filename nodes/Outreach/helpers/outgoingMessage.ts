// What one send hands to its delivery (Mautic e-mail or SMS, an n8n e-mail, Slack or another hand-off) and
// how it reads in the ERPNext send log: the same message in a dry run and a live run.
import type { MauticContact } from '../../../connectors/mautic';
import { messageHtml } from '../../../core/outreach';

import { DELIVERY, type Delivery } from './deliveries';
import type { SendRequest } from './sendRequest';

/** What the node sends (or would send, or hands off), identical in a dry run and a live run. */
export interface OutgoingMessage {
	delivery: Delivery;
	channel: string;
	to: string | null;
	mauticContactId: number | null;
	mauticEmailId?: number;
	mauticSmsId?: number;
	tokens?: Record<string, string>;
	assetAttachments?: number[];
	subject: string | null;
	text: string | null;
	/** The text HTML-escaped (n8n email hand-off only): lead data in it cannot become markup. */
	html?: string | null;
}

export function messageFor(
	delivery: Delivery,
	req: SendRequest,
	contact: MauticContact | undefined,
	email?: string,
	phone?: string,
): OutgoingMessage {
	const base = {
		delivery,
		channel: DELIVERY[delivery].metricChannel,
		mauticContactId: contact?.id ?? null,
		subject: req.subject ?? null,
		text: req.text ?? null,
	};
	switch (delivery) {
		case 'mauticEmail':
			return {
				...base,
				to: email ?? null,
				mauticEmailId: req.emailId,
				tokens: req.mauticTokens,
				assetAttachments: req.attachments,
			};
		case 'mauticSms':
			return { ...base, to: phone ?? null, mauticSmsId: req.smsId };
		case 'slack':
			return { ...base, to: req.slackRecipient ?? null };
		case 'n8nEmail':
			// `text` is plain text; `html` is the same text escaped, for Send Email in HTML format (M4).
			return {
				...base,
				to: email ?? null,
				html: req.text === undefined ? null : messageHtml(req.text),
			};
		default:
			return { ...base, to: phone ?? null };
	}
}

export function logText(message: OutgoingMessage): string {
	if (message.text) return message.text;
	const tokens = Object.entries(message.tokens ?? {})
		.map(([k, v]) => `${k}: ${v}`)
		.join(', ');
	if (message.delivery === 'mauticEmail') {
		return `Mautic email #${message.mauticEmailId}${tokens ? ` with ${tokens}` : ''}${message.assetAttachments?.length ? `; attachments ${message.assetAttachments.join(', ')}` : ''}.`;
	}
	return `Mautic text message #${message.mauticSmsId}.`;
}
