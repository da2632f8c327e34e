// connectors/erpnext/frappeCrm.ts: placing fields on the Frappe CRM lead page (the Side Panel fields
// layout, crm/fcrm/doctype/crm_fields_layout @ 8b7dfdde) and reading a CRM Lead with its FCRM Notes,
// against the Frappe contract server hosting the CRM app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpNextClient, ensureLayoutSection, ensureSidePanelSection, layoutWithSection, readCrmLead } from '../../../connectors/erpnext';
import { startErpNextServer, type ErpNextServer } from '../../contract/erpnext-server.mts';

const SECTION = { label: 'AI', name: 'ltc_ai_section', opened: true, columns: [{ name: 'ltc_ai_column', fields: ['custom_a', 'custom_b'] }] };

describe('layoutWithSection', () => {
	const base = [{ label: 'Details', name: 'details_section', columns: [{ name: 'c1', fields: ['organization'] }] }];
	it('appends the section when none of its fields is listed', () => {
		expect(layoutWithSection(base, SECTION)).toEqual([...base, SECTION]);
	});
	it('is undefined when every field is listed somewhere, even moved by the user into another section', () => {
		const moved = [{ ...base[0], columns: [{ name: 'c1', fields: ['organization', 'custom_b', 'custom_a'] }] }];
		expect(layoutWithSection(moved, SECTION)).toBeUndefined();
	});
	it('adds only the missing field, to the section of that name when it exists', () => {
		const partial = [...base, { ...SECTION, columns: [{ name: 'ltc_ai_column', fields: ['custom_a'] }] }];
		expect(layoutWithSection(partial, SECTION)).toEqual([...base, { ...SECTION, columns: [{ name: 'ltc_ai_column', fields: ['custom_a', 'custom_b'] }] }]);
	});
	it('reads fields inside tabs as well, and adds the section to the last tab of a tabbed layout', () => {
		const tabs = [{ name: 't', sections: [{ name: 's', columns: [{ name: 'c', fields: ['custom_a', 'custom_b'] }] }] }];
		expect(layoutWithSection(tabs, SECTION)).toBeUndefined();
		const two = [{ name: 't1', sections: [] }, { name: 't2', sections: [{ name: 's', columns: [] }] }];
		expect(layoutWithSection(two, SECTION)).toEqual([two[0], { name: 't2', sections: [{ name: 's', columns: [] }, SECTION] }]);
	});
});

describe('against the Frappe CRM app', () => {
	let server: ErpNextServer;
	const client = (s = server) => ErpNextClient.withToken({ baseUrl: s.url, apiKey: 'k', apiSecret: 's' });
	beforeAll(async () => {
		server = await startErpNextServer({ apiKey: 'k', apiSecret: 's', apps: ['crm'] });
	});
	afterAll(async () => server.stop());

	it('ensureSidePanelSection writes once, then reads only', async () => {
		expect(await ensureSidePanelSection(client(), 'CRM Lead', SECTION)).toBe(true);
		const writes = server.writes().length;
		expect(await ensureSidePanelSection(client(), 'CRM Lead', SECTION)).toBe(false);
		expect(server.writes().length).toBe(writes);
		const layout = JSON.parse(String(server.state.get('CRM Fields Layout', 'CRM Lead-Side Panel')!.layout)) as Array<{ name: string }>;
		expect(layout.map((s) => s.name)).toEqual(['details_section', 'person_section', 'ltc_ai_section']);
	});

	it('the Data Fields layout gets the section too; a doctype with no Data Fields layout is left to show every field', async () => {
		expect(await ensureLayoutSection(client(), 'CRM Lead', 'Data Fields', SECTION)).toBe(true);
		const layout = JSON.parse(String(server.state.get('CRM Fields Layout', 'CRM Lead-Data Fields')!.layout)) as Array<{ name: string }>;
		expect(layout.map((s) => s.name)).toEqual(['details_section', 'person_section', 'ltc_ai_section']);
		const writes = server.writes().length;
		expect(await ensureLayoutSection(client(), 'CRM Task', 'Data Fields', SECTION)).toBe(false);
		expect(server.writes().length).toBe(writes);
	});

	it('a doctype without a Side Panel layout gets one with the section', async () => {
		expect(await ensureSidePanelSection(client(), 'CRM Organization', SECTION)).toBe(true);
		expect(JSON.parse(String(server.state.get('CRM Fields Layout', 'CRM Organization-Side Panel')!.layout))).toEqual([SECTION]);
	});

	it('a layout that is not a JSON list is a schema error naming the layout', async () => {
		server.state.dbSet('CRM Fields Layout', 'CRM Deal-Side Panel', { layout: '{"not": "a list"}' });
		await expect(ensureSidePanelSection(client(), 'CRM Deal', SECTION)).rejects.toThrow(/CRM Deal-Side Panel/);
	});

	it('readCrmLead returns the lead and only the notes that reference it as a CRM Lead, oldest first', async () => {
		const [{ name }] = server.state.seed('CRM Lead', [{ first_name: 'Read', organization: 'R Co', status: 'New' }]);
		server.state.seed('FCRM Note', [
			{ title: 'first', content: 'a', reference_doctype: 'CRM Lead', reference_docname: name },
			{ title: 'deal', content: 'b', reference_doctype: 'CRM Deal', reference_docname: name },
			{ title: 'second', content: 'c', reference_doctype: 'CRM Lead', reference_docname: name },
		]);
		const { record, notes } = await readCrmLead(client(), name);
		expect(record).toMatchObject({ name, organization: 'R Co' });
		expect(notes.map((n) => n.title)).toEqual(['first', 'second']);
	});
});
