// The intent mark that makes a Mautic send safe to re-run after its answer was lost. The idempotency
// tag can only be written once Mautic has answered; when the answer never arrives (reset, timeout
// after Mautic processed the send) nothing recorded the send, and the next run sent it again. So,
// before sending, the contact gets a "pending" tag holding a watermark: the id of the newest
// `email_stats` (or `sms_message_stats`) row of this template and contact. Mautic writes one row per
// send (mautic.md §7), and its ids only grow, so on a re-run that finds the pending tag a newer row
// means the send did arrive: it is recorded and not repeated. No newer row means it did not, and it is
// sent. Mautic's own clock and state are the reference; n8n's clock is never compared with Mautic's.
import type { MauticClient, MauticContact, StatRow } from '../../../connectors/mautic';

import type { Delivery } from './deliveries';

/** Mautic deliveries that send through Mautic and so leave a stats row; hand-offs do not. */
export type MauticDelivery = Extract<Delivery, 'mauticEmail' | 'mauticSms'>;

export function isMauticDelivery(delivery: Delivery): delivery is MauticDelivery {
	return delivery === 'mauticEmail' || delivery === 'mauticSms';
}

const PENDING = '-pending-s';

/** `<idempotency key>-pending-s<stat id>`; never matches the idempotency key pattern itself. */
export function pendingTag(key: string, mark: number): string {
	return `${key}${PENDING}${mark}`;
}

/** Every pending tag of `key` on the contact, with its watermark. */
export function pendingMarks(contact: MauticContact | undefined, key: string): Array<{ tag: string; mark: number }> {
	const prefix = `${key}${PENDING}`;
	return (contact?.tags ?? []).flatMap((tag) => {
		if (!tag.startsWith(prefix)) return [];
		const rest = tag.slice(prefix.length);
		return /^\d{1,15}$/.test(rest) ? [{ tag, mark: Number(rest) }] : [];
	});
}

export interface StatRef {
	id: number;
	/** `date_sent` as Mautic stored it (UTC database time), when present. */
	dateSent?: string;
}

/** The table that gets one row per send of this delivery. */
export function statsTableOf(delivery: MauticDelivery): 'email_stats' | 'sms_message_stats' {
	return delivery === 'mauticEmail' ? 'email_stats' : 'sms_message_stats';
}

/** The newest stats row of template `templateId` sent to `contactId`, or undefined when there is none. */
export async function newestSend(mautic: MauticClient, delivery: MauticDelivery, templateId: number, contactId: number): Promise<StatRef | undefined> {
	const template = delivery === 'mauticEmail' ? 'email_id' : 'sms_id';
	const rows = mautic.statsTable(statsTableOf(delivery), {
		where: [
			{ col: 'lead_id', expr: 'eq', val: contactId },
			{ col: template, expr: 'eq', val: templateId },
		],
		order: [{ col: 'id', dir: 'DESC' }],
		limit: 1,
		pageSize: 1,
	});
	for await (const row of rows) return statRef(row);
	return undefined;
}

function statRef(row: StatRow): StatRef | undefined {
	const id = typeof row.id === 'number' ? row.id : typeof row.id === 'string' && /^\d+$/.test(row.id) ? Number(row.id) : undefined;
	if (id === undefined) return undefined;
	return { id, ...(typeof row.date_sent === 'string' && row.date_sent.trim() !== '' ? { dateSent: row.date_sent.trim() } : {}) };
}
