// Words a catalog of an unknown trade does not have (ADR 0069): a catalog exported without keywords names
// its items in one language, often cut short, and the buyer writes the same word in another spelling, with
// another ending, inside a compound or cut short. Retrieval reads such a word as the catalog word of the same
// root (weaker than the word itself, and only beside a word the catalog has as written); the accounting still
// names it for a person. The catalog below (a bakery and kitchen supplier) and every sentence are written for
// the test; none of its words is in the synonym table's trades.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, buildQuote, parseRequest, search } from '../../../core/quote';
import { cognateForm, sameRoot } from '../../../core/quote/tokenize';
import { item, NOW } from './samples.mts';

const kitchen = buildCatalogIndex([
	item({
		sku: 'TS-104',
		name: 'Testo 104 dig. therm. probe',
		description: 'Testo 104 digital thermometer with folding stainless probe, -50 to 250 °C',
		manufacturer: 'Testo',
	}),
	item({
		sku: 'RL-450',
		name: 'Rollmatic dough laminator 450',
		description: 'Rollmatic dough laminator, belt width 450 mm, reversible',
		manufacturer: 'Rollmatic',
	}),
	item({
		sku: 'PM-20',
		name: 'Rollmatic planetary mixer 20 L',
		description: 'Rollmatic planetary mixer, bowl 20 litres, three speeds',
		manufacturer: 'Rollmatic',
	}),
	item({
		sku: 'SV-24',
		name: 'Rollmatic sol. valve 24 V',
		description: 'Rollmatic solenoid valve for the water dosing unit, 24 V DC',
		manufacturer: 'Rollmatic',
	}),
	item({
		sku: 'AC-50',
		name: 'Air compressor 50 L',
		description: 'Oil-free air compressor for the proofing room, tank 50 litres',
		manufacturer: 'Kompak',
	}),
	item({
		sku: 'LC-01',
		name: 'Laboratory coat white, size L',
		description: 'Cotton coat for the quality laboratory',
		manufacturer: 'Kompak',
	}),
]);

const best = (text: string) => {
	const [requirement] = parseRequest(text).requirements;
	return search(kitchen, requirement, 3);
};

describe('a word the catalog lacks reads as the catalog word of the same root', () => {
	it.each([
		// another language's spelling of the word (th → t, y → i, k/z → c, doubled letters)
		['it', 'termometro digitale Testo', 'TS-104', 'termometro'],
		['es', 'termómetro Testo 104', 'TS-104', 'termometro'],
		['fr', 'thermomètre Testo', 'TS-104', 'thermometre'],
		['pl', 'termometr Testo 104', 'TS-104', 'termometr'],
		// another ending of it
		['es', 'laminadora Rollmatic 450', 'RL-450', 'laminadora'],
		['it', 'laminatoio Rollmatic 450', 'RL-450', 'laminatoio'],
		['pt', 'misturador planetário Rollmatic 20 L', 'PM-20', 'planetario'],
		// the last part of a compound
		['de', 'Einstichthermometer Testo', 'TS-104', 'einstichthermometer'],
		['nl', 'vleesthermometer Testo 104', 'TS-104', 'vleesthermometer'],
		['sv', 'stektermometer Testo', 'TS-104', 'stektermometer'],
		// the last part of a compound is a word of every trade the synonym table has
		['de', 'Magnetventil Rollmatic 24 V', 'SV-24', 'magnetventil'],
		['it', 'elettrovalvola Rollmatic 24 V', 'SV-24', 'elettrovalvola'],
		['nl', 'magneetventiel Rollmatic 24 V', 'SV-24', 'magneetventiel'],
	])('%s: %j → %s, reading %j', (_lang, text, sku, word) => {
		const result = best(text);
		expect(result.candidates[0].item.sku).toBe(sku);
		expect(result.corrections.map((c) => c.from)).toContain(word);
		expect(result.unknown_terms).not.toContain(word);
	});

	it.each([
		['en', 'please quote 1 Rollmatic lam.', 'lam', 'laminator'],
		['fr', 'merci de chiffrer 1 Rollmatic lam.', 'lam', 'laminator'],
		['de', 'bitte Preis für 1 Kompak Komp.', 'komp', 'compressor'],
		['it', 'prezzo per un Kompak comp.', 'comp', 'compressor'],
	])(
		'%s: a word cut short with a full stop is the start of a catalog word: %j',
		(_l, text, word, twin) => {
			const result = best(text);
			expect(result.corrections).toContainEqual({ from: word, to: twin });
		},
	);
});

describe('what stays a word the catalog lacks (near misses)', () => {
	it.each([
		// five letters shared, but the shorter word goes on for five more: another word
		['comprimido', 'compressor'],
		// four letters shared are not enough
		['quindi', 'quintix'],
		['filtro', 'filter'],
		['planning', 'planetary'],
	])('%s is not %s', (a, b) => {
		expect(sameRoot(cognateForm(a), cognateForm(b))).toBe(false);
	});

	it.each([
		['cilindro', 'cylinder'],
		['Zylinder', 'cylinder'],
		['regulateur', 'regulator'],
		['poliuretano', 'polyurethane'],
		['pneumatik', 'pneumatic'],
	])('%s is %s', (a, b) => {
		expect(sameRoot(cognateForm(a.toLowerCase()), cognateForm(b))).toBe(true);
	});

	it.each([
		// the only word of the part is a word of the same root: alone it names no item
		['es', 'saludos desde el laboratorio'],
		['it', 'un saluto dal laboratorio'],
		['pt', 'abraço do laboratório'],
	])('%s: %j names no item', (_l, text) => {
		for (const requirement of parseRequest(text).requirements)
			expect(search(kitchen, requirement, 3).candidates).toHaveLength(0);
	});

	it.each([
		['en', 'please quote 1 Rollmatic lam'],
		['de', '1 Kompak Komp (50 L)'],
	])('%s: a short word without a full stop is not read as cut short: %j', (_l, text) => {
		expect(best(text).corrections).toEqual([]);
	});

	it.each([
		['es', 'aire comprimido Kompak'],
		['pt', 'ar comprimido Kompak'],
	])('%s: %j does not read a compressor from "compressed air"', (_l, text) => {
		expect(best(text).corrections.map((c) => c.to)).not.toContain('compressor');
	});

	it.each([
		['it', '2 termometri Testo 104, grazie'],
		['es', '2 termómetros Testo 104, gracias'],
		['pl', '2 termometry Testo 104, dziękuję'],
	])('%s: a line read through a word of the same root goes to a person: %j', (_l, text) => {
		const quote = buildQuote(text, kitchen, { currency: 'EUR' }, { now: NOW });
		expect(quote.lines.map((l) => `${l.sku} x${l.qty}`)).toEqual(['TS-104 x2']);
		expect(quote.route).toBe('review');
	});
});
