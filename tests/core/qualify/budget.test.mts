import { describe, expect, it } from 'vitest';

import { extractBudget, parseDecimal } from '../../../core/qualify/budget';
import { currencyHintsFor } from '../../../core/moneyWords';

type Expected = { amount: number; currency: string } | { min: number; max: number; currency: string } | null;

// Amounts below are in MINOR units (cents, paise …; JPY has none).
const cases: Array<[string, Expected]> = [
	// English
	['Need PLC system, Allen-Bradley, $200K budget, 3 months', { amount: 20_000_000, currency: 'USD' }],
	['Budget around 1.5M EUR since this is funded out of our German parent.', { amount: 150_000_000, currency: 'EUR' }],
	['Quotes so far came in at 250k-300k USD which is about what we budgeted.', { min: 25_000_000, max: 30_000_000, currency: 'USD' }],
	['Pilot budget is £40,000 for one line.', { amount: 4_000_000, currency: 'GBP' }],
	['Willing to spend up to 2 million dollars if it includes the drives.', { amount: 200_000_000, currency: 'USD' }],
	['Our rough number is $750,000 to $900,000.', { min: 75_000_000, max: 90_000_000, currency: 'USD' }],
	['Board approved $4.2M in the FY2027 capital plan.', { amount: 420_000_000, currency: 'USD' }],
	['Budget is capped at GBP 60k for this package.', { amount: 6_000_000, currency: 'GBP' }],
	['We have about half a million dollars for the retrofit.', { amount: 50_000_000, currency: 'USD' }],
	['Capex approved: USD 1,250,000.50 for phase one.', { amount: 125_000_050, currency: 'USD' }],
	['The budget for phase one is 5 million.', { amount: 500_000_000, currency: 'EUR' }],
	["We've got about 15 grand to spend.", { amount: 1_500_000, currency: 'EUR' }],
	// German / Swiss / Austrian
	['Budget ca. 250.000 EUR, Umsetzung im Sommer.', { amount: 25_000_000, currency: 'EUR' }],
	['Wir haben dafür € 95.000 vorgesehen.', { amount: 9_500_000, currency: 'EUR' }],
	['Wir rechnen mit CHF 2,5 Mio. für die Prozessleittechnik.', { amount: 250_000_000, currency: 'CHF' }],
	['Im Wirtschaftsplan 2027 sind rund 480 T€ eingeplant.', { amount: 48_000_000, currency: 'EUR' }],
	['Volumen voraussichtlich zwischen 3 und 4 Mio. Euro.', { min: 300_000_000, max: 400_000_000, currency: 'EUR' }],
	['Kostenrahmen Fr. 1\'200\'000 inkl. Montage.', { amount: 120_000_000, currency: 'CHF' }],
	['Budget: 80 Tsd. EUR', { amount: 8_000_000, currency: 'EUR' }],
	// Spanish
	['Presupuesto aproximado: 60.000 €. Compra en el primer trimestre.', { amount: 6_000_000, currency: 'EUR' }],
	['Contamos con un presupuesto de entre 200 y 300 mil euros.', { min: 20_000_000, max: 30_000_000, currency: 'EUR' }],
	['Presupuesto referencial USD 2,8 millones.', { amount: 280_000_000, currency: 'USD' }],
	['Tenemos aprobados 18 mil dólares.', { amount: 1_800_000, currency: 'USD' }],
	['Presupuesto: 2.500 millones de pesos colombianos (COP).', { amount: 250_000_000_000, currency: 'COP' }],
	// French / Italian / Portuguese
	['Enveloppe budgétaire : 120 000 €.', { amount: 12_000_000, currency: 'EUR' }],
	['Budget estimé entre 150 et 200 k€.', { min: 15_000_000, max: 20_000_000, currency: 'EUR' }],
	['Nous avons un budget de 1,5 million d\'euros.', { amount: 150_000_000, currency: 'EUR' }],
	['Budget massimo 45.000 euro, consegna entro marzo.', { amount: 4_500_000, currency: 'EUR' }],
	['Abbiamo un budget di circa 1,2 milioni di euro.', { amount: 120_000_000, currency: 'EUR' }],
	['Il budget stanziato è di 850 mila euro.', { amount: 85_000_000, currency: 'EUR' }],
	['Temos orçamento de R$ 900 mil.', { amount: 90_000_000, currency: 'BRL' }],
	['Orçamento de cerca de R$ 180.000,00.', { amount: 18_000_000, currency: 'BRL' }],
	// India, Japan, China, Nordics
	['Budget INR 50 lakh. Project timeline 6 months.', { amount: 500_000_000, currency: 'INR' }],
	['Approved budget Rs. 4.5 crore for the MV drives.', { amount: 4_500_000_000, currency: 'INR' }],
	['Our parent company approved ¥15,000,000 for this upgrade.', { amount: 15_000_000, currency: 'JPY' }],
	['预算人民币30万元，希望下个月到货。', { amount: 30_000_000, currency: 'CNY' }],
	['我们的预算是45万美元。', { amount: 45_000_000, currency: 'USD' }],
	['Budget around NOK 1.2 million.', { amount: 120_000_000, currency: 'NOK' }],
	// Numbers that are not money
	['Please quote 40 pcs inductive sensors M18, 10-30 V DC, and 12 motors of 90 to 250 kW.', null],
	['Do you stock 6ES7 515-2AM02-0AB0 CPUs? Need 2 units, S7-1500 family.', null],
	['We have 35 Rosemount 3051 transmitters due for calibration.', null],
	['Our last order was about $12,500 each for the 150 HP drives.', null],
	['Gana hasta 5000 USD por semana desde casa.', null],
	['Budget 2027 not approved yet, call me on +49 89 123 456 789.', null],
	['Our revenue is $50M and we lost $20k in downtime last month.', null],
	['Efficiency went up 15 % after the 2019 retrofit.', null],
	['', null],
];

