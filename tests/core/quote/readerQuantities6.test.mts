// Counts after verbs of asking (ADR 0065): a count right after a verb of asking the count reader did not
// read past ("necesitaríamos 4 …", "ci servirebbero 4 …"), a count after a verb the reader does not know
// that is shaped as one ("ordineremmo 4 …", "zamówilibyśmy 4 …"), an Italian "n. 4" opening a part, and
// a count after a dash at the end of a line of a list ("– dwa,", "– due,"); a name, a word for pieces and a
// number are a model ("Sorvall ST 8"), not a count.
// Every sentence is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { numberWordsToDigits } from '../../../core/numberWords';
import { analyze } from '../../../core/quote/read/analysis';
import { normalizeText } from '../../../core/quote/tokenize';
import { countAfterAskingVerb } from '../../../core/quote/read/count';
import { quoteOn, sortedLines } from './labelled.mts';

describe('a count after the words of who asks (read/functionWords.ts, read/words.ts LEADING_FILLER)', () => {
	it.each([
		['es', 'Para el laboratorio nuevo necesitaríamos 4 IKA RCT basic.'],
		['it', 'Per il nuovo laboratorio ci servirebbero 4 IKA RCT basic.'],
		['pl', 'Do nowego laboratorium potrzebowalibyśmy 4 IKA RCT basic.'],
		['fr', 'Pour le nouveau labo, il nous faudrait 4 IKA RCT basic.'],
		['de', 'Für das neue Labor bräuchten wir 4 IKA RCT basic.'],
		['nl', 'Voor het nieuwe lab zouden we graag 4 IKA RCT basic bestellen.'],
		['pt', 'Para o novo laboratório gostaríamos de encomendar 4 IKA RCT basic.'],
		['en', 'For the new lab we would want 4 IKA RCT basic.'],
		['es', 'Cotícenme 4 IKA RCT basic, por favor.'],
	])('%s: %s', (_, text) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(['0003810001 x4']);
	});

	it.each([
		['es', 'Necesitaríamos 2 Fluke 117 para el taller.'],
		['it', 'Ci servirebbero 2 Fluke 117 per l’officina.'],
		['pt', 'Gostaríamos de encomendar 2 multímetros Fluke 117.'],
		['pl', 'Potrzebowalibyśmy 2 Fluke 117 na warsztat.'],
	])('a brand and its model number after the verb, %s: %s', (_, text) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual(['FLUKE-117 x2']);
	});
});

describe('a count after a verb the reader does not know, shaped as a verb of asking (count.ts countAfterAskingVerb)', () => {
	it.each([
		['es', 'Requeriríamos 4 IKA RCT basic.'],
		['es', 'Mandadme 4 IKA RCT basic.'],
		['pt', 'Encomendaríamos 4 IKA RCT basic.'],
		['fr', 'Nous commanderions 4 IKA RCT basic.'],
		['it', 'Ordineremmo 4 IKA RCT basic.'],
		['pl', 'Zamówilibyśmy 4 IKA RCT basic.'],
		['pl', 'Kupilibyśmy 4 IKA RCT basic.'],
	])('%s: %s', (_, text) => {
		const q = quoteOn('lab', text);
		expect(sortedLines(q)).toEqual(['0003810001 x4']);
		// the verb is still a word the reader does not know: a person confirms it
		expect(q.route).toBe('review');
	});

	it.each([['a product name before its model number', 'Fluke 117 multimeter']])(
		'%s: "%s" reads no count',
		(_, text) => {
			expect(analyze(text).qty).toBeNull();
		},
	);

	const tokens = (text: string) =>
		[...text.matchAll(/\S+/g)].map((m) => ({
			token: m[0],
			start: m.index,
			end: m.index + m[0].length,
		}));
	it.each([
		['zamowilibysmy 3 mieszadla', 3],
		['ordineremmo 12 agitatori', 12],
		// too short to carry the ending, a size, a code, a count that is no count of pieces
		['ramy 3 panele', null],
		['requeririamos 3 mm', null],
		['ordineremmo 3 6es7', null],
		['ordineremmo 1500 agitatori', null],
	])('"%s" → %s', (text, qty) => {
		expect(countAfterAskingVerb(tokens(text))?.qty ?? null).toBe(qty);
	});
});

