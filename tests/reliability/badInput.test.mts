// Issue 9, part 2: the shared bad-input corpus (support/corpus.mts) through every finished node, in the
// in-process n8n engine. Per node and field, the whole corpus runs as one batch with Continue On Fail:
// no item is lost (every input index comes back, paired), and each value either becomes a per-item
// error that names the field and quotes the value, or is accepted with the node's documented default
// (checked). Without Continue On Fail the execution stops with a NodeOperationError/NodeApiError that
// names the field — never a TypeError or a crash. Every corpus value is asserted for every field.
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeEvent } from '../../core/metrics';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import {
	LEADS,
	WED_MORNING,
	emailSend,
	outreachWorld,
	type OutreachWorld,
} from '../nodes/support/outreachFixtures.mts';
import { SAMPLE_CATALOG, csvRow } from '../nodes/support/quoteFixtures.mts';
import { CORPUS, MEGABYTE_TEXT, type CorpusEntry, withField } from './support/corpus.mts';
import { allOutputs, errorText, pairedIndex, runNode, type NodeKey } from './support/nodes.mts';

const json = (item: INodeExecutionData) => item.json as IDataObject & Record<string, unknown>;
const named =
	(...names: string[]) =>
	(e: CorpusEntry) =>
		names.includes(e.name);
const isText = (e: CorpusEntry) => e.kind === 'text';
const isAbsent = (e: CorpusEntry) => e.kind === 'absent';
const isBlank = (e: CorpusEntry) =>
	e.kind === 'absent' || (typeof e.value === 'string' && e.value.trim() === '');
/** How an error quotes a value: JSON for strings (first 40 characters), String() for the rest. */
const quoted = (e: CorpusEntry) =>
	e.shown === undefined ? undefined : e.kind === 'text' ? JSON.stringify(e.value) : e.shown;

/** Every input index comes back exactly once; returns the items by input index. */
function oneEach(out: INodeExecutionData[], count: number): Map<number, INodeExecutionData> {
	expect(out).toHaveLength(count);
	const byInput = new Map(out.map((o) => [pairedIndex(o), o]));
	expect([...byInput.keys()].sort((a, b) => a - b)).toEqual(
		Array.from({ length: count }, (_, i) => i),
	);
	return byInput;
}

/** An error item whose text names `field` and, where it has a short form, the value. */
function expectFieldError(item: INodeExecutionData | undefined, field: RegExp, entry: CorpusEntry) {
	expect(item?.error, `${entry.name}: expected an error`).toBeDefined();
	const text = errorText(item!);
	expect(text, entry.name).toMatch(field);
	const q = quoted(entry);
	if (q !== undefined) expect(text, entry.name).toContain(q.slice(0, 40));
}

/** Without Continue On Fail: a clear node error naming the field, not a crash. */
async function expectCleanFailure(
	key: NodeKey,
	items: unknown[],
	params: INode['parameters'],
	field: RegExp,
	credentials?: Record<string, IDataObject>,
) {
	const r = await runNode({ key, items, params, credentials });
	const error = r.error(r.nodeName) as unknown as { name: string; message: string } | undefined;
	expect(error).toBeDefined();
	expect(['NodeOperationError', 'NodeApiError']).toContain(error!.name);
	expect(error!.message).toMatch(field);
}

// ---------------------------------------------------------------------------------------------

