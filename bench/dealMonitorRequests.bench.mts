// Deal Monitor API traffic at 5,000 deals: the node runs in the real n8n engine (tests/workflow/harness.mts)
// against the ERPNext contract server (fronted by tests/nodes/support/dealErpNext.mts for Event, Version
// and assign_to), seeded with 5,000 open deals copied from samples/deals.json, and every HTTP request
// it makes is counted. The baseline is the traffic of a naive per-deal fetch of the same activity (the
// Opportunity pages, then per deal one list request per doctype, Events through their participants),
// measured request by request on 490 deals (ten copies of each open sample) and scaled to 5,000. The
// figures are request counts, not times: they do not move with the machine. Prints one JSON line per
// figure on stdout; the per-doctype breakdown goes to stderr. Copies of one sample share its creation
// time, so ERPNext's creation order puts them on the same page; a page of 100 copies of a deal with six
// Version entries needs a second Version request, which `continued` shows.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { ErpNextClient } from '../connectors/erpnext/index.ts';
import type { DealSnapshotInput } from '../core/dealRisk/index.ts';
import { LeadToCloseErpNextApi } from '../credentials/LeadToCloseErpNextApi.credentials.ts';
import { DealMonitor } from '../nodes/DealMonitor/DealMonitor.node.ts';
import { startErpNextServer } from '../tests/contract/erpnext-server.mts';
import {
	seedDeals,
	startDealErpNext,
	type DealErpNext,
} from '../tests/nodes/support/dealErpNext.mts';
import { chain, node, runWorkflow } from '../tests/workflow/harness.mts';

const DEALS = 5_000;
const NAIVE_SAMPLE = 490;
const AUTH = { apiKey: 'bench-key', apiSecret: 'bench-secret' };
const TYPE = 'n8n-nodes-lead-to-close.dealMonitor';

const samples = JSON.parse(
	readFileSync(new URL('../samples/deals.json', import.meta.url), 'utf8'),
) as {
	asOf: string;
	timeZone: string;
	deals: Array<DealSnapshotInput & { label?: unknown }>;
};
const open = samples.deals.filter((d) => ['Open', 'Quotation', 'Replied'].includes(d.status));
const deals: DealSnapshotInput[] = Array.from({ length: DEALS }, (_, i) => {
	const { label: _label, ...source } = open[i % open.length];
	const n = String(i + 1).padStart(6, '0');
	return {
		...source,
		name: `CRM-OPP-2026-${n}`,
		quotations: (source.quotations ?? []).map((q) => ({ ...q, name: `${q.name}-${n}` })),
	};
});

async function scan(front: DealErpNext, params: Record<string, unknown>) {
	const from = front.requests.length;
	const started = performance.now();
	const run = await runWorkflow({
		nodeTypes: { [TYPE]: new DealMonitor() },
		credentialTypes: [new LeadToCloseErpNextApi()],
		credentials: { leadToCloseErpNextApi: { baseUrl: front.url, ...AUTH } },
		nodes: [
			node('Start', 'test.start', { items: '[{}]' }),
			node('Deal Monitor', TYPE, {
				referenceDate: samples.asOf,
				timeZone: samples.timeZone,
				...params,
			}),
		],
		connections: chain('Start', 'Deal Monitor'),
	});
	const atRisk = run.output('Deal Monitor').length;
	const requests = front.requests.slice(from);
	// List requests that continued a page of activity (more rows than one request returns).
	const continued: Record<string, number> = {};
	for (const r of requests)
		if (r.listOf && r.listOf !== 'Opportunity' && Number(r.query.limit_start ?? 0) > 0)
			continued[r.listOf] = (continued[r.listOf] ?? 0) + 1;
	return {
		atRisk,
		requests: requests.length,
		writes: requests.filter((r) => r.method !== 'GET').length,
		byDoctype: front.listCounts(from),
		continued,
		ms: Math.round(performance.now() - started),
	};
}