describe('a name, a word for pieces and a number are a model, not a count (count.ts namesModel)', () => {
	it.each([
		['en', 'We need a Sorvall ST 8 centrifuge.', ['75007200 x1']],
		['de', 'Wir brauchen eine Sorvall ST 8 Zentrifuge.', ['75007200 x1']],
		['en', 'Please quote 2 Sorvall ST 8 centrifuges.', ['75007200 x2']],
	])('%s: %s', (_, text, expected) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(expected);
	});
});

describe('a count prefix opening a part (count.ts leadingToken, before the articles)', () => {
	it.each([
		[
			'it',
			'Richiediamo offerta per n. 2 Sorvall ST 8 e n. 3 IKA RCT basic.',
			['0003810001 x3', '75007200 x2'],
		],
		[
			'it',
			'Vi chiediamo n. 2 Sorvall ST 8 e nr. 3 IKA RCT basic.',
			['0003810001 x3', '75007200 x2'],
		],
	])('%s: %s', (_, text, expected) => {
		expect(sortedLines(quoteOn('lab', text))).toEqual(expected);
	});

	it("the Dutch 'n (one) before a product is still an article", () => {
		expect(analyze("'n IKA RCT basic").qty).toBeNull();
		expect(analyze("'n IKA RCT basic").startsWithQuantity).toBe(true);
	});
});

describe('a count written after a dash at the end of a line of a list, before the list’s comma (quantity.ts TRAILING_COUNT, numberWords.ts)', () => {
	it.each([
		['en', 'Please quote:', 'IKA RCT basic stirrer – two,', 'Eppendorf 5424 R centrifuge – three.'],
		[
			'de',
			'Bitte anbieten:',
			'Magnetrührer IKA RCT basic – zwei,',
			'Zentrifuge Eppendorf 5424 R – drei.',
		],
		[
			'fr',
			'Merci de chiffrer :',
			'agitateur IKA RCT basic – deux ;',
			'centrifugeuse Eppendorf 5424 R – trois.',
		],
		['es', 'Cotícenme:', 'agitador IKA RCT basic – dos,', 'centrífuga Eppendorf 5424 R – tres.'],
		[
			'it',
			'Vi chiediamo un’offerta:',
			'agitatore IKA RCT basic – due,',
			'centrifuga Eppendorf 5424 R – tre.',
		],
		[
			'pt',
			'Pedimos orçamento:',
			'agitador IKA RCT basic – dois,',
			'centrífuga Eppendorf 5424 R – três.',
		],
		[
			'nl',
			'Graag een offerte:',
			'roerder IKA RCT basic – twee,',
			'centrifuge Eppendorf 5424 R – drie.',
		],
		[
			'pl',
			'Prosimy o wycenę:',
			'mieszadło IKA RCT basic – dwa,',
			'wirówka Eppendorf 5424 R – trzy.',
		],
		[
			'en',
			'Please quote:',
			'IKA RCT basic stirrer, 230 V - 2;',
			'Eppendorf 5424 R centrifuge - 3;',
		],
	])('%s: %s', (_, top, first, second) => {
		const text = `${top}\n- ${first}\n- ${second}`;
		expect(sortedLines(quoteOn('lab', text))).toEqual(['0003810001 x2', '5404000413 x3']);
	});

	it.each([
		['a month after a dash', 'Lieferung – Dez.'],
		['a word after the ambiguous one', 'payment – due next week'],
	])('%s: "%s" has no count', (_, text) => {
		expect(numberWordsToDigits(normalizeText(text))).not.toMatch(/\d/);
	});
});
