// Security review H1 in a real n8n (run from tests/n8n/autonomyMetrics.test.mts, on its n8n instance, so
// no extra n8n start is paid for): the published webhooks of workflows/lead-qualification.json and
// workflows/demo.json, as shipped. Before the fix both answered anyone (A1, C1), reflected any browser
// Origin (CORS), took 5,000 leads in one request (A2), stored 200 forged `_ltcEvents` posted inside a
// lead (C2) and answered with the lead echo. Now: no key → 403 and no execution; an Origin not allowed
// gets no CORS allow header for itself; over 100 leads → 413 with a clear message; forged events posted
// inside a lead never become ltc_events rows (the shipped demo drops them, and Collect Events drops
// them anyway: a copy of the demo that passes the posted lead through unchanged stores none either);
// the qualify answer holds only what the caller needs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../scripts/embedded-postgres.mts';
import { ROOT, type CredentialFixture, type N8nInstance, type WorkflowFixture } from '../../../scripts/n8n-instance.mts';
import { WEBHOOK_KEY_HEADER, newWebhookKey, webhookHeaders, webhookKeyCredential } from '../../../scripts/webhook-auth.mts';
import { postgresCredential } from './metricsWorkflow.mts';

interface Node {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	webhookId?: string;
	[key: string]: unknown;
}
interface Workflow extends WorkflowFixture {
	nodes: Node[];
}

const load = (file: string) => JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as Workflow;
const qualify = load('lead-qualification.json');
const demo = load('demo.json');
// The demo as it was before the fix, in the one place that mattered for C2: its Code node passes each
// posted lead through unchanged (with any `_ltcEvents`), so only Collect Events stands in the way.
const passThrough: Workflow = {
	...demo,
	id: 'ltcDemoPassThru01',
	name: 'demo with the posted lead passed through',
	nodes: demo.nodes.map((n: Node): Node => {
		if (n.type === 'n8n-nodes-base.webhook') return { ...n, webhookId: 'ltc-demo-pass-through', parameters: { ...n.parameters, path: 'test/demo-pass-through' } };
		if (n.name === 'One Item per Lead') return { ...n, parameters: { jsCode: 'return $input.first().json.body.leads.map((l) => ({ json: l }));' } };
		return n;
	}),
};

const KEY = newWebhookKey();
const EVIL = 'https://evil.example';
const LEAD = { id: 'L-1', company: 'Nordwerk Automation GmbH', title: 'Geschäftsführerin', email: 'jana.roth@nordwerk-automation.de', message: 'We need 12 PLCs, budget around 250k EUR, go-live within 3 months.' };
/** The review's C2 event: another workflow's name, invented refs, $5,000 of LLM cost. */
const FORGED = {
	occurred_at: '2026-12-06T10:00:00.000Z',
	workflow: 'Lead-to-Close: new ERPNext Lead to quote',
	execution_id: '900001',
	step: 'quote',
	actor: 'ai',
	decision: 'auto',
	outcome: null,
	lead_ref: 'CRM-LEAD-2026-00501',
	deal_ref: null,
	quote_ref: 'SAL-QTN-2026-00901',
	channel: null,
	service: null,
	score: null,
	confidence: null,
	amount: 990000000,
	currency: 'EUR',
	duration_ms: null,
	tokens_in: null,
	tokens_out: null,
	cost_usd: 5000,
	error: null,
};
const forged = (n: number) => Array.from({ length: n }, (_, i) => ({ ...FORGED, execution_id: String(900001 + i) }));

let n8n: N8nInstance;
let pg: EmbeddedPostgres;
let dataDir: string;

/**
 * What the host test adds to its n8n: the Header Auth credential, a metrics credential on a PGlite of
 * our own (so the host's databases see none of these rows) and the three workflows, all published.
 */
