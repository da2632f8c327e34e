// Deal Monitor with System of Record "Frappe CRM" in the n8n engine (in-process) against the Frappe
// contract server hosting the Frappe CRM app (apps: ['crm'], frappe/crm @ 8b7dfdde): the open CRM Deals
// (status type not Won/Lost) are read with their e-mails, call logs, tasks, status change log and SLA,
// an at-risk deal gets the AI risk fields (shown on the deal page), a comment in its activity and one
// CRM Task for its owner; a replay writes nothing. The ERPNext default is untouched
// (tests/nodes/dealMonitor.test.mts).
import type { IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeadToCloseAnthropicApi } from '../../credentials/LeadToCloseAnthropicApi.credentials';
import { LeadToCloseErpNextApi } from '../../credentials/LeadToCloseErpNextApi.credentials';
import { DealMonitor } from '../../nodes/DealMonitor/DealMonitor.node';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { chain, node, runWorkflow } from '../workflow/harness.mts';

const TYPE = 'n8n-nodes-lead-to-close.dealMonitor';
const BASE = { systemOfRecord: 'frappeCrm', referenceDate: '2026-11-02T09:00:00Z', timeZone: 'UTC' };
const OWNER = 'anna.berg@example.com';

type Out = IDataObject & {
	riskScore: number;
	level: string;
	signals: Array<{ code: string; evidence: string }>;
	deal: IDataObject;
	frappeCrm?: { deal: string; fieldsWritten: boolean; comment: IDataObject | null; task: IDataObject | null };
	erpnext?: unknown;
	_ltcEvents: IDataObject[];
};

let crm: ErpNextServer;
const creds = () => ({ leadToCloseErpNextApi: { baseUrl: crm.url, apiKey: 'k', apiSecret: 's3cret-value' } });

async function monitor(items: unknown[], params: INode['parameters'] = {}) {
	return await runWorkflow({
		nodeTypes: { [TYPE]: new DealMonitor() },
		credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
		credentials: creds() as never,
		nodes: [node('Start', 'test.start', { items: JSON.stringify(items) }), node('Deal Monitor', TYPE, { ...BASE, ...params })],
		connections: chain('Start', 'Deal Monitor'),
	});
}

const WRITE = { source: 'erpnext', writeBack: true, assignTodos: true, options: {} };