describe('Lead Qualifier × bad-input corpus', () => {
	const LEAD = {
		id: 'L-corpus',
		company: 'Nordwerk Automation GmbH',
		contactName: 'Jana Roth',
		title: 'Geschäftsführerin',
		email: 'jana.roth@nordwerk-automation.de',
		country: 'Germany',
		employees: '201-500',
		industry: 'Manufacturing',
		source: 'website',
		phone: '+49 30 1234567',
		message: 'We need 12 PLCs, budget around 250k EUR, go-live within 3 months.',
	};
	const ROUTES = ['qualified', 'review', 'nurture', 'disqualified'];
	const qualify = async (items: unknown[]) => {
		const r = await runNode({
			key: 'leadQualifier',
			items,
			params: { referenceDate: '2026-11-01T00:00:00Z' },
			continueOnFail: true,
		});
		return allOutputs(r, r.nodeName);
	};
	/** Text fields take any text, a number as its text (a phone from a sheet), or nothing; a boolean or object is named. The message also takes a list (ERPNext notes). */
	const textAccepts = (field: string) => (e: CorpusEntry) =>
		isAbsent(e) || isText(e) || e.kind === 'number' || (field === 'message' && e.kind === 'array');
	const employeesAccepts = (e: CorpusEntry) => isBlank(e) || named('number', 'number as string')(e);

	it.each([
		'company',
		'contactName',
		'title',
		'email',
		'phone',
		'industry',
		'country',
		'source',
		'message',
		'employees',
	])(
		'%s: one result per item, a per-item error naming the field and value, or a scored lead',
		async (field) => {
			const accepts = field === 'employees' ? employeesAccepts : textAccepts(field);
			const byInput = oneEach(
				await qualify(CORPUS.map((e) => withField(LEAD, field, e.value))),
				CORPUS.length,
			);
			CORPUS.forEach((entry, i) => {
				const item = byInput.get(i)!;
				if (!accepts(entry))
					return expectFieldError(
						item,
						new RegExp(`Lead field "${field}": ${field} must be`),
						entry,
					);
				expect(item.error, `${entry.name}: ${errorText(item)}`).toBeUndefined();
				const out = json(item) as {
					score: number;
					route: string;
					flags: string[];
					reasons: Array<{ points: number }>;
					lead: { ref: string };
				};
				expect(Number.isInteger(out.score) && out.score >= 0 && out.score <= 100).toBe(true);
				expect(ROUTES).toContain(out.route);
				expect(out.reasons.reduce((s, r) => s + r.points, 0)).toBe(out.score);
				expect(out.lead.ref).toBe('L-corpus');
				// Documented defaults: a cut-off text never auto-qualifies; a text that is not an address is an invalid email.
				if (entry.name === '1 MB text' && field !== 'employees') {
					expect(out.flags).toContain('truncated');
					expect(out.route).not.toBe('qualified');
				}
				if (field === 'email' && isText(entry) && !isBlank(entry))
					expect(out.flags).toContain('invalid_email');
			});
		},
	);

	it('names an empty item as an item without lead fields (issue 16), never a silent junk lead', async () => {
		const [out] = await qualify([{}]);
		expect(errorText(out)).toMatch(/^No lead fields recognised: the item is empty\n[^]*Map Each Field/);
	});

	it.each(['NaN', '€', '2019-01-01', '<script>alert(1)</script>', 'null', MEGABYTE_TEXT])(
		'gives no country points for a country of %s',
		async (country) => {
			const [withJunk, without, real] = await qualify([
				{ ...LEAD, country },
				{ ...LEAD, country: undefined },
				{ ...LEAD, country: 'Kenya' },
			]);
			const fit = (item: INodeExecutionData) => (json(item).fit as { country: { status: string } }).country.status;
			expect(fit(withJunk)).toBe('unknown');
			expect(json(withJunk).score).toBe(json(without).score);
			// A country name outside the resolver's table still counts when any country is welcome.
			expect(fit(real)).toBe('match');
			expect(json(real).score).toBeGreaterThan(json(without).score as number);
		},
	);

	it('stops the execution with a NodeOperationError naming the field when Continue On Fail is off', async () => {
		await expectCleanFailure(
			'leadQualifier',
			[LEAD, { ...LEAD, employees: { count: 12 } }],
			{ referenceDate: '2026-11-01T00:00:00Z' },
			/employees/,
		);
	});

	it.each([
		['Weights', { options: { weights: '{not json' } }, /Option "Weights" must be a JSON object/],
		[
			'Reference Date',
			{ referenceDate: '31/02/2026' },
			/Reference Date must be a date-time .*, got "31\/02\/2026"/,
		],
		['Default Currency', { options: { defaultCurrency: '€' } }, /defaultCurrency/],
	])('names a bad %s parameter before any item runs', async (_, params, message) => {
		await expectCleanFailure(
			'leadQualifier',
			[LEAD],
			{ referenceDate: '2026-11-01T00:00:00Z', ...params },
			message,
		);
	});
});

// ---------------------------------------------------------------------------------------------

