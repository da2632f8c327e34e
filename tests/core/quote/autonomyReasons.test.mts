// Review reasons made precise for autonomy (ADR 0061): words that are no product evidence no longer keep an
// exactly right quote below the confidence threshold or name it unread, while the same kind of sentence with
// a word that changes what or how many is bought still goes to a person. Every sentence is written for the
// test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;
const METER = '30111389 x3';
const RACK = 'LL-RACK-4W x3';

describe('a word of asking or courtesy the catalog lacks makes no line less certain (retrieval evidence_coverage)', () => {
	it.each([
		['fr', 'Il nous faudrait 3 pH-mètres Mettler Toledo SevenDirect SD20.', METER],
		['nl', 'Wij zouden graag 3 Mettler Toledo SevenDirect SD20 pH-meters bestellen.', METER],
		['it', 'Vorremmo ordinare 3 pHmetri Mettler Toledo SevenDirect SD20.', METER],
		['de', 'Wir würden gerne 3 pH-Meter Mettler Toledo SevenDirect SD20 bestellen.', METER],
		['es', 'Necesitamos 3 medidores de pH Mettler Toledo SevenDirect SD20, quedo atento.', METER],
		['pl', 'Zamawiamy 3 statywy LabLine 4-way.', RACK],
	])('%s: %s', (_, text, line) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual([line]);
		expect(q.route).toBe('auto');
	});

	it.each([
		['a hedge', 'fr', 'Il nous faudrait environ 12 pH-mètres Mettler Toledo SevenDirect SD20.'],
		[
			'a negation',
			'fr',
			'Nous voudrions 3 pH-mètres Mettler Toledo SevenDirect SD20 sans électrode.',
		],
		[
			'a negation',
			'de',
			'Wir würden gerne 3 pH-Meter Mettler Toledo SevenDirect SD20 ohne Elektrode bestellen.',
		],
	])('%s still sends the line to a person (%s): %s', (_, __, text) => {
		expect(quote('lab', text).route).toBe('review');
	});

	it('a word for a pack the catalog lacks still counts against the line: it may be the product ("bobina")', () => {
		const q = quote('electrical', 'Cotícenme 4 contactores LC1D18 bobina 230V');
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/confidence .* is below the threshold/);
	});
});

describe('a talk before or a reply after the request is no unknown word (functionWords conversation)', () => {
	it.each([
		['en', 'As discussed on the phone, please quote 3 Mettler Toledo SevenDirect SD20 pH meters.'],
		[
			'de',
			'Wie besprochen bitten wir um ein Angebot über 3 pH-Meter Mettler Toledo SevenDirect SD20, wir freuen uns auf Ihre Rückmeldung.',
		],
		[
			'fr',
			'Comme convenu, 3 pH-mètres Mettler Toledo SevenDirect SD20. Dans l’attente de votre réponse.',
		],
		[
			'es',
			'Como hablamos, necesitamos 3 medidores de pH Mettler Toledo SevenDirect SD20. ¿Nos pasan precio?',
		],
		[
			'it',
			'Come da accordi telefonici, ci servono 3 pHmetri Mettler Toledo SevenDirect SD20. In attesa di una vostra risposta.',
		],
		[
			'pt',
			'Como combinado, precisamos de 3 medidores de pH Mettler Toledo SevenDirect SD20, aguardamos a vossa resposta.',
		],
		[
			'nl',
			'Zoals besproken willen we graag 3 Mettler Toledo SevenDirect SD20 pH-meters bestellen. In afwachting van uw antwoord.',
		],
		[
			'pl',
			'Jak ustaliliśmy telefonicznie, zamawiamy 3 statywy LabLine 4-way. Czekam na odpowiedź.',
		],
	])('%s: %s', (lang, text) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual([lang === 'pl' ? RACK : METER]);
		expect(q.route).toBe('auto');
	});

	it.each([
		[
			'a return',
			'As discussed, 3 Mettler Toledo SevenDirect SD20 pH meters to be returned for credit.',
		],
		['what is in stock', 'Czy mają Państwo na stanie 3 statywy LabLine 4-way?'],
	])('%s still goes to a person: %s', (_, text) => {
		const q = quote('lab', text);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/not a word the catalog or the reader knows/);
	});
});

