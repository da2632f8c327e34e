// Kinds of request the reader learnt in round 3 of ADR 0054 (from the misses left on the tuning split):
// a forwarded list under a line that names a day ("before the 15th"); items sold in fixed lengths asked for
// in metres. Every sentence is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { readMessage } from '../../../core/quote';
import { quoteOn, sortedLines } from './labelled.mts';

const quote = quoteOn;
const lines = sortedLines;

describe('a day or a rank on top of a forwarded list names nothing to quote (message.ts)', () => {
	const list = 'Please get these: 2 IKA RCT basic stirrers and 1 Sorvall ST 8.';
	it.each([
		['en', 'Can you price this? We need it before the 15th.', '-------- Original Message --------'],
		[
			'en',
			'Could you price this please, our deadline is the 21st.',
			'-------- Forwarded message --------',
		],
		['fr', 'Tu peux chiffrer ça ? Il le faut avant le 1er.', '-------- Message transféré --------'],
		[
			'es',
			'¿Me pasas precio de esto? Lo necesitamos antes del 3º.',
			'-------- Mensaje reenviado --------',
		],
		['it', 'Mi fai un prezzo? Serve entro il 2º.', '-------- Messaggio inoltrato --------'],
		[
			'pt',
			'Consegue orçamentar isto? Precisamos antes do 5º.',
			'-------- Mensagem encaminhada --------',
		],
		[
			'nl',
			'Kun je dit prijzen? Het moet voor de 15e binnen zijn.',
			'-------- Doorgestuurd bericht --------',
		],
		[
			'de',
			'Kannst du das anbieten? Wir brauchen es vor dem 15.',
			'-------- Weitergeleitete Nachricht --------',
		],
		['pl', 'Możesz to wycenić? Potrzebne do 15.', '-------- Wiadomość przekazana --------'],
	])('%s: %s', (_, top, header) => {
		const text = `${top}\nThanks, Laura\n\n${header}\nFrom: Prof. Osei\n\n${list}\nKwame`;
		const read = readMessage(text);
		expect(read.read_older).toBe(true);
		const q = quote('lab', text);
		expect(lines(q)).toEqual(['0003810001 x2', '75007200 x1']);
		// who asks, and whether the older list still stands, is for a person
		expect(q.route).toBe('review');
	});
});

describe('an item sold in fixed lengths asked for in metres (packs.ts lengthCount)', () => {
	it.each([
		['en', 'Please quote 30 m of OBO RKS cable tray 60x200.'],
		['de', 'Bitte 30 m Kabelrinne OBO RKS 60x200 anbieten.'],
		['fr', 'Merci de chiffrer 30 m de chemin de câbles OBO RKS 60x200.'],
		['es', 'Necesito 30 m de bandeja portacables OBO RKS 60x200.'],
		['it', 'Ci servono 30 m di passerella portacavi OBO RKS 60x200.'],
		['pt', 'Precisamos de 30 m de eletrocalha OBO RKS 60x200.'],
		['nl', 'Graag 30 meter kabelgoot OBO RKS 60x200.'],
		['pl', 'Proszę o wycenę 30 m korytka kablowego OBO RKS 60x200.'],
	])('%s: %s → 10 lengths of 3 m', (_, text) => {
		expect(lines(quote('electrical', text))).toEqual(['OBO-RKS-200 x10']);
	});

	it.each([
		['en', 'We need 100 m of rigid PVC conduit 20 mm.'],
		['pl', 'Proszę o wycenę: rurka PVC sztywna 20 mm – 100 m.'],
		['de', 'Bitte 100 m Kabelrinne OBO RKS 60x200.'],
	])('%s: %s → no whole number of lengths: rounded up, to a person', (_, text) => {
		const q = quote('electrical', text);
		expect(q.lines.map((l) => l.qty)).toEqual([34]);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(/no whole number/);
	});

	it('a length shorter than one piece is no count of pieces', () => {
		const q = quote('electrical', 'We need 2 m of rigid PVC conduit 20 mm.');
		expect(q.lines.some((l) => l.sku === 'PVC-CONDUIT-20' && l.qty > 1)).toBe(false);
	});

	it('a per-metre item keeps its metres', () => {
		expect(
			lines(quote('electrical', 'We need 60 m of flexible corrugated conduit 20 mm.')),
		).toEqual(['FLEX-CONDUIT-20 x60']);
	});
});