describe('extractBudget', () => {
	it.each(cases)('%s', (text, expected) => {
		const result = extractBudget(text, 'EUR');
		if (expected === null) {
			expect(result).toBeNull();
			return;
		}
		expect(result).toMatchObject(expected);
		// The evidence is a verbatim span of the input.
		expect(text).toContain(result?.evidence);
	});

	it('reads "$" and "pesos" in the buyer\'s own currency when the country says so', () => {
		expect(extractBudget('We have roughly $150k set aside.', 'EUR', currencyHintsFor('CAD'))).toMatchObject({
			amount: 15_000_000,
			currency: 'CAD',
		});
		expect(extractBudget('El presupuesto es de 1.2 millones de pesos.', 'EUR', currencyHintsFor('MXN'))).toMatchObject({
			amount: 120_000_000,
			currency: 'MXN',
		});
		expect(extractBudget('We have roughly $150k set aside.', 'EUR')).toMatchObject({ currency: 'USD' });
	});

	it('lets a written currency code win over an ambiguous symbol', () => {
		expect(extractBudget('Tenemos un techo de $400,000 MXN.', 'EUR')).toMatchObject({ amount: 40_000_000, currency: 'MXN' });
		expect(extractBudget('Budget: $50k CAD', 'EUR')).toMatchObject({ amount: 5_000_000, currency: 'CAD' });
	});

	it('uses the configured default currency for a bare amount', () => {
		expect(extractBudget('Budget: 5 million', 'GBP')).toMatchObject({ amount: 500_000_000, currency: 'GBP' });
		expect(extractBudget('Budget: 5 million', 'JPY')).toMatchObject({ amount: 5_000_000, currency: 'JPY' });
	});

	it('records how the amount was qualified', () => {
		expect(extractBudget('up to $300,000', 'EUR')).toMatchObject({ qualifier: 'up_to', evidence: 'up to $300,000' });
		expect(extractBudget('approx €80.000 per year', 'EUR')).toMatchObject({ qualifier: 'approx' });
		expect(extractBudget('at least 50k EUR', 'EUR')).toMatchObject({ qualifier: 'at_least' });
		expect(extractBudget('Budget USD 35.000', 'EUR')).toMatchObject({ qualifier: 'exact' });
	});

	it('prefers the amount named as the budget over other money in the text', () => {
		const text = 'Last year we spent €2M on the old DCS. This time the budget is €450k for the migration.';
		expect(extractBudget(text, 'EUR')).toMatchObject({ amount: 45_000_000, currency: 'EUR' });
	});

	it('rejects amounts that do not fit a safe integer of minor units', () => {
		expect(extractBudget('Budget $999999999999999999999', 'EUR')).toBeNull();
	});
});

describe('amounts taken back or hedged (issue 16)', () => {
	it.each<[string, { amount: number; currency: string; qualifier: string; evidence: string }]>([
		// The review's lead L052: read as an exact $5M before.
		['Boss said maybe 5 million? lol no, more like 50 grand', { amount: 5_000_000, currency: 'USD', qualifier: 'approx', evidence: 'more like 50 grand' }],
		['Budget $200k, sorry, I mean $250k. Start in Q3.', { amount: 25_000_000, currency: 'USD', qualifier: 'exact', evidence: '$250k' }],
		['Budget 50.000 EUR, nein, 60.000 EUR.', { amount: 6_000_000, currency: 'EUR', qualifier: 'exact', evidence: '60.000 EUR' }],
		// Taken back with no correction: approximate at most, never exact.
		['Boss said maybe 5 million? lol no', { amount: 500_000_000, currency: 'USD', qualifier: 'approx', evidence: 'maybe 5 million' }],
		// A hedge is approximate.
		['Budget is maybe $80k for the pilot.', { amount: 8_000_000, currency: 'USD', qualifier: 'approx', evidence: 'maybe $80k' }],
		// A limit is not a retraction.
		['We have a budget of $100k, no more.', { amount: 10_000_000, currency: 'USD', qualifier: 'exact', evidence: '$100k' }],
	])('%s', (text, expected) => {
		expect(extractBudget(text, 'USD')).toEqual(expected);
	});
});

describe('parseDecimal', () => {
	it.each([
		['1.500.000,50', 150000050n, 2],
		['1,500,000.50', 150000050n, 2],
		['95.000', 95000n, 0],
		['2,5', 25n, 1],
		["1'200'000", 1200000n, 0],
		['120 000', 120000n, 0],
		['12,500', 12500n, 0],
		['1.5', 15n, 1],
	])('%s', (raw, digits, scale) => {
		expect(parseDecimal(raw)).toEqual({ digits, scale });
	});
});
