// The Desk Approval node's Read Deal Decision in the n8n engine (in-process) against the contract servers
// (ADR 0046): on ERPNext (a ToDo on the Opportunity) and Frappe CRM (a CRM Task on the CRM Deal) it
// decides once even when two runs read the same close at once (the decided marker under the task's
// lock), tells accept / override / dismiss apart with each desk's gesture, ignores tasks that are no deal
// decision and names an empty Task parameter; in propose-only mode it writes the proposed values once.
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dealDecisionNote, type DealProposal } from '../../core/approvals/dealDecision';
import type { MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { OPPORTUNITY_RISK_FIELDS } from '../../nodes/DealMonitor/riskWriteBack';
import {
	decideAssignment,
	startErpNextServer,
	type ErpNextServer,
} from '../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const ERP = { apiKey: 'desk-deal-node-key', apiSecret: 'desk-deal-node-secret-71cd' };
const OWNER = 'tom.baker@example.com';
const DECIDE = { operation: 'decideDeal', dealTask: '={{ $json.name }}' };

let erp: ErpNextServer;
let crm: ErpNextServer;
beforeAll(async () => {
	erp = await startErpNextServer({ ...ERP, timeZone: 'Europe/Berlin' });
	crm = await startErpNextServer({ ...ERP, apps: ['crm'] });
	for (const [server, doctype] of [
		[erp, 'Opportunity'],
		[crm, 'CRM Deal'],
	] as const)
		server.state.seed(
			'Custom Field',
			OPPORTUNITY_RISK_FIELDS.map((f) => ({
				...f,
				dt: doctype,
				name: `${doctype}-${f.fieldname}`,
			})),
		);
});
afterAll(async () => {
	await erp?.stop();
	await crm?.stop();
});

async function run(server: ErpNextServer, task: string, params: IDataObject = DECIDE) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: server.url, ...ERP } } as never,
		nodes: [
			node('Start', 'test.start', { items: JSON.stringify([{ name: task }]) }),
			node('Desk Approval', TYPE, {
				...(server === crm ? { systemOfRecord: 'frappeCrm' } : {}),
				...params,
			} as never),
		],
		connections: chain('Start', 'Desk Approval'),
	});
}

const proposal = (
	deal: string,
	service: DealProposal['service'],
	fields: DealProposal['fields'] = null,
): DealProposal => ({
	v: 1,
	kind: 'deal_risk',
	workflow: 'Lead-to-Close: deal monitor (every 30 minutes)',
	execution_id: '812',
	step: 'deal_risk',
	service,
	deal_ref: deal,
	lead_ref: null,
	// The contract servers' clock starts on 2026-01-05 09:00 UTC: the task was made an hour before.
	proposed_at: '2026-01-05T08:00:00.000Z',
	signal: 'close_date_passed',
	level: 'critical',
	risk_score: 88,
	action: 'Agree a new close date with the buyer',
	title: 'Agree a new close date with the buyer',
	priority: 'High',
	due: '2026-01-06',
	fields,
});

let stamps = 0;
function stamp(server: ErpNextServer): string {
	stamps += 1;
	return DateTime.fromISO('2026-01-05T10:00:00Z', { zone: server.state.settings.timeZone })
		.plus({ minutes: stamps })
		.toFormat('yyyy-MM-dd HH:mm:ss.SSS000');
}

/** An Opportunity with the Deal Monitor's risk ToDo (as assign_to.add stores it). */
function erpTask(deal: string, fields: DealProposal['fields'] = null): string {
	erp.state.seed('Opportunity', [
		{ name: deal, opportunity_owner: OWNER, party_name: 'Buyer Inc.' },
	]);
	const [todo] = erp.state.seed('ToDo', [
		{
			status: 'Open',
			allocated_to: OWNER,
			reference_type: 'Opportunity',
			reference_name: deal,
			description: dealDecisionNote(proposal(deal, 'erpnext', fields), 'Why', [
				'Close date passed',
			]),
		},
	]);
	return String(todo.name);
}

const outputs = (r: Awaited<ReturnType<typeof run>>) =>
	[0, 1, 2, 3].map((o) => r.output('Desk Approval', o));
