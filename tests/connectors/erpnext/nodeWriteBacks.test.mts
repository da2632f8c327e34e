// The node helpers that write to and read from ERPNext through the connector (issue 13, E3/E4/E8),
// against the contract server with a non-UTC site and least-privilege roles: the Lead Qualifier's
// write-back as a Sales User after the one-time set-up, its time stamp in the site's zone; Outreach's
// Communication log written and read in the site's zone, and refused (never read as "nothing sent")
// when ERPNext would hide e-mail Communications from the user.
import { afterEach, describe, expect, it } from 'vitest';

import { ErpNextClient } from '../../../connectors/erpnext';
import type { QualificationResult } from '../../../core/qualify';
import { LEAD_AI_FIELDS, writeBack } from '../../../nodes/LeadQualifier/erpnextWriteBack';
import { capEntries, logCommunication, readLoggedMessages } from '../../../nodes/Outreach/helpers/erpnextRecord';
import { startErpNextServer } from '../../contract/erpnext-server.mts';
import type { ErpNextServer, ErpNextServerOptions } from '../../contract/erpnext-server.mts';

const AUTH = { apiKey: 'wb-key', apiSecret: 'wb-secret-789' };
let server: ErpNextServer;

async function boot(options: ErpNextServerOptions = {}): Promise<void> {
	server = await startErpNextServer({ ...AUTH, ...options });
}

function client(): ErpNextClient {
	return ErpNextClient.withToken({ baseUrl: server.url, ...AUTH, transport: { sleep: async () => undefined } });
}

function setRoles(roles: string[]): void {
	server.state.settings.roles.splice(0, server.state.settings.roles.length, ...roles);
}

afterEach(async () => {
	await server?.stop();
});

const RESULT = {
	score: 82,
	grade: 'A',
	route: 'qualified',
	confidence: 0.9,
	engine: 'rules',
	model: undefined,
	reasons: [{ factor: 'budget', points: 20, detail: 'EUR 50,000 stated', evidence: 'budget is 50k' }],
} as unknown as QualificationResult;

describe('Lead Qualifier write-back (E4, E8)', () => {
	it('after a System Manager set up the fields, a Sales User writes the fields and one comment; the time stamp is in the site zone', async () => {
		await boot({ timeZone: 'America/Los_Angeles', roles: ['System Manager'] });
		await client().ensureCustomFields('Lead', LEAD_AI_FIELDS);
		setRoles(['Sales User']);
		const [lead] = server.state.seed('Lead', [{ lead_name: 'Grace Hopper', email_id: 'grace@example.com' }]);
		const scoredAt = new Date('2026-07-04T18:30:00Z');

		const first = await writeBack(client(), lead.name, RESULT, scoredAt, true);
		const again = await writeBack(client(), lead.name, RESULT, scoredAt, true);

		expect(first.comment?.created).toBe(true);
		expect(again.comment).toEqual({ name: first.comment?.name, created: false });
		// 18:30 UTC is 11:30 in Los Angeles (PDT).
		expect(server.state.get('Lead', lead.name)).toMatchObject({ custom_ai_score: 82, custom_ai_scored_at: '2026-07-04 11:30:00' });
		expect(server.requests.filter((r) => r.status === 403)).toEqual([]);
		expect(server.state.all('Comment').filter((c) => c.reference_name === lead.name)).toHaveLength(1);
	});
});

describe("Outreach's ERPNext send log (E3, E8)", () => {
	const sentAt = new Date('2026-01-05T07:30:00Z');
	const input = (key: string, delivery: 'n8nEmail' | 'twilio') => ({
		leadRef: 'CRM-LEAD-2026-00001',
		delivery,
		key,
		recipient: 'ada@example.com',
		subject: 'Your quote',
		text: 'Hello',
		sentAt,
	});

	it('writes communication_date in the site zone and reads it back as the same instant', async () => {
		await boot({ timeZone: 'Asia/Tokyo' });
		await logCommunication(client(), input('ltc-crm-lead-2026-00001-email-0123456789ab', 'n8nEmail'));
		const [stored] = server.state.all('Communication');
		// 07:30 UTC is 16:30 in Tokyo.
		expect(stored.communication_date).toBe('2026-01-05 16:30:00');
		const logged = await readLoggedMessages(client(), 'CRM-LEAD-2026-00001', undefined);
		expect(logged).toEqual([
			expect.objectContaining({ key: 'ltc-crm-lead-2026-00001-email-0123456789ab', delivery: 'n8nEmail', at: '2026-01-05T07:30:00Z' }),
		]);
		expect(capEntries(logged)).toEqual([{ at: '2026-01-05T07:30:00Z', channel: 'email', key: 'ltc-crm-lead-2026-00001-email-0123456789ab' }]);
	});

	it('refuses to read a log ERPNext would filter (no System Manager, no Super Email User), naming the role', async () => {
		await boot();
		await logCommunication(client(), input('ltc-crm-lead-2026-00001-email-0123456789ab', 'n8nEmail'));
		await logCommunication(client(), input('ltc-crm-lead-2026-00001-sms-0123456789ab', 'twilio'));
		setRoles(['Sales User']);
		await expect(readLoggedMessages(client(), 'CRM-LEAD-2026-00001', undefined)).rejects.toThrow(
			/hides e-mail Communications from automation@example\.com .*nothing was sent.*Super Email User/,
		);
	});

	it('with Super Email User a Sales User reads the whole log, e-mails included', async () => {
		await boot();
		await logCommunication(client(), input('ltc-crm-lead-2026-00001-email-0123456789ab', 'n8nEmail'));
		setRoles(['Sales User', 'Super Email User']);
		const logged = await readLoggedMessages(client(), 'CRM-LEAD-2026-00001', undefined);
		expect(logged.map((m) => m.key)).toEqual(['ltc-crm-lead-2026-00001-email-0123456789ab']);
	});
});
