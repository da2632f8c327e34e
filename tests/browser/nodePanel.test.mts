// Finding our nodes in the n8n 2.41 editor's node panel by typing, as a new user does (issue 16): every
// node must be listed for the words a user would type (its name, what it does, the services it touches).
// The panel's search matches only a node's display name and its codex `alias`, and in the regular panel
// it drops every node whose codex category is "AI" unless `subcategories.AI` holds "Root Nodes" (n8n
// 2.41's editor, the filter in canvas.eventBus-*.js; the ux review found Lead Qualifier, Quote Generator,
// Outreach and Deal Monitor missing for that reason). Our entries are told apart from n8n's by their icon,
// which is served from our package and differs per node. Screenshots of the panel go to
// docs/screenshots/node-panel-*.png for the README.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PACKAGE_NAME, ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { signedInBrowser, type Browser } from './chromium.mts';

interface NodeDescription {
	name: string;
	displayName: string;
	group: string[];
	icon: { light: string; dark: string };
}

// The built nodes, as n8n loads them.
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const require = createRequire(import.meta.url);
const nodes: NodeDescription[] = pkg.n8n.nodes.map((p) => {
	const mod = require(join(ROOT, p)) as Record<string, new () => { description: NodeDescription }>;
	return new (Object.values(mod)[0])().description;
});
const byName = new Map(nodes.map((d) => [d.name, d]));

// What a user types, per node: the words from the ux review that found nothing come first.
const WORDS: Record<string, string[]> = {
	leadQualifier: ['lead', 'lead qualifier', 'BANT', 'lead scoring', 'qualify'],
	quoteGenerator: ['quote', 'quote generator', 'CPQ', 'quotation', 'price'],
	outreach: ['outreach', 'follow-up', 'email', 'SMS', 'Mautic'],
	dealMonitor: ['deal monitor', 'deal', 'pipeline', 'opportunity', 'risk'],
	erpNextTrigger: ['erpnext', 'erpnext trigger', 'frappe', 'webhook', 'frappe crm'],
	inventree: ['inventree', 'inventory', 'stock', 'parts'],
	autonomyMetrics: ['autonomy', 'metrics', 'grafana', 'human in the loop'],
	deskApproval: ['desk approval', 'approval', 'approve', 'ToDo'],
	leadScoreCalibration: ['lead score calibration', 'calibration', 'backtest'],
};
const SEARCHES = Object.entries(WORDS).flatMap(([node, words]) => words.map((word) => ({ node, word })));
const NO_MATCH = 'qqzzxxqqzz';

/** The icon URL path the editor serves a node's light icon under. */
function iconPath(d: NodeDescription): string {
	return `/icons/${PACKAGE_NAME}/dist/${d.icon.light.replace(/^file:(\.\.\/)+/, '')}`;
}
const nodeByIcon = new Map(nodes.map((d) => [iconPath(d), d.name]));

// One workflow holding only a Manual Trigger: its "+" opens the regular panel ("What happens next?").
const WITH_TRIGGER: WorkflowFixture = {
	id: 'ltcBrowserPanel01',
	name: 'Node panel search',
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [{ id: 'p1', name: 'When clicking Execute', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
};

let n8n: N8nInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	n8n = await startN8n({ workflows: [WITH_TRIGGER], activate: [] });
	browser = await signedInBrowser(n8n);
	page = browser.page;
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
});

interface Entry {
	name: string;
	/** Our node type name when the entry is one of ours (by its icon), else null. */
	ours: string | null;
}

/** Opens the node panel of a workflow ('new' for an empty one: the trigger panel). */
async function openPanel(workflowId: string): Promise<void> {
	await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
	if (workflowId !== 'new') await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	await page.click(workflowId === 'new' ? '[data-test-id="canvas-plus-button"]' : '[data-test-id="node-creator-plus-button"]');
	await page.locator('[data-test-id="node-creator"]').waitFor();
}

async function entries(): Promise<Entry[]> {
	const raw = await page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]').evaluateAll((els) =>
		els.map((e) => ({
			name: (e.querySelector('[data-test-id="node-creator-item-name"]')?.textContent ?? '').trim(),
			icon: e.querySelector('img')?.getAttribute('src') ?? '',
		})),
	);
	return raw.map((r) => ({ name: r.name, ours: nodeByIcon.get(r.icon) ?? null }));
}

