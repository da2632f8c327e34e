// The importable workflows in workflows/ as a person sees them: the real n8n 2.41 editor in headless
// Chromium (tests/browser/chromium.mts). Each
// workflow is opened on the canvas; every node must be there with its icon and without one of the
// markers the editor puts on a problem node (reference: n8n-editor-ui 2.41's canvas node):
//   data-test-id="node-issues"         red triangle: parameter or credential issues
//   data-test-id="node-not-installed"  "Install the package to use this node" (community type unknown)
//   data-test-id="node-restricted"     lock: the node type is not allowed on this instance
//   a "?" icon placeholder             any node type the editor does not know (also n8n-nodes-base.*)
// The detail view (NDV) of each of our node types is opened once: parameters render, none is flagged,
// the workflow's credentials are selected by name. A deliberately broken workflow proves the checks
// fire (all but node-restricted, which needs n8n's node governance set up on the instance). The canvas of every workflow is saved as docs/screenshots/<file>.png (fit to view, 1600x900)
// for the README. A node type is opened once per System of Record it is used with (ERPNext CRM, Frappe
// CRM: each shows its own parameters), and the detail views of the Frappe CRM workflows' nodes are saved
// as docs/screenshots/frappe-crm-<node>-node.png for the README's Frappe CRM section.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, startN8n, type CredentialFixture, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { signedInBrowser, VIEWPORT, type Browser } from './chromium.mts';

interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}
interface Workflow extends WorkflowFixture {
	nodes: WorkflowNode[];
}

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const OURS = 'n8n-nodes-lead-to-close.';
const STICKY = 'n8n-nodes-base.stickyNote';

const WORKFLOW_DIR = join(ROOT, 'workflows');
const files = readdirSync(WORKFLOW_DIR).filter((f) => f.endsWith('.json')).sort();
const workflows = new Map(files.map((f) => [f, JSON.parse(readFileSync(join(WORKFLOW_DIR, f), 'utf8')) as Workflow]));

// Dummy credentials under the ids and names the workflows reference, so the editor resolves them
// (nothing is called: the test only renders).
const CREDENTIAL_DATA: Record<string, Record<string, unknown>> = {
	leadToCloseErpNextApi: { baseUrl: 'https://erp.example.test', apiKey: 'dummy-key', apiSecret: 'dummy-secret' },
	leadToCloseInvenTreeApi: { baseUrl: 'https://inventree.example.test', apiToken: 'dummy-token' },
	leadToCloseMauticApi: { baseUrl: 'https://mautic.example.test', authType: 'basic', username: 'dummy', password: 'dummy' },
	leadToCloseAnthropicApi: { apiKey: 'dummy-key' },
	erpNextApi: { apiKey: 'dummy-key', apiSecret: 'dummy-secret', environment: 'selfHosted', domain: 'https://erp.example.test' },
	smtp: { user: '', password: '', host: 'smtp.example.test', port: 25, secure: false },
	postgres: { host: 'db.example.test', port: 5432, database: 'postgres', user: 'postgres', password: '', ssl: 'disable' },
	httpHeaderAuth: { name: 'X-Lead-To-Close-Key', value: 'dummy-webhook-key' },
};
const credentials: CredentialFixture[] = [];
for (const wf of workflows.values()) {
	for (const node of wf.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			if (credentials.some((c) => c.id === ref.id)) continue;
			if (!CREDENTIAL_DATA[type]) throw new Error(`${node.name} uses a ${type} credential the test has no dummy data for`);
			credentials.push({ id: ref.id, name: ref.name, type, data: CREDENTIAL_DATA[type] });
		}
	}
}

// What the checks must catch: a community node type that does not exist, a core type that does not
// exist, our Quote Generator with its required Request Text and Company left empty, and one whose
// credential reference points at no credential.
const BROKEN: Workflow = {
	id: 'ltcBrowserBroken1',
	name: 'Broken on purpose',
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [
		{ id: 'b1', name: 'Ghost Community Node', type: `${OURS}doesNotExist`, typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'b2', name: 'Ghost Core Node', type: 'n8n-nodes-base.doesNotExist', typeVersion: 1, position: [300, 0], parameters: {} },
		{
			id: 'b3',
			name: 'Empty Quote Generator',
			type: `${OURS}quoteGenerator`,
			typeVersion: 1,
			position: [600, 0],
			parameters: { catalogSource: 'inventree', requestText: '', createQuotation: true, company: '' },
		},
		{
			id: 'b4',
			name: 'Quote Generator Without Its Credential',
			type: `${OURS}quoteGenerator`,
			typeVersion: 1,
			position: [900, 0],
			parameters: { catalogSource: 'inventree', requestText: 'x', createQuotation: false },
			credentials: { leadToCloseInvenTreeApi: { id: 'ltcNoSuchCred001', name: 'No Such Credential' } },
		},
	],
};

let n8n: N8nInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	n8n = await startN8n({ credentials, workflows: [...workflows.values(), BROKEN] });
	browser = await signedInBrowser(n8n);
	page = browser.page;
	mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
});