const eventOf = (item: { json: IDataObject }) => (item.json._ltcEvents as MetricEvent[])[0];

describe('Read Deal Decision on ERPNext', () => {
	it('two runs reading the same close at once: one accepts, the other loses the lock; open, foreign and empty decide nothing', async () => {
		const todo = erpTask('CRM-OPP-2026-00901');
		expect(outputs(await run(erp, todo))[3][0].json.approval).toMatchObject({ status: 'pending' });
		decideAssignment(erp.state, todo, 'Closed', OWNER, stamp(erp));
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const results = await Promise.all([run(erp, todo), run(erp, todo)]);
			const accepted = results.flatMap((r) => outputs(r)[0]);
			expect(accepted).toHaveLength(1);
			expect(accepted[0].json.approval).toMatchObject({
				status: 'accepted',
				override: false,
				decidedBy: OWNER,
				signal: 'close_date_passed',
				proposal: null,
			});
			expect(eventOf(accepted[0])).toMatchObject({
				actor: 'human',
				channel: 'desk',
				decision: 'approve',
				outcome: 'approved',
				execution_id: '812',
				step: 'deal_risk',
				deal_ref: 'CRM-OPP-2026-00901',
				duration_ms: 7_260_000,
			});
			expect(
				results.flatMap((r) => outputs(r)[3]).map((i) => (i.json.approval as IDataObject).status),
			).toEqual(['already_decided']);
		} finally {
			erp.setDelay(0);
		}
		expect(
			String(erp.state.get('ToDo', todo)!.description).match(/ltc-approval-decided-/g),
		).toHaveLength(1);
		const [other] = erp.state.seed('ToDo', [
			{
				status: 'Closed',
				description: 'Call back',
				reference_type: 'Opportunity',
				reference_name: 'CRM-OPP-2026-00901',
				allocated_to: OWNER,
			},
		]);
		expect(outputs(await run(erp, String(other.name)))[3][0].json.approval).toMatchObject({
			status: 'not_a_deal_decision',
		});
		const empty = await runWorkflow({
			nodeTypes: { [TYPE]: new DeskApproval() },
			credentialTypes: [new LeadToCloseErpNextApi()],
			credentials: { leadToCloseErpNextApi: { baseUrl: erp.url, ...ERP } } as never,
			nodes: [
				node('Start', 'test.start', { items: JSON.stringify([{}]) }),
				node('Desk Approval', TYPE, {
					operation: 'decideDeal',
					dealTask: '={{ $json.name }}',
				} as never),
			],
			connections: chain('Start', 'Desk Approval'),
		});
		expect(empty.error('Desk Approval')?.message).toBe('ToDo is empty: nothing to read');
	});

	it('Reviewed Next Action then Close overrides (and is consumed); a removed assignment dismisses', async () => {
		const todo = erpTask('CRM-OPP-2026-00902');
		erp.state.dbSet('Opportunity', 'CRM-OPP-2026-00902', {
			custom_ai_reviewed_next_action: 'Visit the plant on Monday',
		});
		decideAssignment(erp.state, todo, 'Closed', OWNER, stamp(erp));
		const [overridden] = outputs(await run(erp, todo))[1];
		expect(overridden.json.approval).toMatchObject({
			status: 'overridden',
			action: 'Visit the plant on Monday',
			override: true,
		});
		expect(eventOf(overridden)).toMatchObject({
			decision: 'approve',
			outcome: 'approved_changed',
			reason:
				'next action "Visit the plant on Monday" instead of "Agree a new close date with the buyer"',
		});
		expect(erp.state.get('Opportunity', 'CRM-OPP-2026-00902')!.custom_ai_reviewed_next_action).toBe(
			'',
		);

		const removed = erpTask('CRM-OPP-2026-00903');
		decideAssignment(erp.state, removed, 'Cancelled', OWNER, stamp(erp));
		const [dismissed] = outputs(await run(erp, removed))[2];
		expect(eventOf(dismissed)).toMatchObject({
			decision: 'decline',
			outcome: 'dismissed',
			decided_by: OWNER,
		});
	});

	it('propose-only: accepting writes the proposed values once under the lock; dismissing writes nothing', async () => {
		const fields = {
			custom_ai_risk_score: 88,
			custom_ai_risk_level: 'critical',
			custom_ai_risk_signals: 'close_date_passed',
			custom_ai_risk_updated_at: '2026-01-05 09:00:00',
		};
		const todo = erpTask('CRM-OPP-2026-00904', fields);
		decideAssignment(erp.state, todo, 'Closed', OWNER, stamp(erp));
		const writes = () =>
			erp
				.writes()
				.filter(
					(r) => r.method === 'PUT' && r.path === '/api/resource/Opportunity/CRM-OPP-2026-00904',
				);
		const [accepted] = outputs(await run(erp, todo))[0];
		expect(accepted.json.approval).toMatchObject({ status: 'accepted', proposal: 'applied' });
		expect(erp.state.get('Opportunity', 'CRM-OPP-2026-00904')).toMatchObject({
			custom_ai_risk_score: 88,
			custom_ai_risk_level: 'critical',
		});
		expect(writes()).toHaveLength(1);
		expect(writes()[0].body).toMatchObject({ modified: expect.any(String) });
		expect(outputs(await run(erp, todo))[3][0].json.approval).toMatchObject({
			status: 'already_decided',
		});
		expect(writes()).toHaveLength(1);

		const removed = erpTask('CRM-OPP-2026-00905', fields);
		decideAssignment(erp.state, removed, 'Cancelled', OWNER, stamp(erp));
		expect(outputs(await run(erp, removed))[2][0].json.approval).toMatchObject({
			status: 'dismissed',
			proposal: 'not_applied',
		});
		expect(
			erp.state.get('Opportunity', 'CRM-OPP-2026-00905')!.custom_ai_risk_score ?? null,
		).toBeNull();
	});
});