describe('Quote Generator × bad-input corpus', () => {
	let inventree: InvenTreeServer;
	beforeAll(async () => {
		inventree = await startInvenTreeServer();
	});
	afterAll(async () => inventree.stop());
	const QUOTE = { referenceDate: '2026-11-02T10:00:00Z' };
	const prices = new Map(
		SAMPLE_CATALOG.map((c) => [c.sku, [c.unit_price, ...c.price_breaks.map((b) => b.unit_price)]]),
	);

	it('Request Text: one item per request, an error naming Request Text and the value, or a quote priced from the catalog', async () => {
		const r = await runNode({
			key: 'quoteGenerator',
			items: CORPUS.map((e) => withField({ from: 'webhook' }, 'text', e.value)),
			params: { ...QUOTE, catalogSource: 'inventree' },
			credentials: {
				leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
			},
			continueOnFail: true,
		});
		const byInput = oneEach(allOutputs(r, r.nodeName), CORPUS.length);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (isBlank(entry))
				return expectFieldError(item, /^Request Text is empty for this item \(got /, entry);
			// A number, boolean, object or list is not "empty": it is named as the wrong type.
			if (!isText(entry))
				return expectFieldError(item, /^Request Text must be text, got /, entry);
			expect(item.error, entry.name).toBeUndefined();
			const q = json(item) as {
				route: string;
				total_minor: number;
				lines: Array<{ sku: string; unit_price_minor: number; amount_minor: number }>;
			};
			expect(['auto', 'review']).toContain(q.route);
			for (const line of q.lines) expect(prices.get(line.sku)).toContain(line.unit_price_minor);
			expect(q.total_minor).toBe(
				q.lines.reduce((s, l) => s + l.amount_minor, 0) - ((json(item).discount_total_minor as number) ?? 0),
			);
			// Text with no product in it is never auto-approved ("1.250,50" included: a bare number that
			// matches a catalog dimension names no product). The CJK entry asks for 12 PLCs.
			if (entry.name !== 'CJK')
				expect(q.route, entry.name).toBe('review');
		});
	});

	// Catalog rows as input items: which corpus values each column takes (everything else is an error
	// naming the row, the column and the value).
	type Column = {
		field: string;
		accepts: (e: CorpusEntry) => boolean;
	};
	const COLUMNS: Column[] = [
		{ field: 'unit_price', accepts: named('number', 'fraction', 'number as string') },
		// Three letters are not enough: "NaN" (read as NAN) is no ISO 4217 code and is named.
		{ field: 'currency', accepts: named('lower-case currency') },
		{
			field: 'stock',
			accepts: (e) => isBlank(e) || named('number', 'fraction', 'number as string')(e),
		},
		{
			field: 'cost',
			accepts: (e) => isBlank(e) || named('number', 'fraction', 'number as string')(e),
		},
		{
			field: 'sku',
			// At most 140 characters (ERPNext item_code, InvenTree IPN): a 1 MB SKU is a bad row, not a
			// quadratic index (it used to exhaust the heap).
			accepts: (e) => ((isText(e) && !isBlank(e)) || e.kind === 'number') && e.name !== '1 MB text',
		},
		{ field: 'name', accepts: (e) => (isText(e) && !isBlank(e)) || e.kind === 'number' },
		{ field: 'uom', accepts: (e) => isBlank(e) || isText(e) || e.kind === 'number' },
		{ field: 'keywords', accepts: (e) => isBlank(e) || isText(e) || e.kind === 'array' },
		{ field: 'price_breaks', accepts: isBlank },
	];
	const GOOD_ROWS = 3;

	it.each(COLUMNS)(
		'catalog column $field: every row is in the catalog or an error naming row, column and value',
		async ({ field, accepts }) => {
			const corpus = CORPUS;
			const rows = [
				...SAMPLE_CATALOG.slice(0, GOOD_ROWS).map(csvRow),
				...corpus.map((e, i) => withField(csvRow(SAMPLE_CATALOG[GOOD_ROWS + i]), field, e.value)),
			];
			const r = await runNode({
				key: 'quoteGenerator',
				items: rows,
				params: { ...QUOTE, catalogSource: 'inputItems', requestText: 'S7-1500 CPU 1511-1 PN x1' },
				continueOnFail: true,
			});
			const out = allOutputs(r, r.nodeName);
			const errors = new Map(out.filter((o) => o.error).map((o) => [pairedIndex(o), o]));
			const quotes = out.filter((o) => !o.error);
			expect(quotes).toHaveLength(1);
			expect(pairedIndex(quotes[0])).toBe(0);
			let accepted = 0;
			corpus.forEach((entry, i) => {
				const row = GOOD_ROWS + i;
				if (accepts(entry)) {
					accepted += 1;
					expect(
						errors.get(row),
						`${entry.name}: ${errors.get(row) && errorText(errors.get(row)!)}`,
					).toBeUndefined();
				} else {
					expectFieldError(
						errors.get(row),
						new RegExp(
							`^Catalog row ${row + 1}\\b.*field "${field.replace(/[[\]]/g, '\\$&')}(\\[\\d+\\])?"`,
						),
						entry,
					);
				}
			});
			// Nothing lost: each row is in the catalog or has its error.
			expect((json(quotes[0]).catalog as { items: number }).items).toBe(GOOD_ROWS + accepted);
			expect(errors.size).toBe(corpus.length - accepted);
		},
	);

	it('stops the execution on a bad row without Continue On Fail, naming row, column and value', async () => {
		const rows = SAMPLE_CATALOG.slice(0, 4)
			.map(csvRow)
			.map((row, i) => (i === 2 ? { ...row, unit_price: '1.250,50' } : row));
		await expectCleanFailure(
			'quoteGenerator',
			rows,
			{ ...QUOTE, catalogSource: 'inputItems', requestText: 'S7-1500 CPU x1' },
			/Catalog row 3 .*field "unit_price".*"1\.250,50"/,
		);
	});

	it.each([
		[
			'Quote Currency',
			{ options: { currency: 'EURO' } },
			/Quote Currency must be an ISO 4217 code such as EUR, got "EURO"/,
		],
		[
			'Reference Date',
			{ referenceDate: 'yesterday' },
			/Reference Date must be a date-time .*, got "yesterday"/,
		],
		[
			'Time Zone',
			{ options: { timezone: 'Mars/Olympus' } },
			/Time Zone must be an IANA zone such as Europe\/Berlin, got "Mars\/Olympus"/,
		],
		[
			'Category IDs',
			{ inventreeCategories: '12, abc' },
			/Category IDs must be whole numbers separated by commas, got "abc"/,
		],
		[
			'Cache Catalog For',
			{ options: { cacheTtlSeconds: -5 } },
			/Cache Catalog For must be 0 or more seconds, got -5/,
		],
	])('names a bad %s parameter before any item runs', async (_, params, message) => {
		await expectCleanFailure(
			'quoteGenerator',
			[{ text: 'S7-1500 CPU x1' }],
			{ ...QUOTE, catalogSource: 'inventree', ...params },
			message,
			{
				leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
			},
		);
	});

	it('quotes with a reference date in the past: valid_till follows the reference date, nothing is refused', async () => {
		const r = await runNode({
			key: 'quoteGenerator',
			items: SAMPLE_CATALOG.slice(0, 5).map(csvRow),
			params: {
				referenceDate: '2019-01-01T00:00:00Z',
				catalogSource: 'inputItems',
				requestText: 'S7-1500 CPU 1511-1 PN x1',
			},
		});
		expect(json(r.output(r.nodeName)[0])).toMatchObject({ valid_till: '2019-01-31' });
	});
});

