// Issue 9: "an option to send only the fields a prompt needs (PII minimisation), tested". Every AI-assisted
// node that sends lead or deal data to Claude runs here against the Anthropic contract server, which
// records each request body as it arrived. With "Send to Claude" on its default (only what the prompt
// needs) no contact name, e-mail address or phone number of the item may be in those bodies; with "All"
// they are. Placeholders the model repeats are put back, so quotes are still verified against the full
// record and the scores, flags and summaries come out as they do with everything sent. (What of an item
// is never sent, such as IBANs or the ERPNext record name, is pinned in injection.test.mts.)
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAnthropicServer, type AnthropicServer } from '../contract/anthropic-server.mts';
import { startInvenTreeServer, type InvenTreeServer } from '../contract/inventree-server.mts';
import { sampleRequest } from '../nodes/support/quoteFixtures.mts';
import { errorText, runNode } from './support/nodes.mts';

const KEY = 'sk-ant-pii-key';

function only(items: INodeExecutionData[]): IDataObject {
	expect(items).toHaveLength(1);
	if (items[0].error) throw new Error(errorText(items[0]));
	return items[0].json;
}

/** The user turns of the requests made since `before`, as one string (JSON escapes undone for \n). */
function sentSince(anthropic: AnthropicServer, before: number): string {
	const bodies = anthropic.requests.slice(before).map((q) => q.body);
	expect(bodies.length).toBeGreaterThan(0);
	return JSON.stringify(bodies);
}

let anthropic: AnthropicServer;
beforeAll(async () => {
	anthropic = await startAnthropicServer({ apiKey: KEY });
});
afterAll(async () => anthropic.stop());
const anthropicCreds = () => ({ leadToCloseAnthropicApi: { apiKey: KEY, baseUrl: anthropic.url } });

// ---------------------------------------------------------------------------------------------

