// Outreach → Sequence and Engagement in the real n8n engine against the Mautic and ERPNext contract
// servers: enrolling adds the contact to the campaign (created when missing), an unsubscribed ERPNext
// lead is not enrolled, a campaign with transactional email steps is refused by name, a stopped
// contact is not re-enrolled by a re-run, a template campaign is copied (steps, segments, settings)
// only when its email steps are marketing type; engagement sync reads opens, clicks and replies as items with metric events.
import type { IDataObject, INode } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MauticClient, followUpCampaign } from '../../connectors/mautic';
import { MAUTIC_DEFAULTS } from '../contract/mautic-server.mts';
import { LEADS, WED_MORNING, emailSend, eventsOf, outreachWorld, runOutreach, type OutreachWorld } from './support/outreachFixtures.mts';

let world: OutreachWorld;
let campaignId: number;

beforeEach(async () => {
	world = await outreachWorld();
	const client = MauticClient.connect({ baseUrl: world.mautic.url, auth: { type: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } });
	const segment = world.mautic.state.createSegment({ name: 'Quotes sent' });
	const campaign = await client.createCampaign(
		followUpCampaign({
			name: 'Quote follow-up',
			segmentIds: [segment.id],
			steps: [
				{ name: 'D0 quote', day: 0, email: world.emailId },
				{ name: 'D2 reminder', day: 2, email: world.emailId },
				{ name: 'D5 SMS', day: 5, sms: world.smsId },
			],
		}),
	);
	campaignId = campaign.id;
});
afterEach(async () => world.stop());

const seq = (operation: string, overrides: INode['parameters'] = {}): INode['parameters'] => ({ resource: 'sequence', operation, campaignId, now: WED_MORNING, ...overrides });
const resultOf = (json: IDataObject) => json.sequence as IDataObject & { status: string; reason?: string; policy?: string };
const member = (contactId: number) => world.mautic.state.campaign(campaignId)?.members.get(contactId);

