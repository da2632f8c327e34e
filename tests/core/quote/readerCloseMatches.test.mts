// Items found but not taken (ADR 0068): requirements whose first closest item was the one meant, left
// unmatched. Every sentence is written for the test, one row per kind and language, with the near misses
// that must not change.
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../core/quote';
import { quoteOn, sortedLines } from './labelled.mts';

const lines = sortedLines;
const weak = (q: Quote) => q.lines.filter((l) => l.certain === false).map((l) => l.sku);

describe('words nobody knows around the catalog words of an item: a weak line for a person (quote.ts holdsEveryKnownWord)', () => {
	it.each([
		[
			'sv',
			'Hej! Till vårt nya kontor i Umeå vill vi gärna ha fem ABB Terra AC laddboxar på 22 kW.',
			'WALLBOX-22KW',
		],
		[
			'da',
			'Vi skal bruge 4 stk. ABB Terra AC ladestandere på 11 kW til parkeringen ved kontoret.',
			'WALLBOX-11KW',
		],
		[
			'tr',
			'Merhaba, yeni ofisimiz için 3 adet ABB Terra AC şarj istasyonu 22 kW fiyatı rica ederiz.',
			'WALLBOX-22KW',
		],
	])('%s: %s', (_lang, text, sku) => {
		const q = quoteOn('electrical', text);
		expect(q.lines.map((l) => l.sku)).toEqual([sku]);
		expect(weak(q)).toEqual([sku]);
		expect(q.route).toBe('review');
	});

	it.each([
		// the maker alone names no item: an ABB servo motor is no ABB wallbox
		['sv', 'Hej, kan ni skicka pris på 3 st ABB servomotorer 22 kW?'],
		// a code nobody knows may be the product
		['da', 'Vi skal bruge 4 stk. ABB Terra AC ladekabler XK-4471 til parkeringen.'],
		// a product the catalog does not sell, beside a maker and a rating
		['da', 'Vi skal bruge 4 stk. Hager varmepumper 16 A til kontoret.'],
	])('near miss, %s: %s → no line', (_lang, text) => {
		const q = quoteOn('electrical', text);
		expect(q.lines).toEqual([]);
		expect(q.unmatched_requirements.length).toBeGreaterThan(0);
	});
});

describe('a signature on one line, its fields apart by "|" (read/signature.ts pipedSignature)', () => {
	it.each([
		[
			'en',
			'Please quote 5 x OBO T60 junction boxes.\n\nThanks, Megan | Sparkline Electrical Ltd | 07700 900123 | VAT GB123456789',
			['OBO-T60 x5'],
		],
		[
			'nl',
			'Graag een offerte voor 2 ABB Terra AC wallboxen 22 kW.\nGroet, Sanne | Installatiebedrijf De Vries | 06 12345678 | KvK 12345678',
			['WALLBOX-22KW x2'],
		],
		[
			'pl',
			'Proszę o wycenę 8 szt. Hager MBN116.\nPozdrawiam, Tomasz Nowak | Elektro-Serwis Sp. z o.o. | tel. 601 234 567 | NIP 525-000-12-34',
			['HAG-MBN116 x8'],
		],
		[
			'de',
			'Bitte um Angebot für 10 Hager MBN116.\n\nMit freundlichen Grüßen\nJan Becker | Elektro Becker GmbH | Tel. 0711 2345678 | USt-IdNr. DE123456789',
			['HAG-MBN116 x10'],
		],
	])('%s: the signature is no part of the request', (_lang, text, expected) => {
		const q = quoteOn('electrical', text);
		expect(lines(q)).toEqual(expected);
		expect(q.unmatched_requirements).toEqual([]);
	});

	it('en: the signature of an older message read with the newest one', () => {
		const q = quoteOn(
			'electrical',
			'Please add 2 more OBO T60.\n\nOn Mon, 1 Dec 2026, Megan <m@s.co.uk> wrote:\n> Please quote 5 x LED exit signs\n> Thanks, Megan | Sparkline Electrical Ltd | 07700 900123 | VAT GB123456789',
		);
		expect(lines(q)).toEqual(['EMERG-EXIT-LED x5', 'OBO-T60 x2']);
		expect(q.unmatched_requirements).toEqual([]);
	});

	it('near miss: a table with bars is read, its rows are no signature', () => {
		const q = quoteOn('electrical', 'Item | Qty\nHager MBN116 | 10\nOBO T60 | 4');
		expect(lines(q)).toEqual(['HAG-MBN116 x10', 'OBO-T60 x4']);
	});
});

