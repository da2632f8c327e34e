// A closed ERPNext Lead history for the backtest tests (issue 20): 160 Leads over 2025 whose outcome
// follows company fit and urgency, not budget or title, written as a site would hold them (company,
// title, industry, employees, e-mail, a note with the request) with the statuses ERPNext gives closed
// Leads (tests/contract/erpnext-server.mts, "Outcome history").
import { mulberry32 } from '../../bench/outcomeHistory.mts';

export type ClosedLeadRow = Record<string, unknown> & {
	creation: string;
	status: 'Converted' | 'Opportunity' | 'Lost Quotation' | 'Do Not Contact';
};

export function closedLeadHistory(): ClosedLeadRow[] {
	const rand = mulberry32(20);
	return Array.from({ length: 160 }, (_, i) => {
		const fits = rand() < 0.5;
		const soon = rand() < 0.45;
		const budget = rand() < 0.5;
		const boss = rand() < 0.4;
		const p = 0.08 + (fits ? 0.35 : 0) + (soon ? 0.35 : 0);
		const converted = rand() < p;
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + Math.floor(i / 16)).padStart(2, '0');
		return {
			lead_name: `Buyer ${i}`,
			company_name: `Plant ${i} ${fits ? 'Foods' : 'Boutique'}`,
			job_title: boss ? 'Managing Director' : 'Maintenance Technician',
			email_id: `buyer${i}@plant${i}.example.com`,
			industry: fits ? 'Food & Beverage' : 'Retail',
			no_of_employees: fits ? '201-500' : '1-10',
			country: 'Germany',
			notes: [
				{
					note: `<p>We need 4 drives and a PLC for line ${i % 5}.${budget ? ' Budget about 60,000 EUR.' : ''}${soon ? ' Installation within 2 months.' : ' Maybe next year.'}</p>`,
				},
			],
			creation: `2025-${month}-${day} 10:00:00.000000`,
			status: converted ? (i % 3 ? 'Converted' : 'Opportunity') : i % 4 ? 'Lost Quotation' : 'Do Not Contact',
		};
	});
}

