// The Desk Approval node's lead operations in the n8n engine (in-process) against the ERPNext contract
// server (ADR 0039): Request Lead Review refuses an item without a qualification of this execution and
// reuses an open review; Read Lead Decision decides once even when two runs read the same close at once
// (the done marker under the ToDo's lock), ignores ToDos that are not lead reviews, and in propose-only
// mode writes the proposed values once.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readLeadProposal } from '../../core/approvals/leadDecision';
import { makeEvent, type MetricEvent } from '../../core/metrics';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DeskApproval } from '../../nodes/DeskApproval/DeskApproval.node';
import { noteMadeEvents } from '../../nodes/shared/madeEvents';
import {
	decideAssignment,
	startErpNextServer,
	type ErpNextServer,
} from '../contract/erpnext-server.mts';
import { TestStartNode, chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.deskApproval';
const ERP = { apiKey: 'desk-lead-node-key', apiSecret: 'desk-lead-node-secret-19ab' };
const REVIEWER = 'sales.manager@example.com';

/** Emits its items and notes their events as made in this execution, as the Lead Qualifier does. */
class TestEmitNode extends TestStartNode {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [items] = await TestStartNode.prototype.execute.call(this);
		for (const item of items) noteMadeEvents(this, (item.json._ltcEvents ?? []) as MetricEvent[]);
		return [items];
	}
}

let erp: ErpNextServer;
beforeAll(async () => {
	erp = await startErpNextServer({ ...ERP, timeZone: 'Europe/Berlin' });
});
afterAll(async () => {
	await erp?.stop();
});

async function run(
	start: 'test.emit' | 'test.start',
	items: IDataObject[],
	params: IDataObject,
	continueOnFail = false,
) {
	return await runWorkflow({
		nodeTypes: { 'test.emit': new TestEmitNode(), [TYPE]: new DeskApproval() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: erp.url, ...ERP } } as never,
		nodes: [
			node('Start', start, { items: JSON.stringify(items) }),
			node('Desk Approval', TYPE, params as never, continueOnFail ? { continueOnFail: true } : {}),
		],
		connections: chain('Start', 'Desk Approval'),
	});
}

