// `npm start`: the main job on embedded defaults. A local n8n (the pinned host) with this package
// installed as a community package and every workflow in workflows/ imported, in .n8n-local/ (kept
// between runs), plus a PostgreSQL for the metrics: embedded PGlite over its socket server
// (.n8n-local/pglite, schema applied) unless LTC_POSTGRES_URL points at a real one. A `postgres`
// credential "Lead-to-Close metrics DB" for n8n's Postgres node is imported either way. The published
// webhooks (qualify, demo) need the header X-Lead-To-Close-Key: the key is made once, kept in
// .n8n-local/webhook-key (or taken from LTC_WEBHOOK_KEY) and imported as the Header Auth credential
// "Lead-to-Close webhook key" (scripts/webhook-auth.mts); the banner prints it with a curl line.
// Prints the editor URL, login and database and keeps everything running until Ctrl-C.
// `npm start -- --once`: the same, headless; runs the demo workflow (workflows/demo.json: sample leads
// and catalog, rules only, outreach drafted not sent, metrics into the database), prints the summary
// table and exits with the demo's status. Without --once the demo also runs once, then n8n stays up.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.mts';
import { OWNER, ROOT, startN8n, type CredentialFixture, type WorkflowFixture } from './n8n-instance.mts';
import { WEBHOOK_KEY_HEADER, loadOrCreateWebhookKey, webhookHeaders, webhookKeyCredential } from './webhook-auth.mts';

export const METRICS_CREDENTIAL_ID = 'ltcMetricsPg00001';

const once = process.argv.includes('--once');
const portArg = process.argv.find((a) => a.startsWith('--port='));
const port = portArg ? Number(portArg.split('=')[1]) : Number(process.env.LTC_PORT || 5678);
const userFolder = join(ROOT, '.n8n-local');
mkdirSync(userFolder, { recursive: true });

function loadWorkflows(): WorkflowFixture[] {
	const dir = join(ROOT, 'workflows');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as WorkflowFixture);
}

function hasWebhook(wf: WorkflowFixture): boolean {
	return (wf.nodes as Array<{ type: string }>).some((n) => n.type === 'n8n-nodes-base.webhook' || n.type.endsWith('Trigger'));
}