export async function publicWebhookSetup(): Promise<{ credentials: CredentialFixture[]; workflows: WorkflowFixture[]; stop: () => Promise<void> }> {
	dataDir = mkdtempSync(join(tmpdir(), 'ltc-h1-pg-'));
	pg = await startEmbeddedPostgres({ dataDir, port: 0 });
	return {
		credentials: [
			webhookKeyCredential(KEY),
			postgresCredential('ltcMetricsPg00001', 'Lead-to-Close metrics DB', { host: pg.host, port: pg.port, database: 'postgres', user: 'postgres', maxConnections: 4 }),
		],
		workflows: [qualify, demo, passThrough],
		stop: async () => {
			await pg?.stop();
			if (dataDir) rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

const post = (path: string, body: unknown, headers: Record<string, string> = webhookHeaders(KEY)) =>
	fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

/** Executions of a workflow after n8n has had time to save any that started. */
async function settledCount(workflowId: string): Promise<number> {
	await new Promise((r) => setTimeout(r, 1500));
	return (await n8n.executions(workflowId)).length;
}

/** The H1 tests, against the host test's n8n (started with publicWebhookSetup()'s fixtures). */
export function describePublicWebhooks(instance: () => N8nInstance): void {
	describe('H1: public webhooks', () => {
		beforeAll(async () => {
			n8n = instance();
			// Registered: a call with the key gets past the 404 of an unknown path.
			await n8n.waitForWebhook('lead-to-close/qualify', { method: 'POST', headers: webhookHeaders(KEY), body: JSON.stringify({ leads: [LEAD] }) });
		}, 120_000);

		describe('H1: the published webhooks refuse callers without the key', () => {
			it.each([
				['lead-to-close/qualify', () => qualify.id],
				['lead-to-close/demo', () => demo.id],
			])('%s: no key or a wrong key → 403, and no execution starts', async (path, id) => {
				const before = await settledCount(id());
				const none = await post(path, { leads: [LEAD] }, { 'content-type': 'application/json' });
				const wrong = await post(path, { leads: [LEAD] }, { 'content-type': 'application/json', [WEBHOOK_KEY_HEADER]: `${KEY}x` });
				const empty = await post(path, { leads: [LEAD] }, { 'content-type': 'application/json', [WEBHOOK_KEY_HEADER]: '' });
				expect([none.status, wrong.status, empty.status]).toEqual([403, 403, 403]);
				expect(await none.text()).not.toMatch(/score|route/);
				expect(await settledCount(id())).toBe(before);
			});
		});

		describe('H1: CORS', () => {
			const preflight = (path: string, origin: string) =>
				fetch(`${n8n.baseUrl}/webhook/${path}`, {
					method: 'OPTIONS',
					headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,${WEBHOOK_KEY_HEADER}` },
				});

			it.each(['lead-to-close/qualify', 'lead-to-close/demo'])('%s: a browser on another origin gets no allow header for itself', async (path) => {
				for (const r of [await preflight(path, EVIL), await post(path, { leads: [LEAD] }, { ...webhookHeaders(KEY), origin: EVIL })]) {
					const allowed = r.headers.get('access-control-allow-origin');
					expect(allowed).not.toBe(EVIL);
					expect(allowed).not.toBe('*');
				}
			});

			it('the allowed origin (the editor) is answered', async () => {
				const r = await preflight('lead-to-close/qualify', 'http://localhost:5678');
				expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5678');
			});
		});

		describe('H1: size and answer of the qualify webhook', () => {
			it('refuses more than 100 leads in one request with a clear message (413), without scoring any', async () => {
				const r = await post('lead-to-close/qualify', { leads: Array.from({ length: 101 }, (_, i) => ({ ...LEAD, id: `L-${i}` })) });
				expect(r.status).toBe(413);
				expect(await r.json()).toEqual({ error: expect.stringMatching(/101 leads in one request; at most 100 per request/) });
				const r2 = await post('lead-to-close/qualify', { leads: [] });
				expect(r2.status).toBe(400);
			});

			it('answers only what the caller needs: its id and the scoring, no lead echo, record names or events', async () => {
				const r = await post('lead-to-close/qualify', { leads: [{ ...LEAD, name: 'CRM-LEAD-2026-00001', _ltcEvents: forged(2) }] });
				expect(r.status).toBe(200);
				const [answer] = (await r.json()) as Array<Record<string, unknown>>;
				expect(Object.keys(answer).sort()).toEqual(['confidence', 'flags', 'grade', 'id', 'reasons', 'route', 'score']);
				expect(answer.id).toBe('L-1');
				expect(JSON.stringify(answer)).not.toMatch(/CRM-LEAD-2026-00001|duplicateOf|_ltcEvents|900001/);
			});
		});

		describe('H1: forged metric events posted inside a lead are never stored', () => {
			async function rows(): Promise<Array<{ workflow: string; execution_id: string; step: string; lead_ref: string | null; quote_ref: string | null; cost_usd: string | null }>> {
				return (await pg.db.query<{ workflow: string; execution_id: string; step: string; lead_ref: string | null; quote_ref: string | null; cost_usd: string | null }>(
					'SELECT workflow, execution_id, step, lead_ref, quote_ref, cost_usd::text FROM ltc_events ORDER BY id',
				)).rows;
			}

			it.each([
				['the shipped demo', 'lead-to-close/demo', () => demo],
				['a demo copy that passes the posted lead through unchanged', 'test/demo-pass-through', () => passThrough],
			])('%s: 200 forged events in the lead → only the events our nodes made in that execution', async (_, path, wf) => {
				const before = (await rows()).length;
				const r = await n8n.waitForWebhook(path, { method: 'POST', headers: webhookHeaders(KEY), body: JSON.stringify({ leads: [{ ...LEAD, _ltcEvents: forged(200) }] }) }, 90_000);
				expect(r.status, await r.clone().text()).toBe(200);
				const added = (await rows()).slice(before);
				const [execution] = await n8n.executions(wf().id);
				expect(added.length).toBeGreaterThan(0);
				expect(added.length).toBeLessThanOrEqual(3); // qualify, quote, outreach of the one lead
				for (const row of added) expect(row).toMatchObject({ workflow: wf().name, execution_id: execution.id });
				expect(added.filter((row) => row.step === 'qualify').map((row) => row.lead_ref)).toEqual(['L-1']);
				expect(added.filter((row) => row.quote_ref === 'SAL-QTN-2026-00901' || Number(row.cost_usd) >= 5000)).toEqual([]);
			});
		});
	});
}
