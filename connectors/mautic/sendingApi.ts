// Mautic sends (mautic.md §4): a template email or an SMS to one contact, and a segment email to its
// segments. Mautic reports a failed send as HTTP 200 (`success:false`, an SMS failure even as a
// double-encoded JSON string); each becomes a MauticError here. A send is never repeated once it may
// have gone out, and the single-contact email send IGNORES do-not-contact, so callers check
// `isDoNotContact` first.
import { z } from 'zod/v4';

import { anyBody, requireId, truthy } from './api';
import type { MauticApi } from './api';
import type { HttpRequest } from '../http';
import { mauticFailure, unwrapJsonString } from './errors';
import { SegmentSendSchema, SmsSendSchema } from './schemas';

export interface EmailSendOptions {
	/** Token values; keys without braces are wrapped by Mautic (`quote_number` → `{quote_number}`). */
	tokens?: Record<string, string | number>;
	/** Asset ids attached to this send. */
	assetAttachments?: readonly number[];
}

export interface SmsSendResult {
	/** Mautic's translated status text, e.g. "Delivered" / "Sent". */
	status: string | null;
	result: unknown;
}

export interface SegmentEmailOptions {
	lists?: readonly number[];
	limit?: number;
	batch?: number;
}

/**
 * Sends template email `emailId` to one contact with tokens and attachments. Mautic sends this as
 * TRANSACTIONAL and IGNORES do-not-contact (§4): check `isDoNotContact(contact, 'email')` first.
 * `{"success":false}` with HTTP 200 is an error. Never repeated after it may have been sent.
 */
export async function sendEmail(
	api: MauticApi,
	emailId: number,
	contactId: number,
	options: EmailSendOptions = {},
): Promise<void> {
	const tokens: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.tokens ?? {})) {
		if (key.trim() === '') throw new RangeError('token names must not be empty');
		tokens[key] = String(value);
	}
	const attachments = [...(options.assetAttachments ?? [])].map((id) => requireId(id, 'asset'));
	const request: HttpRequest = {
		method: 'POST',
		url: api.apiUrl(
			`emails/${requireId(emailId, 'emailId')}/contact/${requireId(contactId, 'contactId')}/send`,
		),
		body: {
			...(Object.keys(tokens).length > 0 && { tokens }),
			...(attachments.length > 0 && { assetAttachments: attachments }),
		},
	};
	const { body } = await api.call(
		request,
		z.looseObject({ success: z.unknown().optional(), failed: z.unknown().optional() }),
	);
	if (!truthy(body.success)) {
		const failed =
			body.failed === undefined
				? ''
				: `: ${typeof body.failed === 'string' ? body.failed : JSON.stringify(body.failed)}`;
		throw api.error({
			status: 200,
			code: 'send_failed',
			message: `Mautic 200 send_failed: the email was not sent${failed}`,
			request,
		});
	}
}

/**
 * Sends SMS `smsId` to one contact. Mautic answers HTTP 200 whether or not it sent: `success:false`
 * (DNC, no number, unpublished) and the double-encoded "SMS transport is disabled." string become
 * MauticErrors. POST, because the send has side effects (the route accepts any method).
 */
export async function sendSms(
	api: MauticApi,
	smsId: number,
	contactId: number,
): Promise<SmsSendResult> {
	const request: HttpRequest = {
		method: 'POST',
		url: api.apiUrl(
			`smses/${requireId(smsId, 'smsId')}/contact/${requireId(contactId, 'contactId')}/send`,
		),
	};
	const { status, body } = await api.call(request, anyBody, { bodyErrors: 'return' });
	const value = unwrapJsonString(body);
	const failure = mauticFailure(value);
	const record =
		value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	if (failure || !record || !truthy(record.success)) {
		const smsStatus = typeof record?.status === 'string' ? record.status : undefined;
		const transportOff =
			failure?.message !== undefined && /transport is disabled/i.test(failure.message);
		const code = transportOff ? 'sms_transport_disabled' : (failure?.code ?? 'sms_failed');
		const reason = [failure?.message, smsStatus]
			.filter((s): s is string => s !== undefined && s !== '')
			.join('; ');
		const hint = transportOff
			? ' (configure an SMS transport, Twilio in Mautic 5, under Configuration → Text Message Settings)'
			: '';
		throw api.error({
			status,
			code,
			message: `Mautic ${status} ${code}: the SMS was not sent${reason ? `: ${reason}` : ''}${hint}`,
			request,
			messages: failure?.messages,
		});
	}
	const parsed = api.parse(record, SmsSendSchema, request, status);
	return { status: parsed.status ?? null, result: parsed.result ?? null };
}

/** Sends a published segment (`list`) email to its segments; DNC and resends are respected by Mautic. */
export async function sendSegmentEmail(
	api: MauticApi,
	emailId: number,
	options: SegmentEmailOptions = {},
): Promise<{ sentCount: number; failedRecipients: number }> {
	const { body } = await api.call(
		{
			method: 'POST',
			url: api.apiUrl(`emails/${requireId(emailId, 'emailId')}/send`),
			body: {
				...(options.lists !== undefined && { lists: [...options.lists] }),
				...(options.limit !== undefined && { limit: options.limit }),
				...(options.batch !== undefined && { batch: options.batch }),
			},
		},
		SegmentSendSchema,
	);
	return { sentCount: body.sentCount ?? 0, failedRecipients: body.failedRecipients ?? 0 };
}
