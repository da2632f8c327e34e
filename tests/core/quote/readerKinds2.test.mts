// Kinds of sentence the reader learnt in round 2 of ADR 0054 (from the misses left on the tuning split):
// a service joined after a comma, a word for each or a possessive; number words before a pack word; a
// count that points back to the product named before; ranges written "from … to …" or "3-4"; a size given
// after "in"; a negated service or aside; an ellipsis after a service. Every sentence is written for the
// test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../core/quote';
import { numberWordsToDigits } from '../../../core/numberWords';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;

describe('a service after a comma, a word for each or a possessive (read/fragments.ts WITH_SERVICE)', () => {
	it.each([
		['en', '3 ABB Terra AC 22 kW wallboxes, each with the installation package.'],
		['en', 'Please quote 3 ABB Terra AC 22 kW wallboxes, with installation.'],
		['de', '3 Wallboxen ABB Terra AC 22 kW, jeweils mit Installation.'],
		['es', '3 wallbox ABB Terra AC de 22 kW, cada una con su instalación.'],
		['fr', '3 bornes ABB Terra AC 22 kW, chacune avec son installation.'],
		['it', '3 wallbox ABB Terra AC 22 kW, ciascuna con installazione.'],
		['pt', '3 wallbox ABB Terra AC 22 kW, cada uma com a instalação.'],
		['nl', '3 laadpalen ABB Terra AC 22 kW, elk met installatie.'],
		['pl', '3 wallboxy ABB Terra AC 22 kW, każda wraz z instalacją.'],
		['pl', '3 wallboxy ABB Terra AC 22 kW z instalacją.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['SRV-EV-INSTALL x3', 'WALLBOX-22KW x3']);
	});
});

describe('a number word before a pack word is a count of packs (core/numberWords.ts)', () => {
	it.each([
		['drie dozen handschoenen', '3 dozen handschoenen'],
		['vier dozen en twee rollen', '4 dozen en 2 rollen'],
		['twenty four sensors', '24 sensors'],
		// hundreds written as two words are one number (ADR 0058), no longer "2 100"
		['two hundred cables', '200 cables'],
	])('%s', (written, digits) => {
		expect(numberWordsToDigits(written)).toBe(digits);
	});

	it('quotes "vijf dozen" of a box item as five boxes', () => {
		expect(lines(quote('lab', 'Graag vijf dozen Kimwipes.'))).toEqual(['34155 x5']);
	});
});

describe('waste bags and autoclavable in the buyer languages (synonyms.ts)', () => {
	it.each([
		['de', 'Bitte 4 Packungen autoklavierbare Abfallbeutel 600 x 900.'],
		['fr', '4 paquets de sacs à déchets autoclavables 600 x 900'],
		['es', '4 paquetes de bolsas de residuos autoclavables 600 x 900'],
		['it', '4 confezioni di sacchetti per rifiuti autoclavabili 600 x 900'],
		['pt', '4 pacotes de sacos de resíduos autoclaváveis 600 x 900'],
		['nl', 'Graag vier pakken autoclaveerbare afvalzakken 600 x 900.'],
		['pl', '4 opakowania worków na odpady autoklawowalnych 600 x 900'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['LL-AB-6090 x4']);
	});
});

describe('a count that points back to the one product named before (read/backReference.ts)', () => {
	it.each([
		['en', 'Is the 1756-OB16E rated for 2 A per point? If it is, a price for 6 of them please.'],
		['de', 'Haben Sie das 1756-OB16E auf Lager? Dann bitte 6 Stück davon.'],
		['es', '¿Tienen el 1756-OB16E en stock? Si es así, queremos 6 de ellos.'],
		['it', "Avete l'1756-OB16E a magazzino? Se sì, ce ne servono 6."],
		['pt', 'Têm o 1756-OB16E em stock? Se sim, precisamos de 6 unidades.'],
		['nl', 'Is de 1756-OB16E op voorraad? Zo ja, graag een prijs voor 6 stuks.'],
		['pl', 'Czy jest 1756-OB16E na stanie? Jeśli tak, proszę o wycenę 6 sztuk.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual(['1756-OB16E x6']);
	});

	it('reads "three of these" in the same sentence as the product', () => {
		expect(
			parseRequest('SCALANCE XB008 switch – we need three of these.').requirements[0].qty,
		).toBe(3);
	});

	it('gives the count to nobody when two products were named', () => {
		const q = quote(
			'industrial',
			'Do you stock the 1756-OB16E and the 1756-IB16? If so, 6 of them.',
		);
		expect(q.lines.every((l) => l.qty === 1)).toBe(true);
	});
});

describe('a range of counts "from 3 to 4" or "3-4" before a name is uncertain (read/uncertainCounts.ts)', () => {
	it.each([
		['en', 'We need from 2 to 3 IKA Vortex 3 shakers.'],
		['de', 'Wir brauchen 2-3 IKA Vortex 3 Schüttler.'],
		['es', 'Necesitamos de 2 a 3 agitadores IKA Vortex 3.'],
		['fr', 'Il nous faut de 2 à 3 agitateurs IKA Vortex 3.'],
		['it', 'Ci servono dai 2 ai 3 agitatori IKA Vortex 3.'],
		['nl', 'We hebben van 2 tot 3 IKA Vortex 3 schudders nodig.'],
		['pl', 'Potrzebujemy 2-3 IKA Vortex 3.'],
	])('%s: %s', (_, text) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual(['0003340000 x2']);
		expect(q.route).toBe('review');
	});

	it('leaves a range of measures alone ("2–20 µL")', () => {
		expect(lines(quote('lab', '2 Eppendorf Research plus 2-20 µL pipettes'))).toEqual([
			'3123000039 x2',
		]);
	});
});

describe('a size given after "in" (attributes.ts) and its ellipsis', () => {
	it.each([
		['en', 'Kimtech Purple nitrile gloves: 4 boxes in S and 2 in L.'],
		['de', 'Kimtech Purple Nitril-Handschuhe: 4 Boxen in S und 2 in L.'],
		['fr', 'Gants nitrile Kimtech Purple : 4 boîtes en S et 2 en L.'],
		['pt', 'Luvas de nitrilo Kimtech Purple: 4 caixas em S e 2 em L.'],
		['nl', 'Nitril handschoenen Kimtech Purple: 4 dozen in S en 2 in L.'],
		['pl', 'Rękawice nitrylowe Kimtech Purple: 4 pudełka w S i 2 w L.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['90626 x4', '90628 x2']);
	});
});

describe('what the buyer says not to quote (read/negation.ts)', () => {
	it.each([
		['en', '2 ABB Terra AC 11 kW wallboxes without installation'],
		['de', '2 Wallboxen ABB Terra AC 11 kW ohne Installation'],
		['es', '2 wallbox ABB Terra AC 11 kW sin instalación'],
		['fr', '2 bornes ABB Terra AC 11 kW sans installation'],
		['it', '2 wallbox ABB Terra AC 11 kW senza installazione'],
		['pt', '2 wallbox ABB Terra AC 11 kW sem instalação'],
		['nl', '2 laadpalen ABB Terra AC 11 kW zonder installatie'],
		['pl', '2 wallboxy ABB Terra AC 11 kW bez instalacji'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['WALLBOX-11KW x2']);
	});

	it('reads a negating aside as not asked for, and sends the item to a person', () => {
		const q = quote('lab', '1 Eppendorf Centrifuge 5810 R (no rotor), please.');
		expect(lines(q)).toEqual(['5811000320 x1']);
		expect(q.route).toBe('review');
	});
});

describe('an ellipsis after a service is of the item the service is for (requirements.ts)', () => {
	it.each([
		['en', '3 ABB Terra AC 22 kW wallboxes with installation and 2 of 11 kW'],
		['de', '3 Wallboxen ABB Terra AC 22 kW mit Installation und 2 mit 11 kW'],
		['es', '3 wallbox ABB Terra AC de 22 kW con instalación y 2 de 11 kW'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual([
			'SRV-EV-INSTALL x3',
			'WALLBOX-11KW x2',
			'WALLBOX-22KW x3',
		]);
	});
});

describe('the size of a consumer unit in modules (attributes.ts)', () => {
	it.each([
		['en', '2 Hager Volta 36-module consumer units', ['HAG-VU36 x2']],
		['nl', 'Graag 2 Hager Volta groepenkasten 36 modules.', ['HAG-VU36 x2']],
		['de', '2 Hager Volta Verteiler 36-Module', ['HAG-VU36 x2']],
		['nl', 'Per woning een Hager Volta groepenkast 24 modules, 5 woningen.', ['HAG-VU24 x5']],
	])('%s: %s', (_, text, expected) => {
		expect(lines(quote('electrical', text))).toEqual(expected);
	});

	it('still counts I/O modules ("4 moduli SM 1221", "we need 2 modules")', () => {
		expect(lines(quote('industrial', 'richiediamo n. 3 moduli SM 1221 DI 16x24VDC'))).toEqual([
			'6ES7221-1BH32-0XB0 x3',
		]);
	});
});

describe('a service after a product of a family is no member of it (read/context.ts)', () => {
	it.each([
		['en', '3 Sartorius Quintix 224-1S balances and 3 on-site balance calibrations'],
		['de', '3 Waagen Sartorius Quintix 224-1S und 3 Kalibrierungen der Waage vor Ort'],
		['es', '3 balanzas Sartorius Quintix 224-1S y 3 calibraciones de balanza in situ'],
		['it', '3 bilance Sartorius Quintix 224-1S e 3 calibrazioni della bilancia in sede'],
		['pt', '3 balanças Sartorius Quintix 224-1S e 3 calibrações de balança no local'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['QUINTIX224-1S x3', 'SRV-BAL-CAL x3']);
	});
});

describe('a count alone after a colon is no list (read/fragments.ts)', () => {
	it('reads "Product: 2 per cabinet, 8 cabinets. Plus one … per cabinet." as per-group counts', () => {
		expect(
			lines(
				quote(
					'electrical',
					'Schneider LC1D18P7 contactors: 3 per cabinet, 4 cabinets. Plus one GV2ME14 per cabinet.',
				),
			),
		).toEqual(['SE-GV2ME14 x4', 'SE-LC1D18P7 x12']);
	});
});

describe('"another 3 of 22 kW" in the buyer languages is an ellipsis (read/words.ts, tokenize.ts)', () => {
	it.each([
		['en', 'We need 4 ABB ACS580 drives of 18.5 kW and another 2 of 22 kW.'],
		['es', 'Necesitamos 4 variadores ABB ACS580 de 18,5 kW y otros 2 de 22 kW.'],
		['fr', 'Il nous faut 4 variateurs ABB ACS580 de 18,5 kW et 2 autres de 22 kW.'],
		['it', 'Ci servono 4 inverter ABB ACS580 da 18,5 kW e altri 2 da 22 kW.'],
		['pt', 'Precisamos de 4 inversores ABB ACS580 de 18,5 kW e outros 2 de 22 kW.'],
		['de', 'Wir brauchen 4 Umrichter ABB ACS580 18,5 kW und weitere 2 mit 22 kW.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('industrial', text))).toEqual([
			'ACS580-01-038A-4 x4',
			'ACS580-01-045A-4 x2',
		]);
	});
});

describe('the participle of a service asks for it (read/vocabulary.ts SERVICE_ASKED)', () => {
	it.each([
		['en', '3 ABB Terra AC 22 kW wallboxes, installed please.'],
		['de', '3 Wallboxen ABB Terra AC 22 kW, installiert bitte.'],
		['es', '3 wallbox ABB Terra AC 22 kW, instaladas por favor.'],
		['it', '3 wallbox ABB Terra AC 22 kW, installate per favore.'],
		['nl', '3 laadpalen ABB Terra AC 22 kW, geïnstalleerd graag.'],
		['pl', '3 wallboxy ABB Terra AC 22 kW, zainstalowane proszę.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['SRV-EV-INSTALL x3', 'WALLBOX-22KW x3']);
	});

	it('does not read what is installed already as asked', () => {
		expect(
			lines(
				quote(
					'electrical',
					'Die Wallbox ist schon installiert, wir brauchen 2 ABB Terra AC 22 kW.',
				),
			),
		).toEqual(['WALLBOX-22KW x2']);
	});
});