/** What a per-deal fetch would ask: the Opportunity pages, then each deal's activity one doctype at a time. */
async function naiveFetch(
	front: DealErpNext,
	limit: number,
): Promise<{ deals: number; requests: number; pageRequests: number }> {
	const client = ErpNextClient.withToken({ baseUrl: front.url, ...AUTH });
	const from = front.requests.length;
	const names: string[] = [];
	for await (const row of client.list('Opportunity', {
		fields: ['name'],
		filters: [['status', 'in', ['Open', 'Quotation', 'Replied']]],
		pageSize: 100,
		limit,
	}))
		names.push(String(row.name));
	const pageRequests = front.requests.length - from;
	for (const name of names) {
		await client.listAll('Communication', {
			fields: ['name', 'communication_date', 'sent_or_received', 'sender', 'recipients'],
			filters: [
				['reference_doctype', '=', 'Opportunity'],
				['reference_name', '=', name],
			],
		});
		await client.listAll('ToDo', {
			fields: ['name', 'date', 'status', 'description'],
			filters: [
				['reference_type', '=', 'Opportunity'],
				['reference_name', '=', name],
			],
		});
		await client.listAll('Quotation', {
			fields: ['name', 'status', 'valid_till', 'grand_total'],
			filters: [['opportunity', '=', name]],
		});
		await client.listAll('Version', {
			fields: ['name', 'data', 'creation'],
			filters: [
				['ref_doctype', '=', 'Opportunity'],
				['docname', '=', name],
			],
		});
		const links = (await client.call('frappe.client.get_list', {
			doctype: 'Event Participants',
			parent: 'Event',
			fields: ['parent'],
			filters: [
				['reference_doctype', '=', 'Opportunity'],
				['reference_docname', '=', name],
			],
			limit_page_length: 100,
		})) as Array<{ parent: string }>;
		if (links.length > 0) {
			const events = links.map((l) => l.parent);
			await client.listAll('Event', {
				fields: ['name', 'subject', 'starts_on', 'status'],
				filters: [['name', 'in', events]],
			});
			await client.call('frappe.client.get_list', {
				doctype: 'Event Participants',
				parent: 'Event',
				fields: ['parent', 'email'],
				filters: [['parent', 'in', events]],
				limit_page_length: 100,
			});
		}
	}
	return {
		deals: names.length,
		requests: front.requests.length - from - pageRequests,
		pageRequests,
	};
}

const erp = await startErpNextServer(AUTH);
const front = await startDealErpNext(erp, AUTH);
try {
	seedDeals(front, deals);

	const read = await scan(front, {});
	const firstWriteBack = await scan(front, { writeBack: true });
	const rescan = await scan(front, { writeBack: true });
	const naive = await naiveFetch(front, NAIVE_SAMPLE);
	const naivePerDeal = naive.requests / naive.deals;
	const naiveTotal = Math.ceil(DEALS / 100) + naivePerDeal * DEALS;

	const round = (x: number) => Number(x.toFixed(4));
	const line = (metric: string, value: number, baseline: number, unit: string, note: string) =>
		console.log(
			JSON.stringify({
				bench: 'dealMonitorRequests',
				metric,
				value: round(value),
				baseline: round(baseline),
				ratio: round(value / baseline),
				unit,
				note,
			}),
		);
	line(
		'requests_per_deal_5k',
		read.requests / DEALS,
		naiveTotal / DEALS,
		'requests/deal',
		'scan of 5,000 open deals, 100 per page; baseline: per-deal fetch of the same activity',
	);
	line(
		'requests_total_5k',
		read.requests,
		naiveTotal,
		'requests',
		'scan of 5,000 open deals; baseline: per-deal fetch (measured on 490 deals, scaled)',
	);
	line(
		'requests_per_deal_5k_write_back_rescan',
		rescan.requests / DEALS,
		naiveTotal / DEALS,
		'requests/deal',
		'second scan with write-back: nothing changed, nothing written',
	);
	line(
		'requests_per_at_risk_deal_5k_first_write_back',
		(firstWriteBack.requests - read.requests) / firstWriteBack.atRisk,
		2,
		'requests/at-risk deal',
		'first scan with write-back, beyond the reads: baseline 2 = one PUT and one comment per at-risk deal',
	);
	console.error(
		JSON.stringify({
			bench: 'dealMonitorRequests',
			deals: DEALS,
			atRisk: read.atRisk,
			read,
			firstWriteBack: { ...firstWriteBack, byDoctype: undefined },
			rescan: { ...rescan, byDoctype: undefined },
			naive: { ...naive, perDeal: round(naivePerDeal) },
		}),
	);
} finally {
	await front.stop();
	await erp.stop();
}
