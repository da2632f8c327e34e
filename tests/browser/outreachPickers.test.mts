// Outreach's Mautic pickers in the n8n 2.41 editor, as a new user meets them (issue 16): a fresh Outreach
// node (version 2) with a saved Mautic credential, "Mautic Email" opened From List shows the published
// e-mails of the Mautic contract server by name (not the unpublished draft), typing filters them, and the
// chosen e-mail is what the node stores. The open list is saved as docs/screenshots/outreach-mautic-email-picker.png.
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT, startN8n, type N8nInstance, type WorkflowFixture } from '../../scripts/n8n-instance.mts';
import { MAUTIC_DEFAULTS, startMauticServer, type MauticServer } from '../contract/mautic-server.mts';
import { signedInBrowser, type Browser } from './chromium.mts';

const MAUTIC_CRED = { leadToCloseMauticApi: { id: 'ltcPickMautic001', name: 'Mautic contract server' } };

const WORKFLOW: WorkflowFixture = {
	id: 'ltcBrowserPick01',
	name: 'Outreach pickers',
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'k1', name: 'When clicking Execute', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'k2',
			name: 'Outreach',
			type: 'n8n-nodes-lead-to-close.outreach',
			typeVersion: 2,
			position: [240, 0],
			parameters: { resource: 'message', operation: 'send', channel: 'email', step: 'd0', leadRef: 'CRM-LEAD-2026-00301', email: 'jana.roth@nordwerk-automation.de' },
			credentials: MAUTIC_CRED,
		},
	],
	connections: { 'When clicking Execute': { main: [[{ node: 'Outreach', type: 'main', index: 0 }]] } },
} as WorkflowFixture;

let mautic: MauticServer;
let n8n: N8nInstance;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	mautic = await startMauticServer();
	mautic.state.createEmail({ name: 'Quote D0', subject: 'Your quotation' });
	mautic.state.createEmail({ name: 'Quote reminder', subject: 'Still interested?' });
	mautic.state.createEmail({ name: 'Draft, not published', subject: 'x', isPublished: false });
	n8n = await startN8n({
		credentials: [{ ...MAUTIC_CRED.leadToCloseMauticApi, type: 'leadToCloseMauticApi', data: { baseUrl: mautic.url, authType: 'basic', username: MAUTIC_DEFAULTS.username, password: MAUTIC_DEFAULTS.password } }],
		workflows: [WORKFLOW],
		activate: [],
	});
	browser = await signedInBrowser(n8n);
	page = browser.page;
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await mautic?.stop();
});

describe('Outreach Mautic pickers in the editor', () => {
	it('lists the published Mautic e-mails by name, filters by typing, and stores the choice', async () => {
		await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW.id}`);
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="Outreach"]');
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ state: 'visible' });
		const picker = ndv.locator('[data-test-id="parameter-input-emailId"]');
		await picker.waitFor();
		await picker.locator('[data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		await items.filter({ hasText: 'Quote reminder' }).first().waitFor();
		const names = await items.allInnerTexts();
		expect(names.join(' | ')).toContain('Quote D0');
		expect(names.join(' | ')).toContain('Quote reminder');
		expect(names.join(' | ')).not.toContain('Draft, not published');
		await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'outreach-mautic-email-picker.png') });

		expect(await picker.locator('[data-test-id="rlc-input"]').getAttribute('placeholder')).toBe('Select an email…');
		await page.locator('[data-test-id="rlc-search"]:visible input, input[data-test-id="rlc-search"]:visible').first().fill('remind');
		await expect.poll(async () => (await items.allInnerTexts()).join(' | '), { timeout: 30_000 }).not.toContain('Quote D0');
		await items.filter({ hasText: 'Quote reminder' }).first().click();
		await expect.poll(async () => picker.locator('[data-test-id="rlc-input"]').inputValue(), { timeout: 30_000 }).toContain('Quote reminder');
	}, 240_000);
});
