// Claim and send, so one step goes out once across runs and processes (docs/decisions/0019, issue 14):
// a pending mark an earlier run left is settled by Mautic's stats first (arrived → recorded, not
// sent again; a live claim of another run → pending, nothing sent); then this run claims the send on
// the Mautic contact (helpers/pendingSend.ts), sends through Mautic (or leaves the hand-off to the
// n8n node on the second output) and swaps its claim for the idempotency tag. The lock is keyed by
// the system of record's lead (the idempotency key is made of the Lead Reference: an ERPNext Lead or
// a Frappe CRM record), and that record's logged Communications are read before deciding, so a lost
// tag cannot cause a second send either. A dry run stops before the claim.
import type { MauticClient, MauticContact } from '../../../connectors/mautic';
import { DELIVERY, type Delivery } from './deliveries';
import type { OutgoingMessage } from './outgoingMessage';
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
} from './pendingSend';
import type { Decided } from './sendChannel';
import {
	errorText,
	type LedgerEntry,
	type Outcome,
	type SendDeps,
	type SendItem,
} from './sendContext';
import { recordRecoveredSend } from './sendLog';
import { outcome } from './sendOutcome';

export type Delivered =
	| { kind: 'done'; outcome: Outcome }
	| { kind: 'sent'; mauticResult?: Record<string, unknown> };

export async function claimAndSend(
	deps: SendDeps,
	item: SendItem,
	decided: Decided,
	contact: MauticContact | undefined,
	out: OutgoingMessage,
): Promise<Delivered> {
	const { mautic, record } = deps;
	const { req, notes, warnings, bookkeeping, ledger } = item;
	const { step, base, decisionEvent } = decided;
	const chosen = decided.delivery as Delivery;
	const spec = DELIVERY[chosen];
	const key = decided.decision.idempotencyKey as string;
	const entry: LedgerEntry = {
		at: req.now.toISOString(),
		channel: spec.basis,
		key,
		delivery: chosen,
	};
	const result = (extra: Record<string, unknown>) => ({
		...base,
		...extra,
		message: null,
		notes,
		warnings,
	});
	/** Another run holds the claim on this send: nothing is sent, and the item says why. */
	const pending = (reason: string): Delivered => ({
		kind: 'done',
		outcome: outcome(
			item,
			{ status: 'skipped', ...result({ decision: 'skip', policy: 'send_pending', reason }) },
			[decisionEvent('send_pending', null, 'skip')],
		),
	});

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
			return {
				kind: 'done',
				outcome: await recordRecoveredSend(deps, item, {
					contactId: (contact as MauticContact).id,
					key,
					pendingTags: marks.map((m) => m.tag),
					entry,
					out,
					step,
					base,
					reason: `Step "${step}" of "${req.sequence}" was already sent to ${req.leadRef} by ${spec.basis}: an earlier run's send got no answer, and Mautic's ${table} shows ${what} sent to contact ${(contact as MauticContact).id} after it (stat ${newest.id}${newest.dateSent ? `, ${newest.dateSent.toISOString().replace('.000Z', 'Z')}` : ''}), so it is not sent again.`,
					sentAt: newest.dateSent,
				}),
			};
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
		return {
			kind: 'done',
			outcome: outcome(item, { status: 'would_send', ...base, message: out, notes, warnings }, []),
		};
	}

	// Live: a contact exists (resolveContact created it or failed), except for a hand-off without Mautic,
	// which execute() allows only with a system of record (its Communication remembers the send).
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
			return {
				kind: 'done',
				outcome: outcome(
					item,
					{
						status: 'skipped',
						...result({
							decision: 'skip',
							policy: 'already_sent',
							alreadySentOn: spec.basis,
							reason: `Step "${step}" of "${req.sequence}" was just sent to ${req.leadRef} by ${spec.basis} by another run: Mautic contact ${contactId} carries its idempotency tag ${key}.`,
						}),
					},
					[decisionEvent('already_sent', null, 'skip')],
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
				`The message was ${spec.handoff ? 'handed off' : 'sent'}, but the idempotency tag ${key} could not be added to Mautic contact ${contactId}: ${errorText(error)}.${record ? ` The ${record.label} Communication still records it.` : written.length > 0 ? " Its pending mark stays, and Mautic's stats show the send to a re-run." : ' A re-run may send it again.'}`,
			);
		}
	}
	return { kind: 'sent', ...(mauticResult ? { mauticResult } : {}) };
}
