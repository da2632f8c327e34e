// Issue 9, part 3 (security): no secret leaves through n8n. A real n8n (scripts/n8n-instance.mts, the
// packed package installed like Community Nodes does) runs the finished nodes — Lead Qualifier with
// Claude and ERPNext write-back, Autonomy Metrics, Quote Generator with InvenTree, Claude and an ERPNext
// Quotation, Outreach through Mautic and ERPNext — with credentials whose secrets are distinctive canary
// strings, against the contract servers with faults (so retries and error items happen) and with
// second credentials holding wrong canary secrets (so the 401 paths run and executions fail). Then
// every place n8n keeps text is scanned for each secret and for the Authorization / x-api-key values
// built from them: n8n's log (debug level, console and file), every execution's stored data through
// the REST API, the raw SQLite database, the webhook answers (item outputs) and the `_ltcEvents` and
// metric rows. Zero hits. The contract servers' own request logs are the positive control: the very
// same needles are found there, so the scan is not vacuous.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { startAnthropicServer, type AnthropicServer } from '../contract/anthropic-server.mts';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { SAMPLE_CATALOG, mirrorCatalog, sampleRequest } from '../nodes/support/quoteFixtures.mts';

const CANARY = {
	erpKey: 'erpkey-canary-3f9a1c',
	erpSecret: 'erpsecret-canary-b72e55',
	erpWrongSecret: 'erpsecret-wrong-canary-0d3c',
	anthropicKey: 'anthropic-canary-key-6d10e',
	anthropicWrongKey: 'anthropic-wrong-canary-77aa',
	inventreeToken: 'inv-canary-token-91c0aa',
	inventreeWrongToken: 'inv-wrong-canary-5151',
	mauticUser: 'mautic-canary-user',
	mauticPassword: 'mautic-canary-pass-44aa',
	mauticWrongPassword: 'mautic-wrong-canary-pass-9f0e',
};
const basic = (user: string, password: string) =>
	Buffer.from(`${user}:${password}`).toString('base64');

/** Every secret and every header value built from one: none may appear anywhere n8n keeps text. */
const NEEDLES: Record<string, string> = {
	'ERPNext API secret': CANARY.erpSecret,
	'ERPNext wrong API secret': CANARY.erpWrongSecret,
	'ERPNext Authorization': `${CANARY.erpKey}:${CANARY.erpSecret}`,
	'ERPNext wrong Authorization': `${CANARY.erpKey}:${CANARY.erpWrongSecret}`,
	'Anthropic x-api-key': CANARY.anthropicKey,
	'Anthropic wrong x-api-key': CANARY.anthropicWrongKey,
	'InvenTree token': CANARY.inventreeToken,
	'InvenTree wrong token': CANARY.inventreeWrongToken,
	'Mautic password': CANARY.mauticPassword,
	'Mautic wrong password': CANARY.mauticWrongPassword,
	'Mautic Authorization': basic(CANARY.mauticUser, CANARY.mauticPassword),
	'Mautic wrong Authorization': basic(CANARY.mauticUser, CANARY.mauticWrongPassword),
};

/** Which needles occur in `text` (also percent-encoded), with where. */
function hits(where: string, text: string): string[] {
	return Object.entries(NEEDLES)
		.filter(([, needle]) => text.includes(needle) || text.includes(encodeURIComponent(needle)))
		.map(([name]) => `${name} in ${where}`);
}

