// The record of a send: the idempotency tag on the Mautic contact in place of the pending claim (what a
// re-run finds first), and a Communication in the system of record (ERPNext's Lead or Quotation, or the
// Frappe CRM record's activity), which is a second record of "already sent" and what the team reads.
// A failed bookkeeping write never turns a send into an error: the item says what was not recorded,
// and a metric event of that service's error shows it. Also finishes a send an earlier run made
// but could not record (its answer was lost).
import type { MauticClient } from '../../../connectors/mautic';
import { DELIVERY, type Delivery } from './deliveries';
import { event } from './itemOutput';
import { logText, type OutgoingMessage } from './outgoingMessage';
import {
	errorText,
	type Bookkeeping,
	type LedgerEntry,
	type Outcome,
	type SendDeps,
	type SendItem,
} from './sendContext';
import { outcome } from './sendOutcome';

export interface LoggedSend {
	doctype: string;
	communication: string;
}

/** How a logged send shows in the result: `erpnext: {communication}` or `frappeCrm: {…}`. */
export function loggedResult(
	deps: SendDeps,
	item: SendItem,
	logged: LoggedSend | undefined,
): Record<string, unknown> {
	if (!logged || !deps.record) return {};
	return deps.record.service === 'erpnext'
		? { erpnext: { communication: logged.communication } }
		: {
				frappeCrm: {
					doctype: logged.doctype,
					name: item.req.leadRef,
					communication: logged.communication,
				},
			};
}

/** Logs the sent message in the system of record; a failure is bookkeeping, with `warn` saying it. */
export async function logSent(
	deps: SendDeps,
	item: SendItem,
	sent: { delivery: Delivery; key: string; out: OutgoingMessage; step: string; sentAt: Date },
	warn: (error: string) => string,
	failures: Bookkeeping[] = item.bookkeeping,
): Promise<LoggedSend | undefined> {
	const { record } = deps;
	if (!record) return undefined;
	const { req } = item;
	try {
		return await record.log(req, {
			delivery: sent.delivery,
			key: sent.key,
			recipient: sent.out.to,
			subject: req.subject ?? `${req.sequence}: ${sent.step}`,
			text: logText(sent.out),
			sentAt: sent.sentAt,
		});
	} catch (error) {
		failures.push({
			service: record.service,
			error: `Communication not logged: ${errorText(error)}`,
		});
		item.warnings.push(warn(errorText(error)));
		return undefined;
	}
}

export interface RecoveredSend {
	contactId: number;
	key: string;
	/** The pending tags of this key on the contact, replaced by the key itself. */
	pendingTags: string[];
	entry: LedgerEntry;
	out: OutgoingMessage;
	step: string;
	base: Record<string, unknown>;
	reason: string;
	/** Mautic's `date_sent` of the send (an instant from the connector). */
	sentAt?: Date;
}

/**
 * An earlier run's send arrived although its answer was lost: skip it, and finish what that run could
 * not (the idempotency tag in place of the pending mark, the Communication in the system of record).
 * A dry run writes nothing.
 */
export async function recordRecoveredSend(
	deps: SendDeps,
	item: SendItem,
	r: RecoveredSend,
): Promise<Outcome> {
	const { req, warnings } = item;
	const result = {
		status: 'skipped',
		...r.base,
		decision: 'skip',
		policy: 'already_sent',
		alreadySentOn: r.entry.channel,
		reason: r.reason,
		message: null,
		notes: item.notes,
		warnings,
	};
	if (req.dryRun) return outcome(item, result, []);
	const failures: Bookkeeping[] = [];
	try {
		// Only reached through a Mautic delivery, so the Mautic client is there.
		await (deps.mautic as MauticClient).editTags(r.contactId, {
			add: [r.key],
			remove: r.pendingTags,
		});
	} catch (error) {
		failures.push({
			service: 'mautic',
			error: `idempotency tag ${r.key} not written: ${errorText(error)}`,
		});
		warnings.push(
			`The idempotency tag ${r.key} could not replace the pending mark on Mautic contact ${r.contactId}: ${errorText(error)}. The pending mark stays, so a re-run checks Mautic's stats again.`,
		);
	}
	const logged = await logSent(
		deps,
		item,
		{
			delivery: r.entry.delivery,
			key: r.key,
			out: r.out,
			step: r.step,
			sentAt: r.sentAt ?? req.now,
		},
		(error) => `Logging the earlier send in ${deps.record?.label ?? 'ERPNext'} failed: ${error}.`,
		failures,
	);
	const common = {
		step: 'outreach',
		actor: 'system' as const,
		lead_ref: req.leadRef,
		quote_ref: req.quoteRef ?? null,
		channel: DELIVERY[r.entry.delivery].metricChannel,
	};
	const events = [
		event(deps.run, {
			...common,
			decision: 'skip',
			outcome: 'already_sent',
			service: null,
			duration_ms: Date.now() - item.started,
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
	return outcome(item, { ...result, ...loggedResult(deps, item, logged) }, events);
}