/**
 * Types a query into the panel's search and returns the entries listed. A query that finds nothing
 * comes first, so the list read is the one for this query and not the previous one; then the wait
 * (bounded) is for the expected entry, and the assertion says what was listed instead.
 */
async function search(query: string, expected?: string): Promise<Entry[]> {
	const box = page.locator('[data-test-id="node-creator-search-bar"]');
	await box.fill(NO_MATCH);
	await page.locator('[data-test-id="node-creator-no-results"]').waitFor();
	await box.fill(query);
	if (expected) {
		await page
			.waitForFunction((src) => Array.from(document.querySelectorAll('[data-test-id="node-creator"] [data-test-id="item-iterator-item"] img')).some((img) => img.getAttribute('src') === src), iconPath(byName.get(expected)!), { timeout: 10_000 })
			.catch(() => undefined);
	} else {
		await page.waitForFunction(() => document.querySelectorAll('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]').length > 0, undefined, { timeout: 10_000 }).catch(() => undefined);
	}
	return await entries();
}

describe('the package', () => {
	it('has the nine nodes the words below are for, each with its own icon', () => {
		expect(nodes.map((d) => d.name).sort()).toEqual(Object.keys(WORDS).sort());
		expect(new Set(nodes.map((d) => d.icon.light)).size).toBe(nodes.length);
		expect(new Set(nodes.map((d) => d.icon.dark)).size).toBe(nodes.length);
	});
});

describe('the node panel finds every node by what a user types (n8n 2.41, headless Chromium)', () => {
	beforeAll(async () => {
		await openPanel(WITH_TRIGGER.id);
	});

	it.each(SEARCHES)('"$word" lists $node', async ({ node, word }) => {
		const listed = await search(word, node);
		expect(
			listed.some((e) => e.ours === node),
			`"${word}" listed: ${listed.map((e) => e.name).join(', ') || 'nothing'}`,
		).toBe(true);
	});

	it('"lead-to-close", the package name, lists all nine; a query that fits none lists none of ours', async () => {
		const listed = await search('lead-to-close', 'autonomyMetrics');
		expect([...new Set(listed.map((e) => e.ours).filter(Boolean))].sort()).toEqual(Object.keys(WORDS).sort());
		await page.locator('[data-test-id="node-creator"]').screenshot({ path: join(ROOT, 'docs', 'screenshots', 'node-panel-lead-to-close.png') });
		// The reader can fail: "mautic" lists n8n's Mautic and our Outreach, and not Lead Qualifier.
		const mautic = await search('mautic', 'outreach');
		expect(mautic.filter((e) => e.ours).map((e) => e.ours)).toEqual(['outreach']);
		expect(mautic.some((e) => e.name === 'Mautic' && e.ours === null)).toBe(true);
	});

	it('"erpnext" lists n8n\'s ERPNext and ours under different names', async () => {
		const listed = await search('erpnext', 'erpNextTrigger');
		const names = listed.map((e) => e.name);
		expect(new Set(names).size, names.join(', ')).toBe(names.length);
		expect(listed.find((e) => e.ours === 'erpNextTrigger')?.name).not.toBe('ERPNext');
		expect(listed.some((e) => e.name === 'ERPNext' && e.ours === null)).toBe(true);
		await page.locator('[data-test-id="node-creator"]').screenshot({ path: join(ROOT, 'docs', 'screenshots', 'node-panel-erpnext.png') });
	});
});

describe('the trigger panel of an empty workflow', () => {
	beforeAll(async () => {
		await openPanel('new');
	});

	it.each(WORDS.erpNextTrigger)('"%s" lists the ERPNext trigger, under its own name', async (word) => {
		const listed = await search(word, 'erpNextTrigger');
		const ours = listed.find((e) => e.ours === 'erpNextTrigger');
		expect(ours, `"${word}" listed: ${listed.map((e) => e.name).join(', ') || 'nothing'}`).toBeDefined();
		expect(ours?.name).not.toBe('ERPNext');
		expect(listed.filter((e) => e.name === ours?.name)).toHaveLength(1);
	});
});
