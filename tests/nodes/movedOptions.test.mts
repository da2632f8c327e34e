// Settings for replays and tests ("Reference Date", "Now") live under each node's Options (issue 16,
// nodes/shared/movedOption.ts). The main panel does not show them; a workflow saved before the move, with
// the parameter at the top level, keeps working and shows it (named as the old place) until it is cleared.
// Checked with n8n's own parameter logic (NodeHelpers, what the editor and the engine use) and by runs.
import { NodeHelpers, type IDataObject, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { DealMonitor } from '../../nodes/DealMonitor/DealMonitor.node';
import { LeadQualifier } from '../../nodes/LeadQualifier/LeadQualifier.node';
import { Outreach } from '../../nodes/Outreach/Outreach.node';
import { QuoteGenerator } from '../../nodes/QuoteGenerator/QuoteGenerator.node';
import { chain, node, runWorkflow } from '../workflow/harness.mts';

const MOVED: Array<{ label: string; description: INodeTypeDescription; name: string; base: INodeParameters; optionsOf: INodeParameters }> = [
	{ label: 'Lead Qualifier', description: new LeadQualifier().description, name: 'referenceDate', base: {}, optionsOf: {} },
	{ label: 'Quote Generator', description: new QuoteGenerator().description, name: 'referenceDate', base: {}, optionsOf: {} },
	{ label: 'Deal Monitor', description: new DealMonitor().description, name: 'referenceDate', base: {}, optionsOf: {} },
	{ label: 'Outreach message send', description: new Outreach().description, name: 'now', base: { resource: 'message', operation: 'send' }, optionsOf: { resource: 'message', operation: 'send' } },
	{ label: 'Outreach engagement sync', description: new Outreach().description, name: 'now', base: { resource: 'engagement', operation: 'sync' }, optionsOf: { resource: 'engagement', operation: 'sync' } },
];

/** The parameters n8n shows (and keeps) for these values, with defaults. */
function shown(description: INodeTypeDescription, values: INodeParameters): INodeParameters {
	const n: INode = { id: 'n', name: 'n', type: description.name, typeVersion: 1, position: [0, 0], parameters: values };
	return NodeHelpers.getNodeParameters(description.properties, values, true, false, n, description) ?? {};
}

describe('test-only clocks sit under Options', () => {
	it.each(MOVED)('$label: no top-level $name in the panel, an Options entry of that name, the old place kept while set', ({ description, name, base, optionsOf }) => {
		expect(shown(description, base)).not.toHaveProperty(name);
		const optionsCollections = description.properties.filter((p) => p.name === 'options' && NodeHelpers.displayParameter({ ...shown(description, optionsOf) }, p, null, description));
		expect(optionsCollections).toHaveLength(1);
		expect((optionsCollections[0].options ?? []).map((o) => ('name' in o ? o.name : ''))).toContain(name);
		// A workflow saved before the move.
		const old = shown(description, { ...base, [name]: '2026-11-18T09:00:00Z' });
		expect(old[name]).toBe('2026-11-18T09:00:00Z');
		const legacy = description.properties.filter((p) => p.name === name);
		expect(legacy.map((p) => p.displayName)).toEqual([expect.stringMatching(/Moved to Options/)]);
	});
});

describe('Outreach operations that decide nothing by time have no "Now"', () => {
	it.each([
		['message', 'draft'],
		['sequence', 'enroll'],
		['sequence', 'stop'],
		['sequence', 'cloneTemplate'],
	])('%s %s: no Now option, and an old top-level Now is not shown', (resource, operation) => {
		const description = new Outreach().description;
		const options = description.properties.filter((p) => ['options', 'copyOptions'].includes(p.name) && NodeHelpers.displayParameter({ ...shown(description, { resource, operation }) }, p, null, description));
		for (const collection of options) expect((collection.options ?? []).map((o) => ('name' in o ? o.name : ''))).not.toContain('now');
		expect(shown(description, { resource, operation, now: '2026-11-18T09:00:00Z' })).not.toHaveProperty('now');
	});
});

describe('a Lead Qualifier run reads the option and the old place alike', () => {
	const TYPE = 'n8n-nodes-lead-to-close.leadQualifier';
	const lead = { id: 'L-1', company: 'Nordwerk Automation GmbH', title: 'Head of Engineering', email: 'jana.roth@nordwerk-automation.de', country: 'Germany', employees: '201-500', message: 'We need 12 PLCs, budget 250k EUR, order by 15 March 2027.' };
	async function months(params: INodeParameters): Promise<unknown> {
		const r = await runWorkflow({
			nodeTypes: { [TYPE]: new LeadQualifier() },
			nodes: [node('Start', 'test.start', { items: JSON.stringify([lead]) }), node('Lead Qualifier', TYPE, params)],
			connections: chain('Start', 'Lead Qualifier'),
		});
		const out = r.output('Lead Qualifier')[0].json as IDataObject & { bant: { timeline: { months: number } | null } };
		return out.bant.timeline?.months;
	}

	it('Options → Reference Date and a top-level Reference Date give the same timeline; the option wins over the old place', async () => {
		const viaOption = await months({ options: { referenceDate: '2026-11-01T00:00:00Z' } });
		const viaOldPlace = await months({ referenceDate: '2026-11-01T00:00:00Z' });
		expect(viaOption).toBe(4);
		expect(viaOldPlace).toBe(4);
		expect(await months({ referenceDate: '2026-11-01T00:00:00Z', options: { referenceDate: '2027-01-01T00:00:00Z' } })).toBe(2);
	});
});
