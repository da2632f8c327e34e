// The Quote Generator node in the real n8n engine (in-process): catalog rows on the input (CSV strings
// and minor units), a bad row becoming an error that names the row, column and value, per-route outputs
// over the InvenTree contract server, the catalog cache's TTL measured on an injected clock (the Claude
// step is in quoteGeneratorClaude.test.mts), and the ERPNext draft Quotation against the Frappe contract
// server (rates as exact decimal strings, AI fields, evidence comment once, no second Quotation on a
// re-run, submit only when auto-approved and asked, the PDF as binary data, an ERPNext catalog).
import { readFileSync } from 'node:fs';

import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatMinorUnits } from '../../core/money';
import { startErpNextServer, type ErpNextServer } from '../contract/erpnext-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { NODE_NAME, SAMPLE_CATALOG, csvRow, mirrorCatalog, runQuote, sampleRequest, seedLeads, type Credentials, type QuoteJson } from './support/quoteFixtures.mts';

const json = (item: { json: IDataObject }) => item.json as unknown as QuoteJson;

describe('Quote Generator: catalog rows on the input', () => {
	const rows = SAMPLE_CATALOG.map(csvRow);
	const qr002 = sampleRequest('QR-002');

	it('quotes from CSV-style rows (strings, decimal prices) with exact prices, one item paired to the first row, one metric event', async () => {
		const r = await runQuote(rows, { catalogSource: 'inputItems', requestText: qr002.text, party: 'CRM-LEAD-2026-00042' });
		const out = r.output(NODE_NAME);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const q = json(out[0]);
		expect(q.catalog).toMatchObject({ source: 'inputItems', items: SAMPLE_CATALOG.length, cached: false });
		expect(q.lines.map((l) => ({ sku: l.sku, qty: l.qty }))).toEqual(qr002.expected);
		for (const line of q.lines) {
			const item = SAMPLE_CATALOG.find((c) => c.sku === line.sku)!;
			const breakPrice = [...item.price_breaks].reverse().find((b) => line.qty >= b.min_qty)?.unit_price;
			expect(line.unit_price_minor).toBe(breakPrice ?? item.unit_price);
			expect(line.unit_price).toEqual({ amount: Number(formatMinorUnits(line.unit_price_minor, 'EUR')), currency: 'EUR', display: expect.stringMatching(/^€[\d,]+\.\d\d$/) });
		}
		expect(q.total_minor).toBe(q.lines.reduce((s, l) => s + l.amount_minor, 0));
		expect(q.amounts.total).toBe(formatMinorUnits(q.total_minor, 'EUR'));
		// Readable first (issue 16): the summary, then the total as a person reads it, the minor units beside it.
		expect(Object.keys(q).slice(0, 5)).toEqual(['summary', 'route', 'status', 'total', 'total_minor']);
		expect(q.total).toEqual({ amount: Number(q.amounts.total), currency: 'EUR', display: `€${Number(q.amounts.total).toLocaleString('en-US', { minimumFractionDigits: 2 })}` });
		expect(q.summary).toBe(`auto · ${q.lines.length} line(s) · total ${q.total.display} · confidence ${q.confidence}`);
		expect(q.route).toBe('auto');
		expect(q.valid_till).toBe('2026-12-02');
		expect(q._ltcEvents).toHaveLength(1);
		expect(q._ltcEvents[0]).toMatchObject({
			step: 'quote',
			actor: 'system',
			decision: 'approve',
			outcome: 'drafted',
			amount: q.total_minor,
			currency: 'EUR',
			confidence: q.confidence,
			lead_ref: 'CRM-LEAD-2026-00042',
			quote_ref: null,
		});
	});

	it('reads rows in minor units (samples/catalog.json as it is) to the same quote', async () => {
		const fromCsv = json((await runQuote(rows, { catalogSource: 'inputItems', requestText: qr002.text })).output(NODE_NAME)[0]);
		const fromMinor = json(
			(await runQuote(SAMPLE_CATALOG as unknown as Array<Record<string, unknown>>, { catalogSource: 'inputItems', pricesIn: 'minor', requestText: qr002.text })).output(NODE_NAME)[0],
		);
		expect(fromMinor.lines).toEqual(fromCsv.lines);
		expect(fromMinor.total_minor).toBe(fromCsv.total_minor);
	});

	it.each([
		['a decimal comma in unit_price', { unit_price: '1250,00' }, /row 4 \(sku "6ES7516-3AN02-0AB0"\): field "unit_price".*"1250,00"/],
		['a missing sku', { sku: '' }, /row 4: field "sku" is required/],
		['more decimals than the currency', { unit_price: '12.505' }, /field "unit_price".*EUR.*"12.505"/],
		['a stock that is not a number', { stock: 'plenty' }, /field "stock" must be a non-negative number, got "plenty"/],
		['an unreadable price break', { price_breaks: '[{"min_qty": 0, "unit_price": "1.00"}]' }, /field "price_breaks\[0\]\.min_qty" must be positive, got 0/],
		['a currency that is not ISO 4217', { currency: 'Euro' }, /field "currency" must be an ISO 4217 code/],
	])('turns a row with %s into an error for that row, naming the field and value, and still quotes from the rest', async (_, patch, message) => {
		const bad = rows.map((row, i) => (i === 3 ? { ...row, ...patch } : row));
		const r = await runQuote(bad, { catalogSource: 'inputItems', requestText: sampleRequest('QR-003').text }, { onError: 'continueRegularOutput' });
		const out = r.output(NODE_NAME);
		expect(out).toHaveLength(2);
		expect(out[0].pairedItem).toEqual({ item: 3 });
		expect(String(out[0].json.error)).toMatch(message);
		const quote = json(out[1]);
		expect(quote.catalog.items).toBe(SAMPLE_CATALOG.length - 1);
		expect(quote.lines.map((l) => l.sku)).toEqual(sampleRequest('QR-003').expected.map((e) => e.sku));
	});

	it('fails the execution on a bad row without Continue On Fail, naming the row and field', async () => {
		const bad = rows.map((row, i) => (i === 7 ? { ...row, unit_price: 'call us' } : row));
		const r = await runQuote(bad, { catalogSource: 'inputItems', requestText: qr002.text });
		expect(r.error(NODE_NAME)?.message).toMatch(/Catalog row 8 .*field "unit_price".*"call us"/);
	});

	it('keeps the first of two rows with the same SKU and says so', async () => {
		const dup = [...rows, { ...rows[0], unit_price: '1.00' }];
		const q = json((await runQuote(dup, { catalogSource: 'inputItems', requestText: 'S7-1500 CPU 1511-1 PN x1' })).output(NODE_NAME)[0]);
		expect(q.catalog.warnings).toBe(1);
		expect(q.catalog.warning_samples?.[0]).toMatch(/row 213: SKU 6ES7511-1AK02-0AB0 is already used by row 1/);
		expect(q.lines[0]).toMatchObject({ sku: '6ES7511-1AK02-0AB0', unit_price_minor: 125000 });
	});

	it('names the empty request text instead of quoting nothing', async () => {
		const r = await runQuote(rows, { catalogSource: 'inputItems', requestText: '={{ $json.nothing }}' }, { onError: 'continueRegularOutput' });
		expect(String(r.output(NODE_NAME)[0].json.error)).toMatch(/Request Text is empty/);
	});
});