const CRED = {
	erp: { id: 'ltcSecErpCred001', name: 'ERPNext canary', type: 'leadToCloseErpNextApi' },
	erpWrong: { id: 'ltcSecErpCred002', name: 'ERPNext wrong canary', type: 'leadToCloseErpNextApi' },
	anthropic: { id: 'ltcSecAntCred001', name: 'Anthropic canary', type: 'leadToCloseAnthropicApi' },
	anthropicWrong: {
		id: 'ltcSecAntCred002',
		name: 'Anthropic wrong canary',
		type: 'leadToCloseAnthropicApi',
	},
	inventree: { id: 'ltcSecInvCred001', name: 'InvenTree canary', type: 'leadToCloseInvenTreeApi' },
	inventreeWrong: {
		id: 'ltcSecInvCred002',
		name: 'InvenTree wrong canary',
		type: 'leadToCloseInvenTreeApi',
	},
	mautic: { id: 'ltcSecMauCred001', name: 'Mautic canary', type: 'leadToCloseMauticApi' },
	mauticWrong: {
		id: 'ltcSecMauCred002',
		name: 'Mautic wrong canary',
		type: 'leadToCloseMauticApi',
	},
} as const;
type CredKey = keyof typeof CRED;
const use = (...keys: CredKey[]) =>
	Object.fromEntries(keys.map((k) => [CRED[k].type, { id: CRED[k].id, name: CRED[k].name }]));

interface Step {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	continueOnFail?: boolean;
}

