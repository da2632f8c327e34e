// Send message: one message per item, through every policy of core/outreach before anything goes
// out. One job per file, in the order an item meets them:
//   1. step      helpers/sendStep.ts     the named step, or the one due now on a follow-up schedule
//   2. consent   helpers/sendConsent.ts  the system of record (helpers/sendRecord.ts: ERPNext's Lead,
//                                        or Frappe CRM's record, Contacts and Email Unsubscribes), the
//                                        Mautic contact (DNC entries, tags), the logged messages
//   3. channel   helpers/sendChannel.ts  decide (already sent → unsubscribed → channel with DNC and
//                                        fallback → quiet hours, weekdays, frequency cap) and deliver by
//   4. compose   helpers/outgoingMessage.ts  the exact message, the same in a dry run
//   5. send      helpers/sendClaim.ts    settle an earlier run's pending mark, claim, send through
//                                        Mautic or hand off, swap the claim for the idempotency tag
//   6. log       helpers/sendLog.ts      the Communication in the system of record
// A dry run does every read and every decision, renders the exact message, and writes nothing. Items
// of one lead or recipient run in order, so a duplicate item in the same batch is skipped like a
// re-run is. This file is the n8n adapter: it reads the items, builds the clients and runs the jobs.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CrmDoctype } from '../../../../core/outreach';
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
import { event, runInfo } from '../../helpers/itemOutput';
import { messageFor } from '../../helpers/outgoingMessage';
import { groupByRecipient } from '../../helpers/recipientGroups';
import { decide } from '../../helpers/sendChannel';
import { claimAndSend } from '../../helpers/sendClaim';
import { readRecipient } from '../../helpers/sendConsent';
import type { Outcome, SendDeps, SendItem } from '../../helpers/sendContext';
import { logSent, loggedResult } from '../../helpers/sendLog';
import { outcome } from '../../helpers/sendOutcome';
import { erpNextRecord, frappeCrmRecord, type SendRecord } from '../../helpers/sendRecord';
import { readSendRequest, recipientKey, type SendRequest } from '../../helpers/sendRequest';
import { chooseStep } from '../../helpers/sendStep';

export { description } from './send.description';

async function sendOne(
	deps: SendDeps,
	req: SendRequest,
	input: INodeExecutionData,
	group: number,
): Promise<Outcome> {
	const ledger = deps.ledgers.get(group) ?? [];
	deps.ledgers.set(group, ledger);
	const item: SendItem = {
		req,
		input,
		started: Date.now(),
		notes: [],
		warnings: [],
		bookkeeping: [],
		ledger,
	};
	const { notes, warnings } = item;

	const chosen = await chooseStep(deps, item);
	if (chosen.kind === 'done') return chosen.outcome;
	const recipient = await readRecipient(deps, item, chosen.contact);
	const decided = decide(deps, item, chosen.step, recipient);
	const { decision, delivery, base, decisionEvent } = decided;
	const message = delivery
		? messageFor(delivery, req, recipient.contact, recipient.email, recipient.phone)
		: null;

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
		return outcome(item, result, [decisionEvent(decision.policy)]);
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
		return outcome(item, result, [decisionEvent(decision.policy)]);
	}

	const out = message as NonNullable<typeof message>;
	const spec = DELIVERY[delivery as Delivery];
	const delivered = await claimAndSend(deps, item, decided, recipient.contact, out);
	if (delivered.kind === 'done') return delivered.outcome;
	const logged = await logSent(
		deps,
		item,
		{
			delivery: delivery as Delivery,
			key: decision.idempotencyKey,
			out,
			step: decided.step,
			sentAt: req.now,
		},
		(error) =>
			`The message was ${spec.handoff ? 'handed off' : 'sent'}, but logging it in ${deps.record?.label ?? 'ERPNext'} failed: ${error}.`,
	);
	const result = {
		status: spec.handoff ? 'handed_off' : 'sent',
		...base,
		message: out,
		...(delivered.mauticResult ? { mautic: delivered.mauticResult } : {}),
		...loggedResult(deps, item, logged),
		notes,
		warnings,
	};
	const recorded = [
		decisionEvent(spec.handoff ? 'handed_off' : 'sent', spec.handoff ? null : 'mautic'),
		// A failed bookkeeping write is an action of its own: it shows as an error of that service
		// without making the (successful) send decision look failed.
		...item.bookkeeping.map((b) =>
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
	return outcome(item, result, recorded, spec.handoff ? 1 : 0);
}

/** Whether consent is checked and sends are logged in a system of record (docs/decisions/0034). */
function usesRecord(ctx: IExecuteFunctions): boolean {
	const system = ctx.getNodeParameter('systemOfRecord', 0, 'erpnext');
	return ctx.getNodeParameter('useErpNext', 0, system === 'frappeCrm') === true;
}

/** The system of record the node checks consent in and logs to: ERPNext's Lead or Frappe CRM's record. */
async function sendRecordOf(ctx: IExecuteFunctions): Promise<SendRecord> {
	if (ctx.getNodeParameter('systemOfRecord', 0, 'erpnext') !== 'frappeCrm')
		return erpNextRecord(await erpNextClient(ctx));
	const erp = await erpNextClient(ctx, 'for "Check Consent and Log in Frappe CRM"');
	const doctype = ctx.getNodeParameter('crmDoctype', 0, 'CRM Lead') as CrmDoctype;
	return frappeCrmRecord(erp, doctype);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const channel = this.getNodeParameter('channel', 0) as SendChannel;
	const handoff = isHandoffChannel(channel);
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
	// lists and tags. A dry run, or a hand-off whose sends the system of record logs (so a re-run sends
	// nothing twice), runs without it.
	const withRecord = usesRecord(this);
	const dryRun = this.getNodeParameter('dryRun', 0, false) === true;
	const mauticOptional = dryRun || (handoff && withRecord);
	const mautic =
		mauticOptional && !hasCredential(this, MAUTIC_CREDENTIAL)
			? undefined
			: await mauticClient(
					this,
					handoff
						? 'to check do-not-contact and remember sends (or turn on "Use ERPNext" to log them there, or Dry Run)'
						: 'to send through Mautic (Dry Run works without it)',
				);
	const record = withRecord ? await sendRecordOf(this) : undefined;
	const deps: SendDeps = { mautic, record, run, ledgers: new Map() };

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
			const result = await sendOne(deps, requests[i] as SendRequest, items[i], groupOf.get(i) ?? 0);
			return { output: result.output, items: [result.item] };
		},
	);
}
