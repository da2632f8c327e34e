// Test runner configuration. Unit tests (core, connectors, in-process n8n workflows) and the real-n8n
// suite share one runner; `LTC_UNIT_ONLY=1` (set by `npm run test:unit`) leaves out the real-n8n,
// browser and load suites.
import { defineConfig } from 'vitest/config';

const unitOnly = process.env.LTC_UNIT_ONLY === '1';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.mts'],
		exclude: unitOnly ? ['tests/n8n/**', 'tests/browser/**', 'tests/load/**', 'node_modules/**'] : ['node_modules/**'],
		// Generous: real-n8n tests push 10k items through a live n8n on a 2-core machine.
		testTimeout: 180_000,
		hookTimeout: 240_000,
		pool: 'forks',
		reporters: ['default'],
	},
});