// ---------------------------------------------------------------------------------------------

describe('Autonomy Metrics × bad-input corpus', () => {
	const EVENT = makeEvent(
		{
			workflow: 'lead-qualification',
			execution_id: '4711',
			step: 'qualify',
			actor: 'system',
			decision: 'qualified',
			lead_ref: 'CRM-LEAD-2026-00001',
			score: 80,
			amount: 2_500_000,
			currency: 'EUR',
		},
		'2026-11-18T10:00:00Z',
	);

	it('Collect Events, _ltcEvents itself: items pass through one each; a non-array is an error naming _ltcEvents', async () => {
		const items = CORPUS.map((e) => withField({ id: 'x' }, '_ltcEvents', e.value));
		const r = await runNode({
			key: 'autonomyMetrics',
			items,
			params: { mode: 'collect', output: 'rowsAndItems' },
			continueOnFail: true,
		});
		expect(r.output(r.nodeName, 1)).toHaveLength(CORPUS.length);
		const rows = r.output(r.nodeName, 0);
		const errors = new Map(rows.filter((o) => o.error).map((o) => [pairedIndex(o), o]));
		CORPUS.forEach((entry, i) => {
			if (isAbsent(entry)) return expect(errors.get(i)).toBeUndefined();
			expect(errorText(errors.get(i)!)).toMatch(/_ltcEvents/);
		});
		expect(rows.filter((o) => !o.error)).toHaveLength(0);
	});

	it.each([
		{ field: 'score', accepts: named('null', 'number', 'fraction') },
		{ field: 'amount', accepts: named('null', 'number', 'negative number') },
		{ field: 'currency', accepts: () => false },
		{ field: 'occurred_at', accepts: () => false },
		{
			field: 'lead_ref',
			accepts: (e: CorpusEntry) =>
				e.kind === 'absent'
					? e.value === null
					: isText(e) && e.value !== '' && e.name !== '1 MB text',
		},
	])(
		'Collect Events, event field $field: a row per good event, an error naming _ltcEvents.0.$field otherwise',
		async ({ field, accepts }) => {
			const items = CORPUS.map((e, i) => ({
				_ltcEvents: [withField({ ...EVENT, execution_id: `exec-${i}` }, field, e.value)],
			}));
			const r = await runNode({
				key: 'autonomyMetrics',
				items,
				// Events from the test's start node were made by no node of ours in this execution (H1):
				// accept them, so that what is checked here is the schema alone.
				params: { mode: 'collect', output: 'rowsAndItems', acceptEventsMadeElsewhere: true },
				continueOnFail: true,
			});
			expect(r.output(r.nodeName, 1)).toHaveLength(CORPUS.length);
			const byInput = oneEach(r.output(r.nodeName, 0), CORPUS.length);
			CORPUS.forEach((entry, i) => {
				const item = byInput.get(i)!;
				if (accepts(entry)) {
					expect(item.error, `${entry.name}: ${item.error && errorText(item)}`).toBeUndefined();
					expect(json(item)).toMatchObject({ execution_id: `exec-${i}`, [field]: entry.value });
				} else {
					expect(errorText(item), entry.name).toMatch(new RegExp(`_ltcEvents\\.0\\.${field}`));
				}
			});
		},
	);

	it('Record Human Decision, data.respondedAt: one event per item; an unreadable answer time is an error naming it, no answer time is a timeout', async () => {
		const items = CORPUS.map((e) => ({
			data: withField({ approved: true }, 'respondedAt', e.value),
		}));
		const r = await runNode({
			key: 'autonomyMetrics',
			items,
			params: {
				mode: 'recordHumanDecision',
				handoff: 'define',
				step: 'qualify',
				options: { requestedAt: '2026-11-18T09:00:00Z' },
			},
			continueOnFail: true,
		});
		const byInput = oneEach(allOutputs(r, r.nodeName), CORPUS.length);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (isText(entry) && entry.value !== '')
				return expectFieldError(
					item,
					/data\.respondedAt: expected an ISO 8601 date-time with offset/,
					entry,
				);
			expect(item.error, entry.name).toBeUndefined();
			// Documented: a result without a readable data.respondedAt is "no answer", recorded as a timeout.
			expect(
				(json(item)._ltcEvents as Array<{ actor: string; decision: string }>).at(-1),
			).toMatchObject({ actor: 'system', decision: 'timeout' });
		});
	});

	it('Record Human Decision, data.approved: a boolean is the answer, a missing one a free response, anything else is named (never a timeout)', async () => {
		const items = CORPUS.map((e) => ({
			data: withField({ respondedAt: '2026-11-18T10:00:00Z' }, 'approved', e.value),
		}));
		const r = await runNode({
			key: 'autonomyMetrics',
			items,
			params: { mode: 'recordHumanDecision', handoff: 'define', step: 'qualify' },
			continueOnFail: true,
		});
		const byInput = oneEach(allOutputs(r, r.nodeName), CORPUS.length);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (entry.name === 'missing' || entry.name === 'boolean') {
				expect(item.error, entry.name).toBeUndefined();
				const events = json(item)._ltcEvents as Array<{ decision: string }>;
				expect(events, entry.name).toHaveLength(1);
				expect(events[0].decision).toBe(entry.name === 'boolean' ? 'approve' : 'respond');
				return;
			}
			expectFieldError(item, /data\.approved: expected true or false, got /, entry);
			expect(JSON.stringify(json(item)), entry.name).not.toMatch(/"timeout"/);
		});
	});

	it.each([
		['yes', /data\.approved.*"yes"/],
		[42, /data\.approved.*42/],
		[{}, /data\.approved.*\{\}/],
	])('names data.approved = %j instead of recording a timeout', async (approved, message) => {
		const r = await runNode({
			key: 'autonomyMetrics',
			items: [{ data: { approved, respondedAt: '2026-11-18T10:00:00Z' } }],
			params: { mode: 'recordHumanDecision', handoff: 'define', step: 'qualify' },
			continueOnFail: true,
		});
		expect(errorText(r.output(r.nodeName)[0])).toMatch(message);
	});

	it('names a bad "Requested At" option per item', async () => {
		await expectCleanFailure(
			'autonomyMetrics',
			[{ data: { approved: true, respondedAt: '2026-11-18T10:00:00Z' } }],
			{
				mode: 'recordHumanDecision',
				handoff: 'define',
				step: 'qualify',
				options: { requestedAt: 'last Tuesday' },
			},
			/Option "Requested At" must be a date-time .*, got "last Tuesday"/,
		);
	});
});

