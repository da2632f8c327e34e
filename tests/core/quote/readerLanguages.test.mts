// The kinds of French, Polish and Dutch sentences the reader used to miss (issue 15, session 8, ADR 0042),
// one row per kind, each in a sentence unlike the labelled requests T-240…T-279 it was found on: declined
// and plural product words, the Polish barred l, hours and metres in each language, joiners of two words
// and elided ones, piece abbreviations with a full stop, "nr. N", number words as written, "N dozen"
// (Dutch boxes), fault reports, nouns before their adjectives in a group, a place named by its number.
import { describe, expect, it } from 'vitest';
import { buildQuote, normalizeText, parseRequest, readMessage } from '../../../core/quote';
import { lemmaOf } from '../../../core/quote/read/inflection';
import { blankLabels } from '../../../core/quote/read/labels';
import { labelledCatalogs, LABELLED_NOW } from './labelled.mts';

const counts = (text: string) => parseRequest(text).requirements.map((r) => r.qty);
const quote = (text: string, catalog: 'industrial' | 'electrical' | 'lab') => {
	const q = buildQuote(
		text,
		labelledCatalogs()[catalog].index,
		{ currency: 'EUR' },
		{ now: LABELLED_NOW },
	);
	return { route: q.route, lines: q.lines.map((l) => `${l.sku}:${l.qty}`) };
};

describe('declined and plural product words (read/inflection.ts, endings in vocabulary.ts)', () => {
	const known = new Set(['falownik', 'zasilacz', 'automaat', 'trasmettitore', 'rouleau']);
	it.each([
		['falownikow', 'falownik'],
		['zasilaczy', 'zasilacz'],
		['zasilaczu', 'zasilacz'],
		['automaten', 'automaat'],
		['trasmettitori', 'trasmettitore'],
		['rouleaux', 'rouleau'],
	])('%s is read as %s', (form, lemma) => {
		expect(lemmaOf(form, (w) => known.has(w))).toBe(lemma);
	});
	it('leaves a word alone when no lemma is known', () => {
		expect(lemmaOf('przewodnik', (w) => known.has(w))).toBe('przewodnik');
		expect(lemmaOf('falownik', (w) => known.has(w))).toBe('falownik');
	});
	it('folds the Polish barred l', () => {
		expect(normalizeText('Pudełek, szkło')).toBe('pudelek, szklo');
	});
	it('finds drives and power supplies named in Polish cases', () => {
		expect(
			quote(
				'Prosimy o trzy falowniki Danfoss FC 302 7,5 kW oraz dwa zasilacze SITOP 10 A.',
				'industrial',
			),
		).toMatchObject({ lines: ['FC-302P7K5T5E20H1:3', '6EP3334-8SB00-0AY0:2'] });
	});
	it('reads a Dutch compound whose last part is plural', () => {
		expect(quote('Graag 4 noodverlichtingsarmaturen.', 'electrical').lines).toEqual([
			'EMERG-EXIT-LED:4',
		]);
	});
});

describe('counts and units in French, Polish, Dutch and Italian', () => {
	it.each([
		['Proszę o 120 metrów przewodu NYM-J 5x2,5.', 'electrical', ['NYM-J-5X2.5:120']],
		['Wycena: 6 godzin programowania PLC.', 'industrial', ['SRV-PLC-PROG:6']],
		['Richiesta: nr. 3 alimentatori SITOP 20 A', 'industrial', ['6EP3336-8SB00-0AY0:3']],
		['Graag 6 dozen Kimtech Purple handschoenen maat L.', 'lab', ['90628:6']],
		['Merci de chiffrer 4 cartes mémoire SIMATIC 12 Mo.', 'industrial', ['6ES7954-8LE03-0AA0:4']],
	] as const)('%s', (text, catalog, lines) => {
		expect(quote(text, catalog).lines).toEqual(lines);
	});
	it('a piece abbreviation with a full stop ends no sentence', () => {
		expect(counts('Proszę o 4 szt. KTP700 Basic i 2 szt. KTP1200 Basic.')).toEqual([4, 2]);
	});
	it('number words are read as written after a joiner ("i pięciu", "en één")', () => {
		expect(counts('Potrzebujemy dwóch paneli KTP700 Basic i pięciu paneli KTP900 Basic.')).toEqual([
			2, 5,
		]);
		expect(
			quote('Graag twee Danfoss FC 302 regelaars van 30 kW en één van 7,5 kW.', 'industrial').lines,
		).toEqual(['FC-302P30KT5E20H1:2', 'FC-302P7K5T5E20H1:1']);
	});
});

describe('where an item ends', () => {
	it('a joiner of two words splits, with its elided form ("ainsi qu\'un")', () => {
		expect(
			counts("Merci de chiffrer 3 variateurs ATV320 2,2 kW ainsi qu'un écran KTP700 Basic."),
		).toEqual([3, 1]);
		expect(counts('Prosimy o 2 switche SCALANCE XB008 a także 3 zasilacze SITOP 5 A.')).toEqual([
			2, 3,
		]);
	});
	it('a Dutch "en" before a model code splits, and each item keeps its own count', () => {
		expect(counts('Wij hebben nodig: Hager MCN116 (12x) en MCN320 (3x).')).toEqual([12, 3]);
		expect(counts('Offerte: kabelgoot OBO RKS 60x100 x 10, flexibele buis 20 mm x 50')).toEqual([
			10, 50,
		]);
	});
	it('a group noun before its adjectives and a trailing "na <group>" multiply every item', () => {
		expect(
			quote(
				'Dla 3 linii montażowych: po jednym panelu KTP700 Basic i po jednym switchu SCALANCE XB005 na linię.',
				'industrial',
			).lines,
		).toEqual(['6AV2123-2GB03-0AX0:3', '6GK5005-0BA00-1AB2:3']);
	});
	it('a place named by its number is no count, a count after a place word still is', () => {
		expect(blankLabels('Pour la ligne 3 on aurait besoin de 2 switchs')).toBe(
			'Pour la         on aurait besoin de 2 switchs',
		);
		expect(blankLabels('Für Linie 2: 4 x ACS580')).toBe('Für        : 4 x ACS580');
		expect(blankLabels('sur chaque ligne 3 variateurs')).toBe('sur chaque ligne 3 variateurs');
	});
});

describe('fault reports ask for no quote', () => {
	it.each([
		'Bonjour, la centrifugeuse 5424 R affiche une erreur au démarrage, que faire ?',
		'Hallo, onze Fluke 117 geeft een foutmelding bij het meten. Groet, Tim',
		'Dzień dobry, waga Quintix 224-1S nie działa po kalibracji.',
	])('%s', (text) => {
		expect(readMessage(text).asks_for_quote).toBe(false);
	});
	it('a request that names a fault still asks for a quote', () => {
		expect(
			readMessage('Notre variateur est en panne : merci de chiffrer 1 ATV320 4 kW.').asks_for_quote,
		).toBe(true);
	});
});