describe('Lead Qualifier: Send to Claude', () => {
	const PHONE = '+49 151 2345 6789';
	const EMAIL = 'jana.roth@nordwerk-automation.de';
	const ITEM = {
		name: 'CRM-LEAD-2026-00777',
		lead_name: 'Jana Roth',
		company_name: 'Nordwerk Automation GmbH',
		job_title: 'Head of Engineering',
		email_id: EMAIL,
		mobile_no: PHONE,
		country: 'Germany',
		industry: 'Manufacturing',
		no_of_employees: '201-500',
		source: 'Trade Fair',
		notes: [
			{
				note: `<p>Hi, Jana Roth here (${PHONE}). We need 12 PLCs within 3 months, budget around 250k EUR. Jana</p><p>Please write to ${EMAIL} or call 030 1234567.</p>`,
			},
		],
	};
	/** The sentence of the message that the model quotes for the timeline, as the model sees it. */
	let timelineQuote = '';
	// A model that reads the data it got and quotes it verbatim, placeholders included.
	const reader = (body: Record<string, unknown>) => {
		const text = JSON.parse(JSON.stringify(body.messages).replace(/\\n/g, ' ')) as unknown;
		const data = JSON.stringify(text);
		timelineQuote = /Hi, (.*?) within 3 months/.exec(data)?.[0] ?? 'within 3 months';
		return {
			json: {
				budget: { amount: 25_000_000, currency: 'EUR', qualifier: 'approx', evidence: 'budget around 250k EUR' },
				authority: { level: 'decision_maker', title: 'Head of Engineering', evidence: 'Head of Engineering' },
				need: { categories: ['control_systems'], evidence: [{ category: 'control_systems', quote: '12 PLCs' }] },
				timeline: { months: 3, evidence: timelineQuote },
			},
		};
	};
	const qualify = async (items: unknown[], params: IDataObject = {}) => {
		anthropic.state.responder = reader;
		const before = anthropic.requests.length;
		const r = await runNode({
			key: 'leadQualifier',
			items,
			params: { referenceDate: '2026-11-01T00:00:00Z', useLlm: true, ...params },
			credentials: anthropicCreds(),
		});
		return { out: only(r.output(r.nodeName)), sent: sentSince(anthropic, before), quoted: timelineQuote };
	};

	it('by default sends no contact name, e-mail address or phone number, not even inside the message', async () => {
		const { sent } = await qualify([ITEM]);
		for (const needed of ['We need 12 PLCs within 3 months', 'budget around 250k EUR', 'Head of Engineering', 'Nordwerk Automation GmbH', 'Manufacturing', 'Germany', '201-500'])
			expect(sent).toContain(needed);
		for (const pii of [EMAIL, 'jana.roth', PHONE, '2345 6789', '030 1234567', 'Jana', 'Roth'])
			expect(sent).not.toContain(pii);
		for (const placeholder of ['[name 1]', '[phone 1]', '[email 1]', '[phone 2]']) expect(sent).toContain(placeholder);
		// Not needed by the rubric, so not sent either.
		expect(sent).not.toContain('Trade Fair');
	});

	it('with "All Lead Fields" sends name, e-mail and phone as they are', async () => {
		const { sent } = await qualify([ITEM], { claudeData: 'all' });
		for (const pii of [EMAIL, PHONE, 'Jana Roth', 'Trade Fair']) expect(sent).toContain(pii);
		expect(sent).not.toMatch(/\[(?:name|email|phone) \d+\]/);
	});

	it('puts placeholders the model quotes back, so its evidence is verified and the score is the same as with everything sent', async () => {
		const minimal = await qualify([ITEM]);
		expect(minimal.quoted).toContain('[phone 1]');
		const all = await qualify([ITEM], { claudeData: 'all' });
		expect(all.quoted).toContain(PHONE);
		for (const r of [minimal, all]) {
			expect(r.out.engine).toBe('llm+rules');
			expect(JSON.stringify(r.out.reasons)).not.toMatch(/LLM evidence rejected/);
			expect(Number.isInteger(r.out.score)).toBe(true);
		}
		expect({ score: minimal.out.score, grade: minimal.out.grade, route: minimal.out.route, flags: minimal.out.flags }).toEqual({
			score: all.out.score,
			grade: all.out.grade,
			route: all.out.route,
			flags: all.out.flags,
		});
		// The evidence shown to the user is the lead's own text, never a placeholder.
		const shown = JSON.stringify(minimal.out);
		expect(shown).toContain(`Hi, Jana Roth here (${PHONE}). We need 12 PLCs within 3 months`);
		expect(shown).not.toMatch(/\[(?:name|email|phone) \d+\]/);
	});

	// Issue 14, M5 (security review): with minimisation on, the contact's obfuscated address, another
	// person's name, a postal address, an IBAN and a date of birth written in the message reached Anthropic.
	it('sends no obfuscated address of the contact, IBAN, date of birth, postal address or named third party written in the text (M5)', async () => {
		const REVIEW = [
			'jana.roth(at)nordwerk-automation.de',
			'jana dot roth (at nordwerk-automation dot de)',
			'Peter Maier',
			'Industriestraße 12',
			'70565 Stuttgart',
			'DE89 3704 0044 0532 0130 00',
			'12.04.1979',
		];
		const VARIANTS = ['j.roth [at] nordwerk-automation [dot] de', 'GB82 WEST 1234 5698 7654 32', 'Dr. Hans Weber', '1979-04-12'];
		const message =
			'We need 12 PLCs within 3 months, budget around 250k EUR. Write to jana.roth(at)nordwerk-automation.de or ' +
			'jana dot roth (at nordwerk-automation dot de), or j.roth [at] nordwerk-automation [dot] de. My colleague Mr. Peter Maier ' +
			'joins; ask for Dr. Hans Weber at the gate. Delivery to Industriestraße 12, 70565 Stuttgart. Deposit to ' +
			'DE89 3704 0044 0532 0130 00 or GB82 WEST 1234 5698 7654 32. Site pass: Jana Roth, born 12.04.1979 (date of birth 1979-04-12). ' +
			'Order DE12345678901234567890, delivery by 12.04.2027.';
		const { sent, out } = await qualify([{ ...ITEM, notes: [{ note: `<p>${message}</p>` }] }]);
		for (const pii of [...REVIEW, ...VARIANTS, 'Maier', 'Weber', '3704 0044', '70565']) expect(sent).not.toContain(pii);
		for (const placeholder of ['[iban 1]', '[dob 1]', '[address 1]']) expect(sent).toContain(placeholder);
		// Look-alikes stay: an order number that fails the IBAN checksum, a delivery date, the need.
		for (const kept of ['DE12345678901234567890', '12.04.2027', 'We need 12 PLCs within 3 months', 'budget around 250k EUR']) expect(sent).toContain(kept);
		expect(out.engine).toBe('llm+rules');
	});

	it('keeps the rules on the full lead: a throw-away address is flagged the same with and without the option', async () => {
		const junk = { ...ITEM, email_id: 'x@mailinator.com' };
		const minimal = await qualify([junk]);
		const all = await qualify([junk], { claudeData: 'all' });
		expect(minimal.sent).not.toContain('mailinator');
		expect(minimal.out.flags).toEqual(all.out.flags);
		expect(minimal.out.flags).toContain('junk');
		expect(minimal.out.route).toBe(all.out.route);
		expect((minimal.out.lead as { email: string }).email).toBe('x@mailinator.com');
	});
});