// The contract server's clock starts on 2026-01-05 09:00 UTC: the lead was qualified an hour before.
const QUALIFIED_AT = '2026-01-05T08:00:00.000Z';
function reviewItem(lead: string, fields: IDataObject | null = null): IDataObject {
	erp.state.seed('Lead', [
		{
			name: lead,
			lead_name: 'Ada Byte',
			email_id: `${lead.toLowerCase()}@byte.example`,
			company_name: 'Byte GmbH',
		},
	]);
	const qualify = makeEvent(
		{
			workflow: 'Lead-to-Close',
			execution_id: '902',
			step: 'qualify',
			actor: 'system',
			decision: 'review',
			outcome: 'written',
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
		reasons: [{ factor: 'need', points: 20, detail: 'needs <b>PLC</b>', evidence: '' }],
		lead: { ref: lead },
		proposal: {
			route: 'qualified',
			fields,
			proposeOnly: fields
				? 'propose-only mode is on for this node (its Propose Only parameter)'
				: null,
		},
		_ltcEvents: [qualify],
	};
}
const REQUEST = { operation: 'requestLead', reviewer: REVIEWER };
const DECIDE = { operation: 'decideLead' };
const todosOf = (lead: string) =>
	erp.state.all('ToDo').filter((t) => t.reference_type === 'Lead' && t.reference_name === lead);
const stamp = () => DateTime.now().setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm:ss.SSS000');

describe('Desk Approval: Request Lead Review', () => {
	it('assigns one ToDo on the Lead with the escaped reasons and the proposal; a retried item reuses it', async () => {
		const item = reviewItem('CRM-LEAD-2026-00951');
		const first = await run('test.emit', [item], REQUEST);
		expect(first.output('Desk Approval')[0].json.approval).toMatchObject({
			status: 'pending',
			lead: 'CRM-LEAD-2026-00951',
			proposedRoute: 'qualified',
			proposeOnly: false,
			reused: false,
		});
		const [todo] = todosOf('CRM-LEAD-2026-00951');
		expect(todo).toMatchObject({ status: 'Open', allocated_to: REVIEWER });
		expect(String(todo.description)).toContain('<li>+20 need: needs &lt;b&gt;PLC&lt;/b&gt;</li>');
		expect(readLeadProposal(todo.description)).toMatchObject({
			execution_id: '902',
			step: 'qualify',
			next: 'qualified',
			proposed_at: QUALIFIED_AT,
			fields: null,
		});
		const again = await run('test.emit', [item], REQUEST);
		expect(again.output('Desk Approval')[0].json.approval).toMatchObject({
			reused: true,
			todo: todo.name,
		});
		expect(todosOf('CRM-LEAD-2026-00951')).toHaveLength(1);
	});

	it('refuses an item whose qualification no node of ours made in this execution, naming it', async () => {
		const item = reviewItem('CRM-LEAD-2026-00952');
		const result = await run('test.start', [item], REQUEST, true);
		expect(String(result.output('Desk Approval')[0].json.error)).toContain(
			'No qualification of Lead CRM-LEAD-2026-00952 made in this execution',
		);
		expect(todosOf('CRM-LEAD-2026-00952')).toEqual([]);
	});
});

describe('Desk Approval: Read Lead Decision', () => {
	it('two runs reading the same close at once (two n8n processes): one decides, the other loses the lock', async () => {
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00953')], REQUEST);
		const todo = String(todosOf('CRM-LEAD-2026-00953')[0].name);
		decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
		erp.setDelay(400, /^\/api\/resource\/ToDo\/./);
		try {
			const results = await Promise.all([
				run('test.start', [{ name: todo }], DECIDE),
				run('test.start', [{ name: todo }], DECIDE),
			]);
			const decided = results.flatMap((r) => r.output('Desk Approval', 0));
			const none = results.flatMap((r) => r.output('Desk Approval', 4));
			expect(decided).toHaveLength(1);
			expect(decided[0].json.approval).toMatchObject({
				status: 'accepted',
				route: 'qualified',
				override: false,
				decidedBy: REVIEWER,
			});
			expect((decided[0].json._ltcEvents as MetricEvent[])[0]).toMatchObject({
				actor: 'human',
				decision: 'approve',
				outcome: 'approved',
				channel: 'desk',
				execution_id: '902',
				step: 'qualify',
			});
			expect(none.map((i) => (i.json.approval as IDataObject).status)).toEqual(['already_decided']);
		} finally {
			erp.setDelay(0);
		}
		expect(
			String(erp.state.get('ToDo', todo)!.description).match(/ltc-approval-decided-/g),
		).toHaveLength(1);
		// An open review, and a ToDo that is no lead review, decide nothing.
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00954')], REQUEST);
		const open = String(todosOf('CRM-LEAD-2026-00954')[0].name);
		expect(
			(await run('test.start', [{ name: open }], DECIDE)).output('Desk Approval', 4)[0].json
				.approval,
		).toMatchObject({ status: 'pending' });
		const [other] = erp.state.seed('ToDo', [
			{
				status: 'Closed',
				description: 'Call back',
				reference_type: 'Lead',
				reference_name: 'CRM-LEAD-2026-00954',
				allocated_to: REVIEWER,
			},
		]);
		expect(
			(await run('test.start', [{ name: other.name }], DECIDE)).output('Desk Approval', 4)[0].json
				.approval,
		).toMatchObject({ status: 'not_a_lead_review' });
	});

	it('propose-only: accepting writes the proposed values once; a Lead that holds them already gets no write', async () => {
		const fields = {
			custom_ai_score: 60,
			custom_ai_grade: 'B',
			custom_ai_route: 'review',
			custom_ai_confidence: 50,
			custom_ai_engine: 'rules',
			custom_ai_reasons: '+20 need: needs PLC',
		};
		await run('test.emit', [reviewItem('CRM-LEAD-2026-00955', fields)], REQUEST);
		expect(erp.state.get('Lead', 'CRM-LEAD-2026-00955')!.custom_ai_score ?? null).toBeNull();
		const todo = String(todosOf('CRM-LEAD-2026-00955')[0].name);
		decideAssignment(erp.state, todo, 'Closed', REVIEWER, stamp());
		const [out] = (await run('test.start', [{ name: todo }], DECIDE)).output('Desk Approval', 0);
		expect(out.json.approval).toMatchObject({ status: 'accepted', proposal: 'applied' });
		expect(erp.state.get('Lead', 'CRM-LEAD-2026-00955')).toMatchObject(fields);

		await run('test.emit', [reviewItem('CRM-LEAD-2026-00956', fields)], REQUEST);
		erp.state.dbSet('Lead', 'CRM-LEAD-2026-00956', fields);
		const second = String(todosOf('CRM-LEAD-2026-00956')[0].name);
		decideAssignment(erp.state, second, 'Closed', REVIEWER, stamp());
		const puts = () =>
			erp
				.writes()
				.filter((r) => r.method === 'PUT' && r.path === '/api/resource/Lead/CRM-LEAD-2026-00956')
				.length;
		const before = puts();
		const [held] = (await run('test.start', [{ name: second }], DECIDE)).output('Desk Approval', 0);
		expect(held.json.approval).toMatchObject({ proposal: 'already_applied' });
		expect(puts()).toBe(before);
	});
});