describe('Quote Generator: InvenTree catalog, routes and cache', () => {
	let inventree: InvenTreeServer;
	const creds = (): Credentials => ({ leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token } });
	beforeAll(async () => {
		inventree = await startInvenTreeServer();
	});
	afterAll(async () => inventree.stop());

	it('sends each quote to its route output and pairs every output with its request', async () => {
		const requests = ['QR-002', 'QR-001', 'QR-009', 'QR-005'].map((id) => ({ text: sampleRequest(id).text }));
		const r = await runQuote(requests, { catalogSource: 'inventree', outputMode: 'perRoute' }, {}, creds());
		const auto = r.output(NODE_NAME, 0);
		const review = r.output(NODE_NAME, 1);
		expect(auto.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(review.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		for (const o of auto) expect(json(o).route).toBe('auto');
		for (const o of review) expect(json(o).route).toBe('review');
		const [qr001, qr009] = review.map(json);
		expect(qr001.review_reasons.join(' ')).toMatch(/exceeds the auto-approval limit of 50000.00 EUR/);
		expect(qr009.lines).toEqual([]);
		expect(qr009._ltcEvents[0]).toMatchObject({ decision: 'review', outcome: 'no_catalog_match', amount: 0 });
		expect(json(auto[0]).catalog).toMatchObject({ source: 'inventree', items: SAMPLE_CATALOG.length });
	});

	it('follows the thresholds: a higher auto-approve total sends QR-001 to review only for its confidence', async () => {
		const q = json((await runQuote([{ text: sampleRequest('QR-001').text }], { catalogSource: 'inventree', autoMaxTotal: 100000 }, {}, creds())).output(NODE_NAME)[0]);
		expect(q.route).toBe('review');
		expect(q.review_reasons).toEqual([expect.stringMatching(/^confidence .* below the threshold 0.85$/)]);
		// QR-001 holds a tie within one maker (1756-IB16 / IB16D): its confidence is 0.659 since ADR 0055
		// keeps every such tie below the default 0.85; a site that sets a threshold under it lets it out.
		const lenient = json(
			(await runQuote([{ text: sampleRequest('QR-001').text }], { catalogSource: 'inventree', autoMaxTotal: 100000, confidenceThreshold: 0.65 }, {}, creds())).output(NODE_NAME)[0],
		);
		expect(lenient.route).toBe('auto');
	});

	// A pasted amount, order number or postcode used to match a catalog dimension ("250" → the 250 mm
	// enclosure 1060500) and was auto-approved with confidence 1.
	it.each(['250', '1.250', '1.250,50'])('sends a request that is only the number %s to review', async (text) => {
		const q = json((await runQuote([{ text }], { catalogSource: 'inventree' }, {}, creds())).output(NODE_NAME)[0]);
		expect(q.route).toBe('review');
		expect(q.lines).toEqual([]);
		expect(q.unmatched_requirements[0].reason).toMatch(/^only numbers matched \(250\); the request names no product or code$/);
	});

	it('keeps the catalog for the TTL on the injected clock, then reloads it', async () => {
		const own = await startInvenTreeServer();
		const ownCreds = { leadToCloseInvenTreeApi: { baseUrl: own.url, apiToken: own.state.token } };
		try {
			const at = (clock: string, ttl = 60) => runQuote([{ text: 'S7-1500 CPU 1511-1 PN x1' }], { catalogSource: 'inventree', options: { cacheTtlSeconds: ttl, cacheClock: clock } }, {}, ownCreds);
			const catalogOf = async (clock: string, ttl?: number) => json((await at(clock, ttl)).output(NODE_NAME)[0]).catalog;

			expect(await catalogOf('2026-11-02T10:00:00Z')).toMatchObject({ cached: false, items: SAMPLE_CATALOG.length });
			const afterFirst = own.requests.length;
			expect(afterFirst).toBeGreaterThan(0);
			expect(await catalogOf('2026-11-02T10:00:59Z')).toMatchObject({ cached: true, loaded_at: '2026-11-02T10:00:00.000Z' });
			expect(own.requests.length).toBe(afterFirst);

			// A price changed in InvenTree shows only once the entry has expired.
			const part = [...own.state.parts.values()].find((p) => p.IPN === '6ES7511-1AK02-0AB0')!;
			for (const sp of own.state.salePrices.values()) if (sp.part === part.pk && sp.quantity === 1) sp.price = '1300.00';
			const stale = json((await at('2026-11-02T10:00:30Z')).output(NODE_NAME)[0]);
			expect(stale.lines[0].unit_price_minor).toBe(125000);
			const fresh = json((await at('2026-11-02T10:01:00Z')).output(NODE_NAME)[0]);
			expect(fresh.catalog).toMatchObject({ cached: false, loaded_at: '2026-11-02T10:01:00.000Z' });
			expect(fresh.lines[0].unit_price_minor).toBe(130000);
			expect(own.requests.length).toBe(2 * afterFirst);

			// A clock that went backwards is not trusted; TTL 0 never caches.
			expect(await catalogOf('2026-11-02T09:00:00Z')).toMatchObject({ cached: false });
			expect(await catalogOf('2026-11-02T09:00:01Z', 0)).toMatchObject({ cached: false });
			expect(own.requests.length).toBe(4 * afterFirst);
		} finally {
			await own.stop();
		}
	});

	it('fails every item clearly when the InvenTree token is wrong, without echoing it', async () => {
		const r = await runQuote([{ text: 'x' }, { text: 'y' }], { catalogSource: 'inventree' }, { onError: 'continueRegularOutput' }, { leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: 'inv-WRONG-token-0000' } });
		const out = r.output(NODE_NAME);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(out[0].json.error)).toMatch(/InvenTree.*401/);
		expect(String(out[0].json.error)).not.toContain('inv-WRONG-token-0000');
	});
});

