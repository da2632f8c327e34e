// Security review H1 (D): one 2.7 MiB request sent ~706k tokens to Claude, with no cap per lead or per
// execution. The Lead Qualifier now sends at most "Max Characters per Lead" of lead text per lead (the
// rest is cut, a reason says so, the rules still read everything) and at most "Max Characters per
// Execution" for all leads of one execution (later leads are scored by the rules alone, with the reason).
// Checked on the request bodies the Anthropic contract server received.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startAnthropicServer, type AnthropicServer } from '../contract/anthropic-server.mts';
import { errorText, runNode } from '../reliability/support/nodes.mts';

const KEY = 'sk-ant-limits-key';
const MODEL_ANSWER = {
	budget: { amount: 25_000_000, currency: 'EUR', qualifier: 'approx', evidence: 'budget around 250k EUR' },
	authority: { level: 'decision_maker', title: 'Head of Engineering', evidence: 'Head of Engineering' },
	need: { categories: ['control_systems'], evidence: [{ category: 'control_systems', quote: '12 PLCs' }] },
	timeline: { months: 3, evidence: 'within 3 months' },
};

let anthropic: AnthropicServer;
beforeAll(async () => {
	anthropic = await startAnthropicServer({ apiKey: KEY });
	anthropic.state.responder = () => ({ json: MODEL_ANSWER });
});
afterAll(async () => anthropic.stop());

function lead(id: string, padding: number, tail = '') {
	return {
		id,
		company: 'Nordwerk Automation GmbH',
		title: 'Head of Engineering',
		email: 'jana@nordwerk-automation.de',
		message: `We need 12 PLCs within 3 months, budget around 250k EUR. ${'Line data: conveyor 7, 400 V. '.repeat(Math.ceil(padding / 30)).slice(0, padding)}${tail}`,
	};
}

async function qualify(items: unknown[], claudeLimits: INodeParameters = {}) {
	const before = anthropic.requests.length;
	const r = await runNode({
		key: 'leadQualifier',
		items,
		params: { referenceDate: '2026-11-01T00:00:00Z', useLlm: true, claudeLimits },
		credentials: { leadToCloseAnthropicApi: { apiKey: KEY, baseUrl: anthropic.url } },
	});
	const out: INodeExecutionData[] = r.output(r.nodeName);
	for (const item of out) if (item.error) throw new Error(errorText(item));
	return { out: out.map((i) => i.json), bodies: anthropic.requests.slice(before).map((q) => JSON.stringify(q.body)) };
}

/** The reasons a Claude limit gave (other llm reasons, such as "quotes verified", are left out). */
const details = (json: IDataObject) =>
	(json.reasons as Array<{ factor: string; detail: string }>).filter((r) => r.factor === 'llm' && r.detail.includes('Claude Limits')).map((r) => r.detail);

describe('Lead Qualifier: Claude Limits', () => {
	it('sends at most 4,000 characters of a 60,000-character lead by default and says so in the reasons', async () => {
		const { out, bodies } = await qualify([lead('L-big', 60_000, ' TAIL-MARKER-Z9')]);
		expect(bodies).toHaveLength(1);
		expect(bodies[0]).not.toContain('TAIL-MARKER-Z9');
		expect(bodies[0].length).toBeLessThan(20_000);
		expect(details(out[0])).toEqual([expect.stringMatching(/cut to 4000 of 6\d{4} characters for Claude/)]);
		// The model's evidence from the part it saw still counts.
		expect(out[0].engine).toBe('llm+rules');
	});

	it('stops asking Claude once the execution has sent its characters; later leads are scored by the rules, with the reason', async () => {
		const leads = Array.from({ length: 5 }, (_, i) => lead(`L-${i}`, 2_500));
		const { out, bodies } = await qualify(leads, { perExecution: 7_000 });
		expect(bodies).toHaveLength(2);
		expect(out.map((j) => j.engine)).toEqual(['llm+rules', 'llm+rules', 'rules', 'rules', 'rules']);
		for (const j of out.slice(2)) expect(details(j)).toEqual([expect.stringMatching(/Claude not asked: the 7000 characters this execution may send/)]);
		expect(out.map((j) => typeof j.score)).toEqual(Array(5).fill('number'));
	});

	it('a small lead is sent whole, with no limit reason', async () => {
		const { out, bodies } = await qualify([lead('L-small', 100, ' TAIL-MARKER-Z9')]);
		expect(bodies[0]).toContain('TAIL-MARKER-Z9');
		expect(details(out[0])).toEqual([]);
	});
});
