// The intent mark that makes a Mautic send safe to re-run after its answer was lost. The idempotency
// tag can only be written once Mautic has answered; when the answer never arrives (reset, timeout
// after Mautic processed the send) nothing recorded the send, and the next run sent it again. So,
// before sending, the contact gets a "pending" tag holding a watermark: the id of the newest
// `email_stats` (or `sms_message_stats`) row of this template and contact. Mautic writes one row per
// send (mautic.md §7), and its ids only grow, so on a re-run that finds the pending tag a newer row
// means the send did arrive: it is recorded and not repeated. No newer row means it did not, and it is
// sent. Mautic's own clock and state are the reference; n8n's clock is never compared with Mautic's.
//
// The same tag is the claim that keeps two runs of one step from both sending (issue 14, H3: two
// queue workers, a retried webhook, two webhook processors). A run writes a *live* claim,
// `<key>-pending-s<mark>-c<nonce>` with a nonce of its own, re-reads the contact, and sends only when
// its claim is the only live one and no idempotency tag is there. Mautic answers a tag write after it
// is stored, so of two runs whose claims overlap at least one sees the other's: neither sends twice.
// When claims meet, the smallest nonce stays and waits for the others to go; they yield. A live claim
// that another run finds means that run is sending now or stopped between claim and send (a crash):
// nothing is sent and the item says so (pending), never a silent second send. Once the claim is older
// than any live send can take (CLAIM_STALE_MS), its run is gone and the stats decide, as for the plain
// mark that a run whose send got no answer leaves in place of its claim.
import { randomBytes } from 'crypto';

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

/** `<idempotency key>-pending-s<stat id>-c<nonce>`: a run's live claim on the send. */
export function claimTag(key: string, mark: number, nonce: string): string {
	return `${pendingTag(key, mark)}-c${nonce}`;
}

/**
 * A claim this old is from a run that stopped before finishing (killed worker, crash): longer than a
 * live run can hold it (the 30 s request timeout of the send plus the claim's own re-reads). Such a
 * claim is settled like a plain mark, by Mautic's stats. A younger one may be a send in flight.
 */
export const CLAIM_STALE_MS = 45_000;

/**
 * A fresh claim nonce, one per send: the claiming n8n's time (seconds, base 36, 7 digits) and 12 random
 * hex digits. Older claims sort first.
 */
export function claimNonce(nowMs: number): string {
	return (
		Math.floor(nowMs / 1000)
			.toString(36)
			.padStart(7, '0') + randomBytes(6).toString('hex')
	);
}

export interface PendingMark {
	tag: string;
	mark: number;
	/** The nonce of a claim; absent on a plain mark (the claiming run ended without an answer). */
	claim?: string;
	/** When the claim was made (the claiming n8n's clock), ms since the epoch. */
	claimedAt?: number;
}

/** A claim younger than CLAIM_STALE_MS: its run may still be sending. */
export function isLiveClaim(mark: PendingMark, nowMs: number): boolean {
	return (
		mark.claim !== undefined &&
		mark.claimedAt !== undefined &&
		nowMs - mark.claimedAt < CLAIM_STALE_MS
	);
}

/** Every pending tag of `key` on the contact (plain marks and live claims), with its watermark. */
export function pendingMarks(contact: MauticContact | undefined, key: string): PendingMark[] {
	const prefix = `${key}${PENDING}`;
	return (contact?.tags ?? []).flatMap((tag) => {
		if (!tag.startsWith(prefix)) return [];
		const parts = /^(\d{1,15})(?:-c([0-9a-z]{7})([0-9a-f]{12}))?$/.exec(tag.slice(prefix.length));
		if (!parts) return [];
		const claim =
			parts[2] !== undefined
				? { claim: `${parts[2]}${parts[3]}`, claimedAt: parseInt(parts[2], 36) * 1000 }
				: {};
		return [{ tag, mark: Number(parts[1]), ...claim }];
	});
}

export interface StatRef {
	id: number;
	/** When Mautic sent it (`date_sent`, an instant from the connector), when present. */
	dateSent?: Date;
}

/** The table that gets one row per send of this delivery. */
export function statsTableOf(delivery: MauticDelivery): 'email_stats' | 'sms_message_stats' {
	return delivery === 'mauticEmail' ? 'email_stats' : 'sms_message_stats';
}

/** The newest stats row of template `templateId` sent to `contactId`, or undefined when there is none. */
export async function newestSend(
	mautic: MauticClient,
	delivery: MauticDelivery,
	templateId: number,
	contactId: number,
): Promise<StatRef | undefined> {
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
	const id =
		typeof row.id === 'number'
			? row.id
			: typeof row.id === 'string' && /^\d+$/.test(row.id)
				? Number(row.id)
				: undefined;
	if (id === undefined) return undefined;
	return {
		id,
		...(typeof row.date_sent === 'string' ? { dateSent: new Date(row.date_sent) } : {}),
	};
}