describe('Sequence: enroll and stop', () => {
	it('enrolls contacts (creating a missing one), skips an unsubscribed lead, and attaches events', async () => {
		const newcomer = { name: 'CRM-LEAD-2026-00077', email_id: 'einkauf@neu-werk.de' };
		world.erp.state.seed('Lead', [{ ...newcomer, lead_name: 'Neu Werk', unsubscribed: 0 }]);
		const out = (await runOutreach(world, [LEADS.ada, LEADS.unsubscribed, newcomer], seq('enroll', { useErpNext: true }))).output('Outreach');
		expect(out.map((i) => resultOf(i.json).status)).toEqual(['enrolled', 'skipped', 'enrolled']);
		expect(member(world.contacts.ada.id)).toBe(false);
		expect(member(world.contacts.unsubscribed.id)).toBeUndefined();
		expect(resultOf(out[1].json)).toMatchObject({ policy: 'unsubscribed' });
		expect(resultOf(out[1].json).reason).toMatch(/Unsubscribed.*Not enrolled in campaign/);
		const created = world.mautic.state.contacts().find((c) => c.fields.email === newcomer.email_id);
		expect(created && member(created.id)).toBe(false);
		expect(eventsOf(out[0])).toEqual([expect.objectContaining({ step: 'sequence', decision: 'enroll', outcome: 'enrolled', lead_ref: LEADS.ada.name })]);
		expect(eventsOf(out[1])[0]).toMatchObject({ decision: 'skip', outcome: 'unsubscribed' });
	});

	it('notes DNC channels (Mautic skips those steps) and enrolls nothing in a dry run', async () => {
		const [dry] = (await runOutreach(world, [LEADS.dnc], seq('enroll', { dryRun: true }))).output('Outreach');
		expect(resultOf(dry.json).status).toBe('would_enroll');
		expect((resultOf(dry.json).notes as string[]).join(' ')).toMatch(/Mautic skips the campaign's email steps/);
		expect(member(world.contacts.dnc.id)).toBeUndefined();
		expect(eventsOf(dry)).toEqual([]);
	});

	it('refuses a campaign whose email step is transactional, naming the step', async () => {
		const unsafe = world.mautic.state.createCampaign({ name: 'Legacy follow-up', lists: [1] });
		unsafe.events.push({ id: 501, parentId: null, name: 'Reminder', type: 'email.send', eventType: 'action', properties: { email: world.emailId } });
		const r = await runOutreach(world, [LEADS.ada], seq('enroll', { campaignId: unsafe.id }), { onError: 'continueRegularOutput' });
		expect(r.output('Outreach')[0].json.error).toMatch(
			/campaign \d+ "Legacy follow-up" has email steps that Mautic sends as transactional, which ignore do-not-contact: "Reminder" \(event 501, email type not set = transactional\)/,
		);
		expect(unsafe.members.size).toBe(0);
		const allowed = await runOutreach(world, [LEADS.ada], seq('enroll', { campaignId: unsafe.id, requireMarketing: false }));
		expect(resultOf(allowed.output('Outreach')[0].json).status).toBe('enrolled');
	});

	it('stops a sequence on reply and does not enroll the contact again on a re-run', async () => {
		await runOutreach(world, [LEADS.ada], seq('enroll'));
		const [stopped] = (await runOutreach(world, [LEADS.ada], seq('stop', { stopReason: 'replied' }))).output('Outreach');
		expect(resultOf(stopped.json)).toMatchObject({ status: 'stopped', stopReason: 'replied' });
		expect(member(world.contacts.ada.id)).toBe(true);
		expect(eventsOf(stopped)[0]).toMatchObject({ decision: 'exit', outcome: 'replied' });
		const [again] = (await runOutreach(world, [LEADS.ada], seq('enroll'))).output('Outreach');
		expect(resultOf(again.json)).toMatchObject({ status: 'skipped', policy: 'stopped_before' });
		expect(member(world.contacts.ada.id)).toBe(true);
		const [forced] = (await runOutreach(world, [LEADS.ada], seq('enroll', { options: { allowReenroll: true } }))).output('Outreach');
		expect(resultOf(forced.json).status).toBe('enrolled');
		expect(member(world.contacts.ada.id)).toBe(false);
		expect(world.mautic.state.contact(world.contacts.ada.id)?.tags).not.toContain(`ltc-stop-c${campaignId}`);
		const [nobody] = (await runOutreach(world, [{ name: 'L-x', email_id: 'nobody@nowhere-gmbh.de' }], seq('stop'))).output('Outreach');
		expect(resultOf(nobody.json)).toMatchObject({ status: 'skipped', policy: 'no_contact' });
	});
});

describe('Sequence: create from template', () => {
	it('copies a marketing-only template with its steps and segments, and refuses one with a transactional email step', async () => {
		const template = world.mautic.state.campaign(campaignId);
		const [copy] = (await runOutreach(world, [{}], { resource: 'sequence', operation: 'cloneTemplate', templateCampaignId: campaignId })).output('Outreach');
		const result = resultOf(copy.json) as unknown as IDataObject & {
			campaign: { id: number; name: string; isPublished: boolean; segmentIds: number[]; steps: Array<{ type: string; emailType: string | null }> };
		};
		expect(result.status).toBe('created');
		expect(result.campaign.id).not.toBe(campaignId);
		expect(result.campaign.name).toBe('Quote follow-up (copy)');
		expect(result.campaign.isPublished).toBe(false);
		expect(result.campaign.steps.map((s) => s.type)).toEqual(['email.send', 'email.send', 'sms.send_text_sms']);
		expect(result.campaign.steps.filter((s) => s.type === 'email.send').map((s) => s.emailType)).toEqual(['marketing', 'marketing']);
		expect(result.campaign.segmentIds).toEqual(template?.lists);
		expect((result.notes as string[])[0]).toMatch(/unpublished/);
		// What Mautic holds: three chained steps on the template's segment, with the template's intervals.
		const stored = world.mautic.state.campaign(result.campaign.id);
		expect(stored?.lists).toEqual(template?.lists);
		expect(stored?.events.map((e) => [e.name, e.triggerInterval, e.parentId === null ? null : stored.events.findIndex((p) => p.id === e.parentId)])).toEqual([
			['D0 quote', 0, null],
			['D2 reminder', 2, 0],
			['D5 SMS', 3, 1],
		]);
		expect(world.mautic.requests.some((r) => r.path.startsWith('/api/campaigns/clone'))).toBe(false);

		const [published] = (
			await runOutreach(world, [{}], { resource: 'sequence', operation: 'cloneTemplate', templateCampaignId: campaignId, copyOptions: { campaignName: 'Q4 follow-up', publish: true } })
		).output('Outreach');
		expect(resultOf(published.json)).toMatchObject({ status: 'created', campaign: { name: 'Q4 follow-up', isPublished: true } });

		const unsafe = world.mautic.state.createCampaign({ name: 'Old template', lists: [1] });
		unsafe.events.push({ id: 601, parentId: null, name: 'Offer', type: 'email.send', eventType: 'action', properties: { email: world.emailId, email_type: 'transactional' } });
		const before = world.mautic.requests.filter((r) => r.path === '/api/campaigns/new').length;
		const refused = await runOutreach(world, [{}], { resource: 'sequence', operation: 'cloneTemplate', templateCampaignId: unsafe.id });
		expect(refused.error('Outreach')?.message).toMatch(/"Offer" \(event 601, email type transactional\).*before copying it/);
		expect(world.mautic.requests.filter((r) => r.path === '/api/campaigns/new').length).toBe(before);
	});
});

describe('Engagement: sync', () => {
	it('reads sends, opens, clicks and replies as items with metric events at the time they happened', async () => {
		// Mautic's clock is 2026-11-20 10:00 UTC; send, then the lead opens, clicks and replies.
		const now = '2026-11-20T12:00:00Z';
		await runOutreach(world, [LEADS.ada], emailSend(world, { now }));
		world.mautic.state.recordOpen(world.contacts.ada.id, world.emailId);
		world.mautic.state.recordClick(world.contacts.ada.id, world.emailId, { url: 'https://example.com/datasheet', timestamp: '2026-11-20T10:30:00+00:00' });
		// A visit to the website (mtc.js) is a page hit too, but no click on our email.
		world.mautic.state.recordPageVisit(world.contacts.ada.id, { url: 'https://example.com/pricing', title: 'Pricing', timestamp: '2026-11-20T10:40:00+00:00' });
		world.mautic.state.addActivity(world.contacts.ada.id, { event: 'email.replied', timestamp: '2026-11-20T11:15:00+00:00', label: 'Re: Your quotation' });
		world.mautic.state.addActivity(world.contacts.tokyo.id, { event: 'email.read', timestamp: '2026-11-10T11:15:00+00:00' });
		const params = { resource: 'engagement', operation: 'sync', lookbackHours: 24, now, options: { quoteRef: 'SAL-QTN-2026-00042' } };
		const [ada, tokyo, unknown] = (await runOutreach(world, [LEADS.ada, LEADS.tokyo, { name: 'L-x', email_id: 'nobody@nowhere-gmbh.de' }], params)).output('Outreach');
		const summary = ada.json.engagement as IDataObject & { events: Array<{ type: string }>; outreachKeys: string[] };
		expect(summary).toMatchObject({ status: 'synced', sent: 1, opened: 1, clicked: 1, replied: true, replies: 1, lastRepliedAt: '2026-11-20T11:15:00Z' });
		expect(summary.outreachKeys).toHaveLength(1);
		expect(eventsOf(ada).map((e) => [e.step, e.outcome, e.occurred_at, e.quote_ref])).toEqual(
			expect.arrayContaining([
				['engagement', 'replied', '2026-11-20T11:15:00.000Z', 'SAL-QTN-2026-00042'],
				['engagement', 'clicked', '2026-11-20T10:30:00.000Z', 'SAL-QTN-2026-00042'],
				['engagement', 'opened', expect.stringMatching(/^2026-11-20T10:00/), 'SAL-QTN-2026-00042'],
			]),
		);
		expect(eventsOf(ada)).toHaveLength(3);
		expect(tokyo.json.engagement).toMatchObject({ sent: 0, opened: 0, replied: false });
		expect(unknown.json.engagement).toMatchObject({ status: 'skipped', policy: 'no_contact' });
		const perEvent = (await runOutreach(world, [LEADS.ada], { ...params, outputMode: 'event' })).output('Outreach');
		expect(perEvent.map((i) => (i.json.engagement as IDataObject).type).sort()).toEqual(['clicked', 'opened', 'replied', 'sent']);
		expect(perEvent.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