/** Opens a workflow and waits until all its (non-sticky) nodes are on the canvas with their icons settled. */
async function openWorkflow(wf: Workflow): Promise<void> {
	await page.goto(`${n8n.baseUrl}/workflow/${wf.id}`);
	const expected = wf.nodes.filter((n) => n.type !== STICKY).length;
	await page.waitForFunction((count) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= count, expected);
	// Icons are <img> elements loaded after the nodes appear.
	await page.waitForFunction(() =>
		Array.from(document.querySelectorAll<HTMLImageElement>('[data-test-id="canvas-node"] img')).every((img) => img.complete),
	);
}

/** Everything the canvas marks as wrong, one line per node and marker. */
async function canvasProblems(wf: Workflow): Promise<string[]> {
	const rendered = await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((el) => {
			const has = (testId: string) => el.querySelector(`[data-test-id="${testId}"]`) !== null;
			const imgs = Array.from(el.querySelectorAll<HTMLImageElement>('img'));
			return {
				name: el.getAttribute('data-node-name') ?? '',
				type: el.getAttribute('data-node-type') ?? '',
				issues: has('node-issues'),
				notInstalled: has('node-not-installed'),
				restricted: has('node-restricted'),
				unknownIcon: el.querySelector('[class*="_nodeIconPlaceholder_"]') !== null,
				brokenIcon: imgs.some((img) => img.naturalWidth === 0),
			};
		}),
	);
	const problems: string[] = [];
	for (const node of wf.nodes.filter((n) => n.type !== STICKY)) {
		const r = rendered.find((x) => x.name === node.name);
		if (!r) {
			problems.push(`${node.name}: not on the canvas`);
			continue;
		}
		if (r.type !== node.type) problems.push(`${node.name}: rendered as ${r.type}, not ${node.type}`);
		if (r.notInstalled) problems.push(`${node.name}: "Install the package to use this node"`);
		if (r.restricted) problems.push(`${node.name}: restricted on this instance`);
		if (r.unknownIcon) problems.push(`${node.name}: unknown node type (no icon, "?")`);
		if (r.brokenIcon) problems.push(`${node.name}: icon failed to load`);
		if (r.issues) problems.push(`${node.name}: issue marker (parameters or credentials)`);
	}
	const toasts = await page.locator('.el-notification').filter({ has: page.locator('.el-notification--error') }).allInnerTexts();
	for (const t of toasts) problems.push(`error toast: ${t.trim()}`);
	return problems;
}

interface DetailView {
	text: string;
	parameterInputs: number;
	flaggedParameters: string[];
	credentialNames: string[];
}

/**
 * Opens a node's detail view, reads what it shows, closes it again. Waits (bounded) for the given
 * credential names to show as selected: the credential list arrives after the parameters.
 */
async function detailView(nodeName: string, credentialNames: string[] = [], picture?: string): Promise<DetailView> {
	await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible' });
	// The parameter list (or the "Install this node" notice) renders a moment after the dialog.
	await page.waitForFunction(
		() => document.querySelector('[data-test-id="ndv"] [data-test-id^="parameter-input-"]') !== null || /Install this node/.test(document.querySelector('[data-test-id="ndv"]')?.textContent ?? ''),
	);
	const selected = '[data-test-id="ndv"] [data-test-id="node-credentials-select"] input';
	await page
		.waitForFunction(
			({ css, names }) => {
				const shown = Array.from(document.querySelectorAll<HTMLInputElement>(css)).map((i) => i.value);
				return names.every((n) => shown.includes(n));
			},
			{ css: selected, names: credentialNames },
			{ timeout: 10_000 },
		)
		.catch(() => undefined); // the assertion on credentialNames says what is missing
	const view: DetailView = {
		text: await ndv.innerText(),
		parameterInputs: await ndv.locator('[data-test-id^="parameter-input-"]').count(),
		flaggedParameters: await ndv.locator('[data-test-id="parameter-issues"]').evaluateAll((els) =>
			els.map((e) => e.closest('[data-test-id^="parameter-input-"]')?.getAttribute('data-test-id')?.replace('parameter-input-', '') ?? '?'),
		),
		credentialNames: (await page.locator(selected).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).filter(Boolean),
	};
	if (picture) {
		await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
		await page.screenshot({ path: join(SCREENSHOTS, picture), type: 'png' });
	}
	await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden' });
	return view;
}

/**
 * Fit to view, pointer off the canvas (no hover toolbars), then a PNG of the whole editor. The floating
 * "Execute workflow" button is hidden for the picture: it sits over the bottom of the fitted canvas.
 */
async function screenshot(file: string): Promise<Buffer> {
	await page.addStyleTag({ content: '[data-test-id="execute-workflow-button"] { visibility: hidden !important; }' });
	await page.click('[data-test-id="zoom-to-fit"]');
	await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height / 2);
	await page.waitForTimeout(600); // the fit-view pan is animated
	return await page.screenshot({ path: join(SCREENSHOTS, file), type: 'png' });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// Each of our node types is opened in the detail view once per System of Record, in the first workflow
