// Words of every trade that pipes a fluid (ADR 0076): a ball valve, the metal of its body (brass, stainless),
// a solenoid's coil, a fitting's elbow. A catalog exported without keywords names them in English only; the
// buyer writes them in his language ("Kugelhahn Edelstahl", "robinet à tournant sphérique laiton", "cewka").
// The catalog below (a brewery supplier) and every sentence are written for the test.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, buildQuote, parseRequest, search } from '../../../core/quote';
import { normalizeText, textTerms } from '../../../core/quote/tokenize';
import { item, NOW } from './samples.mts';

const brewery = buildCatalogIndex([
	item({ sku: 'BV-B20', name: 'Ball valve brass DN20 beer line', manufacturer: 'Brauko' }),
	item({ sku: 'BV-S20', name: 'Ball valve stainless DN20 beer line', manufacturer: 'Brauko' }),
	item({ sku: 'BF-S20', name: 'Butterfly valve stainless DN20 beer line', manufacturer: 'Brauko' }),
	item({ sku: 'CL-24', name: 'Coil 24 V 22 mm for dosing valve, spare', manufacturer: 'Brauko' }),
	item({ sku: 'DV-24', name: 'Dosing valve 24 V complete', manufacturer: 'Brauko' }),
	item({ sku: 'EL-15', name: 'Press elbow copper 15 mm', manufacturer: 'Kuprex' }),
	item({ sku: 'TE-15', name: 'Press tee copper 15 mm', manufacturer: 'Kuprex' }),
	item({ sku: 'ST-15', name: 'Press coupling straight copper 15 mm', manufacturer: 'Kuprex' }),
	item({ sku: 'KW-01', name: 'Keg washer single head', manufacturer: 'Brauko' }),
]);

const top = (text: string) => {
	const [requirement] = parseRequest(text).requirements;
	return search(brewery, requirement, 3).candidates[0]?.item.sku;
};
const terms = (text: string) => textTerms(normalizeText(text));

describe('a ball valve and its metal, in the buyer language', () => {
	it.each([
		['de', 'Kugelhahn Edelstahl DN20 für die Bierleitung', 'BV-S20'],
		['de', 'drei Kugelhähne aus Messing, DN20', 'BV-B20'],
		['fr', 'robinet à tournant sphérique laiton DN20', 'BV-B20'],
		['fr', 'vanne à boisseau sphérique inox DN20', 'BV-S20'],
		['it', 'valvola a sfera in acciaio inossidabile DN20', 'BV-S20'],
		['it', 'valvola a sfera ottone DN20', 'BV-B20'],
		['es', 'válvula de bola de latón DN20', 'BV-B20'],
		['pt', 'válvula de esfera em latão DN20', 'BV-B20'],
		['nl', 'kogelkraan RVS DN20 voor de bierleiding', 'BV-S20'],
		['pl', 'zawór kulowy mosiężny DN20', 'BV-B20'],
	])('%s: %j → %s', (_lang, text, sku) => {
		expect(top(text)).toBe(sku);
	});
});

describe('a coil and an elbow, in the buyer language', () => {
	it.each([
		['de', 'Ersatz-Spule 24 V für das Dosierventil', 'CL-24'],
		['pl', 'cewka 24 V do zaworu dozującego', 'CL-24'],
		['nl', 'reserve spoel 24 V', 'CL-24'],
		['fr', 'coude à sertir cuivre 15 mm', 'EL-15'],
		['es', 'codo de cobre 15 mm para prensar', 'EL-15'],
		['it', 'gomito a pressare rame 15 mm', 'EL-15'],
		['pt', 'cotovelo de cobre 15 mm', 'EL-15'],
		['fr', 'raccord à sertir droit cuivre 15 mm', 'ST-15'],
		['it', 'raccordo a pressare dritto rame 15 mm', 'ST-15'],
		['es', 'racor recto de cobre 15 mm', 'ST-15'],
		['pt', 'conector reto de cobre 15 mm', 'ST-15'],
		['pl', 'złączka prosta miedź 15 mm', 'ST-15'],
	])('%s: %j → %s', (_lang, text, sku) => {
		expect(top(text)).toBe(sku);
	});
});

describe('what the words do not change (near misses)', () => {
	it.each([
		// VA is a volt-ampere, Ms a millisecond: no metal
		['Spule 24 V 3 VA', 'stainless'],
		['Schaltzeit 20 ms', 'brass'],
		// an angle is no elbow; a tap alone is no ball valve; a sphere alone is no ball valve
		['Winkel 90 Grad', 'elbow'],
		['rubinetto da cucina', 'ball'],
		['una sfera di vetro', 'ball'],
		// a valve without the ball stays a valve
		['vanne papillon inox', 'ball'],
		// the side a thing is on is no straight fitting
		['la válvula a la derecha', 'straight'],
		['a destra del quadro', 'straight'],
	])('%j reads no %s', (text, word) => {
		expect(terms(text)).not.toContain(word);
	});

	it('a butterfly valve in stainless stays a butterfly valve', () => {
		expect(top('Absperrklappe butterfly Edelstahl DN20')).toBe('BF-S20');
	});

	it.each([
		// a reel of cable as much as a coil: no coil
		['2 bobinas de 100 m de cable'],
		['bobines de 50 m'],
	])('%j reads no coil', (text) => {
		expect(terms(text)).not.toContain('coil');
	});

	it('a dosing valve asked for is not its spare coil', () => {
		expect(top('Dosierventil 24 V komplett')).toBe('DV-24');
	});
});

describe("a count of the item's own head word is no count of packs (quote.ts countsTheItemsHead)", () => {
	const lines = (text: string) =>
		buildQuote(text, brewery, { currency: 'EUR' }, { now: NOW }).lines.map(
			(l) => `${l.sku} x${l.qty}`,
		);

	it.each([
		['en', 'please quote 2 coils 24 V 22 mm', 'CL-24 x2'],
		['de', 'Brauche 3 Spulen 24 V 22 mm, Abholung morgen', 'CL-24 x3'],
		['nl', 'graag 4 spoelen 24 V 22 mm', 'CL-24 x4'],
	])('%s: %j → %s', (_lang, text, line) => {
		expect(lines(text)).toEqual([line]);
	});

	it.each([
		// a pack word that is not the first word of the item's name stays a pack of nothing named
		['please quote 2 rolls 24 V 22 mm'],
		['bitte 2 Kartons 24 V 22 mm'],
	])('%j quotes nothing', (text) => {
		expect(lines(text)).toEqual([]);
	});
});
