// Quantity kinds of ADR 0066: a range of counts stands on one line (a model number ending a list line is no
// "7-10" with the next line's count), a number written to hundredths is no count ("pH 4.01, 7.01 and 10.01"),
// a count over the groups written before them is no count for each ("9 pipettes across our 2 labs … in each
// lab"), a function word before "are due" names no groups, and a verb of asking after the groups' noun ends
// the groups ("para 4 obras necesitamos 3 …"). Every sentence is written for the test; rows that must not
// change are near misses.
import { describe, expect, it } from 'vitest';
import { readMultipliers } from '../../../core/quote/multipliers';
import { analyze } from '../../../core/quote/read/analysis';
import { readUncertainCounts } from '../../../core/quote/read/uncertainCounts';
import { quoteOn, sortedLines } from './labelled.mts';

describe('a range of counts stands on one line (read/uncertainCounts.ts)', () => {
	it.each([
		[
			'fr',
			'Pour le labo :\n- un agitateur IKA C-MAG HS 7\n- 12 boîtes de gants nitrile Kimtech Purple taille L',
		],
		[
			'en',
			'Please quote:\n- one IKA C-MAG HS 7 stirrer\n- 12 boxes of Kimtech Purple nitrile gloves, size L',
		],
		[
			'de',
			'Bitte um Angebot:\n- ein IKA C-MAG HS 7 Magnetrührer\n- 12 Boxen Kimtech Purple Nitrilhandschuhe Größe L',
		],
		[
			'es',
			'Necesitamos:\n- un agitador IKA C-MAG HS 7\n- 12 cajas de guantes de nitrilo Kimtech Purple talla L',
		],
	])("%s: a model number ending a line and the next line's count", (_, text) => {
		expect(readUncertainCounts(text).counts).toEqual([]);
		expect(sortedLines(quoteOn('lab', text))).toEqual(['0003581200 x1', '90628 x12']);
	});

	it.each([
		['en', 'We need 3-4 Eppendorf 5424 R centrifuges.', 3],
		['de', 'Wir brauchen 10 - 15 Boxen Kimtech Purple Nitrilhandschuhe.', 10],
		['fr', 'Il nous faut 10 à 15 boîtes de gants nitrile.', 10],
	])('near miss, %s: a range on one line is still a range (%s)', (_, text, low) => {
		const counts = readUncertainCounts(text).counts;
		expect(counts.map((c) => c.value)).toEqual([low]);
	});
});

describe('a number written to hundredths is no count (read/count.ts)', () => {
	it.each([
		['en', 'Could you quote 2 each of the Hanna pH 4.01 and 10.01 calibration buffers?'],
		['fr', 'Merci de chiffrer 2 de chaque tampon Hanna pH 4,01 et 10,01.'],
		['es', 'Coticen 2 de cada tampón Hanna pH 4,01 y 10,01, por favor.'],
	])('%s: %s', (_, text) => {
		const lines = sortedLines(quoteOn('lab', text));
		expect(lines.every((l) => / x2$/.test(l))).toBe(true);
		expect(lines.some((l) => /x(?:10|11|12)/.test(l))).toBe(false);
	});

	it('near miss: a count in whole numbers after "and" is still a count', () => {
		expect(
			sortedLines(quoteOn('lab', 'We need 2 Hanna pH 4.01 buffers and 3 Hanna pH 10.01 buffers.')),
		).toEqual(['HI7004L x2', 'HI7010L x3']);
	});
});