// file that uses it so; Deal Monitor and Lead Qualifier are pictured in their Frappe CRM workflow.
const detailViewOf = new Map<string, WorkflowNode[]>(files.map((f) => [f, []]));
const seenTypes = new Set<string>();
// Only nodes whose view needs no live service are pictured: with the dummy credentials the Quote
// Generator's and Outreach's dropdowns show "Error fetching options".
const PICTURED = new Map([
	[`${OURS}dealMonitor`, 'frappe-crm-deal-monitor-node.png'],
	[`${OURS}leadQualifier`, 'frappe-crm-lead-qualifier-node.png'],
]);
// And single nodes worth a picture of their parameters: Check Pending, where reminders and timeout defaults
// are set for every kind of desk decision.
const PICTURED_NODES = new Map([['desk-approval-reminders.json Check Pending Approvals', 'desk-approval-check-pending-node.png']]);
const pictureOf = (file: string, node: WorkflowNode) =>
	PICTURED_NODES.get(`${file} ${node.name}`) ?? (/^frappe-crm-/.test(file) ? PICTURED.get(node.type) : undefined);
for (const file of files) {
	for (const node of workflows.get(file)!.nodes) {
		const key = `${node.type} ${String(node.parameters?.systemOfRecord ?? 'erpnext')}`;
		if (PICTURED_NODES.has(`${file} ${node.name}`)) {
			detailViewOf.get(file)!.push(node);
			continue;
		}
		if (!node.type.startsWith(OURS) || seenTypes.has(key)) continue;
		seenTypes.add(key);
		detailViewOf.get(file)!.push(node);
	}
}

describe('the workflows in the n8n editor (headless Chromium)', () => {
	it.each(files)('%s: nodes on the canvas with icons and no problem marker, detail views clean, screenshot saved', async (file) => {
		const wf = workflows.get(file)!;
		await openWorkflow(wf);
		// The picture first, so a failing render can be looked at.
		const png = await screenshot(`${basename(file, '.json')}.png`);
		expect(pngSize(png)).toEqual(VIEWPORT);
		expect(await canvasProblems(wf)).toEqual([]);
		expect(await page.locator('[data-test-id="sticky"]').count()).toBe(wf.nodes.filter((n) => n.type === STICKY).length);

		for (const node of detailViewOf.get(file)!) {
			const expectedCredentials = Object.values(node.credentials ?? {}).map((c) => c.name);
			const view = await detailView(node.name, expectedCredentials, pictureOf(file, node));
			expect.soft(view.text, node.name).not.toMatch(/Install this node|not currently installed/);
			expect.soft(view.parameterInputs, node.name).toBeGreaterThan(0);
			// The test's InvenTree credential names a server that does not exist (inventree.example.test): a
			// Quote Generator's category dropdown loads its list from it and raises its "could not load" flag
			// when that fails, sooner or later depending on load (CI saw it once, a run alone does not). The
			// flag itself is asserted on the broken workflow below.
			const racy = node.type.endsWith('.quoteGenerator') ? ['inventreeCategories'] : [];
			expect.soft(view.flaggedParameters.filter((p) => !racy.includes(p)), node.name).toEqual([]);
			// n8n also fills in an unset credential when exactly one of its type exists: a superset is fine.
			expect.soft(view.credentialNames, node.name).toEqual(expect.arrayContaining(expectedCredentials));
		}
	});
});

describe('the checks catch a broken workflow', () => {
	it('unknown node types, empty required parameters, a missing credential and a missing icon are reported', async () => {
		await openWorkflow(BROKEN);
		expect(await canvasProblems(BROKEN)).toEqual([
			'Ghost Community Node: "Install the package to use this node"',
			'Ghost Community Node: unknown node type (no icon, "?")',
			'Ghost Core Node: unknown node type (no icon, "?")',
			'Empty Quote Generator: issue marker (parameters or credentials)',
		]);
		// The detail views: the unknown type's notice, the flagged parameters, and the credential the
		// workflow names but the instance does not have (the canvas shows no marker for that one).
		expect((await detailView('Ghost Core Node')).text).toMatch(/Install this node to use it/);
		// Its InvenTree category dropdown has no credential either: whether its "could not load" flag is up
		// yet when the view is read depends on timing, so it is allowed here and asserted below.
		expect(
			(await detailView('Empty Quote Generator')).flaggedParameters
				.filter((p) => p !== 'inventreeCategories')
				.sort(),
		).toEqual(['company', 'requestText']);
		const missing = await detailView('Quote Generator Without Its Credential', ['No Such Credential']);
		// The InvenTree category dropdown cannot load its list without the credential, and says so.
		expect(missing.flaggedParameters).toEqual(['inventreeCategories']);
		expect(missing.credentialNames).toEqual([]);

		// An icon the server does not deliver.
		await page.route('**/icons/n8n-nodes-lead-to-close/**', (route) => route.fulfill({ status: 404, body: '' }));
		try {
			await openWorkflow(BROKEN);
			expect((await canvasProblems(BROKEN)).filter((p) => p.includes('icon failed'))).toEqual([
				'Empty Quote Generator: icon failed to load',
				'Quote Generator Without Its Credential: icon failed to load',
			]);
		} finally {
			await page.unroute('**/icons/n8n-nodes-lead-to-close/**');
		}
	});
});
