// The browser side the editor tests share: Debian's `chromium` (scripts/toolchain.mjs installs it) driven
// by playwright-core, with a throw-away profile, signed in to a started n8n through its sign-in page as a
// person would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { OWNER, type N8nInstance } from '../../scripts/n8n-instance.mts';

export const CHROMIUM = '/usr/bin/chromium';
// Without these Chromium tries to reach Google (refused here) and a shared profile leaks state.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const VIEWPORT = { width: 1600, height: 900 };

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** Launches Chromium with a fresh profile and signs in to the editor as the instance's owner. */
export async function signedInBrowser(n8n: N8nInstance): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'ltc-chromium-'));
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(60_000);
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', OWNER.email);
	await page.fill('#password', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return {
		context,
		page,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