// ---------------------------------------------------------------------------------------------

describe('Outreach send (dry run) × bad-input corpus', () => {
	let world: OutreachWorld;
	beforeAll(async () => {
		world = await outreachWorld();
	});
	afterAll(async () => world.stop());
	const send = async (items: unknown[]) => {
		const r = await runNode({
			key: 'outreach',
			items,
			params: { ...emailSend(world, { now: WED_MORNING }), dryRun: true },
			credentials: world.credentials(),
			continueOnFail: true,
		});
		return allOutputs(r, r.nodeName);
	};
	const STATUSES = ['would_send', 'deferred', 'skipped'];

	it('Email: every bad address is an error naming Email and the value; nothing is sent', async () => {
		const byInput = oneEach(
			await send(CORPUS.map((e) => withField(LEADS.ada, 'email_id', e.value))),
			CORPUS.length,
		);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (isBlank(entry))
				return expect(errorText(item)).toMatch(/neither an Email nor a Mautic Contact ID/);
			if (entry.kind === 'text' || entry.kind === 'number')
				return expectFieldError(item, /^Email ".*" is not an email address/, {
					...entry,
					shown: undefined,
				});
			expectFieldError(item, /^Email must be text, got /, entry);
		});
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('Lead Reference: text and numbers are references; blank or structured values are named', async () => {
		const byInput = oneEach(
			await send(CORPUS.map((e) => withField(LEADS.ada, 'name', e.value))),
			CORPUS.length,
		);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (isBlank(entry)) return expect(errorText(item)).toMatch(/^Lead Reference is empty/);
			if (entry.kind === 'boolean' || entry.kind === 'object' || entry.kind === 'array')
				return expectFieldError(item, /^Lead Reference must be text, got /, {
					...entry,
					shown: undefined,
				});
			// A 1 MB reference cannot be a metric event's lead_ref (140 characters): named as such.
			if (entry.name === '1 MB text') return expect(errorText(item)).toMatch(/lead_ref: Too big/);
			expect(item.error, `${entry.name}: ${item.error && errorText(item)}`).toBeUndefined();
			expect(STATUSES).toContain((json(item).outreach as { status: string }).status);
		});
		expect(world.mautic.sent.emails).toHaveLength(0);
	});

	it('stops before sending anything on a bad address without Continue On Fail', async () => {
		await expectCleanFailure(
			'outreach',
			[LEADS.ada, { ...LEADS.ada, email_id: 'not-an-address' }],
			{ ...emailSend(world, { now: WED_MORNING }) },
			/Email "not-an-address" is not an email address/,
			world.credentials(),
		);
		expect(world.mautic.sent.emails).toHaveLength(0);
	});
});