describe('Quote Generator: ERPNext draft Quotation', () => {
	let inventree: InvenTreeServer;
	let erp: ErpNextServer;
	const creds = (): Credentials => ({
		leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
		leadToCloseErpNextApi: { baseUrl: erp.url, apiKey: 'k', apiSecret: 's3cret-value' },
	});
	const base = { catalogSource: 'inventree', createQuotation: true, company: 'Lead-to-Close Demo GmbH', party: '={{ $json.lead }}' };
	beforeAll(async () => {
		inventree = await startInvenTreeServer();
		// An ERPNext that validates Links (the Quotation's company, party, Items and UOMs must exist), with
		// the catalog mirrored as Items.
		erp = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value', validateLinks: true });
		mirrorCatalog(erp, SAMPLE_CATALOG);
		seedLeads(erp, Array.from({ length: 8 }, (_, i) => `CRM-LEAD-2026-${String(42 + i).padStart(5, '0')}`));
	});
	afterAll(async () => {
		await inventree.stop();
		await erp.stop();
	});

	it('creates one draft Quotation with exact decimal rates, AI fields and one evidence comment, and none on a re-run', async () => {
		const item = { text: sampleRequest('QR-002').text, lead: 'CRM-LEAD-2026-00042' };
		const first = json((await runQuote([item], { ...base, attachPdf: true }, {}, creds())).output(NODE_NAME)[0]);
		expect(first.erpnext).toMatchObject({ created: true, docstatus: 0, submitted: false, comment: { created: true } });
		const name = first.erpnext!.quotation;
		const doc = erp.state.get('Quotation', name)!;
		expect(doc).toMatchObject({
			docstatus: 0,
			quotation_to: 'Lead',
			party_name: 'CRM-LEAD-2026-00042',
			company: 'Lead-to-Close Demo GmbH',
			transaction_date: '2026-11-02',
			valid_till: '2026-12-02',
			currency: 'EUR',
			custom_ai_route: 'auto',
			custom_ai_confidence: Math.round(first.confidence * 1000) / 10,
			custom_ai_generator: 'n8n Quote Generator (rules)',
			custom_ai_request: item.text,
			custom_ai_idempotency_key: first.erpnext!.idempotency_key,
		});
		const rows = doc.items as Array<Record<string, unknown>>;
		expect(rows.map((r) => ({ item_code: r.item_code, qty: r.qty, uom: r.uom, rate: r.rate }))).toEqual(
			first.lines.map((l) => ({ item_code: l.sku, qty: l.qty, uom: 'Nos', rate: Number(formatMinorUnits(l.unit_price_minor, 'EUR')) })),
		);
		// What the node sent: the rates as exact decimal strings; ERPNext stores and answers floats.
		const sent = erp.requests.find((r) => r.method === 'POST' && r.path === '/api/resource/Quotation')?.body as { items: Array<{ rate: string }> };
		expect(sent.items.map((r) => r.rate)).toEqual(['3600.00', '520.00', '2100.00']);
		expect(doc.net_total).toBe(Number(first.amounts.total));
		expect(erp.state.all('Custom Field').filter((f) => f.dt === 'Quotation').map((f) => f.fieldname)).toEqual(
			expect.arrayContaining(['custom_ai_route', 'custom_ai_confidence', 'custom_ai_generator', 'custom_ai_request', 'custom_ai_idempotency_key']),
		);
		const comments = erp.state.all('Comment').filter((c) => c.reference_name === name);
		expect(comments).toHaveLength(1);
		expect(comments[0].comment_type).toBe('Comment');
		expect(String(comments[0].content)).toMatch(/6ES7516-3AN02-0AB0 × 2 Nos at 3600.00 = 7200.00 EUR/);
		expect(String(comments[0].content)).toMatch(/exact SKU/);
		expect(first._ltcEvents.map((e) => [e.actor, e.decision, e.outcome, e.quote_ref])).toEqual([
			['system', 'approve', 'drafted', name],
			['system', null, 'created', name],
		]);

		const writesBefore = erp.writes().length;
		const again = await runQuote([item], { ...base, attachPdf: true }, {}, creds());
		const second = json(again.output(NODE_NAME)[0]);
		expect(second.erpnext).toMatchObject({ quotation: name, created: false, comment: { created: false } });
		expect(erp.writes().slice(writesBefore)).toEqual([]);
		expect(erp.state.all('Quotation')).toHaveLength(1);
		expect(second._ltcEvents.map((e) => e.outcome)).toEqual(['drafted']);
		const pdf = again.output(NODE_NAME)[0].binary?.data;
		expect(pdf).toMatchObject({ mimeType: 'application/pdf', fileName: `${name}.pdf` });
		expect(Buffer.from(pdf!.data, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	it('submits only an auto-approved quote, and only when asked', async () => {
		const auto = { text: sampleRequest('QR-003').text, lead: 'CRM-LEAD-2026-00043' };
		const review = { text: sampleRequest('QR-001').text, lead: 'CRM-LEAD-2026-00044' };
		const r = await runQuote([auto, review], { ...base, submitWhenAutoApproved: true }, {}, creds());
		const [a, b] = r.output(NODE_NAME).map(json);
		expect(a.route).toBe('auto');
		expect(a.erpnext).toMatchObject({ created: true, submitted: true, docstatus: 1 });
		expect(erp.state.get('Quotation', a.erpnext!.quotation)?.docstatus).toBe(1);
		expect(a._ltcEvents.map((e) => e.outcome)).toEqual(['drafted', 'created', 'submitted']);
		expect(b.route).toBe('review');
		expect(b.erpnext).toMatchObject({ created: true, submitted: false, docstatus: 0 });
		expect(erp.state.get('Quotation', b.erpnext!.quotation)?.docstatus).toBe(0);

		const off = json((await runQuote([{ ...auto, lead: 'CRM-LEAD-2026-00045' }], base, {}, creds())).output(NODE_NAME)[0]);
		expect(off.erpnext).toMatchObject({ created: true, submitted: false, docstatus: 0 });
	});

	it('creates one Quotation for two identical items of one execution', async () => {
		const item = { text: sampleRequest('QR-005').text, lead: 'CRM-LEAD-2026-00046' };
		const before = erp.state.all('Quotation').length;
		const out = (await runQuote([item, item], base, {}, creds())).output(NODE_NAME).map(json);
		expect(out.map((o) => o.erpnext?.created)).toEqual([true, false]);
		expect(out[0].erpnext?.quotation).toBe(out[1].erpnext?.quotation);
		expect(erp.state.all('Quotation').length).toBe(before + 1);
	});

	it('two processes quoting the same lead at once make one Quotation: the second insert is refused by the unique key and reads the first back (issue 14, H3)', async () => {
		const item = { text: `${sampleRequest('QR-002').text} Delivery to hall 3.`, lead: 'CRM-LEAD-2026-00042' };
		// The second "process": the same site under another spelling of its address, so this process's
		// in-memory lock and field cache do not join the two runs; ERPNext answers after 40 ms.
		const other = (): Credentials => ({ ...creds(), leadToCloseErpNextApi: { ...creds().leadToCloseErpNextApi, baseUrl: erp.url.replace('127.0.0.1', '127.1') } });
		// Both "processes" have set up the AI fields already (as on any site after its first quote).
		for (const c of [creds(), other()]) await runQuote([{ ...item, text: `${item.text} Warm-up.` }], base, {}, c);
		erp.setDelay(40);
		const runs = await Promise.all([runQuote([item], base, {}, creds()), runQuote([item], base, {}, other())]).finally(() => erp.setDelay(0));
		const results = runs.map((r) => json(r.output(NODE_NAME)[0]).erpnext!);
		const key = results[0].idempotency_key;
		expect(results[1].idempotency_key).toBe(key);
		expect(erp.state.all('Quotation').filter((q) => q.custom_ai_idempotency_key === key)).toHaveLength(1);
		expect(results[1].quotation).toBe(results[0].quotation);
		expect(results.map((r) => r.created).sort()).toEqual([false, true]);
		// ERPNext's own refusal of the second insert (UniqueValidationError, 417), read as "exists".
		const refused = erp.requests.filter((r) => r.method === 'POST' && r.path === '/api/resource/Quotation' && r.status === 417);
		expect(refused).toHaveLength(1);
		expect(erp.state.all('Comment').filter((c) => c.reference_name === results[0].quotation)).toHaveLength(1);
		expect(erp.state.all('Custom Field').find((f) => f.dt === 'Quotation' && f.fieldname === 'custom_ai_idempotency_key')).toMatchObject({ unique: 1 });
	});

	it('makes a new Quotation under the next key when the one of the same quote was cancelled, and finds it again', async () => {
		const item = { text: `${sampleRequest('QR-002').text} Second site.`, lead: 'CRM-LEAD-2026-00043' };
		const first = json((await runQuote([item], base, {}, creds())).output(NODE_NAME)[0]).erpnext!;
		erp.state.dbSet('Quotation', first.quotation!, { docstatus: 2 });
		const second = json((await runQuote([item], base, {}, creds())).output(NODE_NAME)[0]).erpnext!;
		expect(second).toMatchObject({ created: true, idempotency_key: `${first.idempotency_key}-2` });
		expect(second.quotation).not.toBe(first.quotation);
		const third = json((await runQuote([item], base, {}, creds())).output(NODE_NAME)[0]).erpnext!;
		expect(third).toMatchObject({ created: false, quotation: second.quotation, idempotency_key: `${first.idempotency_key}-2` });
	});

	it('names what is missing: the party, the company, the ERPNext credential', async () => {
		const noParty = await runQuote([{ text: 'S7-1500 CPU 1511-1 PN x1' }], base, { onError: 'continueRegularOutput' }, creds());
		expect(String(noParty.output(NODE_NAME)[0].json.error)).toMatch(/Party is empty: a Quotation needs the ERPNext Lead/);
		const noCompany = await runQuote([{ text: 'S7-1500 CPU 1511-1 PN x1', lead: 'CRM-LEAD-2026-00047' }], { ...base, company: '={{ $json.company }}' }, { onError: 'continueRegularOutput' }, creds());
		expect(String(noCompany.output(NODE_NAME)[0].json.error)).toMatch(/Company is empty/);
		const { leadToCloseErpNextApi: _, ...withoutErp } = creds();
		const noCred = await runQuote([{ text: 'S7-1500 CPU 1511-1 PN x1', lead: 'CRM-LEAD-2026-00047' }], base, { onError: 'continueRegularOutput' }, withoutErp);
		expect(String(noCred.output(NODE_NAME)[0].json.error)).toMatch(/Create ERPNext Quotation needs a Lead-to-Close ERPNext credential/);
	});

	it('finds the same Quotation on a re-run even when a catalog price changed in between (the key is the request, not the result)', async () => {
		const rows = SAMPLE_CATALOG.map(csvRow);
		const params = { ...base, catalogSource: 'inputItems', party: 'CRM-LEAD-2026-00048', requestText: sampleRequest('QR-006').text };
		const first = json((await runQuote(rows, params, {}, creds())).output(NODE_NAME)[0]);
		const repriced = rows.map((r) => (r.sku === '2904602' ? { ...r, unit_price: '455.00' } : r));
		const second = json((await runQuote(repriced, params, {}, creds())).output(NODE_NAME)[0]);
		expect(second.total_minor).not.toBe(first.total_minor);
		expect(second.erpnext).toMatchObject({ quotation: first.erpnext!.quotation, created: false });
		const withKey = json((await runQuote(repriced, { ...params, options: { idempotencyKey: 'mail-4711' } }, {}, creds())).output(NODE_NAME)[0]);
		expect(withKey.erpnext).toMatchObject({ created: true });
		expect(withKey.erpnext!.quotation).not.toBe(first.erpnext!.quotation);
	});

	it('creates no Quotation when nothing in the request matched the catalog, and says so', async () => {
		const before = erp.state.all('Quotation').length;
		const q = json((await runQuote([{ text: sampleRequest('QR-009').text, lead: 'CRM-LEAD-2026-00049' }], { ...base, attachPdf: true }, {}, creds())).output(NODE_NAME)[0]);
		expect(q.route).toBe('review');
		expect(q.erpnext).toEqual({ quotation: null, created: false, skipped: 'no Quotation: nothing in the request matched the catalog' });
		expect(erp.state.all('Quotation').length).toBe(before);
	});

	it('learns from won ERPNext Quotations: similar won quotes are counted and named in the evidence', async () => {
		const past = JSON.parse(readFileSync(new URL('../../samples/past-quotes.json', import.meta.url), 'utf8')) as Array<{
			id: string;
			outcome: 'won' | 'lost';
			date: string;
			customer: string;
			request: string;
			lines: Array<{ sku: string; qty: number }>;
		}>;
		erp.state.seed(
			'Quotation',
			past.map((p) => ({
				name: p.id,
				docstatus: 1,
				status: p.outcome === 'won' ? 'Ordered' : 'Lost',
				transaction_date: p.date,
				customer_name: p.customer,
				currency: 'EUR',
				custom_ai_request: p.request,
				items: p.lines.map((l) => ({ item_code: l.sku, qty: l.qty })),
			})),
		);
		const q = json((await runQuote([{ text: sampleRequest('QR-001').text }], { catalogSource: 'inventree', options: { usePastQuotes: true } }, {}, creds())).output(NODE_NAME)[0]);
		expect((q.catalog as unknown as { past_quotes: number }).past_quotes).toBe(past.length);
		expect(q.lines.flatMap((l) => l.match.evidence).join(' ')).toMatch(/co-quoted in won quote PQ-/);
	});

	it('quotes from an ERPNext catalog (Items with Item Prices of the price list)', async () => {
		const items = SAMPLE_CATALOG.filter((c) => c.sku.startsWith('ACS580') || c.sku === 'SRV-COMM-ONSITE');
		// A site of its own: the shared one mirrors the whole catalog, this one sells only these Items.
		const own = await startErpNextServer({ apiKey: 'k', apiSecret: 's3cret-value' });
		const ownCreds = { ...creds(), leadToCloseErpNextApi: { baseUrl: own.url, apiKey: 'k', apiSecret: 's3cret-value' } };
		own.state.seed(
			'Item',
			items.map((c) => ({ item_code: c.sku, item_name: c.name, item_group: c.category, stock_uom: c.uom, description: c.description, brand: c.manufacturer, is_stock_item: c.stock === null ? 0 : 1, is_sales_item: 1, disabled: 0 })),
		);
		own.state.seed(
			'Item Price',
			items.map((c) => ({ item_code: c.sku, price_list: 'Standard Selling', price_list_rate: formatMinorUnits(c.unit_price, c.currency), currency: c.currency, selling: 1 })),
		);
		const q = json((await runQuote([{ text: sampleRequest('QR-003').text }], { catalogSource: 'erpnext', priceList: 'Standard Selling' }, {}, ownCreds)).output(NODE_NAME)[0]);
		await own.stop();
		expect(q.catalog).toMatchObject({ source: 'erpnext', items: items.length });
		expect(q.lines.map((l) => ({ sku: l.sku, qty: l.qty }))).toEqual(sampleRequest('QR-003').expected);
	});
});