describe('a choice of two counts is the lower one, to a person (read/uncertainCounts.ts EITHER)', () => {
	it.each([
		[
			'en',
			"We're after 3-4 Eppendorf ThermoMixer C for the prep lab, final number depends on budget.",
		],
		['en', 'We need 3 or 4 Eppendorf ThermoMixer C.'],
		['de', 'Wir suchen 3 oder 4 Eppendorf ThermoMixer C für das Labor.'],
		['fr', 'Nous cherchons 3 ou 4 Eppendorf ThermoMixer C pour le labo.'],
		['es', 'Buscamos 3 o 4 Eppendorf ThermoMixer C para el laboratorio.'],
		['it', 'Cerchiamo 3 o 4 Eppendorf ThermoMixer C per il laboratorio.'],
		['pt', 'Procuramos 3 ou 4 Eppendorf ThermoMixer C para o laboratório.'],
		['nl', 'We zoeken 3 à 4 Eppendorf ThermoMixer C voor het lab.'],
		['pl', 'Szukamy 3 lub 4 Eppendorf ThermoMixer C do laboratorium.'],
	])('%s: %s', (_, text) => {
		const q = quote('lab', text);
		expect(lines(q)).toEqual(['5382000015 x3']);
		expect(q.route).toBe('review');
	});

	it.each([
		['en', 'We need 50 or 60 m of NYM-J 5x2.5 cable.'],
		['de', 'Wir brauchen 50 oder 60 m NYM-J 5x2,5.'],
		['fr', 'Il nous faut 50 ou 60 m de câble NYM-J 5x2,5.'],
		['es', 'Necesito unos 50 o 60 metros de cable NYM-J 5x2,5.'],
		['it', 'Ci servono 50 o 60 metri di cavo NYM-J 5x2,5.'],
		['pt', 'Precisamos de 50 ou 60 metros de cabo NYM-J 5x2,5.'],
		['nl', 'Graag tussen 50 en 60 meter NYM-J 5x2,5 kabel.'],
		['pl', 'Potrzebujemy 50 lub 60 m kabla NYM-J 5x2,5.'],
	])('%s: %s → 50 m, never 50 × 60', (_, text) => {
		const q = quote('electrical', text);
		expect(lines(q)).toEqual(['NYM-J-5X2.5 x50']);
		expect(q.route).toBe('review');
	});
});

describe("a number the item's own name states is no pack size (packs.ts)", () => {
	// "96-well PCR plates, box of 50": "boxes … of 96 wells" are 2 boxes, not 2 × 96 plates in boxes of 50
	it.each([
		['en', 'For our 4 groups: 2 boxes of Bio-Rad Hard-Shell PCR plates of 96 wells per group.'],
		[
			'de',
			'Für unsere 4 Gruppen: 2 Kartons Bio-Rad Hard-Shell PCR-Platten zu 96 Wells pro Gruppe.',
		],
		[
			'fr',
			'Pour nos 4 groupes : 2 boîtes de plaques PCR Bio-Rad Hard-Shell de 96 puits par groupe.',
		],
		[
			'es',
			'Para nuestros 4 grupos: 2 cajas de placas PCR Bio-Rad Hard-Shell de 96 pocillos por grupo.',
		],
		[
			'it',
			'Per i 4 gruppi: due scatole di piastre PCR Bio-Rad Hard-Shell da 96 pozzetti per gruppo.',
		],
		['pt', 'Para os 4 grupos: 2 caixas de placas PCR Bio-Rad Hard-Shell de 96 poços por grupo.'],
		['nl', 'Voor onze 4 groepen: 2 dozen Bio-Rad Hard-Shell PCR-platen van 96 wells per groep.'],
	])('%s: %s', (_, text) => {
		expect(lines(quote('lab', text))).toEqual(['HSP9601 x8']);
	});
});
