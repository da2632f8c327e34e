// Quote Generator in propose-only mode (issue 19, ADR 0040): a quote that would go out automatically is
// routed to review with the reason, stays a draft Quotation even with Submit When Auto-Approved on, and
// its metric event is a review; on either switch (the node's Propose Only parameter or the ERPNext
// credential's). With both off nothing changes.
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import {
	NODE_NAME,
	SAMPLE_CATALOG,
	mirrorCatalog,
	runQuote,
	sampleRequest,
	seedLeads,
	type Credentials,
	type QuoteJson,
} from './support/quoteFixtures.mts';

const json = (item: { json: IDataObject }) => item.json as unknown as QuoteJson;
const NODE_REASON = 'propose-only mode is on for this node (its Propose Only parameter)';
const SITE_REASON = "propose-only mode is on for this site (the credential's Propose Only switch)";

describe('Quote Generator: Propose Only', () => {
	let inventree: InvenTreeServer;
	let erp: ErpNextServer;
	const creds = (proposeOnly = false): Credentials => ({
		leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
		leadToCloseErpNextApi: {
			baseUrl: erp.url,
			apiKey: 'k',
			apiSecret: 's3cret-value',
			proposeOnly,
		},
	});
	const base = {
		catalogSource: 'inventree',
		createQuotation: true,
		company: 'Lead-to-Close Demo GmbH',
		party: '={{ $json.lead }}',
		submitWhenAutoApproved: true,
		outputMode: 'perRoute',
	};
	const AUTO = sampleRequest('QR-003').text;
	const leads = Array.from(
		{ length: 6 },
		(_, i) => `CRM-LEAD-2026-${String(60 + i).padStart(5, '0')}`,
	);
	beforeAll(async () => {
		inventree = await startInvenTreeServer();
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', validateLinks: true });
		mirrorCatalog(erp, SAMPLE_CATALOG);
		seedLeads(erp, leads);
	});
	afterAll(async () => {
		await inventree?.stop();
		await erp?.stop();
	});

	it('off (both switches): the auto quote is submitted and leaves on the Auto-Approved output, as before', async () => {
		const r = await runQuote([{ text: AUTO, lead: leads[0] }], base, {}, creds(false));
		expect(r.output(NODE_NAME, 1)).toEqual([]);
		const q = json(r.output(NODE_NAME, 0)[0]);
		expect(q.route).toBe('auto');
		expect(q.review_reasons).toEqual([]);
		expect(q.erpnext).toMatchObject({ created: true, submitted: true, docstatus: 1 });
		expect(q._ltcEvents.map((e) => [e.decision, e.outcome])).toEqual([
			['approve', 'drafted'],
			[null, 'created'],
			[null, 'submitted'],
		]);
	});

	it.each([
		['the node parameter', { proposeOnly: true }, false, NODE_REASON, 1],
		["the credential's switch", {}, true, SITE_REASON, 2],
		['the credential even when the node says off', { proposeOnly: false }, true, SITE_REASON, 3],
	])(
		'on by %s: the auto quote goes to review with the reason, stays a draft, counts as a review',
		async (_how, params, site, reason, n) => {
			const r = await runQuote(
				[{ text: AUTO, lead: leads[n] }],
				{ ...base, ...params },
				{},
				creds(site),
			);
			expect(r.output(NODE_NAME, 0)).toEqual([]);
			const q = json(r.output(NODE_NAME, 1)[0]);
			expect(q.route).toBe('review');
			expect(q.review_reasons).toEqual([reason]);
			expect(q.erpnext).toMatchObject({ created: true, submitted: false, docstatus: 0 });
			const doc = erp.state.get('Quotation', q.erpnext!.quotation)!;
			expect(doc).toMatchObject({ docstatus: 0, custom_ai_route: 'review' });
			expect(q._ltcEvents.map((e) => [e.actor, e.decision, e.outcome])).toEqual([
				['system', 'review', 'drafted'],
				['system', null, 'created'],
			]);
			expect(q._ltcEvents[0].confidence).toBeGreaterThanOrEqual(0.85);
		},
	);

	it('a quote already routed to review keeps its own reasons only', async () => {
		const r = await runQuote(
			[{ text: sampleRequest('QR-001').text, lead: leads[4] }],
			{ ...base, proposeOnly: true },
			{},
			creds(true),
		);
		const q = json(r.output(NODE_NAME, 1)[0]);
		expect(q.route).toBe('review');
		expect(q.review_reasons.length).toBeGreaterThan(0);
		expect(q.review_reasons.some((x) => /propose-only/.test(x))).toBe(false);
	});

	it('without an ERPNext credential the node switch alone still applies (catalog rows, no Quotation)', async () => {
		const r = await runQuote(
			[{ text: AUTO, lead: leads[5] }],
			{ catalogSource: 'inventree', proposeOnly: true },
			{},
			{ leadToCloseInvenTreeApi: creds().leadToCloseInvenTreeApi },
		);
		const q = json(r.output(NODE_NAME)[0]);
		expect([q.route, q.review_reasons]).toEqual(['review', [NODE_REASON]]);
		expect(q._ltcEvents[0]).toMatchObject({ decision: 'review' });
	});
});