/**
 * Check Pending of deal-risk tasks on the site (`site()`, started in beforeAll) at `hours` after the
 * proposal, and the reminder and timeout notices on a deal.
 */
function checkPendingOn(site: () => ErpNextServer, dealDoctype: string) {
	const at = (hours: number) =>
		new Date(Date.parse('2026-01-05T08:00:00.000Z') + hours * 3_600_000).toISOString();
	const mine = async (deals: string[], hours: number, onDealTimeout: string) =>
		(
			await run(site(), '', {
				operation: 'checkPending',
				remindAfterHours: 24,
				timeoutAfterHours: 72,
				onDealTimeout,
				pendingKinds: ['deal'],
				now: at(hours),
			})
		)
			.output('Desk Approval')
			.map(
				(i) => ({ ...(i.json.approval as IDataObject), events: i.json._ltcEvents }) as IDataObject,
			)
			.filter((a) => deals.includes(String(a.deal)));
	const notes = (deal: string) =>
		site()
			.state.all('Comment')
			.filter((c) => c.reference_doctype === dealDoctype && c.reference_name === deal)
			.map((c) => String(c.content))
			.filter((c) => /ltc-approval-(reminder|timeout)/.test(c));
	return { at, mine, notes };
}

describe('Read Deal Decision on ERPNext: a run that stops between the claim and the write', () => {
	it('the next run writes the accepted values once, with no second event; a later one writes nothing', async () => {
		const deal = 'CRM-OPP-2026-00906';
		const fields = { custom_ai_risk_score: 88, custom_ai_risk_level: 'critical' };
		const todo = erpTask(deal, fields);
		decideAssignment(erp.state, todo, 'Closed', OWNER, stamp(erp));
		const puts = () =>
			erp
				.writes()
				.filter(
					(r) => r.method === 'PUT' && r.path === `/api/resource/Opportunity/${deal}` && !r.fault,
				);
		// The claim reaches the ToDo; the write to the Opportunity does not (the run stops there).
		erp.fault({ kind: 'maintenance', method: 'PUT', path: `/api/resource/Opportunity/${deal}` });
		const crashed = await run(erp, todo);
		expect(crashed.error('Desk Approval')).toBeDefined();
		expect(String(erp.state.get('ToDo', todo)!.description)).toMatch(/ltc-approval-decided-/);
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_score ?? null).toBeNull();

		const retried = outputs(await run(erp, todo));
		expect(retried.slice(0, 3).flat()).toEqual([]);
		expect(retried[3][0].json).toEqual({
			approval: {
				status: 'already_decided',
				task: todo,
				deal,
				taskStatus: 'Closed',
				proposal: 'applied',
			},
		});
		expect(erp.state.get('Opportunity', deal)).toMatchObject(fields);
		expect(puts()).toHaveLength(1);

		// The deal changes afterwards (a later scan with Write Back on): a replay writes nothing back.
		erp.state.dbSet('Opportunity', deal, { custom_ai_risk_score: 40 });
		expect(outputs(await run(erp, todo))[3][0].json.approval).toEqual({
			status: 'already_decided',
			task: todo,
			deal,
			taskStatus: 'Closed',
		});
		expect(puts()).toHaveLength(1);
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_score).toBe(40);
	});
});