// ---------------------------------------------------------------------------------------------

describe('Deal Monitor × bad-input corpus (snapshots on the input)', () => {
	const samples = JSON.parse(
		readFileSync(new URL('../../samples/deals.json', import.meta.url), 'utf8'),
	) as { asOf: string; timeZone: string; deals: Array<Record<string, unknown>> };
	const { label: _label, ...DEAL } = samples.deals[1];
	const params = {
		referenceDate: samples.asOf,
		timeZone: samples.timeZone,
		source: 'snapshots',
		minLevel: 'low',
	};
	type Column = { field: string; accepts: (e: CorpusEntry) => boolean };
	const COLUMNS: Column[] = [
		{ field: 'opportunity_amount', accepts: named('missing', 'number') },
		{ field: 'probability', accepts: named('missing', 'number', 'fraction') },
		{ field: 'currency', accepts: () => false },
		{ field: 'expected_closing', accepts: named('missing', 'null', 'date in the past') },
		// A name of white space only is refused like an empty one.
		{
			field: 'name',
			accepts: (e) => isText(e) && !isBlank(e) && e.name !== '1 MB text',
		},
		{ field: 'party_name', accepts: (e) => isText(e) && !isBlank(e) },
	];

	it.each(COLUMNS)(
		'$field: each deal is assessed or an error naming the deal, field and value',
		async ({ field, accepts }) => {
			const corpus = CORPUS;
			const items = corpus.map((e, i) =>
				withField({ ...DEAL, name: `CRM-OPP-BAD-${i}` }, field, e.value),
			);
			const r = await runNode({ key: 'dealMonitor', items, params, continueOnFail: true });
			// This deal is at risk whatever the field, so every item comes back.
			const byInput = oneEach(allOutputs(r, r.nodeName), corpus.length);
			corpus.forEach((entry, i) => {
				const item = byInput.get(i)!;
				if (accepts(entry)) {
					expect(item.error, `${entry.name}: ${item.error && errorText(item)}`).toBeUndefined();
					expect((json(item).deal as { name: string }).name).toBe(
						field === 'name' ? entry.value : `CRM-OPP-BAD-${i}`,
					);
					return;
				}
				if (field === 'name' && entry.name === '1 MB text')
					return expect(errorText(item)).toMatch(/deal_ref: Too big/);
				expectFieldError(item, new RegExp(`field "${field}"`), entry);
			});
		},
	);

	it('reads a close date in the past as a passed close date', async () => {
		const r = await runNode({
			key: 'dealMonitor',
			items: [{ ...DEAL, expected_closing: '2019-01-01' }],
			params,
		});
		expect(
			(json(r.output(r.nodeName)[0]).signals as Array<{ code: string }>).map((s) => s.code),
		).toContain('close_date_passed');
	});

	it('stops with a NodeOperationError naming the field without Continue On Fail', async () => {
		await expectCleanFailure(
			'dealMonitor',
			[{ ...DEAL, currency: '€' }],
			params,
			/"currency".*"€"/,
		);
	});
});