describe('a count over the groups written before them is no count for each (multipliers.ts)', () => {
	it.each([
		[
			'en',
			'We have 9 pipettes across our 2 labs that are due for their ISO 8655 calibration, and the balance in each lab needs its on-site calibration too.',
		],
		[
			'es',
			'Tenemos 9 pipetas repartidas en nuestros 2 laboratorios que toca calibrar según ISO 8655, y la balanza de cada laboratorio necesita también su calibración in situ.',
		],
		[
			'fr',
			'Nous avons 9 pipettes réparties dans nos 2 laboratoires à étalonner selon ISO 8655, et la balance de chaque laboratoire doit aussi être étalonnée sur site.',
		],
		[
			'it',
			'Abbiamo 9 pipette nei nostri 2 laboratori da tarare secondo ISO 8655, e la bilancia di ogni laboratorio richiede anche la taratura in sede.',
		],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(['SRV-BAL-CAL x2', 'SRV-PIP-CAL x9']);
	});

	it.each([
		[
			'en',
			'2 DI 32x24VDC BA cards and 1 DQ 32x24VDC BA card per cabinet, 3 cabinets in total.',
			['6ES7521-1BL10-0AA0 x6', '6ES7522-1BL10-0AA0 x3'],
		],
		[
			'en',
			'For our 3 lines we need 2 ABB ACS580 7.5 kW drives on each line.',
			['ACS580-01-017A-4 x6'],
		],
		[
			'it',
			'Due pannelli KTP700 Basic per ogni macchina, le macchine sono due.',
			['6AV2123-2GB03-0AX0 x4'],
		],
	])('near miss, %s: a count for each group is still multiplied (%s)', (_, text, lines) => {
		expect(sortedLines(quoteOn('industrial', text))).toEqual(lines);
	});
});

describe('"that are due" names no groups (multipliers.ts)', () => {
	it('en: a function word before "are" and an ambiguous number word before "for"', () => {
		const { multipliers } = readMultipliers(
			'Our 5 pipettes that are due for service, and the balance in each room.',
		);
		expect(multipliers.some((m) => m.factor === 2)).toBe(false);
	});
});

describe("a verb of asking after the groups' noun ends the groups (multipliers.ts groupsIn)", () => {
	it.each([
		['es', 'Para 4 obras necesitamos 3 wallbox ABB Terra AC de 22 kW por obra.'],
		['it', 'Per 4 cantieri servono 3 wallbox ABB Terra AC 22 kW per cantiere.'],
		['pt', 'Para 4 obras precisamos de 3 wallbox ABB Terra AC de 22 kW por obra.'],
		['pl', 'Na 4 budowy potrzebujemy 3 wallboxy ABB Terra AC 22 kW na budowę.'],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual(['WALLBOX-22KW x12']);
	});

	it('es: the groups are read by their marker, for a count of its own', () => {
		const { multipliers } = readMultipliers('Para 4 obras necesitamos 3 transmisores por obra.');
		expect(multipliers.map((m) => [m.factor, m.onlyImplicit])).toEqual([[4, false]]);
	});

	it.each([['en', 'We need 6 Yokogawa digitalYEWFLO vortex meters.', null]])(
		'near miss, %s: %s',
		(_, text, factor) => {
			const { multipliers } = readMultipliers(text);
			expect(multipliers.find((m) => !m.onlyImplicit)?.factor ?? null).toBe(factor);
		},
	);
});

describe('a count and a word of a language the reader does not read, set off at the end of the line (read/quantity.ts)', () => {
	it.each([
		['cs', 'LED reflektor 50 W IP65 – 6 ks', 6],
		['ro', 'Hârtie de filtru Whatman grad 1, 90 mm – 5 pachete', 5],
		['tr', 'Hanna HI98103 cep tipi pH test cihazı: 2 adet', 2],
		['sv', 'Hanna HI7004L pH-buffert 500 ml – 6 flaskor', 6],
		['fi', 'Hanna HI7004L pH-puskuri 500 ml – 6 pulloa', 6],
	])('%s: %s', (_, text, qty) => {
		expect(analyze(text).qty).toBe(qty);
	});

	it("cs: the line still goes to a person (the words are not the reader's)", () => {
		const q = quoteOn('electrical', 'Poptáváme:\n1) LED reflektor 50 W IP65 – 6 ks');
		expect(sortedLines(q)).toEqual(['PHI-FLOOD-50 x6']);
		expect(q.route).toBe('review');
	});

	it.each([
		['a known unit', 'Stratix 2000 switch – 2 ports', null],
		['a length', 'NYM-J 3x1,5 – 100 m', null],
		['no rating nor code before it', 'Kabelbinder schwarz – 6 ks', null],
	])('near miss, %s: %s', (_, text, qty) => {
		expect(analyze(text).qty).toBe(qty);
	});
});