describe('a code the accounting checks against the line is no evidence against it (retrieval noEvidence)', () => {
	it.each([
		[
			'a size glued to its unit',
			'electrical',
			'We need 40 m of flexible conduit 20mm.',
			'FLEX-CONDUIT-20 x40',
		],
		['a size glued to its unit', 'electrical', '12 earth rods 1500mm', 'EARTH-ROD-1500 x12'],
		[
			'a series joined to a decimal',
			'lab',
			'5 packs of Millex-GP 0.22 µm syringe filters please',
			'SLGP033RS x5',
		],
		[
			'a series joined to a decimal',
			'lab',
			'Bitte 5 Packungen Millex-GP 0,22 µm Spritzenfilter.',
			'SLGP033RS x5',
		],
		[
			'a name joined to a number',
			'lab',
			'3 bottles of KCl 3 mol/L electrolyte 250 mL',
			'51350072 x3',
		],
	] as const)('%s: %s', (_, catalog, text, line) => {
		const q = quote(catalog, text);
		expect(lines(q)).toEqual([line]);
		expect(q.route).toBe('auto');
	});

	it.each([
		// a size in millimetres is an attribute (read/notations.ts, ADR 0070): the 20 mm flexible conduit
		// differs in it, the 25 mm rigid one in a word; no earth rod has 1200 mm
		[
			'electrical',
			'We need 40 m of flexible conduit 25mm.',
			/"flexible" .* names something the catalog sells that PVC-CONDUIT-25 is not/,
		],
		['electrical', '12 earth rods 1200mm', /asked 1200 mm, closest items have 1500 mm/],
		[
			'lab',
			'Merci de chiffrer 5 boîtes de filtres Millex-GP 0,45 µm.',
			/"0,45" .* is neither its count/,
		],
		['lab', '3 bottles of KCl 2 mol/L electrolyte 250 mL', /"2" .* is neither its count/],
	] as const)(
		'a size or number the item does not have still goes to a person: %s',
		(catalog, text, reason) => {
			const q = quote(catalog, text);
			expect(q.route).toBe('review');
			// the reason is the quote's, or the unmatched line's when no item has the size
			const reasons = [...q.review_reasons, ...q.unmatched_requirements.map((u) => u.reason)];
			expect(reasons.join(' ')).toMatch(reason);
		},
	);
});

describe('the word for quantity before the count the line quotes labels it (accounting countLabels)', () => {
	it.each([
		['de', 'pH-Meter Mettler Toledo SevenDirect SD20, Menge 3'],
		['it', 'pHmetro Mettler Toledo SevenDirect SD20, quantità 3'],
		['es', 'Medidor de pH Mettler Toledo SevenDirect SD20, cantidad: 3'],
		['fr', 'pH-mètre Mettler Toledo SevenDirect SD20, quantité 3'],
		['nl', 'Mettler Toledo SevenDirect SD20 pH-meter, aantal 3'],
		['pt', 'Medidor de pH Mettler Toledo SevenDirect SD20, quantidade 3'],
		['en', 'Mettler Toledo SevenDirect SD20 pH meter, quantity 3'],
		['pl', 'Statyw LabLine 4-way, ilość 3'],
	])('%s: %s', (lang, text) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual([lang === 'pl' ? RACK : METER]);
		expect(q.route).toBe('auto');
	});

	it.each([
		['no number after it', 'pH-Meter Mettler Toledo SevenDirect SD20, Menge wie beim letzten Mal'],
		['another number than the count', '3 pH-Meter Mettler Toledo SevenDirect SD20, Menge 6'],
	])('%s still goes to a person: %s', (_, text) => {
		expect(quote('lab', text).route).toBe('review');
	});
});

describe('a pack word before a "for" word may be what is bought (accounting containerFor)', () => {
	it.each([
		['en', '2 coils for contactor LC1D18'],
		['de', '2 Spulen für Schütz LC1D18'],
		['fr', '2 bobines pour contacteur LC1D18'],
		['es', '2 bobinas para el contactor LC1D18'],
		['it', '2 bobine per contattore LC1D18'],
		['pt', '2 bobinas para contator LC1D18'],
		['pl', 'Prosimy o 2 bębny dla stycznika LC1D18'],
	])('%s: %s goes to a person', (_, text) => {
		const q = quote('electrical', text);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/may be what is bought/);
	});

	it('not when the item is sold in that pack ("3 boxes for WAGO 221-413", a box of 50)', () => {
		const q = quote('electrical', 'Please quote 3 boxes for WAGO 221-413');
		expect(lines(q)).toEqual(['WAGO-221-413 x3']);
		expect(q.route).toBe('auto');
	});
});