// ---------------------------------------------------------------------------------------------

describe('InvenTree node × bad-input corpus (part IDs)', () => {
	let inventree: InvenTreeServer;
	beforeAll(async () => {
		inventree = await startInvenTreeServer({ seed: 'samples' });
	});
	afterAll(async () => inventree.stop());

	it('Part (by ID): one result per item — a part, an InvenTree 404, or an error naming Part and the value', async () => {
		const items = CORPUS.map((e) => withField({}, 'id', e.value));
		const r = await runNode({
			key: 'inventree',
			items,
			params: {
				resource: 'part',
				operation: 'get',
				part: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			credentials: {
				leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token },
			},
			continueOnFail: true,
		});
		const byInput = oneEach(allOutputs(r, r.nodeName), CORPUS.length);
		CORPUS.forEach((entry, i) => {
			const item = byInput.get(i)!;
			if (entry.name === 'number') {
				// 42 is a real part id in the sample catalog, or InvenTree says it is not.
				return expect(item.error ? errorText(item) : String(json(item).pk)).toMatch(
					item.error ? /InvenTree.*404/ : /^42$/,
				);
			}
			if (entry.name === 'number as string')
				return expect(errorText(item)).toMatch(/InvenTree.*404/);
			expect(item.error, entry.name).toBeDefined();
			expect(errorText(item), entry.name).toMatch(/Part/);
		});
	});
});