describe('Check Pending on deal-risk ToDos (ERPNext)', () => {
	const { at, mine, notes } = checkPendingOn(() => erp, 'Opportunity');

	it('reminds once on the Opportunity, then dismisses by default under the lock: nothing written or sent, one timeout event', async () => {
		const deal = 'CRM-OPP-2026-00911';
		const todo = erpTask(deal, { custom_ai_risk_score: 88 });
		expect(await mine([deal], 23, 'dismiss')).toEqual([]);
		const [reminded] = await mine([deal], 25, 'dismiss');
		expect(reminded).toMatchObject({
			status: 'reminded',
			todo,
			waitedHours: 25,
			assignedTo: OWNER,
		});
		expect((reminded.events as MetricEvent[]).map((e) => [e.actor, e.outcome, e.deal_ref])).toEqual(
			[['system', 'reminded', deal]],
		);
		expect(await mine([deal], 26, 'dismiss')).toEqual([]);
		expect(notes(deal)).toEqual([
			expect.stringMatching(
				/Reminder for tom\.baker@example\.com: the risk action on this deal has waited 25 h for your decision; the AI proposes: Agree a new close date with the buyer\./,
			),
		]);

		const [timedOut] = await mine([deal], 73, 'dismiss');
		expect(timedOut).toMatchObject({ status: 'timed_out_dismissed', todo });
		expect(timedOut.events).toEqual([
			expect.objectContaining({
				actor: 'system',
				decision: 'timeout',
				outcome: 'dismissed',
				execution_id: '812',
				step: 'deal_risk',
				deal_ref: deal,
				occurred_at: at(72),
				duration_ms: 72 * 3_600_000,
			}),
		]);
		expect(erp.state.get('ToDo', todo)).toMatchObject({ status: 'Cancelled' });
		expect(
			String(erp.state.get('ToDo', todo)!.description).match(/ltc-approval-decided-/g),
		).toHaveLength(1);
		expect(erp.state.get('Opportunity', deal)!.custom_ai_risk_score ?? null).toBeNull();
		// The ToDo change this makes reaches Read Deal Decision: decided already, no human event.
		const read = outputs(await run(erp, todo));
		expect(read.slice(0, 3).flat()).toEqual([]);
		expect(read[3][0].json.approval).toMatchObject({ status: 'already_decided' });
		expect(await mine([deal], 74, 'dismiss')).toEqual([]);
		expect(notes(deal)).toHaveLength(2);
	});

	it('Keep Waiting records the timeout once and leaves the ToDo open; an owner who closed it meanwhile wins', async () => {
		const kept = 'CRM-OPP-2026-00912';
		const keptTodo = erpTask(kept);
		const [waiting] = await mine([kept], 80, 'keep');
		expect(waiting).toMatchObject({ status: 'timed_out_waiting' });
		expect((waiting.events as MetricEvent[]).map((e) => [e.decision, e.outcome])).toEqual([
			['timeout', 'waiting'],
		]);
		expect(await mine([kept], 81, 'keep')).toEqual([]);
		expect(erp.state.get('ToDo', keptTodo)).toMatchObject({ status: 'Open' });

		const raced = 'CRM-OPP-2026-00913';
		const racedTodo = erpTask(raced);
		// Check Pending lists the ToDo open; the owner closes it before the default's write arrives.
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const pending = mine([raced], 80, 'dismiss');
			await new Promise((r) => setTimeout(r, 150));
			decideAssignment(erp.state, racedTodo, 'Closed', OWNER, stamp(erp));
			expect(await pending).toEqual([]);
		} finally {
			erp.setDelay(0);
		}
		expect(erp.state.get('ToDo', racedTodo)).toMatchObject({ status: 'Closed' });
		expect(String(erp.state.get('ToDo', racedTodo)!.description)).not.toMatch(
			/ltc-approval-decided-/,
		);
		expect(notes(raced)).toEqual([]);
		// The owner's close is then read as theirs.
		expect(outputs(await run(erp, racedTodo))[0][0].json.approval).toMatchObject({
			status: 'accepted',
			decidedBy: OWNER,
		});
	});

	it('names an On Deal Action Timeout it does not know', async () => {
		const result = await run(erp, '', {
			operation: 'checkPending',
			pendingKinds: ['deal'],
			onDealTimeout: 'accept',
			now: at(1),
		});
		expect(result.error('Desk Approval')?.message).toBe(
			'On Deal Action Timeout must be one of dismiss, keep, got "accept"',
		);
	});
});

