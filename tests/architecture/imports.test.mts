// The layering as a check, not a sentence (docs/architecture.md, issue 17): core/ is pure and imports
// only core, zod, luxon and crypto; connectors/ never import nodes or credentials; shipped code
// (core, connectors, nodes, credentials) never imports tests, scripts, bench or dashboards, never loads
// code dynamically, and imports no package beyond what n8n provides. The rules run over the real tree,
// and over planted violations to show each one can fail.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHIPPED = ['core', 'connectors', 'nodes', 'credentials'];
const PACKAGES: Record<string, readonly string[]> = {
	core: ['zod/v4', 'luxon', 'crypto'],
	connectors: ['zod/v4', 'luxon', 'crypto', 'n8n-workflow'],
	nodes: ['zod/v4', 'luxon', 'crypto', 'n8n-workflow', 'lodash', 'p-limit'],
	credentials: ['n8n-workflow', 'crypto'],
};
const FORBIDDEN_LAYERS: Record<string, readonly string[]> = {
	core: ['connectors', 'nodes', 'credentials'],
	connectors: ['nodes', 'credentials'],
	nodes: [],
	credentials: ['core', 'connectors', 'nodes'],
};
const TOOLING = ['tests', 'scripts', 'bench', 'dashboards', 'tools'];

interface SourceFile {
	path: string;
	text: string;
}

/** Every rule a file breaks, as "path: rule (specifier)". */
function violations(files: readonly SourceFile[]): string[] {
	const out: string[] = [];
	for (const { path, text } of files) {
		const layer = path.split('/')[0];
		if (!SHIPPED.includes(layer)) continue;
		if (/\brequire\s*\(|\bimport\s*\(/.test(text)) out.push(`${path}: loads code dynamically`);
		for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]/g)) {
			const spec = match[1];
			if (spec.startsWith('.')) {
				const target = normalize(join(dirname(path), spec)).split('/')[0];
				if (TOOLING.includes(target)) out.push(`${path}: imports tooling (${spec})`);
				else if (FORBIDDEN_LAYERS[layer].includes(target)) out.push(`${path}: ${layer} imports ${target} (${spec})`);
				else if (!SHIPPED.includes(target)) out.push(`${path}: imports outside the shipped code (${spec})`);
			} else if (!PACKAGES[layer].includes(spec)) {
				out.push(`${path}: imports package ${spec}`);
			}
		}
	}
	return out;
}

function walk(dir: string): string[] {
	return readdirSync(join(ROOT, dir)).flatMap((name) => {
		const path = `${dir}/${name}`;
		if (statSync(join(ROOT, path)).isDirectory()) return walk(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe('architecture: imports', () => {
	it('the shipped code keeps the layering', () => {
		const files = SHIPPED.flatMap(walk).map((path) => ({ path: relative(ROOT, join(ROOT, path)), text: readFileSync(join(ROOT, path), 'utf8') }));
		expect(files.length).toBeGreaterThan(100);
		expect(violations(files)).toEqual([]);
	});

	it.each([
		['core/qualify/x.ts', "import { IExecuteFunctions } from 'n8n-workflow';", 'core/qualify/x.ts: imports package n8n-workflow'],
		['core/quote/x.ts', "import { ErpNextClient } from '../../connectors/erpnext';", 'core/quote/x.ts: core imports connectors (../../connectors/erpnext)'],
		['core/quote/x.ts', "import { z } from 'zod/v4';\nimport axios from 'axios';", 'core/quote/x.ts: imports package axios'],
		['connectors/erpnext/x.ts', "import { toNodeError } from '../../nodes/shared/serviceErrors';", 'connectors/erpnext/x.ts: connectors imports nodes (../../nodes/shared/serviceErrors)'],
		['nodes/LeadQualifier/x.ts', "import { fixture } from '../../tests/support/fixtures';", 'nodes/LeadQualifier/x.ts: imports tooling (../../tests/support/fixtures)'],
		['nodes/LeadQualifier/x.ts', "const fs = require('fs');", 'nodes/LeadQualifier/x.ts: loads code dynamically'],
		['core/money.ts', "export { toMinor } from '../scripts/money';", 'core/money.ts: imports tooling (../scripts/money)'],
	])('fails on a planted violation: %s', (path, text, expected) => {
		expect(violations([{ path, text }])).toContain(expected);
	});
});
