// The Desk Approval node's lead operations with System of Record "Frappe CRM" (ADR 0047) in the n8n engine
// (in-process) against the Frappe contract server hosting the Frappe CRM app (frappe/crm @ 8b7dfdde).
// Request Lead Review makes one CRM Task on the CRM Lead for its owner (two runs at once included: the
// review's key in the task's unique field), with the reasons escaped, a title without lead text and the
// Reviewed Route field on the lead page; Read Lead Decision reads Done as accept or (with a Reviewed
// Route) override, Canceled as dismiss, once, tells a quote task from a lead task, and in propose-only
// mode writes the AI values on the CRM Lead once.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readCrmLeadProposal } from '../../core/approvals/crmLeadReview';
import { makeEvent, type MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { TestStartNode, chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const CRM = { apiKey: 'crm-lead-review-key', apiSecret: 'crm-lead-review-secret-47aa' };
const OWNER = 'anna.berg@example.com';
const REVIEWER = 'sales.manager@example.com';
const QUALIFIED_AT = '2026-01-05T08:00:00.000Z';

/** Emits its items and notes their events as made in this execution, as the Lead Qualifier does. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) noteMadeEvents(this, (item.json._ltcEvents ?? []) as MetricEvent[]);
		return [items];
	}
}

let crm: ErpNextServer;
beforeEach(async () => {
	crm = await startErpNextServer({ ...CRM, apps: ['crm'], timeZone: 'Europe/Berlin' });
});
afterEach(async () => {
	await crm?.stop();
});

async function run(start: 'test.emit' | 'test.start', items: IDataObject[], params: IDataObject) {
	return await runWorkflow({
		nodeTypes: { 'test.emit': new TestEmitNode(), [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: crm.url, ...CRM } } as never,
		nodes: [
			node('Start', start, { items: JSON.stringify(items) }),
			node('Desk Approval', TYPE, params as never, { continueOnFail: true } as never),
		],
		connections: chain('Start', 'Desk Approval'),
	});
}

/** A Lead Qualifier review item for a CRM Lead (score 60: the AI proposes qualified), with a hostile reason. */
function reviewItem(lead: string, fields: IDataObject | null = null): IDataObject {
	crm.state.seed('CRM Lead', [
		{
			name: lead,
			naming_series: 'CRM-LEAD-.YYYY.-',
			first_name: 'Ada',
			lead_name: 'Ada <b>Byte</b>',
			organization: 'Byte GmbH',
			email: `${lead.toLowerCase()}@byte.example`,
			status: 'New',
			lead_owner: OWNER,
		},
	]);
	const qualify = makeEvent(
		{
			workflow: 'Lead-to-Close (Frappe CRM)',
			execution_id: '947',
			step: 'qualify',
			actor: 'system',
			decision: 'review',
			outcome: fields ? 'proposed' : 'written',
			lead_ref: lead,
			score: 60,
			confidence: 0.5,
		},
		QUALIFIED_AT,
	);
	return {
		score: 60,
		grade: 'B',
		route: 'review',
		reasons: [
			{ factor: 'need', points: 20, detail: '<img src=x onerror=alert(1)> PLC', evidence: '' },
		],
		lead: { ref: lead },
		proposal: {
			route: 'qualified',
			fields,
			proposeOnly: fields
				? "propose-only mode is on for this site (the credential's Propose Only switch)"
				: null,
		},
		_ltcEvents: [qualify],
	};
}
const REQUEST = { operation: 'requestLead', systemOfRecord: 'frappeCrm' };
const DECIDE = { operation: 'decideLead', systemOfRecord: 'frappeCrm' };
const request = (item: IDataObject) => run('test.emit', [item], REQUEST);
const decide = (task: string) => run('test.start', [{ name: task }], DECIDE);
const tasksOf = (lead: string) =>
	crm.state
		.all('CRM Task')
		.filter((t) => t.reference_doctype === 'CRM Lead' && t.reference_docname === lead);

/** What the reviewer does in Frappe CRM: a save of the task (or the lead), by them, now. */
function inCrm(doctype: string, name: string, changes: Record<string, unknown>) {
	crm.state.dbSet(doctype, name, changes);
	Object.assign(crm.state.get(doctype, name)!, {
		modified_by: REVIEWER,
		modified: DateTime.now().setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm:ss.SSS000'),
	});
}
const outputs = (r: Awaited<ReturnType<typeof run>>) =>
	[0, 1, 2, 3, 4].map((o) => r.output('Desk Approval', o).map((i) => i.json as IDataObject));

describe('Desk Approval × Frappe CRM: Request Lead Review', () => {
	it('makes one CRM Task on the lead for its owner: reasons escaped, no lead text in the title, the proposal in its marker, Reviewed Route on the lead page; a retry reuses it', async () => {
		const lead = 'CRM-LEAD-2026-00971';
		const first = await request(reviewItem(lead));
		expect(first.output('Desk Approval')[0].json.approval).toMatchObject({
			status: 'pending',
			lead,
			proposedRoute: 'qualified',
			proposeOnly: false,
			assignedTo: OWNER,
			reused: false,
		});
		const [task] = tasksOf(lead);
		expect(task).toMatchObject({ status: 'Todo', priority: 'Medium', assigned_to: OWNER });
		expect(task.title).toBe(`Review AI route for ${lead}: qualified (score 60)`);
		const text = String(task.description);
		expect(text).toContain('<li>+20 need: &lt;img src=x onerror=alert(1)&gt; PLC</li>');
		expect(text).not.toContain('<img');
		expect(text).toContain('set this task to Done');
		expect(text).toContain(
			"pick it in <em>Reviewed Route</em> in the lead's AI Qualification panel first",
		);
		expect(readCrmLeadProposal(text)).toMatchObject({
			kind: 'crm_lead',
			lead_ref: lead,
			execution_id: '947',
			next: 'qualified',
			proposed_at: QUALIFIED_AT,
			fields: null,
		});
		expect(task.custom_ai_approval_key).toMatch(/^ltc-lead-review-[0-9a-f]{12}-1$/);
		expect(
			crm.state
				.all('CRM Notification')
				.filter((n) => n.notification_type_doc === task.name)
				.map((n) => n.to_user),
		).toEqual([OWNER]);
		expect(
			crm.state
				.all('Custom Field')
				.filter((f) => f.dt === 'CRM Lead' && f.fieldname === 'custom_ai_reviewed_route'),
		).toHaveLength(1);
		expect(String(crm.state.get('CRM Fields Layout', 'CRM Lead-Side Panel')!.layout)).toContain(
			'custom_ai_reviewed_route',
		);
		expect(
			crm.state
				.all('Custom Field')
				.find((f) => f.dt === 'CRM Task' && f.fieldname === 'custom_ai_approval_key'),
		).toMatchObject({ unique: 1 });

		const again = await request(reviewItem(lead));
		expect(again.output('Desk Approval')[0].json.approval).toMatchObject({
			reused: true,
			task: task.name,
		});
		expect(tasksOf(lead)).toHaveLength(1);
	});

	it('two runs asking at the same moment (two n8n processes) make one task', async () => {
		const lead = 'CRM-LEAD-2026-00972';
		const item = reviewItem(lead);
		// Both read the lead's tasks before either inserts.
		crm.setDelay(400, /^\/api\/resource\/CRM Task$/);
		const results = await Promise.all([request(item), request(item)]);
		crm.setDelay(0);
		expect(tasksOf(lead)).toHaveLength(1);
		const approvals = results.map((r) => r.output('Desk Approval')[0].json.approval as IDataObject);
		expect(approvals.map((a) => a.task)).toEqual([tasksOf(lead)[0].name, tasksOf(lead)[0].name]);
		expect(approvals.map((a) => a.reused).sort()).toEqual([false, true]);
		expect(
			crm.state
				.all('CRM Notification')
				.filter((n) => n.notification_type_doc === tasksOf(lead)[0].name),
		).toHaveLength(1);
	});

	it('names the missing reviewer when the lead has no owner', async () => {
		const lead = 'CRM-LEAD-2026-00973';
		const item = reviewItem(lead);
		crm.state.dbSet('CRM Lead', lead, { lead_owner: null });
		const [out] = (await request(item)).output('Desk Approval');
		expect(String(out.json.error)).toContain(
			`Reviewer is empty and CRM Lead ${lead} has no Lead Owner`,
		);
		expect(tasksOf(lead)).toEqual([]);
	});
});

describe('Desk Approval × Frappe CRM: Read Lead Decision', () => {
	it('Done accepts the proposed route once, as a human event of frappe_crm; an open task is pending', async () => {
		const lead = 'CRM-LEAD-2026-00974';
		await request(reviewItem(lead));
		const task = String(tasksOf(lead)[0].name);
		expect(outputs(await decide(task))[4][0].approval).toMatchObject({ status: 'pending' });
		inCrm('CRM Task', task, { status: 'Done' });
		crm.setDelay(400, /^\/api\/resource\/CRM Task\/./);
		const results = await Promise.all([decide(task), decide(task)]);
		crm.setDelay(0);
		const decided = results.flatMap((r) => outputs(r)[0]);
		expect(decided).toHaveLength(1);
		expect(decided[0].approval).toMatchObject({
			status: 'accepted',
			route: 'qualified',
			override: false,
			decidedBy: REVIEWER,
		});
		expect(decided[0].lead).toMatchObject({
			ref: lead,
			email: `${lead.toLowerCase()}@byte.example`,
			company: 'Byte GmbH',
		});
		expect((decided[0]._ltcEvents as MetricEvent[])[0]).toMatchObject({
			actor: 'human',
			decision: 'approve',
			outcome: 'approved',
			channel: 'desk',
			service: 'frappe_crm',
			execution_id: '947',
			step: 'qualify',
			lead_ref: lead,
			decided_by: REVIEWER,
		});
		expect(
			results.flatMap((r) => outputs(r)[4]).map((j) => (j.approval as IDataObject).status),
		).toEqual(['already_decided']);
		expect(
			String(crm.state.get('CRM Task', task)!.description).match(/ltc-approval-decided-/g),
		).toHaveLength(1);
		// Delivered again later: decided already.
		expect(outputs(await decide(task))[4][0].approval).toMatchObject({ status: 'already_decided' });
	});

	it('a Reviewed Route chosen on the lead before Done overrides; Canceled dismisses', async () => {
		const lead = 'CRM-LEAD-2026-00975';
		await request(reviewItem(lead));
		const task = String(tasksOf(lead)[0].name);
		inCrm('CRM Lead', lead, { custom_ai_reviewed_route: 'nurture' });
		inCrm('CRM Task', task, { status: 'Done' });
		const [nurtured] = outputs(await decide(task))[1];
		expect(nurtured.approval).toMatchObject({
			status: 'accepted',
			route: 'nurture',
			proposedRoute: 'qualified',
			override: true,
		});
		expect((nurtured._ltcEvents as MetricEvent[])[0]).toMatchObject({
			outcome: 'approved_changed',
			reason: 'route nurture instead of the proposed qualified',
		});

		const other = 'CRM-LEAD-2026-00976';
		await request(reviewItem(other));
		const dismissed = String(tasksOf(other)[0].name);
		inCrm('CRM Task', dismissed, { status: 'Canceled' });
		const [out] = outputs(await decide(dismissed))[3];
		expect(out.approval).toMatchObject({ status: 'dismissed', route: null });
		expect((out._ltcEvents as MetricEvent[])[0]).toMatchObject({
			decision: 'decline',
			outcome: 'dismissed',
			service: 'frappe_crm',
		});
	});

	it('a new review of the same lead clears an old Reviewed Route and gets the next key', async () => {
		const lead = 'CRM-LEAD-2026-00977';
		await request(reviewItem(lead));
		const first = String(tasksOf(lead)[0].name);
		inCrm('CRM Lead', lead, { custom_ai_reviewed_route: 'disqualified' });
		inCrm('CRM Task', first, { status: 'Done' });
		await decide(first);
		const item = reviewItem(lead);
		(item as { score: number }).score = 61;
		await request(item);
		expect(
			tasksOf(lead)
				.map((t) => String(t.custom_ai_approval_key).slice(-2))
				.sort(),
		).toEqual(['-1', '-2']);
		expect(crm.state.get('CRM Lead', lead)!.custom_ai_reviewed_route ?? '').toBe('');
	});

	it('tells a quote task and a Deal Monitor task from a lead review', async () => {
		const [plain] = crm.state.seed('CRM Task', [
			{
				title: 'Call back',
				status: 'Done',
				reference_doctype: 'CRM Lead',
				reference_docname: 'CRM-LEAD-2026-00978',
			},
		]);
		expect(outputs(await decide(String(plain.name)))[4][0].approval).toMatchObject({
			status: 'not_a_lead_review',
		});
		const lead = 'CRM-LEAD-2026-00979';
		await request(reviewItem(lead));
		const task = String(tasksOf(lead)[0].name);
		inCrm('CRM Task', task, { status: 'Done' });
		// The quote path's Read Decision leaves a lead task alone (its proposal is of another kind).
		const quote = await run('test.start', [{ name: task }], {
			operation: 'decide',
			systemOfRecord: 'frappeCrm',
		});
		expect(quote.output('Desk Approval', 2)[0].json.approval).toMatchObject({
			status: 'not_requested',
		});
		expect(String(crm.state.get('CRM Task', task)!.description)).not.toContain(
			'ltc-approval-decided-',
		);
	});

	it('propose-only: nothing on the CRM Lead until Done, then the AI values are written once', async () => {
		const lead = 'CRM-LEAD-2026-00980';
		const fields = {
			custom_ai_score: 60,
			custom_ai_grade: 'B',
			custom_ai_route: 'review',
			custom_ai_confidence: 50,
			custom_ai_engine: 'rules',
			custom_ai_reasons: '+20 need: PLC',
		};
		const [out] = (await request(reviewItem(lead, fields))).output('Desk Approval');
		expect(out.json.approval).toMatchObject({ proposeOnly: true });
		expect(crm.state.get('CRM Lead', lead)!.custom_ai_score ?? null).toBeNull();
		const task = String(tasksOf(lead)[0].name);
		expect(String(tasksOf(lead)[0].description)).toContain('<li>custom_ai_score: 60</li>');
		inCrm('CRM Task', task, { status: 'Done' });
		const puts = () =>
			crm.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/CRM Lead/${lead}`)
				.length;
		const [accepted] = outputs(await decide(task))[0];
		expect(accepted.approval).toMatchObject({ status: 'accepted', proposal: 'applied' });
		expect(crm.state.get('CRM Lead', lead)).toMatchObject(fields);
		expect(puts()).toBe(1);
		await decide(task);
		expect(puts()).toBe(1);
	});

	it('a run that stops between the claim and the write: the retry writes the values once with no second event; a replay after writes nothing', async () => {
		const lead = 'CRM-LEAD-2026-00981';
		const fields = { custom_ai_score: 60, custom_ai_grade: 'B', custom_ai_route: 'review' };
		await request(reviewItem(lead, fields));
		const task = String(tasksOf(lead)[0].name);
		inCrm('CRM Task', task, { status: 'Done' });
		const puts = () =>
			crm.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/CRM Lead/${lead}`);
		// The claim reaches the task; the write to the CRM Lead does not (the run stops there).
		crm.fault({ kind: 'maintenance', method: 'PUT', path: `/api/resource/CRM Lead/${lead}` });
		const crashed = await decide(task);
		// Continue On Fail: the item's error, and no decision (nor its event) comes out.
		expect(outputs(crashed).flat()).toEqual([
			{ error: expect.stringMatching(/503 SessionStopped.*PUT \/api\/resource\/CRM Lead\//) },
		]);
		const claimed = String(crm.state.get('CRM Task', task)!.description);
		expect(claimed).toContain(`ltc-approval-decided-${task}`);
		expect(claimed).toContain(`[ltc-approval-applying-${task}]`);
		expect(crm.state.get('CRM Lead', lead)!.custom_ai_score ?? null).toBeNull();

		const retried = await decide(task);
		expect(outputs(retried).slice(0, 4).flat()).toEqual([]);
		expect(outputs(retried)[4]).toEqual([
			{
				approval: {
					status: 'already_decided',
					task,
					taskStatus: 'Done',
					lead,
					proposal: 'applied',
				},
			},
		]);
		expect(crm.state.get('CRM Lead', lead)).toMatchObject(fields);
		expect(puts()).toHaveLength(1);
		expect(String(crm.state.get('CRM Task', task)!.description)).toContain(
			`ltc-approval-applied-${task}`,
		);

		// The lead changes afterwards (a later qualification): a replay writes nothing back.
		crm.state.dbSet('CRM Lead', lead, { custom_ai_score: 20 });
		expect(outputs(await decide(task))[4]).toEqual([
			{ approval: { status: 'already_decided', task, taskStatus: 'Done', lead } },
		]);
		expect(puts()).toHaveLength(1);
		expect(crm.state.get('CRM Lead', lead)!.custom_ai_score).toBe(20);
	});
});

describe('Desk Approval × Frappe CRM: Check Pending on lead review tasks (ADR 0048)', () => {
	const at = (hours: number) =>
		new Date(Date.parse(QUALIFIED_AT) + hours * 3_600_000).toISOString();
	const check = (hours: number, onLeadTimeout: string, pendingKinds = ['quote', 'lead']) =>
		run('test.start', [{}], {
			operation: 'checkPending',
			systemOfRecord: 'frappeCrm',
			remindAfterHours: 24,
			timeoutAfterHours: 72,
			onTimeout: 'reject',
			onLeadTimeout,
			pendingKinds,
			now: at(hours),
		});
	const mine = async (leads: string[], hours: number, fallback: string, kinds?: string[]) =>
		(await check(hours, fallback, kinds))
			.output('Desk Approval')
			.map(
				(i) => ({ ...(i.json.approval as IDataObject), events: i.json._ltcEvents }) as IDataObject,
			)
			.filter((a) => leads.includes(String(a.lead)));
	const notes = (lead: string) =>
		crm.state
			.all('Comment')
			.filter((c) => c.reference_doctype === 'CRM Lead' && c.reference_name === lead)
			.map((c) => String(c.content))
			.filter((c) => /ltc-approval-(reminder|timeout)/.test(c));
	const decidedLines = (task: string) =>
		String(crm.state.get('CRM Task', task)!.description).match(/ltc-approval-decided-/g) ?? [];
	const leadPuts = (lead: string) =>
		crm.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/CRM Lead/${lead}`);

	it('reminds once on the CRM Lead, then dismisses by default under the lock (Canceled): nothing written to the lead, one timeout event; the Read Lead Decision it starts decides nothing', async () => {
		const lead = 'CRM-LEAD-2026-00981';
		await request(reviewItem(lead));
		const task = String(tasksOf(lead)[0].name);
		expect(await mine([lead], 23, 'dismiss')).toEqual([]);
		expect(await mine([lead], 25, 'dismiss', ['quote'])).toEqual([]);
		const [reminded] = await mine([lead], 25, 'dismiss');
		expect(reminded).toMatchObject({
			status: 'reminded',
			lead,
			task,
			waitedHours: 25,
			assignedTo: OWNER,
		});
		expect((reminded.events as MetricEvent[])[0]).toMatchObject({
			actor: 'system',
			outcome: 'reminded',
			step: 'qualify',
			execution_id: '947',
			lead_ref: lead,
			service: 'frappe_crm',
		});
		expect(await mine([lead], 26, 'dismiss')).toEqual([]);
		expect(notes(lead)).toEqual([
			expect.stringMatching(
				new RegExp(
					`Reminder for anna\\.berg@example\\.com: this lead has waited 25 h for your review in task ${task}; the AI proposes the route qualified`,
				),
			),
		]);
		expect(crm.state.get('CRM Task', task)!.status).toBe('Todo');

		const [timedOut] = await mine([lead], 73, 'dismiss');
		expect(timedOut).toMatchObject({ status: 'timed_out_dismissed', route: null, task });
		expect((timedOut.events as MetricEvent[]).map((e) => [e.actor, e.decision, e.outcome])).toEqual(
			[['system', 'timeout', 'dismissed']],
		);
		expect((timedOut.events as MetricEvent[])[0]).toMatchObject({
			execution_id: '947',
			step: 'qualify',
			service: 'frappe_crm',
			occurred_at: at(72),
			duration_ms: 72 * 3_600_000,
		});
		expect(crm.state.get('CRM Task', task)!.status).toBe('Canceled');
		expect(decidedLines(task)).toHaveLength(1);
		expect(String(crm.state.get('CRM Task', task)!.description)).toContain(
			'Decision taken by the workflow (dismissed by default after 72 h: nothing was done).',
		);
		expect(leadPuts(lead)).toEqual([]);
		expect(notes(lead)[1]).toContain('the review was dismissed by default and nothing was sent');
		// The task change this makes reaches Read Lead Decision (CRM Task on_update): decided already.
		expect(outputs(await decide(task))[4][0].approval).toMatchObject({
			status: 'already_decided',
		});
		expect(await mine([lead], 74, 'dismiss')).toEqual([]);
		expect(notes(lead)).toHaveLength(2);
		expect(decidedLines(task)).toHaveLength(1);
	});

	it('Accept the Proposed Route: qualified is accepted once (Done, propose-only values written once); nurture keeps waiting (it sends e-mail); Keep Waiting records once', async () => {
		const qualified = 'CRM-LEAD-2026-00982';
		const nurture = 'CRM-LEAD-2026-00983';
		const waiting = 'CRM-LEAD-2026-00984';
		const fields = { custom_ai_score: 60, custom_ai_grade: 'B', custom_ai_route: 'review' };
		await request(reviewItem(qualified, fields));
		const toNurture = reviewItem(nurture);
		(toNurture.proposal as IDataObject).route = 'nurture';
		await request(toNurture);
		const [accepted, kept] = await mine([qualified, nurture], 80, 'accept');
		expect(accepted).toMatchObject({
			lead: qualified,
			status: 'timed_out_accepted',
			route: 'qualified',
			proposal: 'applied',
		});
		expect(
			(accepted.events as MetricEvent[]).map((e) => [e.decision, e.outcome, e.reason]),
		).toEqual([['timeout', 'accepted', 'route qualified by default']]);
		const acceptedTask = String(tasksOf(qualified)[0].name);
		expect(crm.state.get('CRM Task', acceptedTask)!.status).toBe('Done');
		expect(crm.state.get('CRM Lead', qualified)).toMatchObject(fields);
		expect(leadPuts(qualified)).toHaveLength(1);
		expect(kept).toMatchObject({ lead: nurture, status: 'timed_out_waiting' });
		expect((kept.events as MetricEvent[])[0]).toMatchObject({
			decision: 'timeout',
			outcome: 'waiting',
			reason: 'route nurture sends e-mail: not accepted without a person',
		});
		expect(tasksOf(nurture)[0].status).toBe('Todo');
		expect(decidedLines(String(tasksOf(nurture)[0].name))).toEqual([]);
		// The next runs, and the Done the default wrote reaching Read Lead Decision: nothing more.
		expect(await mine([qualified, nurture], 81, 'accept')).toEqual([]);
		expect(outputs(await decide(acceptedTask))[4][0].approval).toMatchObject({
			status: 'already_decided',
		});
		expect(leadPuts(qualified)).toHaveLength(1);

		await request(reviewItem(waiting));
		expect((await mine([waiting], 80, 'keep')).map((a) => a.status)).toEqual(['timed_out_waiting']);
		expect(await mine([waiting], 81, 'keep')).toEqual([]);
		expect(tasksOf(waiting)[0].status).toBe('Todo');
		expect(notes(waiting)).toHaveLength(1);
	});

	it('a task the reviewer set to Done meanwhile wins: the default loses the lock and does nothing', async () => {
		const lead = 'CRM-LEAD-2026-00985';
		await request(reviewItem(lead));
		const task = String(tasksOf(lead)[0].name);
		// Check Pending lists the task open; the reviewer sets it to Done before the default's write arrives.
		crm.setDelay(400, /^\/api\/resource\/CRM Task\/./);
		try {
			const pending = mine([lead], 80, 'dismiss');
			await new Promise((r) => setTimeout(r, 150));
			inCrm('CRM Task', task, { status: 'Done' });
			expect(await pending).toEqual([]);
		} finally {
			crm.setDelay(0);
		}
		expect(crm.state.get('CRM Task', task)!.status).toBe('Done');
		expect(decidedLines(task)).toEqual([]);
		expect(notes(lead)).toEqual([]);
		// The reviewer's decision is still read as theirs.
		expect(outputs(await decide(task))[0][0].approval).toMatchObject({
			status: 'accepted',
			decidedBy: REVIEWER,
		});
	});

	it('names the field when On Lead Review Timeout is not one of its values', async () => {
		const [out] = (await check(80, 'send')).output('Desk Approval');
		expect(String(out.json.error)).toContain(
			'On Lead Review Timeout must be one of dismiss, accept, keep, got "send"',
		);
	});
});