// ---------------------------------------------------------------------------------------------

describe('Deal Monitor: Send to Claude', () => {
	const samples = JSON.parse(readFileSync(new URL('../../samples/deals.json', import.meta.url), 'utf8')) as {
		asOf: string;
		timeZone: string;
		deals: Array<Record<string, unknown>>;
	};
	const { label: _label, ...BASE } = samples.deals[1];
	const OWNER = 'marc.dubois@ltc-demo.de';
	const CONTACT_EMAIL = 'k.brandt@brandt-anlagenbau.de';
	// Contacts recorded by name (an Event participant, a logged call) and by address.
	const DEAL = {
		...BASE,
		opportunity_owner: OWNER,
		communications: [
			{ date: '2026-10-02 09:30:00', direction: 'in', medium: 'Phone', contact: 'Klaus Brandt', subject: 'Budget call' },
			{ date: '2026-10-20 09:30:00', direction: 'out', medium: 'Email', contact: CONTACT_EMAIL, subject: 'Revised T&C' },
			{ date: '2026-10-24 09:30:00', direction: 'out', medium: 'Email', contact: CONTACT_EMAIL, subject: 'Following up: signature' },
			{ date: '2026-10-28 09:30:00', direction: 'out', medium: 'Email', contact: CONTACT_EMAIL, subject: 'Signature?' },
		],
		events: [{ starts_on: '2026-10-05 10:00:00', subject: 'Site visit', contacts: ['Klaus Brandt'], status: 'Completed' }],
	};
	const params = { referenceDate: samples.asOf, timeZone: samples.timeZone, source: 'snapshots', minLevel: 'low', useLlm: true };

	// A model that restates the assessment and copies the first two evidence sentences into its prose.
	const restating = (body: Record<string, unknown>) => {
		const text = JSON.stringify(body.messages);
		const raw = /<deal_assessment>\\n([\s\S]*?)\\n<\/deal_assessment>/.exec(text)?.[1] ?? '';
		const a = JSON.parse(JSON.parse(`"${raw}"`)) as {
			riskScore: number;
			level: string;
			signals: Array<{ code: string; severity: string; evidence: string }>;
		};
		return {
			json: {
				summary: a.signals
					.slice(0, 2)
					.map((s) => s.evidence)
					.join(' '),
				restated: { riskScore: a.riskScore, level: a.level, signals: a.signals.map((s) => ({ code: s.code, severity: s.severity })) },
			},
		};
	};
	const monitor = async (extra: IDataObject = {}) => {
		anthropic.state.responder = restating;
		const before = anthropic.requests.length;
		const r = await runNode({ key: 'dealMonitor', items: [DEAL], params: { ...params, ...extra }, credentials: anthropicCreds() });
		return { out: only(r.output(r.nodeName)), sent: sentSince(anthropic, before) };
	};

	it('by default sends neither the owner\'s address nor contact names or addresses, and the summary reads with the real ones', async () => {
		const { out, sent } = await monitor();
		const all = await monitor({ claudeData: 'all' });
		// The evidence does name them: with everything sent they reach Anthropic.
		expect(all.sent).toContain(CONTACT_EMAIL);
		expect(all.sent).toContain(OWNER);
		expect(all.sent.toLowerCase()).toContain('klaus brandt');
		for (const pii of [CONTACT_EMAIL, 'k.brandt', OWNER, 'Klaus Brandt', 'klaus brandt']) expect(sent).not.toContain(pii);
		expect(sent).toMatch(/\[email 1\]/);
		const summary = out.summary as { source: string; text: string };
		expect(summary.source).toBe('claude');
		expect(summary.text).toContain(CONTACT_EMAIL);
		expect(summary.text).not.toMatch(/\[(?:name|email|phone) \d+\]/);
		expect(summary.text).toBe((all.out.summary as { text: string }).text);
		// The assessment itself never depends on what was sent.
		expect([out.riskScore, out.level, out.signals]).toEqual([all.out.riskScore, all.out.level, all.out.signals]);
	});
});

