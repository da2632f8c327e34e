// Adds compiled node or credential paths to package.json's "n8n" section (idempotent), so parallel
// work can register new nodes without hand-editing package.json:
//   node scripts/register-node.mjs dist/nodes/Outreach/Outreach.node.js [dist/credentials/X.credentials.js]
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './toolchain.mjs';

const file = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
for (const path of process.argv.slice(2)) {
	const key = path.includes('/credentials/') ? 'credentials' : 'nodes';
	if (!/^dist\/(nodes|credentials)\/.+\.(node|credentials)\.js$/.test(path)) throw new Error(`not a dist node/credential path: ${path}`);
	if (!pkg.n8n[key].includes(path)) pkg.n8n[key].push(path);
}
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(pkg, null, 2) + '\n');
renameSync(tmp, file);