/** Webhook (answers with the last node's items) → Split Out body.items → steps in a line. */
function flow(id: string, steps: Step[]): WorkflowFixture {
	const nodes: unknown[] = [
		{
			id: `${id}-w`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: `${id}-hook`,
			parameters: {
				httpMethod: 'POST',
				path: `secrets/${id}`,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: `${id}-s`,
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
		...steps.map((s, i) => ({
			id: `${id}-${i}`,
			name: s.name,
			type: s.type,
			typeVersion: 1,
			position: [400 + 200 * i, 0],
			parameters: s.parameters,
			...(s.credentials ? { credentials: s.credentials } : {}),
			...(s.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		})),
	];
	const names = ['Webhook', 'Split', ...steps.map((s) => s.name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
	return { id, name: `secrets ${id}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

const LQ = 'n8n-nodes-lead-to-close.leadQualifier';
const QG = 'n8n-nodes-lead-to-close.quoteGenerator';
const AM = 'n8n-nodes-lead-to-close.autonomyMetrics';
const OUT = 'n8n-nodes-lead-to-close.outreach';
const QUALIFY = { referenceDate: '2026-11-01T00:00:00Z', options: {} };
const QUOTE = {
	catalogSource: 'inventree',
	requestText: '={{ $json.text }}',
	party: '={{ $json.lead }}',
	referenceDate: '2026-11-02T10:00:00Z',
	company: 'Lead-to-Close Demo GmbH',
	options: {},
};
const SEND = {
	resource: 'message',
	operation: 'send',
	channel: 'email',
	step: 'd0',
	sequence: 'quote-follow-up',
	useErpNext: true,
	now: '2026-11-18T09:00:00Z',
	policy: {},
	options: {},
};

const WORKFLOWS = {
	qualify: flow('ltcSecQualify01', [
		{
			name: 'Lead Qualifier',
			type: LQ,
			parameters: { ...QUALIFY, useLlm: true, writeBack: true },
			credentials: use('anthropic', 'erp'),
			continueOnFail: true,
		},
	]),
	metrics: flow('ltcSecMetrics01', [
		// The qualify flow's items, posted here: events made in another execution, accepted on purpose (H1).
		{ name: 'Autonomy Metrics', type: AM, parameters: { mode: 'collect', output: 'rows', acceptEventsMadeElsewhere: true } },
	]),
	claudeWrong: flow('ltcSecClaudeBad', [
		{
			name: 'Lead Qualifier',
			type: LQ,
			parameters: { ...QUALIFY, useLlm: true },
			credentials: use('anthropicWrong'),
		},
	]),
	erpWrong: flow('ltcSecErpBad001', [
		{
			name: 'Lead Qualifier',
			type: LQ,
			parameters: { ...QUALIFY, writeBack: true },
			credentials: use('erpWrong'),
		},
	]),
	quote: flow('ltcSecQuote0001', [
		{
			name: 'Quote Generator',
			type: QG,
			parameters: { ...QUOTE, useLlm: true, createQuotation: true },
			credentials: use('inventree', 'erp', 'anthropic'),
			continueOnFail: true,
		},
	]),
	quoteWrong: flow('ltcSecQuoteBad1', [
		{ name: 'Quote Generator', type: QG, parameters: QUOTE, credentials: use('inventreeWrong') },
	]),
	outreach: flow('ltcSecOutreach1', [
		{
			name: 'Outreach',
			type: OUT,
			parameters: { ...SEND, emailId: 1 },
			credentials: use('mautic', 'erp'),
			continueOnFail: true,
		},
	]),
	outreachWrong: flow('ltcSecOutBad001', [
		{
			name: 'Outreach',
			type: OUT,
			parameters: { ...SEND, emailId: 1, useErpNext: false },
			credentials: use('mauticWrong'),
		},
	]),
};

let n8n: N8nInstance;
let erp: ErpNextServer;
let anthropic: AnthropicServer;
let inventree: InvenTreeServer;
let mautic: MauticServer;
const answers: Array<{ workflow: string; status: number; text: string }> = [];

const LEADS = [
	{
		name: 'CRM-LEAD-2026-00601',
		lead_name: 'Jana Roth',
		company_name: 'Nordwerk Automation GmbH',
		job_title: 'Geschäftsführerin',
		email_id: 'jana.roth@nordwerk-automation.de',
		country: 'Germany',
		notes: [{ note: '<p>We need 12 PLCs, budget around 250k EUR, go-live within 3 months.</p>' }],
	},
	{
		name: 'CRM-LEAD-2026-00602',
		lead_name: 'Carlos Méndez',
		company_name: 'Envasadora del Norte S.A.',
		job_title: 'Gerente General',
		email_id: 'cmendez@envasadoranorte.mx',
		country: 'Mexico',
		notes: [{ note: '<p>Necesitamos 8 variadores, presupuesto 90,000 USD.</p>' }],
	},
	{
		name: 'CRM-LEAD-2026-00603',
		lead_name: 'Uta Sommer',
		company_name: 'Sommer Fördertechnik',
		job_title: 'Maintenance Manager',
		email_id: 'uta@sommer-foerdertechnik.de',
		country: 'Germany',
		notes: [{ note: '<p>Looking for a new HMI next year.</p>' }],
	},
];

async function post(
	key: keyof typeof WORKFLOWS,
	items: unknown[],
): Promise<{ status: number; text: string }> {
	const res = await n8n.waitForWebhook(
		`secrets/${WORKFLOWS[key].id}`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items }),
		},
		90_000,
	);
	const answer = { workflow: key, status: res.status, text: await res.text() };
	answers.push(answer);
	return answer;
}

beforeAll(async () => {
	erp = await startErpNextServer({ apiKey: CANARY.erpKey, apiSecret: CANARY.erpSecret });
	anthropic = await startAnthropicServer({ apiKey: CANARY.anthropicKey });
	inventree = await startInvenTreeServer({ token: CANARY.inventreeToken });
	mautic = await startMauticServer({
		username: CANARY.mauticUser,
		password: CANARY.mauticPassword,
	});
	erp.state.seed(
		'Lead',
		LEADS.map((l) => ({ ...l, unsubscribed: 0, status: 'Open' })),
	);
	// The Company and the InvenTree catalog mirrored as Items: ERPNext validates a Quotation's links.
	mirrorCatalog(erp, SAMPLE_CATALOG, QUOTE.company);
	for (const l of LEADS)
		mautic.state.seedContact({
			email: l.email_id,
			firstname: l.lead_name.split(' ')[0],
			country: l.country,
		});
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation' });
	anthropic.state.responder = (body) => {
		// the Quote Generator's reading of QR-001 (its first call: the schema has "phrase"), then its picks
		if (JSON.stringify(body.output_config).includes('"phrase"'))
			return {
				json: {
					requirements: [
						{ phrase: 'two 16-point digital input cards', qty: 2, brand: null, product: 'card' },
						{ phrase: '40 hours of PLC programming', qty: 40, brand: null, product: 'service' },
						{ phrase: '30 Rosemount 3051CD range 2 transmitters', qty: 30, brand: null, product: 'transmitter' },
					],
				},
			};
		if (JSON.stringify(body).includes('quote_request'))
			return {
				json: {
					picks: [{ requirement: 'R1', sku: '1756-IB16D', qty: 2, rationale: 'diagnostics variant' }],
				},
			};
		return {
			json: {
				budget: null,
				authority: { level: 'unknown', title: null, evidence: '' },
				need: null,
				timeline: null,
			},
		};
	};
	const cred = (k: CredKey, data: Record<string, unknown>) => ({ ...CRED[k], data });
	const logFile = 'n8n-file.log';
	n8n = await startN8n({
		credentials: [
			cred('erp', { baseUrl: erp.url, apiKey: CANARY.erpKey, apiSecret: CANARY.erpSecret }),
			cred('erpWrong', {
				baseUrl: erp.url,
				apiKey: CANARY.erpKey,
				apiSecret: CANARY.erpWrongSecret,
			}),
			cred('anthropic', { apiKey: CANARY.anthropicKey, baseUrl: anthropic.url }),
			cred('anthropicWrong', { apiKey: CANARY.anthropicWrongKey, baseUrl: anthropic.url }),
			cred('inventree', { baseUrl: inventree.url, apiToken: CANARY.inventreeToken }),
			cred('inventreeWrong', { baseUrl: inventree.url, apiToken: CANARY.inventreeWrongToken }),
			cred('mautic', {
				baseUrl: mautic.url,
				authType: 'basic',
				username: CANARY.mauticUser,
				password: CANARY.mauticPassword,
			}),
			cred('mauticWrong', {
				baseUrl: mautic.url,
				authType: 'basic',
				username: CANARY.mauticUser,
				password: CANARY.mauticWrongPassword,
			}),
		],
		workflows: Object.values(WORKFLOWS),
		activate: Object.values(WORKFLOWS).map((w) => w.id),
		env: { N8N_LOG_LEVEL: 'debug', N8N_LOG_OUTPUT: 'console,file', N8N_LOG_FILE_LOCATION: logFile },
	});

	// Faults, so retries, fallbacks and error items happen along the way.
	anthropic.fault({ kind: 'overloaded', times: 1 });
	anthropic.fault({ kind: 'reset', times: 1 });
	erp.fault({ kind: 'reset', method: 'POST', path: '/api/method/frappe.desk.form.utils.add_comment', times: 1 });
	erp.fault({
		kind: 'maintenance',
		method: 'PUT',
		path: `/api/resource/Lead/${LEADS[1].name}`,
		times: 4,
	});
	inventree.fault({ kind: 'rate-limit', retryAfterSeconds: 0, times: 1 });
	mautic.fault({ kind: 'errors-200', method: 'POST', path: /\/send$/, times: 1 });

	const qualified = await post('qualify', LEADS);
	await post('metrics', JSON.parse(qualified.text) as unknown[]);
	await post('claudeWrong', [LEADS[0]]);
	await post('erpWrong', [LEADS[0]]);
	await post('quote', [
		{ text: sampleRequest('QR-001').text, lead: LEADS[0].name },
		{ text: sampleRequest('QR-003').text, lead: LEADS[1].name },
	]);
	await post('quoteWrong', [{ text: sampleRequest('QR-003').text, lead: LEADS[2].name }]);
	await post('outreach', LEADS);
	await post('outreachWrong', [LEADS[0]]);
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await Promise.all([erp?.stop(), anthropic?.stop(), inventree?.stop(), mautic?.stop()]);
});

/** Text of every file n8n wrote under its user folder that can hold logs or data (not the package). */
function userFolderFiles(): Array<{ path: string; text: string }> {
	const root = join(n8n.userFolder, '.n8n');
	const out: Array<{ path: string; text: string }> = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'nodes') walk(path);
			} else out.push({ path, text: readFileSync(path).toString('latin1') });
		}
	};
	if (existsSync(root)) walk(root);
	return out;
}

describe('secrets never leave through n8n', () => {
	it('ran what it should: successes, error items and failed executions, with every credential used', async () => {
		const byWorkflow = Object.fromEntries(answers.map((a) => [a.workflow, a]));
		expect(byWorkflow.qualify.text).toMatch(/"route":/);
		expect(byWorkflow.qualify.text).toMatch(/ERPNext 503 SessionStopped/);
		expect(byWorkflow.qualify.text).toMatch(/closed unexpectedly/);
		expect(byWorkflow.metrics.text).toMatch(/"event_id":/);
		expect(byWorkflow.quote.text).toMatch(/"erpnext":\{"quotation":"SAL-QTN-/);
		expect(byWorkflow.outreach.text).toMatch(/Mautic 200 unexpected_error/);
		expect(byWorkflow.outreach.text).toMatch(/"status":"sent"/);
		for (const failing of ['claudeWrong', 'erpWrong', 'quoteWrong', 'outreachWrong'])
			expect(byWorkflow[failing].status, failing).toBe(500);
		// Positive control: the servers saw the canaries, so the needles are the real header values.
		const seen = JSON.stringify(
			[erp.requests, anthropic.requests, inventree.requests, mautic.requests].map((list) =>
				list.map((r) => r.headers),
			),
		);
		// Mautic's passwords travel only inside the Basic value, so they are the two needles not seen as such.
		const expected = Object.keys(NEEDLES).filter(
			(n) => n !== 'Mautic password' && n !== 'Mautic wrong password',
		);
		expect(hits('contract server request logs', seen).sort()).toEqual(
			expected.map((n) => `${n} in contract server request logs`).sort(),
		);
		const statuses = (
			await Promise.all(
				Object.values(WORKFLOWS).map(async (w) =>
					(await n8n.executions(w.id)).map((e) => e.status),
				),
			)
		).flat();
		expect(statuses.filter((s) => s === 'error').length).toBeGreaterThanOrEqual(4);
		expect(statuses.filter((s) => s === 'success').length).toBeGreaterThanOrEqual(4);
	});

	it("n8n's log (console and file, debug level) holds none of them", () => {
		const files = userFolderFiles().filter((f) => /\.log/.test(f.path));
		expect(files.length).toBeGreaterThan(0);
		const found = [
			...hits('console log', n8n.log()),
			...files.flatMap((f) => hits(f.path, f.text)),
		];
		expect(n8n.log().length).toBeGreaterThan(1000);
		expect(found).toEqual([]);
	});

	it('no stored execution holds any of them (every execution of every workflow, through the REST API)', async () => {
		const found: string[] = [];
		let scanned = 0;
		for (const wf of Object.values(WORKFLOWS)) {
			for (const summary of await n8n.executions(wf.id)) {
				const full = await n8n.rest('GET', `/executions/${summary.id}`);
				expect(full.status).toBe(200);
				scanned += 1;
				found.push(...hits(`execution ${summary.id} of ${wf.id}`, JSON.stringify(full.body)));
			}
		}
		expect(scanned).toBeGreaterThanOrEqual(Object.keys(WORKFLOWS).length);
		expect(found).toEqual([]);
	});

	it('the database file holds none of them in clear text (credentials are encrypted, execution data is not)', () => {
		const files = userFolderFiles().filter((f) => /database\.sqlite/.test(f.path));
		expect(files.length).toBeGreaterThan(0);
		expect(files.some((f) => f.text.includes('Nordwerk Automation GmbH'))).toBe(true);
		expect(files.flatMap((f) => hits(f.path, f.text))).toEqual([]);
	});

	it('no item output, error item, _ltcEvents entry or metric row holds any of them', () => {
		const found = answers.flatMap((a) => hits(`answer of ${a.workflow}`, a.text));
		const events = answers.flatMap((a) => {
			try {
				return (JSON.parse(a.text) as Array<Record<string, unknown>>).flatMap(
					(item) => (item._ltcEvents as unknown[] | undefined) ?? [],
				);
			} catch {
				return [];
			}
		});
		expect(events.length).toBeGreaterThan(3);
		found.push(...hits('_ltcEvents', JSON.stringify(events)));
		expect(found).toEqual([]);
	});
});