// ---------------------------------------------------------------------------------------------

describe('Quote Generator: Send to Claude', () => {
	let inventree: InvenTreeServer;
	beforeAll(async () => {
		inventree = await startInvenTreeServer();
	});
	afterAll(async () => inventree.stop());

	const EMAIL = 'einkauf@brandt-anlagenbau.de';
	const PHONE = '+49 89 1234 5678';
	const quote = async (extra: IDataObject = {}) => {
		// two calls: Claude's reading of the request (its schema has "phrase"), then the picks
		anthropic.state.responder = (body) =>
			JSON.stringify(body.output_config).includes('"phrase"')
				? {
						json: {
							requirements: [
								{ phrase: 'two 16-point digital input cards', qty: 2, brand: null, product: 'input card' },
								{ phrase: '40 hours of PLC programming', qty: 40, brand: null, product: 'service' },
								{ phrase: '30 Rosemount 3051CD range 2 transmitters', qty: 30, brand: null, product: 'transmitter' },
							],
						},
					}
				: { json: { picks: [{ requirement: 'R1', sku: 'UNMATCHED', qty: 1, rationale: 'asked by [email 1] ([phone 1])' }] } };
		const before = anthropic.requests.length;
		const r = await runNode({
			key: 'quoteGenerator',
			items: [{ text: `${sampleRequest('QR-001').text}\nPlease send the quote to ${EMAIL}, questions to ${PHONE}.` }],
			params: { referenceDate: '2026-11-02T10:00:00Z', catalogSource: 'inventree', useLlm: true, ...extra },
			credentials: { leadToCloseInvenTreeApi: { baseUrl: inventree.url, apiToken: inventree.state.token }, ...anthropicCreds() },
		});
		return { out: only(r.output(r.nodeName)), sent: sentSince(anthropic, before) };
	};

	it('by default replaces e-mail addresses and phone numbers in the request text; "Request Text as It Is" does not', async () => {
		const minimal = await quote();
		expect(minimal.sent).toContain('ControlLogix');
		expect(minimal.sent).not.toContain(EMAIL);
		expect(minimal.sent).not.toContain(PHONE);
		expect(minimal.sent).toContain('[email 1]');
		// The model's rationale reads with the buyer's own words again.
		expect(JSON.stringify(minimal.out)).toContain(`asked by ${EMAIL} (${PHONE})`);
		expect(JSON.stringify(minimal.out)).not.toMatch(/\[(?:email|phone) \d+\]/);
		const all = await quote({ claudeData: 'all' });
		expect(all.sent).toContain(EMAIL);
		expect(all.sent).toContain(PHONE);
		expect([minimal.out.total_minor, minimal.out.route]).toEqual([all.out.total_minor, all.out.route]);
	});
});
