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
import { sleep } from 'n8n-workflow';

import { MauticError, sameFailure } from '../../../connectors/http';
import type { MauticClient, MauticContact, StatRow } from '../../../connectors/mautic';

import type { Delivery } from './deliveries';
import { keysFromTags } from './mauticContact';
import type { Bookkeeping } from './sendContext';

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

// ---------------------------------------------------------------------------------------------
// The claim: how two runs sending the same step at the same moment agree that one of them sends
// ---------------------------------------------------------------------------------------------

const errorText = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

export type Claim =
	| { kind: 'claimed'; tag: string; mark: number }
	| { kind: 'sent' }
	| { kind: 'taken'; other: string }
	| { kind: 'unguarded' };

/** How often a run whose claim met only later claims re-reads the contact before it gives up. */
const CLAIM_POLLS = 20;

export async function dropClaim(
	mautic: MauticClient,
	contactId: number,
	tag: string,
): Promise<void> {
	try {
		await mautic.editTags(contactId, { remove: [tag] });
	} catch {
		// A claim left behind holds later runs as pending (visible), never sends twice.
	}
}

/**
 * Writes this run's live claim on the send and re-reads the contact. Claimed
 * when it is the only live claim and no idempotency tag is there; `sent` when another run's send was
 * recorded meanwhile. When claims meet, the one with the smallest nonce stays and re-reads until the
 * others are gone; every other run takes its claim off and yields (`taken`). Sending needs the only
 * live claim, so two runs never both send; the smallest claim waits, so one of them does. A claim
 * Mautic refuses to store leaves the send unguarded (as before issue 14: sent with a warning).
 */
export async function claimSend(
	mautic: MauticClient,
	delivery: MauticDelivery,
	templateId: number,
	contactId: number,
	key: string,
	knownMark: number | undefined,
	bookkeeping: Bookkeeping[],
	warnings: string[],
): Promise<Claim> {
	let tag: string;
	let mark: number;
	const nonce = claimNonce(Date.now());
	try {
		mark = knownMark ?? (await newestSend(mautic, delivery, templateId, contactId))?.id ?? 0;
		tag = claimTag(key, mark, nonce);
		await mautic.editTags(contactId, { add: [tag] });
	} catch (error) {
		bookkeeping.push({
			service: 'mautic',
			error: `pending mark for ${key} not written: ${errorText(error)}`,
		});
		warnings.push(
			`The send could not be marked pending on Mautic contact ${contactId} first (${errorText(error)}); had its answer been lost, a re-run could not have told whether it arrived, and a run sending the same step at the same moment was not held back.`,
		);
		return { kind: 'unguarded' };
	}
	for (let poll = 0; ; poll++) {
		let now: MauticContact | undefined;
		let failure: unknown;
		try {
			now = await mautic.getContact(contactId);
		} catch (error) {
			failure = error;
		}
		if (now === undefined) {
			await dropClaim(mautic, contactId, tag);
			throw failure;
		}
		if (keysFromTags(now).includes(key)) {
			await dropClaim(mautic, contactId, tag);
			return { kind: 'sent' };
		}
		const marks = pendingMarks(now, key);
		const at = Date.now();
		const others = marks.filter((m) => m.tag !== tag && isLiveClaim(m, at));
		if (others.length === 0) {
			// A run that ended without an answer leaves a plain mark (or a stale claim): its send may have arrived.
			if (
				marks.some((m) => m.tag !== tag && !isLiveClaim(m, at)) &&
				((await newestSend(mautic, delivery, templateId, contactId))?.id ?? 0) > mark
			) {
				await dropClaim(mautic, contactId, tag);
				return { kind: 'sent' };
			}
			return { kind: 'claimed', tag, mark };
		}
		const first = others.find((m) => (m.claim as string) < nonce);
		if (first !== undefined || poll >= CLAIM_POLLS) {
			await dropClaim(mautic, contactId, tag);
			return { kind: 'taken', other: (first ?? others[0]).tag };
		}
		await sleep(100 + Math.floor(Math.random() * 200));
	}
}

/**
 * What a failed send leaves behind. When Mautic answered that it did not send (4xx, or HTTP 200 with
 * `success:false` / `errors[]`) the pending mark is taken off again (best effort). When the answer
 * may have been lost, the mark stays and the error says that a re-run checks before sending.
 */
export async function afterFailedSend(
	mautic: MauticClient,
	contactId: number,
	pendingTags: string[],
	error: unknown,
	claim?: { tag: string; mark: string },
): Promise<unknown> {
	if (pendingTags.length === 0 || !(error instanceof MauticError)) return error;
	if (error.kind === 'http' && error.status !== undefined && error.status < 500) {
		try {
			await mautic.editTags(contactId, { remove: pendingTags });
		} catch {
			// A stale mark only costs the re-run one stats read: it finds no send and sends.
		}
		return error;
	}
	if (claim) {
		// This run has ended: its live claim becomes the plain mark ("outcome unknown"), which a re-run
		// settles with Mautic's stats. Left live (this write failed), a re-run reports it pending.
		try {
			await mautic.editTags(contactId, { add: [claim.mark], remove: [claim.tag] });
		} catch {
			// See above: visible as pending, never sent twice.
		}
	}
	return new MauticError({
		...sameFailure(error),
		message: `${error.message}. The message may have reached Mautic; it is marked pending on contact ${contactId}, so a re-run checks Mautic's stats and does not send it twice`,
	});
}