describe('an ellipsis of the nearest product named, past a part that names none (requirements.ts)', () => {
	it.each([
		[
			'en',
			'We would like 4 KROHNE OPTIFLUX 2300 C flowmeters, DN80, one per tank, and 2 DN100.',
			2,
		],
		[
			'de',
			'Wir brauchen 3 KROHNE OPTIFLUX 2300 C Durchflussmesser DN80, einen pro Becken, und 1 DN100.',
			1,
		],
		['es', 'Necesitamos 5 caudalímetros KROHNE OPTIFLUX 2300 C DN80, uno por bomba, y 2 DN100.', 2],
		['fr', 'Il nous faut 2 débitmètres KROHNE OPTIFLUX 2300 C DN80, un par ligne, et 1 DN100.', 1],
	])('%s: %s', (_lang, text, n) => {
		const q = quoteOn('industrial', text);
		expect(lines(q)).toContain(`OPTIFLUX2300C-DN100 x${n}`);
	});

	it('near miss: an ellipsis right after its product is read as before', () => {
		const q = quoteOn(
			'industrial',
			'We need 4 KROHNE OPTIFLUX 2300 C flowmeters DN80 and 2 DN100.',
		);
		expect(lines(q)).toEqual(['OPTIFLUX2300C-DN100 x2', 'OPTIFLUX2300C-DN80 x4']);
	});
});

describe('a word of a pack that begins a product name is the name (read/quantity.ts productNameAt)', () => {
	it.each([
		['es', 'Necesitamos 12 cajas de derivación OBO T60 para la obra.', 'OBO-T60 x12'],
		['fr', 'Il nous faudrait 8 boîtes de dérivation OBO T60, merci.', 'OBO-T60 x8'],
		['pt', 'Precisamos de 6 caixas de derivação OBO T60.', 'OBO-T60 x6'],
		['it', 'Ci servono 9 scatole di derivazione OBO T60.', 'OBO-T60 x9'],
		['fr', 'Devis SVP : OBO T 60 boîtes de dérivation : 14 pièces', 'OBO-T60 x14'],
	])('%s: %s', (_lang, text, line) => {
		expect(lines(quoteOn('electrical', text))).toEqual([line]);
	});

	it.each([
		['es', 'Necesitamos 3 cajas de guantes de nitrilo talla M.', 3],
		['fr', 'Il nous faut 4 boîtes de cônes 200 µL.', 4],
	])('near miss, %s: a box of a product is still a count of boxes: %s', (_lang, text, n) => {
		const q = quoteOn('lab', text);
		expect(q.lines.map((l) => l.qty)).toEqual([n]);
	});
});

describe('Italian "di" before a count after a word of asking is "of", not digital inputs (attributes.ts)', () => {
	it.each([
		[
			'Buongiorno, ci mandate il prezzo di 6 interruttori Hager MBN116?',
			'electrical',
			'HAG-MBN116 x6',
		],
		['Vorremmo un preventivo di 4 wallbox ABB Terra AC 22 kW.', 'electrical', 'WALLBOX-22KW x4'],
		['Ci serve un offerta di 10 scatole di derivazione OBO T60.', 'electrical', 'OBO-T60 x10'],
		['Avremmo bisogno di 3 moduli 6ES7521-1BL00-0AB0.', 'industrial', '6ES7521-1BL00-0AB0 x3'],
	])('it: %s', (text, catalog, line) => {
		expect(lines(quoteOn(catalog as 'electrical' | 'industrial', text))).toEqual([line]);
	});

	it('near miss, it: a module "DI 16" is still sixteen digital inputs', () => {
		expect(lines(quoteOn('industrial', 'Ci servono 2 moduli DI 16 ET 200SP.'))).toEqual([
			'6ES7131-6BH01-0BA0 x2',
		]);
	});

	it('near miss, pl: "do 3" after a word of asking may be "up to 3" and is read as before', () => {
		const q = quoteOn('industrial', 'Prosimy o wycenę do 3 modułów 6ES7521-1BL00-0AB0.');
		expect(q.route).toBe('review');
	});
});

describe('the number of an earlier quote of the seller is a reference, not a product (read/references.ts)', () => {
	it.each([
		[
			'en',
			'Further to your quote Q-2026-0881 of last week, could you also price 4 LED emergency exit lights?',
		],
		['de', 'Bezug: Ihr Angebot AN-2026-0412 – bitte zusätzlich 4 LED-Notleuchten anbieten.'],
		['fr', 'Suite à votre devis n° D-2026-0733, merci de chiffrer aussi 4 blocs de secours LED.'],
	])('%s: %s', (_lang, text) => {
		const q = quoteOn('electrical', text);
		expect(lines(q)).toEqual(['EMERG-EXIT-LED x4']);
		expect(q.unmatched_requirements).toEqual([]);
	});

	it('es: the reference is no requirement', () => {
		const q = quoteOn(
			'electrical',
			'Con referencia a su oferta OF-2026-215, necesitamos además 4 luces de emergencia LED.',
		);
		expect(q.unmatched_requirements.some((u) => u.requirement.includes('OF-2026'))).toBe(false);
	});

	it('near miss: "your quote for 4 …" without a number of its own keeps its count', () => {
		expect(
			lines(
				quoteOn('electrical', 'Thanks for your quote for 4 Hager MBN116, please add 2 OBO T60.'),
			),
		).toEqual(['HAG-MBN116 x4', 'OBO-T60 x2']);
	});
});