/** A CRM Deal with the Deal Monitor's risk CRM Task (as the Deal Monitor inserts it). */
function crmTask(deal: string, fields: DealProposal['fields'] = null): string {
	crm.state.seed('CRM Deal', [{ name: deal, deal_owner: OWNER, status: 'Negotiation' }]);
	const p = proposal(deal, 'frappe_crm', fields);
	const [task] = crm.state.seed('CRM Task', [
		{
			title: p.title,
			status: 'Todo',
			assigned_to: OWNER,
			reference_doctype: 'CRM Deal',
			reference_docname: deal,
			description: dealDecisionNote(p, 'Why', []),
		},
	]);
	return String(task.name);
}
/** What the owner does in Frappe CRM: a save of the task, by them, now. */
const inCrm = (task: string, changes: IDataObject) => {
	crm.state.dbSet('CRM Task', task, changes);
	Object.assign(crm.state.get('CRM Task', task)!, { modified_by: OWNER, modified: stamp(crm) });
};

describe('Read Deal Decision on Frappe CRM', () => {
	it('Done accepts, a new title then Done overrides, Canceled dismisses, each once; an ERPNext-made proposal is not read here', async () => {
		const [a, o, d] = ['CRM-DEAL-2026-00901', 'CRM-DEAL-2026-00902', 'CRM-DEAL-2026-00903'].map(
			(deal) => crmTask(deal),
		);
		expect(outputs(await run(crm, a))[3][0].json.approval).toMatchObject({
			status: 'pending',
			taskStatus: 'Todo',
		});
		inCrm(a, { status: 'Done' });
		inCrm(o, { status: 'Done', title: 'Call the plant manager' });
		inCrm(d, { status: 'Canceled' });
		expect(eventOf(outputs(await run(crm, a))[0][0])).toMatchObject({
			outcome: 'approved',
			service: 'frappe_crm',
			decided_by: OWNER,
		});
		expect(eventOf(outputs(await run(crm, o))[1][0])).toMatchObject({
			outcome: 'approved_changed',
			reason:
				'next action "Call the plant manager" instead of "Agree a new close date with the buyer"',
		});
		expect(eventOf(outputs(await run(crm, d))[2][0])).toMatchObject({
			decision: 'decline',
			outcome: 'dismissed',
		});
		for (const task of [a, o, d])
			expect(outputs(await run(crm, task))[3][0].json.approval).toMatchObject({
				status: 'already_decided',
			});

		const [foreign] = crm.state.seed('CRM Task', [
			{
				title: 'x',
				status: 'Done',
				reference_doctype: 'CRM Deal',
				reference_docname: 'CRM-DEAL-2026-00901',
				description: dealDecisionNote(proposal('CRM-DEAL-2026-00901', 'erpnext'), '', []),
			},
		]);
		expect(outputs(await run(crm, String(foreign.name)))[3][0].json.approval).toMatchObject({
			status: 'not_a_deal_decision',
		});
	});

	it('propose-only: Done writes the proposed values once', async () => {
		const task = crmTask('CRM-DEAL-2026-00904', {
			custom_ai_risk_score: 91,
			custom_ai_risk_level: 'critical',
		});
		inCrm(task, { status: 'Done' });
		expect(outputs(await run(crm, task))[0][0].json.approval).toMatchObject({
			proposal: 'applied',
		});
		expect(crm.state.get('CRM Deal', 'CRM-DEAL-2026-00904')).toMatchObject({
			custom_ai_risk_score: 91,
		});
		const puts = crm
			.writes()
			.filter(
				(r) =>
					r.method === 'PUT' &&
					decodeURIComponent(r.path) === '/api/resource/CRM Deal/CRM-DEAL-2026-00904',
			);
		expect(puts).toHaveLength(1);
	});
});

