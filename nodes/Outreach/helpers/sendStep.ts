// Which step a Send item sends: the named step, or the one due now on a follow-up schedule (d0, d2, d5 …
// from the sequence start, in the recipient's zone: the item's, else the existing Mautic contact's).
// When nothing is due, or the lead replied, the item ends here, decided from the schedule alone, and
// nothing is created in Mautic for it.
import type { MauticContact } from '../../../connectors/mautic';
import { dueFollowUpStep, resolveTimeZone } from '../../../core/outreach';
import { event } from './itemOutput';
import { fieldText, findExistingContact } from './mauticContact';
import type { Outcome, SendDeps, SendItem } from './sendContext';
import { outcome } from './sendOutcome';

export type StepChoice =
	| { kind: 'step'; step: string; contact: MauticContact | undefined }
	| { kind: 'done'; outcome: Outcome };

export async function chooseStep(deps: SendDeps, item: SendItem): Promise<StepChoice> {
	const { req, notes, warnings } = item;
	const { mautic } = deps;
	const lookup = { contactId: req.contactId, email: req.email, fields: req.contactFields };
	const contact = req.schedule && mautic ? await findExistingContact(mautic, lookup) : undefined;
	if (!req.schedule) return { kind: 'step', step: req.step, contact };
	const zone = resolveTimeZone(
		{
			timeZone: req.timeZone ?? fieldText(contact, 'timezone'),
			country: req.country ?? fieldText(contact, 'country'),
		},
		req.policy.defaultTimeZone,
	).timeZone;
	const scheduled = dueFollowUpStep(
		req.schedule.start,
		req.schedule.days,
		req.schedule.replies,
		zone,
		req.now,
	);
	if (scheduled.kind === 'due') {
		notes.push(...scheduled.notes);
		return { kind: 'step', step: scheduled.step, contact };
	}
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
		duration_ms: Date.now() - item.started,
	});
	return { kind: 'done', outcome: outcome(item, result, [metric]) };
}
