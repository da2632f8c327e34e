// Writes the dashboards and provisioning files from their TypeScript sources:
//   npx tsx dashboards/src/generate.mts          (writes)
//   npx tsx dashboards/src/generate.mts --check  (exits 1 when a committed file differs)
// `renderDashboardFiles()` is what tests/dashboards compares the committed files with.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

import { autonomyDashboard } from './autonomy.mts';
import { pipelineHealthDashboard } from './pipeline-health.mts';
import { provisioningFiles } from './provisioning.mts';

export const DASHBOARDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export const DASHBOARD_FILES: Record<string, () => Dashboard> = {
	'lead-to-close-autonomy.json': autonomyDashboard,
	'pipeline-health.json': pipelineHealthDashboard,
};

export function dashboardJson(dashboard: Dashboard): string {
	return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** Every generated file, path relative to dashboards/, with its exact content. */
export function renderDashboardFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	for (const [name, build] of Object.entries(DASHBOARD_FILES)) files[name] = dashboardJson(build());
	return { ...files, ...provisioningFiles() };
}

function main(argv: string[]): void {
	const check = argv.includes('--check');
	let stale = 0;
	for (const [name, content] of Object.entries(renderDashboardFiles())) {
		const path = join(DASHBOARDS_DIR, name);
		if (check) {
			let current = '';
			try {
				current = readFileSync(path, 'utf8');
			} catch {
				// missing counts as stale
			}
			if (current !== content) {
				stale += 1;
				console.error(`stale: dashboards/${name} (run npx tsx dashboards/src/generate.mts)`);
			}
		} else {
			writeFileSync(path, content);
			console.log(`wrote dashboards/${name}`);
		}
	}
	if (stale > 0) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