describe('Read Deal Decision on Frappe CRM: a run that stops between the claim and the write', () => {
	it('the next run writes the accepted values once, with no second event; a later one writes nothing', async () => {
		const deal = 'CRM-DEAL-2026-00906';
		const fields = { custom_ai_risk_score: 91, custom_ai_risk_level: 'critical' };
		const task = crmTask(deal, fields);
		inCrm(task, { status: 'Done' });
		const puts = () =>
			crm.writes().filter((r) => r.method === 'PUT' && r.path === `/api/resource/CRM Deal/${deal}`);
		// The claim reaches the task; the write to the CRM Deal does not (the run stops there).
		crm.fault({ kind: 'maintenance', method: 'PUT', path: `/api/resource/CRM Deal/${deal}` });
		expect((await run(crm, task)).error('Desk Approval')).toBeDefined();
		expect(String(crm.state.get('CRM Task', task)!.description)).toContain(
			`[ltc-approval-applying-${task}]`,
		);
		expect(crm.state.get('CRM Deal', deal)!.custom_ai_risk_score ?? null).toBeNull();

		const retried = outputs(await run(crm, task));
		expect(retried.slice(0, 3).flat()).toEqual([]);
		expect(retried[3][0].json).toEqual({
			approval: { status: 'already_decided', task, deal, taskStatus: 'Done', proposal: 'applied' },
		});
		expect(crm.state.get('CRM Deal', deal)).toMatchObject(fields);
		expect(puts()).toHaveLength(1);

		crm.state.dbSet('CRM Deal', deal, { custom_ai_risk_score: 40 });
		expect(outputs(await run(crm, task))[3][0].json.approval).toEqual({
			status: 'already_decided',
			task,
			deal,
			taskStatus: 'Done',
		});
		expect(puts()).toHaveLength(1);
	});
});