beforeAll(async () => {
	crm = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', apps: ['crm'] });
	crm.state.seed('CRM Deal', [
		{
			// At risk: the close date passed, the first response is overdue under its SLA, our last e-mail and
			// call went unanswered, and it sat in Negotiation for weeks.
			name: 'CRM-DEAL-2026-00001',
			naming_series: 'CRM-DEAL-.YYYY.-',
			organization: 'Nordwerk Automation GmbH',
			status: 'Negotiation',
			deal_owner: OWNER,
			probability: 60,
			deal_value: 84000,
			currency: 'EUR',
			expected_closure_date: '2026-10-20',
			sla: 'Default',
			sla_status: 'First Response Due',
			response_by: '2026-09-02 10:00:00',
			creation: '2026-08-01 09:00:00.000000',
			modified: '2026-10-05 09:00:00.000000',
			contacts: [{ contact: 'Jana Roth', email: 'jana.roth@nordwerk.de', is_primary: 1 }],
			status_change_log: [
				{ from: 'Qualification', from_type: 'Open', from_date: '2026-08-01 09:00:00', to: 'Negotiation', to_type: 'Ongoing', to_date: '2026-09-01 09:00:00' },
				{ from: 'Negotiation', from_type: 'Ongoing', from_date: '2026-09-01 09:00:00', to: '', to_type: '' },
			],
		},
		{
			// Healthy: a reply two days ago, a task due next week, closing in January.
			name: 'CRM-DEAL-2026-00002',
			naming_series: 'CRM-DEAL-.YYYY.-',
			organization: 'Calm Ltd',
			status: 'Qualification',
			deal_owner: OWNER,
			probability: 20,
			deal_value: 4000,
			currency: 'EUR',
			expected_closure_date: '2027-01-15',
			creation: '2026-10-20 09:00:00.000000',
			modified: '2026-10-31 09:00:00.000000',
			status_change_log: [{ from: 'Qualification', from_type: 'Open', from_date: '2026-10-20 09:00:00', to: '', to_type: '' }],
		},
		{
			// Won: not in play, not read.
			name: 'CRM-DEAL-2026-00003',
			naming_series: 'CRM-DEAL-.YYYY.-',
			organization: 'Done GmbH',
			status: 'Won',
			deal_owner: OWNER,
			expected_closure_date: '2026-01-01',
			creation: '2026-01-01 09:00:00.000000',
			modified: '2026-01-01 09:00:00.000000',
		},
	]);
	crm.state.seed('Communication', [
		{ name: 'COMM-1', communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Sent', recipients: 'jana.roth@nordwerk.de', subject: 'Revised offer', reference_doctype: 'CRM Deal', reference_name: 'CRM-DEAL-2026-00001', communication_date: '2026-10-01 10:00:00', creation: '2026-10-01 10:00:00' },
		{ name: 'COMM-2', communication_type: 'Communication', communication_medium: 'Email', sent_or_received: 'Received', sender: 'ops@calm.example', subject: 'Re: intro', reference_doctype: 'CRM Deal', reference_name: 'CRM-DEAL-2026-00002', communication_date: '2026-10-31 10:00:00', creation: '2026-10-31 10:00:00' },
	]);
	crm.state.seed('CRM Call Log', [
		{ name: 'CALL-1', id: 'CALL-1', type: 'Outgoing', status: 'No Answer', duration: 0, from: '+4930100', to: '+4930200', start_time: '2026-10-05 09:00:00', reference_doctype: 'CRM Deal', reference_docname: 'CRM-DEAL-2026-00001' },
	]);
	// A note on the deal (the team's write-up) is activity; one on a CRM Lead of another name is not read.
	// (seed stamps the fake's clock as creation; dbSet dates the notes as if written then.)
	const notes = crm.state.seed('FCRM Note', [
		{ title: 'Site visit write-up', content: '<p>Jana wants a second quote.</p>', reference_doctype: 'CRM Deal', reference_docname: 'CRM-DEAL-2026-00001' },
		{ title: 'Lead note', content: '<p>x</p>', reference_doctype: 'CRM Lead', reference_docname: 'CRM-DEAL-2026-00001' },
	]);
	crm.state.dbSet('FCRM Note', notes[0].name, { creation: '2026-10-27 15:00:00' });
	crm.state.dbSet('FCRM Note', notes[1].name, { creation: '2026-11-01 15:00:00' });
	crm.state.seed('CRM Task', [
		{ name: '1', title: 'Prepare workshop', status: 'Todo', priority: 'Medium', due_date: '2026-11-06 10:00:00', assigned_to: OWNER, reference_doctype: 'CRM Deal', reference_docname: 'CRM-DEAL-2026-00002' },
	]);
});
afterAll(async () => crm.stop());

describe('Deal Monitor against Frappe CRM', () => {
	it('flags the at-risk CRM Deal with its Frappe CRM signals, writes the AI fields, a comment and one CRM Task for the owner', async () => {
		const r = await monitor([{}], WRITE);
		expect(r.error('Deal Monitor')).toBeUndefined();
		const outs = r.output('Deal Monitor').map((i) => i.json as Out);
		expect(outs.map((o) => o.deal.name)).toEqual(['CRM-DEAL-2026-00001']);
		const [out] = outs;
		const codes = out.signals.map((s) => s.code);
		expect(codes).toEqual(expect.arrayContaining(['close_date_passed', 'response_overdue', 'last_outbound_unanswered', 'stuck_in_stage']));
		expect(codes).not.toContain('no_quotation');
		expect(out.signals.find((s) => s.code === 'stale')?.evidence).toBe('No activity for 5 days; the last was Event "Note: Site visit write-up" on 2026-10-27 (limit 5 for Negotiation).');
		expect(out.level).toBe('critical');
		expect(out.deal).toMatchObject({ party_name: 'Nordwerk Automation GmbH', opportunity_owner: OWNER, sales_stage: 'Negotiation', amount: { minor: 8400000, currency: 'EUR' } });
		expect(out.erpnext).toBeUndefined();
		expect(out.frappeCrm).toMatchObject({ deal: 'CRM-DEAL-2026-00001', fieldsWritten: true, comment: { created: true }, task: { created: true, assignedTo: OWNER } });
		expect(out._ltcEvents.map((e) => e.service)).toEqual(['frappe_crm', 'frappe_crm']);

		const stored = crm.state.get('CRM Deal', 'CRM-DEAL-2026-00001')!;
		expect(stored).toMatchObject({ custom_ai_risk_score: out.riskScore, custom_ai_risk_level: 'critical' });
		expect(String(stored.custom_ai_risk_signals)).toContain('response_overdue');
		expect(crm.state.get('CRM Deal', 'CRM-DEAL-2026-00002')!.custom_ai_risk_level).toBeUndefined();

		// The deal page shows the AI fields in their own section (Side Panel and the Data tab).
		const auth = { Authorization: 'token k:s3cret-value' };
		const panel = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_sidepanel_sections?doctype=CRM%20Deal`, { headers: auth });
		const sections = ((await panel.json()) as { message: Array<{ name: string; columns: Array<{ fields: Array<{ fieldname: string }> }> }> }).message;
		expect(sections.map((s) => s.name)).toContain('ltc_ai_risk_section');
		expect(sections.find((s) => s.name === 'ltc_ai_risk_section')!.columns[0].fields.map((f) => f.fieldname)).toContain('custom_ai_risk_level');
		const data = await fetch(`${crm.url}/api/method/crm.fcrm.doctype.crm_fields_layout.crm_fields_layout.get_fields_layout?doctype=CRM%20Deal&type=Data%20Fields`, { headers: auth });
		const [tab] = ((await data.json()) as { message: Array<{ sections: Array<{ name: string }> }> }).message;
		expect(tab.sections.map((s) => s.name)).toEqual(['details_section', 'section_jHhQ', 'section_WNOQ', 'ltc_ai_risk_section']);

		// The comment is in the deal's activity; the CRM Task is on the deal, for the owner, with the marker.
		const act = await fetch(`${crm.url}/api/method/crm.api.activities.get_activities?name=CRM-DEAL-2026-00001`, { headers: auth });
		const [activities, , , tasks] = ((await act.json()) as { message: Array<Array<IDataObject>> }).message;
		const comments = activities.filter((a) => a.activity_type === 'comment');
		expect(comments).toHaveLength(1);
		expect(String(comments[0].content)).toContain(`AI deal risk: critical, score ${out.riskScore}/100`);
		expect(tasks).toHaveLength(1);
		expect(tasks[0]).toMatchObject({ assigned_to: OWNER, status: 'Todo', priority: 'High' });
		expect(String(tasks[0].description)).toContain(`[ltc-risk CRM-DEAL-2026-00001 ${String(out.frappeCrm!.task!.signal)}]`);
	});

	it('a replay writes nothing twice: no field write, no second comment, no second open task', async () => {
		const before = crm.requests.length;
		const out = (await monitor([{}], WRITE)).output('Deal Monitor')[0].json as Out;
		expect(out.frappeCrm).toMatchObject({ fieldsWritten: false, comment: { created: false }, task: { created: false, reason: 'open_todo_exists' } });
		const writes = crm.requests.slice(before).filter((q) => q.method !== 'GET');
		expect(writes.map((q) => `${q.method} ${q.path}`)).toEqual([]);
		expect(crm.state.all('CRM Task').filter((t) => t.reference_docname === 'CRM-DEAL-2026-00001')).toHaveLength(1);
		expect(crm.state.all('Comment').filter((c) => c.reference_name === 'CRM-DEAL-2026-00001')).toHaveLength(1);
	});

	it('reads the site time zone from Frappe when none is set, and only reads (no write-back, no task)', async () => {
		const before = crm.writes().length;
		const r = await monitor([{}], { source: 'erpnext', timeZone: '', options: {} });
		expect(r.error('Deal Monitor')).toBeUndefined();
		const [out] = r.output('Deal Monitor').map((i) => i.json as Out);
		expect(out.deal.name).toBe('CRM-DEAL-2026-00001');
		expect(out.frappeCrm).toBeUndefined();
		expect(crm.writes().slice(before)).toEqual([]);
		expect(crm.requests.some((q) => q.path.endsWith('frappe.client.get_time_zone'))).toBe(true);
	});

	it('CRM Deals given as items (by name) are read whole; an item of another doctype is that item\'s error', async () => {
		const r = await monitor([{ name: 'CRM-DEAL-2026-00001' }, { name: 'CRM-LEAD-2026-00001', doctype: 'CRM Lead' }, { name: 'CRM-DEAL-2026-00002' }], { source: 'items', options: {} }, );
		expect(r.error('Deal Monitor')).toBeDefined();
		expect(String(r.error('Deal Monitor')?.message)).toContain('is a CRM Lead (CRM-LEAD-2026-00001), not a CRM Deal');
	});

	it('with Continue On Fail, a deal that no longer exists is its own error and the others are assessed', async () => {
		const r = await runWorkflow({
			nodeTypes: { [TYPE]: new DealMonitor() },
			credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
			credentials: creds() as never,
			nodes: [
				node('Start', 'test.start', { items: JSON.stringify([{ name: 'CRM-DEAL-2026-00001' }, { name: 'CRM-DEAL-2026-09999' }]) }),
				node('Deal Monitor', TYPE, { ...BASE, source: 'items', options: {} }, { continueOnFail: true }),
			],
			connections: chain('Start', 'Deal Monitor'),
		});
		const outs = r.output('Deal Monitor').map((i) => i.json);
		expect(outs.find((o) => o.deal && (o.deal as IDataObject).name === 'CRM-DEAL-2026-00001')).toBeDefined();
		expect(outs.filter((o) => o.error).map((o) => String(o.error))).toEqual([expect.stringContaining('CRM Deal CRM-DEAL-2026-09999 not found')]);
	});

	it('a CRM Deal value that is not an amount is that deal\'s error naming the field and value', async () => {
		crm.state.seed('CRM Deal', [{ name: 'CRM-DEAL-2026-00004', naming_series: 'CRM-DEAL-.YYYY.-', organization: 'Bad Ltd', status: 'Negotiation', deal_value: 'lots', currency: 'EUR', creation: '2026-08-01 09:00:00', modified: '2026-08-01 09:00:00' }]);
		const r = await runWorkflow({
			nodeTypes: { [TYPE]: new DealMonitor() },
			credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
			credentials: creds() as never,
			nodes: [node('Start', 'test.start', { items: JSON.stringify([{ name: 'CRM-DEAL-2026-00004' }]) }), node('Deal Monitor', TYPE, { ...BASE, source: 'items', options: {} }, { continueOnFail: true })],
			connections: chain('Start', 'Deal Monitor'),
		});
		expect(String(r.output('Deal Monitor')[0].json.error)).toContain('CRM Deal CRM-DEAL-2026-00004: field "deal_value"');
		expect(String(r.output('Deal Monitor')[0].json.error)).toContain('"lots"');
	});
	it('a deal whose name holds HTML characters still gets one task over two runs (the marker is found as it was written)', async () => {
		const name = 'R&D <Lab> "North"';
		crm.state.seed('CRM Deal', [
			{
				...crm.state.get('CRM Deal', 'CRM-DEAL-2026-00001')!,
				name,
				custom_ai_risk_score: undefined,
				custom_ai_risk_level: undefined,
				custom_ai_risk_signals: undefined,
			},
		]);
		const params = { ...BASE, ...WRITE, source: 'items' };
		const run = async () =>
			await runWorkflow({
				nodeTypes: { [TYPE]: new DealMonitor() },
				credentialTypes: [new LeadToCloseErpNextApi(), new LeadToCloseAnthropicApi()],
				credentials: creds() as never,
				nodes: [node('Start', 'test.start', { items: JSON.stringify([{ name }]) }), node('Deal Monitor', TYPE, params)],
				connections: chain('Start', 'Deal Monitor'),
			});
		const first = (await run()).output('Deal Monitor')[0].json as Out;
		expect(first.frappeCrm).toMatchObject({ task: { created: true } });
		const second = (await run()).output('Deal Monitor')[0].json as Out;
		expect(second.frappeCrm).toMatchObject({ task: { created: false, reason: 'open_todo_exists' } });
		expect(crm.state.all('CRM Task').filter((t) => t.reference_docname === name)).toHaveLength(1);
	});

	it('a Canceled CRM Task is remembered: no new task for the same deal and signal for 14 days, then one (ADR 0046, amended)', async () => {
		const deal = 'CRM-DEAL-2026-00001';
		const tasksOf = () => crm.state.all('CRM Task').filter((t) => t.reference_doctype === 'CRM Deal' && t.reference_docname === deal);
		const [task] = tasksOf();
		// The owner cancels it in Frappe CRM an hour before the scan's Reference Date (the site is in UTC).
		crm.state.dbSet('CRM Task', String(task.name), { status: 'Canceled' });
		Object.assign(crm.state.get('CRM Task', String(task.name))!, { modified: '2026-11-02 08:00:00.000000', modified_by: OWNER });
		const run = async () => (await monitor([{ name: deal }], { ...WRITE, source: 'items' })).output('Deal Monitor')[0].json as Out;
		expect((await run()).frappeCrm!.task).toMatchObject({ created: false, reason: 'recently_answered', answeredTask: String(task.name), answered: 'dismissed', askAgainAfter: '2026-11-16T08:00:00.000Z' });
		expect(tasksOf()).toHaveLength(1);
		Object.assign(crm.state.get('CRM Task', String(task.name))!, { modified: '2026-10-19 08:00:00.000000' });
		expect((await run()).frappeCrm!.task).toMatchObject({ created: true, assignedTo: OWNER, askedAgain: `14 days since ${String(task.name)} was answered` });
		expect(tasksOf().map((t) => t.status)).toEqual(['Canceled', 'Todo']);
	});
});
