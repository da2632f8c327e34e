import { describe, expect, it } from 'vitest';

import { extractTimeline } from '../../../core/qualify/timeline';

// Monday 16 November 2026 (Q4), the reference date of samples/leads.json.
const NOW = new Date('2026-11-16T09:00:00Z');

const cases: Array<[string, number | null]> = [
	// Urgency
	['Need someone here ASAP, the freezer is on the backup compressor.', 0],
	['Es eilt, wir stehen still.', 0],
	['Queremos arrancar lo antes posible.', 0],
	['Démarrage souhaité dès que possible.', 0],
	['Ci serve il prima possibile.', 0],
	['Precisamos disso o quanto antes.', 0],
	['Kindly send quotation at the earliest.', 0],
	['Urge, la línea está parada.', 0],
	['This is not urgent, just collecting prices.', null],
	// Durations
	['Need PLC system, Allen-Bradley, $200K budget, 3 months', 3],
	['We need the drives within 6 weeks.', 1],
	['Wäre gut, wenn das innerhalb von 6 Wochen klappt.', 1],
	['Necesitamos que funcione en los próximos 2 meses.', 2],
	['Livraison souhaitée sous 3 semaines.', 1],
	['Entrega em até 45 dias.', 1],
	['Lo necesitamos en 1 mes.', 1],
	['We plan to order in three to six months.', 5],
	['Order placement within 3 months.', 3],
	['We would order in the next few weeks.', 1],
	['Plazo: 8 meses.', 8],
	['Delivery in 10 weeks please.', 2],
	// Not purchase timing
	['We had an outage of 3 weeks last year.', null],
	['Maintenance contract for 3 years, running for 2 months now.', null],
	['The sensor reads wrong after a week.', null],
	['Could someone schedule a call with him next week?', null],
	['The transmitters were installed 2 years ago.', null],
	// Calendar periods
	['First phase to start Q2 2027.', 6],
	['Timeline: Q3 2027, when the contract runs out.', 9],
	['Target kickoff next quarter.', 3],
	['Ausschreibung voraussichtlich im 2. Quartal 2027.', 6],
	['La compra está prevista para el primer trimestre de 2027.', 3],
	['Vergabe Ende Q1 2027.', 4],
	['We intend to issue the RFP by September 2027.', 10],
	['Install by end of March.', 4],
	['Consegna entro marzo.', 4],
	['Bestellung geplant bis Ende Februar.', 3],
	['Parada de planta programada para junio de 2027.', 7],
	['Requested delivery: February 2027.', 3],
	['Delivery required by 31 January 2027 to Aberdeen.', 3],
	['Start der Rahmenvereinbarung zum 1. Juli 2027.', 7],
	['Liefertermin KW 3/2027.', 2],
	['Go-live on 2027-03-15.', 4],
	['Abnahme am 15.03.2027.', 4],
	['We want to start in the second half of 2027.', 10],
	['Project is planned for the first half of 2027.', 4],
	['Decision expected early next year.', 3],
	['No rush, sometime next year.', 7],
	['Esperamos tener todo instalado a finales de 2027.', 13],
	['Umsetzung idealerweise im Sommer 2027.', 8],
	['La idea es arrancar en verano.', 8],
	['Travaux prévus à l\'automne 2027.', 11],
	['Would like it running before summer.', 6],
	['Our turnaround is scheduled for spring.', 5],
	['Installation before end of year.', 1],
	['Wir möchten das noch in diesem Jahr umsetzen.', 1],
	['希望下个月到货。', 1],
	["We'd like to place the order in the new year.", 2],
	['Wir planen 2027 die Erneuerung aller Füllstandmessungen.', 7],
	['Lieferung bis 15.1. bitte.', 2],
	['We decided on 2.5 M for the line.', null],
	['Efficiency went up by 2.5% last year.', null],
	['In May 2027 we shut down for two weeks.', 6],
	['Appel d\'offres au printemps 2027.', 5],
	['Necesitamos la mercadería antes de fin de mes.', 0],
	['Would like it in before Christmas.', 1],
	['Entscheid im Herbst.', 11],
	["What's your fastest lead time?", 0],
	// Ordinary words that are also month or season names
	['We may need more sensors later.', null],
	['Le projet a été validé par la direction.', null],
	['They work in real estate management.', null],
	['', null],
];

describe('extractTimeline', () => {
	it.each(cases)('%s', (text, months) => {
		const result = extractTimeline(text, NOW);
		if (months === null) {
			expect(result).toBeNull();
			return;
		}
		expect(result?.months).toBe(months);
		expect(text).toContain(result?.evidence);
	});

	it('takes the first timing phrase that is about the purchase', () => {
		const text = 'Tender documents will be published in January, contract award by April 2027.';
		expect(extractTimeline(text, NOW)).toEqual({ months: 2, evidence: 'January' });
	});

	it('skips periods that are already over', () => {
		expect(extractTimeline('We had a shutdown in March 2026; the new line must run by September 2027.', NOW)).toEqual({
			months: 10,
			evidence: 'by September 2027',
		});
	});

	it('counts from the reference date it is given, not from a clock', () => {
		expect(extractTimeline('Target: Q2 2027', new Date('2027-01-10T00:00:00Z'))?.months).toBe(4);
		expect(extractTimeline('Target: next quarter', new Date('2027-02-01T00:00:00Z'))?.months).toBe(3);
		expect(extractTimeline('Target: next quarter', new Date('invalid'))).toBeNull();
	});

	it('reads a short date month-first only when the buyer writes that way or day-first is impossible', () => {
		expect(extractTimeline('Need by 12/15.', NOW)).toEqual({ months: 1, evidence: 'by 12/15' });
		expect(extractTimeline('Need by 3/4.', NOW)?.months).toBe(5); // 3 April
		expect(extractTimeline('Need by 3/4.', NOW, { monthFirst: true })?.months).toBe(4); // March 4
		expect(extractTimeline('Bid opening 3/12/2027.', NOW, { monthFirst: true })?.months).toBe(4); // March 12
		expect(extractTimeline('Abnahme 3/12/2027.', NOW)?.months).toBe(13); // 3 December
	});

	it('shifts seasons south of the equator', () => {
		// Summer in Brazil is December–February: from mid-November that is about two months away.
		expect(extractTimeline('Queremos instalar no verão.', NOW, { southernHemisphere: true })?.months).toBe(2);
		expect(extractTimeline('Queremos instalar no verão.', NOW)?.months).toBe(8);
	});
});