describe("a table's quantity and row-number columns in languages the reader does not read (read/tables.ts)", () => {
	it.each([
		[
			'sv',
			'Rad\tArt.nr\tBenämning\tAntal\n1\tHI7010L\tpH-buffert 10,01\t4\n2\tHI98103\tpH-testare\t3',
		],
		['cs', 'Č.\tKód\tPopis\tPočet\n1\tHI7010L\tpufr pH 10,01\t4\n2\tHI98103\tpH tester\t3'],
		[
			'ro',
			'Nr. crt.\tCod\tDescriere\tCantitate\n1\tHI7010L\tsoluție tampon pH 10,01\t4\n2\tHI98103\ttester pH\t3',
		],
		[
			'tr',
			'Sıra\tKod\tAçıklama\tMiktar\n1\tHI7010L\tpH 10,01 tamponu\t4\n2\tHI98103\tpH test cihazı\t3',
		],
	])("%s: the count is the quantity column's, not the row number", (_, text) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(['HI7010L x4', 'HI98103 x3']);
	});

	it('near miss: the headers of the reader languages read as before (de)', () => {
		const text =
			'Pos.\tArtikel\tBezeichnung\tMenge\n1\tHI7010L\tPufferlösung pH 10,01\t4\n2\tHI98103\tpH-Tester\t3';
		expect(sortedLines(quoteOn('lab', text))).toEqual(['HI7010L x4', 'HI98103 x3']);
	});
});

describe('German "jede" and Polish "każdy" without a preposition count the groups they name again (multipliers.ts)', () => {
	it.each([
		[
			'de',
			'Wir richten drei neue Praktikumslabore ein. In jedes Labor kommen:\n- ein Vortex-Genie 2\n- ein IKA C-MAG HS 7',
		],
		[
			'de',
			'Wir richten drei neue Labore ein. In jedem Labor brauchen wir einen Vortex-Genie 2 und einen IKA C-MAG HS 7.',
		],
		[
			'pl',
			'Mamy 3 laboratoria. Do każdego laboratorium potrzebujemy 1 Vortex-Genie 2 i 1 IKA C-MAG HS 7.',
		],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(['0003581200 x3', 'SI-0236 x3']);
	});

	it.each([
		['de', 'Wir bauen 4 Maschinen um. Jede Maschine bekommt zwei Beckhoff EL1809 und eine EL2809.'],
		['pl', 'Przebudowujemy 4 maszyny. Każda maszyna dostanie dwa Beckhoff EL1809 i jeden EL2809.'],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('industrial', text))).toEqual(['EL1809 x8', 'EL2809 x4']);
	});

	it.each([
		['de', 'Wir haben 3 Labore. Wir brauchen jede Woche 2 Vortex-Genie 2.'],
		['pl', 'Mamy 3 laboratoria. Każdy z nas potrzebuje 2 Vortex-Genie 2.'],
	])('near miss, %s: a group the word does not name again is not multiplied (%s)', (_, text) => {
		expect(readMultipliers(text).multipliers).toEqual([]);
	});
});

describe('"with" before a length set off by a comma is the counted item\'s length (tokenize.ts: Portuguese "com")', () => {
	it.each([
		[
			'pt',
			'Precisamos de 3 cabos sensor M12 de 4 polos, retos, PUR, com 5 m, e 2 cabos sensor M12 de 4 polos com 10 m.',
		],
		[
			'en',
			'We need 3 sensor cables M12 4-pole, straight, PUR, with 5 m, and 2 sensor cables M12 4-pole with 10 m.',
		],
		[
			'es',
			'Necesitamos 3 cables de sensor M12 de 4 polos, rectos, PUR, con 5 m, y 2 cables de sensor M12 de 4 polos con 10 m.',
		],
		[
			'de',
			'Wir brauchen 3 Sensorkabel M12 4-polig, gerade, PUR, mit 5 m, und 2 Sensorkabel M12 4-polig mit 10 m.',
		],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('industrial', text))).toEqual([
			'SAC-4P-M12MS/10,0-PUR x2',
			'SAC-4P-M12MS/5,0-PUR x3',
		]);
	});

	it('near miss: coils with a length are still coils times the length', () => {
		expect(
			sortedLines(quoteOn('electrical', 'Precisamos de 2 rolos de NYM-J 3x1,5 com 100 m.')),
		).toEqual(['NYM-J-3X1.5 x200']);
	});
});