describe('Check Pending on deal-risk CRM Tasks (Frappe CRM)', () => {
	const { at, mine, notes } = checkPendingOn(() => crm, 'CRM Deal');

	it('reminds once on the CRM Deal, then dismisses by default under the lock (Canceled): nothing written or sent, one timeout event of frappe_crm', async () => {
		const deal = 'CRM-DEAL-2026-00911';
		const task = crmTask(deal, { custom_ai_risk_score: 88 });
		expect(await mine([deal], 23, 'dismiss')).toEqual([]);
		const [reminded] = await mine([deal], 25, 'dismiss');
		expect(reminded).toMatchObject({
			status: 'reminded',
			task,
			action: 'Agree a new close date with the buyer',
			waitedHours: 25,
			assignedTo: OWNER,
		});
		expect(
			(reminded.events as MetricEvent[]).map((e) => [e.actor, e.outcome, e.deal_ref, e.service]),
		).toEqual([['system', 'reminded', deal, 'frappe_crm']]);
		expect(await mine([deal], 26, 'dismiss')).toEqual([]);
		expect(notes(deal)).toEqual([
			expect.stringMatching(
				/Reminder for tom\.baker@example\.com: the risk action on this deal has waited 25 h for your decision; the AI proposes: Agree a new close date with the buyer\. Set the task to Done to accept it, change its title to another action and then set it to Done to choose another, or set it to Canceled to dismiss it\./,
			),
		]);

		const modified = String(crm.state.get('CRM Task', task)!.modified);
		const [timedOut] = await mine([deal], 73, 'dismiss');
		expect(timedOut).toMatchObject({ status: 'timed_out_dismissed', task });
		expect(timedOut.events).toEqual([
			expect.objectContaining({
				actor: 'system',
				decision: 'timeout',
				outcome: 'dismissed',
				service: 'frappe_crm',
				execution_id: '812',
				step: 'deal_risk',
				deal_ref: deal,
				occurred_at: at(72),
				duration_ms: 72 * 3_600_000,
			}),
		]);
		const closed = crm.state.get('CRM Task', task)!;
		expect(closed).toMatchObject({ status: 'Canceled' });
		expect(String(closed.modified)).not.toBe(modified);
		expect(String(closed.description).match(/ltc-approval-decided-/g)).toHaveLength(1);
		expect(String(closed.description)).toContain(
			`Decision taken by the workflow (dismissed by default after 72 h: nothing was done). [ltc-approval-timeout-${task}] [ltc-approval-decided-${task}]`,
		);
		// The lock: the default's write named the task's `modified` as read.
		const put = crm
			.writes()
			.filter((r) => r.method === 'PUT' && r.path === `/api/resource/CRM Task/${task}`);
		expect(put).toHaveLength(1);
		expect(put[0].body).toMatchObject({ modified });
		expect(crm.state.get('CRM Deal', deal)!.custom_ai_risk_score ?? null).toBeNull();
		expect(notes(deal)[1]).toContain(
			'it was dismissed by default; nothing was written or sent and the proposed values were not applied.',
		);
		// The CRM Task change this makes reaches Read Deal Decision: decided already, no human event.
		const read = outputs(await run(crm, task));
		expect(read.slice(0, 3).flat()).toEqual([]);
		expect(read[3][0].json.approval).toMatchObject({ status: 'already_decided' });
		expect(await mine([deal], 74, 'dismiss')).toEqual([]);
		expect(notes(deal)).toHaveLength(2);
	});

	it('Keep Waiting records the timeout once and leaves the task open; an owner who set it to Done meanwhile wins', async () => {
		const kept = 'CRM-DEAL-2026-00912';
		const keptTask = crmTask(kept);
		const [waiting] = await mine([kept], 80, 'keep');
		expect(waiting).toMatchObject({ status: 'timed_out_waiting', task: keptTask });
		expect(
			(waiting.events as MetricEvent[]).map((e) => [e.decision, e.outcome, e.service]),
		).toEqual([['timeout', 'waiting', 'frappe_crm']]);
		expect(await mine([kept], 81, 'keep')).toEqual([]);
		expect(crm.state.get('CRM Task', keptTask)).toMatchObject({ status: 'Todo' });
		expect(notes(kept)).toHaveLength(1);

		const raced = 'CRM-DEAL-2026-00913';
		const racedTask = crmTask(raced);
		// Check Pending lists the task open; the owner sets it to Done before the default's write arrives.
		crm.setDelay(400, /^\/api\/resource\/CRM Task\/./);
		try {
			const pending = mine([raced], 80, 'dismiss');
			await new Promise((r) => setTimeout(r, 150));
			inCrm(racedTask, { status: 'Done' });
			expect(await pending).toEqual([]);
		} finally {
			crm.setDelay(0);
		}
		expect(crm.state.get('CRM Task', racedTask)).toMatchObject({ status: 'Done' });
		expect(String(crm.state.get('CRM Task', racedTask)!.description)).not.toMatch(
			/ltc-approval-decided-/,
		);
		expect(notes(raced)).toEqual([]);
		// The owner's Done is then read as theirs.
		expect(outputs(await run(crm, racedTask))[0][0].json.approval).toMatchObject({
			status: 'accepted',
			decidedBy: OWNER,
		});
	});

	it('Quote Approvals alone leave a deal-risk task alone (it is no quote approval)', async () => {
		const deal = 'CRM-DEAL-2026-00914';
		crmTask(deal);
		const result = await run(crm, '', {
			operation: 'checkPending',
			remindAfterHours: 24,
			timeoutAfterHours: 72,
			pendingKinds: ['quote'],
			now: at(25),
		});
		expect(
			result.output('Desk Approval').filter((i) => (i.json.approval as IDataObject).deal === deal),
		).toEqual([]);
		expect(notes(deal)).toEqual([]);
	});
});