const t0 = Date.now();
let embedded: EmbeddedPostgres | undefined;
let pgUrl: URL;
if (process.env.LTC_POSTGRES_URL) {
	pgUrl = new URL(process.env.LTC_POSTGRES_URL);
} else {
	embedded = await startEmbeddedPostgres({ dataDir: join(userFolder, 'pglite'), port: Number(process.env.LTC_PGLITE_PORT || 55433) });
	pgUrl = new URL(embedded.url);
}
const metricsCredential: CredentialFixture = {
	id: METRICS_CREDENTIAL_ID,
	name: 'Lead-to-Close metrics DB',
	type: 'postgres',
	data: {
		host: pgUrl.hostname,
		port: Number(pgUrl.port || 5432),
		database: pgUrl.pathname.replace(/^\//, '') || 'postgres',
		user: decodeURIComponent(pgUrl.username || 'postgres'),
		password: decodeURIComponent(pgUrl.password),
		ssl: 'disable',
		allowUnauthorizedCerts: false,
		sshTunnel: false,
	},
};
const webhookKey = loadOrCreateWebhookKey(userFolder);
const workflows = loadWorkflows();
// Only workflows whose trigger needs no external credentials are published on embedded defaults.
const activate = workflows.filter((wf) => hasWebhook(wf) && wf.meta && (wf.meta as { ltcAutoActivate?: boolean }).ltcAutoActivate).map((wf) => wf.id);
process.stdout.write(`Starting n8n with n8n-nodes-lead-to-close and ${workflows.length} workflow(s) in ${userFolder} …\n`);
const n8n = await startN8n({ userFolder, port, workflows, activate, credentials: [metricsCredential, webhookKeyCredential(webhookKey)] });
process.stdout.write(
	[
		'',
		`  n8n editor:  ${n8n.baseUrl}/`,
		`  login:       ${OWNER.email} / ${OWNER.password}`,
		`  workflows:   ${workflows.map((w) => w.name).join(', ') || '(none)'}`,
		`  published:   ${activate.length} (webhooks need the header ${WEBHOOK_KEY_HEADER}: ${webhookKey})`,
		`  try:         curl -s -X POST ${n8n.baseUrl}/webhook/lead-to-close/qualify -H 'content-type: application/json' -H '${WEBHOOK_KEY_HEADER}: ${webhookKey}' -d '{"leads":[{"id":"L-1","company":"Nordwerk GmbH","message":"Need 12 PLCs, budget 250k EUR"}]}'`,
		`  metrics DB:  ${embedded ? `embedded PGlite ${embedded.url} (data in ${embedded.dataDir})` : pgUrl.origin} — n8n credential "Lead-to-Close metrics DB"`,
		`  ready in:    ${((Date.now() - t0) / 1000).toFixed(1)} s`,
		'',
	].join('\n') + '\n',
);

interface DemoSummary {
	lead: string;
	company: string | null;
	score: number;
	grade: string;
	route: string;
	quoteTotal: string | null;
	currency: string | null;
	quoteRoute: string | null;
	/** "quoted", or "no_quote" when the Quote Generator found nothing to send (never a 0.00 quote). */
	quoteStatus?: string | null;
	quoteReasons?: string[];
	messagePreview: string | null;
}

/** A review reason without its particulars, so reasons of the same kind are counted together. */
function reasonKind(reason: string): string {
	return reason
		.replace(/"[^"]*"/g, '"…"')
		.replace(/\b(?:R\d+|(?=[A-Za-z0-9./-]*\d)(?=[A-Za-z0-9./-]*[A-Z])[A-Za-z0-9][A-Za-z0-9./-]{3,})\b/g, '…')
		.replace(/\d+(?:[.,]\d+)*/g, 'N')
		.replace(/^(nothing to quote: [^(:]*).*$/, '$1')
		.replace(/^(?!nothing to quote)([^:]*):.*$/, '$1')
		.trim()
		.slice(0, 90);
}

/** Runs the demo workflow (workflows/demo.json): sample leads + sample catalog, rules only, no ERP. */
async function runDemo(): Promise<boolean> {
	const data = JSON.parse(readFileSync(join(ROOT, 'samples', 'leads.json'), 'utf8')) as { leads: Array<{ id: string; lead: Record<string, unknown> }> };
	const catalog = JSON.parse(readFileSync(join(ROOT, 'samples', 'catalog.json'), 'utf8')) as unknown[];
	process.stdout.write(`Running the demo on ${data.leads.length} sample leads and a ${catalog.length}-item catalog …\n`);
	const res = await n8n.waitForWebhook(
		'lead-to-close/demo',
		{ method: 'POST', headers: webhookHeaders(webhookKey), body: JSON.stringify({ leads: data.leads, catalog }) },
		300_000,
	);
	const text = await res.text();
	if (res.status !== 200) {
		process.stdout.write(`demo webhook answered ${res.status}: ${text.slice(0, 2000)}\n`);
		return false;
	}
	const rows = JSON.parse(text) as DemoSummary[];
	const cut = (v: unknown, n: number) => String(v ?? '').replace(/\s+/g, ' ').slice(0, n).padEnd(n);
	process.stdout.write(`\n${cut('lead', 6)} ${cut('company', 28)} score grade ${cut('route', 12)} ${cut('quote', 18)} message preview\n`);
	for (const r of rows) {
		const quote =
			r.quoteStatus === 'no_quote'
				? 'no quote'
				: r.quoteTotal
					? `${r.quoteTotal} ${r.currency ?? ''} ${r.quoteRoute ?? ''}`
					: '';
		process.stdout.write(`${cut(r.lead, 6)} ${cut(r.company, 28)} ${String(r.score).padStart(5)} ${cut(r.grade, 5)} ${cut(r.route, 12)} ${cut(quote, 18)} ${cut(r.messagePreview, 60)}\n`);
	}
	const byRoute = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.route]: (acc[r.route] ?? 0) + 1 }), {});
	process.stdout.write(`\n${rows.length} leads: ${Object.entries(byRoute).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
	const noQuote = rows.filter((r) => r.quoteStatus === 'no_quote');
	const quoted = rows.filter((r) => r.quoteStatus !== 'no_quote' && r.quoteTotal);
	const auto = quoted.filter((r) => r.quoteRoute === 'auto');
	const review = quoted.filter((r) => r.quoteRoute !== 'auto');
	process.stdout.write(
		`quotes: ${auto.length} went out automatically, ${review.length} wait for review, ${noQuote.length} leads got no quote (nothing to send)\n`,
	);
	const tally = (list: DemoSummary[]) => {
		const counts = new Map<string, number>();
		for (const r of list) for (const k of new Set((r.quoteReasons ?? []).map(reasonKind))) counts.set(k, (counts.get(k) ?? 0) + 1);
		return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8);
	};
	for (const [why, n] of tally(review)) process.stdout.write(`  review ${String(n).padStart(3)} × ${why}\n`);
	for (const [why, n] of tally(noQuote)) process.stdout.write(`  no quote ${String(n).padStart(3)} × ${why}\n`);
	process.stdout.write('Metric events are in the ltc_events table of the metrics DB (see dashboards/ for Grafana).\n');
	return rows.length === data.leads.length;
}

if (once) {
	const ok = await runDemo();
	await n8n.stop();
	await embedded?.stop();
	process.stdout.write(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
	process.exit(ok ? 0 : 1);
} else {
	await runDemo();
	process.stdout.write(`\nn8n is running at ${n8n.baseUrl}/ (login ${OWNER.email} / ${OWNER.password}). Press Ctrl-C to stop.\n`);
	const stop = async () => {
		await n8n.stop();
		await embedded?.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
