// A healthy Opportunity in Proposal/Price Quote as of Fri 2026-11-20 10:00 UTC, which the signal tests
// change one fact at a time. Under the default thresholds it raises no signal.
import { parseDealSnapshot, type DealSnapshot, type DealSnapshotInput } from '../../../core/dealRisk';

export const NOW = new Date('2026-11-20T10:00:00Z');
export const ADA = 'ada.koenig@lovelace-eng.de';
export const BOB = 'bob.meyer@lovelace-eng.de';

export const healthy: DealSnapshotInput = {
	name: 'CRM-OPP-2026-00042',
	opportunity_from: 'Customer',
	party_name: 'Lovelace Engineering GmbH',
	status: 'Open',
	sales_stage: 'Proposal/Price Quote',
	probability: 70,
	opportunity_amount: 2_400_000,
	currency: 'EUR',
	expected_closing: '2026-12-18',
	opportunity_owner: 'anna.schulz@ltc-demo.de',
	modified: '2026-11-19 17:00:00',
	creation: '2026-10-01 08:00:00',
	communications: [
		{ date: '2026-11-10 14:00:00', direction: 'in', medium: 'Meeting', contact: BOB, subject: 'Requirements workshop' },
		{ date: '2026-11-17 09:00:00', direction: 'out', medium: 'Email', contact: ADA, subject: 'Quotation SAL-QTN-2026-00101' },
		{ date: '2026-11-18 11:00:00', direction: 'in', medium: 'Email', contact: ADA, subject: 'Re: Quotation SAL-QTN-2026-00101' },
	],
	todos: [{ date: '2026-11-24', status: 'Open', priority: 'Medium', description: 'Call Ada about the delivery schedule' }],
	events: [{ starts_on: '2026-11-10 14:00:00', subject: 'Requirements workshop', contacts: [ADA, BOB], status: 'Completed' }],
	quotations: [
		{ name: 'SAL-QTN-2026-00101', status: 'Open', valid_till: '2026-12-15', grand_total: 2_856_000, docstatus: 1 },
	],
	history: [{ at: '2026-11-10 16:00:00', field: 'sales_stage', from: 'Perception Analysis', to: 'Proposal/Price Quote' }],
};

/** The healthy deal with some top-level fields replaced, validated like a node would. */
export function dealWith(patch: Partial<DealSnapshotInput> = {}): DealSnapshot {
	return parseDealSnapshot({ ...healthy, ...patch });
}
